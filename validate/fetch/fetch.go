// Package fetch is a guarded HTTP media source: it fetches the media behind
// a link for inspection without letting the link reach places it must not.
//
// Every connection's address is checked when it is dialled, after name
// resolution, so loopback, private, link-local, cloud metadata, unspecified,
// multicast, broadcast, documentation and other special-purpose addresses,
// and IPv6 forms that carry one of them, are refused even when a name is
// rebound between lookups. Only https is
// fetched unless AllowHTTP is given, redirects are limited and re-checked,
// proxies from the environment are ignored, and each request and each item
// have a time limit. Objects are read lazily with Range requests, so an
// inspector that reads the head of a file and then its index at the end
// downloads only those parts, and a byte cap bounds what one item costs.
//
// The package is for command-line use (walint --fetch-media); the WASM
// module never imports it.
package fetch

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/walint/walint/validate/media"
)

// MaxRedirects is how many redirects one request may follow.
const MaxRedirects = 3

// Defaults for the options.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultItemTimeout    = 30 * time.Second
	DefaultMaxBytes       = 8 << 20
	DefaultChunkSize      = 64 << 10
)

// userAgent names walint to the hosts it fetches from.
const userAgent = "walint-media-check (+https://github.com/walint/walint)"

// Fetcher is a media.Source that fetches links over HTTPS with the guards
// described in the package documentation. It is safe for concurrent use.
type Fetcher struct {
	client         *http.Client
	allowHTTP      bool
	allowLoopback  bool
	allowAddr      netip.AddrPort
	requestTimeout time.Duration
	itemTimeout    time.Duration
	maxBytes       int64
	chunkSize      int64
	tlsConfig      *tls.Config
}

var _ media.Source = (*Fetcher)(nil)

// Option configures a Fetcher.
type Option func(*Fetcher)

// AllowHTTP lets the fetcher follow http links and redirects as well as
// https ones.
func AllowHTTP() Option { return func(f *Fetcher) { f.allowHTTP = true } }

// WithRequestTimeout limits each HTTP request, from dialling to the end of
// its body (default DefaultRequestTimeout). Values <= 0 keep the default.
func WithRequestTimeout(d time.Duration) Option {
	return func(f *Fetcher) {
		if d > 0 {
			f.requestTimeout = d
		}
	}
}

// WithItemTimeout limits everything done for one object, from Open to its
// last read (default DefaultItemTimeout). Values <= 0 keep the default.
func WithItemTimeout(d time.Duration) Option {
	return func(f *Fetcher) {
		if d > 0 {
			f.itemTimeout = d
		}
	}
}

// WithMaxBytes caps the bytes downloaded for one object (default
// DefaultMaxBytes); a read that needs more fails with ReasonTooLarge.
// Values <= 0 keep the default.
func WithMaxBytes(n int64) Option {
	return func(f *Fetcher) {
		if n > 0 {
			f.maxBytes = n
		}
	}
}

// WithChunkSize sets how many bytes one Range request asks for at least
// (default DefaultChunkSize). The byte cap is spent in whole chunks, so a
// chunk larger than the cap is cut to it. Values <= 0 keep the default.
func WithChunkSize(n int64) Option {
	return func(f *Fetcher) {
		if n > 0 {
			f.chunkSize = n
		}
	}
}

// WithTLSConfig sets the TLS configuration, for instance to trust a private
// certificate authority. The fetcher uses a clone.
func WithTLSConfig(c *tls.Config) Option {
	return func(f *Fetcher) { f.tlsConfig = c.Clone() }
}

// New returns a Fetcher with the given options.
func New(opts ...Option) *Fetcher {
	f := &Fetcher{
		requestTimeout: DefaultRequestTimeout,
		itemTimeout:    DefaultItemTimeout,
		maxBytes:       DefaultMaxBytes,
		chunkSize:      DefaultChunkSize,
	}
	for _, o := range opts {
		o(f)
	}
	// A chunk is the unit both of requests and of the cap.
	f.chunkSize = min(f.chunkSize, f.maxBytes)
	// The per-request context bounds dialling, the TLS handshake, the
	// headers and the body; transport timeouts would end requests with
	// errors that do not say which limit ran out.
	dialer := &net.Dialer{Control: f.control}
	transport := &http.Transport{
		Proxy:                  nil, // never a proxy from the environment: it would dial for us, unchecked
		DialContext:            dialer.DialContext,
		TLSClientConfig:        f.tlsConfig,
		DisableCompression:     true, // byte ranges are of the object as stored, not of a decoded stream
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// CloseIdleConnections closes the connections the fetcher keeps for reuse.
func (f *Fetcher) CloseIdleConnections() { f.client.CloseIdleConnections() }

// checkRedirect refuses a redirect past the limit or to a scheme that is
// not fetched; the dialer checks the new address.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return &Error{
			Reason: ReasonRedirects,
			URL:    req.URL.Redacted(),
			Detail: fmt.Sprintf("more than %d redirects: stopped", MaxRedirects),
		}
	}
	if err := f.checkScheme(req.URL); err != nil {
		err.URL = req.URL.Redacted()
		return err
	}
	return nil
}

func (f *Fetcher) checkScheme(u *url.URL) *Error {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if f.allowHTTP {
			return nil
		}
		return &Error{Reason: ReasonScheme, Detail: "plain http is not fetched: only https links are"}
	}
	return &Error{Reason: ReasonScheme, Detail: fmt.Sprintf("scheme %q is not fetched: only https links are", u.Scheme)}
}

// Open fetches the head of the object behind link and returns it. The
// object's reader fetches further ranges on demand until the object is
// closed or the per-item time limit runs out, so ctx must stay alive while
// the object is read. A 404 or 410 answer is a *media.NotFoundError; every
// other failure is an *Error.
func (f *Fetcher) Open(ctx context.Context, link string) (*media.Object, error) {
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, &Error{Reason: ReasonLink, Link: redact(link), Detail: "not an absolute URL with a host", Err: redactParse(err)}
	}
	if err := f.checkScheme(u); err != nil {
		err.Link = redact(link)
		return nil, err
	}
	itemCtx, cancel := context.WithTimeoutCause(ctx, f.itemTimeout, errItemTimeout)
	r := &remote{f: f, link: redact(link), url: link, ctx: itemCtx, cancel: cancel}
	if err := r.open(); err != nil {
		cancel()
		return nil, err
	}
	return &media.Object{R: r, Size: r.size, ContentType: r.contentType, Close: r.Close}, nil
}
