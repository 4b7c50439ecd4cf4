// Package irregular lists the irregular verbs of English with their forms (lead, led; meet, met;
// hold, held), which a stemmer cannot fold: general English from WordNet, generated from a
// published package (see PROVENANCE.md), nothing chosen for planbot's subject.
package irregular

import (
	_ "embed"
	"strings"
)

//go:generate sh -c "d=$(mktemp -d) && (cd $d && npm pack --silent english-verbs-irregular@3.4.0 && tar xzf english-verbs-irregular-3.4.0.tgz) && go run ./gen -src $d/package/dist/verbs.json -out verbs.txt; s=$?; rm -rf $d; exit $s"

//go:embed verbs.txt
var verbs string

// Verbs returns every irregular verb as its forms, the infinitive first: [["arise" "arose"
// "arisen"] ["be" "was" "were" "been"] …], about 570 of them. The caller owns the slices.
func Verbs() [][]string {
	var out [][]string
	for _, line := range strings.Split(strings.TrimSpace(verbs), "\n") {
		if f := strings.Fields(line); len(f) > 1 {
			out = append(out, f)
		}
	}
	return out
}
