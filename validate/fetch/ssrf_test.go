package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		addr  string
		class string // "" means allowed
		form  string
	}{
		// IPv4.
		{"8.8.8.8", "", ""},
		{"93.184.216.34", "", ""},
		{"127.0.0.1", classLoopback, ""},
		{"127.255.0.9", classLoopback, ""},
		{"10.0.0.5", classPrivate, ""},
		{"172.16.0.1", classPrivate, ""},
		{"172.31.255.255", classPrivate, ""},
		{"172.32.0.1", "", ""},
		{"192.168.1.1", classPrivate, ""},
		{"169.254.169.254", classMetadata, ""},
		{"169.254.1.1", classLinkLocal, ""},
		{"100.100.100.200", classMetadata, ""},
		{"100.64.0.1", classCGNAT, ""},
		{"100.127.255.255", classCGNAT, ""},
		{"100.128.0.1", "", ""},
		{"0.0.0.0", classUnspecified, ""},
		{"0.1.2.3", classReserved, ""},
		{"224.0.0.1", classMulticast, ""},
		{"239.255.255.250", classMulticast, ""},
		{"255.255.255.255", classBroadcast, ""},
		{"240.0.0.1", classReserved, ""},
		{"192.0.0.170", classReserved, ""},
		{"198.18.0.1", classReserved, ""},
		{"198.19.255.255", classReserved, ""},
		{"198.17.255.255", "", ""},
		{"198.20.0.0", "", ""},
		{"255.255.255.254", classReserved, ""},
		// IPv4 documentation and special-purpose blocks, with the addresses
		// just outside each.
		{"192.0.2.1", classDocument, ""},
		{"192.0.2.255", classDocument, ""},
		{"192.0.1.255", "", ""},
		{"192.0.3.0", "", ""},
		{"198.51.100.7", classDocument, ""},
		{"198.51.99.255", "", ""},
		{"198.51.101.0", "", ""},
		{"203.0.113.9", classDocument, ""},
		{"203.0.112.255", "", ""},
		{"203.0.114.0", "", ""},
		{"192.88.99.1", classReserved, ""}, // 6to4 relay anycast
		{"192.88.98.255", "", ""},
		{"192.88.100.0", "", ""},
		{"192.31.196.1", classReserved, ""}, // AS112
		{"192.31.197.0", "", ""},
		{"192.52.193.1", classReserved, ""}, // AMT
		{"192.52.194.0", "", ""},
		{"192.175.48.1", classReserved, ""}, // AS112 direct delegation
		{"192.175.49.0", "", ""},
		// IPv6.
		{"2606:4700::1111", "", ""},
		{"2a00:1450:4001::200e", "", ""},
		{"::1", classLoopback, ""},
		{"::", classUnspecified, ""},
		{"fc00::1", classPrivate, ""},
		{"fd12:3456::1", classPrivate, ""},
		{"fd00:ec2::254", classMetadata, ""},
		{"fe80::1", classLinkLocal, ""},
		{"fe80::1%eth0", classLinkLocal, ""},
		{"fec0::1", classPrivate, ""},
		{"ff02::1", classMulticast, ""},
		{"100::1", classReserved, ""},
		{"64:ff9b:1::a00:1", classPrivate, ""},
		// IPv6 documentation and special-purpose blocks.
		{"2001:db8::1", classDocument, ""},
		{"2001:db8:ffff:ffff::1", classDocument, ""},
		{"2001:db7:ffff::1", "", ""},
		{"2001:db9::1", "", ""},
		{"3fff::1", classDocument, ""},
		{"3fff:fff:ffff::1", classDocument, ""},
		{"3fff:1000::1", "", ""},
		{"3ffe:ffff::1", "", ""},
		{"2001:2::1", classReserved, ""},        // benchmarking
		{"2001:2:0:ffff::1", classReserved, ""}, // benchmarking
		{"2001:10::1", classReserved, ""},       // ORCHID
		{"2001:20::1", classReserved, ""},       // ORCHIDv2
		{"2001:2f:ffff::1", classReserved, ""},  // ORCHIDv2
		{"2001:3::1", classReserved, ""},        // AMT, in the same 2001::/23
		{"2001:1ff:ffff::1", classReserved, ""}, // last of 2001::/23
		{"2001:200::1", "", ""},                 // just past 2001::/23
		{"2620:4f:8000::1", classReserved, ""},  // AS112 direct delegation
		{"2620:4f:8001::1", "", ""},
		// 5f00::/16 (SRv6) is outside global unicast, so its neighbours are
		// refused too, by the rule for everything outside 2000::/3.
		{"5f00::1", classReserved, ""},
		{"5f00:ffff::1", classReserved, ""},
		{"4000::1", classReserved, ""},
		{"1fff:ffff::1", classReserved, ""},
		{"100:0:0:1::1", classReserved, ""}, // dummy prefix (RFC 9780)
		{"2000::1", "", ""},
		{"3fff:ffff::1", "", ""},
		// ISATAP: refused whatever the prefix and the IPv4 address.
		{"2a00:1450::5efe:a00:1", classPrivate, "ISATAP"},
		{"2a00:1450::200:5efe:a9fe:a9fe", classMetadata, "ISATAP"},
		{"2a00:1450::200:5efe:808:808", classReserved, "ISATAP"},
		{"fe80::5efe:c0a8:101", classPrivate, "ISATAP"},
		{"2a00:1450::100:5efe:808:808", "", ""}, // group bit set: not ISATAP
		{"2a00:1450::300:5efe:808:808", "", ""},
		{"2a00:1450::5eff:808:808", "", ""},
		// IPv4 inside IPv6.
		{"::ffff:127.0.0.1", classLoopback, "IPv4-mapped"},
		{"::ffff:10.0.0.1", classPrivate, "IPv4-mapped"},
		{"::ffff:169.254.169.254", classMetadata, "IPv4-mapped"},
		{"::ffff:0.0.0.0", classUnspecified, "IPv4-mapped"},
		{"::ffff:8.8.8.8", "", ""},
		{"::127.0.0.1", classLoopback, "IPv4-compatible"},
		{"::10.0.0.1", classPrivate, "IPv4-compatible"},
		{"::8.8.8.8", classReserved, "IPv4-compatible"},
		{"::ffff:0:192.168.0.1", classPrivate, "IPv4-translated"},
		{"64:ff9b::127.0.0.1", classLoopback, "NAT64"},
		{"64:ff9b::a9fe:a9fe", classMetadata, "NAT64"},
		{"64:ff9b::8.8.8.8", "", ""},
		{"64:ff9b::c000:201", classDocument, "NAT64"},
		{"2002:7f00:1::", classLoopback, "6to4"},
		{"2002:c0a8:101::1", classPrivate, "6to4"},
		{"2002:0808:0808::1", "", ""},
		{"2002:c058:6301::1", classReserved, "6to4"}, // 192.88.99.1, the relay anycast
		{"2002:cb00:7101::1", classDocument, "6to4"},
		{"2001:0:4136:e378:8000:63bf:f5ff:fffe", classPrivate, "Teredo"}, // client 10.0.0.1
		{"2001:0:7f00:1::1", classLoopback, "Teredo server"},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", classDocument, "Teredo"}, // client 192.0.2.45
		{"2001:0:4136:e378:8000:63bf:f7f7:f7f7", classReserved, "Teredo"}, // client 8.8.8.8: Teredo is refused
	} {
		v := classify(netip.MustParseAddr(tc.addr))
		if v.class != tc.class || v.form != tc.form {
			t.Errorf("classify(%s) = %q (form %q), want %q (form %q)", tc.addr, v.class, v.form, tc.class, tc.form)
		}
	}
}

