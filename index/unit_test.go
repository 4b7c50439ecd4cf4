package index

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// Issue 7, item 4: a sentence that opens with a pronoun or a bare reference comes with the
// sentence before it, whole sentences, at most maxExcerptLen bytes, verbatim; a quotation that
// goes on in the next sentence stays whole.
func TestExcerptTakesTheSentenceThatNamesTheSubject(t *testing.T) {
	long := "Officials from more than a dozen European governments, several of whom had travelled overnight from capitals as far apart as Lisbon, Helsinki and Warsaw, gathered in a conference hall in Brussels for a meeting that had been arranged at short notice on Sunday."
	l, bodies := smallLive(t,
		testDoc{id: "kallas", published: "2025-11-20", body: "Kaja Kallas met the negotiators in Brussels on Monday. She said the plan rewards the aggressor and must be rewritten.\n\n" +
			"Turnout at the rally outside the building was lower than organisers had hoped.\n"},
		testDoc{id: "outlet", published: "2025-11-21", body: "The Financial Times obtained a copy of the draft on Wednesday. The outlet reported that the draft runs to twenty-eight points.\n\n" +
			"Markets barely moved on the news, traders in London said.\n"},
		testDoc{id: "long", published: "2025-11-22", body: long + " He said the reparations loan would be approved before Christmas.\n\n" +
			"The meeting ended without a joint communique.\n"},
		testDoc{id: "quote", published: "2025-11-23", body: "\"Our teams will work on the points of the plan,\" Zelenskyy wrote on Telegram. \"We are ready for constructive, honest and prompt work.\"\n\n" +
			"Russia's foreign ministry did not comment on the message.\n"},
		testDoc{id: "clause", published: "2025-11-24", body: "Olaf Brandt chaired the session in Oslo on Tuesday. While praising the mediators, he warned that the ceasefire terms would leave the invader stronger.\n\n" +
			"Delegates flew home on Wednesday morning.\n"},
		testDoc{id: "connective", published: "2025-11-25", body: "One scenario is a shallow deal that the government of Ruritania signs under heavy pressure but that its voters never truly accept. In that case, unrest in the provinces would be almost inevitable.\n\n" +
			"Observers expect the vote to be close.\n"},
	)
	for _, tc := range []struct {
		q           string
		start, with string // the excerpt starts with start and contains with
	}{
		{"does the plan reward the aggressor?", "Kaja Kallas met", "She said the plan rewards the aggressor"},
		{"how many points does the draft have, what was reported?", "The Financial Times obtained", "The outlet reported"},
		{"what did zelenskyy write on telegram about the teams", "\"Our teams", "We are ready for constructive"},
		// the pronoun follows an opening clause: "While praising the mediators, he warned"
		{"what did brandt warn about the ceasefire terms", "Olaf Brandt chaired", "he warned that the ceasefire terms"},
		// a connective that presupposes the sentence before: "In that case, …"
		{"would there be unrest if ruritania signs a deal under pressure that voters never accept", "One scenario", "unrest in the provinces"},
	} {
		a, ok := expectFirst(t, l, bodies, tc.q, tc.with)
		if !ok {
			continue
		}
		ex := a.Excerpts[0].Text
		if !strings.HasPrefix(ex, tc.start) {
			t.Errorf("%q: excerpt %q, want it to start with %q", tc.q, ex, tc.start)
		}
		if len(ex) > maxExcerptLen {
			t.Errorf("%q: excerpt is %d bytes, want at most %d", tc.q, len(ex), maxExcerptLen)
		}
	}
	// the sentence before would make the excerpt too long: the sentence stands alone
	a, ok := expectFirst(t, l, bodies, "when will the reparations loan be approved?", "He said the reparations loan")
	if ok {
		if ex := a.Excerpts[0].Text; strings.Contains(ex, "Officials from") || len(ex) > maxExcerptLen {
			t.Errorf("excerpt %q (%d bytes): want the pronoun sentence alone, under %d", ex, len(ex), maxExcerptLen)
		}
	}
	// a sentence that names its subject needs nothing before it
	a, ok = expectFirst(t, l, bodies, "was turnout at the rally low?", "Turnout at the rally")
	if ok && !strings.HasPrefix(a.Excerpts[0].Text, "Turnout at the rally") {
		t.Errorf("excerpt %q: want it to start at its own sentence", a.Excerpts[0].Text)
	}
}

