package bot

import (
	"context"
	"crypto/rand"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// handlerTimeout bounds one handler: the interaction token lasts 15 minutes, after which nothing
// the handler produces can be delivered.
const handlerTimeout = 14 * time.Minute

// autocompleteTimeout leaves room in the 3 s that Discord waits for choices, which cannot be deferred.
const autocompleteTimeout = 2 * time.Second

// response is what a handler returns: the message to show and how to show it.
type response struct {
	message
	Ephemeral bool      // shown only to the user who asked
	Update    bool      // replace the message the clicked button is on, instead of posting a new one
	FollowUps []message // further messages when one is not enough (long lists)
	Modal     *modal    // open this form instead of posting a message (a button's response only)
}

// handlerFunc answers one interaction. It returns data, never talks to Discord itself, and
// returns an error only for failures the user cannot fix (logged with an error id).
type handlerFunc func(b *Bot, ctx context.Context, ic *discordgo.InteractionCreate) (response, error)

// autocompleteFunc offers choices for the focused option; it must be quick.
type autocompleteFunc func(b *Bot, ctx context.Context, ic *discordgo.InteractionCreate) []*discordgo.ApplicationCommandOptionChoice

// deferral says how the dispatcher acknowledges an interaction whose handler is slow, which
// must be decided before the handler has answered.
type deferral struct {
	ephemeral bool // the eventual response is private
	update    bool // a component handler that edits the message it is on (type 6, not 5)
	never     bool // the handler opens a modal, which cannot follow a deferral: wait for it
}

type outcome struct {
	resp response
	err  error
}

// dispatch routes one interaction to its handler and delivers the result. It never panics and
// never returns an error: what goes wrong is logged and, where possible, told to the user.
func (b *Bot) dispatch(ctx context.Context, r responder, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	r = b.watch(r, ic.Token)
	defer func() {
		// The routing below is ours, not a handler's, but a bad payload must not kill the bot either.
		if p := recover(); p != nil {
			b.lg.Error("dispatch panicked", "interaction", ic.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		name := ic.ApplicationCommandData().Name
		spec, ok := commandByName[name]
		if !ok {
			b.lg.Warn("unknown command", "name", name)
			b.reply(r, ic, notice("I don't know that command any more. Try `/help`."))
			return
		}
		if spec.moderator && !b.isModerator(ic) {
			b.reply(r, ic, notice("This command is for the server's moderators."))
			return
		}
		if spec.cooldown && !b.allowQuestion(r, ic) {
			return
		}
		d := deferral{}
		if spec.private != nil {
			d.ephemeral = spec.private(ic)
		}
		b.run(ctx, r, ic, d, spec.handle)
	case discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		id := customID(ic)
		prefix, _, _ := strings.Cut(id, ":")
		spec, ok := componentByPrefix[prefix]
		if !ok {
			b.lg.Warn("unknown component", "custom_id", id)
			b.reply(r, ic, notice("That button no longer works. Ask again with `/ask`."))
			return
		}
		if spec.cooldown && !b.allowQuestion(r, ic) {
			return
		}
		d := deferral{update: spec.update, never: spec.opensModal}
		if spec.private != nil {
			d.ephemeral = spec.private(ic)
		}
		b.run(ctx, r, ic, d, spec.handle)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.autocomplete(ctx, r, ic)
	default:
		b.lg.Debug("ignored interaction", "type", ic.Type.String())
	}
}

// run calls h, and defers when it has not answered after b.deferAfter. A panic in h is
// recovered and answered like an error.
func (b *Bot) run(ctx context.Context, r responder, ic *discordgo.InteractionCreate, d deferral, h handlerFunc) {
	ctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	started := time.Now()
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: &panicError{value: p, stack: debug.Stack()}}
			}
		}()
		resp, err := h(b, ctx, ic)
		done <- outcome{resp: resp, err: err}
	}()
	wait := b.deferAfter
	if d.never {
		wait = handlerTimeout // a modal is answered at once or not at all
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	var out outcome
	deferred := false
	select {
	case out = <-done:
	case <-timer.C:
		deferred = true
		b.sendDefer(r, ic, d)
		out = <-done
	}
	if out.err != nil {
		out.resp = b.failure(ic, out.err)
	}
	if deferred {
		b.deliverDeferred(r, ic, d, out.resp)
	} else {
		b.reply(r, ic, out.resp)
	}
	b.lg.Debug("interaction handled", "interaction", ic.ID, "kind", interactionName(ic),
		"deferred", deferred, "took", time.Since(started), "error", out.err != nil)
}

