package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// parseBody loads one document with body under a minimal front matter.
func parseBody(t *testing.T, outlet, body string) Document {
	t.Helper()
	fm := "---\nid: page\ntitle: Geneva talks revise the plan\noutlet: " + outlet + "\n---\n"
	docs, problems := LoadFS(fstest.MapFS{"page.md": {Data: []byte(fm + body)}})
	if len(problems) != 0 || len(docs) != 1 {
		t.Fatalf("docs %d, problems %v", len(docs), problems)
	}
	return docs[0]
}

// Real-shaped paragraphs around each piece of chrome: all must survive it.
const (
	textBefore = "Delegations from Ukraine and the United States met in Geneva on Sunday to revise the draft."
	textAfter  = "Officials said the revised text drops several points that Kyiv had rejected outright."
	textEnd    = "The delegations are due to meet again next week. Neither side would say where."
)

// chromeCase is chrome of one kind set between two article paragraphs.
type chromeCase struct {
	name   string
	chrome string   // one or more lines
	gone   []string // text that must not survive
}

func checkChrome(t *testing.T, kind DropKind, tests []chromeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseBody(t, "The Daily Ledger", textBefore+"\n\n"+tt.chrome+"\n\n"+textAfter+"\n\n"+textEnd+"\n")
			texts := allText(d)
			joined := strings.Join(texts, "\n")
			for _, g := range tt.gone {
				if strings.Contains(joined, g) {
					t.Errorf("%q survived: %q", g, texts)
				}
			}
			if !hasSentence(d, textBefore) || !hasSentence(d, textAfter) || !hasSentence(d, "Neither side would say where.") {
				t.Errorf("article text lost around the chrome: %q", texts)
			}
			found := false
			for _, x := range d.Dropped {
				found = found || x.Kind == kind
				if x.Text != d.Body[x.Start:x.Start+len(x.Text)] {
					t.Errorf("dropped %q is not Body at %d", x.Text, x.Start)
				}
			}
			if !found {
				t.Errorf("nothing dropped as %q: %+v", kind, d.Dropped)
			}
		})
	}
}

func TestCleanCaptions(t *testing.T) {
	checkChrome(t, DropCaption, []chromeCase{
		{"getty credit", "Ukraine's President Volodymyr Zelensky speaks to the press in Kyiv on November 28, 2025. (Photo by Anna Petrenko / AFP via Getty Images)", []string{"Getty", "speaks to the press"}},
		{"symbolic image and getty", "A Ukrainian flag flies over a ruined school in Kherson (Symbolic image) (Photo by Dmytro Sokil / AFP via Getty Images)", []string{"flag flies"}},
		{"kremlin photo", "Russian President Vladimir Putin meets U.S. envoy Steve Witkoff at the Kremlin on December 2 (Kremlin photo)", []string{"Kremlin photo", "meets U.S. envoy"}},
		{"ap photo", "Ukrainian soldiers fire a howitzer toward Russian positions near Pokrovsk, Ukraine, Thursday, Nov. 27, 2025. (AP Photo/Ivan Marchenko)", []string{"howitzer", "AP Photo"}},
		{"second right", "Secretary of State Marco Rubio, second right, and Ukraine's security chief Rustem Umerov, left, attend talks in Geneva, Sunday, Nov. 23, 2025.", []string{"second right"}},
		{"(L) and (R)", "Putin (R) shakes hands with Witkoff (L) before their talks in Moscow.", []string{"shakes hands"}},
		{"file photo prefix", "FILE PHOTO: Delegations sit down for talks in Abu Dhabi, November 25, 2025. REUTERS/Sofia Bondar/File Photo", []string{"Abu Dhabi", "REUTERS"}},
		{"reuters trailing", "A man walks past a destroyed building in Kharkiv, Ukraine, November 26, 2025. REUTERS/Sofia Bondar", []string{"destroyed building"}},
		{"file photo line", "File photo", []string{"File photo"}},
		{"bbc image source", "Image source, Getty Images\nImage caption, Ukraine's delegation arrived in Geneva on Sunday", []string{"Image source", "arrived in Geneva"}},
		{"guardian photograph", "Rustem Umerov at the talks in Geneva. Photograph: Olga Kovalenko/Reuters", []string{"Umerov at the talks", "Kovalenko"}},
		{"name and agency", "Firefighters work at the site of a drone strike in Odesa, Ukraine. Olena Hrytsenko/AFP via Getty Images", []string{"Firefighters"}},
		{"photographer pair", "Soldiers load a rocket launcher in Donetsk region (Yevhen Kostenko/AFP)", []string{"rocket launcher"}},
		{"caption before agency line", "Ukraine's foreign minister arrives for talks in Brussels, November 24, 2025.\nAFP via Getty Images", []string{"foreign minister arrives", "AFP"}},
		{"picture library", "(Photo: picture alliance / dpa)", []string{"picture alliance"}},
		{"bracketed credit", "Ukrainian soldiers ride a tank near Kostiantynivka on November 20, 2025 [Anton Petrenko/AFP]", []string{"ride a tank"}},
		{"credit dots", "Credit...Olga Kovalenko for The Daily Ledger", []string{"Kovalenko"}},
		{"copyright sign", "© Mikhail Orlov/TASS", []string{"Orlov"}},
		{"illustration", "Soldiers on a training ground in Lviv region. Photo for illustrative purposes.", []string{"training ground"}},
		{"multi-agency", "Smoke rises over Kharkiv after a drone attack. Sergei Bobok/AFP/Getty Images", []string{"Smoke rises"}},
	})
}

