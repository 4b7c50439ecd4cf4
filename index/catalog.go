package index

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/planbot/planbot/corpus"
)

// openingLength is about how much of a document Document's Opening shows.
const openingLength = 300

// Documents describes every document being served, in corpus order.
func (l *Live) Documents() []DocumentInfo {
	e, release, err := l.acquire()
	if err != nil {
		return nil
	}
	defer release()
	out := make([]DocumentInfo, len(e.docs))
	for i := range e.docs {
		out[i] = info(&e.docs[i])
	}
	return out
}

// Document describes one document by id.
func (l *Live) Document(id string) (DocumentInfo, bool) {
	e, release, err := l.acquire()
	if err != nil {
		return DocumentInfo{}, false
	}
	defer release()
	d, ok := e.docByID[id]
	if !ok {
		return DocumentInfo{}, false
	}
	return info(d), true
}

func info(d *corpus.Document) DocumentInfo {
	var open []string
	n := 0
	for _, p := range d.Passages {
		for _, s := range p.Sentences {
			if n > 0 && n+len(s.Text) > openingLength {
				break
			}
			open = append(open, s.Text)
			n += len(s.Text) + 1
		}
		if n > 0 {
			break
		}
	}
	return DocumentInfo{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Author: d.Author, Published: d.Published,
		URL: d.URL, Kind: d.Kind, Language: d.Language, File: d.File, Passages: len(d.Passages),
		Opening: strings.Join(open, " ")}
}

// Provisions lists the plan's provisions, in plan order, each as a cited excerpt of its whole text;
// topic "" lists all of them.
func (l *Live) Provisions(topic corpus.Topic) []Excerpt {
	e, release, err := l.acquire()
	if err != nil {
		return nil
	}
	defer release()
	var out []Excerpt
	for i := range e.docs {
		d := &e.docs[i]
		for j := range d.Passages {
			p := &d.Passages[j]
			if p.Provision == nil || (topic != "" && p.Provision.Topic != topic) {
				continue
			}
			out = append(out, passageExcerpt(d, p, p.Start, p.End))
		}
	}
	return out
}

// Timeline lists the dated events the sources report, in date order, each citing its sentence.
// They are found once per index generation: the corpus does not change under it.
func (l *Live) Timeline() []Event {
	e, release, err := l.acquire()
	if err != nil {
		return nil
	}
	defer release()
	e.timelineOnce.Do(func() {
		for _, ev := range corpus.Events(e.docs) {
			d := e.docByID[ev.DocID]
			p := e.passages[ev.PassageID]
			e.timeline = append(e.timeline, Event{Date: ev.Date, Excerpt: passageExcerpt(d, p, ev.Sentence.Start, ev.Sentence.End)})
		}
	})
	return append([]Event(nil), e.timeline...)
}

// passageExcerpt cites Body[start:end] of a passage, without marks.
func passageExcerpt(d *corpus.Document, p *corpus.Passage, start, end int) Excerpt {
	return Excerpt{Citation: citationOf(d, p.ID), Text: d.Body[start:end], Heading: p.Heading, Provision: p.Provision}
}

// maxSearchDepth is how many passages Search pages through: 100 pages of DefaultPerPage (the most
// /search's page option takes). maxTieHits bounds the hits a page fetches to see the whole of a tie
// at its end (a word only titles hold ties every passage of those documents).
const (
	maxSearchDepth = 100 * DefaultPerPage
	maxTieHits     = 10000
)

// Search ranks passages for a query, a page at a time, with the matched words marked. Like Answer it
// never fails on bad input: a query with no searchable words gives an empty result.
func (l *Live) Search(ctx context.Context, text string, opts SearchOptions) (SearchResult, error) {
	e, release, err := l.acquire()
	if err != nil {
		return SearchResult{Query: text}, err
	}
	defer release()
	per := opts.PerPage
	if per <= 0 {
		per = DefaultPerPage
	}
	per = min(per, maxSearchDepth)
	maxPages := maxSearchDepth / per
	page := min(max(opts.Page, 1), maxPages+1) // past the deepest page: none

	r := SearchResult{Query: text, Page: page}
	clean := cleanQuestion(text)
	if clean == "" || len([]rune(clean)) > MaxQuestion {
		return r, nil
	}
	q := e.parseQuestion(clean)
	if len(q.groups) == 0 {
		return r, nil
	}
	// A page is cut from all hits down to the last that ties with the page's last, put in rank
	// order: bleve breaks score ties by its own document numbers, which follow the order a batch
	// happened to index in, so two replicas behind a load balancer (or one, after a reindex)
	// paged through tied passages in different orders, showing some twice and others never. A tie
	// past what a search fetched is fetched again with twice as many hits, up to maxTieHits.
	var res *bleve.SearchResult
	if page > maxPages {
		res, err = e.search(ctx, q, opts.Doc, 0, 0) // only the total
	}
	from, end := (page-1)*per, page*per
	for size := end + tieSlack; page <= maxPages; size *= 2 {
		if res, err = e.search(ctx, q, opts.Doc, size, 0); err != nil {
			break
		}
		h := res.Hits
		if len(h) < size || size >= maxTieHits || // every hit is fetched, or as many as a page may fetch
			quantize(h[len(h)-1].Score) < quantize(h[end-1].Score) {
			break
		}
	}
	if err != nil {
		return r, err
	}
	r.Total = int(res.Total)
	r.Pages = min((r.Total+per-1)/per, maxPages)
	hits := res.Hits
	e.inRankOrder(hits)
	hits = hits[min(from, len(hits)):min(end, len(hits))]
	for _, h := range hits {
		p := e.passages[h.ID]
		if p == nil {
			continue
		}
		d := e.docByID[p.DocID]
		r.Hits = append(r.Hits, Hit{Citation: citationOf(d, p.ID), Heading: p.Heading, Text: p.Text,
			Spans: e.passageSpans(q, p), Score: round2(h.Score)})
	}
	return r, ctx.Err()
}
