package main

import (
	"fmt"
	"net/url"
	"strings"
)

// Web is the part of Config for the read-only web pages of the sources (bot/web).
type Web struct {
	// WebAddr (WEB_ADDR) is the listen address of the web pages when there is no interactions
	// listener to share; with INTERACTIONS_ADDR the pages are served there.
	WebAddr string
	// PublicURL (PUBLIC_URL) is where readers reach the pages; with it every citation links to
	// its passage in context. No trailing slash.
	PublicURL string
}

// loadWeb reads the Web settings into cfg and returns each problem.
func loadWeb(cfg *Config, getenv func(string) string, quote func(string) string) []string {
	var problems []string
	if v := strings.TrimSpace(getenv("WEB_ADDR")); v != "" {
		if msg := checkListenAddr(v); msg != "" {
			problems = append(problems, fmt.Sprintf("WEB_ADDR %s %s", quote(v), msg))
		}
		cfg.WebAddr = v
	}
	// serve has one listener: the web pages share the interactions or metrics address when set.
	for _, other := range []struct{ name, addr string }{{"INTERACTIONS_ADDR", cfg.InteractionsAddr}, {"METRICS_ADDR", cfg.MetricsAddr}} {
		if cfg.WebAddr != "" && other.addr != "" && other.addr != cfg.WebAddr {
			problems = append(problems, fmt.Sprintf("WEB_ADDR %s differs from %s %s: serve has one listener, "+
				"and the web pages are served on %s; leave WEB_ADDR unset", quote(cfg.WebAddr), other.name, quote(other.addr), other.name))
		}
	}
	u, err := parsePublicURL(getenv("PUBLIC_URL"))
	if err != nil {
		problems = append(problems, err.Error())
	}
	cfg.PublicURL = u
	return problems
}

// webPagesServed reports whether serve's listener carries the web pages: on WEB_ADDR, or on the
// interactions listener, which Discord reaches from outside anyway.
func webPagesServed(cfg Config) bool { return cfg.WebAddr != "" || cfg.InteractionsAddr != "" }

// publicURLHelp says what PUBLIC_URL must look like.
const publicURLHelp = "must be the address readers open the web pages at, such as https://planbot.example.org " +
	"(http or https, a host, no query or #fragment)"

// parsePublicURL checks PUBLIC_URL: the absolute http(s) address of the web pages, which every
// citation's context link starts with. It returns it without a trailing slash; "" stays "".
func parsePublicURL(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(v, " \t\n\"<>()") {
		return "", fmt.Errorf("PUBLIC_URL %s %s", quoteValue(v), publicURLHelp)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