func TestCleanCredits(t *testing.T) {
	checkChrome(t, DropCredit, []chromeCase{
		{"edited by", "Edited by: Maria Kovac", []string{"Maria Kovac"}},
		{"edited by initials", "Edited by: rm/jsi", []string{"rm/jsi"}},
		{"reuters credits", "Reporting by Taras Melnyk in Kyiv; Additional reporting by Anna Wolff in Berlin; Writing by Tom Hale; Editing by Sara Lin", []string{"Melnyk", "Sara Lin"}},
		{"additional reporting", "Additional reporting by Ivan Petrov in Moscow.", []string{"Petrov"}},
		{"parenthesised", "(Writing by Jane Holt; Editing by Mark Ruiz)", []string{"Holt", "Ruiz"}},
		{"contributed", "Associated Press writers Jan Novak in Kyiv and Lena Ross in Washington contributed to this report.", []string{"Novak"}},
		{"agency initials", "mf/rm (AFP, Reuters, dpa)", []string{"mf/rm"}},
		{"dateline", "Updated 28 November 2025, 14:05 GMT", []string{"14:05"}},
		{"bare date", "21 November 2025", []string{"21 November 2025"}},
		{"date and time", "Nov. 27, 2025 5:04 PM GMT+1", []string{"5:04"}},
		{"weekday date", "Thursday, November 27, 2025", []string{"Thursday"}},
		{"byline", "By Olena Marchenko and Piotr Nowak, Reuters", []string{"Marchenko"}},
		{"files from", "With files from The Associated Press", []string{"files from"}},
		{"outlet name", "The Daily Ledger", []string{"Daily Ledger"}},
		{"credit glued to a paragraph", "Talks resumed on Monday in Abu Dhabi. (Reporting by Taras Melnyk; Editing by Sara Lin)", []string{"Melnyk"}},
	})
}

func TestCleanRelatedContent(t *testing.T) {
	checkChrome(t, DropRelated, []chromeCase{
		{"you may also like", "You may also like\nCentral bank chief warns markets of a long winter\nThe governor said interest rates would stay high into the spring.\nFive charts that explain the grain trade",
			[]string{"You may also like", "Central bank", "interest rates", "Five charts"}},
		{"read more from", "Read more from World\n- Markets slide as talks stall\n- Opinion: What Europe owes Kyiv",
			[]string{"Read more", "Markets slide", "Europe owes"}},
		{"related with colon", "Related: Zelensky names a new chief negotiator", []string{"new chief negotiator"}},
		{"more on this story", "More on this story\n## Kyiv weighs a smaller army\nThe draft would let Ukraine keep more troops.\n## Who is Rustem Umerov?",
			[]string{"More on this story", "smaller army", "more troops", "Who is Rustem"}},
		{"shouting header", "RELATED COVERAGE\nEuropean leaders draft their own plan\nWhat the 28 points say", []string{"RELATED", "European leaders draft", "28 points say"}},
		{"most read list", "Most read\n1. Storm closes airports across the north\n2. Opposition leader arrested\n3 hours ago", []string{"Storm", "Opposition leader", "3 hours"}},
		{"watch", "Watch: Zelensky's evening address in full", []string{"evening address"}},
		{"suggested topics", "Suggested Topics:\nUkraine\nDiplomacy", []string{"Suggested", "Diplomacy"}},
		{"explore more on", "Explore more on these topics\n- Russia-Ukraine war\n- Geneva", []string{"Explore", "Russia-Ukraine war"}},
		{"header with colon", "Related:\n- Kyiv rejects the first draft\n- Europe drafts a counter-proposal", []string{"Related", "first draft", "counter-proposal"}},
		{"teasers with captions", "Recommended for you\nPrices rise at fastest pace in a year\nShoppers in a market in Warsaw. (Photo by Jan Kowal / Getty Images)",
			[]string{"Prices rise", "Shoppers"}},
	})
}

