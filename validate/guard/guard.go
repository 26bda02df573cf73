// Package guard keeps a send pipeline from sending a payload walint finds
// wrong: Transport is an http.RoundTripper that validates every message
// before it leaves.
//
// It is a package of its own so that package validate stays free of
// net/http, which would more than double the size of the checker page's
// WebAssembly module; guard builds on every GOOS, js included.
package guard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/walint/walint/validate"
)

// Transport is an http.RoundTripper for send pipelines: it validates the body
// of every POST to a WhatsApp /messages endpoint before it leaves, and refuses
// to send a payload with a finding at or above BlockOn (errors, by default),
// returning a *RejectedError that
// carries the report. Other requests pass through untouched, and the body of
// a checked request is restored, byte for byte, for the real send.
type Transport struct {
	// Base sends the requests that pass; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Validator checks the payloads; it must not be nil.
	Validator *validate.Validator
	// BlockOn is the lowest severity that stops a send; zero means
	// validate.SeverityError, so warnings and infos pass through.
	BlockOn validate.Severity
	// IsMessages reports whether a request goes to a messages endpoint; nil
	// means IsMessagesRequest.
	IsMessages func(*http.Request) bool
}

// RejectedError is the error Transport returns for a payload it refused to
// send because of its findings. The request never reached the server. (A
// payload that could not be checked to the end, because the request's
// context was cancelled or expired, gets the context's error instead.)
type RejectedError struct {
	// URL is the request's URL, without a password.
	URL    string
	Report *validate.Report
}

// Error lists the findings. It does not repeat the URL, which http.Client
// puts before it ("Post \"https://...\": walint: ...").
func (e *RejectedError) Error() string {
	var b strings.Builder
	b.WriteString("walint: payload not sent:")
	for _, f := range e.Report.Findings {
		fmt.Fprintf(&b, "\n\t%s %s", f.Pointer, f.String())
	}
	return b.String()
}

// IsMessagesRequest reports whether r is a POST to a WhatsApp messages
// endpoint: the Cloud API's /{version}/{phone-number-id}/messages or the
// On-Premises /v1/messages.
func IsMessagesRequest(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL != nil && strings.HasSuffix(strings.TrimSuffix(r.URL.Path, "/"), "/messages")
}

// maxGuardedBody is the largest body the guard reads; a larger one is
// refused, as no message comes near it.
const maxGuardedBody = validate.DefaultMaxSize

// RoundTrip validates a messages request's body and sends it on when it has
// no finding at or above BlockOn.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	is := t.IsMessages
	if is == nil {
		is = IsMessagesRequest
	}
	if !is(r) || r.Body == nil || r.Body == http.NoBody {
		return base.RoundTrip(r)
	}
	if t.Validator == nil {
		return nil, errors.New("walint: Transport has no Validator")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxGuardedBody+1))
	r.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("walint: reading the request body: %w", err)
	}
	ctx := r.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	rep := t.Validator.Validate(ctx, body)
	if err := ctx.Err(); err != nil {
		// The check may have stopped early: the payload is not refused,
		// the request is given up, as any RoundTripper gives it up.
		return nil, err
	}
	block := t.BlockOn
	if block == 0 {
		block = validate.SeverityError
	}
	for _, f := range rep.Findings {
		if f.Severity >= block {
			return nil, &RejectedError{URL: r.URL.Redacted(), Report: rep}
		}
	}
	// RoundTrippers must not modify the request; send a clone with the body
	// restored, and let GetBody replay it for redirects and retries.
	out := r.Clone(ctx)
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	out.ContentLength = int64(len(body))
	return base.RoundTrip(out)
}
