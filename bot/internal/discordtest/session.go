package discordtest

import (
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
)

// sessionTimeout bounds each request of a fake session, so a hung handler fails a test quickly.
const sessionTimeout = 10 * time.Second

// Session returns a real discordgo session whose every REST request goes to the fake. Its
// State knows the bot's user and application, it does not retry on 429 (so Fail with 429
// reaches the caller as *discordgo.RateLimitError instead of looping) and retries a 502 once.
// Do not call Open: the fake has no gateway.
func (s *Server) Session(token string) *discordgo.Session {
	sess, err := discordgo.New("Bot " + token)
	if err != nil {
		panic("discordtest: discordgo.New: " + err.Error()) // it never fails in v0.29.0
	}
	target, err := url.Parse(s.http.URL)
	if err != nil {
		panic("discordtest: parse httptest URL: " + err.Error())
	}
	sess.Client = &http.Client{
		Transport: rewriteHost{target: target, next: s.http.Client().Transport},
		Timeout:   sessionTimeout,
	}
	sess.Ratelimiter = discordgo.NewRatelimiter()
	sess.ShouldRetryOnRateLimit = false
	sess.MaxRestRetries = 1
	sess.State.User = botUser()
	sess.State.Application = &discordgo.Application{ID: ApplicationID, Name: BotUsername}
	return sess
}

// rewriteHost sends every request to target whatever host it was built for. The
// discordgo.Endpoint* variables are computed at init, so rewriting in the transport is the
// only way to catch them all.
type rewriteHost struct {
	target *url.URL
	next   http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (rt rewriteHost) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = rt.target.Scheme
	r.URL.Host = rt.target.Host
	r.Host = ""
	return rt.next.RoundTrip(r)
}
