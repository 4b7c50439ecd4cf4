package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// Anchor is the fragment that names a passage on its document's page: the passage id without the
// "<doc id>/" prefix the corpus gives it ("p07"), or the whole id when it has no such prefix.
func Anchor(docID, passageID string) string {
	if a, ok := strings.CutPrefix(passageID, docID+"/"); ok && a != "" {
		return a
	}
	return passageID
}

// PassageURL is the address of a passage in context: base + "/sources/{doc}#{passage}", where
// base is the public address of the web pages (PUBLIC_URL, with or without a trailing slash).
// The id and fragment are escaped, and so are "(" and ")", so the link can be put in a Markdown
// link as it is. It returns "" when base or docID is empty.
func PassageURL(base, docID, passageID string) string {
	if base == "" || docID == "" {
		return ""
	}
	u := strings.TrimRight(base, "/") + "/sources/" + url.PathEscape(docID)
	if passageID != "" {
		u += "#" + url.PathEscape(Anchor(docID, passageID))
	}
	return strings.NewReplacer("(", "%28", ")", "%29").Replace(u)
}

// CitationURL is PassageURL with a fingerprint of the cited text in the query,
// base + "/sources/{doc}?cite={key}#{passage}": the page then marks the cited sentences inside the
// highlighted passage. text is the excerpt's verbatim text. It returns "" when PassageURL does.
func CitationURL(base, docID, passageID, text string) string {
	u := PassageURL(base, docID, passageID)
	if u == "" || text == "" {
		return u
	}
	path, frag, _ := strings.Cut(u, "#")
	u = path + "?cite=" + citeKey(text)
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// citeKey fingerprints cited text: 8 hex digits of its SHA-256, enough to tell apart the few
// sentence runs of one passage, short enough for a Discord link.
func citeKey(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:4])
}
