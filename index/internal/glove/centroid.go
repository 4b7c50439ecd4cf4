package glove

import "math"

// centroidScale is what a Centroid's unit-length components are multiplied by before rounding to
// int8.
const centroidScale = 127

// Centroid is the direction of a bag of words (the "average word embedding" of information
// retrieval, weighted as in Arora et al. 2017, "A simple but tough-to-beat baseline for sentence
// embeddings", so that frequent words count little): the sum of the words' unit vectors, word i
// weighted by weights[i] (nil: by its Rarity squared), scaled to unit length and quantised to
// int8 (×127), one value per dimension, with room for wideDims (zeros past the dimensions) for
// CentroidQuery's wide loads. It is nil when no word has a vector or every weight is 0. Words
// without a vector (None) are skipped.
func (t *Table) Centroid(ids []ID, weights []float64) []int8 {
	var sum []float64
	for i, id := range ids {
		if id < 0 {
			continue
		}
		w := 0.0
		if weights != nil {
			w = weights[i]
		} else {
			w = t.Rarity(id)
			w *= w
		}
		if w == 0 {
			continue
		}
		if sum == nil {
			sum = make([]float64, t.dims)
		}
		w /= float64(t.norms[id])
		for k, x := range t.vecs[int(id)*t.dims : int(id+1)*t.dims] {
			sum[k] += w * float64(x)
		}
	}
	n := 0.0
	for _, x := range sum {
		n += x * x
	}
	if n == 0 {
		return nil
	}
	n = math.Sqrt(n)
	out := make([]int8, t.dims, max(t.dims, wideDims))
	for k, x := range sum {
		out[k] = int8(math.Round(centroidScale * x / n))
	}
	return out
}

// CentroidCosine is the cosine of two Centroids of one table, in [-1, 1] to within about 0.01
// (their quantisation); 0 when either is nil.
func CentroidCosine(a, b []int8) float64 {
	if a == nil || b == nil {
		return 0
	}
	return float64(dot(a, b)) / (centroidScale * centroidScale)
}

// CentroidQuery is a centroid prepared to be compared with many others: with AVX2, widened to
// int16 once, so that each cosine is one short assembly call (BenchmarkCentroidQuery: 5.7 ns
// against 59 ns by the plain loop, medians of five runs).
type CentroidQuery struct {
	c    []int8
	wide []int16 // with AVX2: c widened, zero-padded to wideDims
}

// NewCentroidQuery prepares c (a Centroid, or nil: every cosine is then 0).
func NewCentroidQuery(c []int8) CentroidQuery {
	q := CentroidQuery{c: c}
	if useAVX2 && c != nil && len(c) <= wideDims {
		q.wide = make([]int16, wideDims)
		for k, x := range c {
			q.wide[k] = int16(x)
		}
	}
	return q
}

// Cosine is CentroidCosine of the query's centroid and b, bit for bit.
func (q CentroidQuery) Cosine(b []int8) float64 {
	if q.c == nil || b == nil {
		return 0
	}
	if q.wide != nil && cap(b) >= wideDims {
		// b's values past its length are Centroid's zero padding
		var d int32
		dotsAVX2(&b[:wideDims][0], &q.wide[0], 1, &d)
		return float64(d) / (centroidScale * centroidScale)
	}
	return CentroidCosine(q.c, b)
}
