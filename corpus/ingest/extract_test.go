package ingest

import (
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
