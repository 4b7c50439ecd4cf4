package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Exit codes of run.
const (
	exitOK      = 0
	exitFailure = 1 // the command could not do its job
	exitUsage   = 2 // the command line was wrong
)

// env reads one environment variable; os.Getenv in main, a map in tests.
type env func(string) string

// command is one subcommand: its name, a one-line summary, its usage text and its body.
type command struct {
	name, summary, usage string
	run                  func(ctx context.Context, c *cli, args []string) error
}

// cli carries what every subcommand reads and writes.
type cli struct {
	getenv         env
	stdin          io.Reader
	stdout, stderr io.Writer
	transport      http.RoundTripper // carries Discord's HTTP requests; nil → the default
	hooks          corpusHooks       // tests: where `corpus add` may connect and how it resolves
}

func commands() []command {
	return []command{askCommand, indexCommand, evalCommand, serveCommand, registerCommand, corpusCommand}
}

const usageHead = `planbot answers questions about the November 2025 US peace plan for Ukraine
with verbatim excerpts from its sources, on the command line and on Discord.

Usage:
  planbot <command> [flags] [arguments]

Commands:
`

const usageTail = `
Run "planbot help <command>" for a command's flags. Settings are read from the environment
and from a .env file in the current folder (see .env.example); the environment wins.
Exit status: 0 done, 1 failed, 2 wrong command line.
`

func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString(usageHead)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	b.WriteString(usageTail)
	io.WriteString(w, b.String())
}

// run is the whole program: it runs the subcommand in args and returns the exit code. Failures
// are reported as one line on stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	return c.main(ctx, args)
}

// main runs the subcommand in args and returns the exit code.
func (c *cli) main(ctx context.Context, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	if len(args) == 0 {
		writeUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			if cmd, ok := lookup(args[1]); ok {
				io.WriteString(stdout, cmd.usage)
				return exitOK
			}
			fmt.Fprintf(stderr, "planbot help: unknown command %q; run \"planbot help\" for the list\n", args[1])
			return exitUsage
		}
		writeUsage(stdout)
		return exitOK
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "planbot: unknown command %q; run \"planbot help\" for the list\n", name)
		return exitUsage
	}
	err := cmd.run(ctx, c, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		io.WriteString(stdout, cmd.usage)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "planbot %s: %s; run \"planbot help %s\" for usage\n", name, oneLine(ue.msg), name)
		return exitUsage
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintf(stderr, "planbot %s: interrupted\n", name)
		return exitFailure
	default:
		fmt.Fprintf(stderr, "planbot %s: %s\n", name, oneLine(err.Error()))
		return exitFailure
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usageError is a mistake in the command line; run exits with exitUsage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// oneLine folds a message onto one line so that every failure is one line on stderr.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// newFlagSet returns a flag set that reports errors to its caller instead of printing them.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses flags placed anywhere among the arguments ("eval dev.jsonl --corpus d") and
// returns the other arguments in order. "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		// fs.Parse stops at the first non-flag, or just after a "--", which ends the flags.
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}
