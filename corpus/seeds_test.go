package corpus

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files from the current output")

// seedSentences holds every sentence the default documents offered before the chrome rules of
// issue 12 ("id<TAB>sentence" a line). Regenerate it with -update only when the seeds themselves
// change, and read the diff: a sentence that disappears is a rule removing article text.
const seedSentences = "testdata/default_sentences.golden"

// seedChrome are the only golden sentences a cleaning rule may remove, each with why it is chrome.
var seedChrome = map[string]string{
	"reuters-zelenskyy-ready\tUkrainian President attends a joint press conference in Paris, France, November 17, 2025.": "a photo caption: it sits above the credit line \"Reuters\"",
}

// No rule removes a sentence of the seeds' article text.
func TestSeedSentencesKept(t *testing.T) {
	var now []string
	have := map[string]bool{}
	for _, d := range loadDefault(t) {
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				key := d.ID + "\t" + s.Text
				now = append(now, key)
				have[key] = true
			}
		}
	}
	if *update {
		if err := os.WriteFile(seedSentences, []byte(strings.Join(now, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(seedSentences)
	if err != nil {
		t.Fatal(err)
	}
	golden := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(golden) < 200 {
		t.Fatalf("%s holds only %d sentences", seedSentences, len(golden))
	}
	for _, key := range golden {
		why, chrome := seedChrome[key]
		switch {
		case !have[key] && !chrome:
			t.Errorf("article sentence removed: %q", key)
		case have[key] && chrome:
			t.Errorf("still kept, though it is %s: %q", why, key)
		}
	}
}
