package ingest

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors, each with the sentence Message shows for it. Every error this package returns
// wraps one of them (or a context error), so callers test with errors.Is and show users
// Message(err), never err.Error().
var (
	ErrScheme         = sentinel("url scheme is not http or https", "Only http:// and https:// links can be added.")
	ErrPrivateAddress = sentinel("address is loopback, private, link-local or otherwise not public", "That link points at a private or local network address, which I won't fetch.")
	ErrNotHTML        = sentinel("response is not an HTML page", "That link is not a web page (PDFs, images and data files can't be added).")
	ErrTooLarge       = sentinel("response is larger than the size limit", "That page is too large to add.")
	ErrRedirects      = sentinel("redirect loop or too many redirects", "That link redirects too many times (or in a loop).")
	ErrStatus         = sentinel("server answered with a non-success status", "The site refused or failed the request.")
	ErrNoArticle      = sentinel("page has no readable article", "I couldn't find an article on that page (too little readable text).")
	ErrMostlyChrome   = sentinel("page text is mostly captions, credits, links and prompts", "Too little of that page is article text once captions, credits, related links and prompts are removed.")
	ErrTimeout        = sentinel("fetch timed out", "The site took too long to answer.")
	ErrBadDate        = sentinel("published date is not YYYY-MM-DD", "The published date must look like 2025-11-20.")
	ErrNotFound       = sentinel("no document with that id", "There is no document with that id.")
	ErrExists         = sentinel("a document with that id already exists", "A document with that id is already in the corpus.")
	ErrNotWritable    = sentinel("corpus folder is missing or not writable", "The corpus folder is missing or read-only; set CORPUS_DIR to a writable folder.")
	ErrURLTooLong     = sentinel("url is longer than 2048 characters", "That link is too long (at most 2,048 characters).")
	ErrNoHost         = sentinel("url has no host", "That link has no site name in it; paste the whole address, like https://example.com/article.")
	ErrDNS            = sentinel("the site's name does not resolve", "I couldn't find that site: its name does not resolve (a typo, or the site is gone).")
	ErrDiskFull       = sentinel("no space left on the corpus folder's disk", "The bot's disk is full, so nothing was saved; whoever runs the bot must free some space.")
	ErrDuplicate      = sentinel("a document already cites that link", "That article is already a source.")
	ErrLastDocument   = sentinel("the folder's last document", "That is the last document I have; add another before removing it.")
)

// NeedsErrorID reports whether err is a failure on the bot's side (a full disk, a failed name
// lookup or fetch, an unexpected error) rather than a problem with what was asked: such failures
// are logged with an error id, which the person is told, so the log entry can be found.
func NeedsErrorID(err error) bool {
	var ue *userError
	if !errors.As(err, &ue) {
		return err != nil
	}
	for _, e := range []error{ErrDNS, ErrDiskFull, ErrTimeout, ErrNotWritable} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// userError is a sentinel: its text for the log, and msg for the person who asked.
type userError struct{ text, msg string }

func (e *userError) Error() string { return e.text }

// sentinel declares an error kind together with what users are told about it, so that no kind
// can lack a message.
func sentinel(text, msg string) error { return &userError{text: text, msg: msg} }

// Message is a short sentence for the person who asked, for any error from this package. Details
// (URLs, addresses, Go error text) stay in the log.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var se *statusError
	if errors.As(err, &se) {
		return fmt.Sprintf("The site answered %d %s.", se.code, http.StatusText(se.code))
	}
	var ce *chromeError
	if errors.As(err, &ce) {
		return ce.message()
	}
	var dup *DuplicateError
	if errors.As(err, &dup) {
		return "That article is already a source: `" + dup.ID + "`."
	}
	var ue *userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return "Something went wrong; the details are in the bot's log."
}

// statusError carries the HTTP status for Message; it matches ErrStatus.
type statusError struct{ code int }

func (e *statusError) Error() string        { return fmt.Sprintf("http status %d", e.code) }
func (e *statusError) Is(target error) bool { return target == ErrStatus }