func TestVerdictDescribe(t *testing.T) {
	for addr, want := range map[string]string{
		"10.0.0.5":          "a private address",
		"::ffff:10.0.0.1":   "the IPv4-mapped form of 10.0.0.1, a private address",
		"169.254.169.254":   "a cloud metadata address",
		"0.0.0.0":           "an unspecified address",
		"64:ff9b::7f00:1":   "the NAT64 form of 127.0.0.1, a loopback address",
		"fe80::1":           "a link-local address",
		"224.0.0.1":         "a multicast address",
		"255.255.255.255":   "a broadcast address",
		"100.64.1.1":        "a carrier-grade NAT address",
		"2002:c0a8:101::77": "the 6to4 form of 192.168.1.1, a private address",
		"192.0.2.1":         "a documentation address",
		"2001:db8::1":       "a documentation address",
		"2a00::5efe:a00:1":  "the ISATAP form of 10.0.0.1, a private address",
	} {
		if got := classify(netip.MustParseAddr(addr)).describe(); got != want {
			t.Errorf("describe(%s) = %q, want %q", addr, got, want)
		}
	}
}

// TestRefusedByDefault dials nothing but the checker: each address is
// refused after resolution and before the socket connects.
func TestRefusedByDefault(t *testing.T) {
	for _, tc := range []struct{ link, text string }{
		{"https://127.0.0.1/a.jpg", "resolves to 127.0.0.1, a loopback address: refused"},
		{"https://[::1]:8443/a.jpg", "resolves to ::1, a loopback address: refused"},
		{"https://localhost/a.jpg", "a loopback address: refused"},
		{"https://10.1.2.3/a.jpg", "resolves to 10.1.2.3, a private address: refused"},
		{"https://192.168.0.10/a.jpg", "resolves to 192.168.0.10, a private address: refused"},
		{"https://172.20.0.1/a.jpg", "a private address: refused"},
		{"https://169.254.169.254/latest/meta-data/", "resolves to 169.254.169.254, a cloud metadata address: refused"},
		{"https://[fd00:ec2::254]/", "a cloud metadata address: refused"},
		{"https://100.100.100.200/", "a cloud metadata address: refused"},
		{"https://[::ffff:127.0.0.1]/a.jpg", "a loopback address: refused"},
		{"https://[::ffff:10.0.0.1]/a.jpg", "10.0.0.1, a private address: refused"},
		{"https://0.0.0.0/a.jpg", "resolves to 0.0.0.0, an unspecified address: refused"},
		{"https://[fe80::1]/a.jpg", "a link-local address: refused"},
		{"https://[64:ff9b::a00:1]/a.jpg", "the NAT64 form of 10.0.0.1, a private address: refused"},
	} {
		_, err := New().Open(context.Background(), tc.link)
		e := wantError(t, err, ReasonAddress, tc.text)
		if e != nil && e.Link != tc.link {
			t.Errorf("%s: Link = %q", tc.link, e.Link)
		}
	}
}

