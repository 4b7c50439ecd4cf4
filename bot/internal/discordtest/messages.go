package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Identities the fake uses. The bot's application id is its user id, as for most bots.
const (
	BotUserID            = "100000000000000001"
	BotUsername          = "planbot"
	ApplicationID        = BotUserID
	InteractionChannelID = "300000000000000001" // channel_id of interaction responses and follow-ups
	// DMChannelPrefix starts the id of the DM channel the fake opens with a user: the user's id
	// with its first digit replaced.
	DMChannelPrefix = "4"
)

// Discord error codes the fake answers with.
const (
	codeUnknownWebhook      = 10015
	codeAlreadyAcknowledged = 40060
)

func botUser() *discordgo.User {
	return &discordgo.User{ID: BotUserID, Username: BotUsername, Bot: true}
}

// fakeState is what the fake remembers between requests. Server.mu guards it.
type fakeState struct {
	lastID    int
	messages  map[string]map[string]any // message objects by id, as sent to discordgo
	originals map[string]string         // interaction token → id of its original response
	answered  map[string]bool           // interaction ids that got a callback
	preset    map[string][]byte         // channel/message → JSON, from SetMessage
	pending   map[string]chan struct{}  // interaction token → closed when Deliver has its response
	channels  map[string]map[string]any // channel objects by id, from SetChannel or startThread
}

func newFakeState() fakeState {
	return fakeState{
		messages:  map[string]map[string]any{},
		channels:  map[string]map[string]any{},
		originals: map[string]string{},
		answered:  map[string]bool{},
		preset:    map[string][]byte{},
		pending:   map[string]chan struct{}{},
	}
}

