// Package corpus loads planbot's source documents: Markdown files with a front-matter block,
// cleaned of site chrome and split into passages and sentences that the index can cite verbatim.
//
// Everything here is pure text work with no third-party imports. Offsets always point into
// Document.Body, which is the file's text after the front matter, byte for byte, so every excerpt
// built from a Sentence is a verbatim substring of the document it cites.
package corpus

// Kind says what sort of text a document is.
type Kind string

// The kinds a document may declare in its front matter.
const (
	KindArticle   Kind = "article"
	KindPlan      Kind = "plan"
	KindReference Kind = "reference"
)

// Document is one source text with its citation metadata and its passages.
type Document struct {
	ID    string // stable id from the front matter, [a-z0-9-], at most 64 bytes
	Title string
	// TitleFromText: the front matter gives no title, and Title is the body's first line (clipped
	// to 200 characters); Encode then writes none either, so that Parse reads the same document
	TitleFromText bool
	Outlet        string // "" when the text does not name one
	Author        string // "" when unknown
	Published     string // YYYY-MM-DD, "" when unknown
	Retrieved     string // YYYY-MM-DD the page was fetched; set by /corpus add when Published is unknown
	URL           string // "" when unknown: never invented
	Kind          Kind
	Language      string // BCP 47 tag such as "en"
	File          string // file name it was loaded from, for problem reports
	Body          string // verbatim text after the front matter
	BodyLine      int    // 1-based line in File where Body starts

	Passages []Passage
	// Dropped is what cleaning left out of Body as chrome (captions, credits, teasers…), in order.
	Dropped []Dropped
}

// Date is the day to rank the document by when sources disagree: Published when known, otherwise
// the day it was retrieved (retrieved is then true: the text is at least that old, maybe older),
// otherwise "".
func (d *Document) Date() (day string, retrieved bool) {
	if d.Published != "" {
		return d.Published, false
	}
	return d.Retrieved, d.Retrieved != ""
}

// Passage is a run of Body of roughly 40–150 words that the index searches as one unit.
type Passage struct {
	ID      string // "<doc id>/p<NN>", stable while the document does not change
	DocID   string
	Heading string // the section heading the passage falls under, "" at the top
	Start   int    // byte offset of the passage in Document.Body
	End     int
	Text    string // Body[Start:End]

	// Sentences are the passage's answer units, in order, with offsets into Body.
	Sentences []Sentence

	// Provision is set when the passage is one of the plan's provisions.
	Provision *Provision
}

// Sentence is one sentence of a passage; Body[Start:End] is its verbatim text.
type Sentence struct {
	Start, End int
	Text       string
}

// Provision marks a passage as one point of the peace plan.
type Provision struct {
	Number int   // 1-based position in the plan's list
	Topic  Topic // what the provision is about
}

// Topic groups the plan's provisions.
type Topic string

// Provision topics, in the order /plan lists them.
const (
	TopicSovereignty    Topic = "sovereignty"
	TopicTerritory      Topic = "territory"
	TopicMilitary       Topic = "military"
	TopicSecurity       Topic = "nato-security"
	TopicSanctions      Topic = "sanctions-economy"
	TopicReconstruction Topic = "reconstruction"
	TopicNuclear        Topic = "nuclear"
	TopicHumanitarian   Topic = "humanitarian"
	TopicElections      Topic = "elections"
	TopicOther          Topic = "other"
)

// Topics lists every topic in display order.
var Topics = []Topic{TopicSovereignty, TopicTerritory, TopicMilitary, TopicSecurity, TopicSanctions,
	TopicReconstruction, TopicNuclear, TopicHumanitarian, TopicElections, TopicOther}

// TopicLabel is a topic's human-readable name.
func TopicLabel(t Topic) string {
	switch t {
	case TopicSovereignty:
		return "Sovereignty"
	case TopicTerritory:
		return "Territory"
	case TopicMilitary:
		return "Military"
	case TopicSecurity:
		return "NATO and security"
	case TopicSanctions:
		return "Sanctions and economy"
	case TopicReconstruction:
		return "Reconstruction"
	case TopicNuclear:
		return "Nuclear plant and arms control"
	case TopicHumanitarian:
		return "Humanitarian"
	case TopicElections:
		return "Elections"
	}
	return "Other"
}

// Problem is one file that could not be loaded, with the line at fault (0 when the whole file is).
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return p.File + ":" + itoa(p.Line) + ": " + p.Msg
	}
	return p.File + ": " + p.Msg
}
