package policy

var _ = register(&Rule{
	ID:        "rds-proxy-tls",
	Rationale: "The database proxy, the applications' way to the database, requires TLS.",
	Applies:   []string{typeRDSProxy},
	Check:     mustBeTrue("requireTls"),
})
