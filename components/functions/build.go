package functions

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// built is one function in one region.
type built struct {
	Arn, Name, Role pulumi.StringOutput
}

// build creates one catalog entry in one region: log group, role, function, trigger, alarm.
// Logical names are <name>-<function>-<region>[-<part>].
func (f *Functions) build(ctx *pulumi.Context, name string, args Args, spec Spec, role string, region Region) (built, error) {
	base := name + "-" + spec.Name + "-" + region.Name
	opts := []pulumi.ResourceOption{pulumi.Parent(f)}
	if region.Provider != nil {
		opts = append(opts, pulumi.Provider(region.Provider))
	}
	wiring := args.Functions[spec.Name]
	logPath := "/aws/lambda/" + spec.Name
	logGroup, err := cloudwatch.NewLogGroup(ctx, base, &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(logPath),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        region.KmsKeyArn,
		Tags:            tagging.Named(logPath),
	}, opts...)
	if err != nil {
		return built{}, fmt.Errorf("log group: %w", err)
	}
	roleRes, err := iam.NewRole(ctx, base,
		iampolicy.ServiceRole(roleName(spec.Name, region.Name), "Execution role of the "+spec.Name+" Lambda in "+region.Name, "lambda.amazonaws.com"), opts...)
	if err != nil {
		return built{}, fmt.Errorf("role: %w", err)
	}
	access := wiring.Access
	environment := pulumi.StringMap{}
	for k, v := range wiring.Environment {
		environment[k] = pulumi.String(v)
	}
	if spec.PrefixList {
		access.ManagedPrefixListArns = pulumi.StringArray{f.GooglePrefixListArn}
		environment[PrefixListIDVariable] = f.GooglePrefixListID
	}
	gs := grants(logGroup.Arn, region.KmsKeyArn, wiring.TriggerQueueArn, access)
	rolePolicy, err := iam.NewRolePolicy(ctx, base, &iam.RolePolicyArgs{
		Role:   roleRes.ID(),
		Policy: policy(fixedStatements(spec.VPC, access.ManagedPrefixListArns != nil), gs),
	}, opts...)
	if err != nil {
		return built{}, fmt.Errorf("role policy: %w", err)
	}

	reserved := spec.ReservedConcurrency
	if wiring.ReservedConcurrency != nil {
		reserved = *wiring.ReservedConcurrency
	}
	fnArgs := &lambda.FunctionArgs{
		Name:                         pulumi.String(spec.Name),
		Description:                  pulumi.String(spec.Description),
		PackageType:                  pulumi.String("Image"),
		ImageUri:                     pulumi.Sprintf("%s:%s", region.RepositoryURLs[spec.Repository], args.ImageTags[spec.Name]),
		Architectures:                pulumi.ToStringArray([]string{args.Architecture}),
		MemorySize:                   pulumi.Int(MemoryMB),
		Timeout:                      pulumi.Int(TimeoutSeconds),
		Role:                         roleRes.Arn,
		KmsKeyArn:                    region.KmsKeyArn,
		TracingConfig:                &lambda.FunctionTracingConfigArgs{Mode: pulumi.String("Active")},
		ReservedConcurrentExecutions: pulumi.Int(reserved),
		Tags:                         tagging.Named(spec.Name),
	}
	if len(environment) > 0 {
		fnArgs.Environment = &lambda.FunctionEnvironmentArgs{Variables: environment}
	}
	if spec.VPC {
		fnArgs.VpcConfig = &lambda.FunctionVpcConfigArgs{
			SubnetIds:        args.Vpc.SubnetIDs,
			SecurityGroupIds: pulumi.StringArray{f.SecurityGroupID},
		}
	}
	// The function waits for its log group (else Lambda creates one without retention or key)
	// and for its policy (else the first invocations fail).
	fn, err := lambda.NewFunction(ctx, base, fnArgs, with(opts, pulumi.DependsOn([]pulumi.Resource{logGroup, rolePolicy}))...)
	if err != nil {
		return built{}, fmt.Errorf("function: %w", err)
	}
	if err := f.trigger(ctx, base, args, spec, role, region, fn, wiring, opts); err != nil {
		return built{}, err
	}
	if region.AlarmTopicArn != nil {
		if _, err := cloudwatch.NewMetricAlarm(ctx, base+"-errors", &cloudwatch.MetricAlarmArgs{
			Name:               pulumi.String(spec.Name + "-" + region.Name + "-errors"),
			AlarmDescription:   pulumi.String("The " + spec.Name + " Lambda in " + region.Name + " reported errors"),
			Namespace:          pulumi.String("AWS/Lambda"),
			MetricName:         pulumi.String("Errors"),
			Dimensions:         pulumi.StringMap{"FunctionName": pulumi.String(spec.Name)},
			Statistic:          pulumi.String("Sum"),
			Period:             pulumi.Int(300),
			EvaluationPeriods:  pulumi.Int(1),
			Threshold:          pulumi.Float64(1),
			ComparisonOperator: pulumi.String("GreaterThanOrEqualToThreshold"),
			TreatMissingData:   pulumi.String("notBreaching"),
			AlarmActions:       pulumi.Array{region.AlarmTopicArn},
			OkActions:          pulumi.Array{region.AlarmTopicArn},
			Tags:               tagging.Named(spec.Name + "-" + region.Name + "-errors"),
		}, opts...); err != nil {
			return built{}, fmt.Errorf("errors alarm: %w", err)
		}
	}
	return built{Arn: fn.Arn, Name: fn.Name, Role: roleRes.Arn}, nil
}

