package registry

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const account = "123456789012"

var primaryRepos = []string{"notify/api", "notify/document-download", "notify/documentation", "notify/heartbeat",
	"notify/system_status", "notify/google-cidr", "notify/ses_to_sqs_email_callbacks", "notify/sns_to_sqs_sms_callbacks",
	"notify/pinpoint_to_sqs_sms_callbacks"}

func keyArn(region string) pulumi.StringInput {
	return pulumi.String("arn:aws:kms:" + region + ":" + account + ":key/" + region)
}

// run builds the registry the way the composition will: admin only where the environment has
// it, the SMS region's Lambda images in us-west-2 and ses_receiving_emails in us-east-1.
func run(t *testing.T, admin, forceDelete bool, mutate func(*Args)) (*pulumimock.Mocks, *Registry, error) {
	var reg *Registry
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		west, err := aws.NewProvider(ctx, "us-west-2", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		east, err := aws.NewProvider(ctx, "us-east-1", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		primary := append([]string(nil), primaryRepos...)
		if admin {
			primary = append(primary, "notify/admin")
		}
		args := Args{
			ForceDelete: forceDelete,
			Regions: map[string]Region{
				"ca-central-1": {KmsKeyArn: keyArn("ca-central-1"), Names: primary},
				"us-west-2": {Provider: west, KmsKeyArn: keyArn("us-west-2"),
					Names: []string{"notify/sns_to_sqs_sms_callbacks", "notify/pinpoint_to_sqs_sms_callbacks"}},
				"us-east-1": {Provider: east, KmsKeyArn: keyArn("us-east-1"), Names: []string{"notify/ses_receiving_emails"}},
			},
		}
		if mutate != nil {
			mutate(&args)
		}
		reg, err = New(ctx, "registry", args)
		return err
	})
	return m, reg, err
}

func TestRegistryAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env         string
		admin       bool
		forceDelete bool
	}{{"dev", true, true}, {"staging", true, false}, {"production", false, false}} {
		t.Run(tc.env, func(t *testing.T) {
			m, reg, err := run(t, tc.admin, tc.forceDelete, nil)
			require.NoError(t, err)
			repos := m.ByType("aws:ecr/repository:Repository")
			want := len(primaryRepos) + 3
			if tc.admin {
				want++
			}
			require.Len(t, repos, want)
			assert.Len(t, m.ByType("aws:ecr/lifecyclePolicy:LifecyclePolicy"), want, "one lifecycle policy per repository")

			_, hasAdmin := m.Find("aws:ecr/repository:Repository", "registry-ca-central-1-notify-admin")
			assert.Equal(t, tc.admin, hasAdmin, "notify/admin exists only where the composition lists it")

			for _, r := range repos {
				assert.Equal(t, Mutable, r.Input("imageTagMutability"), r.Name)
				assert.Equal(t, tc.forceDelete, r.Input("forceDelete"), r.Name)
				assert.Equal(t, map[string]any{"scanOnPush": true}, r.Input("imageScanningConfiguration"), r.Name)
				enc := r.Input("encryptionConfigurations").([]any)[0].(map[string]any)
				assert.Equal(t, "KMS", enc["encryptionType"], r.Name)
				assert.Contains(t, r.Parent, "gcnotify:registry:Registry", r.Name)
			}

			west := m.Get(t, "aws:ecr/repository:Repository", "registry-us-west-2-notify-pinpoint_to_sqs_sms_callbacks")
			assert.Contains(t, west.Provider, "pulumi:providers:aws::us-west-2")
			assert.Equal(t, "arn:aws:kms:us-west-2:"+account+":key/us-west-2",
				west.Input("encryptionConfigurations").([]any)[0].(map[string]any)["kmsKey"], "a region's repositories use that region's key")
			east := m.Get(t, "aws:ecr/repository:Repository", "registry-us-east-1-notify-ses_receiving_emails")
			assert.Contains(t, east.Provider, "pulumi:providers:aws::us-east-1")
			api := m.Get(t, "aws:ecr/repository:Repository", "registry-ca-central-1-notify-api")
			assert.Equal(t, "notify/api", api.String("name"), "names are the contract with CI")
			assert.Empty(t, api.Provider, "the primary region uses the component's provider")

			lp := m.Get(t, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-ca-central-1-notify-api")
			assert.JSONEq(t, LifecyclePolicy(7, 10), lp.String("policy"))

			require.Contains(t, reg.URLs, "us-east-1")
			assert.Contains(t, reg.URLs["us-east-1"], "notify/ses_receiving_emails")
			assert.Contains(t, reg.ARNs["ca-central-1"], "notify/api")
		})
	}
}

