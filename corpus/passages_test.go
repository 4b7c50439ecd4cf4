package corpus

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultPassageInvariants(t *testing.T) {
	for _, d := range loadDefault(t) {
		seen := map[string]bool{}
		prevEnd := 0
		for i, p := range d.Passages {
			if want := fmt.Sprintf("%s/p%02d", d.ID, i+1); p.ID != want {
				t.Errorf("passage %d id %q, want %q", i, p.ID, want)
			}
			if seen[p.ID] {
				t.Errorf("duplicate passage id %q", p.ID)
			}
			seen[p.ID] = true
			if p.DocID != d.ID {
				t.Errorf("%s: DocID %q", p.ID, p.DocID)
			}
			if p.Start < prevEnd || p.Start >= p.End || p.End > len(d.Body) {
				t.Errorf("%s: [%d,%d) not inside Body (len %d) after the previous passage (end %d)", p.ID, p.Start, p.End, len(d.Body), prevEnd)
				continue
			}
			prevEnd = p.End
			if len(p.Sentences) == 0 {
				t.Errorf("%s: no sentences", p.ID)
				continue
			}
			if p.Sentences[0].Start != p.Start || p.Sentences[len(p.Sentences)-1].End != p.End {
				t.Errorf("%s: passage bounds [%d,%d) differ from its sentences", p.ID, p.Start, p.End)
			}
			var texts []string
			for j, s := range p.Sentences {
				if d.Body[s.Start:s.End] != s.Text {
					t.Errorf("%s: sentence %q is not Body[%d:%d]", p.ID, s.Text, s.Start, s.End)
				}
				if j > 0 && s.Start < p.Sentences[j-1].End {
					t.Errorf("%s: sentences overlap at %q", p.ID, s.Text)
				}
				texts = append(texts, s.Text)
			}
			if p.Text != strings.Join(texts, " ") {
				t.Errorf("%s: Text is not its sentences joined by spaces:\n%q", p.ID, p.Text)
			}
		}
	}
}

func TestDefaultPassageSizes(t *testing.T) {
	var sizes []int
	short := 0
	for _, d := range loadDefault(t) {
		for _, p := range d.Passages {
			if p.Provision != nil {
				continue
			}
			n := countWords(p.Text)
			sizes = append(sizes, n)
			if n > passageMaxWords {
				t.Errorf("%s has %d words, more than %d", p.ID, n, passageMaxWords)
			}
			if n < passageMinWords {
				short++
				t.Logf("short passage %s (%d words, heading %q): %.60s…", p.ID, n, p.Heading, p.Text)
			}
		}
	}
	sort.Ints(sizes)
	if len(sizes) == 0 {
		t.Fatal("no passages")
	}
	t.Logf("%d non-provision passages: min %d, median %d, max %d words; %d under %d",
		len(sizes), sizes[0], sizes[len(sizes)/2], sizes[len(sizes)-1], short, passageMinWords)
	// "Mostly 40–150": the short ones are sections that have only a sentence or two.
	if short*5 > len(sizes) {
		t.Errorf("%d of %d passages are under %d words", short, len(sizes), passageMinWords)
	}
}

func passageWith(t *testing.T, d Document, sentence string) Passage {
	t.Helper()
	for _, p := range d.Passages {
		for _, s := range p.Sentences {
			if strings.HasPrefix(s.Text, sentence) {
				return p
			}
		}
	}
	t.Fatalf("%s: no sentence starting %q", d.ID, sentence)
	return Passage{}
}

func TestDefaultHeadings(t *testing.T) {
	docs := loadDefault(t)
	tests := []struct{ id, sentence, heading string }{
		{"kyiv-confirms-draft", "Ukraine has officially confirmed", ""},
		{"kyiv-confirms-draft", "The statement further affirmed", "Zelenskyy to discuss key points with Trump"},
		{"kyiv-confirms-draft", "The emergence of the U.S. proposal", "European Union reacts"},
		{"kyiv-confirms-draft", "Estonian Prime Minister Kaja Kallas warned", "European Union reacts"},
		{"kyiv-confirms-draft", "Kallas also stressed", "European Union reacts"},
		{"wikipedia-us-peace-plan", "In November 2025, an outline", ""},
		{"wikipedia-us-peace-plan", "Some sources have linked", "Background"},
		{"wikipedia-us-peace-plan", "November 22, 2025", "Timeline"},
		{"wikipedia-us-peace-plan", "Ukraine would hold elections", "Plan"},
		{"wikipedia-us-peace-plan", "Ukraine: The Ukrainian government", "Reactions"},
		{"zelenskyy-gets-us-plan", "Dmitriev, notably", "Architects of Peace: A Sanctioned Voice at the Table"},
		{"vera2-kyiv-engagement", "From Moscow’s perspective", "Russia’s View: Opportunity, but Not Victory"},
	}
	for _, tt := range tests {
		p := passageWith(t, docByID(t, docs, tt.id), tt.sentence)
		if p.Heading != tt.heading {
			t.Errorf("%s %q: heading %q, want %q", tt.id, tt.sentence, p.Heading, tt.heading)
		}
	}
	// A heading is never also a sentence, and the title repeated at the top is no heading.
	for _, d := range docs {
		for _, p := range d.Passages {
			if strings.EqualFold(p.Heading, d.Title) {
				t.Errorf("%s: the title is used as a heading", p.ID)
			}
		}
		for _, h := range []string{"European Union reacts", "Background", "Timeline", "Conclusion", "Bottom Line"} {
			if hasSentence(d, h) {
				t.Errorf("%s: heading %q became a sentence", d.ID, h)
			}
		}
	}
}