func TestSchemeRefused(t *testing.T) {
	for _, tc := range []struct {
		link   string
		reason Reason
		text   string
	}{
		{"http://example.com/a.jpg", ReasonScheme, "plain http is not fetched: only https links are"},
		{"ftp://example.com/a.jpg", ReasonScheme, `scheme "ftp" is not fetched`},
		{"file:///etc/passwd", ReasonLink, "not an absolute URL with a host"},
		{"/relative/a.jpg", ReasonLink, "not an absolute URL with a host"},
		{"https://exa mple.com/", ReasonLink, "not an absolute URL"},
	} {
		_, err := New().Open(context.Background(), tc.link)
		wantError(t, err, tc.reason, tc.text)
	}
}

// TestRedirectToRefusedAddress allows exactly the first server's address,
// so the redirect target is checked by the same dialer as any link.
func TestRedirectToRefusedAddress(t *testing.T) {
	var other counter
	target := httptest.NewServer(serve(&other, "image/jpeg", []byte("secret")))
	defer target.Close()

	for _, tc := range []struct{ location, text string }{
		{target.URL + "/secret", "which resolves to 127.0.0.1, a loopback address: refused"},
		{"http://169.254.169.254/latest/meta-data/", "which resolves to 169.254.169.254, a cloud metadata address: refused"},
		{"http://10.0.0.7/", "which resolves to 10.0.0.7, a private address: refused"},
		{"http://[::ffff:192.168.1.1]/", "which resolves to 192.168.1.1, a private address: refused"},
		{"http://localhost:" + port(t, target.URL) + "/", "which resolves to 127.0.0.1, a loopback address: refused"},
	} {
		first := httptest.NewServer(http.RedirectHandler(tc.location, http.StatusFound))
		f := New(AllowHTTP(), allowAddrForTesting(addrPort(t, first.URL)))
		_, err := f.Open(context.Background(), first.URL+"/a.jpg")
		wantError(t, err, ReasonAddress, "link redirects to "+tc.location+", "+tc.text)
		first.Close()
	}
	if n := other.requests.Load(); n != 0 {
		t.Errorf("the refused target was reached %d times", n)
	}
}

