package irregular

import (
	"slices"
	"testing"
)

func TestVerbsHoldTheirForms(t *testing.T) {
	verbs := Verbs()
	if len(verbs) < 400 {
		t.Fatalf("%d verbs, want the whole list (about 520)", len(verbs))
	}
	want := map[string][]string{"lead": {"led"}, "meet": {"met"}, "hold": {"held"}, "write": {"wrote", "written"}}
	for _, v := range verbs {
		if len(v) < 2 {
			t.Errorf("%q: a verb without other forms", v)
		}
		if forms, ok := want[v[0]]; ok {
			for _, f := range forms {
				if !slices.Contains(v[1:], f) {
					t.Errorf("%s: forms %q, want %q among them", v[0], v[1:], f)
				}
			}
			delete(want, v[0])
		}
	}
	for base := range want {
		t.Errorf("%s is missing", base)
	}
}
