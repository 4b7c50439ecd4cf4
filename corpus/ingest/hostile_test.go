package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
)

// embeddedLoopback is 127.0.0.1 hidden in each IPv6 form that carries an IPv4 address, plus
// special-purpose ranges the first address check missed (issue 8, case 5).
var embeddedLoopback = []string{
	"2002:7f00:1::1",                       // 6to4 (2002::/16)
	"64:ff9b::7f00:1",                      // NAT64 well-known prefix (64:ff9b::/96)
	"64:ff9b:1::7f00:1",                    // NAT64 local-use (64:ff9b:1::/48)
	"2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo (2001::/32), client 127.0.0.1 inverted
	"::7f00:1",                             // IPv4-compatible ::127.0.0.1 (deprecated)
	"::ffff:0:7f00:1",                      // IPv4-translated ::ffff:0:127.0.0.1 (SIIT)
	"fec0::1",                              // site-local (fec0::/10, deprecated)
	"2001:db8::1",                          // documentation
	"3fff::1",                              // documentation (RFC 9637)
	"100::1",                               // discard-only
	"2001:2::1",                            // benchmarking
	"2001:10::1",                           // ORCHID
}

func TestCheckAddressEmbeddedIPv4AndSpecialPurpose(t *testing.T) {
	for _, a := range embeddedLoopback {
		if err := checkAddress("tcp6", "["+a+"]:80"); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("checkAddress(%s) = %v, want ErrPrivateAddress", a, err)
		}
	}
	for _, a := range []string{"192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "192.31.196.1"} {
		if err := checkAddress("tcp4", a+":443"); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("checkAddress(%s) = %v, want ErrPrivateAddress", a, err)
		}
	}
	for _, a := range []string{"1.1.1.1:443", "[2606:4700:4700::1111]:443", "[::ffff:1.1.1.1]:80", "151.101.1.69:8080"} {
		network := "tcp4"
		if strings.HasPrefix(a, "[") {
			network = "tcp6"
		}
		if err := checkAddress(network, a); err != nil {
			t.Errorf("checkAddress(%s) = %v, want it allowed", a, err)
		}
	}
}

// loopbackOnly is a Config.BeforeConnect that lets nothing but loopback be connected to, so that
// a test of the address check cannot send a byte anywhere else even when the check is broken.
type loopbackOnly struct {
	mu   sync.Mutex
	seen []string
}

func (l *loopbackOnly) check(network, address string) error {
	l.mu.Lock()
	l.seen = append(l.seen, address)
	l.mu.Unlock()
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().Unmap().IsLoopback() {
		return fmt.Errorf("test guard: refusing to connect to %s", address)
	}
	return nil
}

// The SSRF cases through Fetch: a URL naming an embedded 127.0.0.1 is refused by the address
// check on the dialled address, before any connection.
func TestFetchRefusesEmbeddedIPv4(t *testing.T) {
	for _, a := range embeddedLoopback {
		guard := &loopbackOnly{}
		f := New(testLogger(), Config{BeforeConnect: guard.check})
		_, err := f.Fetch(context.Background(), "http://["+a+"]:8080/article")
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("Fetch via %s: %v, want ErrPrivateAddress", a, err)
		}
		if len(guard.seen) > 0 {
			t.Errorf("Fetch via %s got as far as connecting to %v", a, guard.seen)
		}
	}
}

// Issue 8, case 3: user info in a link is neither sent, logged nor stored.
func TestUserInfoDroppedBeforeFetchLogAndStore(t *testing.T) {
	var gotAuth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = append(gotAuth, r.Header.Get("Authorization"))
		if r.URL.Path == "/moved" {
			// A redirect bringing user info of its own.
			http.Redirect(w, r, "http://other:hunter2@"+r.Host+"/a", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(newsPage(t))
	}))
	defer srv.Close()
	var log bytes.Buffer
	f := New(slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})), Config{AllowPrivate: true})
	for _, path := range []string{"/a", "/moved"} {
		raw := strings.Replace(srv.URL, "http://", "http://user:secret@", 1) + path
		a, err := f.Fetch(context.Background(), raw)
		if err != nil {
			t.Fatal(err)
		}
		if a.URL != srv.URL+"/a" {
			t.Errorf("Article.URL = %q, want %q", a.URL, srv.URL+"/a")
		}
		doc, _, err := Write(corpusDir(t), a, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(doc.URL, "secret") || strings.Contains(doc.URL, "@") {
			t.Errorf("stored url %q", doc.URL)
		}
	}
	for _, h := range gotAuth {
		if h != "" {
			t.Errorf("credentials sent to the site: Authorization %q", h)
		}
	}
	if strings.Contains(log.String(), "secret") || strings.Contains(log.String(), "hunter2") {
		t.Errorf("the log shows a password:\n%s", log.String())
	}
	// A failed fetch does not quote it either.
	log.Reset()
	_, err := f.Fetch(context.Background(), "http://user:secret@["+"::1"+"]:1/%zz")
	if err == nil || strings.Contains(err.Error(), "secret") || strings.Contains(log.String(), "secret") {
		t.Errorf("error %v or log %q shows the password", err, log.String())
	}
}