// At the end of a page, a related block's teasers and their one-line summaries all go.
func TestCleanRelatedBlockAtEnd(t *testing.T) {
	d := parseBody(t, "", textBefore+"\n\n"+textAfter+"\n\nYou might also like\n\n"+
		"Central bank chief warns markets of a long winter\n\nThe governor said rates would stay high into the spring.\n\n"+
		"Five charts that explain the grain trade\n\nExports have fallen by a third since the war began.\n")
	texts := allText(d)
	if len(texts) != 2 || !hasSentence(d, textBefore) || !hasSentence(d, textAfter) {
		t.Errorf("kept %q", texts)
	}
	if n := len(d.Dropped); n != 5 {
		t.Errorf("dropped %d lines, want the header and four teaser lines: %+v", n, d.Dropped)
	}
}

func TestCleanPrompts(t *testing.T) {
	checkChrome(t, DropPrompt, []chromeCase{
		{"newsletter", "Sign up for our Europe Today newsletter to get the top stories in your inbox every morning.", []string{"newsletter"}},
		{"follow on telegram", "Follow the Daily Ledger on Telegram for breaking news.", []string{"Telegram"}},
		{"inbox", "Get the latest news from Ukraine delivered straight to your inbox.", []string{"inbox"}},
		{"whatsapp", "Join our WhatsApp channel for updates", []string{"WhatsApp"}},
		{"app", "Download our app to get breaking news alerts.", []string{"app"}},
		{"support", "Support independent journalism: become a member today.", []string{"journalism"}},
		{"listen", "Listen to this article", []string{"Listen"}},
		{"share", "Share this article", []string{"Share"}},
		{"appeal", "We're working hard to bring you the news from Ukraine. Please consider supporting our newsroom with a donation.", []string{"newsroom"}},
		{"link to coverage", "Follow the Ledger's coverage of the war at https://ledger.example/hub/ukraine", []string{"coverage of the war"}},
	})
}

// Sentences that look a little like chrome but are article text stay.
func TestCleanKeepsLookalikes(t *testing.T) {
	text := []string{
		"Support for the plan among Ukrainians fell to 20 percent, according to a poll published on Telegram.",
		"Follow-up talks are expected in Geneva, according to updates posted on Telegram.",
		"Recommended changes to the draft were sent to Washington on Friday.",
		"KYIV, Nov 27 (Reuters) - Ukraine said on Thursday it would send a delegation to Geneva.",
		"The photo of the signing was released by the Kremlin on Friday.",
		"Zelenskyy's image as a wartime leader has suffered, analysts said.",
		"The far right, led by the opposition, criticised the plan.",
		"Reporting by the Financial Times suggests the draft changed twice.",
		"Reporting by Axios showed the draft was written in October.",
		"More from the Kremlin came on Friday, when Peskov called the draft a basis for talks.",
		"Watch what happens in Geneva, one diplomat told reporters.",
		"The plan was drafted by Witkoff and edited by officials in Washington.",
		"Russia and Ukraine would exchange all prisoners (the “all for all” formula).",
		"Both sides agreed to a 50/50 split of the plant's electricity (EU/NATO officials said little).",
		"Zelensky urged allies to support Ukraine's air defence, saying independent media had documented the strikes.",
		"Copyright disputes over the plan's text were not discussed.",
		"Kyiv's government pledged to support independent journalism in the occupied regions.",
		"The draft lists the powers of the commission [see annex two] and its budget.",
	}
	d := parseBody(t, "The Daily Ledger", strings.Join(text, "\n\n")+"\n")
	for _, s := range text {
		if !hasSentence(d, s) {
			t.Errorf("lost %q; dropped %+v", s, d.Dropped)
		}
	}
}

