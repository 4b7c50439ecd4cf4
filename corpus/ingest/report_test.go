package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// articleText is four paragraphs of article, 120 words.
func articleText() string {
	var paras []string
	for _, day := range []string{"Sunday", "Monday", "Tuesday", "Wednesday"} {
		paras = append(paras, "Delegations from Ukraine and the United States met in Geneva on "+day+
			" to revise the draft, and officials said the talks had been productive although several points were disputed.")
	}
	return strings.Join(paras, "\n\n")
}

func TestWriteReportsDropped(t *testing.T) {
	a := testArticle()
	a.Text = "Edited by: Maria Kovac\n\n" +
		"You may also like\n\nCentral bank chief warns markets of a long winter\n\nFive charts that explain the grain trade\n\n" +
		articleText() + "\n\n" +
		"Rustem Umerov, second right, arrives for talks in Geneva, Sunday, Nov. 23, 2025. (AP Photo/Ivan Marchenko)\n\n" +
		"Sign up for our Europe Today newsletter to get the top stories in your inbox.\n\nOfficials said the next round would"
	doc, _, err := Write(corpusDir(t), a, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	c := Summarize(doc)
	if c.KeptWords < 100 || c.DroppedWords < 30 {
		t.Errorf("kept %d words, dropped %d", c.KeptWords, c.DroppedWords)
	}
	want := "3 related-content lines, 2 photo captions or credits, 1 byline or editorial credit, 1 cut-off sentence, 1 newsletter or social-media prompt"
	if got := c.Counts(); got != want {
		t.Errorf("Counts() = %q\nwant %q", got, want)
	}
	if len(c.First) != firstDropped || c.First[0].Text != "Edited by: Maria Kovac" {
		t.Errorf("First = %+v", c.First)
	}
}

func TestWriteRefusesMostlyChrome(t *testing.T) {
	teasers := "You may also like"
	for i := 0; i < 12; i++ {
		teasers += "\n\nCentral bank chief number " + string(rune('A'+i)) + " warns markets of a long and hard winter ahead"
	}
	short := "Delegations from Ukraine and the United States met in Geneva on Sunday to revise the draft plan. " +
		"Officials said the talks had been productive."
	tests := []struct {
		name, text, says string
	}{
		{"mostly teasers", articleText() + "\n\n" + teasers, "Most of that page is not article text"},
		{"too short once cleaned", short + "\n\nReporting by Taras Melnyk; Editing by Sara Lin\n\n" + strings.Repeat("Share this article\n\n", 3) +
			strings.Repeat("Follow the Daily Ledger on Telegram for breaking news.\n\n", 1) + short, "Only 48 words of article text were left after I removed 4 newsletter or social-media prompts, 1 byline or editorial credit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := corpusDir(t)
			a := testArticle()
			a.Text = tt.text
			_, _, err := Write(dir, a, Meta{})
			if !errors.Is(err, ErrMostlyChrome) {
				t.Fatalf("err = %v, want ErrMostlyChrome", err)
			}
			if NeedsErrorID(err) {
				t.Errorf("a refused page is logged as the bot's failure: %v", err)
			}
			if msg := Message(err); !strings.Contains(msg, tt.says) || strings.Contains(msg, "%!") {
				t.Errorf("Message = %q, want it to say %q", msg, tt.says)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%d files written for a refused page", len(entries))
			}
		})
	}
}
