package awsmodel

// AWS Backup: vaults, plans, selections, vault locks, policies and notifications.
func init() {
	outputFuncs["aws:backup/vault:Vault"] = func(o *Object) {
		o.set("arn", o.arn("backup", "backup-vault:"+o.name()))
		o.set("recoveryPoints", 0)
	}
	outputFuncs["aws:backup/plan:Plan"] = func(o *Object) {
		o.set("arn", o.arn("backup", "backup-plan:"+o.ID))
		o.set("version", alnum(o.hex("version", 64), 32))
	}
	idFuncs["aws:backup/plan:Plan"] = func(o *Object) string { return o.uuid("plan") }
	idFuncs["aws:backup/selection:Selection"] = func(o *Object) string { return o.uuid("selection") }
	idFuncs["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = func(o *Object) string { return o.str("backupVaultName") }
	outputFuncs["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = func(o *Object) {
		o.set("backupVaultArn", o.arn("backup", "backup-vault:"+o.str("backupVaultName")))
	}
	idFuncs["aws:backup/vaultPolicy:VaultPolicy"] = func(o *Object) string { return o.str("backupVaultName") }
	idFuncs["aws:backup/vaultNotifications:VaultNotifications"] = func(o *Object) string { return o.str("backupVaultName") }
}
