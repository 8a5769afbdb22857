package stacks

// Permanent lists the long-lived environments, whose stateful resources stay protected; every
// other stack is short-lived and its file must set ephemeral: true.
var Permanent = []string{"dev", "staging", "production"}

// Defaults is the configuration of an environment before its stack file is read: the one place
// where defaults live. Fields without a sensible default (sizes, budgets) stay zero and are
// reported as missing by Validate. Fields not named here default to their zero value (false,
// empty, none), as their comments in config.go say.
func Defaults(stack string) Config {
	return Config{
		Environment: stack,
		Regions: Regions{
			Primary: "ca-central-1",
			Email:   "us-east-1",
			SMS:     "us-west-2",
			Backup:  "ca-west-1",
		},
		Network: Network{
			VpcCidr:           "10.0.0.0/16",
			AvailabilityZones: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		},
		EKS:                EKS{Version: "1.36"},
		Database:           Database{EngineVersion: "16.8", Instances: 3},
		Cache:              Cache{Nodes: 3},
		DeletionProtection: true,
		LogRetentionDays:   365,
		WAFNewRuleMode:     "count",
		// Today's size in production and staging (dev's is 20, set in its stack file).
		GooglePrefixListMaxEntries: 100,
		Drill:                      Drill{RTOMinutes: 240},
		ClientVPN:                  ClientVPN{SAMLProviderName: "client-vpn", ClientCidr: "172.16.0.0/22"},
		DatabaseTools:              DatabaseTools{InstanceClass: "db.t4g.micro", ImageTag: "latest"},
		Athena:                     Athena{BytesScannedCutoffGiB: 100},
		Alarms:                     Alarms{DocumentDownloadBucketSizeGiB: 100},
	}
}

// derive fills the defaults that depend on other values once the stack file has been read.
func (c Config) derive() Config {
	if c.DNS.ZoneName == "" {
		c.DNS.ZoneName = c.Domain
	}
	if c.CI.StateBucket == "" {
		c.CI.StateBucket = "gcnotify-pulumi-state-" + c.AccountID
	}
	if c.CI.SecretsKeyArn == "" {
		c.CI.SecretsKeyArn = "arn:aws:kms:" + c.Regions.Primary + ":" + c.AccountID + ":alias/gcnotify-pulumi-secrets"
	}
	images := map[string]string{"default": "latest"}
	for k, v := range c.LambdaImageTags {
		images[k] = v
	}
	c.LambdaImageTags = images
	tags := map[string]string{"CostCenter": "notification-canada-ca-" + c.Environment}
	for k, v := range c.Tags {
		tags[k] = v
	}
	c.Tags = tags
	return c
}
