package index

import "github.com/planbot/planbot/corpus"

// Source is one whole document being served, as the web pages show it: its description and its
// passages, in order, with their sentences. The passages belong to the current index generation:
// read them, never change them.
type Source struct {
	DocumentInfo
	Body     string           // the document's text after its front matter, verbatim, chrome included
	Passages []corpus.Passage // offsets point into Body; Passages[i].Text is Body[Start:End] tidied for search
}

// Source returns the document whose id is id with all its passages, or false when no document of
// the current generation has that id (it was never there, or /corpus or /reindex removed it).
func (l *Live) Source(id string) (Source, bool) {
	e, release, err := l.acquire()
	if err != nil {
		return Source{}, false
	}
	defer release()
	d, ok := e.docByID[id]
	if !ok {
		return Source{}, false
	}
	// A generation's passages never change after it is built; the slice is copied so a caller
	// that appends cannot reach into the engine's.
	return Source{DocumentInfo: info(d), Body: d.Body, Passages: append([]corpus.Passage(nil), d.Passages...)}, true
}
