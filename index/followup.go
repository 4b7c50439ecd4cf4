package index

import (
	"sort"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// followUpStart marks a question that leans on an earlier one ("what about NATO?", "who said that?").
var followUpStart = mustCompileWords(`(?i)^\s*(and|but|so|also|what about|how about|and what about|what of|who said|why|is that|was that|does that|did that|what else|more on)\b|\b(that|this|it|they|them|he|she|his|her|those)\s*\??\s*$`)

// isFollowUp: short, or worded as a continuation.
func isFollowUp(q question) bool {
	return len(q.groups) <= 2 || followUpStart.MatchString(q.text)
}

// contextPos is added to the position of a word a follow-up takes from the question before it
// (withContext), which marks it as the earlier question's.
const contextPos = 1000

// withContext reads a follow-up together with the question it follows: its own words keep full
// weight and must be matched, the earlier question's words come in at a third of their weight so
// they steer ("what about NATO?" after a question on EU membership: NATO membership) without
// taking over.
func (e *engine) withContext(q question, earlier string) question {
	prev := e.parseQuestion(cleanQuestion(earlier))
	have := map[string]bool{}
	for _, g := range q.groups {
		have[g.alts[0]] = true
	}
	own := len(q.groups) > 0
	for i := range q.groups {
		q.groups[i].required = true // a follow-up's answer must be about what it adds
	}
	for _, g := range prev.groups {
		if have[g.alts[0]] {
			continue
		}
		if own {
			g.weight *= 0.35
		}
		g.pos += contextPos // never adjacent to the follow-up's own words
		q.groups = append(q.groups, g)
	}
	if q.kind == askAnything {
		q.asks = prev.asks // how plainly and how finely it was asked too ("what day", "how long")
	}
	// "how many points?" after "is the plan still 28 points?" asks what holds now as well; "what
	// about the cap in the first draft?" does not
	if !earlierState.matchFolded(foldText(q.text)) {
		q.fresh, q.now = q.fresh || prev.fresh, q.now || prev.now
	}
	return q
}

// suggestion is a question the corpus can answer, with the terms that make it relevant: the
// words of the provisions it is about, as the corpus writes them.
type suggestion struct {
	text  string
	words []string        // the provisions' text
	terms map[string]bool // analysed words, filled by the engine
}

// buildSuggestions derives answerable questions from the provision topics the corpus really has.
func buildSuggestions(docs []corpus.Document) []suggestion {
	have := map[corpus.Topic]int{}
	text := map[corpus.Topic][]string{}
	for _, d := range docs {
		for _, p := range d.Passages {
			if p.Provision != nil {
				have[p.Provision.Topic]++
				text[p.Provision.Topic] = append(text[p.Provision.Topic], p.Text)
			}
		}
	}
	var out []suggestion
	var counts []int
	for _, t := range corpus.Topics {
		if have[t] > 0 && t != corpus.TopicOther {
			out = append(out, suggestion{text: "What does the plan say about " + lowerFirst(corpus.TopicLabel(t)) + "?", words: text[t]})
			counts = append(counts, have[t])
		}
	}
	// The topics the plan says most about make the best default suggestions.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return counts[idx[a]] > counts[idx[b]] })
	sorted := make([]suggestion, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// suggest picks up to three suggestions, those sharing words with the question first.
func (e *engine) suggest(q question) []string {
	type pick struct {
		i, hits int
	}
	var picks []pick
	for i, s := range e.suggested {
		hits := 0
		for _, g := range q.groups {
			if s.terms[g.alts[0]] {
				hits++
			}
		}
		picks = append(picks, pick{i, hits})
	}
	// stable: most hits first, then corpus topic order
	for i := 1; i < len(picks); i++ {
		for j := i; j > 0 && picks[j].hits > picks[j-1].hits; j-- {
			picks[j], picks[j-1] = picks[j-1], picks[j]
		}
	}
	var out []string
	for _, p := range picks {
		if len(out) == 3 {
			break
		}
		out = append(out, e.suggested[p.i].text)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if strings.HasPrefix(s, "NATO") {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