func TestCleanFinalFragment(t *testing.T) {
	tests := []struct {
		name, body string
		kept, gone []string
	}{
		{"cut-off last line", textBefore + "\n\nOfficials said the next round would take place in Abu Dhabi, and the a\n",
			[]string{textBefore}, []string{"and the a"}},
		{"cut-off last sentence", textBefore + "\n\nThe talks ended on Sunday. Delegates agreed to meet again after the holidays but\n",
			[]string{textBefore, "The talks ended on Sunday."}, []string{"after the holidays"}},
		{"lower-case remnant", textBefore + "\n\nand the delegations\n", []string{textBefore}, []string{"delegations"}},
		{"before end matter", textBefore + "\n\nThe draft now runs to nineteen points and leaves the\n\nReferences\n- Smith (2025).\n",
			[]string{textBefore}, []string{"nineteen points"}},
		{"whole last sentence", textBefore + "\n\n“We will keep working,” she said.\n", []string{textBefore, "“We will keep working,” she said."}, nil},
		{"closing quote", textBefore + "\n\nShe called it “a basis for talks”\n", []string{textBefore, "She called it “a basis for talks”"}, nil},
		{"list at the end", textBefore + "\n\nThe draft would:\n- cap the army\n- bar NATO membership\n", []string{textBefore, "cap the army"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseBody(t, "", tt.body)
			joined := strings.Join(allText(d), "\n")
			for _, k := range tt.kept {
				if !strings.Contains(joined, k) {
					t.Errorf("lost %q: %q", k, joined)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(joined, g) {
					t.Errorf("fragment %q kept: %q", g, joined)
				}
			}
		})
	}
}

// A heading is only a heading when shaped like one and followed by article text; a credit line is
// never a heading.
func TestCleanHeadings(t *testing.T) {
	body := strings.Join([]string{
		"Edited by: Maria Kovac",
		textBefore,
		"## What the new draft says",
		"Europe",
		"Analysis",
		"Army cap raised",
		textAfter,
		"Zelensky names new negotiator",
		"- Rustem Umerov leads the delegation.",
		"Reporting by Taras Melnyk",
		"The next round is due in Abu Dhabi.",
		"## Rubio, left, meets Umerov in Geneva",
		"Delegates agreed to meet again after the holidays.",
		"Bottom line",
	}, "\n\n") + "\n"
	d := parseBody(t, "", body)
	headings := map[string]string{}
	for _, p := range d.Passages {
		for _, s := range p.Sentences {
			headings[s.Text] = p.Heading
		}
	}
	want := map[string]string{
		textBefore:                            "",
		textAfter:                             "Army cap raised",
		"Rustem Umerov leads the delegation.": "Zelensky names new negotiator",
		"The next round is due in Abu Dhabi.": "Zelensky names new negotiator",
	}
	for s, h := range want {
		if got, ok := headings[s]; !ok || got != h {
			t.Errorf("%q: heading %q (found %v), want %q", s, got, ok, h)
		}
	}
	for _, p := range d.Passages {
		for _, bad := range []string{"Edited by", "Reporting by", "Europe", "Analysis", "What the new draft", "Bottom line", "Rubio, left"} {
			if strings.Contains(p.Heading, bad) || strings.Contains(p.Text, bad) {
				t.Errorf("%s: %q survived as heading %q / text %q", p.ID, bad, p.Heading, p.Text)
			}
		}
	}
}

func TestNormalizeSentence(t *testing.T) {
	want := `kyiv's "red lines" - a 28-point plan... "no reward" for 'aggression'`
	for _, in := range []string{
		"Kyiv’s “red lines” — a 28‑point plan… «no reward» for ‘aggression’",
		"  Kyiv's \"red lines\"\u00a0-\u202fa 28-point plan...\n\"no reward\" for 'aggression'  ",
		"KYIVʼS “RED LINES” – A 28\u00ad-POINT PLAN… “NO REWARD” FOR ‘AGGRESSION’\u200b",
	} {
		if got := NormalizeSentence(in); got != want {
			t.Errorf("NormalizeSentence(%q)\n = %q\nwant %q", in, got, want)
		}
	}
	if NormalizeSentence("The plan has 28 points.") == NormalizeSentence("The plan has 19 points.") {
		t.Error("different sentences compare equal")
	}
}
