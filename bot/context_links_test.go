package bot

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/planbot/planbot/bot/web"
	"github.com/planbot/planbot/index"
)

// contextLink is a citation's link to its passage: [context](PUBLIC_URL/sources/{doc}?cite={key}#{passage}).
var contextLink = regexp.MustCompile(`\[context\]\((https://planbot\.example/web/sources/[a-z0-9-]+\?cite=[0-9a-f]{8}#[a-z0-9]+)\)`)

// TestAnswerLinksEachExcerptInContext: with PublicURL, every excerpt of an /ask answer that the
// fake Discord receives (and schema-checks) links to its own passage; without it, none does.
func TestAnswerLinksEachExcerptInContext(t *testing.T) {
	const question = "How large could Ukraine's army be under the plan?"
	ans, err := realEngine(t).Answer(context.Background(), question, index.Options{})
	if err != nil || len(ans.Excerpts) == 0 {
		t.Fatalf("no excerpts for %q: %v", question, err)
	}
	e := newE2E(t, Config{PublicURL: "https://planbot.example/web/"})
	body := e.interact(askInteraction(t, "900000000000000001", question))
	desc := str(body, "data", "embeds", 0, "description")
	links := contextLink.FindAllStringSubmatch(desc, -1)
	if len(links) != len(ans.Excerpts) {
		t.Fatalf("%d context links for %d excerpts in:\n%s", len(links), len(ans.Excerpts), desc)
	}
	for i, m := range links {
		x := ans.Excerpts[i]
		if want := web.CitationURL("https://planbot.example/web", x.DocID, x.PassageID, x.Text); m[1] != want {
			t.Errorf("excerpt %d links to %s, want %s", i+1, m[1], want)
		}
	}

	// A cited source without an address of its own links to its page.
	fields, _ := dig(body, "data", "embeds", 0, "fields").([]any)
	linked := 0
	for _, f := range fields {
		v := str(f, "value")
		if strings.Contains(v, "[read the document](https://planbot.example/web/sources/") {
			linked++
		} else if !strings.Contains(v, "https://") {
			t.Errorf("source %q has no link: %q", str(f, "name"), v)
		}
	}
	if linked == 0 {
		t.Errorf("no source links to its page: %v", fields)
	}

	plain := newE2E(t, Config{})
	body = plain.interact(askInteraction(t, "900000000000000002", question))
	if d := str(body, "data", "embeds", 0, "description"); strings.Contains(d, "[context]") {
		t.Errorf("without PublicURL the answer still links:\n%s", d)
	}
}

// TestContextLinksKeepLimits: the longest answer, with a long PublicURL, stays within Discord's
// limits and keeps whole excerpts with their links.
func TestContextLinksKeepLimits(t *testing.T) {
	long := strings.Repeat("The army of Ukraine would be capped at a level agreed by all sides. ", 60)
	ans := index.Answer{Answered: true, Confident: true, More: true}
	for i := 0; i < index.MaxExcerpts; i++ {
		ans.Excerpts = append(ans.Excerpts, index.Excerpt{Citation: index.Citation{DocID: "d" + itoa(i), PassageID: "d" + itoa(i) + "/p01"}, Text: long})
	}
	m := answerMessage(ans, strings.Repeat("question ", 200), "1", 0, "https://planbot.example.org/sources-of-the-peace-plan", english)
	fitMessage(&m)
	if bad := checkMessage(m); bad != nil {
		t.Fatalf("answer breaks limits: %v", bad)
	}
	quotes := strings.Split(m.Embeds[0].Description, "\n\n")
	if len(quotes) < 2 {
		t.Errorf("only %d excerpts fit", len(quotes))
	}
	for _, q := range quotes {
		if !strings.Contains(q, "· [context](https://") || !strings.HasSuffix(q, "#p01)") {
			t.Errorf("an excerpt lost its link: %q", q[max(0, len(q)-120):])
		}
	}
}
