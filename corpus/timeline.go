package corpus

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Event is a dated event a document reports, found by rule: a sentence that names a day.
type Event struct {
	Date      time.Time // the day, UTC
	DocID     string
	PassageID string
	Sentence  Sentence
}

var months = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

const monthNames = `January|February|March|April|May|June|July|August|September|October|November|December`

var (
	// "November 19, 2025", "November 21–22, 2025", "November 20"
	monthDay = regexp.MustCompile(`\b(` + monthNames + `) (\d{1,2})(?:[–-]\d{1,2})?(?:,? (\d{4}))?\b`)
	// "23 November", "23 November 2025"
	dayMonth = regexp.MustCompile(`\b(\d{1,2}) (` + monthNames + `)(?: (\d{4}))?\b`)
	yearRef  = regexp.MustCompile(`\b(19|20)\d\d\b`)
)

// Events lists the dated events of docs in date order (then corpus order). A date without a year
// takes the document's publication year, failing that the year the document names most, failing
// that the year most documents of the corpus are about.
func Events(docs []Document) []Event {
	var out []Event
	fallback := 0
	votes := map[int]int{}
	for _, d := range docs {
		if y := documentYear(d); y > 0 {
			votes[y]++
			if votes[y] > votes[fallback] {
				fallback = y
			}
		}
	}
	for _, d := range docs {
		year := documentYear(d)
		if year == 0 {
			year = fallback // the story's year, for a text that names days but no year
		}
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				if day, ok := firstDay(s.Text, year); ok {
					out = append(out, Event{Date: day, DocID: d.ID, PassageID: p.ID, Sentence: s})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

func firstDay(s string, year int) (time.Time, bool) {
	type hit struct {
		at      int
		m       time.Month
		day, yr int
	}
	var hits []hit
	for _, m := range monthDay.FindAllStringSubmatchIndex(s, -1) {
		day, _ := strconv.Atoi(s[m[4]:m[5]])
		yr := year
		if m[6] >= 0 {
			yr, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		hits = append(hits, hit{m[0], months[strings.ToLower(s[m[2]:m[3]])], day, yr})
	}
	for _, m := range dayMonth.FindAllStringSubmatchIndex(s, -1) {
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		yr := year
		if m[6] >= 0 {
			yr, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		hits = append(hits, hit{m[0], months[strings.ToLower(s[m[4]:m[5]])], day, yr})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	for _, h := range hits {
		if h.yr == 0 || h.day < 1 || h.day > 31 {
			continue
		}
		t := time.Date(h.yr, h.m, h.day, 0, 0, 0, 0, time.UTC)
		if t.Day() != h.day { // "February 30"
			continue
		}
		return t, true
	}
	return time.Time{}, false
}

func documentYear(d Document) int {
	if len(d.Published) >= 4 {
		if y, err := strconv.Atoi(d.Published[:4]); err == nil {
			return y
		}
	}
	counts := map[string]int{}
	best, bestN := "", 0
	for _, p := range d.Passages {
		for _, y := range yearRef.FindAllString(p.Text, -1) {
			counts[y]++
			if counts[y] > bestN || counts[y] == bestN && y > best {
				best, bestN = y, counts[y]
			}
		}
	}
	y, _ := strconv.Atoi(best)
	return y
}
