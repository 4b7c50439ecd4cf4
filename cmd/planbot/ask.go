package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/planbot/planbot/index"
)

var askCommand = command{
	name:    "ask",
	summary: "answer questions from the command line (no Discord token needed)",
	usage: `Usage: planbot ask [--json] [--n N] [--corpus DIR] [--index DIR] [QUESTION ...]

Answers one question, given as arguments (the words are joined with spaces), or one question a
line read from standard input when there are no arguments. Each answer is a few verbatim excerpts
from the sources with their citations.

Flags:
  --json        print one JSON object a line (the contract in README.md, Evaluating)
  --n N         excerpts per answer, 1 to 10 (default 3)
  --corpus DIR  use the documents in DIR instead of the built-in corpus (default $CORPUS_DIR)
  --index DIR   build or reopen an on-disk index in DIR (default $INDEX_DIR; in memory when empty)

With PUBLIC_URL set (where planbot serve publishes its web pages), each excerpt is followed by a
link to it in context: PUBLIC_URL/sources/{doc}?cite={key}#{passage}, which marks the
quoted sentences.

Example:
  planbot ask "How large could Ukraine's army be under the plan?"
`,
	run: runAsk,
}

func runAsk(ctx context.Context, c *cli, args []string) error {
	fs := newFlagSet("ask")
	asJSON := fs.Bool("json", false, "")
	n := fs.Int("n", index.DefaultExcerpts, "")
	var src sourceFlags
	src.register(fs, c.getenv)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *n < 1 || *n > index.MaxExcerpts {
		return usagef("--n %d: want 1 to %d excerpts", *n, index.MaxExcerpts)
	}
	fromArgs := len(rest) > 0
	question := strings.Join(rest, " ")
	if fromArgs && strings.TrimSpace(question) == "" {
		return usagef(`the question is empty: try planbot ask "How large could Ukraine's army be under the plan?"`)
	}

	publicURL, err := parsePublicURL(c.getenv("PUBLIC_URL"))
	if err != nil {
		return usagef("%v", err)
	}

	engine, err := c.queryEngine(src)
	if err != nil {
		return err
	}
	defer engine.Close()

	out := bufio.NewWriter(c.stdout)
	defer out.Flush()
	p := answerPrinter{w: out, json: *asJSON, bold: !*asJSON && isTerminal(c.stdout) && c.getenv("NO_COLOR") == "", publicURL: publicURL}
	answer := func(q string) error {
		start := time.Now()
		a, err := engine.Answer(ctx, q, index.Options{N: *n})
		if err != nil {
			return fmt.Errorf("answer %q: %w", clip(q), err)
		}
		if a.Took <= 0 { // took_ms must measure something even if the engine did not
			a.Took = time.Since(start)
		}
		if err := p.print(q, a); err != nil {
			return err
		}
		return out.Flush() // answer by answer, for a person typing questions
	}

	if fromArgs {
		return answer(question)
	}
	if isTerminal(c.stdin) {
		fmt.Fprintln(c.stderr, "Type a question and press Enter; Ctrl-D ends.")
	}
	asked := 0
	err = readQuestions(c.stdin, func(q string) error {
		asked++
		return answer(q)
	})
	if err != nil {
		return err
	}
	if asked == 0 {
		return usagef("no question: give one as arguments, or one a line on standard input")
	}
	return nil
}

// maxQuestionLine is how much of one line of standard input is kept: enough to hold more than
// index.MaxQuestion characters of any script (UTF-8 takes at most 4 bytes a character), so a
// longer line is still answered as "too long", while a line of any length (a whole file piped in
// by mistake) costs no more memory than this.
const maxQuestionLine = 4 * (index.MaxQuestion + 1)

// readQuestions calls each with every non-blank line of r, without its line end, cut to
// maxQuestionLine bytes (at a character boundary). Errors are each's or reading's.
func readQuestions(r io.Reader, each func(q string) error) error {
	br := bufio.NewReader(r)
	var line []byte
	long := false
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read questions from standard input: %w", err)
		}
		if room := maxQuestionLine - len(line); room > 0 {
			line = append(line, chunk[:min(room, len(chunk))]...)
		} else {
			long = true
		}
		if isPrefix {
			continue
		}
		q := string(line)
		if long || len(line) == maxQuestionLine {
			q = strings.ToValidUTF8(q, "") // the cut may split a character
		}
		line, long = line[:0], false
		if strings.TrimSpace(q) == "" {
			continue
		}
		if err := each(strings.TrimSuffix(q, "\r")); err != nil {
			return err
		}
	}
}

// isTerminal reports whether f is an interactive terminal (a character device).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// answerPrinter writes answers as text for people or as JSON lines for scripts.
type answerPrinter struct {
	w    io.Writer
	json bool
	bold bool // mark matched words with ANSI bold rather than **word**
	// publicURL is where the web pages are (PUBLIC_URL); each excerpt links there when set.
	publicURL string
	n         int // answers printed so far
}

func (p *answerPrinter) print(question string, a index.Answer) error {
	defer func() { p.n++ }()
	if p.json {
		enc := json.NewEncoder(p.w)
		enc.SetEscapeHTML(false) // keep "&" and "<" readable; the output is not for HTML
		if err := enc.Encode(toJSON(question, a, p.publicURL)); err != nil {
			return fmt.Errorf("write answer: %w", err)
		}
		return nil
	}
	var b strings.Builder
	if p.n > 0 {
		b.WriteString("\n")
	}
	writeText(&b, question, a, p.bold, p.publicURL)
	_, err := io.WriteString(p.w, b.String())
	return err
}
