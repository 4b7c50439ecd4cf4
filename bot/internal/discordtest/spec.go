package discordtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SpecEnv names the environment variable that points at another copy of Discord's openapi.json
// than the one vendored under testdata/discord-api-spec/ at the module root (e.g. a newer one).
const SpecEnv = "DISCORD_API_SPEC"

// vendoredSpec is where the spec lives inside the repository, relative to the module root.
var vendoredSpec = filepath.Join("testdata", "discord-api-spec", "openapi.json")

// specURL is the made-up location the spec document is registered under in the compiler.
const specURL = "https://discord.com/api/openapi.json"

// errSpecNotFound is returned (wrapped) when no openapi.json can be found.
var errSpecNotFound = errors.New("Discord API spec not found")

// spec is the loaded OpenAPI document with a cache of compiled request-body schemas.
type spec struct {
	doc       map[string]any
	templates []pathTemplate

	mu       sync.Mutex // guards compiler and compiled: the compiler is not safe for concurrent use
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

// pathTemplate is one key of the spec's "paths", split into segments.
type pathTemplate struct {
	raw      string
	segments []string
}

var (
	loadOnce   sync.Once
	loadedSpec *spec
	loadErr    error
)

// loadSpec reads and parses the spec once per process; schemas compile lazily in schemaFor.
func loadSpec() (*spec, error) {
	loadOnce.Do(func() { loadedSpec, loadErr = readSpec() })
	return loadedSpec, loadErr
}

func readSpec() (*spec, error) {
	path, err := specPath()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s; set %s", errSpecNotFound, path, SpecEnv)
		}
		return nil, fmt.Errorf("open Discord API spec: %w", err)
	}
	defer f.Close()
	raw, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("parse Discord API spec %s: %w", path, err)
	}
	doc, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("parse Discord API spec %s: not a JSON object", path)
	}
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("parse Discord API spec %s: no paths", path)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // catches embed URLs Discord rejects ("uri") and bad timestamps
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, fmt.Errorf("add Discord API spec to compiler: %w", err)
	}
	s := &spec{doc: doc, compiler: c, compiled: map[string]*jsonschema.Schema{}}
	for p := range paths {
		s.templates = append(s.templates, pathTemplate{raw: p, segments: strings.Split(p, "/")})
	}
	sort.Slice(s.templates, func(i, j int) bool { return s.templates[i].raw < s.templates[j].raw })
	return s, nil
}

// specPath returns $DISCORD_API_SPEC or the vendored testdata/discord-api-spec/openapi.json of
// the module holding the working directory (the directory with go.mod above it).
func specPath() (string, error) {
	if p := os.Getenv(SpecEnv); p != "" {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find Discord API spec: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, vendoredSpec), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: no go.mod above the working directory; set %s", errSpecNotFound, SpecEnv)
		}
		dir = parent
	}
}

// apiVersionPrefix matches the /api/v9 (discordgo) or /api/v10 (the spec) prefix of a request path.
var apiVersionPrefix = regexp.MustCompile(`^/api/v[0-9]+`)

// stripAPIPrefix returns path without its /api/vN prefix and without a query string.
func stripAPIPrefix(path string) string {
	path, _, _ = strings.Cut(path, "?")
	return apiVersionPrefix.ReplaceAllString(path, "")
}

// matchPath returns the spec path template that path (already stripped) falls under, or "".
// A {param} segment matches any non-empty segment; where several templates match, the one
// with a literal segment earliest wins, so ".../messages/@original" beats ".../{message_id}".
func (s *spec) matchPath(path string) string {
	return bestTemplate(s.templates, path)
}

func bestTemplate(templates []pathTemplate, path string) string {
	segs := strings.Split(path, "/")
	var best *pathTemplate
	for i := range templates {
		t := &templates[i]
		if !t.matches(segs) {
			continue
		}
		if best == nil || t.moreLiteralThan(best) {
			best = t
		}
	}
	if best == nil {
		return ""
	}
	return best.raw
}

func (t *pathTemplate) matches(segs []string) bool {
	if len(segs) != len(t.segments) {
		return false
	}
	for i, want := range t.segments {
		if isParam(want) {
			if segs[i] == "" {
				return false
			}
			continue
		}
		if want != segs[i] {
			return false
		}
	}
	return true
}

// moreLiteralThan reports whether t has a literal segment where other has its first parameter.
func (t *pathTemplate) moreLiteralThan(other *pathTemplate) bool {
	for i := range t.segments {
		a, b := isParam(t.segments[i]), isParam(other.segments[i])
		if a != b {
			return b
		}
	}
	return false
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// operation returns the spec's operation object for method on template, or nil.
func (s *spec) operation(method, template string) map[string]any {
	item, _ := s.doc["paths"].(map[string]any)[template].(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	return op
}

// schemaFor compiles (once) the request-body schema of method+template for mediaType.
func (s *spec) schemaFor(method, template, mediaType string) (*jsonschema.Schema, error) {
	ptr := "#/paths/" + escapePointer(template) + "/" + strings.ToLower(method) +
		"/requestBody/content/" + escapePointer(mediaType) + "/schema"
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.compiled[ptr]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(specURL + ptr)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", ptr, err)
	}
	s.compiled[ptr] = sch
	return sch, nil
}

// escapePointer escapes one JSON-pointer token (RFC 6901).
func escapePointer(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}
