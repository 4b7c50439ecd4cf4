package index

import (
	"fmt"
	"testing"
)

// Two articles on two rounds of talks. The Florida one names Florida in its lead only; the
// sentence that answers how long its meeting took does not. The Geneva one has a sentence on its
// own meeting's length that matches the question's other words better.
const (
	settingFlorida = "Negotiators from Washington and Kyiv met in Florida on Sunday to work on the revised peace plan.\n\n" +
		"The talks were held at a private golf club north of the city.\n\n" +
		"Both delegations brought military advisers and lawyers with them.\n\n" +
		"Reporters were kept outside the grounds for the whole day.\n\n" +
		"Officials gave no details of the documents under discussion, and neither side would say which of the plan's points were still open.\n\n" +
		"Ukraine's delegation flew in from Kyiv on Saturday evening, after a stop in Warsaw for talks with Polish officials.\n\n" +
		"The American side was led by the president's special envoy, with the secretary of state joining by video link from Washington.\n\n" +
		"The session was due to run for between one and two hours.\n\n" +
		"A second session was planned for the following morning.\n"
	settingGeneva = "Envoys gathered in Geneva on Monday for another round on the peace plan.\n\n" +
		"The talks took place at the American mission by the lake.\n\n" +
		"Security around the building was tight, police said.\n\n" +
		"Several European advisers joined the delegations in the afternoon.\n\n" +
		"The Geneva meeting was expected to go on all day.\n\n" +
		"No joint statement was planned, diplomats said.\n"
)

// Issue 7: a name the question shares with a document's title or lead, rare in the corpus, is the
// setting of all that document's sentences.
func TestTheSettingOfAnArticleCountsForItsSentences(t *testing.T) {
	l, bodies := settingCorpus(t)
	// without the setting the Geneva sentence came first, 0.06 ahead
	expectFirst(t, l, bodies, "how long was the meeting in florida expected to go on", "between one and two hours")
	// the name decides only for its own article
	expectFirst(t, l, bodies, "how long was the geneva meeting expected to last?", "go on all day")
}

// settingCorpus: the two articles among 24 briefs on other matters, so that a name one article
// holds is rare in the corpus (settingDF), as the names of places are in a real one.
func settingCorpus(t *testing.T) (*Live, map[string]string) {
	docs := []testDoc{
		{id: "florida-talks", published: "2025-11-30", outlet: "Wire One", body: settingFlorida},
		{id: "geneva-talks", published: "2025-12-05", outlet: "Wire Two", body: settingGeneva},
	}
	for i, topic := range []string{"grain exports through the Black Sea", "the energy grid after the winter strikes",
		"prisoner exchanges brokered by the Gulf states", "sanctions on Russian oil", "reconstruction funds for Kharkiv",
		"elections after martial law", "the frozen central bank assets", "the nuclear power plant on the Dnipro"} {
		for week := range 3 {
			docs = append(docs, testDoc{id: fmt.Sprintf("other-%d-%d", i, week), published: fmt.Sprintf("2025-11-%d", 10+week), outlet: "Wire Three",
				body: fmt.Sprintf("Officials discussed %s at length in week %d, according to people familiar with the talks.\n", topic, week+1)})
		}
	}
	return smallLive(t, docs...)
}
