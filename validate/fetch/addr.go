package fetch

import (
	"net/netip"
	"syscall"
)

// verdict is what the classifier says about an address. A zero class means
// the address may be connected to.
type verdict struct {
	class string     // "private", "loopback", ...; "" when allowed
	inner netip.Addr // the embedded IPv4 address, when the class comes from it
	form  string     // how it was embedded: "IPv4-mapped", "6to4", ...
}

// refused reports whether the address must not be connected to.
func (v verdict) refused() bool { return v.class != "" }

// describe completes "link resolves to ADDR, ...": "a private address", or
// "the IPv4-mapped form of 10.0.0.1, a private address".
func (v verdict) describe() string {
	what := article(v.class) + " " + v.class + " address"
	if v.form == "" {
		return what
	}
	return "the " + v.form + " form of " + v.inner.String() + ", " + what
}

func article(s string) string {
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an"
	}
	return "a"
}

// Address classes named in errors.
const (
	classLoopback    = "loopback"
	classPrivate     = "private"
	classLinkLocal   = "link-local"
	classMetadata    = "cloud metadata"
	classCGNAT       = "carrier-grade NAT"
	classUnspecified = "unspecified"
	classMulticast   = "multicast"
	classBroadcast   = "broadcast"
	classDocument    = "documentation"
	classReserved    = "reserved"
)

// metadata lists the instance metadata endpoints of the major clouds; they
// are named apart from the ranges they sit in because they are what an SSRF
// attack is after.
var metadata = []netip.Addr{
	netip.MustParseAddr("169.254.169.254"), // AWS, GCP, Azure, OpenStack...
	netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
	netip.MustParseAddr("fd00:ec2::254"),   // AWS over IPv6
}

type prefixClass struct {
	p     netip.Prefix
	class string
}

// v4Refused is checked in order: the first matching prefix names the class.
// With multicast it covers every entry of the IANA IPv4 Special-Purpose
// Address Registry, including the blocks IANA marks globally reachable
// (AS112, AMT): no media host lives in them, and code.dny.dev/ssrf refuses
// them too.
var v4Refused = []prefixClass{
	{netip.MustParsePrefix("0.0.0.0/32"), classUnspecified},
	{netip.MustParsePrefix("0.0.0.0/8"), classReserved}, // "this network"
	{netip.MustParsePrefix("127.0.0.0/8"), classLoopback},
	{netip.MustParsePrefix("10.0.0.0/8"), classPrivate},
	{netip.MustParsePrefix("172.16.0.0/12"), classPrivate},
	{netip.MustParsePrefix("192.168.0.0/16"), classPrivate},
	{netip.MustParsePrefix("100.64.0.0/10"), classCGNAT},
	{netip.MustParsePrefix("169.254.0.0/16"), classLinkLocal},
	{netip.MustParsePrefix("192.0.0.0/24"), classReserved},    // IETF protocol assignments
	{netip.MustParsePrefix("192.0.2.0/24"), classDocument},    // TEST-NET-1
	{netip.MustParsePrefix("198.51.100.0/24"), classDocument}, // TEST-NET-2
	{netip.MustParsePrefix("203.0.113.0/24"), classDocument},  // TEST-NET-3
	{netip.MustParsePrefix("192.31.196.0/24"), classReserved}, // AS112 DNS sink
	{netip.MustParsePrefix("192.52.193.0/24"), classReserved}, // AMT relays
	{netip.MustParsePrefix("192.88.99.0/24"), classReserved},  // deprecated 6to4 relay anycast
	{netip.MustParsePrefix("192.175.48.0/24"), classReserved}, // AS112 direct delegation
	{netip.MustParsePrefix("198.18.0.0/15"), classReserved},   // benchmarking labs
	{netip.MustParsePrefix("224.0.0.0/4"), classMulticast},
	{netip.MustParsePrefix("255.255.255.255/32"), classBroadcast},
	{netip.MustParsePrefix("240.0.0.0/4"), classReserved},
}

// v6Refused is checked in order after the embedded-IPv4 forms. It names
// the IANA IPv6 Special-Purpose Address Registry's blocks with their own
// class; whatever else lies outside global unicast is refused after it.
var v6Refused = []prefixClass{
	{netip.MustParsePrefix("::/128"), classUnspecified},
	{netip.MustParsePrefix("::1/128"), classLoopback},
	{netip.MustParsePrefix("fc00::/7"), classPrivate},       // unique local
	{netip.MustParsePrefix("fec0::/10"), classPrivate},      // deprecated site-local
	{netip.MustParsePrefix("64:ff9b:1::/48"), classPrivate}, // local-use NAT64
	{netip.MustParsePrefix("fe80::/10"), classLinkLocal},    // link-local
	{netip.MustParsePrefix("ff00::/8"), classMulticast},     // multicast
	{netip.MustParsePrefix("100::/64"), classReserved},      // discard-only
	{netip.MustParsePrefix("2001:db8::/32"), classDocument}, // documentation
	{netip.MustParsePrefix("3fff::/20"), classDocument},     // documentation (RFC 9637)
	// IETF protocol assignments: benchmarking (2001:2::/48), ORCHID and
	// ORCHIDv2 (2001:10::/28, 2001:20::/28), which are host identifiers
	// rather than locators, drone entity tags, AMT and AS112 and anycast
	// services; no media host lives here. Teredo (2001::/32) is inside too,
	// but classify handles it first, to name the IPv4 addresses it carries.
	{netip.MustParsePrefix("2001::/23"), classReserved},
	{netip.MustParsePrefix("2620:4f:8000::/48"), classReserved}, // AS112 direct delegation
	{netip.MustParsePrefix("5f00::/16"), classReserved},         // SRv6 segment identifiers, outside 2000::/3 too
}

