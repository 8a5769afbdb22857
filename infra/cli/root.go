package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() {
	// Help lists the commands in the order they are registered (a stack's life: preview, up,
	// refresh, destroy, ...), not alphabetically.
	cobra.EnableCommandSorting = false
}

// Groups of the root's help; a command names its group in GroupID.
const (
	groupStack   = "stack"
	groupOffline = "offline"
)

// rootLong is the root's help and the reference's front page: plain text that also reads as
// Markdown (placeholders in backquotes, the exit codes an indented block).
const rootLong = `notifyctl operates GC Notify's Pulumi stacks through the Pulumi automation API: preview, up,
refresh, destroy, orphans and outputs against the simulated AWS (` + "`--cloud sim`" + `) or real AWS
(` + "`--cloud aws`" + `); render, estimate and check offline; and drill, the timed from-scratch
rebuild of an environment into a new stack.

Every command takes ` + "`--stack <name>`" + ` (required), ` + "`--json`" + ` (the result as JSON on stdout; a
command that fails prints ` + "`{\"error\": {\"exitCode\": N, \"message\": \"...\"}}`" + ` there, also when
it is refused before anything runs) and ` + "`--project-dir <folder>`" + `. Progress goes to stderr,
results to stdout. Everything that can be checked without touching anything (flags, the stack
name, the stack file, the whole configuration, credentials) is checked first, and every problem
is reported at once.

Exit codes:

     0  success
     1  any other failure (engine or internal error)
     2  usage: a bad flag or value, stack name or project folder, no stack file, refusing to
        change a stack unattended without --yes, a missing backend or secrets provider
     3  changes present (preview or refresh --expect-no-changes), or orphans found
     4  another run holds the stack's lock (concurrent update)
     5  cancelled (Ctrl-C: the state is saved, rerun to finish) or not confirmed
     6  one or more resources failed; the output names them
     7  the stack file's configuration is invalid (every problem listed)
     8  missing credentials: AWS credentials for --cloud aws, or the state passphrase
     9  the stack does not exist in the backend (outputs, refresh, destroy)
    10  the previous operation did not end with its state saved: run orphans --adopt
    11  a policy rule found a resource that breaks it, with no reasoned exception (check)`

// newRootCmd is notifyctl's command tree.
//
// A command is one file, cmd_<name>.go, with func new<Name>Cmd(d *Deps) *cobra.Command, added
// to the AddCommand list below (help lists commands in that order). A command with subcommands
// (drill history, drill cleanup) is built the same way and adds them to itself with
// AddCommand: run gives every command that has subcommands and no RunE of its own the usage
// errors of a missing or an unknown subcommand, so it needs nothing else.
func newRootCmd(d *Deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "notifyctl <command> --stack <name> [flags]",
		Short: "Operate GC Notify's Pulumi stacks",
		Long:  rootLong,
		// finish reports the error once, with its exit code; usage is not repeated.
		SilenceErrors:         true,
		SilenceUsage:          true,
		DisableFlagsInUseLine: true,
	}
	root.AddGroup(
		&cobra.Group{ID: groupStack, Title: "Operate a stack:"},
		&cobra.Group{ID: groupOffline, Title: "Offline (no cloud, engine or credentials):"},
	)
	root.AddCommand(
		newPreviewCmd(d),
		newUpCmd(d),
		newRefreshCmd(d),
		newDestroyCmd(d),
		newOrphansCmd(d),
		newOutputsCmd(d),
		newHistoryCmd(d),
		newDriftCmd(d),
		newRenderCmd(d),
		newEstimateCmd(d),
		newCheckCmd(d),
		newDrillCmd(d),
		newEnvCmd(d),
		newSimCmd(d),
	)
	// The streams first: the completion command keeps the output stream it is created with.
	root.SetOut(d.Stdout)
	root.SetErr(d.Stderr)
	root.SetIn(d.Stdin)
	root.SetHelpCommand(newHelpCmd(root))
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.SetFlagErrorFunc(flagError)
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if f := c.Flags().Lookup("help"); f != nil && f.Changed && c.HasParent() {
			// notifyctl <command> -h prints on stderr, as before cobra; notifyctl help
			// [<command>] and notifyctl -h print on stdout.
			c.SetOut(d.Stderr)
			defer c.SetOut(nil)
		}
		help(c, args)
	})
	return root
}

// run executes one command line on a tree built by newRootCmd (and whatever was added to it).
func run(ctx context.Context, root *cobra.Command, args []string) error {
	needSubcommand(root)
	// Never nil: cobra reads the process's arguments when given none.
	root.SetArgs(longFlags(root, args))
	_, err := root.ExecuteContextC(ctx)
	return err
}

// needSubcommand makes every command of the tree that only groups subcommands (the root, drill)
// refuse a missing or unknown subcommand with a usage error; cobra would print help and succeed.
func needSubcommand(c *cobra.Command) {
	for _, sub := range c.Commands() {
		needSubcommand(sub)
	}
	if !c.HasSubCommands() || c.Runnable() {
		return
	}
	c.Args = cobra.ArbitraryArgs
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // cobra's default, which SuggestionsFor does not apply
	}
	// notifyctl deploy --stack dev is an unknown command, not an unknown flag of the root.
	c.FParseErrWhitelist.UnknownFlags = true
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			fmt.Fprint(c.ErrOrStderr(), c.UsageString())
			return &UsageError{Msg: fmt.Sprintf("no command given: %s wants one of %s", c.CommandPath(), choices(c))}
		}
		msg := fmt.Sprintf("unknown command %q", args[0])
		if c.HasParent() {
			msg += " for " + c.CommandPath()
		}
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
		}
		return &UsageError{Msg: msg + ": want " + choices(c)}
	}
}

// choices lists a command's subcommands: "preview, up, ... or completion".
func choices(c *cobra.Command) string {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// newHelpCmd is `notifyctl help [command]`: cobra's, except that an unknown command is a usage
// error (exit 2) rather than a message and success.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help shows what a command does and its flags: `notifyctl help <command> [<subcommand>]`.",
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range target.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil {
				return &UsageError{Msg: "help: " + err.Error()}
			}
			if len(rest) > 0 {
				return &UsageError{Msg: fmt.Sprintf("help: unknown command %q: want %s", rest[0], choices(target))}
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

// flagError turns a flag that does not parse into a usage error naming the flag, the value
// received and what is allowed.
func flagError(c *cobra.Command, err error) error {
	var (
		invalid  *pflag.InvalidValueError
		missing  *pflag.ValueRequiredError
		notExist *pflag.NotExistError
	)
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		want := f.Usage
		switch f.Value.Type() {
		case "float64":
			want = "a number: " + f.Usage
		case "bool":
			want = "true or false: " + f.Usage
		}
		return &UsageError{Msg: fmt.Sprintf("--%s: got %q, want %s", f.Name, invalid.GetValue(), want)}
	case errors.As(err, &missing):
		f := missing.GetFlag()
		return &UsageError{Msg: fmt.Sprintf("--%s needs a value: %s", f.Name, f.Usage)}
	case errors.As(err, &notExist):
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, "--"+f.Name) })
		return &UsageError{Msg: fmt.Sprintf("%s for %s: it takes %s", err, c.CommandPath(), strings.Join(names, ", "))}
	}
	return &UsageError{Msg: err.Error()}
}
