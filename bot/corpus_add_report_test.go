package bot

import (
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// The /corpus add result says what cleaning left out, by kind with the first lines, escaped and
// within Discord's field limit, and marks a date that is only the day the page was fetched.
func TestAddedEmbedReportsLeftOut(t *testing.T) {
	para := "Delegations from Ukraine and the United States met in Geneva on Sunday to revise the draft, " +
		"and officials said the talks had been productive although several points were still disputed.\n\n"
	body := "Edited by: Maria @everyone Kovac\n\n" + strings.Repeat(para, 3) +
		"Rustem Umerov, second right, arrives for talks in Geneva, Sunday, Nov. 23, 2025. (AP Photo/Ivan Marchenko)\n\n" +
		"Follow the Daily Ledger on Telegram for breaking news.\n"
	doc, err := corpus.Parse("new.md", []byte("---\nid: geneva\ntitle: Geneva talks\nretrieved: 2025-12-04\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	e := addedEmbed(doc)
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Name] = f.Value
	}
	left := fields["Left out"]
	for _, want := range []string{"2 photo captions or credits", "1 byline or editorial credit", "1 newsletter or social-media prompt",
		"> Edited by: Maria @\u200beveryone Kovac", "> Rustem Umerov, second right"} {
		if !strings.Contains(left, want) {
			t.Errorf("Left out lacks %q:\n%s", want, left)
		}
	}
	if textLen(left) > maxFieldValue {
		t.Errorf("Left out is %d long", textLen(left))
	}
	if got := fields["Published"]; got != "not given (fetched 4 Dec 2025)" {
		t.Errorf("Published = %q", got)
	}
	doc.Dropped = nil
	if got := addedEmbed(doc).Fields[4].Value; got != "nothing" {
		t.Errorf("nothing dropped: Left out = %q", got)
	}
}
