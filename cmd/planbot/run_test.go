package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

// result is what one run of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the program with env as its whole environment and stdin as its input.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	return runWith(t, env, stdin, nil, args...)
}

func runWith(t *testing.T, env map[string]string, stdin string, transport http.RoundTripper, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{
		getenv:    func(k string) string { return env[k] },
		stdin:     strings.NewReader(stdin),
		stdout:    &out,
		stderr:    &errb,
		transport: transport,
	}
	code := c.main(context.Background(), args)
	return result{code, out.String(), errb.String()}
}

// oneLineFailure checks that a failure was reported as exactly one line on stderr.
func oneLineFailure(t *testing.T, r result, code int, want string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d (stderr %q)", r.code, code, r.stderr)
	}
	if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr has %d lines, want one: %q", n, r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q does not say %q", r.stderr, want)
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stderr holds a Go stack trace: %q", r.stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "Commands:") || r.stderr != "" {
			t.Errorf("%v: code %d, stdout %q, stderr %q; want usage on stdout, exit 0", args, r.code, r.stdout, r.stderr)
		}
		for _, c := range commands() {
			if !strings.Contains(r.stdout, "  "+c.name+" ") {
				t.Errorf("%v: usage does not list %q", args, c.name)
			}
		}
	}
	r := runCLI(t, nil, "")
	if r.code != exitUsage || !strings.Contains(r.stderr, "Commands:") || r.stdout != "" {
		t.Errorf("no arguments: code %d, stdout %q; want usage on stderr, exit 2", r.code, r.stdout)
	}
	r = runCLI(t, nil, "", "help", "ask")
	if r.code != exitOK || !strings.Contains(r.stdout, "planbot ask [--json]") {
		t.Errorf("help ask: code %d, stdout %q", r.code, r.stdout)
	}
	r = runCLI(t, nil, "", "ask", "-h")
	if r.code != exitOK || !strings.Contains(r.stdout, "planbot ask [--json]") {
		t.Errorf("ask -h: code %d, stdout %q", r.code, r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"ask", "--nope", "hello"}, "flag provided but not defined: -nope"},
		{[]string{"ask", "--n", "0", "hello"}, "--n 0: want 1 to 10"},
		{[]string{"ask", "--n", "x", "hello"}, `invalid value "x" for flag -n`},
		{[]string{"ask", "--n"}, "flag needs an argument: -n"},
		{[]string{"ask", ""}, "the question is empty"},
		{[]string{"ask", "  ", " "}, "the question is empty"},
		{[]string{"eval"}, "name the question file"},
		{[]string{"eval", "a.jsonl", "b.jsonl"}, "one question file at a time"},
		{[]string{"index"}, "--index DIR or INDEX_DIR"},
		{[]string{"index", "--index", "x", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "now"}, "serve takes no arguments"},
		{[]string{"register", "--guild", "my-server", "--dry-run"}, "is not a Discord id"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			oneLineFailure(t, r, exitUsage, tt.want)
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args        []string
		wantRest    []string
		wantJSON    bool
		wantCorpus  string
		wantFailure bool
	}{
		{[]string{"a", "--json", "b"}, []string{"a", "b"}, true, "", false},
		{[]string{"--corpus", "d", "q"}, []string{"q"}, false, "d", false},
		{[]string{"q", "--corpus=d"}, []string{"q"}, false, "d", false},
		{[]string{"--json", "--", "--corpus", "-x"}, []string{"--corpus", "-x"}, true, "", false},
		{[]string{"a", "-x"}, nil, false, "", true},
		{nil, nil, false, "", false},
	}
	for _, tt := range tests {
		fs := newFlagSet("t")
		asJSON := fs.Bool("json", false, "")
		corpusDir := fs.String("corpus", "", "")
		rest, err := parseFlags(fs, tt.args)
		if (err != nil) != tt.wantFailure {
			t.Errorf("%q: err %v, want failure %v", tt.args, err, tt.wantFailure)
			continue
		}
		if err != nil {
			continue
		}
		if strings.Join(rest, "|") != strings.Join(tt.wantRest, "|") || *asJSON != tt.wantJSON || *corpusDir != tt.wantCorpus {
			t.Errorf("%q: rest %q json %v corpus %q; want %q %v %q", tt.args, rest, *asJSON, *corpusDir, tt.wantRest, tt.wantJSON, tt.wantCorpus)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("a\nb:\n\tc  d\n"); got != "a b: c d" {
		t.Errorf("oneLine = %q", got)
	}
}