// On the embedded corpus too, every excerpt that opens with a pronoun carries the sentence before
// it when that fits, and no excerpt passes windowExcerptLen unless its one sentence does.
func TestExcerptUnitOnEmbeddedCorpus(t *testing.T) {
	l, docs, bodies := defaultBodies(t)
	a := askChecked(t, l, bodies, "do ukrainians face death and destruction every day?", 3)
	if got := firstExcerpt(a); !strings.HasPrefix(got, "Estonian Prime Minister Kaja Kallas warned") || !strings.Contains(got, "She noted that Ukrainians face death") {
		t.Errorf("first excerpt %q, want Kallas's warning and then \"She noted…\"", got)
	}
	sentences := map[string]bool{} // passage id + sentence text
	for _, d := range docs {
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				sentences[p.ID+"\x00"+s.Text] = true
			}
		}
	}
	for _, q := range []string{"What did Zelenskyy say?", "what did the outlet report?", "what did he say about the plan?", "what did she say about reparations?"} {
		for _, ex := range askChecked(t, l, bodies, q, MaxExcerpts).Excerpts {
			if len(ex.Text) > windowExcerptLen && !sentences[ex.PassageID+"\x00"+ex.Text] {
				t.Errorf("%q: excerpt of %d bytes joins sentences past %d: %q", q, len(ex.Text), windowExcerptLen, ex.Text)
			}
		}
	}
}

// A sentence that refers back is ranked as the unit it is shown in: what the sentence before it
// names counts for it ("Later, he posted" answers a question about Umerov). And a word the passage
// names once (the setting) counts partly for each of its sentences, so the one that answers wins
// over one that only repeats the setting.
func TestUnitAndPassageWordsCountInRanking(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "florida", published: "2025-12-01", body: "Rustem Umerov described the meeting with US officials in Florida as productive. " +
			"Umerov said the agenda focused on the future of the country and its people. " +
			"Later, he posted a message on his Telegram channel saying that a lot of work remains to be done.\n\n" +
			"Rubio left Florida on Monday evening without taking questions from reporters.\n"},
		testDoc{id: "berlin", published: "2025-12-15", body: "Envoys from Washington and Kyiv met in Berlin on Sunday and Monday for a second round of talks. " +
			"Officials said that 90 percent of the deal had been agreed upon by the end of the second day.\n\n" +
			"A separate meeting in Berlin on energy prices was postponed until January.\n"},
	)
	expectFirst(t, l, bodies, "what did umerov write on telegram after the florida talks", "a message on his Telegram channel")
	expectFirst(t, l, bodies, "how much of the deal was agreed in berlin", "90 percent of the deal")
}

// A sentence that refers back to a pick and ranks within neighbourWithin of it joins the pick's
// excerpt, and is not picked again on its own. One further behind joins it too when it would be
// shown at all (as an excerpt of its own it would repeat the pick as its first sentence), and
// not when the excerpts run out before it.
func TestExcerptTakesTheNextSentenceThatRefersBack(t *testing.T) {
	proposal := "The proposal would require Ruritania to cede the northern valley, including the towns its army still holds after the autumn fighting."
	also := "It would also oblige the government to slash its armed forces by half."
	other := "Ruritania's army has about 90,000 soldiers, officials said."
	docs := []testDoc{{id: "terms", published: "2025-11-20", body: proposal + " " + also + "\n"}, {id: "other", published: "2025-11-21", body: other + "\n"}}
	for _, tc := range []struct {
		behind float64
		want   int
		joined bool
	}{{neighbourWithin / 2, 3, true}, {neighbourWithin * 2, 3, true}, {neighbourWithin * 2, 1, false}, {neighbourWithin / 2, 1, true}} {
		got, feats := diversified(t, docs, "how much would ruritania cut its military", tc.want,
			[]rankedSentence{{"terms", proposal, 2}, {"other", other, 2 - neighbourWithin/4}, {"terms", also, 2 - tc.behind}})
		if feats[2].tags&tagWithPrevious == 0 {
			t.Fatal("\"It would also\" does not refer back")
		}
		if joined := strings.Contains(got[0], also); joined != tc.joined {
			t.Errorf("%.2f behind, %d wanted: first excerpt %q, joined %v, want %v", tc.behind, tc.want, got[0], joined, tc.joined)
		}
		if tc.joined && len(got) != min(tc.want, 2) {
			t.Errorf("%.2f behind, %d wanted: %d picks, want the joined sentence not picked again", tc.behind, tc.want, len(got))
		}
	}
}

