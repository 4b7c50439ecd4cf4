package corpus

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// allText is every sentence and heading a document offers to the index.
func allText(d Document) []string {
	var out []string
	for _, p := range d.Passages {
		if p.Heading != "" {
			out = append(out, p.Heading)
		}
		for _, s := range p.Sentences {
			out = append(out, s.Text)
		}
	}
	return out
}

var gluedCrumb = regexp.MustCompile(`[.!?]["”’]?[A-Z][A-Za-z ]*(\+\d+)?$|[A-Za-z]\+\d`)

func TestDefaultChromeNeverText(t *testing.T) {
	forbidden := []string{
		"Connect with the Author", "Free Chapter", "Also Read", "Follow our WhatsApp", "[edit]",
		"nominated this article for deletion", "Leave a Reply", "Retrieved November", "Learn more about",
		"Reuters+1", "+1", "+2", "+3", "https://", "http://", "| Context |", "|",
		"breaking-zelenskyy-gets-us-peace-plan-amid-ukrain-691fa68e93363",
		"About the Author", "Further Reading", "NRP Dispatch", "Explore Vera2", "See also", "References",
		"Archived from the original", "^ ", "Ukraine Piles the Pressure", "Why Zelenskyy May Sell",
		"real-time news updates", "Foreign relations of the United States",
	}
	endsGlued := regexp.MustCompile(`\.(Wikipedia|Axios|Reuters|The Guardian|AP News)\S*$`)
	footnote := regexp.MustCompile(`\[\d+\]|\[[a-z]\]`)
	n := 0
	for _, d := range loadDefault(t) {
		for _, text := range allText(d) {
			n++
			for _, bad := range forbidden {
				if strings.Contains(text, bad) {
					t.Errorf("%s: %q contains chrome %q", d.ID, text, bad)
				}
			}
			if endsGlued.MatchString(text) || gluedCrumb.MatchString(text) {
				t.Errorf("%s: %q ends with a glued source crumb", d.ID, text)
			}
			if footnote.MatchString(text) {
				t.Errorf("%s: %q keeps a reference mark", d.ID, text)
			}
		}
	}
	if n < 150 {
		t.Errorf("only %d sentences and headings: cleaning dropped text", n)
	}
}

// Cleaning must not throw away article text next to the chrome it drops.
func TestDefaultTextKept(t *testing.T) {
	docs := loadDefault(t)
	tests := []struct{ id, text string }{
		{"vera2-kyiv-engagement", "Ukraine’s leadership says it is willing to engage with the proposals, but only within the boundaries of its long-stated “red lines” on sovereignty and territorial integrity."},
		{"vera2-kyiv-engagement", "European capitals are now scrambling to influence the process, convening summits and coalition formats to push for stronger security guarantees for Kyiv and to ensure they are not merely spectators to a US-Russia negotiation over the future of the continent."},
		{"vera2-kyiv-engagement", "Whatever Kyiv ultimately decides, the Zelensky US peace plan has forced the world to confront the hardest questions about how this war ends, and at what cost."},
		{"wikipedia-us-peace-plan", "Some sources have linked aspects of the plan to ideas discussed during high-level United States–Russia August 2025 meeting in Anchorage."},
		{"wikipedia-us-peace-plan", "Ukraine: The Ukrainian government sent a senior team led by Andriy Yermak to Geneva and participated in talks to examine the U.S. proposal."},
		{"kyiv-confirms-draft", "She noted that Ukrainians face death and destruction every day."},
		{"zelenskyy-gets-us-plan", "The ongoing conflict underscores the urgency of finding a truly just and sustainable resolution."},
		{"reuters-zelenskyy-ready", `"We are ready for constructive, honest and prompt work."`},
	}
	for _, tt := range tests {
		if !hasSentence(docByID(t, docs, tt.id), tt.text) {
			t.Errorf("%s lost the sentence %q", tt.id, tt.text)
		}
	}
}

func hasSentence(d Document, text string) bool {
	for _, p := range d.Passages {
		for _, s := range p.Sentences {
			if s.Text == text {
				return true
			}
		}
	}
	return false
}

