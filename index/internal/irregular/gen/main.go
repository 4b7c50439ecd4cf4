// Command gen builds verbs.txt, the irregular English verbs the answer engine folds together
// (lead, led; meet, met), from the npm package english-verbs-irregular (a list based on WordNet,
// part of RosaeNLG; package under Apache-2.0, list under CC-BY-4.0: see ../PROVENANCE.md).
//
// Usage (what `go generate ./index/internal/irregular` runs):
//
//	go run ./gen -src verbs.json -out verbs.txt
//
// Output: one verb a line, its infinitive first and then its other forms (past tense, past
// participle), space separated, distinct, in the package's order of keys (alphabetical).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
)

// plainWord: the lines hold lower-case words only.
var plainWord = regexp.MustCompile(`^[a-z]+$`)

func main() {
	src := flag.String("src", "verbs.json", "the package's dist/verbs.json")
	out := flag.String("out", "verbs.txt", "output file")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var verbs map[string][][]string // infinitive → [[past, participle], …]
	if err := json.Unmarshal(b, &verbs); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	keys := make([]string, 0, len(verbs))
	for k := range verbs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, k := range keys {
		if !plainWord.MatchString(k) {
			continue
		}
		forms := []string{k}
		for _, pp := range verbs[k] {
			for _, x := range pp {
				if plainWord.MatchString(x) && !slices.Contains(forms, x) {
					forms = append(forms, x)
				}
			}
		}
		if len(forms) == 1 {
			continue
		}
		for i, x := range forms {
			if i > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(x)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
