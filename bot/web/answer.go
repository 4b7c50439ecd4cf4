package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/planbot/planbot/index"
)

// The three kinds of answer, as the page names them in its class and heading.
const (
	kindConfident = "confident"
	kindTentative = "tentative"
	kindRefused   = "refused"
)

type excerptView struct {
	Segments []segment
	Cite     int    // the number of the cited source
	Source   string // its outlet, else its title: enough to tell sources apart under the excerpt
	N        int    // the excerpt's position, from 1
	Point    int    // plan provision number, 0 when not a provision
	Link     string // the passage in context
	Also     []alsoView
}

// alsoView is another document that holds the same text: a syndicated copy of the story.
type alsoView struct {
	Title, Outlet, Link string
}

type citeView struct {
	Number                              int
	Title, Outlet, Published, URL, Link string
}

type suggestionView struct{ Text, Link string }

type answerView struct {
	chrome
	Question    string
	Kind        string
	Why         string
	Excerpts    []excerptView
	Sources     []citeView
	Suggestions []suggestionView
	Examples    []suggestionView
}

// home serves / and, with ?q=, the answer to a question, as the Discord /ask command gives it.
func (s *Site) home(w http.ResponseWriter, r *http.Request) {
	q, asked := r.URL.Query()["q"]
	if !asked {
		v := answerView{chrome: s.chrome("Ask the sources", "")}
		// An empty question is answered with questions the corpus can answer: the examples.
		if ans, err := s.engine.Answer(r.Context(), "", index.Options{}); err == nil {
			for _, q := range ans.Suggestions {
				v.Examples = append(v.Examples, suggestionView{Text: q, Link: s.base + "/?q=" + urlQuery(q)})
			}
		}
		s.render(w, http.StatusOK, pageHome, v)
		return
	}
	question := strings.TrimSpace(strings.ToValidUTF8(q[0], ""))
	if ok, wait := s.limit.allow(clientAddress(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		s.problem(w, http.StatusTooManyRequests, "Too many questions",
			"Questions from your address are coming faster than I answer them. Please wait "+retryText(wait)+" and ask again.")
		return
	}
	ctx, cancel := answerContext(r)
	defer cancel()
	ans, err := s.engine.Answer(ctx, question, index.Options{})
	if err != nil {
		s.lg.Warn("web: answer", "err", err)
		s.problem(w, http.StatusServiceUnavailable, "No answer right now",
			"The sources could not be searched just now. Please try again in a moment.")
		return
	}
	v := s.answerView(question, ans)
	s.render(w, http.StatusOK, pageAnswer, v)
}

// answerView lays out an answer: its excerpts with matched words marked, each citing a numbered
// source and linking to its passage in context; or why there is none, with questions to try.
func (s *Site) answerView(question string, ans index.Answer) answerView {
	title := question
	if r := []rune(title); len(r) > 80 {
		title = string(r[:80]) + "…"
	}
	v := answerView{chrome: s.chrome(title, ""), Question: question}
	v.Query = question
	if strings.TrimSpace(title) == "" {
		v.Title = "Ask the sources"
	}
	switch {
	case !ans.Answered || len(ans.Excerpts) == 0:
		v.Kind = kindRefused
		v.Why = refusal(ans.Reason)
		for _, q := range ans.Suggestions {
			v.Suggestions = append(v.Suggestions, suggestionView{Text: q, Link: s.base + "/?q=" + urlQuery(q)})
		}
		return v
	case ans.Confident:
		v.Kind = kindConfident
	default:
		v.Kind = kindTentative
	}
	cited := map[string]int{}
	for _, e := range ans.Excerpts {
		n, ok := cited[e.DocID]
		if !ok {
			n = len(v.Sources) + 1
			cited[e.DocID] = n
			v.Sources = append(v.Sources, citeView{Number: n, Title: orUntitled(e.Title), Outlet: e.Outlet,
				Published: displayDate(e.Published), URL: originalURL(e.URL), Link: s.sourceLink(e.DocID, "")})
		}
		src := e.Outlet
		if src == "" {
			src = orUntitled(e.Title)
		}
		ev := excerptView{Segments: segments(e.Text, e.Spans), Cite: n, Source: src, N: len(v.Excerpts) + 1,
			Link: s.citationLink(e.DocID, e.PassageID, e.Text)}
		if e.Provision != nil {
			ev.Point = e.Provision.Number
		}
		for _, c := range e.Also {
			ev.Also = append(ev.Also, alsoView{Title: orUntitled(c.Title), Outlet: c.Outlet, Link: s.citationLink(c.DocID, c.PassageID, e.Text)})
		}
		v.Excerpts = append(v.Excerpts, ev)
	}
	return v
}

// refusal says in plain words why a question got no excerpts.
func refusal(reason string) string {
	switch reason {
	case index.ReasonEmpty:
		return "I didn't find a question in that. Ask in words, for example: What does the plan say about NATO?"
	case index.ReasonTooLong:
		return "That question is too long for me (at most " + strconv.Itoa(index.MaxQuestion) + " characters). Please ask something shorter."
	case index.ReasonNoTerms:
		return "I couldn't find any words to look up in that. I read English questions about the US peace plan for Ukraine."
	}
	return "My sources don't answer that, so I won't guess. I only quote what the articles say about the November 2025 US peace plan for Ukraine."
}
