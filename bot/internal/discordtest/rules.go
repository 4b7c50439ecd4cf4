package discordtest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// bodyRules holds the checks the schema cannot express, keyed by method and spec path
// template. Each returns the problems it found with the payload.
var bodyRules = map[string]func(payload) []string{
	"POST /interactions/{interaction_id}/{interaction_token}/callback":             checkCallback,
	"POST /webhooks/{webhook_id}/{webhook_token}":                                  checkNewMessage,
	"PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":              checkMessageEdit,
	"PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}":           checkMessageEdit,
	"POST /channels/{channel_id}/messages":                                         checkNewMessage,
	"PATCH /channels/{channel_id}/messages/{message_id}":                           checkMessageEdit,
	"PUT /applications/{application_id}/commands":                                  checkCommands,
	"PUT /applications/{application_id}/guilds/{guild_id}/commands":                checkCommands,
	"POST /applications/{application_id}/commands":                                 checkCommand,
	"POST /applications/{application_id}/guilds/{guild_id}/commands":               checkCommand,
	"PATCH /applications/{application_id}/commands/{command_id}":                   checkCommand,
	"PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id}": checkCommand,
}

// Interaction callback types (Discord's InteractionCallbackType).
const (
	callbackMessage         = 4
	callbackDeferredMessage = 5
	callbackDeferredUpdate  = 6
	callbackUpdateMessage   = 7
	callbackAutocomplete    = 8
)

// checkCallback applies the message rules to the data of callbacks that send or update a
// message and the choice rules to autocomplete results. Deferrals, pongs and modals carry no
// message.
func checkCallback(p payload) []string {
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(p.json, &cb); err != nil {
		return []string{fmt.Sprintf("rules: decode interaction callback: %v", err)}
	}
	if len(cb.Data) == 0 {
		cb.Data = json.RawMessage("null")
	}
	data := payload{json: cb.Data, files: p.files}
	switch cb.Type {
	case callbackMessage:
		return prefix("data: ", checkNewMessage(data))
	case callbackUpdateMessage:
		return prefix("data: ", checkMessageEdit(data))
	case callbackAutocomplete:
		return prefix("data: ", checkAutocomplete(data))
	}
	return nil
}

// Autocomplete limits.
const (
	maxChoices         = 25
	maxChoiceNameLen   = 100
	maxChoiceStringLen = 100
)

// choice is an application command option choice, in autocomplete results and command options.
type choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

func checkAutocomplete(p payload) []string {
	var data struct {
		Choices []choice `json:"choices"`
	}
	if err := json.Unmarshal(p.json, &data); err != nil {
		return []string{fmt.Sprintf("rules: decode autocomplete data: %v", err)}
	}
	return checkChoices("choices", data.Choices)
}

func checkChoices(where string, choices []choice) []string {
	var problems []string
	if len(choices) > maxChoices {
		problems = append(problems, fmt.Sprintf("%s: %d choices, at most %d allowed", where, len(choices), maxChoices))
	}
	for i, c := range choices {
		if n := runeLen(c.Name); n < 1 || n > maxChoiceNameLen {
			problems = append(problems, fmt.Sprintf("%s[%d].name: %d characters, want 1–%d", where, i, n, maxChoiceNameLen))
		}
		if s, ok := c.Value.(string); ok && runeLen(s) > maxChoiceStringLen {
			problems = append(problems, fmt.Sprintf("%s[%d].value: %d characters, at most %d allowed", where, i, runeLen(s), maxChoiceStringLen))
		}
	}
	return problems
}

// runeLen counts characters for Discord's limits, which are in characters, as code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

func prefix(p string, problems []string) []string {
	for i := range problems {
		problems[i] = p + problems[i]
	}
	return problems
}
