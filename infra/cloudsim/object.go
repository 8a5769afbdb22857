package cloudsim

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
)

// object is a resource being created, updated or previewed: the checked inputs the program
// gave, and the outputs the simulated cloud computes from them.
type object struct {
	Type string // type token, e.g. aws:sqs/queue:Queue
	Name string // logical name
	URN  string
	ID   string
	// Seed makes the values the simulation invents for this resource stable: it is chosen at
	// creation and kept in the state with the resource.
	Seed    string
	Region  string
	Account string
	Preview bool
	In      resource.PropertyMap
	Out     resource.PropertyMap
	// DefaultTags are the provider's default tags, merged into tagsAll.
	DefaultTags map[string]string
	// state answers lookups of other simulated resources (e.g. a VPC's main route table).
	state *scopeView
}

// in returns an input as plain Go values.
func (o *object) in(key string) any { return plain(o.In[resource.PropertyKey(key)]) }

// str returns a string input ("" when absent or unknown).
func (o *object) str(key string) string { return str(o.In, key) }

// out returns an output as plain Go values.
func (o *object) out(key string) any { return plain(o.Out[resource.PropertyKey(key)]) }

// outStr returns a string output.
func (o *object) outStr(key string) string { return str(o.Out, key) }

// arn builds arn:aws:<service>:<region>:<account>:<resource> for this resource's provider.
func (o *object) arn(service, res string) string {
	return awsmodel.ARN(service, o.Region, o.Account, res)
}

// name returns the resource's AWS name (awsmodel.NameOf).
func (o *object) name() string { return awsmodel.NameOf(o.Type, o.Name, o.In) }
