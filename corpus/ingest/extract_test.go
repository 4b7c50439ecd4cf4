package ingest

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestBlocksText(t *testing.T) {
	in := `<div><h2>Kyiv weighs plan</h2><p>First  paragraph,
	spread over   lines.</p><p>Advertisement</p><p>Reuters</p>
	<h3>What the plan says</h3><ul><li>Ukraine caps its army at 600,000.</li><li><p>Elections within 100 days.</p><p>Second para of item.</p></li></ul>
	<p>Follow our WhatsApp Channel for updates</p><p>Same line.</p><p>Same line.</p>
	<p>Text with <b>bold</b> and <a href="#">a link</a> inline.<br>After a break.</p><script>var x = 1;</script></div>`
	nodes, err := html.ParseFragment(strings.NewReader(in), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	got := blocksText(nodes, "Kyiv weighs plan")
	want := strings.Join([]string{
		"First paragraph, spread over lines.",
		"### What the plan says",
		"- Ukraine caps its army at 600,000.",
		"- Elections within 100 days.",
		"Second para of item.",
		"Same line.",
		"Text with bold and a link inline.",
		"After a break.",
	}, "\n\n")
	if got != want {
		t.Errorf("blocksText =\n%s\n\nwant\n%s", got, want)
	}
}

func TestTimeElementDate(t *testing.T) {
	for in, want := range map[string]string{
		`<p>Posted <time datetime="2025-11-20T10:00:00Z">Thursday</time></p>`:     "2025-11-20",
		`<meta itemprop="datePublished" content="2025-11-19">`:                    "2025-11-19",
		`<time datetime="yesterday">x</time><time datetime="2025-11-22">y</time>`: "2025-11-22",
		`<time datetime="2025-13-40">bad</time>`:                                  "",
	} {
		doc, err := html.Parse(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := timeElementDate(doc); got != want {
			t.Errorf("timeElementDate(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Zelenskyy’s plan: what Kyiv's engagement means": "zelenskyys-plan-what-kyivs-engagement-means",
		"Zaporizhzhia — Évian talks, 50:50!":             "zaporizhzhia-evian-talks-50-50",
		"":                                               "article",
		"Київ":                                           "article",
		"A very long headline that goes on and on about the peace plan today": "a-very-long-headline-that-goes-on-and-on-about",
	} {
		got := slug(in)
		if got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
		if len(got) > maxSlug {
			t.Errorf("slug(%q) is %d bytes", in, len(got))
		}
	}
}

// The publication date comes from the page's metadata in any of the usual forms; a page without
// one gives "" (Write then records the retrieval date instead).
func TestExtractPublishedDate(t *testing.T) {
	article := "<article><h1>Geneva talks revise the plan</h1>"
	for _, day := range []string{"Sunday", "Monday", "Tuesday", "Wednesday"} {
		article += "<p>Delegations from Ukraine and the United States met in Geneva on " + day + " to revise the draft " +
			"peace plan, and officials said the talks had been productive although several points were still disputed.</p>"
	}
	article += "</article>"
	tests := []struct{ name, head, body, want string }{
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Geneva talks revise the plan","datePublished":"2025-11-24T09:15:00+01:00"}</script>`, article, "2025-11-24"},
		{"open graph", `<meta property="article:published_time" content="2025-11-23T18:00:00Z">`, article, "2025-11-23"},
		{"dublin core", `<meta name="dcterms.created" content="2025-11-25">`, article, "2025-11-25"},
		{"parsely", `<meta name="parsely-pub-date" content="2025-11-27T10:00:00Z">`, article, "2025-11-27"},
		{"meta date", `<meta name="pubdate" content="2025-11-28T10:00:00Z">`, article, "2025-11-28"},
		{"time element", "", strings.Replace(article, "</h1>", `</h1><time datetime="2025-11-26T07:00:00Z">26 Nov</time>`, 1), "2025-11-26"},
		{"none", "", article, ""},
	}
	final, _ := url.Parse("https://news.example/world/geneva")
	for _, tt := range tests {
		page := "<!DOCTYPE html><html lang=en><head><title>Geneva talks revise the plan</title>" + tt.head + "</head><body>" + tt.body + "</body></html>"
		a, err := extract([]byte(page), "text/html; charset=utf-8", final)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if a.Published != tt.want {
			t.Errorf("%s: Published = %q, want %q", tt.name, a.Published, tt.want)
		}
	}
}

// A related-content header survives extraction so that the loader can drop the teasers after it;
// other short chrome still goes here.
func TestBlocksTextKeepsRelatedHeaders(t *testing.T) {
	in := `<div><p>Talks resumed in Geneva on Sunday.</p><p>Read more</p><p>Markets slide as talks stall</p>
	<h2>Related:</h2><ul><li>Opinion: What Europe owes Kyiv</li></ul><p>Advertisement</p><p>Share</p></div>`
	nodes, err := html.ParseFragment(strings.NewReader(in), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	want := "Talks resumed in Geneva on Sunday.\n\nRead more\n\nMarkets slide as talks stall\n\n## Related:\n\n- Opinion: What Europe owes Kyiv"
	if got := blocksText(nodes, ""); got != want {
		t.Errorf("blocksText =\n%q\nwant\n%q", got, want)
	}
}
