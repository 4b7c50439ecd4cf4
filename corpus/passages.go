package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Passage sizes in words. Bleve's BM25 punishes long fields hard, so passages stay of similar size.
const (
	passageMinWords    = 40
	passageTargetWords = 80
	passageMaxWords    = 150
)

// provisionIntro is a line that introduces a list of the plan's points.
var provisionIntro = regexp.MustCompile(`(?i)\b(main|key|following|original)\b.*\b(points|provisions|terms)\b.*:\s*(\[\d+\])*$|\bpoints of the\b.*\bplan\b.*:\s*(\[\d+\])*$`)

// buildPassages groups cleaned blocks into passages under their headings; each plan provision is a
// passage of its own.
func buildPassages(doc *Document, blocks []block) []Passage {
	var out []Passage
	var cur []Sentence
	words := 0
	heading := ""
	flush := func() {
		if len(cur) == 0 {
			return
		}
		out = append(out, newPassage(doc, len(out), heading, cur, nil))
		cur, words = nil, 0
	}
	inProvisions := false
	provision := 0
	titled := newTitleMatch(doc.Title)
	for i, b := range blocks {
		switch b.kind {
		case blockBreak:
			flush()
			inProvisions = false
			continue
		case blockHeading:
			flush()
			inProvisions = false
			h := doc.Body[b.start:b.end]
			if titled.is(h) {
				h = ""
			}
			heading = h
			continue
		}
		sents := splitSentences(doc.Body, b.start, b.end)
		if len(sents) == 0 {
			continue
		}
		isProvision := doc.Kind == KindPlan && b.kind != blockHeading
		if b.kind == blockItem && inProvisions {
			isProvision = true
		}
		if b.kind == blockParagraph && inProvisions {
			inProvisions = false
		}
		if isProvision {
			flush()
			provision++
			p := &Provision{Number: provision, Topic: classifyProvision(doc.Body[b.start:b.end])}
			out = append(out, newPassage(doc, len(out), heading, sents, p))
			continue
		}
		if b.kind == blockParagraph && provisionIntro.MatchString(doc.Body[b.start:b.end]) &&
			i+1 < len(blocks) && blocks[i+1].kind == blockItem {
			inProvisions = true
		}
		n := countWords(doc.Body[b.start:b.end])
		if words > 0 && words+n > passageMaxWords {
			flush()
		}
		if n > passageMaxWords {
			// A long paragraph is cut at sentence boundaries into passages of target size.
			for _, s := range sents {
				sw := countWords(s.Text)
				if words > 0 && words+sw > passageTargetWords {
					flush()
				}
				cur = append(cur, s)
				words += sw
			}
			continue
		}
		cur = append(cur, sents...)
		words += n
		if words >= passageTargetWords {
			flush()
		}
	}
	flush()
	return mergeShortTail(doc, out)
}

// mergeShortTail joins a passage shorter than the minimum to its neighbour under the same heading,
// when both are ordinary passages that were adjacent and the result stays under the maximum: BM25
// would otherwise rank a six-word paragraph far above the passage it belongs to. Ids are renumbered
// afterwards so they stay dense.
func mergeShortTail(doc *Document, ps []Passage) []Passage {
	var out []Passage
	for _, p := range ps {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			short := countWords(p.Text) < passageMinWords || countWords(prev.Text) < passageMinWords
			if short && p.Provision == nil && prev.Provision == nil && p.Heading == prev.Heading &&
				countWords(prev.Text)+countWords(p.Text) <= passageMaxWords && adjacentBlocks(doc.Body, prev.End, p.Start) {
				*prev = newPassage(doc, n-1, prev.Heading, append(append([]Sentence(nil), prev.Sentences...), p.Sentences...), nil)
				continue
			}
		}
		out = append(out, p)
	}
	for i := range out {
		out[i].ID = passageID(doc.ID, i)
	}
	return out
}

// adjacentBlocks: only white space and short gaps (glued citation crumbs) separate the two runs.
func adjacentBlocks(body string, end, start int) bool {
	gap := body[end:start]
	return len(strings.TrimSpace(gap)) < 40 && !strings.Contains(gap, "\n\n\n")
}

func newPassage(doc *Document, n int, heading string, sents []Sentence, p *Provision) Passage {
	texts := make([]string, len(sents))
	for i, s := range sents {
		texts[i] = s.Text
	}
	return Passage{
		ID:        passageID(doc.ID, n),
		DocID:     doc.ID,
		Heading:   heading,
		Start:     sents[0].Start,
		End:       sents[len(sents)-1].End,
		Text:      strings.Join(texts, " "),
		Sentences: sents,
		Provision: p,
	}
}

// passageID names the n-th (0-based) passage of a document.
func passageID(docID string, n int) string { return fmt.Sprintf("%s/p%02d", docID, n+1) }

// countWords counts runs of non-space, as strings.Fields would, without allocating: cleaning
// calls it for every line.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// topicRules classify a provision by its words, first match wins: specific topics before broad ones.
var topicRules = []struct {
	topic Topic
	re    *regexp.Regexp
}{
	{TopicNuclear, regexp.MustCompile(`(?i)nuclear|IAEA|\bSTART\b`)},
	{TopicHumanitarian, regexp.MustCompile(`(?i)humanitarian|prisoner|detainee|hostage|reunification`)},
	{TopicElections, regexp.MustCompile(`(?i)election|referendum|\bvote\b`)},
	{TopicReconstruction, regexp.MustCompile(`(?i)rebuild|reconstruct|development fund|restoration`)},
	{TopicTerritory, regexp.MustCompile(`(?i)territor|crimea|donetsk|luhansk|donbas|kherson|line of contact|de facto`)},
	{TopicMilitary, regexp.MustCompile(`(?i)armed forces|\barmy\b|personnel|military|long-range|weapon`)},
	{TopicSecurity, regexp.MustCompile(`(?i)\bNATO\b|security guarantee|non-aggression|invade`)},
	{TopicSanctions, regexp.MustCompile(`(?i)sanction|G8|econom|market|EU membership|trade`)},
	{TopicSovereignty, regexp.MustCompile(`(?i)sovereign`)},
}

func classifyProvision(text string) Topic {
	for _, r := range topicRules {
		if r.re.MatchString(text) {
			return r.topic
		}
	}
	return TopicOther
}
