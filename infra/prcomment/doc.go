// Package prcomment tells reviewers what a pull request changes in each environment: it turns
// previews (infra.Result, built from the engine's events) into Markdown comments (a summary
// table per component, a banner for replacements and deletions, the property-level diff, the
// failures and diagnostics), splits a comment that would pass GitHub's limit without breaking a
// code block or a <details> element, writes an overview of every stack, refuses replacements
// and deletions of stateful resources (Gate), and posts the comments on the pull request through
// go-github, updating them in place (Poster). The JSON contract of `notifyctl preview --json` is
// Set; docs/preview-contract.md documents it.
package prcomment
