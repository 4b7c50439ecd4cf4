package corpus

import (
	"strings"
	"testing"
	"time"
)

func TestDefaultEvents(t *testing.T) {
	docs := loadDefault(t)
	events := Events(docs)
	if len(events) == 0 {
		t.Fatal("no events")
	}
	bodies := map[string]string{}
	passages := map[string]bool{}
	for _, d := range docs {
		bodies[d.ID] = d.Body
		for _, p := range d.Passages {
			passages[p.ID] = true
		}
	}
	for i, e := range events {
		if i > 0 && e.Date.Before(events[i-1].Date) {
			t.Errorf("event %d (%s) before event %d (%s)", i, e.Date.Format(time.DateOnly), i-1, events[i-1].Date.Format(time.DateOnly))
		}
		s := e.Sentence
		if b := bodies[e.DocID]; s.End > len(b) || b[s.Start:s.End] != s.Text {
			t.Errorf("event sentence %q is not verbatim in %s", s.Text, e.DocID)
		}
		if !passages[e.PassageID] || !strings.HasPrefix(e.PassageID, e.DocID+"/") {
			t.Errorf("event %q names passage %q of %q", s.Text, e.PassageID, e.DocID)
		}
		if e.Date.Location() != time.UTC || e.Date.Hour() != 0 {
			t.Errorf("event date %v is not a UTC day", e.Date)
		}
		if strings.Contains(s.Text, "Retrieved") || strings.Contains(s.Text, "Archived") || strings.HasPrefix(s.Text, "^") {
			t.Errorf("event from a reference list: %q", s.Text)
		}
		if e.Date.Year() != 2025 {
			t.Errorf("event outside 2025: %s %q", e.Date.Format(time.DateOnly), s.Text)
		}
	}
	tests := []struct {
		date, doc, contains string
	}{
		{"2025-11-19", "wikipedia-us-peace-plan", "Axios published reporting"},
		{"2025-11-19", "wikipedia-us-peace-plan", "U.S. Army delegation arrives in Kyiv"},
		{"2025-11-20", "kyiv-confirms-draft", "on Thursday, November 20, said the president"},
		{"2025-11-20", "zelenskyy-gets-us-plan", "On November 20, 2025"},
		{"2025-11-21", "wikipedia-us-peace-plan", "November 21–22, 2025"},
		{"2025-11-22", "wikipedia-us-peace-plan", `not a "final offer to Ukraine"`},
		{"2025-11-23", "wikipedia-us-peace-plan", "Geneva talks planned"},
		{"2025-11-23", "wikipedia-us-peace-plan", "On 23 November, the United Kingdom, France and Germany"},
	}
	for _, tt := range tests {
		found := false
		for _, e := range events {
			if e.Date.Format(time.DateOnly) == tt.date && e.DocID == tt.doc && strings.Contains(e.Sentence.Text, tt.contains) {
				found = true
			}
		}
		if !found {
			t.Errorf("no event on %s from %s with %q", tt.date, tt.doc, tt.contains)
		}
	}
	// "February 2026" and "August 2025" name no day: they are no events.
	for _, e := range events {
		if strings.Contains(e.Sentence.Text, "February 2026") || strings.Contains(e.Sentence.Text, "August 2025 meeting") {
			t.Errorf("month without a day became an event: %q", e.Sentence.Text)
		}
	}
}

func TestFirstDay(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want string // "" for no event
	}{
		{"On November 20, 2025, the office confirmed it.", 0, "2025-11-20"},
		{"On Thursday, November 20, the office confirmed it.", 2025, "2025-11-20"},
		{"On Thursday, November 20, the office confirmed it.", 0, ""},
		{"On 23 November, three countries replied.", 2025, "2025-11-23"},
		{"On 23 November 2024 they met.", 2025, "2024-11-23"},
		{"November 21–22, 2025 — wider coverage.", 0, "2025-11-21"},
		{"Met on 2 December after November 30, 2025 talks.", 2025, "2025-12-02"},
		{"It escalated in February 2022.", 2025, ""},
		{"Nothing happened on February 30, 2025.", 0, ""},
		{"May 9 is Victory Day.", 2025, "2025-05-09"},
		{"They may 9 times refuse.", 2025, ""},
	}
	for _, tt := range tests {
		got, ok := firstDay(tt.in, tt.year)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tt.want {
			t.Errorf("firstDay(%q, %d) = %q, want %q", tt.in, tt.year, s, tt.want)
		}
	}
}

func TestEventsYearFallback(t *testing.T) {
	mk := func(id, published, text string) Document {
		d, err := Parse(id+".md", []byte("---\nid: "+id+"\ntitle: T\npublished: "+published+"\n---\n"+text+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	docs := []Document{
		mk("dated", "2024-03-01", "Talks were held on March 3 in Riyadh."),
		mk("years", "", "In 2023 and again in 2023 the sides met. A meeting followed on June 5 in Istanbul."),
		mk("bare", "", "The delegations met on October 12 in Doha."),
		mk("undated", "2024-05-01", "No day is named here at all."),
	}
	got := map[string]string{}
	for _, e := range Events(docs) {
		got[e.DocID] = e.Date.Format(time.DateOnly)
	}
	want := map[string]string{"dated": "2024-03-03", "years": "2023-06-05", "bare": "2024-10-12", "undated": ""}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: event on %q, want %q (publication year, then the year the text names, then the corpus's)", id, got[id], w)
		}
	}
}