func TestDefaultShortParagraphsMerge(t *testing.T) {
	d := docByID(t, loadDefault(t), "wikipedia-us-peace-plan")
	lead := passageWith(t, d, "In November 2025, an outline")
	counter := passageWith(t, d, "Ukraine's European allies submitted a counter-proposal.")
	if lead.ID != counter.ID {
		t.Errorf("the one-sentence paragraph is passage %s, not with the lead %s", counter.ID, lead.ID)
	}
}

func TestDefaultProvisions(t *testing.T) {
	docs := loadDefault(t)
	d := docByID(t, docs, "wikipedia-us-peace-plan")
	var provs []Passage
	for _, p := range d.Passages {
		if p.Provision != nil {
			provs = append(provs, p)
		}
	}
	if len(provs) != 14 {
		t.Fatalf("%d provisions, want 14", len(provs))
	}
	for i, p := range provs {
		if p.Provision.Number != i+1 {
			t.Errorf("%s: provision number %d, want %d", p.ID, p.Provision.Number, i+1)
		}
		if strings.Contains(d.Body[p.Start:p.End], "\n") {
			t.Errorf("provision %d spans more than its list item: %q", i+1, d.Body[p.Start:p.End])
		}
		if p.Heading != "Plan" {
			t.Errorf("provision %d heading %q, want Plan", i+1, p.Heading)
		}
	}
	// The provisions are consecutive passages, right after the list's introduction.
	if intro := provs[0]; !strings.Contains(d.Passages[indexOf(d, intro.ID)-1].Text, "The main points of the original plan were as follows:") {
		t.Errorf("the passage before provision 1 is not the list's introduction")
	}
	for i := 1; i < len(provs); i++ {
		if indexOf(d, provs[i].ID) != indexOf(d, provs[i-1].ID)+1 {
			t.Errorf("provisions %d and %d are not adjacent passages", i, i+1)
		}
	}
	tests := []struct {
		number int
		starts string
		topic  Topic
	}{
		{1, "Ukraine’s sovereignty would be confirmed", TopicSovereignty},
		{2, "The size of the Ukrainian Armed Forces", TopicMilitary},
		{3, "Ukraine would agree to enshrine in its constitution that it would not join NATO", TopicSecurity},
		{9, "Russia would be reintegrated into the global economy", TopicSanctions},
		{10, "Regarding territories, Crimea, Luhansk and Donetsk", TopicTerritory},
		{11, "A powerful global package of measures to rebuild Ukraine", TopicReconstruction},
		{12, "The Zaporizhzhya Nuclear Power Plant", TopicNuclear},
		{13, "A humanitarian committee will be established", TopicHumanitarian},
		{14, "Ukraine would hold elections in 100 days.", TopicElections},
	}
	for _, tt := range tests {
		p := provs[tt.number-1]
		if !strings.HasPrefix(p.Text, tt.starts) {
			t.Errorf("provision %d = %.50q…, want it to start %q", tt.number, p.Text, tt.starts)
		}
		if p.Provision.Topic != tt.topic {
			t.Errorf("provision %d topic %q, want %q", tt.number, p.Provision.Topic, tt.topic)
		}
	}
	for _, p := range provs {
		if p.Provision.Topic == TopicOther {
			t.Errorf("%s: provision %d has no topic", p.ID, p.Provision.Number)
		}
	}
	// Only the plan's list is provisions: articles' bullet-like lines are not.
	for _, other := range docs {
		if other.ID == d.ID {
			continue
		}
		for _, p := range other.Passages {
			if p.Provision != nil {
				t.Errorf("%s is a provision in an article", p.ID)
			}
		}
	}
}