// Issue 8, case 4: control and bidi characters in a fetched title or body are stripped at ingest.
func TestExtractStripsControlAndFormatCharacters(t *testing.T) {
	page := strings.Replace(string(newsPage(t)), `og:title" content="`, "og:title\" content=\"\u202Egnp.exe\u202C \x1b[31mRed\x07 \u200B", 1)
	page = strings.Replace(page, `og:site_name" content="`, "og:site_name\" content=\"\u202E\x1b[2J", 1)
	page = strings.Replace(page, "Ukrainian officials spent Friday", "\x1b]0;pwned\x07Before\u2066 the \u202Eplan\u202C, \u200Bzero\u00ADwidth Ukrainian officials spent Friday", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	a, err := New(testLogger(), Config{AllowPrivate: true}).Fetch(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	for field, v := range map[string]string{"title": a.Title, "byline": a.Byline, "site": a.SiteName, "excerpt": a.Excerpt, "text": a.Text} {
		for _, r := range v {
			if (unicode.IsControl(r) && r != '\n') || unicode.Is(unicode.Cf, r) {
				t.Errorf("%s keeps %U: %q", field, r, v)
				break
			}
		}
	}
	if !strings.Contains(a.Title, "gnp.exe [31mRed") || !strings.Contains(a.Text, "]0;pwnedBefore the plan, zerowidth") {
		t.Errorf("visible text lost:\ntitle %q\ntext %.200q", a.Title, a.Text)
	}
	doc, _, err := Write(corpusDir(t), a, Meta{Title: "Moderator \u202Etitle\x1b"})
	if err != nil || doc.Title != "Moderator title" {
		t.Errorf("moderator's title stored as %q (%v)", doc.Title, err)
	}
}

// Issue 8, case 8: an undeclared windows-1251 page is decoded as Cyrillic, not mojibake.
func TestExtractDetectsUndeclaredCharset(t *testing.T) {
	para := "Украинские официальные лица в пятницу изучали проект мирного плана из двадцати восьми пунктов, " +
		"подготовленный в Вашингтоне, пока европейские союзники добивались изменений в положениях, " +
		"которые, по их мнению, вознаградят Россию за вторжение. Проект ограничивает численность вооружённых сил " +
		"страны шестьюстами тысячами военнослужащих и предусматривает выборы в течение ста дней."
	var paras strings.Builder
	for _, day := range []string{"понедельник", "вторник", "среду", "четверг"} {
		paras.WriteString("<p>" + strings.Replace(para, "пятницу", day, 1) + "</p>")
	}
	html := "<html><head><title>Киев изучает мирный план</title></head><body><article><h1>Киев изучает мирный план</h1>" +
		paras.String() + "</article></body></html>"
	encoded, err := charmap.Windows1251.NewEncoder().String(html)
	if err != nil {
		t.Fatal(err)
	}
	for name, contentType := range map[string]string{"no charset": "text/html", "declared": "text/html; charset=windows-1251"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write([]byte(encoded))
		}))
		a, err := New(testLogger(), Config{AllowPrivate: true}).Fetch(context.Background(), srv.URL)
		srv.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.Title != "Киев изучает мирный план" || !strings.Contains(a.Text, "вооружённых сил") {
			t.Errorf("%s: decoded as mojibake: %q / %.80q", name, a.Title, a.Text)
		}
	}
	// UTF-8 whose first kilobyte is plain ASCII is still UTF-8 (charset looks only at 1 KB).
	utf8Page := "<html><head><title>Plan</title>" + strings.Repeat("<!-- padding -->", 100) + "</head><body><article>" +
		paras.String() + "</article></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(utf8Page))
	}))
	defer srv.Close()
	a, err := New(testLogger(), Config{AllowPrivate: true}).Fetch(context.Background(), srv.URL)
	if err != nil || !strings.Contains(a.Text, "вооружённых сил") {
		t.Errorf("undeclared UTF-8 after 1 KB of ASCII: %v %.80q", err, a.Text)
	}
}

// Issue 8, case 8: a name that does not resolve is ErrDNS, with its own message. The resolver is
// a fake that fails at once: no query leaves the machine.
func TestFetchDNSFailure(t *testing.T) {
	f := New(testLogger(), Config{Resolver: &net.Resolver{PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			return nil, errors.New("no DNS in tests")
		}}})
	_, err := f.Fetch(context.Background(), "https://no-such-site.example/article")
	if !errors.Is(err, ErrDNS) || Message(err) != Message(ErrDNS) {
		t.Errorf("err = %v (message %q), want ErrDNS", err, Message(err))
	}
}
