// Package web serves the corpus as read-only web pages, so every excerpt planbot quotes can be
// opened in context: each document whole with its passages anchored (/sources/{doc}#{passage}),
// the list of documents, the plan's provisions by topic, the timeline, and answers to questions
// asked in a browser (/?q=…), the same answers the Discord /ask command gives.
//
// Pages are rendered on the server with html/template (document text, titles and questions are
// untrusted and always escaped), use one small stylesheet, set no cookies and need no JavaScript.
// They read the engine at every request, so a /reindex or /corpus change shows at once.
package web

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
	"github.com/planbot/planbot/index"
)

// engine is what the pages read from the answer engine.
type engine interface {
	Answer(ctx context.Context, question string, opts index.Options) (index.Answer, error)
	Documents() []index.DocumentInfo
	Source(id string) (index.Source, bool)
	Provisions(topic corpus.Topic) []index.Excerpt
	Timeline() []index.Event
}

var _ engine = (*index.Live)(nil)

// Config says where the pages are published and where removed documents are kept.
type Config struct {
	// PublicURL is the address readers reach the pages at (PUBLIC_URL). Only its path is used
	// here: links inside the pages start with it, so the site can sit under a prefix. "" → "/".
	PublicURL string
	// CorpusDir is the corpus folder, whose trash says which documents were removed and when;
	// "" for the built-in corpus.
	CorpusDir string
	Now       func() time.Time // injected clock for the rate limit; nil → time.Now
}

// answerTimeout bounds one answer for a browser; the engine answers in milliseconds.
const answerTimeout = 5 * time.Second

//go:embed static/style.css
var styleCSS []byte

//go:embed templates/*.tmpl
var templateFS embed.FS

// Site is the http.Handler of the web pages. Create it with New; it is safe for concurrent use.
type Site struct {
	lg     *slog.Logger
	engine engine
	cfg    Config
	base   string // path prefix of every link, "" or "/prefix"
	css    string // the stylesheet's path: base + "/static/" + cssName
	// cssName carries the stylesheet's content hash, so it can be cached for good.
	cssName string
	pages   pageTemplates
	limit   *clientLimiter
	mux     *http.ServeMux

	mu     sync.Mutex
	known  map[string]string // id → title of every document served since start, to tell "removed" from "never here"
	noted  time.Time         // when known was last brought up to date with the whole corpus
	noting sync.Mutex        // one refresh at a time; others go on without waiting

	// trash lists the removed documents; the pages are public, so a request reads the trashed
	// files again only when the trash changed.
	trash ingest.TrashListing
}

// knownRefresh is how often, at most, a request brings the list of documents served since start
// up to date, so a document added by a reindex and removed by the next still says "removed"
// even if nobody opened it in between. It costs one pass over the corpus's descriptions.
const knownRefresh = 10 * time.Second

// New returns the web pages of engine. It fails only when PublicURL cannot be parsed.
func New(lg *slog.Logger, live *index.Live, cfg Config) (*Site, error) {
	return newSite(lg, live, cfg)
}

func newSite(lg *slog.Logger, e engine, cfg Config) (*Site, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	base := ""
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil {
			return nil, err
		}
		base = strings.TrimRight(u.EscapedPath(), "/")
	}
	sum := sha256.Sum256(styleCSS)
	cssName := "style." + hex.EncodeToString(sum[:6]) + ".css"
	s := &Site{
		lg:      lg,
		engine:  e,
		cfg:     cfg,
		base:    base,
		css:     base + "/static/" + cssName,
		cssName: cssName,
		pages:   parseTemplates(),
		limit:   newClientLimiter(answerEvery, answerBurst, cfg.Now),
		known:   map[string]string{},
	}
	s.refreshKnown()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /sources", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, s.base+"/sources/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /sources/{$}", s.sourceList)
	mux.HandleFunc("GET /sources/{doc}", s.source)
	mux.HandleFunc("GET /plan", s.plan)
	mux.HandleFunc("GET /timeline", s.timeline)
	mux.HandleFunc("GET /static/{file}", s.stylesheet)
	mux.HandleFunc("GET /", s.notFound)
	s.mux = mux
	return s, nil
}

// ServeHTTP serves the pages, under the PublicURL's path prefix or at the root (a reverse proxy
// may strip the prefix or not).
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.refreshKnown()
	if s.base != "" {
		if rest, ok := strings.CutPrefix(r.URL.Path, s.base); ok && (rest == "" || rest[0] == '/') {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/" + strings.TrimPrefix(rest, "/")
			r2.URL.RawPath = ""
			r = r2
		}
	}
	s.mux.ServeHTTP(w, r)
}

// stylesheet serves the one stylesheet; its name carries its hash, so it never goes stale.
func (s *Site) stylesheet(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != s.cssName {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(styleCSS)
}

// noteDocuments remembers the documents being served, so a page asked for after one is removed
// can say so.
func (s *Site) noteDocuments(docs []index.DocumentInfo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		s.known[d.ID] = d.Title
	}
}

// refreshKnown notes the corpus being served when knownRefresh has passed since the last time.
func (s *Site) refreshKnown() {
	if !s.noting.TryLock() {
		return
	}
	defer s.noting.Unlock()
	now := s.cfg.Now()
	if now.Sub(s.noted) < knownRefresh {
		return
	}
	s.noted = now
	s.noteDocuments(s.engine.Documents())
}

// removed says whether id is a document that was served once and is no longer: it is in the
// corpus folder's trash, or this process served it. When is the zero time when unknown.
func (s *Site) removed(id string) (title string, when time.Time, ok bool) {
	if s.cfg.CorpusDir != "" {
		items, err := s.trash.List(s.cfg.CorpusDir)
		if err != nil {
			s.lg.Warn("web: list trash", "err", err)
		}
		for _, it := range items { // newest first
			if it.ID == id {
				return it.Title, it.Removed, true
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	title, ok = s.known[id]
	return title, time.Time{}, ok
}