func TestRegistryURLsAreRegional(t *testing.T) {
	var url string
	_, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		west, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		reg, err := New(ctx, "registry", Args{Regions: map[string]Region{
			"us-west-2": {Provider: west, KmsKeyArn: keyArn("us-west-2"), Names: []string{"notify/pinpoint_to_sqs_sms_callbacks"}},
		}})
		if err != nil {
			return err
		}
		ctx.Export("capture-121", reg.URLs["us-west-2"]["notify/pinpoint_to_sqs_sms_callbacks"].ApplyT(func(s string) string { url = s; return s }))
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, pulumimock.Account+".dkr.ecr.us-west-2.amazonaws.com/notify/pinpoint_to_sqs_sms_callbacks", url)
}

func TestLifecyclePolicyExpiresOnlyUntaggedImages(t *testing.T) {
	var p struct {
		Rules []struct {
			RulePriority int `json:"rulePriority"`
			Selection    struct {
				TagStatus   string `json:"tagStatus"`
				CountType   string `json:"countType"`
				CountUnit   string `json:"countUnit"`
				CountNumber int    `json:"countNumber"`
			} `json:"selection"`
			Action struct {
				Type string `json:"type"`
			} `json:"action"`
		} `json:"rules"`
	}
	require.NoError(t, json.Unmarshal([]byte(LifecyclePolicy(5, 20)), &p))
	require.Len(t, p.Rules, 2)
	priorities := map[int]bool{}
	for _, r := range p.Rules {
		assert.Equal(t, "untagged", r.Selection.TagStatus, "a tagged image may still be deployed")
		assert.Equal(t, "expire", r.Action.Type)
		priorities[r.RulePriority] = true
	}
	assert.Len(t, priorities, 2, "ECR wants distinct priorities")
	assert.Equal(t, "imageCountMoreThan", p.Rules[0].Selection.CountType)
	assert.Equal(t, 20, p.Rules[0].Selection.CountNumber)
	assert.Equal(t, "sinceImagePushed", p.Rules[1].Selection.CountType)
	assert.Equal(t, "days", p.Rules[1].Selection.CountUnit)
	assert.Equal(t, 5, p.Rules[1].Selection.CountNumber)
}

func TestValidRepositoryName(t *testing.T) {
	for name, ok := range map[string]bool{
		"notify/api": true, "notify/ses_to_sqs_email_callbacks": true, "notify/google-cidr": true,
		"Notify/api": false, "notify//api": false, "notify/": false, "a": false, "-notify": false,
	} {
		assert.Equal(t, ok, ValidRepositoryName(name) == nil, name)
	}
}

func TestRegistryRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := New(ctx, "registry", Args{
			ImageTagMutability: "SOMETIMES",
			UntaggedKeep:       -1,
			Regions: map[string]Region{
				"ca-central-1": {KmsKeyArn: keyArn("ca-central-1"), Names: []string{"notify/api"}},
				"us-east-1":    {Names: []string{"Notify/Bad"}},
				"west":         {KmsKeyArn: keyArn("us-west-2"), Names: []string{"notify/a", "notify/a"}},
			},
		})
		return err
	})
	require.Error(t, err)
	for _, want := range []string{`ImageTagMutability: got "SOMETIMES"`, "UntaggedKeep: got -1", "Regions[us-east-1].KmsKeyArn",
		`"Notify/Bad"`, `got region "west"`, `got "notify/a" and "notify/a"`, "without a Provider"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
