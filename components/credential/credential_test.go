package credential

import (
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	keyArn      = "arn:aws:kms:ca-central-1:123456789012:key/main"
	secretType  = "aws:secretsmanager/secret:Secret"
	versionType = "aws:secretsmanager/secretVersion:SecretVersion"
)

func argsFor(env string) Args {
	return Args{
		SecretName: "notification-canada-ca-" + env + "-database-app-user",
		Username:   "notify_app",
		KmsKeyArn:  pulumi.String(keyArn),
		Protect:    env != "dev",
	}
}

type result struct {
	m                   *pulumimock.OptionMocks
	cred                *Credential
	password, secretArn string
}

// run creates the credential under mocks and resolves its outputs; stored, when given, is the
// secret version's value from an earlier run (what the engine answers for an ignored input).
func run(t *testing.T, args Args, stored string) (result, error) {
	r := result{m: pulumimock.NewOptionMocks("test")}
	if stored != "" {
		r.m.HandleOutputs(versionType, func(pulumimock.Resource, string, string) resource.PropertyMap {
			return resource.PropertyMap{"secretString": resource.MakeSecret(resource.NewStringProperty(stored))}
		})
	}
	var wg sync.WaitGroup
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		old := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("gcnotify:database:Database", "database", old); err != nil {
			return err
		}
		if args.Previous != nil && args.Previous.Parent != nil {
			args.Previous.Parent = old
		}
		c, err := New(ctx, "database-app-user", args)
		if err != nil {
			return err
		}
		r.cred = c
		wg.Add(1)
		pulumi.All(c.Password, c.SecretArn).ApplyT(func(v []any) error {
			r.password, r.secretArn = v[0].(string), v[1].(string)
			wg.Done()
			return nil
		})
		return nil
	}, pulumi.WithMocks(pulumimock.Project, "test", r.m))
	if err == nil {
		waitFor(t, &wg)
	}
	return r, err
}

// waitFor fails the test rather than hanging when an output never resolves.
func waitFor(t *testing.T, wg *sync.WaitGroup) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("outputs did not resolve")
	}
}

func TestCredentialAcrossEnvironments(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			args := argsFor(env)
			r, err := run(t, args, "")
			require.NoError(t, err)
			secret := r.m.Get(t, secretType, "database-app-user-secret")
			assert.Equal(t, args.SecretName, secret.Input("name"))
			assert.Equal(t, "Credentials of notify_app", secret.Input("description"))
			assert.Equal(t, keyArn, secret.Input("kmsKeyId"))
			assert.Equal(t, 0.0, secret.Input("recoveryWindowInDays"))
			assert.Equal(t, map[string]any{"Name": args.SecretName}, secret.Input("tags"))
			assert.Equal(t, env != "dev", secret.Protect)

			version := r.m.Get(t, versionType, "database-app-user-version")
			assert.False(t, version.Protect, "a protected version could not be replaced to rotate")
			assert.Equal(t, []string{"secretString"}, r.m.Options(versionType, version.Name).IgnoreChanges)
			assert.Equal(t, "database-app-user-secret-id", version.Input("secretId"))
			assert.True(t, version.Inputs["secretString"].IsSecret())
			var stored map[string]string
			require.NoError(t, json.Unmarshal([]byte(version.String("secretString")), &stored))
			assert.Equal(t, []string{"password", "username"}, slices.Sorted(maps.Keys(stored)), "RDS Proxy reads exactly these keys")
			assert.Equal(t, "notify_app", stored["username"])
			assert.Regexp(t, `^[A-Za-z0-9]{32}$`, stored["password"])

			assert.Equal(t, stored["password"], r.password)
			assert.Regexp(t, `^arn:aws:secretsmanager:ca-central-1:123456789012:secret:`+args.SecretName+`-[A-Za-z0-9]{6}$`, r.secretArn)
			assert.Equal(t, "notify_app", r.cred.Username)
			for _, res := range []pulumimock.Resource{secret, version} {
				assert.Contains(t, res.Parent, "gcnotify:credential:Credential::database-app-user")
				assert.Empty(t, r.m.Options(res.Type, res.Name).Aliases)
			}
		})
	}
}

