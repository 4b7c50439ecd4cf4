package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Follow-ups that need no privileged intent. Without Message Content, a reply to an answer reaches
// the bot with empty text unless it pings the bot, and a reply to an interaction's answer never
// carries text; buttons and modals need no intent at all. So every answer carries a Follow up
// button that opens a form, and the question typed there is read with the earlier one as context.

// Discord's modal limits: a title and a text input's label of at most 45 characters, a
// placeholder of at most 100.
const (
	maxModalTitle  = 45
	maxInputLabel  = 45
	maxPlaceholder = 100
)

// followUpInput is the custom_id of the form's one text input.
const followUpInput = "question"

// modal is a form the bot opens in answer to a button: one row per text input.
type modal struct {
	CustomID string
	Title    string
	Inputs   []discordgo.TextInput
}

func (f *modal) components() []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	for _, in := range f.Inputs {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{in}})
	}
	return rows
}

// followUpForm answers the Follow up button with a form asking for the next question; its
// placeholder recalls the earlier one.
func (b *Bot) followUpForm(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, offset, a, ok := b.recallButton(ic)
	if !ok {
		return notice(txtExpired.in(interactionLang(ic))), nil
	}
	l := interactionLang(ic)
	return response{Modal: &modal{
		CustomID: answerID(prefixFollowUpForm, key, offset),
		Title:    clipWords(txtModalTitle.in(l), maxModalTitle),
		Inputs: []discordgo.TextInput{{
			CustomID:    followUpInput,
			Label:       clipWords(txtModalLabel.in(l), maxInputLabel),
			Style:       discordgo.TextInputParagraph,
			Placeholder: clipWords(txtModalAfter.in(l)+plainUser(a.Question), maxPlaceholder),
			Required:    true,
			MinLength:   1,
			MaxLength:   maxFollowUp,
		}},
	}}, nil
}

// maxFollowUp bounds the form's text: a follow-up is a question, not an essay.
const maxFollowUp = 500

// followUpSubmit answers the submitted form: the typed question, read with the earlier question
// (and that one's own context) as context, as a new answer with its own buttons.
func (b *Bot) followUpSubmit(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	_, _, earlier, ok := b.recallButton(ic)
	if !ok {
		return notice(txtExpired.in(interactionLang(ic))), nil
	}
	question := strings.TrimSpace(modalValue(ic, followUpInput))
	if question == "" {
		return notice("The form was empty: press **Follow up** again and type your question."), nil
	}
	a := asked{Question: question, Context: contextOf(earlier), Private: fromEphemeral(ic)}
	return b.answerInteraction(ctx, ic, ic.ID, a, 0)
}

// contextOf is what a follow-up to a is read with: a's question, after a's own context.
func contextOf(a asked) string {
	if a.Context == "" {
		return a.Question
	}
	return clipWords(a.Context+" "+a.Question, maxContextQuestion)
}

// modalValue is the value of the text input with id in a submitted modal, "" when absent.
func modalValue(ic *discordgo.InteractionCreate, id string) string {
	for _, row := range ic.ModalSubmitData().Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if in, ok := c.(*discordgo.TextInput); ok && in.CustomID == id {
				return in.Value
			}
		}
	}
	return ""
}
