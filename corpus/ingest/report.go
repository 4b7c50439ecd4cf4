package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// firstDropped is how many dropped lines a Cleaning quotes.
const firstDropped = 3

// Cleaning says what the loader kept of a new document's text and what it dropped as chrome, so a
// moderator sees at once whether the article or the page around it was captured.
type Cleaning struct {
	KeptWords    int              // words of the passages that will be searched
	DroppedWords int              // words dropped as chrome; end matter (references, comments) not counted
	Kinds        []KindCount      // each kind dropped, most lines first
	First        []corpus.Dropped // the first few lines dropped as chrome, in page order
}

// KindCount is how many lines or sentences of one kind were dropped.
type KindCount struct {
	Kind  corpus.DropKind
	Count int
}

// Summarize reports how doc was cleaned.
func Summarize(doc corpus.Document) Cleaning {
	var c Cleaning
	for _, p := range doc.Passages {
		c.KeptWords += len(strings.Fields(p.Text))
	}
	counts := map[corpus.DropKind]int{}
	for _, d := range doc.Dropped {
		counts[d.Kind]++
		if d.Kind == corpus.DropEndMatter {
			continue
		}
		c.DroppedWords += len(strings.Fields(d.Text))
		if len(c.First) < firstDropped {
			c.First = append(c.First, d)
		}
	}
	for k, n := range counts {
		c.Kinds = append(c.Kinds, KindCount{k, n})
	}
	sort.Slice(c.Kinds, func(i, j int) bool {
		if c.Kinds[i].Count != c.Kinds[j].Count {
			return c.Kinds[i].Count > c.Kinds[j].Count
		}
		return c.Kinds[i].Kind < c.Kinds[j].Kind
	})
	return c
}

// Counts renders the kinds dropped: "3 photo captions or credits, 1 byline or editorial credit".
// It is "" when nothing was dropped.
func (c Cleaning) Counts() string {
	parts := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		names := kindNames[k.Kind]
		if k.Count == 1 {
			parts[i] = "1 " + names[0]
		} else {
			parts[i] = fmt.Sprintf("%d %s", k.Count, names[1])
		}
	}
	return strings.Join(parts, ", ")
}

// kindNames names each kind for people, singular and plural.
var kindNames = map[corpus.DropKind][2]string{
	corpus.DropCaption:    {"photo caption or credit", "photo captions or credits"},
	corpus.DropCredit:     {"byline or editorial credit", "bylines or editorial credits"},
	corpus.DropRelated:    {"related-content line", "related-content lines"},
	corpus.DropPrompt:     {"newsletter or social-media prompt", "newsletter or social-media prompts"},
	corpus.DropFragment:   {"cut-off sentence", "cut-off sentences"},
	corpus.DropNavigation: {"menu or label line", "menu or label lines"},
	corpus.DropEndMatter:  {"line of references or comments", "lines of references or comments"},
}

// checkCleaning refuses a document whose article text, once chrome is dropped, is under minWords
// or smaller than what was dropped: the page was an index, a gallery or a paywall, not an article.
func checkCleaning(doc corpus.Document) error {
	c := Summarize(doc)
	if c.KeptWords < minWords || c.DroppedWords > c.KeptWords {
		return &chromeError{c}
	}
	return nil
}

// chromeError is a page refused for how little article text cleaning left; it matches ErrMostlyChrome.
type chromeError struct{ c Cleaning }

func (e *chromeError) Error() string {
	return fmt.Sprintf("%d words kept, %d dropped (%s)", e.c.KeptWords, e.c.DroppedWords, e.c.Counts())
}

// Unwrap makes it match ErrMostlyChrome, a refusal of the page rather than a failure of the bot.
func (e *chromeError) Unwrap() error { return ErrMostlyChrome }

// message tells the moderator why the page was refused, with the numbers.
func (e *chromeError) message() string {
	what := ""
	if counts := e.c.Counts(); counts != "" {
		what = " after I removed " + counts
	}
	if e.c.KeptWords < minWords {
		return fmt.Sprintf("Only %d words of article text were left%s, so I didn't add the page (an article needs at least %d).",
			e.c.KeptWords, what, minWords)
	}
	return fmt.Sprintf("Most of that page is not article text: I removed %d words (%s) and only %d words of article were left, so I didn't add it.",
		e.c.DroppedWords, e.c.Counts(), e.c.KeptWords)
}
