package ephemeral

// ManualStep is a step of a rebuild that no program can take: who takes it, how long it takes,
// and how to check it is done.
type ManualStep struct {
	Step     string `json:"step"`
	Who      string `json:"who"`
	Estimate string `json:"estimate"`
	Check    string `json:"check"`
}

// ManualSteps are the steps a rebuild into a new account cannot skip (the inventory's "Manual or
// external steps"), in the order they are taken, with published or observed durations.
var ManualSteps = []ManualStep{
	{Step: "State bucket and secrets key: an S3 bucket (versioned, encrypted) and a KMS key for Pulumi's state and secrets in the new account",
		Who: "ops on call", Estimate: "15 min",
		Check: "`notifyctl preview --cloud aws --backend s3://<bucket> --secrets-provider awskms://alias/<key>` reaches the backend"},
	{Step: "Seed the secrets: the stack's secret configuration (Slack and OpsGenie webhooks, the scan callback token) and the application secrets",
		Who: "ops on call", Estimate: "30 min",
		Check: "`pulumi config --stack <name>` lists every gcnotify secret key; the preview reports no missing secret"},
	{Step: "DNS delegation: NS records of the new zone (stack output zoneNameServers) at the parent zone, and DNSSEC DS records where the parent signs",
		Who: "DNS owner of the parent zone", Estimate: "30 min + up to 48 h of TTL",
		Check: "`dig NS <domain>` from outside answers the zone's name servers"},
	{Step: "SES production access (out of the sandbox) and DKIM verification of the domain",
		Who: "ops lead (AWS support case)", Estimate: "up to 24 h for access, up to 72 h for DKIM",
		Check: "`aws sesv2 get-account` shows ProductionAccessEnabled; the identity's DKIM status is SUCCESS"},
	{Step: "SMS: order the origination numbers (toll-free registration) and raise the SMS spend limit",
		Who: "ops lead (AWS support case)", Estimate: "1 business day (limit) to 15 business days (toll-free registration)",
		Check: "`aws pinpoint-sms-voice-v2 describe-phone-numbers` lists ACTIVE numbers; the spend limit matches budget.smsMonthlySpendLimitUsd"},
	{Step: "Shield Advanced subscription of the new account (no resource for it in the provider)",
		Who: "account owner", Estimate: "15 min (a one-year commitment)",
		Check: "`aws shield describe-subscription` answers"},
	{Step: "Reach the private EKS endpoint to deploy the applications (VPN or Session Manager access for the operators)",
		Who: "ops on call", Estimate: "30 min",
		Check: "`kubectl get nodes` through the private endpoint lists the nodes Ready"},
}
