package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/loadbalancer"
	"github.com/cds-snc/notification-pulumi/components/secrets"
)

// The application's database and the PostgreSQL role it connects as through the RDS Proxy.
const (
	AppDatabaseName = "NotificationCanadaCa"
	AppDatabaseUser = "notify_app"
)

// composeSecrets builds the Secrets Manager containers the Helm charts read. The derived ones
// are written from the outputs of the database, the caches and the load balancer, so a rebuild
// produces secrets that point at the rebuilt endpoints without anyone copying values by hand.
func (env *Environment) composeSecrets(ctx *pulumi.Context) error {
	db, c, lb := env.Database, env.Cache, env.LoadBalancer
	readWrite := secrets.PostgresURI(db.AppUserName, db.AppUserPassword, db.ProxyEndpoint, AppDatabaseName)
	values := map[string]pulumi.StringInput{
		secrets.SQLAlchemyDatabaseURI:       readWrite,
		secrets.SQLAlchemyDatabaseReaderURI: secrets.PostgresURI(db.AppUserName, db.AppUserPassword, db.ProxyReadOnlyEndpoint, AppDatabaseName),
		secrets.PostgresSQL:                 readWrite,
		secrets.PostgresHost:                db.Endpoint,
		secrets.RedisURL:                    c.URL(c.Main),
		// The application publishes its notification batches to the queue cache.
		secrets.RedisPublishURL:             c.URL(c.Queue),
		secrets.APITargetGroupArn:           lb.TargetGroupArns[loadbalancer.TargetAPI],
		secrets.AdminTargetGroupArn:         lb.TargetGroupArns[loadbalancer.TargetAdmin],
		secrets.DocumentAPITargetGroupArn:   lb.TargetGroupArns[loadbalancer.TargetDocumentAPI],
		secrets.DocumentTargetGroupArn:      lb.TargetGroupArns[loadbalancer.TargetDocument],
		secrets.DocumentationTargetGroupArn: lb.TargetGroupArns[loadbalancer.TargetDocumentation],
	}
	var err error
	env.Secrets, err = secrets.New(ctx, "secrets", secrets.Args{
		KmsKeyArn: env.Keys.MainKeyArn, Values: values, Protect: env.Config.Protect(),
	}, pulumi.Provider(env.Providers.Primary))
	return err
}
