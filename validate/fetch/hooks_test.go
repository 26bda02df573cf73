package fetch

import "net/netip"

// Test hooks, in a test file so that programs cannot reach them.

// allowLoopbackForTesting lets the fetcher connect to loopback addresses,
// for tests against httptest servers.
func allowLoopbackForTesting() Option {
	return func(f *Fetcher) { f.allowLoopback = true }
}

// allowAddrForTesting lets the fetcher connect to exactly one address and
// port that it would otherwise refuse, such as an httptest server's, so a
// test can prove that a redirect from it to any other refused address is
// still refused.
func allowAddrForTesting(ap netip.AddrPort) Option {
	return func(f *Fetcher) { f.allowAddr = netip.AddrPortFrom(ap.Addr().WithZone("").Unmap(), ap.Port()) }
}
