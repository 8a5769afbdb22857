package database

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// engineMajor returns the major of a "major.minor" version, or "" when malformed.
func engineMajor(v string) string {
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+$`).MatchString(v) {
		return ""
	}
	return strings.Split(v, ".")[0]
}

var pgRole = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]{0,62}$`)

func (a Args) validate() error {
	found := problems.New("database")
	add := found.Addf
	found.LogRetention(a.LogRetentionDays)
	if a.NamePrefix == "" {
		add("NamePrefix: got empty, want a name prefix such as notification-canada-ca-dev")
	} else {
		for _, id := range [][2]string{
			{"NamePrefix (cluster identifier)", a.clusterIdentifier()},
			{"NamePrefix (proxy name)", a.proxyName()},
			{"NamePrefix (proxy endpoint)", a.readOnlyEndpointName()},
		} {
			if err := checkIdentifier(id[0], id[1], 63); err != nil {
				found.Add(err)
			}
		}
		last := fmt.Sprintf("%s-instance-%d", a.clusterIdentifier(), max(a.Instances, 1))
		if err := checkIdentifier("NamePrefix (instance identifier)", last, 63); err != nil {
			found.Add(err)
		}
		if err := checkIdentifier("FinalSnapshotIdentifier", a.FinalSnapshotIdentifier, 255); err != nil {
			found.Add(err)
		}
	}
	if a.Region == "" {
		add("Region: got empty, want an AWS region")
	}
	if engineMajor(a.EngineVersion) == "" {
		add("EngineVersion: got %q, want major.minor such as 16.8", a.EngineVersion)
	}
	if a.InstanceClass == "" || !strings.HasPrefix(a.InstanceClass, "db.") {
		add("InstanceClass: got %q, want an RDS instance class such as db.r6g.xlarge", a.InstanceClass)
	}
	if a.Instances < 1 || a.Instances > 16 {
		add("Instances: got %d, want 1 to 16 (a writer and up to 15 readers)", a.Instances)
	}
	for _, az := range a.AvailabilityZones {
		if a.Region != "" && !strings.HasPrefix(az, a.Region) {
			add("AvailabilityZones: got %q, want zones of region %s", az, a.Region)
		}
	}
	found.DataStoreNetwork(a.VpcID, a.SubnetIDs, a.ClientSecurityGroups)
	if a.KmsKeyArn == nil {
		add("KmsKeyArn: got nil, want the environment's KMS key ARN")
	}
	if a.AlertTopicArn == nil {
		add("AlertTopicArn: got nil, want the alert topic's ARN")
	}
	if !regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]{0,62}$`).MatchString(a.DatabaseName) {
		add("DatabaseName: got %q, want a letter then up to 62 letters, digits or underscores", a.DatabaseName)
	}
	if !pgRole.MatchString(a.MasterUsername) {
		add("MasterUsername: got %q, want a letter then up to 62 letters, digits or underscores", a.MasterUsername)
	}
	if a.AppUser != nil {
		if !pgRole.MatchString(a.AppUser.Name) || a.AppUser.Name == a.MasterUsername {
			add("AppUser.Name: got %q, want a PostgreSQL role name other than the master user", a.AppUser.Name)
		}
		if a.KmsKeyArn != nil && a.NamePrefix != "" {
			if err := a.appUserCredential(nil, "database").Validate(); err != nil {
				add("AppUser: %v", err)
			}
		}
	}
	if a.BackupRetentionDays < 1 || a.BackupRetentionDays > 35 {
		add("BackupRetentionDays: got %d, want 1 to 35", a.BackupRetentionDays)
	}
	if overlap, err := WindowsOverlap(a.BackupWindow, a.MaintenanceWindow); err != nil {
		add("BackupWindow/MaintenanceWindow: %v", err)
	} else if overlap {
		add("MaintenanceWindow: got %q, which overlaps BackupWindow %q; want disjoint windows", a.MaintenanceWindow, a.BackupWindow)
	}
	if d := a.PerformanceInsightsRetentionDays; d != 7 && (d%31 != 0 || d < 31 || d > 731) {
		add("PerformanceInsightsRetentionDays: got %d, want 7 or a multiple of 31 up to 731", d)
	}
	for _, p := range a.Parameters {
		if p.Name == "" || (p.ApplyMethod != "" && p.ApplyMethod != "immediate" && p.ApplyMethod != "pending-reboot") {
			add("Parameters: got %+v, want a named parameter with ApplyMethod immediate or pending-reboot", p)
		}
	}
	return found.Err()
}
