package index

import (
	"slices"
	"strings"
	"testing"
)

// Issue 7, item 6: one number, one apostrophe, one compound, one spelling — however a reader or a
// writer types it — is one term, at index and at query time.

func TestSurfaceFormsFoldToOneTerm(t *testing.T) {
	for _, tc := range []struct {
		want  string   // analysed like this one
		forms []string // every one of these
	}{
		{"600,000", []string{"600000", "600 thousand", "600 000", "600\u00a0000", "600\u202f000", "600k", "600K",
			"0.6 million", "six hundred thousand", "Six Hundred Thousand"}},
		{"28", []string{"twenty-eight", "twenty eight", "Twenty-Eight"}},
		{"1,000,000", []string{"1 million", "one million", "1m", "1 000 000"}},
		{"Ukraine's", []string{"Ukraine", "Ukraine\u02bcs", "Ukraine\u2018s", "Ukraine\u2019s", "UKRAINE'S"}},
		{"defense", []string{"defence"}},
		{"offense", []string{"offence"}},
		{"program", []string{"programme"}},
		{"programs", []string{"programmes"}},
		{"organization", []string{"organisation"}},
		{"color", []string{"colour"}},
		{"center", []string{"centre"}},
	} {
		want := registryTerms(t, tc.want)
		if len(want) == 0 {
			t.Fatalf("%q analyses to nothing", tc.want)
		}
		for _, f := range tc.forms {
			if got := registryTerms(t, f); !slices.Equal(got, want) {
				t.Errorf("%q analyses to %q, want %q like %q", f, got, want, tc.want)
			}
		}
	}
}

// A number's separators must not glue two numbers into one, nor fold a ratio or a date.
func TestSurfaceFormsKeepNumbersApart(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"600,000 troops, 800 000", []string{"600000", "troop", "800000"}},
		{"50:50", []string{"50", "50"}},
		{"In 2025 600 troops", []string{"2025", "600", "troop"}}, // "2025 600" is no digit group
		{"a million", []string{"million"}},
	} {
		if got := registryTerms(t, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%q analyses to %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A hyphenated compound is indexed split and joined, so a question that writes it joined or with a
// space meets it, and a compound written joined meets a question that hyphenates it.
func TestHyphenatedCompoundsMeetJoinedAndSplit(t *testing.T) {
	hyph := registryTerms(t, "non-aggression")
	for _, w := range []string{"non", "nonaggress", "aggress"} {
		if !slices.Contains(hyph, w) {
			t.Errorf("non-aggression analyses to %q, want %q among its terms", hyph, w)
		}
	}
	l, bodies := smallLive(t,
		testDoc{id: "pact-hyphen", published: "2025-11-20", body: "Under the draft, Russia and Ukraine would sign a non-aggression pact guaranteed by Washington.\n\n" +
			"The ceasefire line would be monitored by an international mission based in Geneva.\n"},
		testDoc{id: "pact-joined", published: "2025-11-21", body: "Moscow has proposed a nonaggression treaty with the European Union as part of the settlement.\n\n" +
			"Sanctions relief would come in stages over several years, officials said.\n"},
	)
	for _, tc := range []struct{ q, want string }{
		{"is there a nonaggression pact between russia and ukraine?", "non-aggression pact"},
		{"is there a non aggression pact between russia and ukraine?", "non-aggression pact"},
		{"would moscow propose a nonaggression treaty with the EU?", "nonaggression treaty"},
	} {
		a, ok := expectFirst(t, l, bodies, tc.q, tc.want)
		if !ok {
			continue
		}
		if m := marked(a.Excerpts[0]); !strings.Contains(strings.ReplaceAll(m, "-", ""), "aggression") {
			t.Errorf("%q: marked %q, want the compound marked", tc.q, m)
		}
	}
}

// bug: a question that hyphenates a compound gets three word groups (non, nonaggress, aggress), so
// the compound weighs three times and a document that writes it joined covers a third of it: the
// hyphenated sentence about something else wins, and the right one is barely confident.
func TestHyphenatedQuestionMeetsJoinedCompound(t *testing.T) {

	l, bodies := smallLive(t,
		testDoc{id: "pact-hyphen", published: "2025-11-20", body: "Under the draft, Russia and Ukraine would sign a non-aggression pact guaranteed by Washington.\n"},
		testDoc{id: "pact-joined", published: "2025-11-21", body: "Moscow has proposed a nonaggression treaty with the European Union as part of the settlement.\n"},
	)
	expectFirst(t, l, bodies, "would moscow sign a non-aggression treaty with the EU?", "nonaggression treaty")
}

// A question finds the 600,000 sentence however it writes the number, and a document that writes
// "600 000" with a narrow no-break space answers a question that writes "600,000".
func TestNumberFormsFindTheSameSentence(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "army-cap", published: "2025-11-20", body: "The draft would cap Ukraine's army at 600,000 troops once a ceasefire holds.\n\n" +
			"Ukraine's army now has about 880,000 soldiers under arms, and 60,000 more are in training, officials said.\n\n" +
			"European leaders said the army of a sovereign country cannot be limited by its invader.\n"},
		testDoc{id: "police-cap", published: "2025-11-21", body: "A separate clause would limit the national police to 300\u202f000 officers.\n\n" +
			"The police reform is to be overseen by a joint commission.\n"},
	)
	for _, q := range []string{
		"army of 600 thousand?", "army of 600 000?", "army of 600\u00a0000?", "army of 600\u202f000?",
		"army capped at 600k?", "is the army limited to 0.6 million", "six hundred thousand soldiers in the army?",
	} {
		expectMarked(t, l, bodies, q, "600,000", "600,000")
	}
	expectFirst(t, l, bodies, "what is capped at 300,000?", "300\u202f000 officers")
}

