package awsmodel

import "fmt"

// ECS: the database tools' cluster, task definition and service.
func init() {
	outputFuncs["aws:ecs/cluster:Cluster"] = func(o *Object) {
		o.set("arn", o.arn("ecs", "cluster/"+o.name()))
	}
	idFuncs["aws:ecs/cluster:Cluster"] = func(o *Object) string {
		return fmt.Sprintf("arn:aws:ecs:%s:%s:cluster/%s", o.Region, o.Account, o.name())
	}
	outputFuncs["aws:ecs/taskDefinition:TaskDefinition"] = func(o *Object) {
		family := o.str("family")
		o.set("revision", 1)
		o.set("arnWithoutRevision", o.arn("ecs", "task-definition/"+family))
		o.set("arn", o.arn("ecs", "task-definition/"+family+":1"))
	}
	idFuncs["aws:ecs/taskDefinition:TaskDefinition"] = func(o *Object) string { return o.str("family") }
	outputFuncs["aws:ecs/service:Service"] = func(o *Object) {
		o.def("launchType", "FARGATE")
		o.def("schedulingStrategy", "REPLICA")
		o.def("deploymentMaximumPercent", 200)
		o.def("deploymentMinimumHealthyPercent", 100)
	}
	idFuncs["aws:ecs/service:Service"] = func(o *Object) string {
		return fmt.Sprintf("arn:aws:ecs:%s:%s:service/%s/%s", o.Region, o.Account, lastSegment(o.str("cluster")), o.name())
	}

}

// lastSegment is what follows the last "/" of an ARN (a cluster's name), or s itself.
func lastSegment(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return s[i+1:]
		}
	}
	return s
}
