package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// Reason says why a fetch failed, so that callers can tell failures apart
// with errors.As without reading message text. The zero value is invalid.
type Reason int

// The reasons a fetch fails. A missing file is not among them: a 404 or 410
// answer is a *media.NotFoundError.
const (
	_ Reason = iota
	// ReasonLink: the link is not an absolute URL with a host.
	ReasonLink
	// ReasonScheme: the link, or a redirect, uses a scheme other than https
	// (or http when allowed).
	ReasonScheme
	// ReasonAddress: the host resolves to an address that is refused
	// (loopback, private, link-local, cloud metadata...).
	ReasonAddress
	// ReasonRedirects: the host redirected more than MaxRedirects times.
	ReasonRedirects
	// ReasonTimeout: a request, or the whole item, took longer than its limit.
	ReasonTimeout
	// ReasonStatus: the host answered with an HTTP status other than success
	// or not found.
	ReasonStatus
	// ReasonTooLarge: reading the object needed more bytes than the per-item
	// byte cap allows.
	ReasonTooLarge
	// ReasonResponse: the host's answer could not be used (a malformed
	// Content-Range, an object that changed while it was being read...).
	ReasonResponse
	// ReasonNetwork: the host could not be reached (unknown name, connection
	// refused or reset, TLS failure...).
	ReasonNetwork
	// ReasonCanceled: the caller's context ended the fetch.
	ReasonCanceled
)

var reasonNames = [...]string{
	ReasonLink:      "link",
	ReasonScheme:    "scheme",
	ReasonAddress:   "address",
	ReasonRedirects: "redirects",
	ReasonTimeout:   "timeout",
	ReasonStatus:    "status",
	ReasonTooLarge:  "too-large",
	ReasonResponse:  "response",
	ReasonNetwork:   "network",
	ReasonCanceled:  "canceled",
}

// String returns the reason's stable kebab-case name.
func (r Reason) String() string {
	if r <= 0 || int(r) >= len(reasonNames) {
		return fmt.Sprintf("Reason(%d)", int(r))
	}
	return reasonNames[r]
}

// Error is a failed fetch. Its message says why in words a user can act on,
// for example "fetch https://x.example/a.jpg: link resolves to 10.0.0.5, a
// private address: refused". A link's password never shows, in the message
// or in the fields: it is replaced as url.URL.Redacted does
// ("https://user:xxxxx@x.example/a.jpg").
type Error struct {
	Reason Reason
	// Link is the link that was being fetched, its password hidden.
	Link string
	// URL is where the link redirected to, when the failure happened there,
	// its password hidden; it is empty when the link did not redirect,
	// however differently the HTTP client spells the link (escaped, with
	// its password hidden...).
	URL string
	// Addr and Class describe a refused address (ReasonAddress): the address
	// connected to and what kind it is: "loopback", "private", "link-local",
	// "cloud metadata", "carrier-grade NAT", "unspecified", "multicast",
	// "broadcast", "documentation" or "reserved".
	Addr  netip.Addr
	Class string
	// Status is the HTTP status code (ReasonStatus).
	Status int
	// Detail completes the message; it is set for every reason.
	Detail string
	// Err is the underlying error, if any.
	Err error
}

// Error returns "fetch LINK: what went wrong". It says where a redirect
// led only when there was one: URL is set only then.
func (e *Error) Error() string {
	redirected := e.URL != "" && e.URL != e.Link
	var what string
	switch {
	case e.Reason == ReasonAddress && redirected:
		what = fmt.Sprintf("link redirects to %s, which resolves to %s, %s: refused", e.URL, e.Addr, e.Detail)
	case e.Reason == ReasonAddress:
		what = fmt.Sprintf("link resolves to %s, %s: refused", e.Addr, e.Detail)
	case e.Reason == ReasonScheme && redirected:
		what = "link redirects to " + e.URL + ": " + e.Detail
	case redirected:
		what = e.Detail + " (at " + e.URL + ")"
	default:
		what = e.Detail
	}
	return "fetch " + e.Link + ": " + what
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Timeout reports whether the fetch ran out of time, for callers that test
// errors through the net.Error-style interface.
func (e *Error) Timeout() bool { return e.Reason == ReasonTimeout }

// addressError is the error the dialer returns for a refused address; Open
// completes it with the link.
func addressError(a netip.Addr, v verdict) *Error {
	return &Error{Reason: ReasonAddress, Addr: a, Class: v.class, Detail: v.describe()}
}

// redact returns link with its password, if it has one, replaced by
// "xxxxx", as url.URL.Redacted does, and is otherwise spelt as given: so
// that no error shows a password, and the link in an error is the link the
// user wrote. It reads the authority as url.Parse does (after "//", up to
// the first "/", "?" or "#"; the user information before its last "@"),
// so that a link that does not parse is hidden too.
func redact(link string) string {
	_, rest, ok := strings.Cut(link, "://")
	if !ok {
		return link
	}
	authority := rest
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		authority = rest[:end]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return link
	}
	colon := strings.IndexByte(authority[:at], ':')
	if colon < 0 {
		return link // a user name alone is shown, as Redacted shows it
	}
	start := len(link) - len(rest) + colon + 1 // the password's first byte
	return link[:start] + "xxxxx" + link[start+at-colon-1:]
}

// redactParse hides the password of the link in the error url.Parse (and
// http.NewRequest) return, which quotes the link whole.
func redactParse(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: redact(ue.URL), Err: ue.Err}
	}
	return err
}

// sizeText writes a byte count the way a user reads it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
