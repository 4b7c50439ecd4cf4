package index

import "testing"

// Two sentences that match every word of the question alike: the one whose other words keep to
// the question's sense (judges, a court, for "legal") answers first, though the other comes from
// a newer document, which alone would break the tie its way. The word centroids tell them apart.
func TestCentroidBreaksAnAlignmentTie(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "court", published: "2025-11-20", body: "Ceding land is legal, judges at the constitutional court ruled.\n"},
		testDoc{id: "stadium", published: "2025-11-21", body: "Ceding land is legal, fans at the football stadium chanted.\n"},
	)
	expectFirst(t, l, bodies, "is ceding land legal?", "judges at the constitutional court")
}
