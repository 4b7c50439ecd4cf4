package index

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
)

var (
	sharedOnce sync.Once
	sharedLive *Live
	sharedDocs []corpus.Document
)

// defaultLive is one in-memory index of the embedded corpus, shared by read-only tests.
func defaultLive(t testing.TB) (*Live, []corpus.Document) {
	t.Helper()
	sharedOnce.Do(func() {
		docs, problems := corpus.Default()
		if len(problems) > 0 {
			panic(problems[0].Error())
		}
		l, err := New(nil, docs, Config{})
		if err != nil {
			panic(err)
		}
		sharedLive, sharedDocs = l, docs
	})
	return sharedLive, sharedDocs
}

// badInput is every kind of hostile or odd question the engine must survive without an error.
var badInput = []struct {
	name, q    string
	answerable bool   // may come back answered
	reason     string // when not answerable, the reason wanted ("" = any)
}{
	{"empty", "", false, ReasonEmpty},
	{"white space", " \t\n  ", false, ReasonEmpty},
	{"control characters only", "\x00\x01\x02\x1b[31m", false, ""},
	{"zero-width only", "\u200b\u200c\u200d\ufeff", false, ReasonEmpty},
	{"10,000 characters", strings.Repeat("army ", 2000), false, ReasonTooLong},
	{"stop words only", "what is the", false, ReasonNoTerms},
	{"stop words and filler", "what does it say about it?", false, ReasonNoTerms},
	{"double quote", `"600,000`, true, ""},
	{"colon", "army:600000", true, ""},
	{"fuzzy syntax", "troops~3", true, ""},
	{"wildcard", "plan? arm*", true, ""},
	{"boolean syntax", "+NATO -EU", true, ""},
	{"unbalanced parenthesis", "(NATO membership", true, ""},
	{"backslash", `NATO\ membership\`, true, ""},
	{"regexp syntax", "/.*/", false, ""},
	{"field syntax", "title:peace text:army^5", true, ""},
	{"emoji", "🇺🇦 🕊️ ❓", false, ""},
	{"emoji with words", "army 🪖 size?", true, ""},
	{"cyrillic", "Скільки військових матиме Україна?", false, ReasonNotCovered},
	{"mixed scripts", "Zelensky Зеленський 泽连斯基", true, ""},
	{"invalid utf-8", "army \xff\xfe size", true, ""},
	{"html and markdown", "<script>alert(1)</script> **NATO** `x` ```code```", true, ""},
	{"mention syntax", "@everyone <@123> <@&456> NATO?", true, ""},
	{"only numbers", "600000", true, ""},
	{"very long word", strings.Repeat("a", 1500), false, ""},
}

func TestAnswerBadInput(t *testing.T) {
	l, _ := defaultLive(t)
	for _, tc := range badInput {
		t.Run(tc.name, func(t *testing.T) {
			a, err := l.Answer(context.Background(), tc.q, Options{})
			if err != nil {
				t.Fatalf("Answer(%q) error: %v", clipTest(tc.q), err)
			}
			if !tc.answerable && a.Answered {
				t.Fatalf("Answer(%q) answered with %q, want a non-answer", clipTest(tc.q), a.Excerpts[0].Text)
			}
			if !a.Answered && tc.reason != "" && a.Reason != tc.reason {
				t.Errorf("reason = %q, want %q", a.Reason, tc.reason)
			}
			if !a.Answered && a.Reason == "" {
				t.Errorf("not answered without a reason")
			}
			if a.Answered && len(a.Excerpts) == 0 {
				t.Errorf("answered with no excerpts")
			}
		})
	}
}

func clipTest(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// FuzzAnswer: no input makes Answer fail, panic, or cite text that is not in the document.
func FuzzAnswer(f *testing.F) {
	for _, tc := range badInput {
		f.Add(tc.q)
	}
	f.Add("How large could Ukraine's army be under the plan?")
	l, docs := defaultLive(f)
	bodies := map[string]string{}
	for _, d := range docs {
		bodies[d.ID] = d.Body
	}
	f.Fuzz(func(t *testing.T, q string) {
		a, err := l.Answer(context.Background(), q, Options{N: 5})
		if err != nil {
			t.Fatalf("Answer(%q): %v", q, err)
		}
		for _, ex := range a.Excerpts {
			checkExcerpt(t, bodies, ex)
		}
	})
}

// checkExcerpt: verbatim text of the cited document, spans inside it on word boundaries.
func checkExcerpt(t *testing.T, bodies map[string]string, ex Excerpt) {
	t.Helper()
	if !strings.Contains(bodies[ex.DocID], ex.Text) {
		t.Fatalf("excerpt is not verbatim text of %s: %q", ex.DocID, ex.Text)
	}
	if ex.Title == "" || ex.PassageID == "" {
		t.Fatalf("excerpt without citation: %+v", ex)
	}
	last := 0
	for _, sp := range ex.Spans {
		if sp.Start < last || sp.End <= sp.Start || sp.End > len(ex.Text) {
			t.Fatalf("bad span %v in %q", sp, ex.Text)
		}
		if !utf8.ValidString(ex.Text[sp.Start:sp.End]) {
			t.Fatalf("span %v cuts a character in %q", sp, ex.Text)
		}
		last = sp.End
	}
}

func TestExcerptsAreVerbatim(t *testing.T) {
	l, docs := defaultLive(t)
	bodies := map[string]string{}
	for _, d := range docs {
		bodies[d.ID] = d.Body
	}
	n := 0
	for _, file := range []string{"../testdata/eval/dev.jsonl", "../testdata/eval/extra.jsonl"} {
		for _, q := range questionFile(t, file) {
			a, err := l.Answer(context.Background(), q.Q, Options{N: MaxExcerpts})
			if err != nil {
				t.Fatal(err)
			}
			for _, ex := range a.Excerpts {
				checkExcerpt(t, bodies, ex)
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("checked only %d excerpts", n)
	}
}

func TestAnswerMarksMatchedWords(t *testing.T) {
	l, _ := defaultLive(t)
	a, err := l.Answer(context.Background(), "How large could Ukraine's army be under the plan?", Options{})
	if err != nil || !a.Answered {
		t.Fatalf("not answered: %+v %v", a, err)
	}
	ex := a.Excerpts[0]
	if !strings.Contains(ex.Text, "600,000") {
		t.Fatalf("first excerpt %q lacks 600,000", ex.Text)
	}
	var marked []string
	for _, sp := range ex.Spans {
		marked = append(marked, ex.Text[sp.Start:sp.End])
	}
	if !strings.Contains(strings.ToLower(strings.Join(marked, " ")), "army") && !strings.Contains(strings.ToLower(strings.Join(marked, " ")), "forces") {
		t.Errorf("marked %q, want the army (or its synonym) marked", marked)
	}
	if a.Took <= 0 {
		t.Errorf("Took = %v, want > 0", a.Took)
	}
}

func TestAnswerPagingAndDiversity(t *testing.T) {
	l, _ := defaultLive(t)
	ctx := context.Background()
	q := "What does the plan say about NATO?"
	first, err := l.Answer(ctx, q, Options{N: 3})
	if err != nil || !first.Answered || len(first.Excerpts) != 3 || !first.More {
		t.Fatalf("first page: %+v %v", first, err)
	}
	next, err := l.Answer(ctx, q, Options{N: 3, Offset: 3})
	if err != nil || len(next.Excerpts) == 0 {
		t.Fatalf("second page: %+v %v", next, err)
	}
	seen := map[string]bool{}
	for _, ex := range append(first.Excerpts, next.Excerpts...) {
		if seen[ex.Text] {
			t.Errorf("excerpt repeated across pages: %q", ex.Text)
		}
		seen[ex.Text] = true
	}
	// the second and third excerpts add a different passage or source, not a near copy
	if first.Excerpts[0].PassageID == first.Excerpts[1].PassageID && first.Excerpts[1].PassageID == first.Excerpts[2].PassageID {
		t.Errorf("all three excerpts from one passage %s", first.Excerpts[0].PassageID)
	}
}

func TestAnswerInOneDocument(t *testing.T) {
	l, _ := defaultLive(t)
	a, err := l.Answer(context.Background(), "What did Zelenskyy say?", Options{Doc: "reuters-zelenskyy-ready", N: 5})
	if err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}
	for _, ex := range a.Excerpts {
		if ex.DocID != "reuters-zelenskyy-ready" {
			t.Errorf("excerpt from %s, want only reuters-zelenskyy-ready", ex.DocID)
		}
	}
}

func TestFollowUpUsesContext(t *testing.T) {
	l, _ := defaultLive(t)
	ctx := context.Background()
	alone, _ := l.Answer(ctx, "who said that?", Options{})
	if alone.Answered {
		t.Fatalf("a bare follow-up should not be answered alone, got %q", alone.Excerpts[0].Text)
	}
	a, err := l.Answer(ctx, "what about NATO?", Options{Context: "Would Ukraine be eligible for EU membership?"})
	if err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}
	if !strings.Contains(a.Excerpts[0].Text, "NATO") {
		t.Errorf("follow-up answer %q does not mention NATO", a.Excerpts[0].Text)
	}
}

// A follow-up that asks no kind of fact takes the earlier question's, as finely as it was asked:
// "and the counter-proposal?" after "what day…" wants a day too, after "how long…" a span of time.
func TestFollowUpTakesTheKindAsAsked(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	follow := e.parseQuestion("and the counter-proposal?")
	if q := e.withContext(follow, "what day did the office confirm the draft?"); q.kind != askDate || !q.day || !q.plain {
		t.Errorf("after a \"what day\" question: kind %d, day %v, plain %v; want a date question for a day, plainly", q.kind, q.day, q.plain)
	}
	if q := e.withContext(follow, "how long was witkoff working on the plan?"); q.kind != askNumber || !q.long {
		t.Errorf("after a \"how long\" question: kind %d, long %v; want a number question that takes a span of time", q.kind, q.long)
	}
}

func TestRefusalHasSuggestions(t *testing.T) {
	l, _ := defaultLive(t)
	a, err := l.Answer(context.Background(), "What is the capital of Australia?", Options{})
	if err != nil || a.Answered || a.Reason != ReasonNotCovered {
		t.Fatalf("%+v %v", a, err)
	}
	if len(a.Suggestions) == 0 || len(a.Suggestions) > 3 {
		t.Fatalf("suggestions = %q, want 1–3", a.Suggestions)
	}
	for _, s := range a.Suggestions {
		b, err := l.Answer(context.Background(), s, Options{})
		if err != nil || !b.Answered {
			t.Errorf("suggestion %q is not answerable", s)
		}
	}
}

func TestClosedLive(t *testing.T) {
	docs, _ := corpus.Default()
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Answer(context.Background(), "army", Options{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("err = %v, want ErrClosed", err)
	}
	if l.Documents() != nil {
		t.Fatal("Documents after Close")
	}
}

func TestNewWithoutDocuments(t *testing.T) {
	if _, err := New(nil, nil, Config{}); err == nil {
		t.Fatal("New with no documents succeeded")
	}
}

// A clause after the question proper sets the scene ("…after the Florida talks", "…now that
// Yermak is out"); the main clause says what is asked, so the scene's words weigh settingShare of
// what they weigh in the main clause, and the question's first words never count as a scene.
func TestSettingClauseWeighsLess(t *testing.T) {
	l, _ := defaultLive(t)
	weight := func(q, word string) float64 { return groupOf(t, l, q, word).weight }
	for _, tc := range []struct{ scene, plain, word string }{
		{"where was witkoff headed after the geneva talks", "where was witkoff headed for the geneva talks", "geneva"},
		{"who leads the delegation now that yermak is out", "who leads the delegation of yermak", "yermak"},
		{"what did umerov say on telegram following the talks", "what did umerov say on telegram about the talks", "talks"},
	} {
		got, want := weight(tc.scene, tc.word), settingShare*weight(tc.plain, tc.word)
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%q: %q weighs %.3f, want %.3f (settingShare of its weight in %q)", tc.scene, tc.word, got, want, tc.plain)
		}
	}
	for q, want := range map[string]int{"when did x happen after y": 4, "  when did the talks start": -1,
		"who leads now that yermak is out": 2, "now that yermak is out who leads": -1, "is it still on since monday?": 4,
		"what happened afterwards": -1, "what did he say, after the talks?": 4} {
		if got := settingStart(q); got != want {
			t.Errorf("settingStart(%q) = %d, want %d", q, got, want)
		}
	}
	if a, b := weight("when did the talks start", "talks"), weight("did the talks start", "talks"); a != b {
		t.Errorf("an opening \"when\" made a scene: %q weighs %.3f, want %.3f", "talks", a, b)
	}
}

// "Off the table" asks whether something is ruled out, "at present" what holds now: "table",
// "present", "point" are no words of the topic (a fifth reviewer found "at present" matching
// "presented").
func TestIdiomIsNoTopic(t *testing.T) {
	l, _ := defaultLive(t)
	for q, word := range map[string]string{"is nato membership off the table for kyiv?": "table", "what else was on the table in geneva": "table",
		"what's the plan at present": "present", "what's in the plan at this point": "point", "is the army capped these days": "days",
		"who leads the talks at the moment": "moment", "what's the plan nowadays": "nowadays"} {
		for _, g := range parsed(t, l, q).groups {
			if g.word == word {
				t.Errorf("%q: %q is a question word", q, g.word)
			}
		}
	}
}

// A huge offset asks for no more work than the candidates allow (a fifth reviewer ran out of
// memory with Offset 1<<40, and overflowed an allocation near MaxInt).
func TestAHugeOffsetAnswersNothing(t *testing.T) {
	l, _ := defaultLive(t)
	for _, offset := range []int{1 << 40, math.MaxInt - 10} {
		a, err := l.Answer(context.Background(), "how large would the army be", Options{N: 5, Offset: offset})
		if err != nil || len(a.Excerpts) != 0 {
			t.Errorf("offset %d: %d excerpts, %v; want none", offset, len(a.Excerpts), err)
		}
	}
}

// The inflected forms of a question frame are frames too: "what goes on" asks like "what is going
// on", and "gets" no more names a topic than "get".
func TestFrameWordFormsAreFrames(t *testing.T) {
	l, _ := defaultLive(t)
	forms := []string{"happens", "goes", "gets", "went", "knows"} // each in one of the questions
	for _, q := range []string{"what happens if russia goes after moldova next", "who gets the final say", "what went wrong in geneva", "who knows what the plan means"} {
		for _, g := range parsed(t, l, q).groups {
			if slices.Contains(forms, surface(g.word)) {
				t.Errorf("%q: %q is a question word", q, g.word)
			}
		}
	}
}

// A sentence that is itself a question is a poor answer (it echoes the asker), unless it holds the
// kind of fact asked for: a rhetorical "what prevents similar moves against Moldova…?" names the
// countries "which countries" asks about.
func TestRhetoricalQuestionThatHoldsTheKind(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "fears", published: "2025-11-20", body: "Critics fear the deal would set a dangerous precedent for the whole region, several officials said on Monday in the capital.\n\n" +
			"Strategic precedent: if the invader keeps the land, what prevents similar moves against Moldova or Georgia later?\n"},
	)
	expectFirst(t, l, bodies, "which countries could be next, given this precedent", "Moldova or Georgia")
	// a question sentence that only echoes the asker stays demoted, though it shares more words
	l, bodies = smallLive(t, testDoc{id: "echo", published: "2025-11-21", body: "Will the envoys meet again before the deadline set by the president?\n\n" +
		"The envoys will meet again on Friday, a spokesman said.\n"})
	if a, ok := expectFirst(t, l, bodies, "when will the envoys meet again before the deadline set by the president", "on Friday"); ok &&
		!strings.HasPrefix(a.Excerpts[0].Text, "The envoys") {
		t.Errorf("first excerpt %q: want the answer, not the question that echoes the asker", a.Excerpts[0].Text)
	}
}

// A noun of measure asks for a number in the plural as in the singular: "prisoner swap numbers
// from the round?" asks for the count (a blind later-article set had the lead that names the
// swap first).
func TestANounOfMeasureAsksForANumber(t *testing.T) {
	l, _ := smallLive(t, testDoc{id: "swap", published: "2026-02-05", body: "Russia and Ukraine agreed on a fresh prisoner swap at the talks in Ruritania, the envoy said on Thursday.\n\n" +
		"The delegations agreed to exchange 314 prisoners, the first such exchange in five months.\n"})
	for _, q := range []string{"prisoner swap numbers from the talks?", "casualty numbers?", "the death tolls", "the cap on troops",
		"what % of the plan is agreed", "how many percent is agreed", "they gave different % for it"} {
		if k := parsed(t, l, q).kind; k != askNumber {
			t.Errorf("%q asks for kind %d, want a number (%d)", q, k, askNumber)
		}
	}
	// a plural that is also a verb asks no number (a fifth reviewer's cases)
	for _, q := range []string{"what did the envoy say about the swap?", "who caps the army?", "what limits does the plan put on nato", "what counts as russian territory",
		"when did inflation hit 10%?", "when did inflation hit 10 %?", "who owns 51% of the company?", "is 100 percent of the plan public?"} {
		if k := parsed(t, l, q).kind; k == askNumber {
			t.Errorf("%q asks for a number", q)
		}
	}
}

// Every reporting verb that names a speaker for a statement question (reportingVerbs) also makes
// its sentence a statement, the kind such a question asks for: one list serves both ("The Kremlin
// reiterated…" was a speaker's sentence and no statement).
func TestReportingVerbsMakeStatements(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	for _, v := range reportingVerbs {
		if f := e.features("The envoy " + v + " that the talks would go on."); f.tags&tagStatement == 0 {
			t.Errorf("%q: no statement", v)
		}
	}
	if f := e.features("The envoy met the delegation on Monday."); f.tags&tagStatement != 0 {
		t.Error("a sentence with no reporting verb is a statement")
	}
}
