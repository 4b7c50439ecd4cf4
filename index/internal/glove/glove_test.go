package glove

import "testing"

func TestTable(t *testing.T) {
	tb := Load()
	if tb.Len() != 50000 {
		t.Fatalf("Len = %d, want 50000", tb.Len())
	}
	if tb.Lookup("the") != 0 {
		t.Errorf("the: id %d, want 0 (the most frequent word)", tb.Lookup("the"))
	}
	if tb.Lookup("zzqx") != None {
		t.Error("an unknown word has an ID")
	}
	id := func(w string) ID {
		i := tb.Lookup(w)
		if i == None {
			t.Fatalf("%q missing", w)
		}
		return i
	}
	// synonyms sit closer than unrelated words
	if s, u := tb.Cosine(id("children"), id("kids")), tb.Cosine(id("children"), id("missile")); s < 0.6 || u > s-0.3 {
		t.Errorf("cos(children,kids)=%.2f cos(children,missile)=%.2f", s, u)
	}
	if c := tb.Cosine(id("army"), id("army")); c != 1 {
		t.Errorf("cos(army,army)=%v", c)
	}
	if tb.Rarity(id("the")) >= tb.Rarity(id("sanctions")) || tb.Rarity(None) != 1 {
		t.Error("rarity does not grow with rank")
	}
}

func BenchmarkCosine(b *testing.B) {
	tb := Load()
	x, y := tb.Lookup("troops"), tb.Lookup("soldiers")
	for b.Loop() {
		tb.Cosine(x, y)
	}
}