// SetMessage tells the fake what GET /channels/{channelID}/messages/{m.ID} returns, e.g. the
// message a user replied to. Without it the fake returns an empty message by the bot.
func (s *Server) SetMessage(channelID string, m *discordgo.Message) {
	c := *m
	if c.ChannelID == "" {
		c.ChannelID = channelID
	}
	b, err := json.Marshal(&c)
	if err != nil {
		panic(fmt.Sprintf("discordtest: SetMessage: %v", err)) // a test bug, not a fake one
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fake.preset[channelID+"/"+m.ID] = b
}

// newMessage stores and returns a bot-authored message built from a message body.
func (s *Server) newMessage(channelID, id string, body any) map[string]any {
	if id == "" {
		s.fake.lastID++
		id = fmt.Sprintf("3%017d", s.fake.lastID)
	}
	m := map[string]any{
		"id": id, "channel_id": channelID, "type": 0, "author": botUser(),
		"content": "", "embeds": []any{}, "components": []any{}, "attachments": []any{},
		"mentions": []any{}, "mention_roles": []any{}, "mention_everyone": false, "pinned": false,
		"tts": false, "flags": 0, "timestamp": time.Now().UTC().Format(time.RFC3339Nano),
	}
	applyEdit(m, body)
	if ref, ok := m["message_reference"]; ok && ref != nil {
		m["type"] = 19 // a reply
	}
	s.fake.messages[id] = m
	return m
}

// applyEdit copies the fields of a message body Discord would store onto m; null clears.
func applyEdit(m map[string]any, body any) {
	fields, _ := body.(map[string]any)
	zero := map[string]any{"content": "", "embeds": []any{}, "components": []any{}, "flags": 0,
		"attachments": []any{}, "tts": false, "message_reference": nil}
	for k, z := range zero {
		v, ok := fields[k]
		switch {
		case !ok:
		case v == nil:
			m[k] = z
		default:
			m[k] = v
		}
	}
}

// message returns the stored message with id, creating an empty one if the fake never saw it.
func (s *Server) message(channelID, id string) map[string]any {
	if m, ok := s.fake.messages[id]; ok {
		return m
	}
	return s.newMessage(channelID, id, nil)
}

func (s *Server) interactionCallback(req Request, params map[string]string) response {
	id := params["interaction_id"]
	if s.fake.answered[id] {
		s.violate(req, "second callback for one interaction: Discord rejects it")
		return errorResponse(http.StatusBadRequest, codeAlreadyAcknowledged, "Interaction has already been acknowledged.")
	}
	s.fake.answered[id] = true
	body, _ := freshJSON(req).(map[string]any)
	switch typ, _ := body["type"].(float64); typ {
	case callbackMessage, callbackDeferredMessage, callbackDeferredUpdate, callbackUpdateMessage:
		// Only these leave a message that @original and follow-ups refer to.
		s.fake.originals[params["token"]] = s.newMessage(InteractionChannelID, "", body["data"])["id"].(string)
	}
	return response{status: http.StatusNoContent}
}

// original returns the original response of the interaction with token, or records a
// violation: Discord knows no original before the callback.
func (s *Server) original(req Request, token string) (map[string]any, bool) {
	id, ok := s.fake.originals[token]
	if !ok {
		s.violate(req, "the interaction has no callback yet: answer or defer it first")
		return nil, false
	}
	return s.message(InteractionChannelID, id), true
}

func (s *Server) getOriginal(req Request, params map[string]string) response {
	m, ok := s.original(req, params["token"])
	if !ok {
		return errorResponse(http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
	}
	return jsonResponse(m)
}

func (s *Server) editOriginal(req Request, params map[string]string) response {
	m, ok := s.original(req, params["token"])
	if !ok {
		return errorResponse(http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
	}
	applyEdit(m, freshJSON(req))
	m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	return jsonResponse(m)
}

func (s *Server) deleteOriginal(req Request, params map[string]string) response {
	m, ok := s.original(req, params["token"])
	if !ok {
		return errorResponse(http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
	}
	delete(s.fake.messages, m["id"].(string))
	return response{status: http.StatusNoContent}
}

// followUp creates a follow-up message; Discord returns it only with ?wait=true.
func (s *Server) followUp(req Request, params map[string]string) response {
	if _, ok := s.original(req, params["token"]); !ok {
		return errorResponse(http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
	}
	m := s.newMessage(InteractionChannelID, "", freshJSON(req))
	if req.Query.Get("wait") != "true" {
		return response{status: http.StatusNoContent}
	}
	return jsonResponse(m)
}

func (s *Server) getWebhookMessage(req Request, params map[string]string) response {
	return jsonResponse(s.message(InteractionChannelID, params["message_id"]))
}

func (s *Server) editWebhookMessage(req Request, params map[string]string) response {
	m := s.message(InteractionChannelID, params["message_id"])
	applyEdit(m, freshJSON(req))
	m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	return jsonResponse(m)
}

func (s *Server) createChannelMessage(req Request, params map[string]string) response {
	return jsonResponse(s.newMessage(params["channel_id"], "", freshJSON(req)))
}

func (s *Server) getChannelMessage(req Request, params map[string]string) response {
	if b, ok := s.fake.preset[params["channel_id"]+"/"+params["message_id"]]; ok {
		return response{status: http.StatusOK, body: b}
	}
	return jsonResponse(s.message(params["channel_id"], params["message_id"]))
}

// createDM opens (or, as Discord does, returns) the DM channel with recipient_id.
func (s *Server) createDM(req Request, params map[string]string) response {
	body, _ := freshJSON(req).(map[string]any)
	recipient, _ := body["recipient_id"].(string)
	if recipient == "" {
		return errorResponse(http.StatusBadRequest, 50035, "Invalid Form Body")
	}
	return jsonResponse(map[string]any{"id": DMChannelPrefix + recipient[len(DMChannelPrefix):], "type": 1,
		"recipients": []any{map[string]any{"id": recipient, "username": "user" + recipient}}})
}

// codeUnknownChannel is Discord's error for a channel it does not know.
const codeUnknownChannel = 10003

// SetChannel tells the fake about a channel (a thread, a forum post): GET /channels/{id} returns
// it. Channels the fake was not told about are unknown (404, code 10003).
func (s *Server) SetChannel(c *discordgo.Channel) {
	b, err := json.Marshal(c)
	if err != nil {
		panic(fmt.Sprintf("discordtest: SetChannel: %v", err)) // a test bug, not a fake one
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fake.channels[c.ID] = m
}

func (s *Server) getChannel(req Request, params map[string]string) response {
	if c, ok := s.fake.channels[params["channel_id"]]; ok {
		return jsonResponse(c)
	}
	return errorResponse(http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
}

// startThread opens a public thread from a message, as Discord does: its id is the message's.
func (s *Server) startThread(req Request, params map[string]string) response {
	body, _ := freshJSON(req).(map[string]any)
	name, _ := body["name"].(string)
	c := map[string]any{"id": params["message_id"], "type": 11, "parent_id": params["channel_id"], "name": name,
		"owner_id": BotUserID, "thread_metadata": map[string]any{"archived": false, "auto_archive_duration": 1440,
			"locked": false, "archive_timestamp": time.Now().UTC().Format(time.RFC3339)}}
	if parent, ok := s.fake.channels[params["channel_id"]]; ok {
		c["guild_id"] = parent["guild_id"]
	}
	s.fake.channels[params["message_id"]] = c
	return jsonResponse(c)
}
