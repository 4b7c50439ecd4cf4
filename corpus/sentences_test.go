package corpus

import (
	"strings"
	"testing"
)

func sentenceTexts(body string) []string {
	var out []string
	for _, s := range splitSentences(body, 0, len(body)) {
		out = append(out, s.Text)
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"U.S. inside a sentence", "Dmitriev, notably, is currently under U.S. sanctions, requiring a waiver.",
			[]string{"Dmitriev, notably, is currently under U.S. sanctions, requiring a waiver."}},
		{"rank abbreviation", "Lt. General Curtis Buzzard arrived.", []string{"Lt. General Curtis Buzzard arrived."}},
		{"several titles", "Gen. Smith and Col. Dave Butler came. Then they left.",
			[]string{"Gen. Smith and Col. Dave Butler came.", "Then they left."}},
		{"initials", "J.T. Mercer wrote it. He left.", []string{"J.T. Mercer wrote it.", "He left."}},
		{"single initial", "Daniel P. Driscoll met him. Talks began.", []string{"Daniel P. Driscoll met him.", "Talks began."}},
		{"U.S. ends a sentence", "It was sanctioned by the U.S. The talks went on.",
			[]string{"It was sanctioned by the U.S.", "The talks went on."}},
		{"numbers", "The plan caps troops at 600,000. It also says 50:50.",
			[]string{"The plan caps troops at 600,000.", "It also says 50:50."}},
		{"decimal", "Oil fell 2.5 percent. Gas rose.", []string{"Oil fell 2.5 percent.", "Gas rose."}},
		{"quote after the stop", `He said "no." Then left.`, []string{`He said "no."`, "Then left."}},
		{"curly quote after the stop", "She called it “a draft.” Kyiv agreed.", []string{"She called it “a draft.”", "Kyiv agreed."}},
		{"footnote marks", "Anchorage.[1] NBC News reported it.[2]", []string{"Anchorage.", "NBC News reported it."}},
		{"stacked footnotes", "It was agreed.[6][3] Later it was not.[a]", []string{"It was agreed.", "Later it was not."}},
		{"glued crumb", "Ukraine keeps red lines on territorial integrity.Reuters+1",
			[]string{"Ukraine keeps red lines on territorial integrity."}},
		{"several glued crumbs", "Outlets describe a consistent set of terms.The Guardian+3AP News+3Sky News+3",
			[]string{"Outlets describe a consistent set of terms."}},
		{"glued site name", "The war escalated in February 2022.Wikipedia", []string{"The war escalated in February 2022."}},
		{"No. abbreviation", "No. 5 is key.", []string{"No. 5 is key."}},
		{"no as a word", "Say no. Then go.", []string{"Say no.", "Then go."}},
		{"Art. before a number", "Art. 5 applies. Allies agree.", []string{"Art. 5 applies.", "Allies agree."}},
		{"ellipsis character", "He paused… Then spoke.", []string{"He paused…", "Then spoke."}},
		{"three dots", "Wait... Then go.", []string{"Wait...", "Then go."}},
		{"three dots mid-sentence", "He paused... and went on.", []string{"He paused... and went on."}},
		{"question and exclamation", "Is it final? It is not! Talks go on.", []string{"Is it final?", "It is not!", "Talks go on."}},
		{"lower case after a stop", "The e.g. form stays. Fine.", []string{"The e.g. form stays.", "Fine."}},
		{"dotted domain", "It was on axios.com today. Yes.", []string{"It was on axios.com today.", "Yes."}},
		{"no final stop", "Ukraine would hold elections in 100 days", []string{"Ukraine would hold elections in 100 days"}},
		{"trailing footnote without stop", "Talks are planned[8]", []string{"Talks are planned"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitSentencesOffsets(t *testing.T) {
	// Offsets point into the whole body even when splitting a slice of it.
	body := "Heading\nFirst one, under U.S. rules. Second one.[2]\nTail."
	start := strings.Index(body, "First")
	end := strings.Index(body, "\nTail")
	sents := splitSentences(body, start, end)
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2: %+v", len(sents), sents)
	}
	for _, s := range sents {
		if s.Start < start || s.End > end || body[s.Start:s.End] != s.Text {
			t.Errorf("sentence %+v is not body[%d:%d] within [%d,%d)", s, s.Start, s.End, start, end)
		}
	}
}

// Every sentence of the default corpus is verbatim and none is cut after an abbreviation.
func TestDefaultSentencesVerbatim(t *testing.T) {
	for _, d := range loadDefault(t) {
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				if s.Start < 0 || s.End > len(d.Body) || s.Start >= s.End || d.Body[s.Start:s.End] != s.Text {
					t.Errorf("%s: sentence %q is not Body[%d:%d]", p.ID, s.Text, s.Start, s.End)
					continue
				}
				if strings.TrimSpace(s.Text) != s.Text || strings.Contains(s.Text, "\n") {
					t.Errorf("%s: sentence %q has edge space or spans lines", p.ID, s.Text)
				}
				for _, abbr := range []string{" Lt.", " Gen.", " Col.", " Dr.", " Mr.", " P.", " J.T."} {
					if strings.HasSuffix(s.Text, abbr) {
						t.Errorf("%s: sentence cut after abbreviation: %q", p.ID, s.Text)
					}
				}
			}
		}
	}
}

func TestDefaultSanctionsSentence(t *testing.T) {
	want := "Dmitriev, notably, is currently under U.S. sanctions, requiring a waiver for his travel to Miami for face-to-face discussions with Witkoff last month."
	d := docByID(t, loadDefault(t), "zelenskyy-gets-us-plan")
	for _, p := range d.Passages {
		for _, s := range p.Sentences {
			if s.Text == want {
				return
			}
		}
	}
	t.Errorf("no sentence %q in %s", want, d.ID)
}
