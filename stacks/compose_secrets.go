package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/keys"
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
func composeSecrets(ctx *pulumi.Context, cfg Config, p Providers, k *keys.Keys, data Data,
	lb *loadbalancer.LoadBalancer) (*secrets.Secrets, error) {
	db, c := data.Database, data.Cache
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
	return secrets.New(ctx, "secrets", secrets.Args{
		KmsKeyArn: k.MainKeyArn, Values: values, Protect: cfg.Protect(),
	}, pulumi.Provider(p.Primary))
}
