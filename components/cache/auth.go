package cache

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

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

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// auth sets up RBAC: a user group with the application user and a disabled default user.
//
// The application user's password is generated in Go (crypto/rand) and stored once in a
// Secrets Manager secret whose value the program then ignores: a fresh password is generated
// on every run, but only the first run's value is ever written. The ElastiCache user and the
// URL outputs read the password back from the stored secret version, never from the fresh
// value, so they always agree with what was stored and nothing changes between runs.
// Rotation is `pulumi up --replace` on the secret version: the new password then flows to the
// user and to every URL built from AuthPassword. This avoids a random provider (not among the
// program's modules) and a Secrets Manager GetRandomPassword invoke, which would also return a
// new value on every run. The disabled default user's password is never used and never stored.
func (c *Cache) auth(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (pulumi.StringInput, error) {
	fresh, err := newPassword(32)
	if err != nil {
		return nil, err
	}
	initial, _ := json.Marshal(credentials{Username: AppUserName, Password: fresh})
	physical := args.NamePrefix + "-cache-credentials"
	secret, err := secretsmanager.NewSecret(ctx, name+"-credentials", &secretsmanager.SecretArgs{
		Name:                 pulumi.String(physical),
		Description:          pulumi.String("Valkey user " + AppUserName + " of the main and queue caches"),
		KmsKeyId:             args.KmsKeyArn,
		RecoveryWindowInDays: pulumi.Int(0),
		Tags:                 tagging.Named(physical),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cache credentials secret: %w", err)
	}
	version, err := secretsmanager.NewSecretVersion(ctx, name+"-credentials", &secretsmanager.SecretVersionArgs{
		SecretId:     secret.ID(),
		SecretString: pulumi.ToSecret(pulumi.String(string(initial))).(pulumi.StringOutput),
	}, append([]pulumi.ResourceOption{pulumi.IgnoreChanges([]string{"secretString"})}, child...)...)
	if err != nil {
		return nil, fmt.Errorf("cache credentials secret version: %w", err)
	}
	c.AuthSecretArn = secret.Arn
	c.AuthPassword = pulumi.ToSecret(version.SecretString.ApplyT(func(s *string) (string, error) {
		var cred credentials
		if s == nil {
			return "", nil
		}
		if err := json.Unmarshal([]byte(*s), &cred); err != nil {
			return "", fmt.Errorf("cache credentials secret: not {\"username\", \"password\"} JSON: %w", err)
		}
		return cred.Password, nil
	})).(pulumi.StringOutput)

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
	throwaway, err := newPassword(32)
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