func TestCredentialPasswordLengthAndAlphabet(t *testing.T) {
	args := argsFor("staging")
	args.PasswordLength = 64
	args.Alphabet = "abcdef0123456789-._~"
	args.Description = "Valkey user notify"
	r, err := run(t, args, "")
	require.NoError(t, err)
	assert.Regexp(t, `^[a-f0-9._~-]{64}$`, r.password)
	assert.Equal(t, "Valkey user notify", r.m.Get(t, secretType, "database-app-user-secret").Input("description"))
}

// TestCredentialUsesThePasswordStoredEarlier plays a second run: the version answers with the
// value stored by the first run (its input is ignored), and Password must be the stored one,
// not the one generated in this run.
func TestCredentialUsesThePasswordStoredEarlier(t *testing.T) {
	r, err := run(t, argsFor("production"), `{"username":"notify_app","password":"storedEarlier"}`)
	require.NoError(t, err)
	assert.Equal(t, "storedEarlier", r.password)
	generated := r.m.Get(t, versionType, "database-app-user-version").String("secretString")
	assert.NotContains(t, generated, "storedEarlier", "this run generated its own value, which is ignored")
}

func TestCredentialRefusesAStoredValueOfAnotherUser(t *testing.T) {
	for stored, want := range map[string]string{
		`{"username":"notify","password":"storedEarlier"}`: `stored username "notify", want "notify_app"`,
		`storedEarlier`:             "not {\"username\", \"password\"} JSON",
		`{"username":"notify_app"}`: "stored password is empty",
	} {
		_, err := run(t, argsFor("dev"), stored)
		require.Error(t, err, stored)
		assert.Contains(t, err.Error(), want)
	}
}

func TestCredentialAliasesTheFormerSecretAndVersion(t *testing.T) {
	args := argsFor("staging")
	args.Previous = &Previous{Name: "database-app-user", Parent: &struct{ pulumi.ResourceState }{}} // replaced by the run's component
	r, err := run(t, args, "")
	require.NoError(t, err)
	for _, typ := range []string{secretType, versionType} {
		name := map[string]string{secretType: "database-app-user-secret", versionType: "database-app-user-version"}[typ]
		assert.Equal(t, []string{pulumimock.URN("test", "gcnotify:database:Database", typ, "database-app-user")},
			r.m.Options(typ, name).Aliases)
	}

	args.Previous = &Previous{Name: "app-user"}
	r, err = run(t, args, "")
	require.NoError(t, err)
	assert.Equal(t, []string{pulumimock.URN("test", "", secretType, "app-user")},
		r.m.Options(secretType, "database-app-user-secret").Aliases)
}

func TestCredentialRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := Args{
		SecretName:     "notification canada/app-user-abc123",
		Description:    string(make([]byte, 2049)),
		Username:       "notify app",
		PasswordLength: 12,
		Alphabet:       "ab@",
		Previous:       &Previous{},
	}
	r, err := run(t, args, "")
	require.Error(t, err)
	for _, want := range []string{`SecretName: got "notification canada/app-user-abc123"`, "Description: got 2049 characters",
		`Username: got "notify app"`, "KmsKeyArn: got nil", "PasswordLength: got 12", `Alphabet: got "ab@": '@' needs escaping`,
		"Previous.Name"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, r.m.ByType(secretType))
	assert.Empty(t, r.m.ByType("gcnotify:credential:Credential"))

	for name, want := range map[string]string{
		"app-user-abc123":         "ends with a hyphen and six characters",
		string(make([]byte, 513)): "513 characters",
	} {
		a := argsFor("dev")
		a.SecretName = name
		assert.ErrorContains(t, a.Validate(), want)
	}
	weak := argsFor("dev")
	weak.PasswordLength, weak.Alphabet = 16, "abcdef0123456789"
	assert.ErrorContains(t, weak.Validate(), "64 bits; want at least 128 bits")
	assert.NoError(t, argsFor("dev").Validate())
}
