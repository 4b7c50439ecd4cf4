package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planbot/planbot/index"
)

const armyQuestion = "How large could Ukraine's army be under the plan?"

// nonsense is a question no source can answer: the engine must refuse it.
const nonsense = "What recipe makes the best sourdough bread?"

func TestAskText(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "How", "large", "could", "Ukraine's", "army", "be", "under", "the", "plan?")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"Q: " + armyQuestion + "\n", "\n1. ", "**", "[1]", "\nSources:\n[1] "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("ANSI escapes written to a non-terminal:\n%s", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr %q, want nothing at the default log level", r.stderr)
	}
}

// TestAskContextLinks: with PUBLIC_URL each excerpt, in text and in JSON, links to its passage on
// the web pages; a bad PUBLIC_URL is a usage error that says what it must be.
func TestAskContextLinks(t *testing.T) {
	env := map[string]string{"PUBLIC_URL": "https://planbot.example/"}
	r := runCLI(t, env, "", "ask", armyQuestion)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	excerpts := strings.Count(r.stdout, "\n1. ") + strings.Count(r.stdout, "\n2. ") + strings.Count(r.stdout, "\n3. ")
	links := regexp.MustCompile(`\n   context: https://planbot\.example/sources/[a-z0-9-]+\?cite=[0-9a-f]{8}#p\d+\n`).FindAllString(r.stdout, -1)
	if excerpts == 0 || len(links) != excerpts {
		t.Errorf("%d excerpts, %d context links:\n%s", excerpts, len(links), r.stdout)
	}
	for _, line := range askJSON(t, env, nil, armyQuestion) {
		for _, x := range line["excerpts"].([]any) {
			ex := x.(map[string]any)
			want := "https://planbot.example/sources/" + ex["doc"].(string) + "?cite="
			if c, _ := ex["context"].(string); !strings.HasPrefix(c, want) || !strings.HasSuffix(c, "#"+strings.TrimPrefix(ex["passage"].(string), ex["doc"].(string)+"/")) {
				t.Errorf("JSON context %v, want %s", ex["context"], want)
			}
		}
	}
	for _, bad := range []string{"planbot.example", "ftp://x.org", "https://x.org/?a=1", "https://x.org/(a)"} {
		r := runCLI(t, map[string]string{"PUBLIC_URL": bad}, "", "ask", armyQuestion)
		if r.code != exitUsage || !strings.Contains(r.stderr, "PUBLIC_URL") {
			t.Errorf("PUBLIC_URL=%q: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}

func TestAskTextRefusal(t *testing.T) {
	r := runCLI(t, nil, nonsense+"\n", "ask")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "The sources don't answer this question.") || strings.Contains(r.stdout, "Sources:") {
		t.Errorf("refusal not said plainly:\n%s", r.stdout)
	}
}

// askJSON runs ask --json with questions on stdin and decodes each output line.
func askJSON(t *testing.T, env map[string]string, args []string, questions ...string) []map[string]any {
	t.Helper()
	r := runCLI(t, env, strings.Join(questions, "\n")+"\n", append([]string{"ask", "--json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestAskJSONContract(t *testing.T) {
	got := askJSON(t, nil, nil, armyQuestion, "", nonsense)
	if len(got) != 2 {
		t.Fatalf("%d lines for 2 questions (and a blank line)", len(got))
	}
	for i, q := range []string{armyQuestion, nonsense} {
		for _, k := range []string{"question", "answered", "excerpts", "took_ms"} {
			if _, ok := got[i][k]; !ok {
				t.Errorf("answer %d lacks %q: %v", i, k, got[i])
			}
		}
		if got[i]["question"] != q {
			t.Errorf("answer %d is to %q, want %q (in order, as asked)", i, got[i]["question"], q)
		}
		if ms, _ := got[i]["took_ms"].(float64); ms <= 0 {
			t.Errorf("answer %d: took_ms %v, want the time it took", i, got[i]["took_ms"])
		}
		if _, ok := got[i]["excerpts"].([]any); !ok {
			t.Errorf("answer %d: excerpts is %T, want an array (never null)", i, got[i]["excerpts"])
		}
	}
	if got[0]["answered"] != true {
		t.Fatalf("army question not answered: %v", got[0])
	}
	ex := got[0]["excerpts"].([]any)
	if len(ex) == 0 || len(ex) > index.DefaultExcerpts {
		t.Fatalf("%d excerpts, want 1 to %d", len(ex), index.DefaultExcerpts)
	}
	for i, e := range ex {
		e := e.(map[string]any)
		for _, k := range []string{"text", "doc", "title", "outlet", "url", "score"} {
			if _, ok := e[k]; !ok {
				t.Errorf("excerpt %d lacks %q", i, k)
			}
		}
		text, _ := e["text"].(string)
		if strings.TrimSpace(text) == "" || strings.Contains(text, "**") {
			t.Errorf("excerpt %d text %q: want verbatim, non-empty, no markup", i, text)
		}
		if _, ok := e["score"].(float64); !ok {
			t.Errorf("excerpt %d score is %T, want a number", i, e["score"])
		}
	}
	if got[1]["answered"] != false {
		t.Errorf("nonsense question answered: %v", got[1])
	}
}

func TestAskJSONArgumentsAreOneQuestion(t *testing.T) {
	r := runCLI(t, nil, "", "ask", "--json", "--n", "1", "How", "large", "could", "Ukraine's", "army", "be", "under", "the", "plan?")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != exitOK || len(lines) != 1 {
		t.Fatalf("exit %d, %d lines; want one answer (stderr %q)", r.code, len(lines), r.stderr)
	}
	var a jsonAnswer
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if a.Question != armyQuestion || len(a.Excerpts) != 1 {
		t.Errorf("question %q with %d excerpts; want %q with 1 (--n 1)", a.Question, len(a.Excerpts), armyQuestion)
	}
}

func TestAskNoQuestionOnStdin(t *testing.T) {
	r := runCLI(t, nil, "\n  \n", "ask")
	oneLineFailure(t, r, exitUsage, "no question")
}

func TestAskBadLogLevel(t *testing.T) {
	r := runCLI(t, map[string]string{"LOG_LEVEL": "loud"}, "", "ask", armyQuestion)
	oneLineFailure(t, r, exitFailure, `LOG_LEVEL "loud" must be debug, info, warn or error`)
}

// writeDoc writes a corpus file with front matter into dir.
func writeDoc(t *testing.T, dir, name, frontMatter, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("---\n"+frontMatter+"---\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const testBody = `Under the draft, the armed forces of the country would be capped at 600,000 personnel, ` +
	`a figure that officials in the capital described as far below the current strength of the army. ` +
	`The draft also says that elections would be held within 100 days of the signing of the agreement, ` +
	`and that a joint commission would oversee the ceasefire along the line of contact.

Negotiators met in Geneva on November 23 to discuss the draft and a counter-proposal prepared by ` +
	`European governments, which kept the cap on the army but dropped several other points.
`

func TestAskCorpusDirWithProblems(t *testing.T) {
	dir := t.TempDir()
	writeDoc(t, dir, "good.md", "id: test-doc\ntitle: A test document\npublished: 2025-11-21\nkind: article\n", testBody)
	writeDoc(t, dir, "bad.md", "id: bad-doc\ncolour: blue\n", testBody)

	r := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "", "ask", "How large could the army be?")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "bad.md") || !strings.Contains(r.stderr, "colour") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q: want one line naming bad.md and its problem", r.stderr)
	}
	if !strings.Contains(r.stdout, "[1] A test document — outlet not named, 2025-11-21") {
		t.Errorf("answer not from the folder's good document:\n%s", r.stdout)
	}

	// --corpus wins over CORPUS_DIR; a folder where nothing loads is a failure.
	only := t.TempDir()
	writeDoc(t, only, "bad.md", "id: Not An Id\n", testBody)
	r = runCLI(t, map[string]string{"CORPUS_DIR": dir}, "", "ask", "--corpus", only, "army")
	if r.code != exitFailure || !strings.Contains(r.stderr, "no document in "+only+" could be loaded") {
		t.Errorf("exit %d, stderr %q; want failure saying nothing loaded", r.code, r.stderr)
	}
	r = runCLI(t, nil, "", "ask", "--corpus", filepath.Join(dir, "missing"), "army")
	oneLineFailure(t, r, exitFailure, "corpus folder "+filepath.Join(dir, "missing"))
}

func TestMark(t *testing.T) {
	text := "capped at 600,000 personnel"
	tests := []struct {
		spans []index.Span
		bold  bool
		want  string
	}{
		{nil, false, text},
		{[]index.Span{{Start: 0, End: 6}, {Start: 10, End: 17}}, false, "**capped** at **600,000** personnel"},
		{[]index.Span{{Start: 10, End: 17}}, true, "capped at \x1b[1m600,000\x1b[0m personnel"},
		// Out of range, backwards and overlapping spans are dropped, not fatal.
		{[]index.Span{{Start: 0, End: 6}, {Start: 3, End: 9}, {Start: 20, End: 10}, {Start: 18, End: 99}}, false, "**capped** at 600,000 personnel"},
	}
	for _, tt := range tests {
		if got := mark(text, tt.spans, tt.bold); got != tt.want {
			t.Errorf("mark(%v, %v) = %q, want %q", tt.spans, tt.bold, got, tt.want)
		}
	}
}

func TestWriteTextSources(t *testing.T) {
	a := index.Answer{Answered: true, Confident: true, Excerpts: []index.Excerpt{
		{Citation: index.Citation{DocID: "a", Title: "Doc A", Outlet: "Reuters", Published: "2025-11-20", URL: "https://example.com/a"}, Text: "One."},
		{Citation: index.Citation{DocID: "b", Title: "Doc B"}, Text: "Two."},
		{Citation: index.Citation{DocID: "a", Title: "Doc A", Outlet: "Reuters", Published: "2025-11-20", URL: "https://example.com/a"}, Text: "Three."},
	}}
	var b strings.Builder
	writeText(&b, "q?", a, false, "")
	want := "Q: q?\n\n1. One. [1]\n2. Two. [2]\n3. Three. [1]\n\nSources:\n" +
		"[1] Doc A — Reuters, 2025-11-20, https://example.com/a\n[2] Doc B — outlet not named\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// A tentative answer says so before its excerpts; a syndicated excerpt cites every copy.
func TestWriteTextTentativeAndCopies(t *testing.T) {
	a := index.Answer{Answered: true, Excerpts: []index.Excerpt{
		{Citation: index.Citation{DocID: "a", Title: "Doc A", Outlet: "AFP"}, Text: "One.", Also: []index.Citation{{DocID: "b", Title: "Doc B", Outlet: "Outlet B"}}},
		{Citation: index.Citation{DocID: "b", Title: "Doc B", Outlet: "Outlet B"}, Text: "Two."},
		{Citation: index.Citation{DocID: "c", Title: "Doc C", Outlet: "Outlet C", Retrieved: "2025-12-03"}, Text: "Three."},
	}}
	var b strings.Builder
	writeText(&b, "q?", a, false, "")
	want := "Q: q?\n" + tentativeText + "\n\n1. One. [1, 2]\n2. Two. [2]\n3. Three. [3]\n\nSources:\n" +
		"[1] Doc A — AFP\n[2] Doc B — Outlet B\n[3] Doc C — Outlet C, fetched 2025-12-03\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestToJSONEmptyExcerpts(t *testing.T) {
	b, err := json.Marshal(toJSON("q", index.Answer{Reason: index.ReasonNotCovered, Suggestions: []string{"s"}}, "https://x.org"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"question":"q","answered":false,"confident":false,"confidence":0,"reason":"not-covered","excerpts":[],"suggestions":["s"],"took_ms":0}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}
