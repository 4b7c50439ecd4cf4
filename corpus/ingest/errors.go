package ingest

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors. Every error this package returns wraps one of them (or a context error), so
// callers test with errors.Is and show users Message(err), never err.Error().
var (
	ErrScheme         = errors.New("url scheme is not http or https")
	ErrPrivateAddress = errors.New("address is loopback, private, link-local or otherwise not public")
	ErrNotHTML        = errors.New("response is not an HTML page")
	ErrTooLarge       = errors.New("response is larger than the size limit")
	ErrRedirects      = errors.New("redirect loop or too many redirects")
	ErrStatus         = errors.New("server answered with a non-success status")
	ErrNoArticle      = errors.New("page has no readable article")
	ErrTimeout        = errors.New("fetch timed out")
	ErrBadDate        = errors.New("published date is not YYYY-MM-DD")
	ErrNotFound       = errors.New("no document with that id")
	ErrExists         = errors.New("a document with that id already exists")
	ErrNotWritable    = errors.New("corpus folder is missing or not writable")
)

var messages = []struct {
	err error
	msg string
}{
	{ErrScheme, "Only http:// and https:// links can be added."},
	{ErrPrivateAddress, "That link points at a private or local network address, which I won't fetch."},
	{ErrNotHTML, "That link is not a web page (PDFs, images and data files can't be added)."},
	{ErrTooLarge, "That page is too large to add."},
	{ErrRedirects, "That link redirects too many times (or in a loop)."},
	{ErrStatus, "The site refused or failed the request."},
	{ErrNoArticle, "I couldn't find an article on that page (too little readable text)."},
	{ErrTimeout, "The site took too long to answer."},
	{ErrBadDate, "The published date must look like 2025-11-20."},
	{ErrNotFound, "There is no document with that id."},
	{ErrExists, "A document with that id is already in the corpus."},
	{ErrNotWritable, "The corpus folder is missing or read-only; set CORPUS_DIR to a writable folder."},
}

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
	for _, m := range messages {
		if errors.Is(err, m.err) {
			return m.msg
		}
	}
	return "Something went wrong; the details are in the bot's log."
}

// statusError carries the HTTP status for Message; it matches ErrStatus.
type statusError struct{ code int }

func (e *statusError) Error() string        { return fmt.Sprintf("http status %d", e.code) }
func (e *statusError) Is(target error) bool { return target == ErrStatus }
