// Package index builds and serves planbot's full-text index: a bleve (scorch, BM25) index of the
// corpus passages, and the answer engine on top of it that turns a question into cited, verbatim
// excerpts or an honest refusal. Only this package imports bleve.
package index

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
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
	tok, err := c.TokenizerNamed(unicodetok.Name)
	if err != nil {
		return nil, err
	}
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
		Tokenizer: tok,
		TokenFilters: []analysis.TokenFilter{
			possessive,
			caseVariants{},
			lower,
			spellingVariants{},
			stop.NewStopTokensFilter(stopWords),
			stemmer,
		},
	}, nil
}

// caseVariants keeps the country "US" (and "U.S", "USA") apart from the pronoun "us" before lower
// casing loses the difference and the stop list drops it.
type caseVariants struct{}

func (caseVariants) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		switch string(t.Term) {
		case "US", "U.S", "U.S.", "USA", "U.S.A", "U.S.A.":
			t.Term = []byte("usa")
		}
	}
	return in
}

// variantOf folds the spellings a reader may use for one name or number into one term.
// Stemming does not unify transliterations, and two fuzzy edits do not bridge them.
var variantOf = map[string]string{
	"zelenskyy": "zelensky", "zelenskiy": "zelensky", "zelenski": "zelensky", "zelenskyi": "zelensky",
	"zelenskyj": "zelensky", "zelenskii": "zelensky", "zelenskyy’s": "zelensky",
	"kiev": "kyiv", "kyyiv": "kyiv",
	"donbass":      "donbas",
	"zaporizhzhya": "zaporizhzhia", "zaporizhia": "zaporizhzhia", "zaporozhye": "zaporizhzhia",
	"zaporizhzhe": "zaporizhzhia", "zaporizhya": "zaporizhzhia", "zaporozhzhia": "zaporizhzhia",
	"lugansk": "luhansk", "donetsk’s": "donetsk", "kharkov": "kharkiv", "odessa": "odesa",
	"u.s": "usa", "usa": "usa", "america": "usa", "american": "usa", "americans": "usa",
	"witkof": "witkoff", "dmitriyev": "dmitriev", "budanow": "budanov", "umarov": "umerov",
	"defence": "defense", "programme": "program", "programmes": "program", "centre": "center",
	"counterproposal": "counter-proposal", "counterproposals": "counter-proposal",
	"nato's": "nato", "eu's": "eu",
}

// spellingVariants applies variantOf, drops the thousands separators of numbers (600,000 and 600000
// are one term) and folds British -ise/-our spellings, symmetrically at index and query time.
type spellingVariants struct{}

func (spellingVariants) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(foldVariant(string(t.Term)))
	}
	return in
}

func foldVariant(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	if v, ok := variantOf[s]; ok {
		return v
	}
	if isNumberWithCommas(s) {
		return strings.ReplaceAll(s, ",", "")
	}
	if len(s) >= 7 {
		for _, suf := range []string{"isation", "isations", "ised", "ises", "ising", "ise"} {
			if strings.HasSuffix(s, suf) {
				return s[:len(s)-len(suf)] + "iz" + suf[2:]
			}
		}
		if strings.HasSuffix(s, "our") || strings.HasSuffix(s, "ours") {
			return strings.Replace(s, "our", "or", 1)
		}
	}
	return s
}

func isNumberWithCommas(s string) bool {
	if !strings.Contains(s, ",") {
		return false
	}
	for _, r := range s {
		if r != ',' && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
