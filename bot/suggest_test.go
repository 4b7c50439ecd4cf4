package bot

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// askTyping is the autocomplete interaction Discord sends while a member types /ask's question.
func askTyping(t testing.TB, id, typed string) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, "autocomplete_source.json")
	ic.ID, ic.Token = id, "token-"+id
	ic.Data = discordgo.ApplicationCommandInteractionData{ID: "600000000000000001", Name: "ask", CommandType: discordgo.ChatApplicationCommand,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}}}
	return ic
}

// As a member types, /ask offers what they typed and questions the sources can answer that
// contain the typed words: at most 25, each ≤ 100 characters (the fake checks both), and the
// engine really answers them.
func TestE2EAskAutocomplete(t *testing.T) {
	e := newE2E(t, Config{})
	about := map[string][]string{}
	for _, s := range e.bot.currentSuggestions() {
		about[s.question] = s.words
	}
	for i, typed := range []string{"", "nato", "what does the plan say about ter", "zaporiz", "point 2"} {
		body := e.interact(askTyping(t, snowflake(95, i+1), typed))
		choices, _ := dig(body, "data", "choices").([]any)
		if len(choices) < 2 {
			t.Errorf("%q: %d choices", typed, len(choices))
			continue
		}
		if typed != "" && str(choices[0], "value") != typed {
			t.Errorf("%q: first choice %q, want what was typed", typed, str(choices[0], "value"))
		}
		for _, c := range choices[min(1, len(typed)):] {
			q := str(c, "value")
			if utf8.RuneCountInString(q) > maxChoiceValue || str(c, "name") != q {
				t.Errorf("%q: choice %v", typed, c)
			}
			if !matchesAll(about[q], lowerWords(typed)) {
				t.Errorf("%q: suggestion %q is not about it", typed, q)
			}
		}
	}
	// The suggestions are questions the sources answer.
	all := e.bot.currentSuggestions()
	refused := 0
	for _, s := range all {
		ans, err := e.bot.engine.Answer(context.Background(), s.question, index.Options{})
		if err != nil || !ans.Answered {
			refused++
			t.Logf("not answered: %q", s.question)
		}
	}
	if len(all) < 25 || refused > len(all)/10 {
		t.Errorf("%d suggestions, %d not answered", len(all), refused)
	}
}

// A reindex that changes only a title (every document keeps its id and number of passages)
// still renews the suggestions: they are built for the index serving, not guessed from sizes.
func TestSuggestionsFollowReindex(t *testing.T) {
	e := newModE2E(t, Config{})
	has := func(q string) bool {
		return slices.ContainsFunc(e.bot.currentSuggestions(), func(s suggestion) bool { return s.question == q })
	}
	oldQ, newQ := "What does “U.S. peace plan for Ukraine” say?", "What does “A renamed article” say?"
	if !has(oldQ) {
		t.Fatalf("no suggestion %q before the change", oldQ)
	}
	path := filepath.Join(e.bot.cfg.CorpusDir, "wikipedia-us-peace-plan.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(data), `title: "U.S. peace plan for Ukraine"`, `title: "A renamed article"`, 1)
	if renamed == string(data) {
		t.Fatal("the title line to change is not in the file")
	}
	if err := os.WriteFile(path, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := e.bot.Reindex(context.Background()); err != nil || !r.Swapped() {
		t.Fatalf("reindex: %+v %v", r, err)
	}
	if has(oldQ) || !has(newQ) {
		t.Errorf("after the reindex: old title offered %v, new title offered %v", has(oldQ), has(newQ))
	}
}

// A member's partial question matches suggestions word by word, by word prefixes.
func TestMatchSuggestions(t *testing.T) {
	all := []suggestion{
		{question: "What does the plan say about territory?", words: lowerWords("What does the plan say about territory?")},
		{question: "What happened on 20 November 2025?", words: lowerWords("What happened on 20 November 2025? The plan was handed to Kyiv")},
	}
	got := matchSuggestions(all, "plan ky")
	if len(got) != 2 || got[0].Value != "plan ky" || got[1].Value != "What happened on 20 November 2025?" {
		t.Errorf("plan ky: %v", got)
	}
	if got := matchSuggestions(all, strings.Repeat("x", 101)); len(got) != 0 {
		t.Errorf("a 101-character question offered: %v", got)
	}
}

// BenchmarkAskAutocomplete measures one /ask keystroke, from the autocomplete interaction
// arriving to the choices reaching the fake Discord, on the real engine; it reports p50 and p99.
func BenchmarkAskAutocomplete(b *testing.B) {
	e := newE2E(b, Config{})
	e.bot.currentSuggestions() // built once per corpus; keystrokes only filter
	typed := []string{"", "w", "what does", "nato", "what does the plan say about sanc", "point 1", "army 600", "zaporizhzhia"}
	ics := make([]*discordgo.InteractionCreate, b.N)
	for i := range ics {
		ics[i] = askTyping(b, "15"+strings.Repeat("0", 10)+itoa(1000000+i), typed[i%len(typed)])
	}
	b.ResetTimer()
	timeDispatch(b, e, ics)
}

// BenchmarkCompleteQuestion is the bot's own share of a keystroke: filtering the suggestions.
func BenchmarkCompleteQuestion(b *testing.B) {
	e := newE2E(b, Config{})
	typed := []string{"", "w", "what does", "nato", "what does the plan say about sanc", "point 1", "army 600", "zaporizhzhia"}
	ics := make([]*discordgo.InteractionCreate, len(typed))
	for i, t := range typed {
		ics[i] = askTyping(b, snowflake(96, i), t)
	}
	e.bot.currentSuggestions()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.bot.completeQuestion(context.Background(), ics[i%len(ics)])
	}
}