// A new article from another site, with its own chrome: the rules go by line shape, so they must
// clean it too. Each variant sits between two real paragraphs; the second must survive unless the
// chrome ends the article.
func TestCleanNewArticle(t *testing.T) {
	const before = "Delegations from Ukraine and the United States met in Geneva on Sunday to revise the draft."
	const after = "Officials said the revised text drops several points that Kyiv had rejected outright."
	tests := []struct {
		name     string
		chrome   string
		terminal bool // the chrome ends the article: after is dropped too
		gone     []string
	}{
		{"read more", "Read more: Why the plan matters to Europe", false, []string{"Read more", "Why the plan matters"}},
		{"read also", "READ ALSO: Kyiv rejects the draft", false, []string{"Kyiv rejects the draft"}},
		{"subscribe", "Subscribe to our newsletter for daily updates.", false, []string{"Subscribe", "newsletter"}},
		{"sign up", "Sign up for our morning briefing.", false, []string{"Sign up", "morning briefing"}},
		{"share", "SHARE THIS", false, []string{"SHARE"}},
		{"share on", "Share on Facebook", false, []string{"Facebook"}},
		{"advertisement", "Advertisement", false, []string{"Advertisement"}},
		{"navigation", "HOME | WORLD | EUROPE", false, []string{"HOME", "WORLD"}},
		{"photo credit", "Photo: Reuters/Valentyn Ogirenko", false, []string{"Ogirenko"}},
		{"follow us", "Follow us on Telegram for live updates.", false, []string{"Follow us", "live updates"}},
		{"you may also like", "You may also like: Ten maps of the front line", false, []string{"Ten maps"}},
		{"table row", "| Signed | November 2025 |", false, []string{"Signed", "|"}},
		{"bracketed link", "[Read the full dispatch]", false, []string{"full dispatch"}},
		{"slug", "geneva-talks-resume-on-revised-draft-5f1c2a", false, []string{"geneva-talks"}},
		{"maintenance notice", "This article needs additional citations for verification.", false, []string{"citations for verification"}},
		// A related block ends where article text resumes: AP and others put one mid-article.
		{"related articles heading", "Related Articles\n- Ukraine rejects the draft\n- Europe drafts a counter-proposal", false,
			[]string{"Related", "Ukraine rejects the draft", "counter-proposal"}},
		{"tags heading", "Tags\nUkraine, Russia, Geneva", true, []string{"Tags", "Ukraine, Russia, Geneva"}},
		{"tags with colon", "Tags:\nUkraine", true, []string{"Tags"}},
		{"references", "References\n- ^ Smith, John (November 23, 2025). \"Talks\". BBC News. Retrieved November 24, 2025.", true,
			[]string{"Retrieved", "Smith, John"}},
		{"about the author", "About the Author\nJane Doe covers Europe for the paper. She lives in Kyiv.", true, []string{"Jane Doe"}},
		{"comments", "Comments\nGreat article! Thanks for writing.", true, []string{"Great article"}},
		{"leave a comment", "Leave a comment below.", false, []string{"comment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "Geneva talks resume\n" + before + "\n" + tt.chrome + "\n" + after + "\n"
			fsys := fstest.MapFS{"new.md": {Data: []byte("---\nid: new-article\ntitle: Geneva talks resume\noutlet: BBC News\n---\n" + body)}}
			docs, problems := LoadFS(fsys)
			if len(problems) != 0 || len(docs) != 1 {
				t.Fatalf("docs %d problems %v", len(docs), problems)
			}
			d := docs[0]
			texts := allText(d)
			joined := strings.Join(texts, "\n")
			for _, g := range tt.gone {
				if strings.Contains(joined, g) {
					t.Errorf("chrome %q survived in %q", g, texts)
				}
			}
			if !hasSentence(d, before) {
				t.Errorf("lost the paragraph before the chrome: %q", texts)
			}
			if hasSentence(d, after) == tt.terminal {
				t.Errorf("paragraph after the chrome kept = %v, want %v: %q", !tt.terminal, !tt.terminal, texts)
			}
		})
	}
}

func TestCleanGluedCrumbsNewOutlets(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Delegates met again for a second round of talks.BBC News+2", "Delegates met again for a second round of talks."},
		{"The draft was revised overnight.Al Jazeera+1The Kyiv Independent+4", "The draft was revised overnight."},
		{"Kyiv said the text was “a basis for talks.”Politico", "Kyiv said the text was “a basis for talks.”"},
		{"The talks ended late.CNN+1", "The talks ended late."},
	}
	for _, tt := range tests {
		sents := sentenceTexts(tt.line)
		if len(sents) != 1 || sents[0] != tt.want {
			t.Errorf("%q → %q, want [%q]", tt.line, sents, tt.want)
		}
	}
}

