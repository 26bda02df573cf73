// Package guard keeps a send pipeline from sending a payload walint finds
// wrong: Transport is an http.RoundTripper that validates every message
// before it leaves. A refused send is a *RejectedError or, for a client that
// would retry an error as a network fault, the 400 response the Cloud API
// gives a payload it refuses (Transport.RefuseAs400); a callback
// (Transport.OnReport) sees the report of every send, passed or refused.
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
// to send a payload with a finding at or above BlockOn (errors, by default).
// A refusal is a *RejectedError that carries the report or, with
// RefuseAs400, the 400 response the Cloud API gives a payload it refuses.
// Other requests pass through untouched, and the body of a checked request
// is restored, byte for byte, for the real send.
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
	// RefuseAs400, when true, answers a refused send with the response the
	// Cloud API gives a payload it refuses instead of an
	// error. A client that retries a transport error as a network fault,
	// as clients with a retry loop do, then takes the refusal for the
	// client error it is and does not send the payload again.
	RefuseAs400 bool
	// OnReport, when not nil, is called with the report of every request
	// the Transport checked to the end, passed (refused false) or refused,
	// before the request is sent or refused: a place to log the warnings of
	// the sends that pass. r is the request as it came, its body already
	// read. OnReport is called from RoundTrip, so it must be safe for
	// concurrent use.
	OnReport func(r *http.Request, rep *validate.Report, refused bool)
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
	refused := blocks(rep, t.BlockOn)
	if t.OnReport != nil {
		t.OnReport(r, rep, refused)
	}
	if refused {
		rej := &RejectedError{URL: r.URL.Redacted(), Report: rep, BlockOn: t.BlockOn}
		if t.RefuseAs400 {
			return rej.response(r), nil
		}
		return nil, rej
	}
	// RoundTrippers must not modify the request; send a clone with the body
	// restored, and let GetBody replay it for redirects and retries.
	out := r.Clone(ctx)
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	out.ContentLength = int64(len(body))
	return base.RoundTrip(out)
}