// Every apostrophe a keyboard or a word processor produces reaches the same possessive.
func TestApostrophesFoldInQuestions(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "neutrality", published: "2025-11-20", body: "Kyiv\u2019s negotiators said Ukraine\u2019s neutrality would be written into its constitution.\n\n" +
			"Russia's delegation wanted a referendum on the question first.\n"},
	)
	for _, ap := range []string{"'", "\u02bc", "\u2018", "\u2019", "`"} {
		expectFirst(t, l, bodies, "what about Ukraine"+ap+"s neutrality", "neutrality would be written")
	}
}

// British and American spellings of one word meet, in the document and in the question.
func TestBritishSpellingsMeet(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "uk-spelling", published: "2025-11-20", body: "The defence programme would be funded by frozen Russian assets held in Europe.\n\n" +
			"Negotiators met for four hours in the Swiss city without a joint statement.\n"},
		testDoc{id: "us-spelling", published: "2025-11-21", body: "A reconstruction center for the Donbas would be led by an American organization.\n\n" +
			"Officials declined to say when the talks would resume.\n"},
	)
	for _, tc := range []struct{ q, want string }{
		{"how is the defense program funded?", "defence programme"},
		{"who leads the reconstruction centre? which organisation?", "reconstruction center"},
	} {
		expectFirst(t, l, bodies, tc.q, tc.want)
	}
}

// bug: foldBritish rewrites "defence" but not "defences", so the British plural meets neither its
// own singular nor the American spelling (the stemmer alone would have unified defence/defences).
func TestBritishPluralsMeetTheirSingular(t *testing.T) {

	for _, pair := range [][2]string{{"defences", "defence"}, {"defences", "defenses"}, {"offences", "offence"}, {"licences", "licence"}} {
		if a, b := registryTerms(t, pair[0]), registryTerms(t, pair[1]); !slices.Equal(a, b) {
			t.Errorf("%q → %q but %q → %q", pair[0], a, pair[1], b)
		}
	}
}

// bug: the -ise rule also rewrites words whose "ise" is no -ise/-ize suffix, and only from seven
// letters on, so inflections of one word stop meeting: "revised" → reviz but "revise", "revision"
// → revis. Before the rule the stemmer unified them; "revised" is one of the freshness words.
func TestInflectionsOfIseWordsStillMeet(t *testing.T) {

	for _, pair := range [][2]string{{"revised", "revision"}, {"revised", "revise"}, {"advised", "adviser"}, {"praised", "praise"}} {
		if a, b := registryTerms(t, pair[0]), registryTerms(t, pair[1]); !slices.Equal(a, b) {
			t.Errorf("%q → %q but %q → %q", pair[0], a, pair[1], b)
		}
	}
}

// A day of the month is a date, not an amount, however the date is written; "how many" and "how
// much" questions rank a sentence with an amount above one whose only numbers are days. So is a
// number with a unit of time a span of time, not a count: "how many troops" is not answered by
// "two days of talks". An ordinal is a count: "his sixth visit" answers "how many times".
func TestDaysAndSpansOfTimeAreNoQuantity(t *testing.T) {
	for s, want := range map[string]bool{
		"Two days of talks in Berlin ended on an upbeat note.":     false,
		"Russia's nearly four-year war shows no sign of ending.":   false,
		"Both sides agreed to a 90-day pause in strikes.":          false,
		"The talks lasted 5 hours in the Kremlin.":                 false,
		"It was Witkoff's sixth visit to Russia this year.":        true,
		"Russia demands the remaining fifth of the region.":        true,
		"Talks lasted five hours and left 20 points to work with.": true,
		"Ten days later, three more prisoners were released.":      true,
		"The truce held for 30 more days.":                         false,
		"The siege went on for hundreds of days.":                  false,
		"Some sixty soldiers were captured.":                       true,
		"Talks were held in Berlin on December 14-15.":             false,
		"Talks were held in Berlin on 14–15 December.":             false,
		"The counter-proposal was issued on 23 November.":          false,
		"The talks resume on Feb. 17-18 in Geneva.":                false,
		"It was signed on the 3rd of March.":                       false,
		"The plan was published in 2025.":                          false,
		"Officials said 90% of the deal had been agreed.":          true,
		"The army would be capped at 600,000 on December 1.":       true,
		"Some 314 prisoners were exchanged on 5 February.":         true,
		"Negotiators met for two days, then for three more.":       true,
		"The December 14 meeting gave 20 points to work with.":     true,
		"The meeting began at 11:30 a.m. ET in the Kremlin.":       false,
		"Talks started at 3pm and ran past midnight.":              false,
		"Power would be split 50:50 between the two.":              true,
	} {
		if runs, spelled := quantities(s); (len(runs) > 0 || spelled) != want {
			t.Errorf("quantities(%q) = %v, %v: holds a quantity %v, want %v", s, runs, spelled, !want, want)
		}
	}
}

