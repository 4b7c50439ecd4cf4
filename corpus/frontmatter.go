package corpus

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// frontMatterFields are the keys a front-matter block may carry, in the order Encode writes them.
var frontMatterFields = []string{"id", "title", "outlet", "author", "published", "retrieved", "url", "kind", "language"}

// optionalFields are written by Encode only when set, so files without them keep their shape.
var optionalFields = map[string]bool{"retrieved": true}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// parseFrontMatter splits a file into its metadata and body. A file without a block gets only the
// body; the caller fills the metadata from the text. lines holds each key's 1-based line so later
// checks can point at it. Errors carry the 1-based line at fault.
func parseFrontMatter(text string) (meta map[string]string, lines map[string]int, body string, bodyLine int, err *lineError) {
	meta, lines = map[string]string{}, map[string]int{}
	if !strings.HasPrefix(text, "---\n") && !strings.HasPrefix(text, "---\r\n") {
		return meta, lines, text, 1, nil
	}
	rest := text[strings.IndexByte(text, '\n')+1:]
	line := 2
	for {
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			return nil, nil, "", 0, &lineError{1, "front matter is not closed with a line of ---"}
		}
		raw := strings.TrimRight(rest[:nl], "\r")
		rest = rest[nl+1:]
		if raw == "---" {
			return meta, lines, rest, line + 1, nil
		}
		if strings.TrimSpace(raw) != "" && !strings.HasPrefix(strings.TrimSpace(raw), "#") {
			key, value, ok := strings.Cut(raw, ":")
			key = strings.ToLower(strings.TrimSpace(key))
			if !ok || key == "" || strings.ContainsAny(key, " \t") {
				return nil, nil, "", 0, &lineError{line, fmt.Sprintf("front matter line %q is not \"key: value\"", clip(raw, 40))}
			}
			if _, dup := meta[key]; dup {
				return nil, nil, "", 0, &lineError{line, fmt.Sprintf("front matter key %q appears twice", key)}
			}
			v, uerr := unquote(strings.TrimSpace(value))
			if uerr != "" {
				return nil, nil, "", 0, &lineError{line, uerr}
			}
			// Values end up in Discord embeds and on terminals: no ESC, no bidi overrides, and no
			// line breaks (a quoted value may spell them as escapes), which Encode could not keep.
			meta[key] = strings.Map(func(r rune) rune {
				if unicode.IsControl(r) {
					return ' ' // the whitespace StripInvisible keeps: tab, line breaks
				}
				return r
			}, StripInvisible(v))
			lines[key] = line
		}
		line++
	}
}

// unquote accepts plain or double-quoted values; a quoted value may escape \" and \\.
func unquote(v string) (string, string) {
	if !strings.HasPrefix(v, `"`) {
		return v, ""
	}
	if len(v) < 2 || !strings.HasSuffix(v, `"`) {
		return "", "unterminated quoted value"
	}
	s, err := strconv.Unquote(v)
	if err != nil {
		return "", "bad quoted value"
	}
	return s, ""
}

type lineError struct {
	line int
	msg  string
}

// applyMeta validates metadata into doc, reporting the first bad field at its line (lines from
// parseFrontMatter; line 1 when unknown).
func applyMeta(doc *Document, meta map[string]string, lines map[string]int) *lineError {
	unknown := ""
	for k := range meta {
		if !contains(frontMatterFields, k) && (unknown == "" || lines[k] < lines[unknown]) {
			unknown = k // the first in the file, not in map order
		}
	}
	if unknown != "" {
		return metaError(lines, unknown, fmt.Sprintf("unknown front matter key %q (known: %s)", unknown, strings.Join(frontMatterFields, ", ")))
	}
	if msg, key := checkMeta(doc, meta); msg != "" {
		return metaError(lines, key, msg)
	}
	return nil
}

func metaError(lines map[string]int, key, msg string) *lineError {
	line := lines[key]
	if line == 0 {
		line = 1
	}
	return &lineError{line, msg}
}

// checkMeta fills doc from meta, returning the first problem and the key it is about.
func checkMeta(doc *Document, meta map[string]string) (msg, key string) {
	if id, ok := meta["id"]; ok && id != "" {
		if !idPattern.MatchString(id) {
			return fmt.Sprintf("id %q must be lower-case letters, digits and dashes, at most 64", clip(id, 70)), "id"
		}
		doc.ID = id
	}
	if t := meta["title"]; t != "" {
		doc.Title = t
	}
	doc.Outlet, doc.Author, doc.URL = meta["outlet"], meta["author"], meta["url"]
	for _, f := range []struct {
		key string
		dst *string
	}{{"published", &doc.Published}, {"retrieved", &doc.Retrieved}} {
		if v := meta[f.key]; v != "" {
			if _, err := time.Parse("2006-01-02", v); err != nil {
				return fmt.Sprintf("%s %q is not a date like 2025-11-20", f.key, clip(v, 40)), f.key
			}
			*f.dst = v
		}
	}
	if u := doc.URL; u != "" {
		if msg := checkURL(u); msg != "" {
			return msg, "url"
		}
	}
	switch k := Kind(meta["kind"]); k {
	case "":
		doc.Kind = KindArticle
	case KindArticle, KindPlan, KindReference:
		doc.Kind = k
	default:
		return fmt.Sprintf("kind %q must be article, plan or reference", clip(string(k), 30)), "kind"
	}
	doc.Language = meta["language"]
	if doc.Language == "" {
		doc.Language = "en"
	}
	return "", ""
}

// MaxURL is the longest url a document may cite, and the longest link /corpus add accepts (2,048
// characters): Discord refuses an embed whose url is longer, so a longer one could be stored but
// never shown as a link.
const MaxURL = 2048

// checkURL says what is wrong with a document's url, "" when nothing is: it must be an http or
// https link with a host, no user info (a password would be quoted publicly), at most MaxURL long.
func checkURL(raw string) string {
	if !strings.HasPrefix(raw, "https://") && !strings.HasPrefix(raw, "http://") {
		return fmt.Sprintf("url %q must start with http:// or https://", clip(raw, 60))
	}
	if len(raw) > MaxURL {
		return fmt.Sprintf("url is %d characters long, more than the %d a link may have", len(raw), MaxURL)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "url is not a valid link"
	case u.Hostname() == "":
		return fmt.Sprintf("url %q has no host", clip(raw, 60))
	case u.User != nil:
		return "url must not carry a user name or password (user:password@)"
	case strings.ContainsAny(raw, " \t"):
		return "url must not contain spaces"
	}
	return ""
}

// Encode renders a document as a file: its front matter, then Body unchanged. Load(Encode(d))
// gives back d's metadata and body.
func Encode(d Document) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	vals := map[string]string{"id": d.ID, "title": d.Title, "outlet": d.Outlet, "author": d.Author,
		"published": d.Published, "retrieved": d.Retrieved, "url": d.URL, "kind": string(d.Kind), "language": d.Language}
	for _, k := range frontMatterFields {
		v := strings.ReplaceAll(vals[k], "\n", " ")
		if v == "" && optionalFields[k] || k == "title" && d.TitleFromText {
			continue // a title the first line gives is read from it again, and treated as such (Parse)
		}
		if v != "" && (strings.ContainsAny(v, `:"#'`) || strings.TrimSpace(v) != v) {
			v = strconv.Quote(v)
		}
		b.WriteString(k + ": " + v + "\n")
	}
	b.WriteString("---\n")
	b.WriteString(d.Body)
	return []byte(b.String())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }
