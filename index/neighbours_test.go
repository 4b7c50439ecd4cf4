package index

import (
	"math"
	"testing"

	"github.com/planbot/planbot/index/internal/glove"
)

// TestNeighbourMargin: the packed int8 cosine that lets neighbours skip a word stays within a
// hundredth of neighbourMargin of the float cosine it would have computed, so the skip never
// drops a word the float scan keeps.
func TestNeighbourMargin(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	v := e.vocab()
	cos := make([]float32, len(v.ids))
	worst := 0.0
	for id := glove.ID(0); int(id) < e.vectors.Len(); id += 97 {
		q := e.vectors.Vector(id)
		v.probe.Cosines(id, cos)
		for i, c := range cos {
			if v.ids[i] == id {
				continue
			}
			row := v.vecs[i*len(q) : (i+1)*len(q)]
			s := float32(0)
			for j, x := range q {
				s += x * row[j]
			}
			worst = max(worst, math.Abs(float64(s-c)))
		}
	}
	if worst == 0 || worst > neighbourMargin/100 {
		t.Fatalf("largest difference between packed and float cosines %g; the margin is %g", worst, neighbourMargin)
	}
	t.Logf("largest difference %g", worst)
}
