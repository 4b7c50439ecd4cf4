package index

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Number words of English, for folding "six hundred thousand" and "600 thousand" into 600000.
var (
	smallNumbers = map[string]float64{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
		"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
		"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
		"ninety": 90}
	scaleWords = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
		"trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
)

// groupSeparators may stand between the digit groups of one number: a space, a no-break space,
// a narrow no-break space, a thin space.
func isGroupSeparator(s string) bool {
	return s == " " || s == "\u00a0" || s == "\u202f" || s == "\u2009"
}

// readNumber reads a number expression starting at toks[i]: digits with group separators
// ("600,000", "600 000"), a digit or number-word count, an optional scale ("k", "million"), and
// compound number words ("twenty-eight"). It returns the value as a plain decimal term, the index
// after the last token used, and whether toks[i] starts a number that needed folding.
func readNumber(input []byte, toks analysis.TokenStream, i int) (string, int, bool) {
	first := string(toks[i].Term)
	lower := strings.ToLower(first)
	var v float64
	j := i + 1
	folded := false
	switch {
	case toks[i].Type == analysis.Numeric:
		digits := strings.ReplaceAll(first, ",", "")
		if strings.Count(digits, ".") > 1 || strings.Contains(digits, ":") {
			return "", 0, false
		}
		f, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return "", 0, false
		}
		v = f
		folded = digits != first
		// "600 000": groups of exactly three digits after a separator
		for j < len(toks) && toks[j].Type == analysis.Numeric && len(toks[j].Term) == 3 && !strings.ContainsAny(digits, ".") &&
			isGroupSeparator(string(input[toks[j-1].End:toks[j].Start])) && len(strings.ReplaceAll(string(toks[j-1].Term), ",", "")) <= 3+3*(j-1-i) {
			g, _ := strconv.ParseFloat(string(toks[j].Term), 64)
			v = v*1000 + g
			j++
			folded = true
		}
	case smallNumbers[lower] > 0 || lower == "zero":
		v = smallNumbers[lower]
		// "twenty-eight", "twenty eight"
		if v >= 20 && j < len(toks) {
			if u, ok := smallNumbers[strings.ToLower(string(toks[j].Term))]; ok && u < 10 && u > 0 && toks[j].Start-toks[j-1].End == 1 {
				v += u
				j++
				folded = true
			}
		}
	default:
		// "600k", "100bn", "1.5m": digits glued to a scale
		k := strings.IndexFunc(lower, func(r rune) bool { return r < '0' || r > '9' && r != '.' })
		if k <= 0 {
			return "", 0, false
		}
		s, ok := scaleWords[lower[k:]]
		f, err := strconv.ParseFloat(lower[:k], 64)
		if !ok || err != nil || s < 1000 {
			return "", 0, false
		}
		return formatNumber(f * s), j, true
	}
	// a scale word after the count: "600 thousand", "0.6 million", "six hundred thousand"
	for j < len(toks) && toks[j].Start-toks[j-1].End <= 2 && utf8.ValidString(string(input[toks[j-1].End:toks[j].Start])) &&
		strings.TrimSpace(string(input[toks[j-1].End:toks[j].Start])) == "" {
		s, ok := scaleWords[strings.ToLower(string(toks[j].Term))]
		if !ok || len(toks[j].Term) < 3 && toks[j].Start-toks[j-1].End != 1 {
			break
		}
		v *= s
		j++
		folded = true
	}
	if !folded && toks[i].Type == analysis.Numeric {
		return "", 0, false
	}
	return formatNumber(v), j, true
}

func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
