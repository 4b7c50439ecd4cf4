package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// route is one endpoint the fake answers. Paths use the spec's {param} syntax; the first
// matching route wins, so literal paths come before parameterised ones.
type route struct {
	method, path string
	handle       func(s *Server, req Request, params map[string]string) response
}

var routes = []route{
	{"POST", "/interactions/{interaction_id}/{token}/callback", (*Server).interactionCallback},
	{"PUT", "/applications/{application_id}/commands", (*Server).overwriteCommands},
	{"PUT", "/applications/{application_id}/guilds/{guild_id}/commands", (*Server).overwriteCommands},
	{"GET", "/webhooks/{application_id}/{token}/messages/@original", (*Server).getOriginal},
	{"PATCH", "/webhooks/{application_id}/{token}/messages/@original", (*Server).editOriginal},
	{"DELETE", "/webhooks/{application_id}/{token}/messages/@original", (*Server).deleteOriginal},
	{"POST", "/webhooks/{application_id}/{token}", (*Server).followUp},
	{"GET", "/webhooks/{application_id}/{token}/messages/{message_id}", (*Server).getWebhookMessage},
	{"PATCH", "/webhooks/{application_id}/{token}/messages/{message_id}", (*Server).editWebhookMessage},
	{"DELETE", "/webhooks/{application_id}/{token}/messages/{message_id}", noContent},
	{"POST", "/channels/{channel_id}/messages", (*Server).createChannelMessage},
	{"GET", "/channels/{channel_id}/messages/{message_id}", (*Server).getChannelMessage},
	{"POST", "/channels/{channel_id}/typing", noContent},
	{"POST", "/channels/{channel_id}/messages/{message_id}/threads", (*Server).startThread},
	{"GET", "/channels/{channel_id}", (*Server).getChannel},
	{"GET", "/users/@me", func(*Server, Request, map[string]string) response { return jsonResponse(botUser()) }},
	{"POST", "/users/@me/channels", (*Server).createDM},
	{"GET", "/gateway", gateway},
	{"GET", "/gateway/bot", gateway},
}

// response is what the fake answers.
type response struct {
	status int
	body   []byte // JSON, or nil for no body
}

func (r response) write(w http.ResponseWriter) {
	if r.body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(r.status)
	w.Write(r.body)
}

func jsonResponse(v any) response {
	b, err := json.Marshal(v)
	if err != nil {
		return errorResponse(http.StatusInternalServerError, 0, "discordtest: "+err.Error())
	}
	return response{status: http.StatusOK, body: b}
}

// errorResponse is Discord's error body shape, which discordgo decodes into APIErrorMessage.
func errorResponse(status, code int, message string) response {
	b, _ := json.Marshal(map[string]any{"message": message, "code": code})
	return response{status: status, body: b}
}

func noContent(*Server, Request, map[string]string) response {
	return response{status: http.StatusNoContent}
}

func gateway(*Server, Request, map[string]string) response {
	return jsonResponse(map[string]any{
		"url":    "wss://gateway.discord.gg",
		"shards": 1,
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1,
		},
	})
}

// route answers req from the route table; an unknown route is a violation. Callers hold s.mu.
func (s *Server) route(req Request) response {
	segs := strings.Split(req.Path, "/")
	for _, r := range routes {
		if r.method != req.Method {
			continue
		}
		t := pathTemplate{raw: r.path, segments: strings.Split(r.path, "/")}
		if !t.matches(segs) {
			continue
		}
		params := map[string]string{}
		for i, seg := range t.segments {
			if isParam(seg) {
				params[strings.Trim(seg, "{}")] = segs[i]
			}
		}
		return r.handle(s, req, params)
	}
	s.violate(req, "unexpected route: the fake does not answer it and the bot should not need it")
	return errorResponse(http.StatusNotFound, 0, "Unknown route")
}

// overwriteCommands echoes the commands back with ids, as Discord does. The spec allows null
// (discordgo's nil slice) for "no commands".
func (s *Server) overwriteCommands(req Request, params map[string]string) response {
	body := freshJSON(req)
	if body == nil {
		body = []any{}
	}
	cmds, ok := body.([]any)
	if !ok {
		return errorResponse(http.StatusBadRequest, 50035, "Invalid Form Body")
	}
	for i, c := range cmds {
		obj, ok := c.(map[string]any)
		if !ok {
			return errorResponse(http.StatusBadRequest, 50035, "Invalid Form Body")
		}
		obj["id"] = fmt.Sprintf("2000000000000000%02d", i+1)
		obj["application_id"] = params["application_id"]
		obj["version"] = "1"
		if g := params["guild_id"]; g != "" {
			obj["guild_id"] = g
		}
	}
	return jsonResponse(cmds)
}

// freshJSON decodes req's JSON again, so a handler can change it without touching the
// recorded Request.
func freshJSON(req Request) any {
	b, err := json.Marshal(req.JSON)
	if err != nil {
		return nil
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	return v
}
