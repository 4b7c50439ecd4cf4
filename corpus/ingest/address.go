package ingest

import (
	"fmt"
	"net/netip"

	"code.dny.dev/ssrf"
)

// guardian refuses every destination in IANA's IPv4 and IPv6 special-purpose address registries
// and everything outside IPv6 global unicast (2000::/3). code.dny.dev/ssrf generates its lists
// from the registries themselves, which is why it is used rather than a hand-kept list: the
// ranges an attacker can hide an internal address in (6to4 2002::/16, Teredo 2001::/32, NAT64
// 64:ff9b::/96 and 64:ff9b:1::/48, IPv4-compatible ::a.b.c.d, ::ffff:0:a.b.c.d, site-local
// fec0::/10, the documentation ranges) are all outside what it allows. Any port is allowed:
// news sites do live on :8080 now and then; the address is what an attacker aims.
var guardian = ssrf.New(ssrf.WithAnyPort())

// checkAddress refuses a dialled "ip:port" (after DNS: this is what is really connected to) that
// is not a public unicast address. Errors wrap ErrPrivateAddress.
func checkAddress(network, hostport string) error {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil {
		return fmt.Errorf("address %q: %w", hostport, ErrPrivateAddress)
	}
	// An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address itself: judge it as one.
	addr := ap.Addr().Unmap().WithZone("")
	if network == "tcp6" && addr.Is4() {
		network = "tcp4"
	}
	if err := guardian.Safe(network, netip.AddrPortFrom(addr, ap.Port()).String(), nil); err != nil {
		return fmt.Errorf("address %s: %v: %w", addr, err, ErrPrivateAddress)
	}
	return nil
}
