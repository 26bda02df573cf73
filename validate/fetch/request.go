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
		return &Error{Reason: ReasonLink, Link: r.link, Detail: "not a valid request URL", Err: err}
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
	resp, err := r.f.client.Do(req)
	if err != nil {
		return r.failed(ctx, err)
	}
	defer resp.Body.Close()
	// Later ranges go straight to where the redirects led.
	r.url = resp.Request.URL.String()
	if err := read(resp); err != nil {
		if ctx.Err() != nil {
			return r.failed(ctx, err)
		}
		return err
	}
	return nil
}

// failed turns a transport or body error into an *Error saying why.
func (r *remote) failed(ctx context.Context, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		e := *fe
		e.Link = r.link
		var ue *url.Error
		if e.URL == "" && errors.As(err, &ue) {
			e.URL = ue.URL
		}
		return &e
	}
	if ctx.Err() != nil {
		switch cause := context.Cause(ctx); cause {
		case errRequestTimeout:
			return &Error{Reason: ReasonTimeout, Link: r.link, Err: err,
				Detail: fmt.Sprintf("the host did not answer within the %s per-request time limit", r.f.requestTimeout)}
		case errItemTimeout:
			return &Error{Reason: ReasonTimeout, Link: r.link, Err: err,
				Detail: fmt.Sprintf("fetching took longer than the %s per-item time limit", r.f.itemTimeout)}
		case context.DeadlineExceeded:
			return &Error{Reason: ReasonTimeout, Link: r.link, Err: err, Detail: "the caller's deadline passed before the fetch ended"}
		default:
			return &Error{Reason: ReasonCanceled, Link: r.link, Err: cause, Detail: "canceled: " + cause.Error()}
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return &Error{Reason: ReasonNetwork, Link: r.link, Err: err,
			Detail: fmt.Sprintf("host %q not found: check the link's host name", dnsErr.Name)}
	}
	return &Error{Reason: ReasonNetwork, Link: r.link, Err: err, Detail: "could not reach the host: " + unwrapURL(err).Error()}
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
