package awsmodel

import (
	"fmt"
	"strings"
)

// idPrefixes are the AWS id prefixes of resources whose id is <prefix>-<17 hex digits>.
var idPrefixes = map[string]string{
	"aws:ec2/vpc:Vpc":                                                                 "vpc",
	"aws:ec2/subnet:Subnet":                                                           "subnet",
	"aws:ec2/securityGroup:SecurityGroup":                                             "sg",
	"aws:ec2/routeTable:RouteTable":                                                   "rtb",
	"aws:ec2/internetGateway:InternetGateway":                                         "igw",
	"aws:ec2/natGateway:NatGateway":                                                   "nat",
	"aws:ec2/eip:Eip":                                                                 "eipalloc",
	"aws:ec2/routeTableAssociation:RouteTableAssociation":                             "rtbassoc",
	"aws:ec2/vpcEndpoint:VpcEndpoint":                                                 "vpce",
	"aws:ec2/networkAcl:NetworkAcl":                                                   "acl",
	"aws:ec2/flowLog:FlowLog":                                                         "fl",
	"aws:ec2/launchTemplate:LaunchTemplate":                                           "lt",
	"aws:ec2/networkInterface:NetworkInterface":                                       "eni",
	"aws:ec2/instance:Instance":                                                       "i",
	"aws:ec2/securityGroupRule:SecurityGroupRule":                                     "sgrule",
	"aws:ec2/keyPair:KeyPair":                                                         "key",
	"aws:ec2/vpcPeeringConnection:VpcPeeringConnection":                               "pcx",
	"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway":                     "eigw",
	"aws:ec2/vpcDhcpOptions:VpcDhcpOptions":                                           "dopt",
	"aws:ec2/managedPrefixList:ManagedPrefixList":                                     "pl",
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":                       "sgr",
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":                         "sgr",
	"aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig":                       "rqlc",
	"aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation": "rqlca",
	"aws:route53/resolverDnsSecConfig:ResolverDnsSecConfig":                           "rdsc",
	"aws:route53/resolverEndpoint:ResolverEndpoint":                                   "rslvr-in",
	"aws:route53/resolverRule:ResolverRule":                                           "rslvr-rr",
}

// idFuncs compute the id of types whose id is not a prefixed random one: most often AWS uses
// the name or the ARN. Extend it beside outputFuncs (the file of its service) as components land.
var idFuncs = map[string]func(o *Object) string{}

// arnIDTypes use their ARN as id.
var arnIDTypes = map[string]bool{
	"aws:sns/topic:Topic": true, "aws:secretsmanager/secret:Secret": true, "aws:acm/certificate:Certificate": true,
	"aws:lb/loadBalancer:LoadBalancer": true, "aws:lb/targetGroup:TargetGroup": true, "aws:lb/listener:Listener": true,
	"aws:lb/listenerRule:ListenerRule": true, "aws:alb/loadBalancer:LoadBalancer": true, "aws:alb/targetGroup:TargetGroup": true,
	"aws:alb/listener:Listener": true, "aws:alb/listenerRule:ListenerRule": true, "aws:iam/policy:Policy": true,
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": true, "aws:sns/topicSubscription:TopicSubscription": true,
	"aws:secretsmanager/secretVersion:SecretVersion": false,
}

// NewID returns the id AWS would give the object. It runs before the outputs are computed, on
// the checked inputs; ARN-id types get theirs from the arn (Compute).
func NewID(o *Object) string {
	random := o.hex("id", 17)
	if f, ok := idFuncs[o.Type]; ok {
		return f(o)
	}
	if p, ok := idPrefixes[o.Type]; ok {
		return p + "-" + random
	}
	if arnIDTypes[o.Type] {
		return "" // set from the arn once computed
	}
	if p := NameProp(o.Type); p != "" && o.str(p) != "" {
		return o.str(p)
	}
	if s := o.str("name"); s != "" {
		return s
	}
	return fmt.Sprintf("%s-%s", strings.ToLower(Kind(o.Type)), random)
}
