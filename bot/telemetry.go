package bot

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// Ways a question reaches the bot, as telemetry labels them.
const (
	WayGateway = "gateway" // an interaction over the gateway websocket
	WayHTTP    = "http"    // an interaction POSTed to the interactions endpoint
	WayMessage = "message" // a mention, reply or DM (gateway only)
)

// Outcomes of a question, the three kinds of reply.
const (
	OutcomeConfident = "confident"
	OutcomeTentative = "tentative"
	OutcomeRefused   = "refused"
)

// telemetry receives the bot's counters and timings; cmd/planbot turns them into Prometheus
// metrics. Methods must be quick and safe for concurrent use.
type telemetry interface {
	// Answered counts one answer to a question: way is a Way*, outcome an Outcome*, took the
	// engine's time.
	Answered(way, outcome string, took time.Duration)
	// Reindexed counts one reindex that swapped in a new index of docs documents and passages passages.
	Reindexed(took time.Duration, docs, passages int)
	// DiscordError counts one failed request to Discord's API: its HTTP status, or 0 when no
	// response came back.
	DiscordError(status int)
	// GatewayConnected reports the gateway websocket going up or down.
	GatewayConnected(up bool)
}

type noTelemetry struct{}

func (noTelemetry) Answered(string, string, time.Duration) {}
func (noTelemetry) Reindexed(time.Duration, int, int)      {}
func (noTelemetry) DiscordError(int)                       {}
func (noTelemetry) GatewayConnected(bool)                  {}

// SetTelemetry sends the bot's counters and timings to t. Call it before Attach or serving.
func (b *Bot) SetTelemetry(t telemetry) {
	if t == nil {
		t = noTelemetry{}
	}
	b.telemetry = t
}

type wayKey struct{}

// withWay marks ctx with the way the work came in.
func withWay(ctx context.Context, way string) context.Context {
	return context.WithValue(ctx, wayKey{}, way)
}

// wayOf is the way the work of ctx came in; interactions default to the gateway.
func wayOf(ctx context.Context) string {
	if w, ok := ctx.Value(wayKey{}).(string); ok {
		return w
	}
	return WayGateway
}

func outcomeOf(ans index.Answer) string {
	switch {
	case ans.Answered && ans.Confident:
		return OutcomeConfident
	case ans.Answered:
		return OutcomeTentative
	}
	return OutcomeRefused
}

// discordStatus is the HTTP status of a failed Discord request, or 0 when none came back.
func discordStatus(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		return rest.Response.StatusCode
	}
	var limited *discordgo.RateLimitError
	if errors.As(err, &limited) {
		return http.StatusTooManyRequests
	}
	return 0
}

// watched is the responder of one interaction or message: it counts Discord's errors and hides
// the interaction token from them, because net/http puts the webhook URL, token included, into
// its errors, and errors are logged.
type watched struct {
	responder
	token string
	t     telemetry
}

func (b *Bot) watch(r responder, token string) watched {
	if w, ok := r.(watched); ok {
		r = w.responder
	}
	return watched{responder: r, token: token, t: b.telemetry}
}

func (w watched) check(err error) error {
	if err == nil {
		return nil
	}
	w.t.DiscordError(discordStatus(err))
	if w.token == "" || !strings.Contains(err.Error(), w.token) {
		return err
	}
	return &redactedError{text: strings.ReplaceAll(err.Error(), w.token, "[interaction token]"), err: err}
}

// redactedError is err with a secret cut out of its text; errors.As still finds the cause.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

func (w watched) InteractionRespond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, o ...discordgo.RequestOption) error {
	return w.check(w.responder.InteractionRespond(i, resp, o...))
}

func (w watched) InteractionResponseEdit(i *discordgo.Interaction, e *discordgo.WebhookEdit, o ...discordgo.RequestOption) (*discordgo.Message, error) {
	m, err := w.responder.InteractionResponseEdit(i, e, o...)
	return m, w.check(err)
}

func (w watched) InteractionResponseDelete(i *discordgo.Interaction, o ...discordgo.RequestOption) error {
	return w.check(w.responder.InteractionResponseDelete(i, o...))
}

func (w watched) FollowupMessageCreate(i *discordgo.Interaction, wait bool, p *discordgo.WebhookParams, o ...discordgo.RequestOption) (*discordgo.Message, error) {
	m, err := w.responder.FollowupMessageCreate(i, wait, p, o...)
	return m, w.check(err)
}

func (w watched) ChannelMessageSendComplex(ch string, m *discordgo.MessageSend, o ...discordgo.RequestOption) (*discordgo.Message, error) {
	sent, err := w.responder.ChannelMessageSendComplex(ch, m, o...)
	return sent, w.check(err)
}

func (w watched) ChannelMessage(ch, id string, o ...discordgo.RequestOption) (*discordgo.Message, error) {
	m, err := w.responder.ChannelMessage(ch, id, o...)
	return m, w.check(err)
}

func (w watched) ChannelTyping(ch string, o ...discordgo.RequestOption) error {
	return w.check(w.responder.ChannelTyping(ch, o...))
}
