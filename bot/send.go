package bot

import (
	"context"
	"runtime/debug"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// responder is the part of *discordgo.Session the bot talks to Discord through.
type responder interface {
	InteractionRespond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(i *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseDelete(i *discordgo.Interaction, options ...discordgo.RequestOption) error
	FollowupMessageCreate(i *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessage(channelID, messageID string, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelTyping(channelID string, options ...discordgo.RequestOption) error
	UserChannelCreate(recipientID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	Channel(channelID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	MessageThreadStartComplex(channelID, messageID string, data *discordgo.ThreadStart, options ...discordgo.RequestOption) (*discordgo.Channel, error)
}

var _ responder = (*discordgo.Session)(nil)

// noMentions is attached to every message, edit and follow-up: the bot quotes users and articles
// and must never ping anyone. The empty slice serialises as "parse": [].
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// prepare is the last step before anything is sent: it trims m to Discord's limits and, should
// that not be enough, logs why and sends a short apology instead of a message Discord would refuse.
func (b *Bot) prepare(m message) message {
	if fitMessage(&m) {
		b.lg.Warn("message trimmed to discord's limits", "embeds", len(m.Embeds))
	}
	if bad := checkMessage(m); len(bad) > 0 {
		b.lg.Error("message breaks discord's limits", "problems", bad)
		return message{Content: "Sorry, that answer came out too long to show. Try a narrower question."}
	}
	return m
}

func ephemeralFlag(private bool) discordgo.MessageFlags {
	if private {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// reply answers an interaction at once: type 7 replaces the clicked message (a button's response
// with Update), type 4 posts a new one.
func (b *Bot) reply(r responder, ic *discordgo.InteractionCreate, resp response) {
	if resp.Modal != nil && ic.Type != discordgo.InteractionModalSubmit {
		b.openModal(r, ic, resp.Modal)
		return
	}
	m := b.prepare(resp.message)
	kind := discordgo.InteractionResponseChannelMessageWithSource
	if resp.Update && ic.Type == discordgo.InteractionMessageComponent {
		kind = discordgo.InteractionResponseUpdateMessage
	}
	err := r.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: kind,
		Data: &discordgo.InteractionResponseData{
			Content:         m.Content,
			Embeds:          nonNilEmbeds(m.Embeds),
			Components:      nonNilComponents(m.Components),
			AllowedMentions: noMentions(),
			Flags:           ephemeralFlag(resp.Ephemeral && kind != discordgo.InteractionResponseUpdateMessage),
		},
	})
	if refused(err) && !resp.Ephemeral {
		// Refused calls are not acknowledgements: the interaction can still be answered, privately.
		b.interactionRefused(r, ic, err)
		b.reply(r, ic, notice(txtRefusedInteraction.in(interactionLang(ic))))
		return
	}
	if err != nil {
		b.lg.Error("respond to interaction", "interaction", ic.ID, "error", err)
		return
	}
	b.followUps(r, ic, resp)
}

// openModal answers with a form (type 9). A modal cannot answer a modal submit, nor follow a
// deferral: the dispatcher never defers a handler that opens one.
func (b *Bot) openModal(r responder, ic *discordgo.InteractionCreate, f *modal) {
	err := r.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: f.CustomID, Title: f.Title, Components: f.components()},
	})
	if err != nil {
		b.lg.Error("open modal", "interaction", ic.ID, "error", err)
	}
}

// sendDefer acknowledges a slow interaction: "thinking…" (type 5) or, for a button that will
// edit its own message, a silent acknowledgement (type 6).
func (b *Bot) sendDefer(r responder, ic *discordgo.InteractionCreate, d deferral) {
	kind := discordgo.InteractionResponseDeferredChannelMessageWithSource
	if d.update && ic.Type == discordgo.InteractionMessageComponent {
		kind = discordgo.InteractionResponseDeferredMessageUpdate
	}
	err := r.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: kind,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(), Flags: ephemeralFlag(d.ephemeral)},
	})
	if err != nil {
		b.lg.Error("defer interaction", "interaction", ic.ID, "error", err)
	}
}

