package cloudsim

// runningVersion seeds the Aurora cluster (or instance) "db" running a version.
func runningVersion(typ, version string) func(w *store) {
	return func(w *store) {
		seedRecord(w, testAccount, "ca-central-1", typ, "db", "db",
			map[string]any{"engine": "aurora-postgresql", "engineVersion": "16", "engineVersionActual": version})
	}
}

var _ = addRuleCases(
	ruleCase{Rule: "rds.engine-version-downgrade", Name: "minor upgrade", Phase: OnUpdate, World: runningVersion(rdsCluster, "16.8"),
		Inputs: map[string]any{"clusterIdentifier": "db", "engine": "aurora-postgresql", "engineVersion": "16.9"}},
	ruleCase{Rule: "rds.engine-version-downgrade", Name: "major version only", Phase: OnUpdate, World: runningVersion(rdsCluster, "16.9"),
		Inputs: map[string]any{"clusterIdentifier": "db", "engine": "aurora-postgresql", "engineVersion": "16"}},
	ruleCase{Rule: "rds.engine-version-downgrade", Name: "back to the version before an automatic upgrade", Phase: OnUpdate, Refused: true,
		World:    runningVersion(rdsCluster, "16.9"),
		Inputs:   map[string]any{"clusterIdentifier": "db", "engine": "aurora-postgresql", "engineVersion": "16.8"},
		Contains: "Cannot upgrade aurora-postgresql from 16.9 to 16.8"},
	ruleCase{Rule: "rds.instance-engine-version-downgrade", Name: "same version", Phase: OnUpdate, World: runningVersion(rdsInstance, "16.9"),
		Inputs: map[string]any{"identifier": "db", "engine": "aurora-postgresql", "engineVersion": "16.9"}},
	ruleCase{Rule: "rds.instance-engine-version-downgrade", Name: "older major", Phase: OnUpdate, Refused: true,
		World:  runningVersion(rdsInstance, "16.9"),
		Inputs: map[string]any{"identifier": "db", "engine": "aurora-postgresql", "engineVersion": "15.12"}},
)