// A sentence beside a pick that ranks within neighbourWithin of it joins the pick's excerpt,
// before it or after it, though it does not refer back: a news answer is often two sentences,
// one that sets the scene and one that holds the answer. One further behind does not, and one
// that joins is not picked again on its own.
func TestExcerptShowsTheSentencesBesideItThatRankClose(t *testing.T) {
	scene := "Costa spoke to reporters after the informal summit of EU leaders on peace in Ukraine, held in Luanda, Angola, on Monday."
	answer := "There is a new momentum in the peace negotiations, and the European Union is ready to support it at every step."
	other := "EU leaders will meet again in Brussels in December to discuss the budget."
	docs := []testDoc{{id: "summit", published: "2025-11-24", body: scene + " " + answer + "\n"}, {id: "other", published: "2025-11-21", body: other + "\n"}}
	sentences := []string{scene, answer}
	for _, tc := range []struct {
		top, beside int
		behind      float64
		joined      bool
	}{{0, 1, neighbourWithin / 2, true}, {1, 0, neighbourWithin / 2, true}, {0, 1, neighbourWithin * 2, false}, {1, 0, neighbourWithin * 2, false}} {
		got, feats := diversified(t, docs, "what did costa take away from the luanda summit", 3, []rankedSentence{
			{"summit", sentences[tc.top], 2}, {"other", other, 2 - neighbourWithin/4}, {"summit", sentences[tc.beside], 2 - tc.behind}})
		if feats[0].tags&tagReference != 0 || feats[2].tags&tagReference != 0 || len(scene) < shortSentence || len(answer) < shortSentence {
			t.Fatal("the sentences must stand alone: no reference, none short")
		}
		if joined := strings.Contains(got[0], scene) && strings.Contains(got[0], answer); joined != tc.joined {
			t.Errorf("sentence %d first, %d %.2f behind: first excerpt %q, both shown %v, want %v", tc.top, tc.beside, tc.behind, got[0], joined, tc.joined)
		}
		if want := map[bool]int{true: 2, false: 3}[tc.joined]; len(got) != want {
			t.Errorf("sentence %d first, %d %.2f behind: %d picks, want %d", tc.top, tc.beside, tc.behind, len(got), want)
		}
	}
}

// A sentence before a pick that ranks close joins it only as it would be shown on its own: with
// the sentence it refers back to when all fit in windowExcerptLen, else not at all, so that no
// excerpt opens with a "He" it does not name (a reviewer's case).
func TestANeighbourComesWithWhatItRefersTo(t *testing.T) {
	for _, tc := range []struct {
		sentences [3]string
		want      string
	}{
		{[3]string{"Rustem Umerov, who led the Ruritanian delegation at the talks in Switzerland this week, briefed reporters in the lobby of the hotel in Geneva late on Sunday after the talks ended.",
			"He said the remaining disagreements over the northern valley were not insurmountable.",
			"The delegation said in a statement that the updated draft reflected most of its key priorities on the northern valley."},
			"The delegation said"},
		{[3]string{"Umerov briefed reporters in Geneva.", "He said the gaps over the valley were small.", "The delegation said the draft met its priorities on the valley."},
			"Umerov briefed reporters in Geneva. He said"},
	} {
		x := tc.sentences
		if fits := len(x[0]+x[1]+x[2])+2 <= windowExcerptLen; fits != strings.HasPrefix(tc.want, x[0][:10]) {
			t.Fatalf("the three sentences fit in windowExcerptLen: %v; make the case say so", fits)
		}
		got, feats := diversified(t, []testDoc{{id: "g", published: "2025-11-24", body: x[0] + " " + x[1] + " " + x[2] + "\n"}},
			"what did the delegation say about the valley", 3, []rankedSentence{{"g", x[2], 2}, {"g", x[1], 2 - neighbourWithin/2}, {"g", x[0], 1}})
		if feats[1].tags&tagWithPrevious == 0 {
			t.Fatalf("%q does not refer back", x[1])
		}
		if !strings.HasPrefix(got[0], tc.want) {
			t.Errorf("first excerpt %q, want it to open with %q", got[0], tc.want)
		}
	}
}

// A first excerpt too short to stand alone takes the next sentence along: a news sentence that
// only places an event ("The next round took place in Geneva on February 17-18.") leaves what
// happened to the one after it.
func TestShortFirstExcerptTakesTheNextSentence(t *testing.T) {
	event := "The next round of negotiations took place in Geneva on February 17-18, officials said."
	if len(event) >= shortSentence {
		t.Fatalf("the event sentence is %d bytes: make it shorter than %d", len(event), shortSentence)
	}
	l, bodies := smallLive(t, testDoc{id: "rounds", published: "2026-02-20", body: event + " " +
		"The parties focused on how a ceasefire would be monitored by observers.\n"})
	expectFirst(t, l, bodies, "what was the geneva round of negotiations in february about", "ceasefire would be monitored")
}

