// Package index builds and serves planbot's full-text index: a bleve (scorch, BM25) index of the
// corpus passages, and the answer engine on top of it that turns a question into cited, verbatim
// excerpts or an honest refusal. Only this package imports bleve.
package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/planbot/planbot/index/internal/glove"
)

// AnalyzerName is the analyzer every text field of the index uses, at index and at query time.
// Registering it in init means every binary that opens an index on disk can read it.
const AnalyzerName = "planbot"

func init() {
	if err := registry.RegisterAnalyzer(AnalyzerName, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(c)
	}); err != nil {
		panic(err)
	}
}

func newAnalyzer(c *registry.Cache) (analysis.Analyzer, error) {
	possessive, err := c.TokenFilterNamed(en.PossessiveName)
	if err != nil {
		return nil, err
	}
	lower, err := c.TokenFilterNamed(lowercase.Name)
	if err != nil {
		return nil, err
	}
	stopWords, err := c.TokenMapNamed(en.StopName)
	if err != nil {
		return nil, err
	}
	stemmer, err := c.TokenFilterNamed(en.SnowballStemmerName)
	if err != nil {
		return nil, err
	}
	return &analysis.DefaultAnalyzer{
		Tokenizer: surfaceTokenizer{unicodetok.NewUnicodeTokenizer()},
		TokenFilters: []analysis.TokenFilter{
			apostrophes{},
			possessive,
			caseVariants{},
			lower,
			britishSpelling{},
			stop.NewStopTokensFilter(stopWords),
			stemmer,
		},
	}, nil
}

// surfaceTokenizer is Unicode word segmentation plus the surface forms a reader writes one thing
// in several ways: a number written "600 000", "600k", "0.6 million" or "six hundred thousand"
// becomes the one token "600000" spanning the whole expression, and a hyphenated compound
// ("non-aggression") is indexed both split and joined ("nonaggression") at the first part's
// position, so either spelling in a question meets it.
type surfaceTokenizer struct{ words analysis.Tokenizer }

func (t surfaceTokenizer) Tokenize(input []byte) analysis.TokenStream {
	in := t.words.Tokenize(input)
	out := make(analysis.TokenStream, 0, len(in))
	for i := 0; i < len(in); {
		if n, end, ok := readNumber(input, in, i); ok {
			tok := *in[i]
			tok.Term = []byte(n)
			tok.End = in[end-1].End
			tok.Type = analysis.Numeric
			out = append(out, &tok)
			i = end
			continue
		}
		out = append(out, in[i])
		i++
	}
	// joined compounds, after numbers so that "twenty-eight" is 28 and not also "twentyeight"
	joined := make(analysis.TokenStream, 0, len(out)+4)
	for i, tok := range out {
		joined = append(joined, tok)
		j := i
		for j+1 < len(out) && out[j].End+1 == out[j+1].Start && input[out[j].End] == '-' && j-i < 3 {
			j++
		}
		if j > i && (i == 0 || !(out[i-1].End+1 == tok.Start && input[tok.Start-1] == '-')) {
			c := *tok
			c.End = out[j].End
			c.Term = []byte(strings.ReplaceAll(string(input[tok.Start:c.End]), "-", ""))
			joined = append(joined, &c)
		}
	}
	for i, tok := range joined {
		tok.Position = i + 1
	}
	return joined
}

// apostrophes folds the apostrophe look-alikes (U+02BC, U+2018, U+2019, U+FF07, `, ´) into "'", so
// the possessive filter and the stemmer see one form.
type apostrophes struct{}

var apostropheFold = strings.NewReplacer("ʼ", "'", "‘", "'", "’", "'", "＇", "'", "`", "'", "´", "'")

func (apostrophes) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if s := string(t.Term); strings.ContainsAny(s, "ʼ‘’＇`´") {
			t.Term = []byte(apostropheFold.Replace(s))
		}
	}
	return in
}

// caseVariants keeps the country "US" (and "U.S", "USA") apart from the pronoun "us" before lower
// casing loses the difference and the stop list drops it.
type caseVariants struct{}

func (caseVariants) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		switch string(t.Term) {
		case "US", "U.S", "U.S.", "USA", "U.S.A", "U.S.A.", "usa", "u.s":
			t.Term = []byte("usa")
		}
	}
	return in
}

// britishSpelling folds British spellings into American ones, symmetrically at index and query
// time: -ise/-isation, -our, -tre, -mme, -ence (defence, licences). A fold applies only when it
// turns the word into another word of general English (the vector table), so "revised" and
// "devour" stay as they are while "organised" and "colour" fold.
type britishSpelling struct{}

func (britishSpelling) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !britishSuffix(t.Term) {
			continue // most words: kept as they are, no copy
		}
		if us := foldBritish(string(t.Term)); us != string(t.Term) {
			t.Term = []byte(us)
		}
	}
	return in
}

// britishSuffix: foldBritish may fold the term — it is long enough and ends as a rule's from does.
func britishSuffix(term []byte) bool {
	if len(term) < minBritish {
		return false
	}
	for _, r := range britishRules {
		if len(term) >= len(r.from) && string(term[len(term)-len(r.from):]) == r.from {
			return true
		}
	}
	return false
}

var britishRules = []struct{ from, to string }{
	{"isation", "ization"}, {"isations", "izations"}, {"ised", "ized"}, {"ises", "izes"}, {"ising", "izing"},
	{"ise", "ize"}, {"our", "or"}, {"ours", "ors"}, {"tre", "ter"}, {"tres", "ters"}, {"mme", "m"}, {"mmes", "ms"},
	{"ence", "ense"}, {"ences", "enses"},
}

// minBritish is the length from which a word may be British: "hours" is no British "hors".
const minBritish = 6

func foldBritish(s string) string {
	if len(s) < minBritish {
		return s
	}
	t := glove.Load()
	for _, r := range britishRules {
		if !strings.HasSuffix(s, r.from) {
			continue
		}
		us := s[:len(s)-len(r.from)] + r.to
		if t.Lookup(us) != glove.None {
			return us
		}
	}
	return s
}
