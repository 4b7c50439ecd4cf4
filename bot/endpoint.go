package bot

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the interactions endpoint.
const (
	// MaxInteractionBody bounds one POSTed interaction, in bytes. The largest Discord sends are
	// message commands, whose resolved target message holds at most 2,000 characters of content
	// and 6,000 of embeds plus ids and user objects: a few tens of KiB. 256 KiB leaves room.
	MaxInteractionBody = 256 << 10
	// respondWithin bounds the wait for the dispatcher's first response. Discord waits 3 s; the
	// dispatcher answers or defers after deferAfter (2 s), so only an overloaded process gets here.
	respondWithin = 2500 * time.Millisecond
)

// errAnsweredLate is what the dispatcher's first response gets when the endpoint already gave up.
var errAnsweredLate = errors.New("interaction endpoint: the HTTP response was already sent (too late for Discord's 3 s)")

// Endpoint is Discord's interactions endpoint (the application's "Interactions Endpoint URL"):
// signed POSTs of interactions, answered through the same dispatcher as the gateway. The first
// response (an answer, a deferral, autocomplete choices, a modal) is the HTTP body; edits and
// follow-ups go through the interaction webhook. It is safe for concurrent use.
type Endpoint struct {
	b        *Bot
	key      ed25519.PublicKey
	appID    string
	webhooks responder
}

// Endpoint returns the interactions endpoint of b. key is the application's public key, appID its
// id (interactions for another application are refused with 400); webhooks sends edits and
// follow-ups, and needs no bot token (discordgo.New("") will do).
func (b *Bot) Endpoint(key ed25519.PublicKey, appID string, webhooks *discordgo.Session) *Endpoint {
	routeDiscordgoLogs(b.lg) // HTTP-only serving never calls Attach
	return &Endpoint{b: b, key: key, appID: appID, webhooks: webhooks}
}

// ServeHTTP answers one POSTed interaction: 401 for a missing, malformed or wrong signature (Discord
// sends such requests on purpose and delists endpoints that accept them), 413 for a body over
// MaxInteractionBody, 400 for one that is not an interaction, {"type":1} for a PING, 503 while
// shutting down, and otherwise the dispatcher's first response.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST interactions here", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "could not read the request body", http.StatusBadRequest)
		return
	}
	if !VerifySignature(e.key, r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var ic discordgo.InteractionCreate
	if err := json.Unmarshal(body, &ic); err != nil || ic.Interaction == nil || ic.ID == "" {
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if ic.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	if e.appID != "" && ic.AppID != e.appID {
		e.b.lg.Warn("interaction for another application", "interaction", ic.ID, "application", ic.AppID)
		http.Error(w, "interaction for another application", http.StatusBadRequest)
		return
	}
	e.serve(w, r, &ic)
}

// serve runs the dispatcher for ic and writes its first response.
func (e *Endpoint) serve(w http.ResponseWriter, r *http.Request, ic *discordgo.InteractionCreate) {
	finish, ok := e.b.work.start()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	hr := &httpResponder{responder: e.webhooks, first: make(chan *discordgo.InteractionResponse, 1), written: make(chan error, 1)}
	dispatched := make(chan struct{})
	go func() {
		defer finish()
		defer close(dispatched)
		// The work outlives the request: a deferred answer is edited in after the body is sent.
		e.b.dispatch(withWay(e.b.workCtx, WayHTTP), hr, ic)
	}()
	timer := time.NewTimer(respondWithin)
	defer timer.Stop()
	select {
	case resp := <-hr.first:
		hr.written <- writeJSON(w, resp)
		return
	case <-dispatched:
	case <-timer.C:
	case <-r.Context().Done():
	}
	if !hr.claim() { // the dispatcher answered at the same moment: send that
		hr.written <- writeJSON(w, <-hr.first)
		return
	}
	select {
	case <-dispatched:
		// An interaction type the dispatcher does not handle; it has logged it.
		http.Error(w, "interaction not handled", http.StatusBadRequest)
	default:
		e.b.lg.Error("interaction endpoint gave up waiting for the dispatcher", "interaction", ic.ID, "waited", respondWithin)
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}
}

// httpResponder is the responder of one HTTP interaction: its first InteractionRespond becomes
// the HTTP response body; everything else goes to the interaction webhook.
type httpResponder struct {
	responder
	claimed atomic.Bool // the one HTTP response is spoken for
	first   chan *discordgo.InteractionResponse
	written chan error // the outcome of writing the body
}

func (h *httpResponder) claim() bool { return h.claimed.CompareAndSwap(false, true) }

// InteractionRespond hands resp to the HTTP handler and returns once it is written, so that
// edits and follow-ups cannot overtake it.
func (h *httpResponder) InteractionRespond(_ *discordgo.Interaction, resp *discordgo.InteractionResponse, _ ...discordgo.RequestOption) error {
	if !h.claim() {
		return errAnsweredLate
	}
	h.first <- resp
	return <-h.written
}

// writeJSON writes v as the JSON response and flushes it.
func writeJSON(w http.ResponseWriter, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(body); err != nil {
		return err
	}
	return http.NewResponseController(w).Flush()
}

// VerifySignature reports whether sigHex (X-Signature-Ed25519) is key's ed25519 signature of
// timestamp (X-Signature-Timestamp) followed by body. A missing or malformed signature or
// timestamp is false. It is discordgo.VerifyInteraction without reading an *http.Request, so the
// body can be bounded first.
func VerifySignature(key ed25519.PublicKey, sigHex, timestamp string, body []byte) bool {
	if len(key) != ed25519.PublicKeySize || timestamp == "" || len(sigHex) != 2*ed25519.SignatureSize {
		return false
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil {
		return false
	}
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	return ed25519.Verify(key, msg, sig)
}