// trigger wires what invokes the function.
func (f *Functions) trigger(ctx *pulumi.Context, base string, args Args, spec Spec, role string, region Region,
	fn *lambda.Function, wiring Function, opts []pulumi.ResourceOption) error {
	switch spec.Trigger {
	case TriggerSchedule:
		rule, err := cloudwatch.NewEventRule(ctx, base+"-schedule", &cloudwatch.EventRuleArgs{
			Name:               pulumi.String(spec.Name + "-schedule"),
			Description:        pulumi.String("Runs the " + spec.Name + " Lambda: " + spec.Schedule),
			ScheduleExpression: pulumi.String(spec.Schedule),
			Tags:               tagging.Named(spec.Name + "-schedule"),
		}, opts...)
		if err != nil {
			return fmt.Errorf("schedule: %w", err)
		}
		perm, err := lambda.NewPermission(ctx, base+"-schedule", &lambda.PermissionArgs{
			Function:  fn.Name,
			Action:    pulumi.String("lambda:InvokeFunction"),
			Principal: pulumi.String("events.amazonaws.com"),
			SourceArn: rule.Arn,
		}, opts...)
		if err != nil {
			return fmt.Errorf("schedule permission: %w", err)
		}
		if _, err := cloudwatch.NewEventTarget(ctx, base+"-schedule", &cloudwatch.EventTargetArgs{
			Rule: rule.Name,
			Arn:  fn.Arn,
		}, with(opts, pulumi.DependsOn([]pulumi.Resource{perm}))...); err != nil {
			return fmt.Errorf("schedule target: %w", err)
		}
		// A missed run is not retried: the next one is at most one period away, and a late
		// heartbeat or status check would only report a stale state.
		if _, err := lambda.NewFunctionEventInvokeConfig(ctx, base, &lambda.FunctionEventInvokeConfigArgs{
			FunctionName:             fn.Name,
			MaximumRetryAttempts:     pulumi.Int(0),
			MaximumEventAgeInSeconds: pulumi.Int(TimeoutSeconds),
		}, opts...); err != nil {
			return fmt.Errorf("invoke config: %w", err)
		}
	case TriggerQueue:
		if _, err := lambda.NewEventSourceMapping(ctx, base+"-queue", &lambda.EventSourceMappingArgs{
			EventSourceArn: wiring.TriggerQueueArn,
			FunctionName:   fn.Arn,
			BatchSize:      pulumi.Int(10),
			Enabled:        pulumi.Bool(true),
		}, opts...); err != nil {
			return fmt.Errorf("queue trigger: %w", err)
		}
	case TriggerLogs:
		groups := wiring.LogGroups[role]
		for _, l := range slices.Sorted(maps.Keys(groups)) {
			perm, err := lambda.NewPermission(ctx, base+"-logs-"+l, &lambda.PermissionArgs{
				Function:      fn.Name,
				Action:        pulumi.String("lambda:InvokeFunction"),
				Principal:     pulumi.String("logs." + region.Name + ".amazonaws.com"),
				SourceAccount: pulumi.String(args.AccountID),
				SourceArn:     pulumi.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", region.Name, args.AccountID, groups[l]),
			}, opts...)
			if err != nil {
				return fmt.Errorf("logs permission %s: %w", l, err)
			}
			if _, err := cloudwatch.NewLogSubscriptionFilter(ctx, base+"-logs-"+l, &cloudwatch.LogSubscriptionFilterArgs{
				Name:           pulumi.String(spec.Name + "-" + l),
				LogGroup:       groups[l],
				FilterPattern:  pulumi.String(""),
				DestinationArn: fn.Arn,
			}, with(opts, pulumi.DependsOn([]pulumi.Resource{perm}))...); err != nil {
				return fmt.Errorf("logs subscription %s: %w", l, err)
			}
		}
	case TriggerSES:
		// The email component owns the receipt rule and its lambda.Permission.
	}
	return nil
}

// with returns opts plus more, never sharing opts' backing array.
func with(opts []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption(nil), opts...), more...)
}
