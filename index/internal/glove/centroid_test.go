package glove

import (
	"math"
	"strings"
	"testing"
)

func TestCentroid(t *testing.T) {
	tb := Load()
	ids := func(s string) []ID {
		var out []ID
		for _, w := range strings.Fields(s) {
			out = append(out, tb.Lookup(w))
		}
		return out
	}
	// one word: its own direction, so two one-word centroids meet at the words' cosine
	for _, p := range [][2]string{{"children", "kids"}, {"army", "missile"}, {"army", "army"}} {
		a, b := ids(p[0]), ids(p[1])
		got, want := CentroidCosine(tb.Centroid(a, nil), tb.Centroid(b, nil)), float64(tb.Cosine(a[0], b[0]))
		if math.Abs(got-want) > 0.02 {
			t.Errorf("%v: centroid cosine %.3f, word cosine %.3f", p, got, want)
		}
	}
	// frequent words weigh little: "the sanctions" points where "sanctions" does
	if c := CentroidCosine(tb.Centroid(ids("the of and sanctions"), nil), tb.Centroid(ids("sanctions"), nil)); c < 0.9 {
		t.Errorf("cos(the of and sanctions, sanctions) = %.3f, want ≥ 0.9", c)
	}
	// explicit weights replace rarity: all the weight on "the"
	if c := CentroidCosine(tb.Centroid(ids("the sanctions"), []float64{1, 0}), tb.Centroid(ids("the"), nil)); c < 0.98 {
		t.Errorf("weighted to \"the\": cosine with \"the\" %.3f", c)
	}
	// a paraphrase sits closer than an unrelated sentence
	q := tb.Centroid(ids("giving up land illegal"), nil)
	near, far := tb.Centroid(ids("ceding territory unconstitutional"), nil), tb.Centroid(ids("forecast rain tomorrow"), nil)
	if cn, cf := CentroidCosine(q, near), CentroidCosine(q, far); cn < cf+0.05 {
		t.Errorf("paraphrase %.3f, unrelated %.3f: want the paraphrase clearly closer", cn, cf)
	}
	// no vectors, or no weight: no centroid, and no cosine with one
	if tb.Centroid([]ID{None, None}, nil) != nil || tb.Centroid(ids("army"), []float64{0}) != nil || tb.Centroid(nil, nil) != nil {
		t.Error("a centroid of nothing")
	}
	if CentroidCosine(nil, tb.Centroid(ids("army"), nil)) != 0 {
		t.Error("cosine with no centroid")
	}
}

// CentroidQuery gives CentroidCosine's values bit for bit, on the AVX2 path and off it.
func TestCentroidQuery(t *testing.T) {
	tb := Load()
	texts := []string{"giving up land illegal", "ceding territory unconstitutional", "forecast rain tomorrow", "the army", "zzqx"}
	var cs [][]int8
	for _, s := range texts {
		var ids []ID
		for _, w := range strings.Fields(s) {
			ids = append(ids, tb.Lookup(w))
		}
		cs = append(cs, tb.Centroid(ids, nil))
	}
	for _, avx := range []bool{useAVX2, false} {
		saved := useAVX2
		useAVX2 = avx
		for i, a := range cs {
			q := NewCentroidQuery(a)
			for j, b := range cs {
				if got, want := q.Cosine(b), CentroidCosine(a, b); got != want {
					t.Errorf("avx2=%v %q·%q: %v, want %v", avx, texts[i], texts[j], got, want)
				}
				// a centroid without the padding (cut to its length) takes the plain path
				if b != nil {
					if got, want := q.Cosine(b[:len(b):len(b)]), CentroidCosine(a, b); got != want {
						t.Errorf("avx2=%v unpadded %q·%q: %v, want %v", avx, texts[i], texts[j], got, want)
					}
				}
			}
		}
		useAVX2 = saved
	}
}

// BenchmarkCentroidQuery is one cosine of two centroids, with AVX2 (where the processor has it)
// and by the plain loop.
func BenchmarkCentroidQuery(b *testing.B) {
	tb := Load()
	ids, cs := []ID{tb.Lookup("army"), tb.Lookup("cap")}, tb.Centroid([]ID{tb.Lookup("troops"), tb.Lookup("limit")}, nil)
	hasAVX2 := useAVX2 // as the processor has it
	defer func() { useAVX2 = hasAVX2 }()
	for _, avx := range []bool{true, false} {
		name := "plain"
		if avx {
			name = "avx2"
		}
		b.Run(name, func(b *testing.B) {
			if avx && !hasAVX2 {
				b.Skip("no AVX2")
			}
			useAVX2 = avx
			q := NewCentroidQuery(tb.Centroid(ids, nil))
			s := 0.0
			for i := 0; i < b.N; i++ {
				s += q.Cosine(cs)
			}
			_ = s
		})
	}
}