// rankedSentence is a sentence of a test document, by its text, at a score.
type rankedSentence struct {
	doc, text string
	score     float64
}

// diversified runs diversify for want excerpts over a ranking of the sentences of docs given by
// hand (each found by its text) and returns the excerpts' texts and, in the ranking's order, the
// sentences' features.
func diversified(t *testing.T, docs []testDoc, q string, want int, ranking []rankedSentence) ([]string, []*sentenceFeatures) {
	t.Helper()
	l, _ := smallLive(t, docs...)
	e := acquired(t, l)
	var ranked []scored
	var feats []*sentenceFeatures
	for _, r := range ranking {
		n := len(ranked)
		for _, d := range e.docs {
			for j := range d.Passages {
				p := &d.Passages[j]
				if si := slices.IndexFunc(p.Sentences, func(s corpus.Sentence) bool { return s.Text == r.text }); d.ID == r.doc && si >= 0 {
					ranked = append(ranked, scored{p: p, si: si, score: r.score, f: &e.termsOf(p).sentences[si]})
					feats = append(feats, ranked[n].f)
				}
			}
		}
		if len(ranked) != n+1 {
			t.Fatalf("%d sentences %q in %s, want one", len(ranked)-n, r.text, r.doc)
		}
	}
	slices.SortStableFunc(ranked, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	pq := e.parseQuestion(q)
	m := newMatcher(&pq, e)
	defer m.release()
	var out []string
	for _, s := range e.diversify(m, ranked, want) {
		out = append(out, e.excerpt(m, s).Text)
	}
	return out, feats
}

// Answer windows show no sentence twice, nor another document's copy of one shown, and open with
// no reference they cannot resolve: a second reviewer's cases against f49ad11.
func TestAnswerWindowsRepeatNothing(t *testing.T) {
	umerov := "Rustem Umerov, who led the Ruritanian delegation, briefed reporters in Geneva late on Sunday after talks."
	gaps := "He said the gaps over the northern valley were small."
	said := "The delegation said in a statement that the updated draft reflected its key priorities on the valley."
	other := testDoc{id: "o", published: "2025-11-21", body: "Ruritania's army has about 90,000 soldiers, officials said.\n"}
	q := "what did the delegation say about the valley and the plan"
	for _, tc := range []struct {
		name    string
		docs    []testDoc
		ranking []rankedSentence
		once    string // shown at most once
		notOpen string // no excerpt opens with it
	}{
		{"the window's sentence before brings back the pick before",
			[]testDoc{{id: "g", published: "2025-11-24", body: umerov + " " + gaps + " " + said + "\n"}, other},
			[]rankedSentence{{"g", umerov, 3}, {"g", said, 2.5}, {"g", gaps, 2.2}}, umerov, ""},
		{"the window's sentence before brings back a copy of the pick before",
			[]testDoc{{id: "a", published: "2025-11-24", body: umerov + "\n"}, {id: "b", published: "2025-11-24", body: umerov + " " + gaps + " " + said + "\n"}},
			[]rankedSentence{{"a", umerov, 3}, {"b", said, 2.5}, {"b", gaps, 2.2}, {"b", umerov, 1}}, umerov, ""},
		{"a reference's sentence before is a copy of the pick before",
			[]testDoc{{id: "a", published: "2025-11-24", body: umerov + "\n"}, {id: "b", published: "2025-11-24", body: umerov + " " + gaps + " It could be closed by spring.\n"}},
			[]rankedSentence{{"a", umerov, 3}, {"b", gaps, 2.5}, {"b", umerov, 1}}, umerov, ""},
		{"the window's sentence before refers back to one it cannot show",
			[]testDoc{{id: "g", published: "2025-11-24", body: "Umerov briefed reporters in Geneva late on Sunday after the talks ended there.\n\n" +
				"He said the plan would require Ruritania to cut its armed forces to 600,000 troops. " +
				"It would also oblige the government to hold elections within one hundred days. " + said + "\n"}, other},
			[]rankedSentence{{"g", said, 2}, {"g", "It would also oblige the government to hold elections within one hundred days.", 1.8}}, "", "He said"},
	} {
		got, _ := diversified(t, tc.docs, q, 3, tc.ranking)
		n := 0
		for _, x := range got {
			n += strings.Count(x, tc.once)
			if tc.notOpen != "" && strings.HasPrefix(x, tc.notOpen) {
				t.Errorf("%s: an excerpt opens with %q: %q", tc.name, tc.notOpen, x)
			}
		}
		if tc.once != "" && n > 1 {
			t.Errorf("%s: %q shown %d times in %q", tc.name, tc.once, n, got)
		}
	}
}

// A sentence of the first pick's passage that ranks next is shown next: a passage of a short
// news article holds several answers, and no penalty holds its second one back.
func TestASecondAnswerFromThePicksPassageIsNotHeldBack(t *testing.T) {
	first := "The delegation said in a statement on Monday that the updated draft reflected most of its key priorities."
	between := "Reporters waited outside the hotel in the rain for several hours before the officials came out to speak."
	second := "The army would be capped at 800,000 soldiers in peacetime under the revised draft, the officials added."
	elsewhere := "Analysts in several European capitals said the revised draft was still far from what Kyiv had asked for."
	got, _ := diversified(t, []testDoc{
		{id: "g", published: "2025-12-24", body: first + " " + between + " " + second + "\n"},
		{id: "o", published: "2025-12-23", body: elsewhere + "\n"},
	}, "what does the revised draft say", 3, []rankedSentence{{"g", first, 3}, {"g", second, 2.9}, {"o", elsewhere, 2.8}, {"g", between, 0.5}})
	if len(got) < 2 || got[1] != second {
		t.Errorf("excerpts %q: want the passage's second answer second", got)
	}
}

// Two sentences side by side that rank close are shown as one answer window up to
// windowExcerptLen, past the maxExcerptLen of an answer unit: the scene and the answer together
// (measured: see windowExcerptLen). Past windowExcerptLen they are two excerpts.
func TestAnAnswerWindowRunsPastTheUnitLimit(t *testing.T) {
	scene := "Costa spoke to reporters in the conference hall after the informal summit of European Union leaders on peace in Ukraine, which was held in Luanda, the capital of Angola, on Monday."
	answer := "There is a new momentum in the peace negotiations, and the European Union is ready to support it at every step of the way."
	longer := answer[:len(answer)-1] + ", with money, with diplomats, with monitors and with whatever else the parties ask of it."
	other := "EU leaders will meet again in Brussels in December to discuss the budget."
	for _, tc := range []struct {
		answer string
		joined bool
	}{{answer, true}, {longer, false}} {
		if n := len(scene) + 1 + len(tc.answer); n <= maxExcerptLen || (n <= windowExcerptLen) != tc.joined {
			t.Fatalf("the two sentences are %d bytes: want past %d, and within %d only when they should join", n, maxExcerptLen, windowExcerptLen)
		}
		docs := []testDoc{{id: "summit", published: "2025-11-24", body: scene + " " + tc.answer + "\n"}, {id: "other", published: "2025-11-21", body: other + "\n"}}
		// the window after the pick, and before it
		for _, top := range []string{scene, tc.answer} {
			beside := map[bool]string{true: tc.answer, false: scene}[top == scene]
			got, _ := diversified(t, docs, "what did costa take away from the luanda summit", 3, []rankedSentence{
				{"summit", top, 2}, {"other", other, 2 - neighbourWithin/4}, {"summit", beside, 2 - neighbourWithin/2}})
			if joined := strings.Contains(got[0], beside); joined != tc.joined {
				t.Errorf("%d bytes together, %.20q… first: first excerpt %q, the other shown in it %v, want %v", len(scene)+1+len(tc.answer), top, got[0], joined, tc.joined)
			}
		}
	}
}

// An answer window may run to windowExcerptLen, and only the window: the sentence a pronoun
// refers back to, a short sentence's next one and a pronoun that follows a pick keep to
// maxExcerptLen from the excerpt's first sentence, on a pick with a window too, and no sentence is
// shown twice (a reviewer's four cases: a window that added nothing had lifted the limit for the
// rest).
func TestAWindowLeavesTheOtherRulesAt300(t *testing.T) {
	umerov := "Rustem Umerov, who led the Ruritanian delegation at the talks in Switzerland this week, briefed reporters in the lobby of the hotel in Geneva late on Sunday after the talks ended."
	saidShort := "He said the gaps over the valley were small."
	markets := "Markets in the Ruritanian capital barely moved on the news on Monday morning, traders said."
	costa := "Costa spoke to reporters in the conference hall after the informal summit of European Union leaders on peace in Ukraine, held in Luanda, Angola, on Monday afternoon, as planned."
	costaShort := "Costa called the talks a new start."
	saidLong := "He said the remaining disagreements over the northern valley were not insurmountable and could be settled."
	added := "He added that the valley talks would resume soon."
	for _, tc := range []struct {
		name      string
		sentences []string
		ranking   []rankedSentence // doc "g" for the sentences, "other" for other
		want      string           // the first excerpt
	}{
		{"a pronoun pick whose antecedent ranks close: no window, the short join stays at 300",
			[]string{umerov, saidShort, markets}, []rankedSentence{{"g", saidShort, 2}, {"g", umerov, 2 - neighbourWithin/2}, {"g", markets, 1}},
			umerov + " " + saidShort},
		{"a window before a short pick: the short join stays at 300 from the window's start, so the window yields",
			[]string{costa, costaShort, markets}, []rankedSentence{{"g", costaShort, 2}, {"g", costa, 2 - neighbourWithin/2}, {"g", markets, 1}},
			costaShort + " " + markets},
		{"a pick that its antecedent's pronoun follows: no sentence twice",
			[]string{umerov, saidShort, markets}, []rankedSentence{{"g", markets, 2}, {"g", saidShort, 1.5}, {"g", umerov, 1.4}},
			markets},
		{"a pronoun that follows a pronoun pick stays at 300",
			[]string{costa, saidLong, added}, []rankedSentence{{"g", saidLong, 2}, {"g", costa, 1.8}, {"g", added, 0.5}},
			costa + " " + saidLong},
	} {
		all := strings.Join(tc.sentences, " ")
		if len(all) <= maxExcerptLen || len(all) > windowExcerptLen {
			t.Fatalf("%s: the three sentences are %d bytes: want past %d and within %d, where only the limits keep the third out", tc.name, len(all), maxExcerptLen, windowExcerptLen)
		}
		docs := []testDoc{{id: "g", published: "2025-11-24", body: all + "\n"}, {id: "other", published: "2025-11-21", body: "EU leaders will meet again in Brussels in December to discuss the budget.\n"}}
		got, _ := diversified(t, docs, "what did they say about the valley and the summit talks", 3, tc.ranking)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: excerpts %q, want the first %q", tc.name, got, tc.want)
		}
		for _, s := range tc.sentences {
			if n := countContaining(got, s); n > 1 {
				t.Errorf("%s: %q shown %d times in %q", tc.name, s, n, got)
			}
		}
	}
}

