package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// asked is a question remembered behind an answer's buttons.
type asked struct {
	Question string
	Context  string // the earlier question a follow-up was read with
	Doc      string // /search only: the source filter
	Private  bool
}

func askCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "ask",
		Description: "Ask about the November 2025 US peace plan for Ukraine; I answer with quotes from sources",
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "question",
				Description: "Your question, e.g. What does the plan say about NATO?",
				Required:    true,
				MaxLength:   index.MaxQuestion,
			},
			{
				Type:        discordgo.ApplicationCommandOptionBoolean,
				Name:        "private",
				Description: "Show the answer only to you",
			},
		},
	}
}

func askMessageCommand() *discordgo.ApplicationCommand {
	// Message commands have no description, and their names may contain spaces and capitals.
	return &discordgo.ApplicationCommand{Name: "Ask planbot", Type: discordgo.MessageApplicationCommand}
}

func askPrivate(ic *discordgo.InteractionCreate) bool { return optionBool(ic, "private") }

// ask answers /ask question: [private:].
func (b *Bot) ask(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	a := asked{Question: optionString(ic, "question"), Private: askPrivate(ic)}
	return b.answerInteraction(ctx, ic, ic.ID, a, 0)
}

// askMessage answers the "Ask planbot" message command: the target message's text is the question.
func (b *Bot) askMessage(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	data := ic.ApplicationCommandData()
	var text string
	if data.Resolved != nil {
		text = messageText(data.Resolved.Messages[data.TargetID]) // a forward's text is in its snapshot
	}
	if strings.TrimSpace(text) == "" {
		return notice("That message has no text I can read as a question."), nil
	}
	return b.answerInteraction(ctx, ic, ic.ID, asked{Question: text}, 0)
}

// more answers the More button: the next excerpts for the same question.
func (b *Bot) more(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, offset, a, ok := b.recallButton(ic)
	if !ok {
		return notice(expiredText), nil
	}
	a.Private = fromEphemeral(ic)
	return b.answerInteraction(ctx, ic, key, a, offset)
}

const expiredText = "I no longer remember the question behind that button. Please ask again with `/ask`."

// recall finds the question behind a button: in memory, or else in the footer of the message the
// button is on, so buttons keep working after a restart.
func (b *Bot) recall(key string, m *discordgo.Message) (asked, bool) {
	if a, ok := b.recent.get(key); ok {
		return a, true
	}
	if a, ok := askedFromMessage(m); ok {
		b.recent.put(key, a)
		return a, true
	}
	return asked{}, false
}

// answerInteraction asks the engine and formats the answer; key names the question for buttons.
func (b *Bot) answerInteraction(ctx context.Context, ic *discordgo.InteractionCreate, key string, a asked, offset int) (response, error) {
	ans, err := b.engine.Answer(ctx, cleanInput(a.Question), index.Options{Offset: offset, Context: a.Context})
	if err != nil {
		return response{}, fmt.Errorf("answer %q: %w", clipWords(a.Question, 80), err)
	}
	b.recent.put(key, a)
	b.logAnswer(ans, a)
	b.rememberShown(key, offset, ans)
	if offset == 0 { // More pages the same question: the first answer already counted
		b.observeAnswer(ctx, ic.GuildID, ic.ChannelID, a.Question, ans)
	}
	return response{message: answerMessage(ans, a.Question, key, offset, b.cfg.PublicURL), Ephemeral: a.Private}, nil
}

func (b *Bot) logAnswer(ans index.Answer, a asked) {
	b.lg.Info("answered", "answered", ans.Answered, "reason", ans.Reason, "excerpts", len(ans.Excerpts),
		"confidence", ans.Confidence, "took", ans.Took, "followup", a.Context != "")
}

// recallButton finds the question behind an answer's button: from its custom_id and the bot's
// memory, or the answer message's footer after a restart.
func (b *Bot) recallButton(ic *discordgo.InteractionCreate) (key string, offset int, a asked, ok bool) {
	key, offset, ok = parseAnswerID(customID(ic))
	if !ok {
		return "", 0, asked{}, false
	}
	a, ok = b.recall(key, ic.Message)
	return key, offset, a, ok
}

// answerSources shows who said it: the documents the answer cites, privately.
func (b *Bot) answerSources(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	_, offset, a, ok := b.recallButton(ic)
	if !ok {
		return notice(expiredText), nil
	}
	ans, err := b.engine.Answer(ctx, cleanInput(a.Question), index.Options{Offset: offset, Context: a.Context})
	if err != nil {
		return response{}, fmt.Errorf("answer for sources: %w", err)
	}
	var docs []index.DocumentInfo
	seen := map[string]bool{}
	for _, e := range ans.Excerpts {
		if seen[e.DocID] {
			continue
		}
		seen[e.DocID] = true
		d, ok := b.engine.Document(e.DocID)
		if !ok {
			d = index.DocumentInfo{ID: e.DocID, Title: e.Title, Outlet: e.Outlet, Published: e.Published, URL: e.URL}
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return notice("That answer cites no sources any more: the corpus may have changed. Ask again with `/ask`."), nil
	}
	return response{message: documentsMessage("Sources of this answer", docs), Ephemeral: true}, nil
}

// vote records 👍/👎 and thanks the voter privately.
func (b *Bot) vote(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, offset, up, ok := parseVoteID(ic.MessageComponentData().CustomID)
	if !ok {
		return notice(expiredText), nil
	}
	a, _ := b.recall(key, ic.Message)
	v := Vote{
		Up: up, Question: a.Question, AnswerKey: key,
		GuildID: ic.GuildID, ChannelID: ic.ChannelID, At: b.now(),
	}
	if ic.Message != nil {
		v.MessageID = ic.Message.ID
	}
	v.PassageIDs, _ = b.shown.get(shownKey(key, offset))
	if err := b.feedback.RecordVote(ctx, v); err != nil {
		return response{}, fmt.Errorf("record vote: %w", err)
	}
	if up {
		return notice("Thanks, glad it helped."), nil
	}
	return notice("Thanks for telling me. A moderator can use this to improve the sources."), nil
}
