package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
)

// /ask autocomplete: as a member types, questions the sources can answer, made from what the
// corpus holds — the plan's topics and provisions, the documents' titles, the dated events — by
// general question templates, never from a list of this story's questions. They are built once per
// index (a reindex that swaps one in drops them), so a keystroke only filters.

// suggestion is one question autocomplete can offer.
type suggestion struct {
	question string   // ≤ maxChoiceValue characters: the choice's name and value
	words    []string // lower-case words of the question and what it is about, for matching
}

// suggestions is the list built for the index serving, nil until first needed.
type suggestions struct {
	mu   sync.Mutex
	list []suggestion
}

// currentSuggestions returns the suggestions for the index b serves, building them on first use.
func (b *Bot) currentSuggestions() []suggestion {
	s := &b.suggested
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.list == nil {
		s.list = b.buildSuggestions()
	}
	return s.list
}

// dropSuggestions forgets the list once another index serves: every swap goes through
// reindexLocked, which calls it, so the next keystroke builds the list from the new index.
func (b *Bot) dropSuggestions() {
	s := &b.suggested
	s.mu.Lock()
	s.list = nil
	s.mu.Unlock()
}

func (b *Bot) buildSuggestions() []suggestion {
	var out []suggestion
	seen := map[string]bool{}
	add := func(q string, about ...string) {
		q = clipWords(q, maxChoiceValue)
		if q == "" || seen[q] {
			return
		}
		seen[q] = true
		out = append(out, suggestion{question: q, words: lowerWords(q + " " + strings.Join(about, " "))})
	}
	provisions := b.engine.Provisions("")
	for _, t := range corpus.Topics {
		for _, p := range provisions {
			if p.Provision != nil && p.Provision.Topic == t && t != corpus.TopicOther {
				add("What does the plan say about " + strings.ToLower(corpus.TopicLabel(t)) + "?")
				break
			}
		}
	}
	for _, p := range provisions {
		if p.Provision != nil {
			add("What does point "+strconv.Itoa(p.Provision.Number)+" of the plan say: "+p.Text, p.Text)
		}
	}
	for _, d := range b.engine.Documents() {
		if d.Title != "" {
			add("What does “"+d.Title+"” say?", d.Outlet)
		}
	}
	for _, ev := range b.engine.Timeline() {
		add("What happened on "+ev.Date.Format("2 January 2006")+"?", ev.Excerpt.Text)
	}
	return out
}

// completeQuestion offers, for what is typed so far, the typed question itself and the
// suggestions whose words start with every typed word, at most 25.
func (b *Bot) completeQuestion(ctx context.Context, ic *discordgo.InteractionCreate) []*discordgo.ApplicationCommandOptionChoice {
	typed := cleanInput(focused(ic.ApplicationCommandData().Options))
	return matchSuggestions(b.currentSuggestions(), typed)
}

func matchSuggestions(all []suggestion, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	if t := strings.Join(strings.Fields(typed), " "); t != "" && textLen(t) <= maxChoiceValue {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: t, Value: t})
	}
	want := lowerWords(typed)
	for _, s := range all {
		if len(out) == maxChoices {
			break
		}
		if matchesAll(s.words, want) && (len(out) == 0 || s.question != out[0].Name) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: s.question, Value: s.question})
		}
	}
	return out
}

// matchesAll reports whether every wanted word starts some word of have.
func matchesAll(have, want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
			return false
		}
	}
	return true
}

func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
