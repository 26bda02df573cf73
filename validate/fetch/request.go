package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
)

// The causes of the two time limits, to tell them apart when one fires.
var (
	errItemTimeout    = errors.New("per-item time limit")
	errRequestTimeout = errors.New("per-request time limit")
)

// do sends one GET, with a Range header when rng is not empty, and hands the
// response to read while the request's own time limit still runs.
func (r *remote) do(rng string, read func(*http.Response) error) error {
	ctx, cancel := context.WithTimeoutCause(r.ctx, r.f.requestTimeout, errRequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return &Error{Reason: ReasonLink, Link: r.link, Detail: "not a valid request URL", Err: redactParse(err)}
	}
	req.Header.Set("User-Agent", userAgent)
	if rng != "" {
		req.Header.Set("Range", rng)
		if r.etag != "" {
			// A changed object then comes back whole (200), not as a
			// range of a different file.
			req.Header.Set("If-Range", r.etag)
		}
	}
	// The request goes through a copy of the fetcher's client, sharing its
	// transport, whose redirect check also notes that this request was
	// redirected. Comparing URLs cannot tell: the client spells the link
	// its own way (escaped, with a lower-case scheme, its password hidden),
	// and a link is not a redirect target because it is spelt differently.
	redirected := r.redirected
	client := *r.f.client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		redirected = true
		return r.f.checkRedirect(req, via)
	}
	resp, err := client.Do(req)
	if err != nil {
		return r.failed(ctx, err, redirected)
	}
	defer resp.Body.Close()
	// Later ranges go straight to where the redirects led.
	r.url, r.redirected = resp.Request.URL.String(), redirected
	// read reports a body cut short by a time limit itself (bodyError).
	return read(resp)
}

// failed turns a transport error into an *Error saying why; redirected
// says whether the link had redirected, so that the URL the client names
// is a redirect target.
func (r *remote) failed(ctx context.Context, err error, redirected bool) error {
	var fe *Error
	if errors.As(err, &fe) {
		e := *fe
		e.Link = r.link
		var ue *url.Error
		if e.URL == "" && redirected && errors.As(err, &ue) {
			e.URL = redact(ue.URL) // net/http's "***" for a password, spelt as the others are
		}
		return &e
	}
	if e := r.ended(ctx, err, false); e != nil {
		return e
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return &Error{Reason: ReasonNetwork, Link: r.link, Err: err,
			Detail: fmt.Sprintf("host %q not found: check the link's host name", dnsErr.Name)}
	}
	return &Error{Reason: ReasonNetwork, Link: r.link, Err: err, Detail: "could not reach the host: " + unwrapURL(err).Error()}
}

// bodyError turns an error reading the body of resp into an *Error. A body
// cut short by a time limit or by the caller is a timeout or a
// cancellation, not a network failure: the transport then ends the body
// with the context's cause, which says nothing of a network.
func (r *remote) bodyError(resp *http.Response, err error) *Error {
	// The response's request carries the context do made for it.
	if e := r.ended(resp.Request.Context(), err, true); e != nil {
		return e
	}
	// A deadline on the connection rather than on the context: the
	// transport sets none today, but such an error is still the body being
	// too slow. os.ErrDeadlineExceeded and context.DeadlineExceeded are
	// net.Errors whose Timeout method says so.
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &Error{Reason: ReasonTimeout, Link: r.link, Err: err, Detail: "the body took too long to arrive: " + err.Error()}
	}
	return &Error{Reason: ReasonNetwork, Link: r.link, Err: err, Detail: "reading the body: " + err.Error()}
}

// ended returns the error for a request whose context ended it, a timeout
// naming the limit that ran out or the caller's cancellation, and nil when
// the context is still live. inBody says whether the headers had arrived,
// so that the message says what was slow.
func (r *remote) ended(ctx context.Context, err error, inBody bool) *Error {
	if ctx.Err() == nil {
		return nil
	}
	switch cause := context.Cause(ctx); cause {
	case errRequestTimeout:
		detail := fmt.Sprintf("the host did not answer within the %s per-request time limit", r.f.requestTimeout)
		if inBody {
			detail = fmt.Sprintf("the body took longer than the %s per-request time limit to arrive", r.f.requestTimeout)
		}
		return &Error{Reason: ReasonTimeout, Link: r.link, Err: err, Detail: detail}
	case errItemTimeout:
		detail := fmt.Sprintf("fetching took longer than the %s per-item time limit", r.f.itemTimeout)
		if inBody {
			detail += " while the body was arriving"
		}
		return &Error{Reason: ReasonTimeout, Link: r.link, Err: err, Detail: detail}
	case context.DeadlineExceeded:
		return &Error{Reason: ReasonTimeout, Link: r.link, Err: err, Detail: "the caller's deadline passed before the fetch ended"}
	default:
		return &Error{Reason: ReasonCanceled, Link: r.link, Err: cause, Detail: "canceled: " + cause.Error()}
	}
}

// unwrapURL drops the url.Error wrapper, whose "Get URL:" prefix repeats
// what the message already says.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