func indexOf(d Document, id string) int {
	for i, p := range d.Passages {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func TestClassifyProvision(t *testing.T) {
	tests := []struct {
		text string
		want Topic
	}{
		{"Ukraine’s sovereignty would be confirmed;", TopicSovereignty},
		{"The size of the Ukrainian Armed Forces would be limited to 600,000 personnel;", TopicMilitary},
		{"The Zaporizhzhya Nuclear Power Plant would be launched under the supervision of the IAEA", TopicNuclear},
		{"Ukraine would hold elections in 100 days.", TopicElections},
		{"Crimea, Luhansk and Donetsk would be recognised as de facto Russian", TopicTerritory},
		{"All remaining prisoners and bodies will be exchanged on an ‘all for all’ basis.", TopicHumanitarian},
		{"NATO would agree not to station troops in Ukraine.", TopicSecurity},
		{"Sanctions would be lifted in stages.", TopicSanctions},
		{"A Peace Council chaired by the president would oversee implementation.", TopicOther},
	}
	for _, tt := range tests {
		if got := classifyProvision(tt.text); got != tt.want {
			t.Errorf("classifyProvision(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPlanKindEveryParagraphIsAProvision(t *testing.T) {
	doc := "---\nid: draft-plan\ntitle: Draft plan\nkind: plan\n---\nDraft plan\n" +
		"Ukraine's sovereignty will be confirmed.\n" +
		"The Ukrainian armed forces will be limited to 600,000 personnel.\n" +
		"Territory\n" +
		"Crimea, Luhansk and Donetsk will be recognised as de facto Russian.\n" +
		"\n" +
		"Ukraine will hold elections in 100 days. The vote will be observed.\n"
	docs, problems := LoadFS(fstest.MapFS{"plan.md": {Data: []byte(doc)}})
	if len(problems) != 0 || len(docs) != 1 {
		t.Fatalf("docs %d problems %v", len(docs), problems)
	}
	want := []struct {
		topic   Topic
		heading string
	}{{TopicSovereignty, ""}, {TopicMilitary, ""}, {TopicTerritory, "Territory"}, {TopicElections, "Territory"}}
	ps := docs[0].Passages
	if len(ps) != len(want) {
		t.Fatalf("%d passages, want %d (one per paragraph; headings are not provisions)", len(ps), len(want))
	}
	for i, p := range ps {
		if p.Provision == nil {
			t.Errorf("%s is not a provision", p.ID)
			continue
		}
		if p.Provision.Number != i+1 || p.Provision.Topic != want[i].topic || p.Heading != want[i].heading {
			t.Errorf("%s: provision %d %q under %q, want %d %q under %q", p.ID, p.Provision.Number, p.Provision.Topic, p.Heading, i+1, want[i].topic, want[i].heading)
		}
	}
}

func TestProvisionListInNewDocument(t *testing.T) {
	// A reference text with its own list of key points: the items become provisions, and the
	// paragraph after the list is ordinary text again.
	doc := "---\nid: new-ref\ntitle: Counter-proposal\nkind: reference\n---\n" +
		"The European counter-proposal was published on 23 November. Its key points are the following:\n" +
		"- Ukraine's armed forces would be capped at 800,000 in peacetime;\n" +
		"- Territorial issues would be negotiated from the line of contact;\n" +
		"- Frozen Russian assets would fund reconstruction.\n" +
		"Kyiv welcomed the text and said it would study it with its partners in the coming days.\n"
	d, err := Parse("ref.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Passages {
		if p.Provision != nil {
			got = append(got, fmt.Sprintf("%d:%s", p.Provision.Number, p.Provision.Topic))
		}
	}
	if want := "1:military,2:territory,3:reconstruction"; strings.Join(got, ",") != want {
		t.Errorf("provisions %v, want %s", got, want)
	}
	last := d.Passages[len(d.Passages)-1]
	if last.Provision != nil || !strings.HasPrefix(last.Text, "Kyiv welcomed") {
		t.Errorf("last passage %+v, want the ordinary paragraph after the list", last)
	}
}

func TestLongParagraphIsCut(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "Sentence number %d of a very long paragraph has ten words. ", i)
	}
	body := strings.TrimSpace(b.String())
	d, err := Parse("long.md", []byte("---\nid: long\ntitle: Long\n---\n"+body+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Passages) < 3 {
		t.Errorf("a 400-word paragraph became %d passages", len(d.Passages))
	}
	total := 0
	for _, p := range d.Passages {
		n := countWords(p.Text)
		total += n
		if n > passageMaxWords {
			t.Errorf("%s has %d words", p.ID, n)
		}
	}
	if total != countWords(body) {
		t.Errorf("passages hold %d words, the paragraph %d", total, countWords(body))
	}
}
