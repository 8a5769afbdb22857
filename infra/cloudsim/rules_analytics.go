package cloudsim

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
)

const (
	clientVpnEndpoint = "aws:ec2clientvpn/endpoint:Endpoint"
	ecsTaskDefinition = "aws:ecs/taskDefinition:TaskDefinition"
)

// fargateSizes are the memory sizes (MiB) Fargate accepts for each CPU size (units): the
// task sizes table of the ECS developer guide.
var fargateSizes = map[int][]int{
	256:   {512, 1024, 2048},
	512:   gibSteps(1, 4, 1),
	1024:  gibSteps(2, 8, 1),
	2048:  gibSteps(4, 16, 1),
	4096:  gibSteps(8, 30, 1),
	8192:  gibSteps(16, 60, 4),
	16384: gibSteps(32, 120, 8),
}

// gibSteps are the memory sizes from "from" to "to" GiB, every "step" GiB, in MiB.
func gibSteps(from, to, step int) []int {
	var out []int
	for g := from; g <= to; g += step {
		out = append(out, g*1024)
	}
	return out
}

func init() {
	register(Rule{ID: "ec2clientvpn.client-cidr", Service: "EC2", Operation: "CreateClientVpnEndpoint",
		Resource: "EC2 Client VPN Endpoint", Code: "InvalidParameterValue",
		Summary: "a client CIDR block smaller than /22 or larger than /12, or overlapping the endpoint's VPC",
		Source:  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnEndpoint.html",
		Types:   []string{clientVpnEndpoint}, Phases: []Phase{OnCreate},
		Check: func(c *RuleCall) string {
			block := c.str("clientCidrBlock")
			p, err := netip.ParsePrefix(block)
			if err != nil || !p.Addr().Is4() || p.Bits() < 12 || p.Bits() > 22 {
				return fmt.Sprintf("Invalid client CIDR block %s: client CIDR range must have a size of at least /22 and must not be greater than /12.", block)
			}
			vpc := c.World.find(c.Obj.Account, c.Obj.Region, "aws:ec2/vpc:Vpc", func(r *record) bool { return r.ID == c.str("vpcId") })
			if vpc == nil {
				return ""
			}
			if local, err := netip.ParsePrefix(vpc.out("cidrBlock")); err == nil && local.Overlaps(p) {
				return fmt.Sprintf("Client CIDR block %s overlaps the local CIDR %s of VPC %s.", block, local, vpc.ID)
			}
			return ""
		}})

	register(Rule{ID: "ecs.fargate-task-size", Service: "ECS", Operation: "RegisterTaskDefinition",
		Resource: "ECS Task Definition", Code: "ClientException",
		Summary: "a Fargate task definition whose CPU and memory are not one of Fargate's task sizes",
		Source:  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size",
		Types:   []string{ecsTaskDefinition}, Phases: []Phase{OnCreate, OnUpdate},
		Check: func(c *RuleCall) string {
			compat, _ := c.Obj.in("requiresCompatibilities").([]any)
			if !slices.Contains(compat, any("FARGATE")) {
				return ""
			}
			cpu, errCPU := strconv.Atoi(c.str("cpu"))
			mem, errMem := strconv.Atoi(c.str("memory"))
			if errCPU != nil || errMem != nil {
				return "Fargate only supports network mode awsvpc with task-level CPU and memory: the task definition sets no valid task-level cpu and memory."
			}
			if !slices.Contains(fargateSizes[cpu], mem) {
				return fmt.Sprintf("No Fargate configuration exists for given values: %d CPU, %d memory. See the Amazon ECS documentation for the valid values.", cpu, mem)
			}
			return ""
		}})
}
