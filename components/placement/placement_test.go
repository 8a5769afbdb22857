package placement

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/stretchr/testify/assert"

	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

func TestWithDefaults(t *testing.T) {
	assert.Equal(t, Placement{Region: "ca-central-1", SMSRegion: "us-west-2", EmailRegion: "us-east-1"},
		Placement{}.WithDefaults())
	kept := Placement{Region: "us-gov-west-1", SMSRegion: "eu-west-1", EmailRegion: "eu-west-2"}
	assert.Equal(t, kept, kept.WithDefaults())
}

func TestCheck(t *testing.T) {
	provider := &aws.Provider{}
	good := Placement{NamePrefix: "notification-canada-ca-dev", AccountID: "123456789012",
		SMSProvider: provider, EmailProvider: provider}.WithDefaults()
	for _, tc := range []struct {
		name string
		p    Placement
		uses Uses
		want string
	}{
		{"everything used and right", good, Uses{NamePrefix: true, SMS: true, Email: true}, ""},
		{"unused parts are not checked", Placement{AccountID: "123456789012", Region: "ca-central-1"}, Uses{}, ""},
		{"account and region", Placement{AccountID: "1234", Region: "canada"}, Uses{},
			"c: AccountID: got \"1234\", want a 12-digit AWS account id\n" +
				"c: Region: got \"canada\", want an AWS region such as ca-central-1"},
		{"name prefix", Placement{AccountID: "123456789012", Region: "ca-central-1"}, Uses{NamePrefix: true},
			"c: NamePrefix: got \"\", want the environment's prefix, e.g. notification-canada-ca-dev"},
		{"providers", Placement{AccountID: "123456789012"}.WithDefaults(), Uses{SMS: true, Email: true},
			"c: SMSProvider: got nil, want the provider of SMSRegion\n" +
				"c: EmailProvider: got nil, want the provider of EmailRegion"},
		{"regions distinct", Placement{AccountID: "123456789012", Region: "us-west-2", SMSRegion: "us-west-2",
			EmailRegion: "us-west-2", SMSProvider: provider, EmailProvider: provider}, Uses{SMS: true, Email: true},
			"c: SMSRegion: got \"us-west-2\", the same as Region; want distinct regions\n" +
				"c: EmailRegion: got \"us-west-2\", the same as Region; want distinct regions"},
		{"bad SMS region", Placement{AccountID: "123456789012", Region: "ca-central-1", SMSRegion: "west",
			SMSProvider: provider}, Uses{SMS: true},
			"c: SMSRegion: got \"west\", want an AWS region such as ca-central-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := problems.New("c")
			tc.p.Check(found, tc.uses)
			if tc.want == "" {
				assert.NoError(t, found.Err())
			} else {
				assert.EqualError(t, found.Err(), tc.want)
			}
		})
	}
}