func TestLooksLikeHeading(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"European Union reacts", true},
		{"Background", true},
		{"2025 developments", true},
		{"Kyiv’s Red Lines: No Reward for Aggression", true},
		{"The talks went on.", false},
		{"What changed?", false},
		{"The proposed framework aims to:", false},
		{"lower case start", false},
		{strings.Repeat("Long ", 40), false},
	}
	for _, tt := range tests {
		if got := looksLikeHeading(tt.line); got != tt.want {
			t.Errorf("looksLikeHeading(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// A page's headline repeated as its first line is its title, not a sentence, however it ends; a
// document of one line keeps that line as its text.
func TestTitleLineIsNoSentence(t *testing.T) {
	const text = "Delegations met in Geneva on Wednesday for a second day of talks."
	tests := []struct {
		name, title, line string
	}{
		{"quoted start", "'Difficult but practical' — Russia describes day 2 of talks", "'Difficult but practical' — Russia describes day 2 of talks"},
		{"full stop", "Zelenskyy revealed all 20 points: Russia's reaction will be known today.", "Zelenskyy revealed all 20 points: Russia’s reaction will be known today."},
		{"question", "Is the deal done?", "Is the deal done?"},
		{"closing quote, another case", "Budanov: peace by winter ‘realistic’", "BUDANOV:  peace by winter 'realistic'"},
		{"title without its full stop", "Talks resume in Geneva", "Talks resume in Geneva."},
		{"other quotation marks", "„Difficult but practical“ — talks end", "«\u00a0Difficult but practical\u00a0» – talks end"},
		{"ellipsis and invisible characters", "Talks resume… in Geneva?", "Talks re\u00adsume... in Gen\u200beva?"},
		{"modifier apostrophe", "'Twas a hard night in Kyiv", "ʼTwas a hard night in Kyiv"},
		{"Greek sigmas", "ΝΕΕΣ ΚΥΡΩΣΕΙΣ", "Νεες κυρωσεις."},
		{"spaces around a dash", "Kyiv – a city under fire", "Kyiv—a city under fire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"new.md": {Data: []byte("---\nid: new-article\ntitle: \"" + strings.ReplaceAll(tt.title, `"`, `\"`) + "\"\n---\n" + tt.line + "\n\n" + text + "\n")}}
			docs, problems := LoadFS(fsys)
			if len(problems) != 0 || len(docs) != 1 {
				t.Fatalf("docs %d problems %v", len(docs), problems)
			}
			d := docs[0]
			if hasSentence(d, tt.line) {
				t.Errorf("the title line is a sentence: %q", allText(d))
			}
			if !hasSentence(d, text) {
				t.Errorf("lost the article text: %q", allText(d))
			}
			for _, p := range d.Passages {
				if p.Heading != "" {
					t.Errorf("the title line is a passage heading %q", p.Heading)
				}
			}
		})
	}
	// a standfirst or subheading between the headline and the text: the headline is still no sentence
	fsys := fstest.MapFS{"new.md": {Data: []byte("---\nid: n\ntitle: Is the deal done?\n---\nIs the deal done?\nKyiv says the talks were constructive\n\n" + text + "\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || hasSentence(docs[0], "Is the deal done?") || !hasSentence(docs[0], text) {
		t.Errorf("headline before a standfirst: %q", allText(docs[0]))
	}
	// after the article's first text, a paragraph that repeats the title is text, and the heading
	// before it stays
	fsys = fstest.MapFS{"new.md": {Data: []byte("---\nid: n\ntitle: Is Europe ready?\n---\nSection One\n\n" + text + "\n\nIs Europe ready?\n\nLeaders met in Brussels.\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || !hasSentence(docs[0], "Is Europe ready?") || docs[0].Passages[0].Heading != "Section One" {
		t.Errorf("a title paragraph in mid-article: %q", allText(docs[0]))
	}
	// no title in the front matter: a first line that ends as a sentence does is the first
	// sentence too; one that ends as a headline does is the headline only
	fsys = fstest.MapFS{"a.txt": {Data: []byte("The EU agreed a new sanctions package on Monday. It targets oil exports.\n\n" + text + "\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || !hasSentence(docs[0], "The EU agreed a new sanctions package on Monday.") {
		t.Errorf("a note's first sentence was taken for its headline: %q", allText(docs[0]))
	}
	fsys = fstest.MapFS{"a.txt": {Data: []byte("The EU agreed new sanctions on Monday. Will they work?\n\n" + text + "\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || !hasSentence(docs[0], "The EU agreed new sanctions on Monday.") {
		t.Errorf("a note's first two sentences were taken for its headline: %q", allText(docs[0]))
	}
	fsys = fstest.MapFS{"b.txt": {Data: []byte("'Difficult but practical' — Russia describes day 2\n\n" + text + "\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || hasSentence(docs[0], "'Difficult but practical' — Russia describes day 2") {
		t.Errorf("a headline without front matter is a sentence: %q", allText(docs[0]))
	}
	// a line like the title but another is a sentence
	fsys = fstest.MapFS{"new.md": {Data: []byte("---\nid: n\ntitle: Is the deal done?\n---\nIs the deal done at last?\n\n" + text + "\n")}}
	if docs, _ := LoadFS(fsys); len(docs) != 1 || !hasSentence(docs[0], "Is the deal done at last?") {
		t.Errorf("a line that is not the title was dropped")
	}
	// the headline and a cut-off fragment: the headline is the text, as before headlines were
	// told apart (a reviewer's case)
	fsys = fstest.MapFS{"x.md": {Data: []byte("---\nid: x\ntitle: Kyiv hit by drones\n---\nKyiv hit by drones.\n\nthe fighting continued through the night and into the early\n")}}
	if docs, problems := LoadFS(fsys); len(docs) != 1 || !hasSentence(docs[0], "Kyiv hit by drones.") {
		t.Errorf("headline and fragment: docs %d problems %v", len(docs), problems)
	}
	// one line, no title in the front matter: the line is the title and the text
	fsys = fstest.MapFS{"note.md": {Data: []byte("---\nid: note\n---\nTalks resume in Geneva on Monday.\n")}}
	docs, problems := LoadFS(fsys)
	if len(problems) != 0 || len(docs) != 1 || !hasSentence(docs[0], "Talks resume in Geneva on Monday.") {
		t.Errorf("one-line document: docs %d problems %v", len(docs), problems)
	}
}
