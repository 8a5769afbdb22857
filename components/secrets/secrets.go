// Package secrets is the Secrets Manager containers the Helm charts read through the secrets
// store CSI driver. Each secret is either derived (the program writes its value from other
// components' outputs, passed in as Values) or seeded (the program creates only the container;
// the value is written outside the program, which never creates a version for it and so never
// overwrites it). All are encrypted with the environment's KMS key and have a recovery window
// of 0, so a rebuilt environment can reuse the names at once.
package secrets

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures the secrets.
type Args struct {
	// KmsKeyArn encrypts every secret. Required.
	KmsKeyArn pulumi.StringInput
	// Values are the derived secrets' values by secret name: one for every Derived entry, and
	// none for another name. Required.
	Values map[string]pulumi.StringInput
	// Catalogue lists the secrets. Default Catalogue().
	Catalogue []Entry
	// Protect sets Pulumi's protect flag on the seeded secrets, whose values exist nowhere in
	// the program. Default false (the composition sets it everywhere but in ephemeral stacks).
	Protect bool
}

// Secrets is the secrets.
type Secrets struct {
	pulumi.ResourceState

	// Arns are the secrets' ARNs by name.
	Arns map[string]pulumi.StringOutput
	// AllArns are every secret's ARN in name order, for the policy of the role that reads them.
	AllArns pulumi.StringArrayOutput
}

func (a Args) withDefaults() Args {
	if a.Catalogue == nil {
		a.Catalogue = Catalogue()
	}
	return a
}

// secretName is Secrets Manager's rule for names.
var secretName = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,512}$`)

// logicalKey is the stable part of a secret's logical name: MANIFEST_REDIS_URL -> redis-url.
func logicalKey(name string) string {
	return strings.ToLower(strings.NewReplacer("_", "-", "/", "-", ".", "-").Replace(strings.TrimPrefix(name, "MANIFEST_")))
}

func (a Args) validate() error {
	found := problems.New("secrets")
	add := found.Addf
	if a.KmsKeyArn == nil {
		add("KmsKeyArn: got nil, want the environment's KMS key ARN")
	}
	entries := map[string]Entry{}
	keys := map[string]string{}
	for _, e := range a.Catalogue {
		if !secretName.MatchString(e.Name) {
			add("Catalogue: got name %q, want 1-512 letters, digits and /_+=.@-", e.Name)
		}
		if e.Source != Derived && e.Source != Seeded {
			add("Catalogue[%s]: got source %q, want %q or %q", e.Name, e.Source, Derived, Seeded)
		}
		if _, dup := entries[e.Name]; dup {
			add("Catalogue: got %s twice, want each name once", e.Name)
		} else if other, clash := keys[logicalKey(e.Name)]; clash {
			add("Catalogue: got %s and %s, which share the logical name %q", other, e.Name, logicalKey(e.Name))
		}
		entries[e.Name] = e
		keys[logicalKey(e.Name)] = e.Name
	}
	for _, e := range a.Catalogue {
		if _, ok := a.Values[e.Name]; e.Source == Derived && !ok {
			add("Values: missing %s, a derived secret (%s)", e.Name, e.Description)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Values)) {
		e, known := entries[name]
		switch {
		case !known:
			add("Values: got %s, which is not in the catalogue", name)
		case e.Source == Seeded:
			add("Values: got %s, a seeded secret whose value is written outside the program", name)
		case a.Values[name] == nil:
			add("Values[%s]: got nil, want the derived value", name)
		}
	}
	return found.Err()
}

// New creates the secrets. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Secrets, error) {
	args = args.withDefaults()
	s := &Secrets{Arns: map[string]pulumi.StringOutput{}}
	if _, err := component.Register(ctx, "gcnotify:secrets:Secrets", name, s, args.validate, opts...); err != nil {
		return nil, err
	}
	entries := append([]Entry(nil), args.Catalogue...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	var all pulumi.StringArray
	for _, e := range entries {
		logical := name + "-" + logicalKey(e.Name)
		secretOpts := []pulumi.ResourceOption{pulumi.Parent(s)}
		if e.Source == Seeded {
			secretOpts = append(secretOpts, pulumi.Protect(args.Protect))
		}
		secret, err := secretsmanager.NewSecret(ctx, logical, &secretsmanager.SecretArgs{
			Name:                 pulumi.String(e.Name),
			Description:          pulumi.String(fmt.Sprintf("%s (%s)", e.Description, e.Source)),
			KmsKeyId:             args.KmsKeyArn,
			RecoveryWindowInDays: pulumi.Int(0),
			Tags:                 tagging.Named(e.Name, map[string]string{"gcnotify:secret-source": string(e.Source)}),
		}, secretOpts...)
		if err != nil {
			return nil, fmt.Errorf("secret %s: %w", e.Name, err)
		}
		s.Arns[e.Name] = secret.Arn
		all = append(all, secret.Arn)
		if e.Source != Derived {
			continue // seeded: no version, so the value written outside is never overwritten
		}
		if _, err := secretsmanager.NewSecretVersion(ctx, logical, &secretsmanager.SecretVersionArgs{
			SecretId:     secret.ID(),
			SecretString: pulumi.ToSecret(args.Values[e.Name].ToStringOutput()).(pulumi.StringOutput),
		}, pulumi.Parent(s)); err != nil {
			return nil, fmt.Errorf("secret %s value: %w", e.Name, err)
		}
	}
	s.AllArns = all.ToStringArrayOutput()
	arns := pulumi.StringMap{}
	for k, v := range s.Arns {
		arns[k] = v
	}
	return s, ctx.RegisterResourceOutputs(s, pulumi.Map{"arns": arns})
}
