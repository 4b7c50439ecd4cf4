package main

import "testing"

// ask --json tells the three kinds of reply apart with "answered" and "confident" (see
// shared/eval/README.md): confident, tentative (answered, not confident), refused.
func TestAskJSONCarriesConfident(t *testing.T) {
	tentative := "is bitcoin a good investment right now" // the closest the sources have is about investing in peace
	got := askJSON(t, nil, nil, armyQuestion, tentative, nonsense)
	if len(got) != 3 {
		t.Fatalf("%d answers for 3 questions", len(got))
	}
	want := []struct{ answered, confident bool }{{true, true}, {true, false}, {false, false}}
	for i, w := range want {
		c, ok := got[i]["confident"].(bool)
		if !ok {
			t.Errorf("answer %d: confident is %T (%v), want a boolean always present", i, got[i]["confident"], got[i]["confident"])
			continue
		}
		if got[i]["answered"] != w.answered || c != w.confident {
			t.Errorf("%q: answered=%v confident=%v, want answered=%v confident=%v",
				got[i]["question"], got[i]["answered"], c, w.answered, w.confident)
		}
	}
}
