// Package clientvpn is the Client VPN endpoint operators use to reach the private subnets, and
// through them the EKS cluster's private API endpoint (the cluster has no public endpoint):
// federated authentication through IAM Identity Center (a SAML provider of the account), split
// tunnel so only the VPC's traffic goes through it, connection logs in an encrypted log group,
// and a login banner, as today's "private-subnets" endpoint.
//
// Why a VPN rather than Session Manager port forwarding: kubectl, psql and the browser tools
// (Blazer) all work unchanged over it and the Identity Center group decides who connects,
// with no instance to patch; Session Manager would need a bastion instance or task per target
// and a forwarding session per port. The cost is the endpoint's hourly charge and one
// association (one subnet, as today: an AZ outage cuts operators off until it is moved).
package clientvpn

import (
	"cmp"
	"net/netip"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2clientvpn"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures the Client VPN endpoint.
type Args struct {
	// NamePrefix names the resources, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Banner is the text shown on connection. Default: a warning that the network is private.
	Banner string
	// VpcID and VpcCidr are the VPC reached; the authorization rule admits its whole CIDR.
	// Required.
	VpcID   pulumi.StringInput
	VpcCidr string
	// SubnetID is the one private subnet the endpoint is associated with. Required.
	SubnetID pulumi.StringInput
	// ServerCertificateArn is the endpoint's server certificate in ACM. Required.
	ServerCertificateArn pulumi.StringInput
	// SAMLProviderArn is the IAM SAML provider of the Identity Center application. Required.
	SAMLProviderArn string
	// SelfServiceSAMLProviderArn turns the self-service portal (where users download the
	// client configuration) on with this provider. Default "": no portal.
	SelfServiceSAMLProviderArn string
	// AccessGroupID is the Identity Center group allowed through. Default "": every user the
	// Identity Center application admits.
	AccessGroupID string
	// ClientCidr is the block client addresses come from: /12 to /22, outside the VPC.
	// Default 172.16.0.0/22.
	ClientCidr string
	// SessionTimeoutHours ends sessions after 8, 10, 12 or 24 hours. Default 8.
	SessionTimeoutHours int
	// ClusterSecurityGroupID, when set, admits the VPN's clients to the EKS API (443). Default
	// nil: no rule.
	ClusterSecurityGroupID pulumi.StringInput
	// LogRetentionDays and LogKmsKeyArn keep the connection log. LogRetentionDays is
	// one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	// LogKmsKeyArn is required.
	LogRetentionDays int
	LogKmsKeyArn     pulumi.StringInput
}

// ClientVPN is the endpoint.
type ClientVPN struct {
	pulumi.ResourceState

	// EndpointID is the endpoint's id (cvpn-endpoint-...).
	EndpointID pulumi.StringOutput
	// DNSName is the endpoint's DNS name clients connect to.
	DNSName pulumi.StringOutput
	// SecurityGroupID is the group of the endpoint's network interfaces, which the data
	// stores may admit.
	SecurityGroupID pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.Banner = cmp.Or(a.Banner, "This is a private network of GC Notify ("+a.NamePrefix+"). Only authorized users may connect.")
	a.ClientCidr = cmp.Or(a.ClientCidr, "172.16.0.0/22")
	a.SessionTimeoutHours = cmp.Or(a.SessionTimeoutHours, 8)
	return a
}

var samlArnRE = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:saml-provider/[A-Za-z0-9._-]+$`)

func (a Args) validate() error {
	found := problems.New("clientvpn")
	add := found.Addf
	if a.NamePrefix == "" {
		add("NamePrefix: got \"\", want the environment's prefix")
	}
	vpc, vpcErr := netip.ParsePrefix(a.VpcCidr)
	if vpcErr != nil {
		add("VpcCidr: got %q, want an IPv4 CIDR", a.VpcCidr)
	}
	client, err := netip.ParsePrefix(a.ClientCidr)
	switch {
	case err != nil || !client.Addr().Is4():
		add("ClientCidr: got %q, want an IPv4 CIDR", a.ClientCidr)
	case client.Bits() < 12 || client.Bits() > 22:
		add("ClientCidr: got %q, want a block of /12 to /22 (Client VPN's limits)", a.ClientCidr)
	case vpcErr == nil && client.Overlaps(vpc):
		add("ClientCidr: got %q, which overlaps the VPC's %s; want a block outside it", a.ClientCidr, a.VpcCidr)
	}
	if !samlArnRE.MatchString(a.SAMLProviderArn) {
		add("SAMLProviderArn: got %q, want arn:aws:iam::<account>:saml-provider/<name>", a.SAMLProviderArn)
	}
	if a.SelfServiceSAMLProviderArn != "" && !samlArnRE.MatchString(a.SelfServiceSAMLProviderArn) {
		add("SelfServiceSAMLProviderArn: got %q, want arn:aws:iam::<account>:saml-provider/<name> or empty", a.SelfServiceSAMLProviderArn)
	}
	switch a.SessionTimeoutHours {
	case 8, 10, 12, 24:
	default:
		add("SessionTimeoutHours: got %d, want 8, 10, 12 or 24", a.SessionTimeoutHours)
	}
	found.LogRetention(a.LogRetentionDays)
	found.Missing("a value", map[string]bool{
		"VpcID": a.VpcID == nil, "SubnetID": a.SubnetID == nil,
		"ServerCertificateArn": a.ServerCertificateArn == nil, "LogKmsKeyArn": a.LogKmsKeyArn == nil,
	})
	return found.Err()
}

// New creates the endpoint. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*ClientVPN, error) {
	args = args.withDefaults()
	v := &ClientVPN{}
	if _, err := component.Register(ctx, "gcnotify:clientvpn:ClientVPN", name, v, args.validate, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(v)
	prefix := args.NamePrefix + "-client-vpn"

	logs, err := cloudwatch.NewLogGroup(ctx, name+"-logs", &cloudwatch.LogGroupArgs{
		Name: pulumi.String("/aws/client-vpn/" + prefix), RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId: args.LogKmsKeyArn, Tags: tagging.Named(prefix),
	}, parent)
	if err != nil {
		return nil, err
	}
	stream, err := cloudwatch.NewLogStream(ctx, name+"-connections", &cloudwatch.LogStreamArgs{
		Name: pulumi.String("connections"), LogGroupName: logs.Name,
	}, parent)
	if err != nil {
		return nil, err
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		Name: pulumi.String(prefix), Description: pulumi.String("Client VPN endpoint: operators to the VPC"),
		VpcId: args.VpcID, Tags: tagging.Named(prefix),
	}, parent)
	if err != nil {
		return nil, err
	}
	// The endpoint's interfaces forward clients to the VPC only (split tunnel).
	if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-egress-vpc", &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId: sg.ID(), IpProtocol: pulumi.String("-1"), CidrIpv4: pulumi.String(args.VpcCidr),
		Description: pulumi.String("clients to the VPC"), Tags: tagging.Named(prefix + "-egress-vpc"),
	}, parent); err != nil {
		return nil, err
	}
	auth := ec2clientvpn.EndpointAuthenticationOptionArgs{Type: pulumi.String("federated-authentication"),
		SamlProviderArn: pulumi.String(args.SAMLProviderArn)}
	portal := "disabled"
	if args.SelfServiceSAMLProviderArn != "" {
		auth.SelfServiceSamlProviderArn, portal = pulumi.String(args.SelfServiceSAMLProviderArn), "enabled"
	}
	resolver := netip.MustParsePrefix(args.VpcCidr).Masked().Addr().Next().Next() // the VPC's resolver: its base address plus two
	endpoint, err := ec2clientvpn.NewEndpoint(ctx, name+"-endpoint", &ec2clientvpn.EndpointArgs{
		Description: pulumi.String(prefix), ClientCidrBlock: pulumi.String(args.ClientCidr),
		ServerCertificateArn:  args.ServerCertificateArn,
		AuthenticationOptions: ec2clientvpn.EndpointAuthenticationOptionArray{auth},
		ConnectionLogOptions: &ec2clientvpn.EndpointConnectionLogOptionsArgs{Enabled: pulumi.Bool(true),
			CloudwatchLogGroup: logs.Name, CloudwatchLogStream: stream.Name},
		ClientLoginBannerOptions: &ec2clientvpn.EndpointClientLoginBannerOptionsArgs{Enabled: pulumi.Bool(true),
			BannerText: pulumi.String(args.Banner)},
		DnsServers:  pulumi.StringArray{pulumi.String(resolver.String())},
		SplitTunnel: pulumi.Bool(true), TransportProtocol: pulumi.String("udp"), VpnPort: pulumi.Int(443),
		SessionTimeoutHours: pulumi.Int(args.SessionTimeoutHours), SelfServicePortal: pulumi.String(portal),
		VpcId: args.VpcID, SecurityGroupIds: pulumi.StringArray{sg.ID()},
		Tags: tagging.Named(prefix),
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := ec2clientvpn.NewNetworkAssociation(ctx, name+"-association", &ec2clientvpn.NetworkAssociationArgs{
		ClientVpnEndpointId: endpoint.ID(), SubnetId: args.SubnetID,
	}, parent); err != nil {
		return nil, err
	}
	rule := &ec2clientvpn.AuthorizationRuleArgs{ClientVpnEndpointId: endpoint.ID(),
		TargetNetworkCidr: pulumi.String(args.VpcCidr), Description: pulumi.String("the VPC")}
	if args.AccessGroupID != "" {
		rule.AccessGroupId = pulumi.String(args.AccessGroupID)
	} else {
		rule.AuthorizeAllGroups = pulumi.Bool(true)
	}
	if _, err := ec2clientvpn.NewAuthorizationRule(ctx, name+"-vpc", rule, parent); err != nil {
		return nil, err
	}
	if args.ClusterSecurityGroupID != nil {
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-eks-api", &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId: args.ClusterSecurityGroupID, ReferencedSecurityGroupId: sg.ID(),
			IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
			Description: pulumi.String("Client VPN to the EKS API"), Tags: tagging.Named(prefix + "-eks-api"),
		}, parent); err != nil {
			return nil, err
		}
	}
	v.EndpointID, v.DNSName, v.SecurityGroupID = endpoint.ID().ToStringOutput(), endpoint.DnsName, sg.ID().ToStringOutput()
	return v, ctx.RegisterResourceOutputs(v, pulumi.Map{"endpointId": v.EndpointID, "dnsName": v.DNSName})
}
