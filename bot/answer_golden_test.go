package bot

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// renderEmbed writes a message the way a Discord client lays it out, as plain text.
func renderEmbed(m message) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString("# " + e.Title + "\n\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text + "\n")
		}
	}
	for _, row := range m.Components {
		var labels []string
		for _, c := range row.(discordgo.ActionsRow).Components {
			if btn, ok := c.(discordgo.Button); ok {
				label := btn.Label
				if btn.Emoji != nil {
					label = strings.TrimSpace(btn.Emoji.Name + " " + label)
				}
				labels = append(labels, "["+label+"]")
			}
		}
		b.WriteString("\n" + strings.Join(labels, " ") + "\n")
	}
	return b.String()
}

// TestAnswerGolden pins what an /ask answer looks like on the real engine; README.md shows it.
// Run `go test ./bot -run Golden -update` after an intended change, and read the diff.
func TestAnswerGolden(t *testing.T) {
	engine := realEngine(t)
	for _, tc := range []struct{ file, question string }{
		{"answer_army.golden", "How large could Ukraine's army be under the plan?"},
		{"answer_refused.golden", "What did the Pope say about the plan?"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			ans, err := engine.Answer(context.Background(), tc.question, index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			m := answerMessage(ans, tc.question, "1234567890", 0, "", english)
			if bad := checkMessage(m); len(bad) > 0 {
				t.Fatalf("message breaks Discord limits: %v", bad)
			}
			got := renderEmbed(m)
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("answer changed; run with -update if intended.\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}