func countContaining(texts []string, s string) (n int) {
	for _, x := range texts {
		if strings.Contains(x, s) {
			n++
		}
	}
	return n
}

// costaAnswer and euBudget are an answer about the peace negotiations and an unrelated sentence
// for the near-copy tests below.
const (
	costaAnswer = "There is a new momentum in the peace negotiations, and the European Union is ready to support it at every step, Costa said."
	euBudget    = "EU leaders will meet again in Brussels in December to discuss the budget of the union."
)

// costaDocs: Costa's answer in Luanda after scene, one more document, and the unrelated one.
func costaDocs(scene string, more testDoc) []testDoc {
	return []testDoc{{id: "luanda", published: "2025-11-24", body: scene + " " + costaAnswer + "\n"},
		more, {id: "other", published: "2025-11-21", body: euBudget + "\n"}}
}

// A near copy of a sentence that a pick's window brought along waits like a copy of the pick
// itself (a second reviewer's case: a syndicated rewrite of the answer, shown again after the
// window had shown it), and a window before never opens with a question, the one its neighbour
// refers back to included.
func TestAWindowIsCopiedAndQuestionedLikeAPick(t *testing.T) {
	scene := "Costa spoke to reporters in the conference hall after the informal summit of European Union leaders in Luanda, as had been planned for weeks."
	rewrite := "There is a new momentum in the peace negotiations, and the European Union is ready to support it at every step of the way, Costa told reporters."
	got, _ := diversified(t, costaDocs(scene, testDoc{id: "angola", published: "2025-11-25", body: rewrite + "\n"}),
		"what did costa say about the peace negotiations after the luanda summit", 3, []rankedSentence{
			{"luanda", scene, 2}, {"luanda", costaAnswer, 1.8}, {"angola", rewrite, 1.75}, {"other", euBudget, 1}})
	if len(got) < 2 || !strings.Contains(got[0], costaAnswer) || got[1] != euBudget {
		t.Errorf("excerpts %q: want the window first, then %q before the rewrite of its answer", got, euBudget)
	}

	asked := "Kyiv has asked the obvious question: what would Ruritania get in return for the northern valley?"
	reply := "It would receive security guarantees from its partners for twenty years."
	pick := "The guarantees over the valley would last as long as the ceasefire holds, officials said."
	got, feats := diversified(t, []testDoc{{id: "g", published: "2025-11-24", body: asked + " " + reply + " " + pick + "\n"}},
		"how long would the guarantees for the valley last", 1, []rankedSentence{{"g", pick, 2}, {"g", reply, 1.8}, {"g", asked, 1}})
	if feats[1].tags&tagWithPrevious == 0 || feats[2].tags&tagQuestion == 0 {
		t.Fatal("the reply must refer back to the question")
	}
	if len(got) == 0 || strings.Contains(got[0], asked) {
		t.Errorf("first excerpt %q: want no window that opens with the question", got)
	}
}

