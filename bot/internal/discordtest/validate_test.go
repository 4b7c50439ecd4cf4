package discordtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const noPings = `"allowed_mentions":{"parse":[]}`

func callback(typ int, data string) string {
	return fmt.Sprintf(`{"type":%d,"data":%s}`, typ, data)
}

func embedWithDescription(n int) string {
	return fmt.Sprintf(`{"description":%q}`, strings.Repeat("x", n))
}

func buttons(n int, customID string) string {
	var b []string
	for i := range n {
		b = append(b, fmt.Sprintf(`{"type":2,"style":1,"label":"b%d","custom_id":"%s%d"}`, i, customID, i))
	}
	return `{"type":1,"components":[` + strings.Join(b, ",") + `]}`
}

func repeatJSON(item string, n int) string {
	return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
}

func TestValidateRequest(t *testing.T) {
	requireSpec(t)
	const cb = "/api/v9/interactions/123/tok/callback"
	long := strings.Repeat("é", 2001)
	tests := []struct {
		name, method, path, body string
		wantErr                  string // substring; "" means valid
	}{
		{"reply", "POST", cb, callback(4, `{"content":"hi",`+noPings+`}`), ""},
		{"reply with discordgo's nulls", "POST", cb, callback(4, `{"tts":false,"content":"hi","components":null,"embeds":null,"allowed_mentions":{"parse":null,"replied_user":false}}`), ""},
		{"defer without data", "POST", cb, `{"type":5}`, ""},
		{"ephemeral defer", "POST", cb, callback(5, `{"flags":64}`), ""},
		{"v10 prefix", "POST", "/api/v10/interactions/123/tok/callback", callback(4, `{"content":"hi",`+noPings+`}`), ""},
		{"unknown callback type", "POST", cb, callback(99, `{"content":"hi",`+noPings+`}`), "does not match Discord's schema"},
		{"content is a number", "POST", cb, callback(4, `{"content":5,`+noPings+`}`), "does not match Discord's schema"},
		{"type is a string", "POST", cb, `{"type":"4"}`, "does not match Discord's schema"},
		{"no allowed_mentions", "POST", cb, callback(4, `{"content":"hi"}`), "allowed_mentions missing"},
		{"parse everyone", "POST", cb, callback(4, `{"content":"hi","allowed_mentions":{"parse":["everyone"]}}`), "never ping"},
		{"allowed user", "POST", cb, callback(4, `{"content":"hi","allowed_mentions":{"parse":[],"users":["42"]}}`), "never ping"},
		{"ping replied user", "POST", cb, callback(4, `{"content":"hi","allowed_mentions":{"parse":[],"replied_user":true}}`), "never ping"},
		{"content 2001 characters", "POST", cb, callback(4, `{"content":"`+long+`",`+noPings+`}`), "content"},
		{"content 2000 characters", "POST", cb, callback(4, `{"content":"`+long[2:]+`",`+noPings+`}`), ""},
		{"description 4096", "POST", cb, callback(4, `{"embeds":[`+embedWithDescription(4096)+`],`+noPings+`}`), ""},
		{"description 4097", "POST", cb, callback(4, `{"embeds":[`+embedWithDescription(4097)+`],`+noPings+`}`), "description"},
		{"embeds 6000 together", "POST", cb, callback(4, `{"embeds":[`+embedWithDescription(4000)+`,`+embedWithDescription(2000)+`],`+noPings+`}`), ""},
		{"embeds 6001 together", "POST", cb, callback(4, `{"embeds":[`+embedWithDescription(4000)+`,`+embedWithDescription(2001)+`],`+noPings+`}`), "6001 characters together"},
		{"field name 257", "POST", cb, callback(4, `{"embeds":[{"fields":[{"name":"`+strings.Repeat("n", 257)+`","value":"v"}]}],`+noPings+`}`), "field name"},
		{"11 embeds", "POST", cb, callback(4, `{"embeds":`+repeatJSON(`{"title":"t"}`, 11)+`,`+noPings+`}`), "embeds"},
		{"embed url not a URL", "POST", cb, callback(4, `{"embeds":[{"title":"t","url":"docs/page"}],`+noPings+`}`), "does not match Discord's schema"},
		{"empty reply", "POST", cb, callback(4, `{`+noPings+`}`), "empty message"},
		{"reply without data", "POST", cb, `{"type":4}`, "empty message"},
		{"update clears everything", "POST", cb, callback(7, `{"content":"","components":null,"embeds":null,`+noPings+`}`), "empties the message"},
		{"update removes buttons", "POST", cb, callback(7, `{"components":[],`+noPings+`}`), ""},
		{"5 rows of 5 buttons", "POST", cb, callback(4, `{"content":"c","components":`+repeatJSON(buttons(5, "b"), 5)+`,`+noPings+`}`), ""},
		{"6 rows", "POST", cb, callback(4, `{"content":"c","components":`+repeatJSON(buttons(1, "b"), 6)+`,`+noPings+`}`), "action rows"},
		{"6 buttons in a row", "POST", cb, callback(4, `{"content":"c","components":[`+buttons(6, "b")+`],`+noPings+`}`), "in an action row"},
		{"custom_id 101", "POST", cb, callback(4, `{"content":"c","components":[`+buttons(1, strings.Repeat("c", 100))+`],`+noPings+`}`), "custom_id"},
		{"autocomplete", "POST", cb, callback(8, `{"choices":[{"name":"go","value":"go"}]}`), ""},
		{"26 choices", "POST", cb, callback(8, `{"choices":`+repeatJSON(`{"name":"n","value":"v"}`, 26)+`}`), "26 choices"},
		{"choice name 101", "POST", cb, callback(8, `{"choices":[{"name":"`+strings.Repeat("n", 101)+`","value":"v"}]}`), "name"},
		{"choice value 101", "POST", cb, callback(8, `{"choices":[{"name":"n","value":"`+strings.Repeat("v", 101)+`"}]}`), "value"},

		{"follow-up", "POST", "/api/v9/webhooks/1/tok?wait=true", `{"content":"more",` + noPings + `}`, ""},
		{"follow-up pings", "POST", "/api/v9/webhooks/1/tok", `{"content":"more"}`, "allowed_mentions missing"},
		{"edit original", "PATCH", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"done",` + noPings + `}`, ""},
		{"edit original pings", "PATCH", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"done"}`, "allowed_mentions missing"},
		{"edit follow-up", "PATCH", "/api/v9/webhooks/1/tok/messages/555", `{"embeds":[` + embedWithDescription(4097) + `],` + noPings + `}`, "description"},
		{"channel message", "POST", "/api/v9/channels/7/messages", `{"content":"hi","message_reference":{"message_id":"8"},` + noPings + `}`, ""},
		{"channel message pings", "POST", "/api/v9/channels/7/messages", `{"content":"hi","allowed_mentions":{"parse":["users"]}}`, "never ping"},
		{"typing", "POST", "/api/v9/channels/7/typing", ``, ""},
		{"get original", "GET", "/api/v9/webhooks/1/tok/messages/@original", ``, ""},
		{"GET with a body", "GET", "/api/v9/users/@me", `{"x":1}`, "takes no body"},
		{"POST without its body", "POST", "/api/v9/channels/7/messages", ``, "requires a body"},
		{"unknown route", "GET", "/api/v9/nope", ``, "no operation GET /nope"},
		{"empty id segment", "PUT", "/api/v9/applications//commands", `[]`, "no operation"},

		{"commands", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"Ask the docs","default_member_permissions":"32","options":[{"type":3,"name":"question","description":"q","required":true}]},{"type":3,"name":"Ask about this message"}]`, ""},
		{"guild commands", "PUT", "/api/v9/applications/1/guilds/2/commands", `[{"name":"reindex","description":"Rebuild the index","default_member_permissions":"32"}]`, ""},
		{"permissions not digits", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d","default_member_permissions":"admin"}]`, "does not match Discord's schema"},
		{"upper-case name", "PUT", "/api/v9/applications/1/commands", `[{"name":"Ask","description":"d"}]`, "not lower case"},
		{"space in name", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask me","description":"d"}]`, "does not match"},
		{"name 33", "PUT", "/api/v9/applications/1/commands", `[{"name":"` + strings.Repeat("a", 33) + `","description":"d"}]`, "name"},
		{"no description", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask"}]`, "description"},
		{"message command with description", "PUT", "/api/v9/applications/1/commands", `[{"type":3,"name":"Ask","description":"d"}]`, "must be empty"},
		{"duplicate names", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d"},{"name":"ask","description":"d"}]`, "duplicate"},
		{"upper-case option", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d","options":[{"type":3,"name":"Question","description":"q"}]}]`, "not lower case"},
		{"required after optional", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d","options":[{"type":3,"name":"a","description":"a"},{"type":3,"name":"b","description":"b","required":true}]}]`, "required option after"},
		{"26 options", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d","options":` + repeatJSON(`{"type":5,"name":"o","description":"o"}`, 26) + `}]`, "26 options"},
		{"26 option choices", "PUT", "/api/v9/applications/1/commands", `[{"name":"ask","description":"d","options":[{"type":3,"name":"o","description":"o","choices":` + repeatJSON(`{"name":"n","value":"v"}`, 26) + `}]}]`, "26 choices"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateRequest(tt.method, tt.path, []byte(tt.body))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("ValidateRequest(%s %s) = %v, want nil", tt.method, tt.path, err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("ValidateRequest(%s %s) = nil, want an error containing %q", tt.method, tt.path, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("ValidateRequest(%s %s) = %v, want an error containing %q", tt.method, tt.path, err, tt.wantErr)
			}
		})
	}
}

func TestValidateRequestMultipart(t *testing.T) {
	requireSpec(t)
	form := func(payload string) []byte {
		return []byte("--BOUNDARY\r\n" +
			"Content-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n" +
			payload + "\r\n--BOUNDARY\r\n" +
			"Content-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n" +
			"hello\r\n--BOUNDARY--\r\n")
	}
	const path = "/api/v9/webhooks/1/tok"
	if err := ValidateRequest("POST", path, form(`{`+noPings+`}`)); err != nil {
		t.Errorf("file-only follow-up: %v, want nil (a file makes the message non-empty)", err)
	}
	if err := ValidateRequest("POST", path, form(`{"content":"see file"}`)); err == nil || !strings.Contains(err.Error(), "allowed_mentions") {
		t.Errorf("multipart follow-up without allowed_mentions: %v, want the allowed_mentions violation", err)
	}
}

func TestPermissionsAsNumbersKeepsLargeValuesExact(t *testing.T) {
	requireSpec(t)
	// 2^53+1 would round in a float64; the spec's maximum is 2^54-1.
	body := `[{"name":"ask","description":"d","default_member_permissions":"9007199254740993"}]`
	if err := ValidateRequest("PUT", "/applications/1/commands", []byte(body)); err != nil {
		t.Errorf("large permissions: %v", err)
	}
	body = `[{"name":"ask","description":"d","default_member_permissions":"18014398509481984"}]`
	if err := ValidateRequest("PUT", "/applications/1/commands", []byte(body)); err == nil {
		t.Errorf("permissions above the spec's maximum: nil error, want a schema violation")
	}
}

func TestReadSpecMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "openapi.json")
	t.Setenv(SpecEnv, missing)
	_, err := readSpec()
	if !errors.Is(err, errSpecNotFound) || !strings.Contains(err.Error(), missing) {
		t.Errorf("readSpec with %s=%s: %v, want errSpecNotFound naming the path", SpecEnv, missing, err)
	}
}

func TestSpecPathFindsModuleRoot(t *testing.T) {
	t.Setenv(SpecEnv, "")
	got, err := specPath()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	// The test runs in bot/internal/discordtest; the module root is three levels up.
	want := filepath.Join(wd, "..", "..", "..", "testdata", "discord-api-spec", "openapi.json")
	if filepath.Clean(got) != filepath.Clean(want) {
		t.Errorf("specPath() = %s, want %s", got, want)
	}
}

func TestBestTemplatePrefersLiterals(t *testing.T) {
	templates := []pathTemplate{
		{raw: "/webhooks/{a}/{b}/messages/{m}", segments: strings.Split("/webhooks/{a}/{b}/messages/{m}", "/")},
		{raw: "/webhooks/{a}/{b}/messages/@original", segments: strings.Split("/webhooks/{a}/{b}/messages/@original", "/")},
	}
	for path, want := range map[string]string{
		"/webhooks/1/t/messages/@original": "/webhooks/{a}/{b}/messages/@original",
		"/webhooks/1/t/messages/99":        "/webhooks/{a}/{b}/messages/{m}",
		"/webhooks/1/t/messages":           "",
	} {
		if got := bestTemplate(templates, path); got != want {
			t.Errorf("bestTemplate(%s) = %q, want %q", path, got, want)
		}
	}
}
