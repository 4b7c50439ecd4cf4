package main

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// fakeDNS answers A and AAAA questions from names (lower case, without the final dot) on a
// loopback UDP port, and returns a resolver that asks only it: a test can make a host name lead
// anywhere without a query leaving the machine.
func fakeDNS(t *testing.T, names map[string][]netip.Addr) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired, RecursionAvailable: true})
			b.StartQuestions()
			b.Question(q)
			b.StartAnswers()
			rh := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
			for _, a := range names[strings.TrimSuffix(strings.ToLower(q.Name.String()), ".")] {
				switch {
				case q.Type == dnsmessage.TypeA && a.Is4():
					b.AResource(rh, dnsmessage.AResource{A: a.As4()})
				case q.Type == dnsmessage.TypeAAAA && a.Is6():
					b.AAAAResource(rh, dnsmessage.AAAAResource{AAAA: a.As16()})
				}
			}
			msg, err := b.Finish()
			if err == nil {
				pc.WriteTo(msg, from)
			}
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

// Issue 8, case 5: the address check judges the address a host name resolves to (the one really
// connected to), not the text of the link: a public-looking name that resolves to 127.0.0.1
// hidden in NAT64 or 6to4, or to the cloud metadata address, is refused before connecting.
func TestCorpusAddChecksResolvedAddress(t *testing.T) {
	dir := t.TempDir()
	runCLI(t, nil, "", "corpus", "init", "--corpus", dir)
	resolver := fakeDNS(t, map[string][]netip.Addr{
		"news.example":     {netip.MustParseAddr("64:ff9b::7f00:1")},
		"wire.example":     {netip.MustParseAddr("2002:7f00:1::1"), netip.MustParseAddr("127.0.0.1")},
		"metadata.example": {netip.MustParseAddr("169.254.169.254")},
	})
	for _, host := range []string{"news.example", "wire.example", "metadata.example"} {
		var seen []string
		c, out := corpusCLI(map[string]string{"CORPUS_DIR": dir}, &seen)
		c.hooks.resolver = resolver
		code := c.main(context.Background(), []string{"corpus", "add", "http://" + host + ":8080/world/article"})
		if code != exitFailure || !strings.Contains(out.String(), "private or local network address") {
			t.Errorf("%s: exit %d, %s", host, code, out)
		}
		if len(seen) > 0 {
			t.Errorf("%s: the fetch got as far as connecting to %v", host, seen)
		}
	}
}
