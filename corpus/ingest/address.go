package ingest

import (
	"fmt"
	"net/netip"
)

// blocked are the ranges Fetch never connects to: nothing a news article lives on, everything an
// attacker would aim a server-side fetch at.
var blocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network", unspecified
	netip.MustParsePrefix("10.0.0.0/8"),     // RFC 1918
	netip.MustParsePrefix("100.64.0.0/10"),  // CGNAT
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata
	netip.MustParsePrefix("172.16.0.0/12"),  // RFC 1918
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"), // RFC 1918
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),    // multicast
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("fc00::/7"),       // unique local
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("ff00::/8"),       // multicast
}

// nat64 carries an IPv4 address in its last 32 bits; the embedded address is checked too.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// checkAddress refuses a dialled "ip:port" that is not a public unicast address.
func checkAddress(hostport string) error {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil {
		return fmt.Errorf("address %q: %w", hostport, ErrPrivateAddress)
	}
	if !isPublic(ap.Addr()) {
		return fmt.Errorf("address %s: %w", ap.Addr(), ErrPrivateAddress)
	}
	return nil
}

func isPublic(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	for _, p := range blocked {
		if p.Contains(a) {
			return false
		}
	}
	return a.IsValid()
}
