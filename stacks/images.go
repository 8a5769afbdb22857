package stacks

import (
	"fmt"
	"sort"

	"github.com/cds-snc/notification-pulumi/components/functions"
)

// Image is one container image the environment's Lambdas run, in the registry of the region
// that runs it (a Lambda's image must live in its own region's ECR).
type Image struct {
	Account, Region, Repository, Tag string
}

// Registry is the image's ECR registry host.
func (i Image) Registry() string {
	return fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com", i.Account, i.Region)
}

// String is the image's reference, <registry>/<repository>:<tag>.
func (i Image) String() string { return i.Registry() + "/" + i.Repository + ":" + i.Tag }

// LambdaImages lists every image the environment's Lambdas need, one per function and region,
// sorted by reference.
func (c Config) LambdaImages() []Image {
	roles := map[string]string{
		functions.RegionPrimary: c.Regions.Primary, functions.RegionSMS: c.Regions.SMS, functions.RegionEmail: c.Regions.Email,
	}
	tags := c.lambdaImageTags()
	seen := map[string]bool{}
	var out []Image
	for _, s := range functions.Catalog() {
		for _, role := range s.Regions {
			img := Image{Account: c.AccountID, Region: roles[role], Repository: s.Repository, Tag: tags[s.Name]}
			if !seen[img.String()] {
				seen[img.String()] = true
				out = append(out, img)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
