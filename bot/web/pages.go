package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// docRow is one document in the list of sources.
type docRow struct {
	Title, Outlet, Author, Published, Kind, Link string
	Passages                                     int
}

type removedRow struct {
	ID, Title, When string
}

type sourcesView struct {
	chrome
	Docs     []docRow
	Removed  []removedRow
	Passages int
}

// sourceList serves /sources/: every document, newest first as the corpus orders them, with its
// dates and passage counts, then the documents in the trash.
func (s *Site) sourceList(w http.ResponseWriter, r *http.Request) {
	docs := s.engine.Documents()
	s.noteDocuments(docs)
	v := sourcesView{chrome: s.chrome("Sources", "sources")}
	served := map[string]bool{}
	for _, d := range docs {
		served[d.ID] = true
		v.Passages += d.Passages
		v.Docs = append(v.Docs, docRow{Title: orUntitled(d.Title), Outlet: d.Outlet, Author: d.Author,
			Published: displayDate(d.Published), Kind: kindLabel(d.Kind), Link: s.sourceLink(d.ID, ""), Passages: d.Passages})
	}
	v.Removed = s.trashRows(served)
	s.render(w, http.StatusOK, pageSources, v)
}

// trashRows lists the removed documents that are not being served again, newest removal first.
func (s *Site) trashRows(served map[string]bool) []removedRow {
	if s.cfg.CorpusDir == "" {
		return nil
	}
	items, err := s.trash.List(s.cfg.CorpusDir)
	if err != nil {
		s.lg.Warn("web: list trash", "err", err)
		return nil
	}
	var out []removedRow
	for _, it := range items {
		if served[it.ID] {
			continue
		}
		served[it.ID] = true // the newest copy only
		out = append(out, removedRow{ID: it.ID, Title: orUntitled(it.Title), When: it.Removed.Format("2 Jan 2006")})
	}
	return out
}

// paragraph is one paragraph of a passage as the document lays it out.
type passageView struct {
	Anchor     string
	Number     int // the passage's position in the document, from 1
	Point      int // the plan provision's number, 0 when the passage is not one
	Topic      string
	Paragraphs [][]segment // sentences as laid out; Mark is set on the cited ones
}

type sectionView struct {
	Heading  string
	Passages []passageView
}

type sourceView struct {
	chrome
	Title, Outlet, Author, Published, Kind, URL, Language string
	Passages                                              int
	Sections                                              []sectionView
}

// source serves /sources/{doc}: the whole cleaned document, passage by passage, each passage
// anchored so that a citation's link scrolls to it and the stylesheet highlights it (:target).
func (s *Site) source(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("doc")
	src, ok := s.engine.Source(id)
	if !ok {
		s.missingSource(w, r, id)
		return
	}
	s.noteDocuments([]index.DocumentInfo{src.DocumentInfo})
	d := src.DocumentInfo
	cite := r.URL.Query().Get("cite")
	if !citeParam.MatchString(cite) {
		cite = ""
	}
	v := sourceView{chrome: s.chrome(orUntitled(d.Title), "sources"), Title: orUntitled(d.Title), Outlet: d.Outlet,
		Author: d.Author, Published: displayDate(d.Published), Kind: kindLabel(d.Kind), URL: originalURL(d.URL),
		Language: d.Language, Passages: d.Passages}
	for i, p := range src.Passages {
		if len(v.Sections) == 0 || v.Sections[len(v.Sections)-1].Heading != p.Heading {
			v.Sections = append(v.Sections, sectionView{Heading: p.Heading})
		}
		pv := passageView{Anchor: Anchor(d.ID, p.ID), Number: i + 1, Paragraphs: paragraphs(src.Body, p, cite)}
		if p.Provision != nil {
			pv.Point, pv.Topic = p.Provision.Number, corpus.TopicLabel(p.Provision.Topic)
		}
		sec := &v.Sections[len(v.Sections)-1]
		sec.Passages = append(sec.Passages, pv)
	}
	s.render(w, http.StatusOK, pageSource, v)
}

// citeParam is the shape of a citeKey.
var citeParam = regexp.MustCompile(`^[0-9a-f]{8}$`)

// maxCitedRun is the most sentences one excerpt spans.
const maxCitedRun = index.MaxExcerptSentences

