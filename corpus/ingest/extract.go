package ingest

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/gogs/chardet"
	"github.com/planbot/planbot/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/language"
	"golang.org/x/text/transform"
)

// minWords is the least text an article may have; below it the page is a stub, a paywall or an
// index page.
const minWords = 80

// extract finds the article in an HTML page fetched from final.
func extract(body []byte, contentType string, final *url.URL) (Article, error) {
	doc, err := html.Parse(decoder(body, contentType))
	if err != nil {
		return Article{}, fmt.Errorf("parse html %s: %v: %w", final.Redacted(), err, ErrNoArticle)
	}
	// Read before ParseAndMutate strips the page down to the article.
	timeDate := timeElementDate(doc)
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, final)
	if err != nil {
		return Article{}, fmt.Errorf("readability %s: %v: %w", final.Redacted(), err, ErrNoArticle)
	}
	if art.Node == nil {
		return Article{}, fmt.Errorf("readability %s: no content: %w", final.Redacted(), ErrNoArticle)
	}
	title := oneLine(art.Title())
	text := blocksText([]*html.Node{art.Node}, title)
	if n := wordCount(text); n < minWords {
		return Article{}, fmt.Errorf("%s: %d words: %w", final.Redacted(), n, ErrNoArticle)
	}
	a := Article{
		URL:       final.String(),
		Title:     title,
		Byline:    cleanByline(art.Byline()),
		SiteName:  oneLine(art.SiteName()),
		Language:  canonicalLang(art.Language()),
		Excerpt:   oneLine(art.Excerpt()),
		Published: timeDate,
		Text:      text,
	}
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t.Format(dateLayout) // the date in the page's own zone
	}
	return a, nil
}

// decoder reads body as UTF-8. The charset comes from x/net/html/charset (a BOM, the
// Content-Type header, <meta charset>); go-readability's own Parse only guesses from the bytes.
// When nothing declares one, charset falls back to windows-1252, which turns an undeclared
// windows-1251 (Cyrillic) page into mojibake, and it tests only the first 1 KB for UTF-8. Then
// the whole body decides: valid UTF-8 is UTF-8, anything else goes to ICU's statistical detector
// (gogs/chardet, which go-readability already depends on) when it is reasonably sure.
func decoder(body []byte, contentType string) io.Reader {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && name == "windows-1252" {
		switch {
		case utf8.Valid(body):
			enc = encoding.Nop
		default:
			if guess, err := chardet.NewHtmlDetector().DetectBest(body); err == nil && guess.Confidence >= minCharsetConfidence {
				if e, _ := charset.Lookup(guess.Charset); e != nil {
					enc = e
				}
			}
		}
	}
	return transform.NewReader(bytes.NewReader(body), enc.NewDecoder())
}

// minCharsetConfidence is the detector's confidence (0–100) below which its guess is ignored.
// ICU calls 50 "probably right"; its single-byte Cyrillic guesses on a few hundred words of news
// text score 60–90.
const minCharsetConfidence = 50

const dateLayout = "2006-01-02"

// validDate reports whether s is a real YYYY-MM-DD date.
func validDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil && len(s) == len(dateLayout)
}

// dateMetaNames are <meta name> values that carry a publication date and that readability does not
// read (it reads JSON-LD datePublished, article:published_time, dcterms.available/issued, parsely).
var dateMetaNames = map[string]bool{"date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publication_date": true, "sailthru.date": true, "dc.date": true, "dc.date.issued": true,
	"dcterms.created": true, "dcterms.date": true, "article.published": true, "original-publish-date": true}