// failure logs err with a fresh error id and returns the short private message the user sees.
func (b *Bot) failure(ic *discordgo.InteractionCreate, err error) response {
	id := errorID()
	if p, ok := err.(*panicError); ok {
		b.lg.Error("handler panicked", "error_id", id, "interaction", ic.ID, "kind", interactionName(ic),
			"panic", p.value, "stack", string(p.stack))
	} else {
		b.lg.Error("handler failed", "error_id", id, "interaction", ic.ID, "kind", interactionName(ic), "error", err)
	}
	return notice(failureText(id, interactionLang(ic)))
}

// failureText is what a user reads when the bot fails them: an apology and the id that finds the
// details in the log.
func failureText(id string, l lang) string {
	return fmt.Sprintf(text{"Sorry, something went wrong on my side (error id `%s`). Please try again in a moment.",
		"Вибачте, у мене щось пішло не так (ідентифікатор помилки `%s`). Спробуйте ще раз за хвилину."}.in(l), id)
}

type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

// notice is a short private message.
func notice(text string) response {
	return response{message: message{Content: text}, Ephemeral: true}
}

// errorIDAlphabet avoids look-alikes (0/o, 1/l) so users can read the id back.
const errorIDAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

func errorID() string {
	var raw [7]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails on supported platforms
	for i, c := range raw {
		raw[i] = errorIDAlphabet[int(c)%len(errorIDAlphabet)]
	}
	return string(raw[:])
}

// interactionName names an interaction for logs: the command or the button prefix.
func interactionName(ic *discordgo.InteractionCreate) string {
	switch ic.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		return ic.ApplicationCommandData().Name
	case discordgo.InteractionMessageComponent:
		p, _, _ := strings.Cut(ic.MessageComponentData().CustomID, ":")
		return "button:" + p
	case discordgo.InteractionModalSubmit:
		p, _, _ := strings.Cut(ic.ModalSubmitData().CustomID, ":")
		return "modal:" + p
	}
	return ic.Type.String()
}

// customID is the custom_id of a button or a submitted modal, "" for other interactions.
func customID(ic *discordgo.InteractionCreate) string {
	switch ic.Type {
	case discordgo.InteractionMessageComponent:
		return ic.MessageComponentData().CustomID
	case discordgo.InteractionModalSubmit:
		return ic.ModalSubmitData().CustomID
	}
	return ""
}

// userID is the id of whoever caused the interaction, in a guild (Member) or a DM (User).
func userID(ic *discordgo.InteractionCreate) string {
	if ic.Member != nil && ic.Member.User != nil {
		return ic.Member.User.ID
	}
	if ic.User != nil {
		return ic.User.ID
	}
	return ""
}

// allowQuestion applies the per-user cooldown, telling the user privately when it bites.
func (b *Bot) allowQuestion(r responder, ic *discordgo.InteractionCreate) bool {
	ok, wait := b.cooldown.allow(userID(ic))
	if !ok {
		b.reply(r, ic, notice(cooldownText(wait, interactionLang(ic))))
	}
	return ok
}

func cooldownText(wait time.Duration, l lang) string {
	secs := int(wait.Round(time.Second) / time.Second)
	return fmt.Sprintf(text{"You're asking faster than I can read, so I'm taking a short breather. Try again in %d s.",
		"Ви питаєте швидше, ніж я встигаю читати, тож я трохи перепочину. Спробуйте знову за %d с."}.in(l), max(secs, 1))
}
