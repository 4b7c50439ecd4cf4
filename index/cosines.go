package index

import (
	"math"
	"sync"

	"github.com/planbot/planbot/index/internal/glove"
)

// cosineCache holds, for one answer, the cosines of the question's words with each word of the
// candidate sentences, computed the first time the word is met: a word recurs across an answer's
// sentences (about 1,000 words with vectors, 560 distinct, on the dev questions), and a glove.Probe
// gives a word's cosines with four question words for the price of one.
type cosineCache struct {
	probe   *glove.Probe
	scratch *cosineScratch
	words   []cachedWord // scratch.words and scratch.epoch, at hand for rowOf's inlined check
	epoch   uint32
}

// cosineScratch is the memory of one cosineCache, reused across answers through a pool: indexed
// by glove.ID, so it is as long as the table, and a fresh epoch empties it without clearing.
type cosineScratch struct {
	epoch uint32
	words []cachedWord // by glove.ID
	vals  []float32    // rows of probe.Len() cosines
}

// cachedWord is where a word's cosines are: its row in vals, valid in epoch (one cache line for both).
type cachedWord struct {
	epoch uint32
	row   int32
}

var cosineScratchPool sync.Pool

func newCosineCache(t *glove.Table, ids []glove.ID) cosineCache {
	s, _ := cosineScratchPool.Get().(*cosineScratch)
	if s == nil {
		s = &cosineScratch{words: make([]cachedWord, t.Len())}
	}
	if s.epoch++; s.epoch == 0 {
		clear(s.words)
		s.epoch = 1
	}
	s.vals = append(s.vals[:0], make([]float32, len(ids))...) // row 0: the zeros of every word under cosineFloor
	return cosineCache{probe: t.NewProbe(ids), scratch: s, words: s.words, epoch: s.epoch}
}

// release returns the cache's memory to the pool; the cache is unusable afterwards.
func (c *cosineCache) release() {
	if c.scratch != nil {
		cosineScratchPool.Put(c.scratch)
		c.scratch, c.words = nil, nil
	}
}

// cosineFloor: no use is made of a cosine below it (ranking ignores those under softFloor,
// excerpts mark words from markCos), so the cache keeps those as 0, and a word whose cosines are
// all below it shares row 0, which is all zeros.
const cosineFloor = min(softFloor, markCos)

// rowOf returns the offset in vals of word id's cosines, computing them on first use; 0, the row
// of zeros, when all are below cosineFloor (most words). id must not be glove.None.
func (c *cosineCache) rowOf(id glove.ID) int {
	if w := c.words[id]; w.epoch == c.epoch { // inlined: keep it small
		return int(w.row)
	}
	return c.fill(id)
}

// fill computes word id's row for rowOf. Cosines under cosineFloor become 0, NaN too, so that a
// row's values are 0 or at least cosineFloor and a best match is a plain max.
func (c *cosineCache) fill(id glove.ID) int {
	s := c.scratch
	at := len(s.vals)
	n := c.probe.Len()
	s.vals = append(s.vals, make([]float32, n)...)
	row := s.vals[at : at+n]
	c.probe.Cosines(id, row)
	var kept uint32
	for i, v := range row {
		// a mask, not a branch: whether a cosine is kept is what no processor predicts
		var m uint32
		if float64(v) >= cosineFloor {
			m = ^uint32(0)
		}
		row[i] = math.Float32frombits(math.Float32bits(v) & m)
		kept |= m
	}
	if kept == 0 {
		s.vals, at = s.vals[:at], 0
	}
	s.words[id] = cachedWord{s.epoch, int32(at)}
	return at
}

// cosine of question word gi with word id; 0 when either has no vector, or when it is below
// cosineFloor.
func (c *cosineCache) cosine(gi int, id glove.ID) float32 {
	if id == glove.None {
		return 0
	}
	return c.scratch.vals[c.rowOf(id)+gi]
}