// A sentence whose reference follows a conjunction ("But it capped…", "And that is why…", "But
// his office said…": a fourth reviewer's cases) refers back like one that opens with it, and comes
// with the sentence before it; one whose subject is named ("But Ruritania…"), or whose "this"
// points at the day of writing ("This week, Kyiv…") or whose "those" opens a relative clause
// ("And those who": a third reviewer's cases), stands alone unless a pronoun follows (a second
// reviewer counted 21 excerpts that opened with "But it", "And they" on the tuning sets).
func TestAConjunctionBeforeAPronounRefersBack(t *testing.T) {
	l, _ := smallLive(t, testDoc{id: "g", published: "2025-11-24", body: "Ruritania's parliament met.\n"})
	e := acquired(t, l)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"But it capped the fund's first year at four billion euros.", true},
		{"And they said the vote would be held in spring.", true},
		{"Yet he warned that the terms would change.", true},
		{"So they left the talks early.", true},
		{"But this week, Kyiv agreed to cap its army at 600,000 troops.", false},
		{"This week, Kyiv agreed to cap its army at 600,000 troops.", false},
		{"These days, Kyiv rarely comments on the draft.", false},
		{"This week's talks, he said, were the hardest yet.", true},
		{"This week he said the draft was fine.", true},
		{"This Sunday, Kyiv agreed to the talks.", false},
		{"Those whose homes were destroyed would be compensated.", false},
		{"That week, the talks collapsed.", true},
		{"And those who stayed said the talks had failed.", false},
		{"And that is why the talks in Geneva collapsed.", true},
		{"But his office said the 28-point draft was unacceptable.", true},
		{"And in that case, the Kremlin said, the fighting would stop.", true},
		{"But the report said the vote had been delayed.", true},
		{"But Ruritania's parliament capped the fund at four billion euros.", false},
		{"And the opposition walked out before the vote.", false},
		{"Butter prices rose in the capital.", false},
	} {
		if got := e.features(tc.text).tags&tagReference != 0; got != tc.want {
			t.Errorf("%q refers back: %v, want %v", tc.text, got, tc.want)
		}
	}
}

