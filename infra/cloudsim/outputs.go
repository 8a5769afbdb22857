package cloudsim

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
)

// computeOutputs fills o.Out and o.ID as AWS would, from the model (infra/awsmodel) over the
// simulated world of o's account and region, then applies what creating it does to the world.
func computeOutputs(o *object) {
	m := &awsmodel.Object{Type: o.Type, Name: o.Name, ID: o.ID, Seed: o.Seed, Region: o.Region, Account: o.Account,
		In: o.In, DefaultTags: o.DefaultTags}
	if o.state != nil {
		m.World = worldView{o.state}
	}
	awsmodel.Compute(m)
	o.ID, o.Out = m.ID, m.Out
	if f, ok := sideEffects[o.Type]; ok {
		f(o)
	}
}

// sideEffects change other resources of the simulated world when a resource is created.
var sideEffects = map[string]func(o *object){
	"aws:acm/certificateValidation:CertificateValidation": issueCertificate,
}

func init() {
	createChecks["aws:acm/certificateValidation:CertificateValidation"] = checkValidationRecords
}

// worldView is the model's view of the simulated resources one provider sees.
type worldView struct{ v *scopeView }

func (w worldView) Resources(typ string) []awsmodel.Resource {
	var out []awsmodel.Resource
	for _, r := range w.v.all(typ) {
		out = append(out, modelResource(r))
	}
	return out
}

func (w worldView) Find(typ, id string) *awsmodel.Resource {
	r := w.v.find(typ, id)
	if r == nil {
		return nil
	}
	m := modelResource(r)
	return &m
}

func modelResource(r *record) awsmodel.Resource {
	return awsmodel.Resource{ID: r.ID, Inputs: plainMap(r.inputs()), Outputs: plainMap(r.outputs())}
}

// markComputed replaces, for a preview, every output the inputs did not give by an unknown:
// the real provider cannot know them before the resource exists.
func markComputed(o *object) {
	for k, v := range o.Out {
		if _, given := o.In[k]; !given {
			o.Out[k] = resource.MakeComputed(resource.NewStringProperty(""))
		} else if !v.DeepEquals(o.In[k]) {
			o.Out[k] = resource.MakeComputed(resource.NewStringProperty(""))
		}
	}
}

const acmCertificate = "aws:acm/certificate:Certificate"

// checkValidationRecords refuses a validation whose records do not cover the certificate's
// domains, with the real provider's message.
func checkValidationRecords(o *object) error {
	fqdns := strs(o.in("validationRecordFqdns"))
	cert := o.state.find(acmCertificate, o.str("certificateArn"))
	if len(fqdns) == 0 || cert == nil {
		return nil
	}
	have := map[string]bool{}
	for _, f := range fqdns {
		have[strings.TrimSuffix(f, ".")] = true
	}
	dvos, _ := plain(cert.outputs()["domainValidationOptions"]).([]any)
	for _, d := range dvos {
		m, _ := d.(map[string]any)
		name, _ := m["resourceRecordName"].(string)
		if !have[strings.TrimSuffix(name, ".")] {
			return fmt.Errorf("cloudsim (simulated ACM): missing %v DNS validation record: %s", m["domainName"], name)
		}
	}
	return nil
}

// issueCertificate marks the validated certificate ISSUED in the simulated world, as ACM does
// once its DNS records resolve. Records the program does not write (pre-seeded in the zone)
// are taken as resolving: the certificate is issued when its validation is created.
func issueCertificate(o *object) {
	if o.Preview || o.state == nil {
		return
	}
	cert := o.state.find(acmCertificate, o.str("certificateArn"))
	if cert == nil || cert.out("status") == "ISSUED" {
		return
	}
	issued := *cert
	issued.Outputs = make(map[string]any, len(cert.Outputs)+1)
	for k, v := range cert.Outputs {
		issued.Outputs[k] = v
	}
	issued.Outputs["status"] = "ISSUED"
	o.state.st.put(&issued)
}
