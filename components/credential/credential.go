// Package credential is a generated user name and password stored once in Secrets Manager: the
// password is generated in Go (crypto/rand) on every run, but only the first run's value is
// ever written, and the program reads the password back from the stored secret version, so
// nothing changes between runs. Rotation is `pulumi up --replace <the version's URN>`: the new
// password then flows to every output built from Password.
//
// This avoids the random provider (not among the program's modules) and a Secrets Manager
// GetRandomPassword invoke, which would return a new value on every run.
package credential

import (
	"cmp"
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures a credential.
type Args struct {
	// SecretName is the secret's physical name: 1 to 512 ASCII letters, digits and /_+=.@-,
	// not ending with a hyphen and six characters (Secrets Manager's ARN suffix). Required.
	SecretName string
	// Description is the secret's description, up to 2048 characters. Default
	// "Credentials of <Username>".
	Description string
	// Username is the user the password belongs to: 1 to 128 letters, digits, '_', '.' or '-'.
	// Required.
	Username string
	// KmsKeyArn encrypts the secret. Required.
	KmsKeyArn pulumi.StringInput
	// PasswordLength is the password's length, 16 to 128 (ElastiCache's bounds; PostgreSQL
	// takes any). Default 32.
	PasswordLength int
	// Alphabet is the characters the password is drawn from, each once. Only the characters
	// RFC 3986 leaves unreserved are allowed (ASCII letters, digits, '-', '.', '_', '~'), so the
	// password never needs escaping in a postgres:// or rediss:// URL. PasswordLength and
	// Alphabet together must give at least 128 bits. Default DefaultAlphabet (letters, digits).
	Alphabet string
	// Protect sets Pulumi's protect flag on the secret, not on its version, so that
	// `pulumi up --replace` on the version still rotates the password. Default false.
	Protect bool
	// Previous is where the secret and its version were registered before they moved under
	// this component; they get pulumi.Aliases from there, so existing stacks adopt them
	// instead of replacing them. Default none.
	Previous *Previous
}

// Previous names the former place of a credential's secret and version.
type Previous struct {
	// Name was the logical name of both the secret and its version. Required.
	Name string
	// Parent was their parent resource. Default none: they were top-level resources.
	Parent pulumi.Resource
}

// Credential is the secret and its stored version.
type Credential struct {
	pulumi.ResourceState

	// SecretArn is the secret's ARN; it resolves once the value is stored, so a consumer (an
	// RDS Proxy auth, a policy) never sees an empty secret.
	SecretArn pulumi.StringOutput
	// Username is the user name.
	Username string
	// Password is the stored password (a secret output).
	Password pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.Description = cmp.Or(a.Description, "Credentials of "+a.Username)
	a.PasswordLength = cmp.Or(a.PasswordLength, 32)
	a.Alphabet = cmp.Or(a.Alphabet, DefaultAlphabet)
	return a
}

// New creates the credential. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Credential, error) {
	args = args.withDefaults()
	if err := args.validate(); err != nil {
		return nil, err
	}
	fresh, err := NewPassword(args.PasswordLength, args.Alphabet)
	if err != nil {
		return nil, err
	}
	initial, err := json.Marshal(Value{Username: args.Username, Password: fresh})
	if err != nil {
		return nil, err
	}
	c := &Credential{Username: args.Username}
	if err := ctx.RegisterComponentResource("gcnotify:credential:Credential", name, c, opts...); err != nil {
		return nil, err
	}
	secret, err := secretsmanager.NewSecret(ctx, name+"-secret", &secretsmanager.SecretArgs{
		Name:                 pulumi.String(args.SecretName),
		Description:          pulumi.String(args.Description),
		KmsKeyId:             args.KmsKeyArn,
		RecoveryWindowInDays: pulumi.Int(0),
		Tags:                 tagging.Named(args.SecretName),
	}, pulumi.Parent(c), pulumi.Protect(args.Protect), args.aliases())
	if err != nil {
		return nil, fmt.Errorf("credential %s secret: %w", name, err)
	}
	version, err := secretsmanager.NewSecretVersion(ctx, name+"-version", &secretsmanager.SecretVersionArgs{
		SecretId:     secret.ID(),
		SecretString: pulumi.ToSecret(pulumi.String(string(initial))).(pulumi.StringOutput),
	}, pulumi.Parent(c), pulumi.IgnoreChanges([]string{"secretString"}), args.aliases())
	if err != nil {
		return nil, fmt.Errorf("credential %s secret version: %w", name, err)
	}
	c.SecretArn = pulumi.All(secret.Arn, version.VersionId).ApplyT(func(v []any) string {
		return v[0].(string)
	}).(pulumi.StringOutput)
	physical, user := args.SecretName, args.Username
	c.Password = pulumi.ToSecret(version.SecretString.ApplyT(func(s *string) (string, error) {
		return storedPassword(physical, user, s)
	})).(pulumi.StringOutput)
	// Password is registered too, so that a stored value it cannot read fails the deployment
	// even when nothing else consumes it yet.
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"secretArn": c.SecretArn,
		"username":  pulumi.String(c.Username),
		"password":  c.Password,
	})
}

// storedPassword reads the password from the stored secret value. A stored user name other
// than the expected one means Username changed after the first run, which the ignored
// secretString would silently keep: the version must be replaced.
func storedPassword(secretName, username string, stored *string) (string, error) {
	if stored == nil {
		return "", fmt.Errorf("credential %s: the stored version has no secretString", secretName)
	}
	var v Value
	if err := json.Unmarshal([]byte(*stored), &v); err != nil {
		return "", fmt.Errorf("credential %s: stored value is not {\"username\", \"password\"} JSON: %w", secretName, err)
	}
	if v.Username != username {
		return "", fmt.Errorf("credential %s: stored username %q, want %q; replace the secret version (pulumi up --replace) to store the new user", secretName, v.Username, username)
	}
	if v.Password == "" {
		return "", fmt.Errorf("credential %s: stored password is empty", secretName)
	}
	return v.Password, nil
}

// aliases points the secret and the version at their previous URN, if any.
func (a Args) aliases() pulumi.ResourceOption {
	if a.Previous == nil {
		return pulumi.Aliases(nil)
	}
	alias := pulumi.Alias{Name: pulumi.String(a.Previous.Name)}
	if a.Previous.Parent != nil {
		alias.Parent = a.Previous.Parent
	} else {
		alias.NoParent = pulumi.Bool(true)
	}
	return pulumi.Aliases([]pulumi.Alias{alias})
}
