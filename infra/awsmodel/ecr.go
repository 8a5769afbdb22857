package awsmodel

import "fmt"

// ECR: repositories and their policies.
func init() {
	outputFuncs["aws:ecr/repository:Repository"] = func(o *Object) {
		o.set("arn", o.arn("ecr", "repository/"+o.name()))
		o.set("registryId", o.Account)
		o.set("repositoryUrl", fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", o.Account, o.Region, o.name()))
		o.def("imageTagMutability", "MUTABLE")
	}
	for _, t := range []string{"aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy"} {
		idFuncs[t] = func(o *Object) string { return o.str("repository") }
		outputFuncs[t] = func(o *Object) { o.set("registryId", o.Account) }
	}

}
