package cloudsim

var _ = addRuleCases(
	ruleCase{Rule: "ec2clientvpn.client-cidr", Name: "a /22 outside the VPC", Phase: OnCreate,
		Inputs: map[string]any{"clientCidrBlock": "172.16.0.0/22", "vpcId": "vpc-1"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:ec2/vpc:Vpc", "vpc-1", "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})
		}},
	ruleCase{Rule: "ec2clientvpn.client-cidr", Name: "a /24 is too small", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"clientCidrBlock": "172.16.0.0/24"}, Contains: "at least /22"},
	ruleCase{Rule: "ec2clientvpn.client-cidr", Name: "inside the VPC", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"clientCidrBlock": "10.0.4.0/22", "vpcId": "vpc-1"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:ec2/vpc:Vpc", "vpc-1", "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})
		}, Contains: "overlaps the local CIDR 10.0.0.0/16"},

	ruleCase{Rule: "ecs.fargate-task-size", Name: "256 CPU with 512 MiB", Phase: OnCreate,
		Inputs: map[string]any{"requiresCompatibilities": []any{"FARGATE"}, "cpu": "256", "memory": "512"}},
	ruleCase{Rule: "ecs.fargate-task-size", Name: "EC2 tasks are not sized by Fargate", Phase: OnCreate,
		Inputs: map[string]any{"requiresCompatibilities": []any{"EC2"}, "cpu": "256", "memory": "4096"}},
	ruleCase{Rule: "ecs.fargate-task-size", Name: "256 CPU with 4 GiB", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"requiresCompatibilities": []any{"FARGATE"}, "cpu": "256", "memory": "4096"},
		Contains: "No Fargate configuration exists for given values: 256 CPU, 4096 memory"},
	ruleCase{Rule: "ecs.fargate-task-size", Name: "no task-level size", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"requiresCompatibilities": []any{"FARGATE"}}, Contains: "task-level cpu and memory"},
)