// No excerpt spans more than MaxExcerptSentences sentences, whatever it brings along (the web
// page marks a cited run of at most that many), on the embedded corpus or on a passage of short
// sentences, where an answer window reaches it.
func TestAnExcerptSpansAtMostMaxExcerptSentences(t *testing.T) {
	short, _ := smallLive(t, testDoc{id: "g", published: "2025-11-24", body: "Umerov briefed reporters in Geneva. " +
		"He said the gaps were small. The delegation said the draft met its priorities. Talks resume on Monday. Markets barely moved.\n"})
	embedded, _, _ := defaultBodies(t)
	most := 0
	for _, l := range []*Live{short, embedded} {
		most = max(most, longestExcerpt(t, acquired(t, l)))
	}
	if most != MaxExcerptSentences {
		t.Errorf("the longest excerpt spans %d sentences: MaxExcerptSentences is %d", most, MaxExcerptSentences)
	}
}

// longestExcerpt is the most sentences an excerpt of e spans, each sentence taken with and without
// all it may bring along; it reports any past MaxExcerptSentences.
func longestExcerpt(t *testing.T, e *engine) int {
	t.Helper()
	most := 0
	for _, d := range e.docs {
		for j := range d.Passages {
			p := &d.Passages[j]
			feats := e.termsOf(p).sentences
			for si := range p.Sentences {
				for _, s := range []scored{{p: p, si: si, f: &feats[si]}, {p: p, si: si, f: &feats[si], withPrev: true, withNext: true, nextClose: true}} {
					first, last := e.excerptRange(s)
					if n := last - first + 1; n > MaxExcerptSentences {
						t.Errorf("%s sentence %d: an excerpt of %d sentences", p.ID, si, n)
					} else {
						most = max(most, n)
					}
				}
			}
		}
	}
	return most
}

