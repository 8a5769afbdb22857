package policy

const starOnStar = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`

const scoped = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":"*"},` +
	`{"Effect":"Deny","Action":"*","Resource":"*"}]}`

var _ = addRuleCases(
	ruleCase{Rule: "iam-no-admin", Name: "scoped inline policy", Resources: one(typeRolePolicy, map[string]any{"policy": scoped})},
	ruleCase{Rule: "iam-no-admin", Name: "scoped role", Resources: one(typeRole, map[string]any{
		"inlinePolicies": []any{map[string]any{"name": "p", "policy": scoped}}, "assumeRolePolicy": starOnStar})},
	ruleCase{Rule: "iam-no-admin", Name: "read-only attachment", Resources: one(typeRoleAttachment, map[string]any{
		"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})},
	ruleCase{Rule: "iam-no-admin", Name: "star on star", Fails: true, Resources: one(typePolicy, map[string]any{"policy": starOnStar})},
	ruleCase{Rule: "iam-no-admin", Name: "star on star inline in a role", Fails: true, Resources: one(typeRole, map[string]any{
		"inlinePolicies": []any{map[string]any{"name": "admin", "policy": starOnStar}}})},
	ruleCase{Rule: "iam-no-admin", Name: "AdministratorAccess attached", Fails: true, Resources: one(typeRoleAttachment, map[string]any{
		"policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})},
)
