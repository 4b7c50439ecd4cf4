package bot

import (
	"net/http"
	"net/http/httptest"
	"os"
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

// teaserPage is an article page whose text is mostly a "You may also like" block.
func teaserPage() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks resume in Geneva | Test Wire</title>
<meta property="og:site_name" content="Test Wire"></head><body><main><article><h1>Talks resume in Geneva</h1>
<p>Delegations from Ukraine and the United States met again in Geneva on Sunday to revise the draft peace plan,
officials said, after a week in which both sides exchanged written proposals on the most disputed points.</p>
<p>The officials said the talks would continue on Monday and that a joint statement could follow later in the week.</p>
<p>European governments, which were not represented at the table, asked to be briefed on the outcome before any text is
agreed, and said their own proposals on security guarantees should be part of the final framework.</p>
<p>You may also like</p>`)
	for _, h := range []string{"Central bank chief warns markets of a long and difficult winter",
		"Five charts that explain how the grain trade has changed this year", "Storm closes airports across the north of the country",
		"Opposition leader arrested after a rally in the capital on Saturday", "Why energy prices could rise again before the spring",
		"The football club that plays its home games far from home", "Inside the factory that builds drones from spare parts",
		"How a small town rebuilt its school after the floods", "Ten maps that show how the front line has moved since 2022",
		"What a record harvest means for bread prices across the region", "The artists turning shell casings into sculpture",
		"A guide to the new rules for travellers crossing the border"} {
		b.WriteString("<p>" + h + "</p>\n")
	}
	b.WriteString(`</article></main></body></html>`)
	return b.String()
}

// /corpus add refuses a page that is mostly teasers, says why with the numbers, and writes nothing.
func TestE2ECorpusAddRefusesMostlyChrome(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(teaserPage()))
	}))
	t.Cleanup(srv.Close)
	e := newModE2E(t, Config{AllowPrivateURLs: true})
	before, _ := os.ReadDir(e.bot.cfg.CorpusDir)
	text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(93, 1), "corpus", sub("add", "url", srv.URL+"/geneva")))
	if !private || !strings.Contains(text, "Most of that page is not article text") || !strings.Contains(text, "related-content lines") {
		t.Errorf("reply (private %v): %q", private, text)
	}
	after, _ := os.ReadDir(e.bot.cfg.CorpusDir)
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
}
