// Package infra is the automation library over the Pulumi automation API: notifyctl and the
// end-to-end tests call it. It gives every stack its own workspace under the state folder,
// validates the stack's configuration before the engine is started, runs preview, up, refresh
// and destroy as inline programs through the Pulumi CLI, turns the engine's event stream into a
// typed Result, and reports failures as typed errors callers branch on.
//
// The program runs in-process (an inline program), so no Go language host is needed; the CLI
// is the one built by `make pulumi` (or any v3.175.0 on PATH) and nothing is ever downloaded.
package infra