// globalUnicast is the only IPv6 block IANA hands out for use on the
// internet. Everything outside it is special-purpose or not yet assigned,
// so it is refused even when no list names it: an unassigned block may be
// routed inside a private network, and blocks assigned later (as 5f00::/16
// was in 2024) are refused from the day they are.
var globalUnicast = netip.MustParsePrefix("2000::/3")

// Forms that carry an IPv4 address inside an IPv6 one. The embedded address
// is classified as IPv4, so ::ffff:10.0.0.1 is refused like 10.0.0.1.
var (
	mapped     = netip.MustParsePrefix("::ffff:0:0/96")
	compatible = netip.MustParsePrefix("::/96")
	translated = netip.MustParsePrefix("::ffff:0:0:0/96")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour  = netip.MustParsePrefix("2002::/16")
	teredo     = netip.MustParsePrefix("2001::/32")
	v6Loopback = netip.IPv6Loopback()
)

// classify says whether a may be connected to, and if not, why.
func classify(a netip.Addr) verdict {
	a = a.WithZone("")
	for _, m := range metadata {
		if a == m {
			return verdict{class: classMetadata}
		}
	}
	if a.Is4() {
		return verdict{class: prefixesClass(v4Refused, a)}
	}
	b := a.As16()
	switch {
	case isISATAP(b):
		// An ISATAP address (RFC 5214) ends in 0000:5efe or 0200:5efe and
		// an IPv4 address, and a host with an ISATAP interface on that
		// prefix sends the packet straight to that IPv4 address, tunnelled.
		// Which prefixes the fetching host has ISATAP interfaces on cannot
		// be seen from here, so every ISATAP address is refused, whatever
		// its prefix and even when the IPv4 address is public: ISATAP is
		// obsolete and no media host uses it. The IPv4 address is still
		// classified, so that the message names it when it is refused too.
		// This case comes first so that no form below can let it through.
		return embeddedOr(v4(b[12:16]), "ISATAP", classReserved)
	case mapped.Contains(a):
		return embedded(a.Unmap(), "IPv4-mapped")
	case compatible.Contains(a) && a.Compare(v6Loopback) > 0:
		// IPv4-compatible and IPv4-translated addresses are deprecated or
		// only meaningful inside a translator: refused even when public.
		return embeddedOr(v4(b[12:16]), "IPv4-compatible", classReserved)
	case translated.Contains(a):
		return embeddedOr(v4(b[12:16]), "IPv4-translated", classReserved)
	case nat64.Contains(a):
		// NAT64 with a public IPv4 address is how an IPv6-only network
		// reaches IPv4-only hosts, so it is allowed.
		return embedded(v4(b[12:16]), "NAT64")
	case sixToFour.Contains(a):
		return embedded(v4(b[2:6]), "6to4")
	case teredo.Contains(a):
		// Teredo carries the server in bytes 4-7 and the client, bit-inverted,
		// in bytes 12-15. It is refused like the rest of 2001::/23 even when
		// both are public, since a Teredo address is a client behind a NAT,
		// never a media host; the message names whichever is refused.
		if v := embedded(v4(b[4:8]), "Teredo server"); v.refused() {
			return v
		}
		c := [4]byte{^b[12], ^b[13], ^b[14], ^b[15]}
		return embeddedOr(netip.AddrFrom4(c), "Teredo", classReserved)
	}
	if class := prefixesClass(v6Refused, a); class != "" {
		return verdict{class: class}
	}
	if !globalUnicast.Contains(a) {
		return verdict{class: classReserved}
	}
	return verdict{}
}

// isISATAP reports whether the interface identifier of the IPv6 address b
// is an ISATAP one, 0000:5efe or 0200:5efe followed by an IPv4 address:
// the test Linux applies, which ignores only the universal/local bit.
func isISATAP(b [16]byte) bool {
	return b[8]&^0x02 == 0 && b[9] == 0 && b[10] == 0x5e && b[11] == 0xfe
}

// embedded classifies an IPv4 address found inside an IPv6 one.
func embedded(inner netip.Addr, form string) verdict {
	return embeddedOr(inner, form, "")
}

// embeddedOr is embedded with the class to give when the IPv4 address
// itself is allowed.
func embeddedOr(inner netip.Addr, form, otherwise string) verdict {
	class := classify(inner).class
	if class == "" {
		class = otherwise
	}
	if class == "" {
		return verdict{}
	}
	return verdict{class: class, inner: inner, form: form}
}

func v4(b []byte) netip.Addr { return netip.AddrFrom4([4]byte(b)) }

func prefixesClass(list []prefixClass, a netip.Addr) string {
	for _, pc := range list {
		if pc.p.Contains(a) {
			return pc.class
		}
	}
	return ""
}

// control runs on every connection the fetcher makes, after the name was
// resolved and before the socket connects, so it sees the very address the
// connection goes to: a name that resolves to a public address once and to
// a private one the next time (DNS rebinding) is still refused.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Error{Reason: ReasonNetwork, Detail: "cannot check address " + address, Err: err}
	}
	a := ap.Addr().WithZone("").Unmap()
	if f.allowAddr.IsValid() && netip.AddrPortFrom(a, ap.Port()) == f.allowAddr {
		return nil
	}
	v := classify(ap.Addr())
	if !v.refused() || (f.allowLoopback && v.class == classLoopback) {
		return nil
	}
	return addressError(ap.Addr().WithZone(""), v)
}