// paragraphs lays a passage's sentences out as the document did: a line break between two
// sentences starts a new paragraph. Only the sentences are shown, verbatim from body, so site
// chrome the corpus cleaned away between them stays out. The run of sentences whose text has the
// citeKey cite ("" for none) is marked.
func paragraphs(body string, p corpus.Passage, cite string) [][]segment {
	sents := make([]corpus.Sentence, 0, len(p.Sentences))
	for _, sen := range p.Sentences {
		if sen.Start >= 0 && sen.End <= len(body) && sen.Start <= sen.End {
			sents = append(sents, sen) // offsets of another generation: show nothing rather than wrong text
		}
	}
	from, to := citedRun(body, sents, cite)
	var out [][]segment
	var cur []segment
	add := func(text string, mark bool) {
		if n := len(cur); n > 0 && cur[n-1].Mark == mark {
			cur[n-1].Text += text
			return
		}
		cur = append(cur, segment{Text: text, Mark: mark})
	}
	for i, sen := range sents {
		if i > 0 {
			if prev := sents[i-1].End; prev <= sen.Start && strings.Contains(body[prev:sen.Start], "\n") {
				out = append(out, cur)
				cur = nil
			} else {
				add(" ", from < i && i <= to)
			}
		}
		add(strings.TrimSpace(body[sen.Start:sen.End]), from <= i && i <= to)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// citedRun finds the run of sentences, at most maxCitedRun long, whose verbatim text has the
// citeKey cite; -1, -1 when none has.
func citedRun(body string, sents []corpus.Sentence, cite string) (int, int) {
	if cite == "" {
		return -1, -1
	}
	for i := range sents {
		for j := i; j < len(sents) && j < i+maxCitedRun; j++ {
			if sents[i].Start <= sents[j].End && citeKey(body[sents[i].Start:sents[j].End]) == cite {
				return i, j
			}
		}
	}
	return -1, -1
}

type removedView struct {
	chrome
	ID, Title, When string
}

// missingSource answers for a document that is not served: 410 with the word "removed" when it
// was served once, else 404.
func (s *Site) missingSource(w http.ResponseWriter, r *http.Request, id string) {
	title, when, ok := s.removed(id)
	if !ok {
		s.notFound(w, r)
		return
	}
	v := removedView{chrome: s.chrome("Removed document", "sources"), ID: id, Title: orUntitled(title)}
	if !when.IsZero() {
		v.When = when.Format("2 Jan 2006")
	}
	s.render(w, http.StatusGone, pageRemoved, v)
}

type provisionView struct {
	Number int
	Text   string
	Link   string
}

type topicView struct {
	ID, Label  string
	Provisions []provisionView
}

type planView struct {
	chrome
	Topics []topicView
	Count  int
	Source string // title of the document the provisions come from, when they all come from one
	Link   string
}

// plan serves /plan: the plan's provisions grouped by topic, each linked to its passage.
func (s *Site) plan(w http.ResponseWriter, r *http.Request) {
	v := planView{chrome: s.chrome("The plan by topic", "plan")}
	by := map[corpus.Topic][]provisionView{}
	docs := map[string]string{}
	for _, e := range s.engine.Provisions("") {
		t := corpus.TopicOther
		num := 0
		if e.Provision != nil {
			t, num = e.Provision.Topic, e.Provision.Number
		}
		by[t] = append(by[t], provisionView{Number: num, Text: e.Text, Link: s.sourceLink(e.DocID, e.PassageID)})
		docs[e.DocID] = e.Title
		v.Count++
	}
	for _, t := range corpus.Topics {
		if len(by[t]) > 0 {
			v.Topics = append(v.Topics, topicView{ID: string(t), Label: corpus.TopicLabel(t), Provisions: by[t]})
		}
	}
	if len(docs) == 1 {
		for id, title := range docs {
			v.Source, v.Link = orUntitled(title), s.sourceLink(id, "")
		}
	}
	s.render(w, http.StatusOK, pagePlan, v)
}

type eventView struct {
	ISO, Date, Text, Title, Outlet, Link string
}

type timelineView struct {
	chrome
	Events []eventView
}

// timeline serves /timeline: the dated events, in date order, each linked to its sentence's passage.
func (s *Site) timeline(w http.ResponseWriter, r *http.Request) {
	v := timelineView{chrome: s.chrome("Timeline", "timeline")}
	for _, ev := range s.engine.Timeline() {
		e := ev.Excerpt
		v.Events = append(v.Events, eventView{ISO: ev.Date.Format(time.DateOnly), Date: ev.Date.Format("2 Jan 2006"),
			Text: e.Text, Title: orUntitled(e.Title), Outlet: e.Outlet, Link: s.citationLink(e.DocID, e.PassageID, e.Text)})
	}
	s.render(w, http.StatusOK, pageTimeline, v)
}

type problemView struct {
	chrome
	Heading, Text string
}

// notFound is the 404 page for any other address.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	s.problem(w, http.StatusNotFound, "Page not found", "There is no page at this address. The sources list every document.")
}

func (s *Site) problem(w http.ResponseWriter, status int, heading, text string) {
	s.render(w, status, pageProblem, problemView{chrome: s.chrome(heading, ""), Heading: heading, Text: text})
}

// answerContext bounds one answer: the request's context, at most answerTimeout.
func answerContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), answerTimeout)
}

// retryText says how long to wait, in whole seconds.
func retryText(d time.Duration) string {
	secs := int(d.Seconds() + 0.999)
	if secs <= 1 {
		return "a second"
	}
	return fmt.Sprintf("%d seconds", secs)
}