// "What day" asks for a day: a sentence whose only date is a year holds no answer to it, while
// "when" takes any date.
func TestWhatDayWantsADay(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	year := e.features("Ukraine has not been able to restore its 1991 borders by force.")
	day := e.features("The office confirmed on Thursday, November 20, that it had the draft.")
	whatDay, when := e.parseQuestion("what day did the office confirm the draft"), e.parseQuestion("when did the office confirm the draft")
	for _, tc := range []struct {
		q    question
		f    *sentenceFeatures
		want bool
	}{{whatDay, &year, false}, {whatDay, &day, true}, {when, &year, true}, {when, &day, true}} {
		if got := holdsAsked(tc.q, tc.f); got != tc.want {
			t.Errorf("%q asked of a sentence tagged %b: holds the kind %v, want %v", tc.q.text, tc.f.tags, got, tc.want)
		}
	}
}

// Answer tags by shape: a time of day is the kind of fact "what time" and "when" ask for; a place
// is named after prepositions of place and direction beyond in/at/to ("moves against Moldova",
// "across Poland"), and in lists joined by "or" as by "and".
func TestAnswerTags(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	for _, tc := range []struct {
		s    string
		tag  answerTag
		want bool
	}{
		{"The meeting began at 11:30 a.m. ET in the Kremlin.", tagDate, true},
		{"Talks started at 3pm and ran past midnight.", tagDate, true},
		{"The session lasted until midnight.", tagDate, true},
		{"Power would be split 50:50 between the two.", tagDate, false},
		{"The delegation flew home after the talks.", tagDate, false},
		{"What prevents similar moves against Moldova later?", tagPlace, true},
		{"Drones flew across Poland overnight, officials said.", tagPlace, true},
		{"Talks could move to Turkey, Qatar or Egypt next month.", tagPlace, true},
		{"Envoys from Britain, France or Germany may attend.", tagPlace, true},
		{"The delegation had no comment on the proposal.", tagPlace, false},
		{"Both sides agreed to a 90-day pause in strikes.", tagDuration, true},
		{"The ceasefire lasted one year.", tagDuration, true},
		{"The truce held for 30 more days.", tagDuration, true},
		{"The siege went on for hundreds of days.", tagDuration, true},
		{"Some sixty soldiers were captured.", tagDuration, false},
		{"The front line is some 1,400 kilometres long.", tagLength, true},
		{"The 1,400 soldiers held the line.", tagLength, false},
		{"The column advanced five miles overnight.", tagLength, true},
		{"Officials said they were against the proposal entirely.", tagPlace, false},
	} {
		if got := e.features(tc.s).tags&tc.tag != 0; got != tc.want {
			t.Errorf("features(%q) tagged %b: %v, want %v", tc.s, tc.tag, got, tc.want)
		}
	}
}

// "How long" is answered by a span of time written without a digit ("for about a month") as by
// a number; "how many" is not.
func TestHowLongTakesADuration(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	f := e.features("The envoy had been working on the proposal quietly for about a month.")
	if got := holdsAsked(e.parseQuestion("how long was the envoy working on it"), &f); !got {
		t.Errorf("\"how long\": a sentence with %q holds no answer", "for about a month")
	}
	if got := holdsAsked(e.parseQuestion("how many envoys worked on it"), &f); got {
		t.Errorf("\"how many\": a sentence whose only amount is a span of time holds the answer")
	}
	// a span of time counted answers "how long" and "how many hours"; a count of things does not
	hours, count := e.features("The two envoys met Putin for five hours."), e.features("The army would be capped at 600,000 troops.")
	for _, q := range []string{"how long did the envoys meet putin", "how many hours did they meet putin",
		"how much time did the envoys spend with putin", "how many more days will the talks take"} {
		pq := e.parseQuestion(q)
		if !holdsAsked(pq, &hours) {
			t.Errorf("%q: a sentence with %q holds no answer", q, "for five hours")
		}
		if holdsAsked(pq, &count) {
			t.Errorf("%q: a sentence whose only number counts troops holds the answer", q)
		}
	}
	// "how long" may ask a length too
	line := e.features("The front line is some 1,400 kilometres long.")
	if !holdsAsked(e.parseQuestion("how long is the front line"), &line) {
		t.Errorf("\"how long is the front line\": a sentence with %q holds no answer", "1,400 kilometres")
	}
}
