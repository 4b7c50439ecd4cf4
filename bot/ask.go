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
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         "question",
				Description:  "Your question, e.g. What does the plan say about NATO?",
				Required:     true,
				MaxLength:    index.MaxQuestion,
				Autocomplete: true, // questions the sources can answer, as you type
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

// more answers the More button: the next excerpts for the same question, as a new message, while
// the button is disabled on the message it was pressed on. It is used once: a second press (a
// double click, or a client that has not seen the update) gets a private note, not the page again.
func (b *Bot) more(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, offset, a, ok := b.recallButton(ic)
	if !ok {
		return notice(txtExpired.in(interactionLang(ic))), nil
	}
	pressed := customID(ic)
	if ic.Message != nil {
		pressed = ic.Message.ID + "/" + pressed
	}
	if _, used := b.usedMore.get(pressed); used {
		return notice(text{"I've already shown the next excerpts: they are in the message below that answer.",
			"Я вже показав наступні уривки: вони в повідомленні під цією відповіддю."}.in(interactionLang(ic))), nil
	}
	b.usedMore.put(pressed, true)
	a.Private = fromEphemeral(ic)
	page, err := b.answerInteraction(ctx, ic, key, a, offset)
	if err != nil || ic.Message == nil {
		return page, err
	}
	return response{
		message:   message{Content: ic.Message.Content, Embeds: ic.Message.Embeds, Components: disableButton(ic.Message.Components, customID(ic))},
		Update:    true,
		Ephemeral: a.Private,
		FollowUps: []message{page.message},
	}, nil
}

// disableButton copies a message's components with the button customID disabled.
func disableButton(rows []discordgo.MessageComponent, customID string) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(rows))
	for _, row := range rows {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		copied := discordgo.ActionsRow{}
		for _, c := range r.Components {
			if btn, ok := c.(*discordgo.Button); ok {
				b := *btn
				b.Disabled = b.Disabled || b.CustomID == customID
				copied.Components = append(copied.Components, b)
			}
		}
		if len(copied.Components) > 0 {
			out = append(out, copied)
		}
	}
	return out
}

var txtExpired = text{"I no longer remember the question behind that button. Please ask again with `/ask`.",
	"Я вже не пам'ятаю питання за цією кнопкою. Будь ласка, запитайте знову через `/запитати`."}

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
	b.logAnswer(ctx, ans, a)
	b.rememberShown(key, offset, ans)
	if offset == 0 { // More pages the same question: the first answer already counted
		b.observeAnswer(ctx, ic.GuildID, ic.ChannelID, a.Question, ans)
	}
	return response{message: answerMessage(ans, a.Question, key, offset, b.cfg.PublicURL, interactionLang(ic)), Ephemeral: a.Private}, nil
}

// logAnswer logs and counts one answer.
func (b *Bot) logAnswer(ctx context.Context, ans index.Answer, a asked) {
	b.telemetry.Answered(wayOf(ctx), outcomeOf(ans), ans.Took)
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
		return notice(txtExpired.in(interactionLang(ic))), nil
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
