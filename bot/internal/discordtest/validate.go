package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ValidateRequest checks a request Discord would receive: method, path (with or without the
// /api/vN prefix and query string) and body. It returns nil if the spec has the operation, the
// body matches the operation's schema and breaks none of the rules in this package (no pings,
// size limits, command names, …); otherwise an error joining every problem found. A body that
// starts with a multipart boundary line is read as discordgo's multipart form with payload_json.
// It returns an error wrapping the cause if the spec cannot be loaded.
func ValidateRequest(method, path string, body []byte) error {
	sp, err := loadSpec()
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range sp.check(method, stripAPIPrefix(path), sniffContentType(body), body) {
		errs = append(errs, errors.New(p))
	}
	return errors.Join(errs...)
}

// sniffContentType recognises discordgo's multipart bodies by their first boundary line.
func sniffContentType(body []byte) string {
	first, _, ok := bytes.Cut(body, []byte("\r\n"))
	if ok && bytes.HasPrefix(first, []byte("--")) && len(first) > 2 {
		return "multipart/form-data; boundary=" + string(first[2:])
	}
	return "application/json"
}

// payload is a request body reduced to what the checks need.
type payload struct {
	json  []byte // the JSON document: the body, or the payload_json part of a multipart body
	files int    // file parts of a multipart body
}

// check returns every problem with one request; path has no /api/vN prefix.
func (s *spec) check(method, path, contentType string, body []byte) []string {
	template := s.matchPath(path)
	op := s.operation(method, template)
	if op == nil {
		return []string{fmt.Sprintf("no operation %s %s in Discord's API spec", method, path)}
	}
	rb, _ := op["requestBody"].(map[string]any)
	if rb == nil {
		if len(bytes.TrimSpace(body)) > 0 {
			return []string{fmt.Sprintf("%s %s takes no body, got %d bytes", method, template, len(body))}
		}
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if required, _ := rb["required"].(bool); required {
			return []string{fmt.Sprintf("%s %s requires a body, got none", method, template)}
		}
		return nil
	}

	p, mediaType, err := decodePayload(contentType, body)
	if err != nil {
		return []string{err.Error()}
	}
	mediaType = pickMediaType(rb, mediaType)
	if mediaType == "" {
		return []string{fmt.Sprintf("%s %s: spec has no %s or application/json body", method, template, contentType)}
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.json))
	if err != nil {
		return []string{fmt.Sprintf("body is not JSON: %v", err)}
	}
	doc = permissionsAsNumbers(doc)

	var problems []string
	sch, err := s.schemaFor(method, template, mediaType)
	if err != nil {
		return []string{err.Error()}
	}
	if err := sch.Validate(doc); err != nil {
		problems = append(problems, schemaProblem(method, template, err))
	}
	if rule := bodyRules[method+" "+template]; rule != nil {
		problems = append(problems, rule(p)...)
	}
	return problems
}

// schemaProblem shortens the validator's first line, which names the long schema URL.
func schemaProblem(method, template string, err error) string {
	_, detail, _ := strings.Cut(err.Error(), "\n")
	return fmt.Sprintf("body does not match Discord's schema for %s %s:\n%s", method, template, detail)
}

// decodePayload extracts the JSON document from a JSON or multipart body. mediaType is
// "application/json" or "multipart/form-data".
func decodePayload(contentType string, body []byte) (payload, string, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" {
		return payload{json: body}, "application/json", nil
	}
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var p payload
	found := false
	for {
		part, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return payload{}, "", fmt.Errorf("read multipart body: %w", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return payload{}, "", fmt.Errorf("read multipart part %q: %w", part.FormName(), err)
		}
		switch name := part.FormName(); {
		case name == "payload_json":
			p.json, found = data, true
		case strings.HasPrefix(name, "files["):
			p.files++
		default:
			return payload{}, "", fmt.Errorf("unexpected multipart part %q", name)
		}
	}
	if !found {
		return payload{}, "", errors.New("multipart body has no payload_json part")
	}
	return p, "multipart/form-data", nil
}

// pickMediaType returns want if the requestBody describes it, else application/json if that
// exists, else "".
func pickMediaType(requestBody map[string]any, want string) string {
	content, _ := requestBody["content"].(map[string]any)
	for _, mt := range []string{want, "application/json"} {
		if _, ok := content[mt]; ok {
			return mt
		}
	}
	return ""
}

// permissionsAsNumbers turns digit-only strings under the key default_member_permissions into
// numbers: discordgo sends a string, the spec says integer, and Discord accepts both.
func permissionsAsNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if s, ok := child.(string); ok && k == "default_member_permissions" && isDigits(s) {
				v[k] = json.Number(s)
				continue
			}
			v[k] = permissionsAsNumbers(child)
		}
	case []any:
		for i, child := range v {
			v[i] = permissionsAsNumbers(child)
		}
	}
	return v
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