// timeElementDate returns the date of the first <time datetime>, itemprop=datePublished or dated
// <meta name>, which many pages carry without the metadata readability reads.
func timeElementDate(doc *html.Node) string {
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			var v string
			switch {
			case n.DataAtom == atom.Time:
				v = attr(n, "datetime")
			case attr(n, "itemprop") == "datePublished":
				v = attr(n, "content") + attr(n, "datetime")
			case n.DataAtom == atom.Meta && dateMetaNames[strings.ToLower(attr(n, "name"))]:
				v = attr(n, "content")
			}
			if v = strings.TrimSpace(v); len(v) >= 10 && validDate(v[:10]) {
				found = v[:10]
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func canonicalLang(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return tag.String()
}

var bylinePrefix = regexp.MustCompile(`(?i)^\s*(by|written by|words by)\s+`)

func cleanByline(s string) string {
	s = bylinePrefix.ReplaceAllString(oneLine(s), "")
	if len([]rune(s)) > 120 { // a paragraph mistaken for a byline
		return ""
	}
	return s
}

// oneLine folds s onto one line with single spaces, without invisible characters (see
// corpus.StripInvisible). Everything extracted from a page passes through it.
func oneLine(s string) string { return strings.Join(strings.Fields(corpus.StripInvisible(s)), " ") }

func wordCount(s string) int { return len(strings.Fields(s)) }

// blockTags end the current paragraph; their text becomes separate paragraphs.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Br: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tr: true, atom.Ul: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// skipTags never hold article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Button: true, atom.Form: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true,
}

type paragraph struct {
	text    string
	heading int // 1–6 for h1–h6, 0 for body text
	item    bool
}

// textBuilder turns a node tree into paragraphs, one per block element.
type textBuilder struct {
	paras   []paragraph
	cur     strings.Builder
	heading int
	item    bool
}

func (b *textBuilder) flush() {
	t := oneLine(strings.ReplaceAll(b.cur.String(), "\u00a0", " "))
	b.cur.Reset()
	if t != "" {
		b.paras = append(b.paras, paragraph{text: t, heading: b.heading, item: b.item})
		b.item = false // a list item's prefix goes on its first paragraph only
	}
}

func (b *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := blockTags[n.DataAtom]
	if block {
		b.flush()
	}
	level := headingLevel(n.DataAtom)
	if level > 0 {
		b.heading = level
	}
	if n.DataAtom == atom.Li {
		b.item = true
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		b.cur.WriteString(" ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
	if block {
		b.flush()
	}
	if level > 0 {
		b.heading = 0
	}
	if n.DataAtom == atom.Li {
		b.item = false
	}
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// boilerplate matches whole lines that are site chrome even when they look like sentences.
var boilerplate = regexp.MustCompile(`(?i)^(advertisement|sponsored( content)?|skip to (main )?content|` +
	`(also|read) (read|more)\b.*|related( articles| stories| coverage)?:?|share (this|on)\b.*|` +
	`(follow|join) (us|our)\b.*|sign up\b.*|subscribe\b.*|click here\b.*|` +
	`(image|photo|picture|video)( source| credit)?:.*|copyright\b.*|©.*|all rights reserved\.?)$`)

// blocksText renders nodes as paragraphs separated by blank lines, Markdown headings and list
// items marked, without boilerplate, short stray lines or a repeat of the title.
func blocksText(nodes []*html.Node, title string) string {
	var b textBuilder
	for _, n := range nodes {
		b.walk(n)
	}
	b.flush()
	var out []string
	prev := ""
	for _, p := range b.paras {
		if p.text == prev {
			continue
		}
		// A related-content header stays: the loader drops it with the teasers that follow it.
		if !corpus.IsRelatedHeader(p.text) && (boilerplate.MatchString(p.text) || p.heading == 0 && isStray(p.text)) {
			continue
		}
		if len(out) == 0 && corpus.SameTitle(p.text, title) {
			continue // the headline is in the front matter already
		}
		prev = p.text
		switch {
		case p.heading > 0:
			out = append(out, strings.Repeat("#", max(p.heading, 2))+" "+p.text)
		case p.item:
			out = append(out, "- "+p.text)
		default:
			out = append(out, p.text)
		}
	}
	return strings.Join(out, "\n\n")
}

// isStray reports a short line that does not read as a sentence: "Reuters", "Share", "3 min read".
func isStray(s string) bool {
	if wordCount(s) >= 4 {
		return false
	}
	last, _ := lastRune(s)
	return !strings.ContainsRune(".!?…\"”’)", last)
}

func lastRune(s string) (rune, bool) {
	r := []rune(strings.TrimRightFunc(s, unicode.IsSpace))
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}
