package index

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// Transliterations of one Ukrainian or Russian name share a skeleton; different names do not.
func TestSkeletonFoldsTransliterations(t *testing.T) {
	for _, same := range [][]string{
		{"Zelenskyy", "Zelensky", "Zelenskiy", "Zelenski", "ZELENSKYY"},
		{"Kyiv", "Kiev", "Kyyiv"},
		{"Luhansk", "Lugansk"},
		{"Kharkiv", "Kharkov"},
		{"Zaporizhzhia", "Zaporizhzhya", "Zaporizhia", "Zaporozhye"},
		{"Donbas", "Donbass"},
		{"Dmitriev", "Dmitriyev"},
	} {
		k := skeleton(same[0])
		for _, w := range same[1:] {
			if got := skeleton(w); got != k {
				t.Errorf("skeleton(%q) = %q, want %q like %s", w, got, k, same[0])
			}
		}
	}
	for _, apart := range [][2]string{{"crimes", "Crimea"}, {"Kyiv", "Kherson"}, {"Luhansk", "Donetsk"}, {"Kharkiv", "Kherson"}} {
		if skeleton(apart[0]) == skeleton(apart[1]) {
			t.Errorf("skeleton(%q) = skeleton(%q) = %q: different names meet", apart[0], apart[1], skeleton(apart[0]))
		}
	}
}

// A corpus that spells a name one way answers a question that spells it another way, both ways
// round, and marks the name as the match.
func TestTransliteratedNamesMeetEndToEnd(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "one-way", published: "2025-11-20", body: "Zelenskyy told reporters in Kyiv that the Luhansk region would never be traded away.\n\n" +
			"Shelling near Kharkiv damaged a power station overnight, the regional governor said.\n\n" +
			"Talks between the delegations are expected to resume next week in a neutral country.\n"},
		testDoc{id: "other", published: "2025-11-21", body: "The president's chief of staff flew to Geneva with a revised draft of the framework.\n\n" +
			"The negotiators spent most of the day on the wording of the security guarantees.\n"},
	)
	for _, tc := range []struct{ q, want, mark string }{
		{"what did Zelenski say about Lugansk?", "Luhansk region would never", "Luhansk"},
		{"what did zelenskiy tell reporters in kiev", "Luhansk region would never", "Kyiv"},
		{"what happened near Kharkov?", "Shelling near Kharkiv", "Kharkiv"},
	} {
		expectMarked(t, l, bodies, tc.q, tc.want, tc.mark)
	}
}

// bug: a name's transliterations are looked up only when the question's spelling is absent from the
// corpus. When both spellings occur (the embedded corpus has Zelensky and Zelenskyy), a question
// that writes one never matches the documents that write the other.
func TestTransliterationWhenBothSpellingsAreIndexed(t *testing.T) {

	l, bodies := smallLive(t,
		testDoc{id: "double-y", published: "2025-11-20", body: "Zelenskyy told reporters in Kyiv that the Luhansk region would never be traded away.\n"},
		testDoc{id: "single-y", published: "2025-11-21", body: "Zelensky's chief of staff flew to Geneva with a revised draft of the framework.\n"},
	)
	for _, tc := range []struct{ q, want, mark string }{
		{"what did Zelensky say about Luhansk?", "Luhansk region would never", "Zelenskyy"},
		{"who did Zelenskyy send to geneva?", "chief of staff flew to Geneva", "Zelensky"},
		// a possessive typed without its apostrophe meets both spellings too
		{"what did zelenskys people say about luhansk", "Luhansk region would never", "Zelenskyy"},
	} {
		// the other spelling is marked as the asker's word: it counted as the name itself
		expectMarked(t, l, bodies, tc.q, tc.want, tc.mark)
	}
}