// A near copy is counted once against each pick, and against the sentences a pick brings along
// only when it holds most of both sentences' words (a third reviewer's cases): a short scene
// setter's few words are in a longer sentence that says more, and a sentence that joins a pick
// later does not count the pick's copies again, only its own.
func TestNearCopiesOfAPickAreCountedOnce(t *testing.T) {
	scene := "Costa spoke to reporters in Luanda."
	budget := "Costa spoke to reporters in Luanda about the budget and warned that member states must cut farm subsidies by a fifth next year."
	got, _ := diversified(t, costaDocs(scene, testDoc{id: "budget", published: "2025-11-25", body: budget + "\n"}),
		"what did costa say about the peace negotiations in luanda", 2, []rankedSentence{
			{"luanda", costaAnswer, 2}, {"luanda", scene, 1.8}, {"budget", budget, 1.5}, {"other", euBudget, 1.2}})
	if len(got) != 2 || !strings.Contains(got[0], scene) || got[1] != budget {
		t.Errorf("excerpts %q: want the window, then the longer sentence that shares the scene's words", got)
	}

	pick := "Ruritania's parliament approved the reconstruction fund of four billion euros on Thursday after a long debate."
	joins := "He said the fund would open in spring."
	copied := "Ruritania's parliament approved a reconstruction fund of four billion euros on Thursday after a debate."
	got, _ = diversified(t, []testDoc{{id: "g", published: "2025-11-24", body: pick + " " + joins + "\n"},
		{id: "h", published: "2025-11-25", body: copied + "\n"}},
		"how big is the reconstruction fund", 3, []rankedSentence{{"g", pick, 2}, {"g", joins, 1.5}, {"h", copied, 0.9}})
	if len(pick) < shortSentence {
		t.Fatal("the pick must not take the next sentence along for being short")
	}
	if len(got) != 2 || got[1] != copied {
		t.Errorf("excerpts %q: want the pick with the sentence that joins it, then the copy, counted once", got)
	}

	// a fourth reviewer's cases: a copy of the sentence that joins a pick is counted against
	// that pick, and a longer rewrite of a sentence a pick brings along is still a copy
	long := "He said the fund would open in spring and would finance the rebuilding of bridges and schools."
	copiedJoin := "The prime minister said the fund would open in spring and would finance the rebuilding of bridges and schools."
	audit := "The opposition wants the reconstruction fund audited by the central bank before any money is paid out."
	got, _ = diversified(t, []testDoc{{id: "g", published: "2025-11-24", body: pick + " " + long + "\n"},
		{id: "h", published: "2025-11-25", body: copiedJoin + "\n"}, {id: "o", published: "2025-11-23", body: audit + "\n"}},
		"what will the reconstruction fund pay for", 2, []rankedSentence{{"g", pick, 2}, {"g", long, 1.5}, {"h", copiedJoin, 1.4}, {"o", audit, 0.9}})
	if len(got) != 2 || got[1] != audit {
		t.Errorf("excerpts %q: want the pick with the sentence that joins it, then %q before the copy of what joined", got, audit)
	}
	before := "Ruritania's parliament approved a reconstruction fund of four billion euros on Thursday."
	rewrite := "Ruritania's parliament on Thursday approved a reconstruction fund of four billion euros, the state news agency reported, after a long and bitter debate in the chamber."
	got, _ = diversified(t, []testDoc{{id: "g", published: "2025-11-24", body: before + " " + joins + "\n"},
		{id: "h", published: "2025-11-25", body: rewrite + "\n"}, {id: "o", published: "2025-11-23", body: audit + "\n"}},
		"when will the reconstruction fund open", 2, []rankedSentence{{"g", joins, 2}, {"h", rewrite, 1.4}, {"o", audit, 0.9}})
	if len(got) != 2 || !strings.Contains(got[0], before) || got[1] != audit {
		t.Errorf("excerpts %q: want the pick with the sentence it refers back to, then %q before the rewrite of that sentence", got, audit)
	}
}