// deliverDeferred sends the handler's response after a deferral. When the response does not
// fit the way it was deferred (a private note after a public "thinking…", a new message after
// an update) it goes out as a follow-up, and a public placeholder is removed.
func (b *Bot) deliverDeferred(r responder, ic *discordgo.InteractionCreate, d deferral, resp response) {
	updating := d.update && ic.Type == discordgo.InteractionMessageComponent
	fits := resp.Ephemeral == d.ephemeral
	if updating {
		fits = resp.Update
	}
	if !fits {
		if !updating {
			if err := r.InteractionResponseDelete(ic.Interaction); err != nil {
				b.lg.Warn("delete deferred placeholder", "interaction", ic.ID, "error", err)
			}
		}
		b.followUp(r, ic, resp.message, resp.Ephemeral)
		b.followUps(r, ic, resp)
		return
	}
	m := b.prepare(resp.message)
	embeds := nonNilEmbeds(m.Embeds)
	components := nonNilComponents(m.Components)
	_, err := r.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{
		Content:         &m.Content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	})
	if refused(err) && !resp.Ephemeral {
		b.interactionRefused(r, ic, err)
		b.followUp(r, ic, notice(txtRefusedInteraction.in(interactionLang(ic))).message, true)
		return
	}
	if err != nil {
		b.lg.Error("edit deferred response", "interaction", ic.ID, "error", err)
		return
	}
	b.followUps(r, ic, resp)
}

func (b *Bot) followUps(r responder, ic *discordgo.InteractionCreate, resp response) {
	for _, m := range resp.FollowUps {
		b.followUp(r, ic, m, resp.Ephemeral)
	}
}

func (b *Bot) followUp(r responder, ic *discordgo.InteractionCreate, m message, private bool) {
	m = b.prepare(m)
	_, err := r.FollowupMessageCreate(ic.Interaction, false, &discordgo.WebhookParams{
		Content:         m.Content,
		Embeds:          m.Embeds,
		Components:      nonNilComponents(m.Components),
		AllowedMentions: noMentions(),
		Flags:           ephemeralFlag(private),
	})
	if err != nil {
		b.lg.Error("send follow-up", "interaction", ic.ID, "error", err)
	}
}

// The edit endpoints treat a missing field as "keep" and null as an error in some clients:
// always send arrays.
func nonNilEmbeds(e []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if e == nil {
		return []*discordgo.MessageEmbed{}
	}
	return e
}

func nonNilComponents(c []discordgo.MessageComponent) []discordgo.MessageComponent {
	if c == nil {
		return []discordgo.MessageComponent{}
	}
	return c
}

// autocomplete answers at once (type 8 cannot be deferred) with at most 25 choices; a slow or
// failing provider yields no choices rather than Discord's "loading options failed".
func (b *Bot) autocomplete(ctx context.Context, r responder, ic *discordgo.InteractionCreate) {
	name := ic.ApplicationCommandData().Name
	spec, ok := commandByName[name]
	var choices []*discordgo.ApplicationCommandOptionChoice
	// Autocomplete reaches the bot whatever the command's default_member_permissions say, and it
	// can reveal data (the trash's titles and times): moderators only, checked here as for the
	// command itself.
	if ok && spec.autocomplete != nil && (!spec.moderator || b.isModerator(ic)) {
		ctx, cancel := context.WithTimeout(ctx, autocompleteTimeout)
		defer cancel()
		choices = b.safeChoices(ctx, ic, spec.autocomplete)
	}
	choices = fitChoices(choices)
	err := r.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		b.lg.Error("answer autocomplete", "interaction", ic.ID, "error", err)
	}
}

func (b *Bot) safeChoices(ctx context.Context, ic *discordgo.InteractionCreate, f autocompleteFunc) (choices []*discordgo.ApplicationCommandOptionChoice) {
	defer func() {
		if p := recover(); p != nil {
			b.lg.Error("autocomplete panicked", "interaction", ic.ID, "panic", p, "stack", string(debug.Stack()))
			choices = nil
		}
	}()
	return f(b, ctx, ic)
}

// fitChoices keeps Discord's limits: 25 choices, names and values of 1–100 characters.
func fitChoices(in []*discordgo.ApplicationCommandOptionChoice) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, c := range in {
		if len(out) == maxChoices {
			break
		}
		v, ok := c.Value.(string)
		if ok && (v == "" || textLen(v) > maxChoiceValue) {
			continue // a value we cannot send whole would select the wrong thing
		}
		name := clipWords(c.Name, maxChoiceName)
		if name == "" {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: c.Value})
	}
	return out
}

// clipWords shortens plain text (no markdown) at a word boundary with an ellipsis.
func clipWords(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if textLen(s) <= limit {
		return s
	}
	budget := limit - 1
	n, cut := 0, 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > budget {
			break
		}
		if r == ' ' {
			cut = i
		}
		n += utf16.RuneLen(r)
		if cut == 0 && n == budget {
			cut = i + utf8.RuneLen(r)
		}
	}
	if cut == 0 {
		return ""
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}
