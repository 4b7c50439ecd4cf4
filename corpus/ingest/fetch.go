// Package ingest adds an article from a URL to a corpus folder: it fetches the page safely (public
// addresses only, size, time and redirect limits), extracts the readable text with go-readability,
// and writes it as a corpus document. Removal moves files to a trash folder beside the corpus, so
// nothing a moderator added is ever deleted.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Defaults for Config's zero values.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultMaxBytes     = 2 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "planbot/1.0 (+https://github.com/planbot/planbot; corpus ingest for a Discord Q&A bot)"
)

// Config limits what Fetch may do. Zero values take the defaults above.
type Config struct {
	Timeout      time.Duration // the whole fetch, body included
	MaxBytes     int64         // largest body accepted
	MaxRedirects int           // redirects followed before giving up
	UserAgent    string
	// AllowPrivate lets Fetch connect to loopback, private and link-local addresses. Tests only.
	AllowPrivate bool
	// BeforeConnect, when set, sees every address ("ip:port") that passed the address check,
	// just before it is connected to; an error stops the connection. Tests use it to prove that
	// nothing but loopback would ever be connected to.
	BeforeConnect func(network, address string) error
	// Resolver looks host names up; nil → the system's. Tests give one that never leaves the
	// machine.
	Resolver *net.Resolver
}

// Article is what Fetch extracted from a page.
type Article struct {
	URL       string // final URL after redirects
	Title     string
	Byline    string
	SiteName  string
	Published string // YYYY-MM-DD, "" when the page does not say
	Language  string // the page's BCP 47 lang, "" when it does not say
	Excerpt   string
	Text      string // readable body text, paragraphs separated by blank lines
}

// Fetcher downloads pages and extracts articles. It is safe for concurrent use.
type Fetcher struct {
	lg     *slog.Logger
	cfg    Config
	client *http.Client
}

// New returns a Fetcher with cfg's limits.
func New(lg *slog.Logger, cfg Config) *Fetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	f := &Fetcher{lg: lg, cfg: cfg}
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second, Resolver: cfg.Resolver}
	// Checked on the address actually dialled, after DNS: catches rebinding and redirects too.
	dialer.Control = func(network, address string, _ syscall.RawConn) error {
		if !cfg.AllowPrivate {
			if err := checkAddress(network, address); err != nil {
				return fmt.Errorf("dial %s: %w", address, err)
			}
		}
		if cfg.BeforeConnect != nil {
			return cfg.BeforeConnect(network, address)
		}
		return nil
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real destination from the dialer check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          10,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
	}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	// A redirect's own user info would become an Authorization header: never send it.
	req.URL.User = nil
	req.Header.Del("Authorization")
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("redirect loop at %s: %w", req.URL.Redacted(), ErrRedirects)
		}
	}
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("more than %d redirects: %w", f.cfg.MaxRedirects, ErrRedirects)
	}
	return nil
}

// Fetch downloads rawURL and extracts its article. Errors wrap ErrScheme, ErrPrivateAddress,
// ErrNotHTML, ErrTooLarge, ErrRedirects, ErrStatus, ErrNoArticle or ErrTimeout, or ctx's error
// when the caller cancelled.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Article, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return Article{}, err
	}
	body, final, contentType, err := f.get(ctx, u)
	if err != nil {
		f.lg.Info("ingest fetch failed", "url", u.Redacted(), "err", err)
		return Article{}, err
	}
	a, err := extract(body, contentType, final)
	if err != nil {
		f.lg.Info("ingest extract failed", "url", final.Redacted(), "err", err)
		return Article{}, err
	}
	f.lg.Info("ingest fetched", "url", a.URL, "bytes", len(body), "words", wordCount(a.Text))
	return a, nil
}

// get performs the request and returns the body, the final URL and the Content-Type.
func (f *Fetcher) get(ctx context.Context, u *url.URL) ([]byte, *url.URL, string, error) {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, "", fmt.Errorf("new request %s: %w", u.Redacted(), ErrScheme)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, nil, "", f.classify(ctx, err)
	}
	defer resp.Body.Close()
	final := withoutSecrets(resp.Request.URL) // a redirect may carry user info of its own

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, nil, "", fmt.Errorf("get %s: %w", final.Redacted(), &statusError{resp.StatusCode})
	}
	contentType := resp.Header.Get("Content-Type")
	if contentType != "" && !isHTML(contentType) {
		return nil, nil, "", fmt.Errorf("get %s: content type %q: %w", final.Redacted(), contentType, ErrNotHTML)
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, nil, "", fmt.Errorf("get %s: content length %d: %w", final.Redacted(), resp.ContentLength, ErrTooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, nil, "", f.classify(ctx, err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, nil, "", fmt.Errorf("get %s: body over %d bytes: %w", final.Redacted(), f.cfg.MaxBytes, ErrTooLarge)
	}
	if contentType == "" {
		// No header: sniff as browsers do rather than trusting the extension.
		contentType = http.DetectContentType(body)
		if !isHTML(contentType) {
			return nil, nil, "", fmt.Errorf("get %s: sniffed %q: %w", final.Redacted(), contentType, ErrNotHTML)
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil, "", fmt.Errorf("get %s: empty body: %w", final.Redacted(), ErrNoArticle)
	}
	return body, final, contentType, nil
}

// classify maps transport errors onto the package's sentinels, keeping the detail for the log.
func (f *Fetcher) classify(ctx context.Context, err error) error {
	for _, s := range []error{ErrPrivateAddress, ErrRedirects, ErrScheme} {
		if errors.Is(err, s) {
			return err
		}
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("fetch cancelled: %w", err)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && !dns.IsTimeout {
		return fmt.Errorf("%w: %v", ErrDNS, err)
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w after %s: %v", ErrTimeout, f.cfg.Timeout, err)
	}
	return fmt.Errorf("fetch: %w", err)
}

// ParseURL checks a link a person typed (at most corpus.MaxURL long, the longest a document may
// cite) and returns it without user info ("user:secret@"), so that a password in it is neither
// sent, logged nor stored. Errors wrap ErrURLTooLong, ErrScheme
// or ErrNoHost; they quote the link only without its user info.
func ParseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > corpus.MaxURL {
		return nil, fmt.Errorf("url of %d bytes: %w", len(raw), ErrURLTooLong)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the input, user info and all: say only what kind of problem it is.
		return nil, fmt.Errorf("unparsable url: %w", ErrScheme)
	}
	u = withoutSecrets(u)
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("url %s has no host: %w", u.Redacted(), ErrNoHost)
	}
	return u, nil
}

// withoutSecrets is u without user info and fragment (which never reaches the server either).
func withoutSecrets(u *url.URL) *url.URL {
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	return &c
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q: %w", u.Scheme, ErrScheme)
	}
	return nil
}

func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}
