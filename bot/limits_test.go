package bot

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// longMessage is a message that breaks every limit: long, bold-heavy texts and a shared url.
func longMessage() message {
	sentence := "The **plan** would cap the **army** at 600,000 troops and ask for \\*guarantees\\*. "
	e := &discordgo.MessageEmbed{
		Title:       strings.Repeat("Why ", 100),
		Description: strings.Repeat(sentence, 80),
		Footer:      &discordgo.MessageEmbedFooter{Text: strings.Repeat("Q: long ", 400)},
	}
	for i := 0; i < 30; i++ {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "[1] Source", Value: strings.Repeat(sentence, 20)})
	}
	e2 := &discordgo.MessageEmbed{Title: "second", URL: "https://example.org/same"}
	e3 := &discordgo.MessageEmbed{Title: "third", URL: "https://example.org/same"}
	return message{Content: strings.Repeat("word ", 500), Embeds: []*discordgo.MessageEmbed{e, e2, e3}}
}

func TestOverlongEmbedIsCaughtAndTrimmed(t *testing.T) {
	m := longMessage()
	bad := checkMessage(m)
	for _, want := range []string{"content", "title", "description", "fields", "field 0 value", "footer", "total", "share the url"} {
		if !strings.Contains(strings.Join(bad, "\n"), want) {
			t.Errorf("checkMessage missed %q; found:\n%s", want, strings.Join(bad, "\n"))
		}
	}
	if !fitMessage(&m) {
		t.Fatal("fitMessage changed nothing")
	}
	if bad := checkMessage(m); bad != nil {
		t.Fatalf("still over the limits after fitMessage: %v", bad)
	}
	for _, e := range m.Embeds {
		for _, s := range append([]string{e.Title, e.Description}, fieldTexts(e)...) {
			checkClipped(t, s)
		}
	}
}

func fieldTexts(e *discordgo.MessageEmbed) []string {
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Name, f.Value)
	}
	return out
}

// checkClipped: bold markers come in pairs, and a trimmed text ends with a whole word and the ellipsis.
func checkClipped(t *testing.T, s string) {
	t.Helper()
	if n := strings.Count(strings.ReplaceAll(s, `\*`, ""), "**"); n%2 != 0 {
		t.Errorf("unbalanced bold (%d markers) in %q", n, tail(s))
	}
	if strings.HasSuffix(s, ellipsis) {
		before := strings.TrimSuffix(s, ellipsis)
		if strings.HasSuffix(before, " ") || strings.HasSuffix(before, "*") && !strings.HasSuffix(before, "**") {
			t.Errorf("cut badly: %q", tail(s))
		}
	}
}

func tail(s string) string {
	if len(s) > 60 {
		return "…" + s[len(s)-60:]
	}
	return s
}

func TestClipTextNeverBreaksBold(t *testing.T) {
	s := "Short. **a very long bold run that goes on and on past the limit** tail"
	for limit := 10; limit < len(s); limit++ {
		got := clipText(s, limit)
		if textLen(got) > limit {
			t.Errorf("limit %d: %d characters", limit, textLen(got))
		}
		checkClipped(t, got)
	}
}

func TestPrepareReplacesWhatCannotBeFixed(t *testing.T) {
	var logs bytes.Buffer
	b := newBot(slog.New(slog.NewTextHandler(&logs, nil)), newFakeEngine(), Config{})
	// Six rows of buttons cannot be trimmed into shape: the bot must not send them.
	var rows []discordgo.MessageComponent
	for i := 0; i < 6; i++ {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "x", CustomID: "b" + itoa(i)}}})
	}
	m := b.prepare(message{Content: "hi", Components: rows})
	if len(m.Components) != 0 || !strings.Contains(m.Content, "Sorry") || !strings.Contains(logs.String(), "6 rows") {
		t.Errorf("prepare sent %+v; log %s", m, logs.String())
	}
}

func TestAnswerWithHugeExcerptsFits(t *testing.T) {
	long := strings.Repeat("The army of Ukraine would be capped at a level agreed by all sides. ", 60)
	ans := index.Answer{Answered: true, More: true}
	for i := 0; i < index.MaxExcerpts; i++ {
		ans.Excerpts = append(ans.Excerpts, index.Excerpt{Citation: index.Citation{DocID: "d" + itoa(i), Title: strings.Repeat("Title ", 60), URL: "https://example.org/" + itoa(i)}, Text: long, Spans: []index.Span{spanOf(long, "army")}})
	}
	m := answerMessage(ans, strings.Repeat("question ", 300), "1", 0, "", english)
	fitMessage(&m)
	if bad := checkMessage(m); bad != nil {
		t.Fatalf("answer breaks limits: %v", bad)
	}
	checkClipped(t, m.Embeds[0].Description)
}

func TestLongListPacksIntoSeveralMessages(t *testing.T) {
	l := longList{Title: "Timeline", More: "…and %d more parts left out."}
	for i := 0; i < 200; i++ {
		l.Lines = append(l.Lines, "**1 Jan 2025** — "+strings.Repeat("Something happened on this day. ", 6)+"[1]")
	}
	msgs := l.pack()
	if len(msgs) != maxListReplies {
		t.Fatalf("%d messages, want %d", len(msgs), maxListReplies)
	}
	for i, m := range msgs {
		if bad := checkMessage(m); bad != nil {
			t.Errorf("message %d: %v", i, bad)
		}
	}
	if !strings.Contains(msgs[len(msgs)-1].Content, "more parts left out") {
		t.Error("no note about what was left out")
	}
}
