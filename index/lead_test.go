package index

import "testing"

// leadArticle opens, as news does, with a lead that sums the story up (the talks, the revised
// plan, Ukraine) and answers in its body; a second article stands beside it, so that the
// ranking's passage and recency terms weigh in as in a real corpus.
const (
	leadArticle = "Envoys from Washington and Kyiv met in Geneva on Sunday to discuss the revised peace plan for Ukraine.\n\n" +
		"The talks lasted four hours and ended without a joint statement, officials said.\n\n" +
		"Under the revised text, Ukraine would receive security guarantees modelled on Article 5 of the NATO treaty.\n\n" +
		"Both delegations are to report to their capitals before another round.\n\n" +
		"A date for that round has not been set.\n\n" +
		"Diplomats in Brussels were briefed on Monday.\n"
	leadOther = "European leaders met in Brussels on Monday to discuss sanctions on Russia and frozen assets.\n\n" +
		"The peace plan was not on the agenda, a spokesman said.\n"
)

// Issue 7: a document's first sentence sums the story up, so it shares the words of most questions
// about it; it must not win over the sentence that answers only by holding more of those words.
func TestLeadDoesNotOutrankTheAnswer(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "a-geneva", published: "2025-11-24", outlet: "Wire One", body: leadArticle},
		testDoc{id: "b-brussels", published: "2025-11-25", outlet: "Wire Two", body: leadOther},
	)
	// without the lead's discount it ranked first for both, 0.06 and 0.10 ahead
	expectFirst(t, l, bodies, "what does the revised plan give ukraine?", "Article 5")
	expectFirst(t, l, bodies, "what guarantees are in the revised peace plan for ukraine", "Article 5")
	// the discount only decides close calls: the lead is found when it is what is asked
	expectFirst(t, l, bodies, "where did the envoys from kyiv and washington meet?", "Geneva on Sunday")
}
