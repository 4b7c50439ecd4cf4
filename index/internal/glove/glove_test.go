package glove

import (
	"math"
	"math/rand"
	"testing"
)

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

// eachProbePath runs f with the AVX2 dot products (where the processor has them) and with the
// packed lanes.
func eachProbePath(t *testing.T, f func(t *testing.T)) {
	defer func(was bool) { useAVX2 = was }(useAVX2)
	if useAVX2 {
		t.Run("avx2", f)
	} else {
		t.Log("no AVX2 here: only the packed lanes are tested")
	}
	useAVX2 = false
	t.Run("packed", f)
}

// TestProbeExact: the probe's cosines equal Cosine bit for bit, for every probe size, with None,
// repeated and identical words among them.
func TestProbeExact(t *testing.T) { eachProbePath(t, testProbeExact) }

func testProbeExact(t *testing.T) {
	tb := Load()
	if !tb.packable {
		t.Fatal("the table's norms no longer fit 16-bit lanes: Probe falls back to one dot product a word")
	}
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 40} {
		for trial := 0; trial < 50; trial++ {
			ids := make([]ID, n)
			for i := range ids {
				ids[i] = ID(rng.Intn(tb.Len()))
				if rng.Intn(6) == 0 {
					ids[i] = None
				}
			}
			p := tb.NewProbe(ids)
			out := make([]float32, n)
			for k := 0; k < 200; k++ {
				w := ID(rng.Intn(tb.Len()))
				switch k {
				case 0:
					w = None
				case 1:
					w = ids[0]
				case 2, 3:
					w = ID(tb.Len() - k + 1) // the table's last words: no bytes after them to read
				}
				p.Cosines(w, out)
				for i, a := range ids {
					if want := tb.Cosine(a, w); math.Float32bits(out[i]) != math.Float32bits(want) {
						t.Fatalf("probe %v, word %d: cosine %d = %v, want %v", ids, w, i, out[i], want)
					}
				}
			}
		}
	}
}

// TestProbeExtremes: the largest dot products the table can hold, positive and negative, decode
// exactly in every lane.
func TestProbeExtremes(t *testing.T) { eachProbePath(t, testProbeExtremes) }

func testProbeExtremes(t *testing.T) {
	tb := Load()
	big := ID(0)
	for i := range tb.norms {
		if tb.norms[i] > tb.norms[big] {
			big = ID(i)
		}
	}
	neg := &Table{words: []string{"a", "b"}, dims: tb.dims, vecs: make([]int8, 2*tb.dims), norms: []float32{tb.norms[big], tb.norms[big]}, packable: true}
	for k, x := range tb.vecs[int(big)*tb.dims : int(big+1)*tb.dims] {
		neg.vecs[k], neg.vecs[tb.dims+k] = x, -x
	}
	for _, ids := range [][]ID{{0, 1, 0, 1}, {1, 1, 1, 1}, {1, 0, 1, 0, 1}} {
		p := neg.NewProbe(ids)
		out := make([]float32, len(ids))
		for _, w := range []ID{0, 1} {
			p.Cosines(w, out)
			for i, a := range ids {
				if want := neg.Cosine(a, w); out[i] != want {
					t.Errorf("probe %v, word %d: cosine %d = %v, want %v", ids, w, i, out[i], want)
				}
			}
		}
	}
}

func BenchmarkProbe(b *testing.B) {
	tb := Load()
	p := tb.NewProbe([]ID{tb.Lookup("troops"), tb.Lookup("army"), tb.Lookup("plan"), tb.Lookup("peace")})
	y := tb.Lookup("soldiers")
	out := make([]float32, 4)
	for b.Loop() {
		p.Cosines(y, out)
	}
}