// TestRedirectToHTTPRefused follows an https link that redirects to http.
func TestRedirectToHTTPRefused(t *testing.T) {
	var c counter
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a.jpg" {
			http.Redirect(w, r, "http://"+r.Host+"/b.jpg", http.StatusMovedPermanently)
			return
		}
		serve(&c, "image/jpeg", []byte("jpeg")).ServeHTTP(w, r)
	}))
	defer srv.Close()
	tlsConfig := srv.Client().Transport.(*http.Transport).TLSClientConfig
	f := New(WithTLSConfig(tlsConfig), allowAddrForTesting(addrPort(t, srv.URL)))

	obj, err := f.Open(context.Background(), srv.URL+"/b.jpg")
	if err != nil {
		t.Fatalf("https to the allowed address: %v", err)
	}
	obj.Close()
	_, err = f.Open(context.Background(), srv.URL+"/a.jpg")
	wantError(t, err, ReasonScheme, "link redirects to http://")
}

func TestRedirectLimit(t *testing.T) {
	var c counter
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// /hop/N redirects to /hop/N-1; /hop/0 serves the file.
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n > 0 {
			http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
			return
		}
		serve(&c, "image/png", []byte("png")).ServeHTTP(w, r)
	}))
	defer srv.Close()

	obj, err := testFetcher().Open(context.Background(), srv.URL+"/hop/3")
	if err != nil {
		t.Fatalf("3 redirects: %v", err)
	}
	obj.Close()
	_, err = testFetcher().Open(context.Background(), srv.URL+"/hop/4")
	wantError(t, err, ReasonRedirects, "more than 3 redirects")
}

func TestRequestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()

	_, err := testFetcher(WithRequestTimeout(50*time.Millisecond)).Open(context.Background(), srv.URL+"/slow.mp4")
	e := wantError(t, err, ReasonTimeout, "within the 50ms per-request time limit")
	if e != nil && !e.Timeout() {
		t.Error("Timeout() = false")
	}
	_, err = testFetcher(WithItemTimeout(50*time.Millisecond)).Open(context.Background(), srv.URL+"/slow.mp4")
	wantError(t, err, ReasonTimeout, "longer than the 50ms per-item time limit")
}

// TestItemTimeoutCoversLaterReads proves that reads after Open still run
// under the per-item limit.
func TestItemTimeoutCoversLaterReads(t *testing.T) {
	data := mp4Like(256 << 10)
	var c counter
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Range"), "bytes=0-") {
			<-r.Context().Done()
			return
		}
		serve(&c, "video/mp4", data).ServeHTTP(w, r)
	}))
	defer srv.Close()

	obj, err := testFetcher(WithItemTimeout(100*time.Millisecond)).Open(context.Background(), srv.URL+"/a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	_, err = obj.R.ReadAt(make([]byte, 8), obj.Size-8)
	wantError(t, err, ReasonTimeout, "per-item time limit")
}

func addrPort(t *testing.T, rawURL string) netip.AddrPort {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return netip.MustParseAddrPort(u.Host)
}

func port(t *testing.T, rawURL string) string {
	t.Helper()
	return strconv.Itoa(int(addrPort(t, rawURL).Port()))
}
