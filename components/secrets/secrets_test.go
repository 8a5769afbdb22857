package secrets

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	keyArn      = "arn:aws:kms:ca-central-1:123456789012:key/main"
	secretType  = "aws:secretsmanager/secret:Secret"
	versionType = "aws:secretsmanager/secretVersion:SecretVersion"
)

// valuesFor gives every derived secret a value naming the environment.
func valuesFor(env string) map[string]pulumi.StringInput {
	values := map[string]pulumi.StringInput{}
	for _, e := range Catalogue() {
		if e.Source == Derived {
			values[e.Name] = pulumi.String(env + ":" + e.Name)
		}
	}
	return values
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, *Secrets, error) {
	return componenttest.Build(t, New, "secrets", args)
}

func TestSecretsAcrossEnvironments(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			m, s, err := run(t, Args{KmsKeyArn: pulumi.String(keyArn), Values: valuesFor(env), Protect: true})
			require.NoError(t, err)
			catalogue := Catalogue()
			secrets := m.ByType(secretType)
			require.Len(t, secrets, len(catalogue))
			assert.Len(t, s.Arns, len(catalogue))
			for _, r := range secrets {
				assert.Equal(t, keyArn, r.Input("kmsKeyId"), r.Name)
				assert.Equal(t, 0.0, r.Input("recoveryWindowInDays"), r.Name)
				assert.Contains(t, r.Parent, "gcnotify:secrets:Secrets", r.Name)
			}
			versions := map[string]pulumimock.Resource{}
			for _, v := range m.ByType(versionType) {
				versions[v.Name] = v
			}
			for _, e := range catalogue {
				logical := "secrets-" + logicalKey(e.Name)
				secret := m.Get(t, secretType, logical)
				assert.Equal(t, e.Name, secret.Input("name"))
				v, hasVersion := versions[logical]
				switch e.Source {
				case Derived:
					if assert.True(t, hasVersion, "%s is written by the program", e.Name) {
						assert.Equal(t, env+":"+e.Name, v.Input("secretString"))
						assert.Equal(t, logical+"-id", v.Input("secretId"))
						assert.True(t, v.Inputs["secretString"].ContainsSecrets(), "%s: the value is a Pulumi secret", e.Name)
					}
					assert.False(t, secret.Protect, "%s is reproducible", e.Name)
				case Seeded:
					assert.False(t, hasVersion, "%s is seeded outside: the program must never write a version", e.Name)
					assert.True(t, secret.Protect, "%s holds the only copy of its value", e.Name)
				}
			}
		})
	}
}

func TestCatalogueHasTheChartsNames(t *testing.T) {
	byName := map[string]Entry{}
	for _, e := range Catalogue() {
		byName[e.Name] = e
	}
	assert.GreaterOrEqual(t, len(byName), 45, "about 50 secrets")
	for name, source := range map[string]Source{
		"MANIFEST_SQLALCHEMY_DATABASE_URI": Derived, "MANIFEST_SQLALCHEMY_DATABASE_READER_URI": Derived,
		"MANIFEST_REDIS_URL": Derived, "MANIFEST_REDIS_PUBLISH_URL": Derived, "MANIFEST_POSTGRES_HOST": Derived,
		"MANIFEST_SECRET_KEY": Seeded, "MANIFEST_DANGEROUS_SALT": Seeded, "MANIFEST_ADMIN_CLIENT_SECRET": Seeded,
		"MANIFEST_NEW_RELIC_LICENSE_KEY": Seeded, "MANIFEST_AWS_PINPOINT_DEFAULT_POOL_ID": Seeded,
	} {
		if assert.Contains(t, byName, name) {
			assert.Equal(t, source, byName[name].Source, name)
			assert.NotEmpty(t, byName[name].Description, name)
		}
	}
	assert.Equal(t, "redis-url", logicalKey("MANIFEST_REDIS_URL"))
}

func TestPostgresURI(t *testing.T) {
	var got string
	var wg sync.WaitGroup
	_, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		wg.Add(1)
		PostgresURI("notify_app", pulumi.String("p@ss:w/rd"), pulumi.String("proxy.example"), "NotificationCanadaCa").
			ApplyT(func(s string) string { got = s; wg.Done(); return s })
		return nil
	})
	require.NoError(t, err)
	wg.Wait()
	assert.Equal(t, "postgresql://notify_app:p%40ss%3Aw%2Frd@proxy.example/NotificationCanadaCa?sslmode=require", got)
}

func TestSecretsRefuseBadValuesBeforeRegistering(t *testing.T) {
	values := valuesFor("dev")
	delete(values, RedisURL)
	values["MANIFEST_SECRET_KEY"] = pulumi.String("must not be written by the program")
	values["MANIFEST_NOT_A_SECRET"] = pulumi.String("x")
	values[PostgresHost] = nil
	catalogue := append(Catalogue(), Entry{Name: "MANIFEST_REDIS_URL", Source: Derived}, Entry{Name: "bad name!", Source: "generated"})
	m, _, err := run(t, Args{Values: values, Catalogue: catalogue})
	require.Error(t, err)
	for _, want := range []string{"KmsKeyArn", "Values: missing MANIFEST_REDIS_URL", "Values: got MANIFEST_SECRET_KEY, a seeded secret",
		"Values: got MANIFEST_NOT_A_SECRET, which is not in the catalogue", "Values[MANIFEST_POSTGRES_HOST]: got nil",
		"got MANIFEST_REDIS_URL twice", `got name "bad name!"`, `got source "generated"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