// A dictionary word is never "corrected" into a name the corpus holds: "crimes" is not Crimea.
func TestDictionaryWordIsNotCorrectedIntoAName(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "crimea", published: "2025-11-20", body: "Crimea would be recognised as de facto Russian by the United States under the draft.\n\n" +
			"The annexation of Crimea in 2014 was never accepted by the European Union.\n"},
		testDoc{id: "amnesty", published: "2025-11-21", body: "The framework offers a full amnesty to all parties for actions taken during the war.\n"},
	)
	for _, q := range []string{"what about war crimes?", "amnesty for crimes", "are crimes forgiven", "crimes against humanity"} {
		for _, g := range parsed(t, l, q).groups {
			if slices.Contains(g.alts, "crimea") {
				t.Errorf("%q: the word %q counts as crimea (alts %q)", q, g.word, g.alts)
			}
		}
	}
	for _, q := range []string{"what about war crimes?", "is there amnesty for war crimes?"} {
		a := askChecked(t, l, bodies, q, 3)
		for _, ex := range a.Excerpts {
			if m := marked(ex); strings.Contains(m, "Crimea") {
				t.Errorf("%q: excerpt %q marks %q: crimes matched Crimea", q, ex.Text, m)
			}
		}
	}
	// while a misspelt name the vector table does not know is still corrected
	a, err := l.Answer(context.Background(), "what happens to Crimia?", Options{N: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := firstExcerpt(a); !strings.Contains(got, "Crimea") {
		t.Errorf("misspelt Crimia: first excerpt %q, want a Crimea sentence", got)
	}
}

// A common English word the corpus happens to lack ("goes") is no name spelt another way: the
// transliteration rule (g and h meet, as in Hnatov/Gnatov) must not make it "house".
func TestCommonWordGetsNoOtherSpellings(t *testing.T) {
	l, _ := smallLive(t,
		testDoc{id: "house", published: "2025-11-20", body: "The White House said the draft was still being negotiated with both sides.\n"},
	)
	for _, g := range parsed(t, l, "where the plan goes from here").groups {
		if g.word == "goes" && len(g.alts) > 1 {
			t.Errorf("goes has the other spellings %q", g.alts[1:])
		}
	}
}

// Chat that announces a question ("quick q", "yo", "genuine question") is no topic: it must not
// weigh in the alignment like the words that say what is asked.
func TestChatOpenersAreNoQuestionWords(t *testing.T) {
	l, _ := defaultLive(t)
	for _, q := range []string{"quick q what did the europeans cut out", "yo what did the europeans cut out",
		"genuine question: what did the europeans cut out", "random q, what did the europeans cut out"} {
		var words []string
		for _, g := range parsed(t, l, q).groups {
			words = append(words, g.word)
		}
		if want := []string{"europeans", "cut", "out"}; !slices.Equal(words, want) && !slices.Equal(words, want[:2]) {
			t.Errorf("%q: question words %q, want %q", q, words, want[:2])
		}
	}
}

// A common word capitalised only where a sentence starts ("Media outlets reported") is no name,
// so a name the corpus lacks (Modi) does not meet it through the transliteration rule.
func TestSentenceStartCapitalIsNoName(t *testing.T) {
	l, _ := smallLive(t,
		testDoc{id: "media", published: "2025-11-20", body: "Media outlets reported that the draft had been shared with Kyiv on Thursday.\n\n" +
			"Several media organisations later published the full text, which the media called a leak.\n"},
	)
	for _, g := range parsed(t, l, "what did modi say about the deal").groups {
		if g.word == "modi" && len(g.alts) > 1 {
			t.Errorf("modi has the other spellings %q", g.alts[1:])
		}
	}
}

// The forms of an irregular verb meet, which the stemmer cannot do: a question about who is
// "leading" the delegation finds the sentence that says who "led" it.
func TestIrregularVerbFormsMeet(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "geneva", published: "2026-02-15", body: "The Russian delegation will be led by presidential aide Vladimir Medinsky, the agency reported.\n\n" +
			"Talks in Geneva about the delegation were described as constructive by the envoys of all three countries.\n"},
	)
	expectFirst(t, l, bodies, "who is leading the russian delegation", "Medinsky")
	expectFirst(t, l, bodies, "where did the delegations meet?", "Geneva")
}

// A word and its negation by an English prefix meet when the vector table holds them close: a
// question whether handing over land is constitutional finds the sentence that calls it
// "unconstitutional", and the other way round; "inside" is no form of "side". The link is between
// words, not between the stemmer's terms, which stand for others too: "consist" does not meet
// "inconsistent", "admission" not "inadmissible", "formal" not the "information" whose term
// "informal" shares.
func TestNegatedFormsMeet(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "kyiv", published: "2025-11-21", body: "Such a move would be unconstitutional, officials in Kyiv said on Friday.\n\n" +
			"The constitution of Ukraine was adopted in 1996 after a long debate in parliament.\n\n" +
			"Delegates met inside the building on Monday.\n"},
		testDoc{id: "nato", published: "2025-11-22", body: "Ukraine's membership of NATO would need the consent of all thirty-two allies.\n\n" +
			"Russian officials called the deployment of European troops in Ukraine inadmissible.\n"},
		testDoc{id: "plan", published: "2025-11-23", body: "The 28-point framework covers security guarantees, territory, sanctions and elections.\n\n" +
			"Critics called the peace plan inconsistent and vague, diplomats in Brussels said.\n\n" +
			"Kyiv said it had received no information about the draft from Washington.\n\n" +
			"Witkoff held informal talks with Dmitriev in Miami before a formal meeting.\n\n" +
			"Monitors called their number insufficient and a ceasefire impossible, and the envoys disagree.\n\n" +
			"The memorandum is nonbinding, and the damage to the dam is irreversible.\n"},
	)
	expectFirst(t, l, bodies, "is that move even constitutional?", "unconstitutional")
	for _, tt := range []struct{ q, want string }{
		{"what about Ukraine's admission to NATO?", "membership"},
		{"what does the peace plan consist of?", "framework"},
	} {
		if a, ok := expectFirst(t, l, bodies, tt.q, tt.want); !ok && a.Confident {
			t.Errorf("%q: answered confidently from the wrong sentence", tt.q)
		}
	}
	alts := func(q, word string) []string { return groupOf(t, l, q, word).alts }
	for _, tt := range []struct{ q, word, alt string }{
		{"is it constitutional", "constitutional", "unconstitut"},
		{"why is it unconstitutional", "unconstitutional", "constitut"},
		{"were there sufficient monitors", "sufficient", "insuffici"},
		{"is it possible", "possible", "imposs"},
		{"did they agree", "agree", "disagre"},
		{"were the talks informal", "informal", "formal"},
		{"is the memorandum binding", "binding", "nonbind"},
		{"is the damage reversible", "reversible", "irrevers"},
	} {
		if got := alts(tt.q, tt.word); !slices.Contains(got, tt.alt) {
			t.Errorf("%q: %s has the alternatives %q, want %q among them", tt.q, tt.word, got, tt.alt)
		}
	}
	for _, tt := range []struct{ q, word string }{
		{"which side are they on", "side"},
		{"what does the peace plan consist of", "consist"},
		{"what about the admission to nato", "admission"},
		{"was it a formal meeting", "formal"},
		{"what information is there", "information"},
	} {
		if got := alts(tt.q, tt.word); len(got) > 1 {
			t.Errorf("%q: %s has the alternatives %q", tt.q, tt.word, got[1:])
		}
	}
}
