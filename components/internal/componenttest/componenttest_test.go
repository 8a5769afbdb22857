package componenttest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failures records what an assertion reported, instead of failing the test running it.
type failures struct {
	testing.TB
	got []string
}

func (f *failures) Helper() {}

func (f *failures) Errorf(format string, args ...any) {
	f.got = append(f.got, fmt.Sprintf(format, args...))
}

// widget is a component resource for these tests.
type widget struct{ pulumi.ResourceState }

// build registers what a component test sees: the test's provider, the component and a child
// provider, plus, when stray, a provider the "component" made outside itself.
func build(t *testing.T, stray bool) Recorded {
	m, _, err := Run(t, "test", func(ctx *pulumi.Context) (*widget, error) {
		p := Provider(ctx, "made-by-the-test", "ca-central-1", "")
		w := &widget{}
		if err := ctx.RegisterComponentResource("test:index:Widget", "w", w, pulumi.Provider(p)); err != nil {
			return nil, err
		}
		if stray {
			if _, err := aws.NewProvider(ctx, "made-by-the-component", &aws.ProviderArgs{Region: pulumi.String("ca-west-1")}); err != nil {
				return nil, err
			}
		}
		_, err := aws.NewProvider(ctx, "child-provider", &aws.ProviderArgs{Region: pulumi.String("us-east-1")}, pulumi.Parent(w))
		return w, err
	})
	require.NoError(t, err)
	return m
}

func TestAssertChildrenExemptsOnlyTheTestsOwnProviders(t *testing.T) {
	f := &failures{TB: t}
	AssertChildren(f, build(t, false), "test:index:Widget")
	assert.Empty(t, f.got, "the test's provider is exempt, the component's child passes")

	f = &failures{TB: t}
	AssertChildren(f, build(t, true), "test:index:Widget")
	require.Len(t, f.got, 1, "a provider the component made outside itself fails: %v", f.got)
	assert.Contains(t, f.got[0], "made-by-the-component")
}

func TestAssertOnlyProvidersRefusesAnythingElse(t *testing.T) {
	f := &failures{TB: t}
	AssertOnlyProviders(f, build(t, false), 3, "three resources")
	require.Len(t, f.got, 2, "the component and its child provider are not the test's providers: %v", f.got)
	all := strings.Join(f.got, "\n")
	assert.Contains(t, all, "test:index:Widget w")
	assert.Contains(t, all, "child-provider")
}
