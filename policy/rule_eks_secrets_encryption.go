package policy

import (
	"slices"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

var _ = register(&Rule{
	ID:        "eks-secrets-encryption",
	Rationale: "Kubernetes secrets are envelope-encrypted with a KMS key in the cluster's etcd.",
	Applies:   []string{typeEKSCluster},
	Check: func(c *Context, r *render.Resource) []string {
		cfg := object(input(r, "encryptionConfig"))
		if cfg == nil || !slices.Contains(list(cfg["resources"]), any("secrets")) || object(cfg["provider"])["keyArn"] == nil {
			return []string{"encryptionConfig does not encrypt secrets with a KMS key"}
		}
		return nil
	},
})
