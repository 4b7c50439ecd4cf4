package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations never end a sentence when followed by a full stop (compared without the stop,
// lower-cased). Single letters (initials, the parts of "U.S.") are handled separately.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"lt": true, "gen": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "adm": true,
	"cmdr": true, "gov": true, "sen": true, "rep": true, "pres": true, "amb": true, "rev": true, "hon": true,
	"no": true, "nos": true, "vol": true, "art": true, "sec": true, "ch": true, "fig": true, "approx": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true, "est": true, "dept": true,
}

// numberAbbreviations are also ordinary words: they abbreviate only before a number.
var numberAbbreviations = map[string]bool{"no": true, "nos": true, "art": true, "fig": true}

// sentenceStarters end "U.S." as a sentence when they follow it ("…sanctioned by the U.S. The talks…").
var sentenceStarters = map[string]bool{"The": true, "This": true, "That": true, "It": true, "He": true,
	"She": true, "They": true, "We": true, "But": true, "In": true, "A": true, "An": true, "On": true,
	"However": true, "Meanwhile": true, "According": true}

// trailingCrumb matches source names glued after a sentence's full stop at the end of a paragraph
// ("…integrity.Reuters+1", "…2022.Wikipedia", "….The Guardian+3AP News+3Sky News+3").
var trailingCrumb = regexp.MustCompile(`[.!?]["”’]?((?:[A-Z][A-Za-z&'’.]*(?: [A-Z][A-Za-z&'’.]*){0,3}(?:\+\d+)?)+)$`)

// trailingFootnote is reference marks ending a paragraph, left out of its last sentence.
var trailingFootnote = regexp.MustCompile(`(\[(\d{1,3}|[a-z])\])+\s*$`)

// footnote matches Wikipedia reference marks such as "[3]", "[a]" or "[6][3]".
var footnote = regexp.MustCompile(`^(\[(\d{1,3}|[a-z]|note \d+|citation needed)\])+`)

// splitSentences cuts body[start:end] into sentences. Reference marks and glued source crumbs are
// left out of every sentence, so the sentences stay verbatim and clean.
func splitSentences(body string, start, end int) []Sentence {
	text := body[start:end]
	if m := trailingCrumb.FindStringSubmatchIndex(text); m != nil && isCrumb(text[m[2]:m[3]]) {
		end = start + m[2]
		text = body[start:end]
	}
	var out []Sentence
	s := 0 // start of the current sentence within text
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		j := i + size
		for j < len(text) && strings.ContainsRune(".!?…", rune(text[j])) {
			j++
		}
		// closing quotes and brackets belong to the sentence
		for j < len(text) {
			q, qs := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune(`"”’')]`, q) {
				break
			}
			j += qs
		}
		sentEnd := j
		// reference marks after the stop are skipped, not part of either sentence
		if m := footnote.FindStringIndex(text[j:]); m != nil {
			j += m[1]
		}
		if j < len(text) && !unicode.IsSpace(rune(text[j])) {
			i = j
			if i <= sentEnd {
				i = sentEnd
			}
			continue
		}
		k := j
		for k < len(text) && unicode.IsSpace(rune(text[k])) {
			k++
		}
		if k < len(text) && !startsSentence(text[k:]) {
			i = k
			continue
		}
		if r == '.' && !endsSentence(text[s:i], text[k:]) {
			i = k
			continue
		}
		out = appendSentence(out, body, start+s, start+sentEnd)
		s = k
		i = k
	}
	if s < len(text) {
		e := len(text)
		if m := trailingFootnote.FindStringIndex(text[s:]); m != nil {
			e = s + m[0]
		}
		out = appendSentence(out, body, start+s, start+e)
	}
	return out
}

func appendSentence(out []Sentence, body string, a, b int) []Sentence {
	for a < b && isSpaceByte(body[a]) {
		a++
	}
	for b > a && isSpaceByte(body[b-1]) {
		b--
	}
	if b-a < 2 {
		return out
	}
	return append(out, Sentence{Start: a, End: b, Text: body[a:b]})
}

// startsSentence: what follows a stop can begin a sentence (a capital, a digit, a quote, a dash).
func startsSentence(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'([—–-`, r)
}

// endsSentence decides whether a full stop after before ends the sentence, given the text after.
func endsSentence(before, after string) bool {
	word := lastWord(before)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		// "No. 5" is an abbreviation, but in `He said "no." Then…` the word ends a sentence.
		if numberAbbreviations[lw] {
			r, _ := utf8.DecodeRuneInString(after)
			return !unicode.IsDigit(r)
		}
		return false
	}
	// Initials and dotted abbreviations: "J.T", "U.S", "U.N", "D".
	if isInitials(word) {
		next := firstWord(after)
		return len(word) > 1 && sentenceStarters[next]
	}
	return true
}

func isInitials(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if len(part) != 1 || !unicode.IsUpper(rune(part[0])) {
			return false
		}
	}
	return true
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`("“‘`, r) })
	return s[i+1:]
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// isCrumb accepts "Reuters+1", "Wikipedia", "The Guardian+3AP News+3" but not an ordinary word
// such as an initial ("S") that happens to follow a stop.
func isCrumb(s string) bool {
	if strings.Contains(s, "+") {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4 && !strings.Contains(s, ".")
}
