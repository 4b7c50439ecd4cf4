package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// pageTemplates holds one template per page, each the layout plus the page's own "main".
type pageTemplates map[string]*template.Template

// The pages, by template file name.
const (
	pageHome     = "home.tmpl"
	pageAnswer   = "answer.tmpl"
	pageSources  = "sources.tmpl"
	pageSource   = "source.tmpl"
	pageRemoved  = "removed.tmpl"
	pagePlan     = "plan.tmpl"
	pageTimeline = "timeline.tmpl"
	pageProblem  = "problem.tmpl"
)

func parseTemplates() pageTemplates {
	layout := template.Must(template.New("layout.tmpl").ParseFS(templateFS, "templates/layout.tmpl"))
	out := pageTemplates{}
	for _, name := range []string{pageHome, pageAnswer, pageSources, pageSource, pageRemoved, pagePlan, pageTimeline, pageProblem} {
		out[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+name))
	}
	return out
}

// chrome is what every page's layout reads.
type chrome struct {
	Title   string // the page's <title>, before " · planbot"
	Base    string // path prefix of every link
	CSS     string // the stylesheet's path
	Query   string // what the search box shows
	Current string // the navigation entry of this page: "sources", "plan", "timeline" or ""
}

func (s *Site) chrome(title, current string) chrome {
	return chrome{Title: title, Base: s.base, CSS: s.css, Current: current}
}

// render writes a page with status. Pages are small and rendered into a buffer first, so a
// template error is a clean 500 rather than half a page.
func (s *Site) render(w http.ResponseWriter, status int, name string, view any) {
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, view); err != nil {
		s.lg.Error("web: render page", "page", name, "err", err)
		http.Error(w, "This page could not be shown.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache") // a reindex changes pages at once
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// segment is a run of verbatim text, marked when it matched the question.
type segment struct {
	Text string
	Mark bool
}

// segments cuts text at the spans. Spans out of range, overlapping, or inside a UTF-8 sequence
// are dropped rather than trusted.
func segments(text string, spans []index.Span) []segment {
	spans = append([]index.Span(nil), spans...)
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []segment
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End <= sp.Start || sp.End > len(text) ||
			!utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			continue
		}
		if sp.Start > at {
			out = append(out, segment{Text: text[at:sp.Start]})
		}
		out = append(out, segment{Text: text[sp.Start:sp.End], Mark: true})
		at = sp.End
	}
	if at < len(text) || len(out) == 0 {
		out = append(out, segment{Text: text[at:]})
	}
	return out
}

// displayDate turns YYYY-MM-DD into "21 Nov 2025"; anything else is shown as it is.
func displayDate(published string) string {
	if t, err := time.Parse(time.DateOnly, published); err == nil {
		return t.Format("2 Jan 2006")
	}
	return published
}

// originalURL is a document's own address when it is a web link, else "": a front matter may say
// anything, and html/template would only defuse, not drop, a javascript: link.
func originalURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}

func orUntitled(title string) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled document"
	}
	return title
}

// kindLabel names a document's kind for readers.
func kindLabel(k corpus.Kind) string {
	switch k {
	case corpus.KindPlan:
		return "Plan text"
	case corpus.KindReference:
		return "Reference"
	case corpus.KindArticle:
		return "Article"
	}
	return "Document"
}

// sourceLink is the path of a passage on its document's page, inside the site.
func (s *Site) sourceLink(docID, passageID string) string {
	return PassageURL(s.base+"/", docID, passageID)
}

// citationLink is sourceLink for quoted text: the page also marks the quoted sentences.
func (s *Site) citationLink(docID, passageID, text string) string {
	return CitationURL(s.base+"/", docID, passageID, text)
}

// urlQuery escapes a question for a ?q= link.
func urlQuery(q string) string { return url.QueryEscape(q) }
