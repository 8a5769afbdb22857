package cache

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/credential"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// AppUserName is the user the application authenticates as.
const AppUserName = "notify"

// Access strings: the application may run every command on every key and channel; the
// built-in default user, which a user group must contain, is switched off.
const (
	appAccess     = "on ~* &* +@all"
	defaultAccess = "off -@all"
)

// auth sets up RBAC: a user group with the application user and a disabled default user.
//
// The application user's password is a credential.Credential: generated once, stored in the
// secret <prefix>-cache-credentials and read back from it, so the ElastiCache user and the
// URL outputs always agree with what was stored and nothing changes between runs. Rotation is
// `pulumi up --replace` on the credential's secret version. The secret and its version were
// children of this component before the credential component existed: their aliases keep
// existing stacks from replacing them. The disabled default user's password is never used and
// never stored.
func (c *Cache) auth(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (pulumi.StringInput, error) {
	cred, err := credential.New(ctx, name+"-credentials", args.credential(c, name), child...)
	if err != nil {
		return nil, fmt.Errorf("cache credentials: %w", err)
	}
	c.AuthSecretArn = cred.SecretArn
	c.AuthPassword = cred.Password

	app, err := elasticache.NewUser(ctx, name+"-app-user", &elasticache.UserArgs{
		UserId:       pulumi.String("notify-" + args.Environment + "-app"),
		UserName:     pulumi.String(AppUserName),
		Engine:       pulumi.String("valkey"),
		AccessString: pulumi.String(appAccess),
		AuthenticationMode: elasticache.UserAuthenticationModeArgs{
			Type:      pulumi.String("password"),
			Passwords: pulumi.StringArray{c.AuthPassword},
		},
		Tags: tagging.Named("notify-" + args.Environment + "-app"),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cache app user: %w", err)
	}
	throwaway, err := credential.NewPassword(32, credential.DefaultAlphabet)
	if err != nil {
		return nil, err
	}
	off, err := elasticache.NewUser(ctx, name+"-default-user", &elasticache.UserArgs{
		UserId:       pulumi.String("notify-" + args.Environment + "-default"),
		UserName:     pulumi.String("default"),
		Engine:       pulumi.String("valkey"),
		AccessString: pulumi.String(defaultAccess),
		AuthenticationMode: elasticache.UserAuthenticationModeArgs{
			Type:      pulumi.String("password"),
			Passwords: pulumi.ToSecret(pulumi.StringArray{pulumi.String(throwaway)}).(pulumi.StringArrayOutput),
		},
		Tags: tagging.Named("notify-" + args.Environment + "-default"),
	}, append([]pulumi.ResourceOption{pulumi.IgnoreChanges([]string{"authenticationMode"})}, child...)...)
	if err != nil {
		return nil, fmt.Errorf("cache default user: %w", err)
	}
	groupID := "notify-" + args.Environment + "-cache-users"
	group, err := elasticache.NewUserGroup(ctx, name+"-users", &elasticache.UserGroupArgs{
		UserGroupId: pulumi.String(groupID),
		Engine:      pulumi.String("valkey"),
		UserIds:     pulumi.StringArray{off.UserId, app.UserId},
		Tags:        tagging.Named(groupID),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cache user group: %w", err)
	}
	return group.UserGroupId, nil
}

// credential is the application user's credential. Its secret is not protected: a lost
// password is replaced by a new one on the next run, which the user and the URLs follow.
func (a Args) credential(parent pulumi.Resource, name string) credential.Args {
	return credential.Args{
		SecretName:  a.NamePrefix + "-cache-credentials",
		Description: "Valkey user " + AppUserName + " of the main and queue caches",
		Username:    AppUserName,
		KmsKeyArn:   a.KmsKeyArn,
		Previous:    &credential.Previous{Name: name + "-credentials", Parent: parent},
	}
}
