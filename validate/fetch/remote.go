package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/walint/walint/validate/media"
)

// remote is a lazily fetched object: an io.ReaderAt that downloads the
// chunks a read needs with Range requests and keeps them.
type remote struct {
	f *Fetcher
	// link is the link as errors show it, its password hidden (redact);
	// url has it whole.
	link string
	// ctx carries the per-item time limit to reads that happen after Open
	// returns; io.ReaderAt has no context of its own.
	ctx    context.Context
	cancel context.CancelFunc

	mu          sync.Mutex // guards everything below; reads are serialized
	url         string     // where the next request goes (after redirects)
	redirected  bool       // the link redirected, so url is not the link itself
	etag        string     // strong validator for If-Range, "" when none
	size        int64
	contentType string
	whole       []byte           // the body, when the host ignored Range
	ranged      bool             // the host answers Range requests
	chunks      map[int64][]byte // chunk index -> bytes, when ranged
	downloaded  int64            // bytes read from bodies, against the cap
	closed      bool
}

// open makes the first request, for the first chunk, and learns from the
// answer the object's size, type, and whether the host serves ranges.
func (r *remote) open() error {
	first := r.f.chunkSize
	return r.do(fmt.Sprintf("bytes=0-%d", first-1), func(resp *http.Response) error {
		switch resp.StatusCode {
		case http.StatusPartialContent:
			start, end, total, err := contentRange(resp.Header.Get("Content-Range"))
			if err != nil || total < 0 || start != 0 || end >= first || end != min(first, total)-1 {
				return r.bad(resp, "the host answered the first range request with Content-Range %q", resp.Header.Get("Content-Range"))
			}
			r.size, r.ranged, r.chunks = total, true, map[int64][]byte{}
			r.etag = strongETag(resp.Header.Get("ETag"))
			r.contentType = mediaType(resp.Header.Get("Content-Type"))
			return r.store(resp, 0, end+1)
		case http.StatusOK:
			r.contentType = mediaType(resp.Header.Get("Content-Type"))
			return r.readWhole(resp)
		case http.StatusRequestedRangeNotSatisfiable:
			// An empty object has no byte 0 to serve.
			if _, _, total, err := contentRange(resp.Header.Get("Content-Range")); err == nil && total == 0 {
				r.contentType = mediaType(resp.Header.Get("Content-Type"))
				r.whole = []byte{}
				return nil
			}
		case http.StatusNotFound, http.StatusGone:
			where := "the host answered " + statusText(resp)
			if u := r.redirectTarget(resp); u != "" {
				where += " at " + u
			}
			return &media.NotFoundError{Link: r.link, Where: where}
		}
		return &Error{Reason: ReasonStatus, Link: r.link, URL: r.redirectTarget(resp), Status: resp.StatusCode,
			Detail: "the host answered " + statusText(resp)}
	})
}

// readWhole keeps the body of a host that ignored the Range header, up to
// the byte cap; reads past what was kept fail with ReasonTooLarge.
func (r *remote) readWhole(resp *http.Response) error {
	body, err := io.ReadAll(io.LimitReader(resp.Body, r.f.maxBytes+1))
	r.downloaded = int64(len(body))
	if err != nil {
		return r.bodyError(resp, err)
	}
	switch {
	case int64(len(body)) <= r.f.maxBytes:
		r.size = int64(len(body))
	case resp.ContentLength > r.f.maxBytes:
		// The head fits the cap and may be all an inspector needs.
		body = body[:r.f.maxBytes]
		r.size = resp.ContentLength
	default:
		return &Error{Reason: ReasonTooLarge, Link: r.link,
			Detail: fmt.Sprintf("the host sent more than the %s byte cap without saying the size and ignores Range requests", sizeText(r.f.maxBytes))}
	}
	r.whole = body
	return nil
}

// ReadAt reads len(p) bytes at off, fetching the chunks it needs.
func (r *remote) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("fetch: negative offset")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return 0, errors.New("fetch: read from a closed object")
	}
	end := min(off+int64(len(p)), r.size)
	n := 0
	for pos := off; pos < end; pos = off + int64(n) {
		b, err := r.bytesAt(pos, end)
		if err != nil {
			return n, err
		}
		n += copy(p[n:], b[:min(int64(len(b)), end-pos)])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// bytesAt returns the bytes at pos that are at hand, fetching the chunks
// up to end when they are not.
func (r *remote) bytesAt(pos, end int64) ([]byte, error) {
	if !r.ranged {
		if pos < int64(len(r.whole)) {
			return r.whole[pos:], nil
		}
		return nil, r.tooLarge(pos)
	}
	c := r.f.chunkSize
	i := pos / c
	if b, ok := r.chunks[i]; ok {
		return b[pos-i*c:], nil
	}
	if err := r.fetch(i, (end-1)/c); err != nil {
		return nil, err
	}
	return r.chunks[i][pos-i*c:], nil
}

// fetch downloads chunks first..last, stopping before the first one already
// held, in one Range request, and as many as the byte cap still allows.
func (r *remote) fetch(first, last int64) error {
	c := r.f.chunkSize
	from := first * c
	to := from
	for i := first; i <= last; i++ {
		if _, ok := r.chunks[i]; ok {
			break
		}
		next := min((i+1)*c, r.size)
		if r.downloaded+next-from > r.f.maxBytes {
			break
		}
		to = next
	}
	if to == from {
		return r.tooLarge(from)
	}
	return r.do(fmt.Sprintf("bytes=%d-%d", from, to-1), func(resp *http.Response) error {
		if resp.StatusCode != http.StatusPartialContent {
			if resp.StatusCode == http.StatusOK {
				return r.bad(resp, "the object changed while it was being read, or the host stopped serving ranges")
			}
			return &Error{Reason: ReasonStatus, Link: r.link, URL: r.redirectTarget(resp), Status: resp.StatusCode,
				Detail: "the host answered " + statusText(resp) + " to a range request"}
		}
		start, end, total, err := contentRange(resp.Header.Get("Content-Range"))
		if err != nil || start != from || end != to-1 {
			return r.bad(resp, "the host answered bytes=%d-%d with Content-Range %q", from, to-1, resp.Header.Get("Content-Range"))
		}
		if total != r.size {
			return r.bad(resp, "the object changed size while it was being read (%d, then %d bytes)", r.size, total)
		}
		return r.store(resp, from, to)
	})
}

// store reads the body of a 206 answer for bytes [from, to) into chunks.
func (r *remote) store(resp *http.Response, from, to int64) error {
	buf := make([]byte, to-from)
	n, err := io.ReadFull(resp.Body, buf)
	r.downloaded += int64(n)
	if err != nil {
		return r.bodyError(resp, err)
	}
	c := r.f.chunkSize
	for off := int64(0); off < int64(len(buf)); off += c {
		r.chunks[(from+off)/c] = buf[off:min(off+c, int64(len(buf)))]
	}
	return nil
}

func (r *remote) tooLarge(pos int64) error {
	return &Error{Reason: ReasonTooLarge, Link: r.link,
		Detail: fmt.Sprintf("reading byte %d of %d needs more than the %s byte cap for one item", pos, r.size, sizeText(r.f.maxBytes))}
}

func (r *remote) bad(resp *http.Response, format string, args ...any) error {
	return &Error{Reason: ReasonResponse, Link: r.link, URL: r.redirectTarget(resp), Detail: fmt.Sprintf(format, args...)}
}

// redirectTarget is the URL that answered resp when the link redirected
// there, for an Error's URL, and "" when the link itself answered.
func (r *remote) redirectTarget(resp *http.Response) string {
	if !r.redirected {
		return ""
	}
	return resp.Request.URL.Redacted()
}

// Close ends the object's time limit and drops what was downloaded.
func (r *remote) Close() error {
	r.cancel()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed, r.whole, r.chunks = true, nil, nil
	return nil
}

// contentRange parses "bytes START-END/TOTAL" or "bytes */TOTAL"; total is
// -1 when the host gave it as "*", start and end are -1 in the second form.
func contentRange(h string) (start, end, total int64, err error) {
	spec, ok := strings.CutPrefix(strings.TrimSpace(h), "bytes ")
	rng, tot, ok2 := strings.Cut(spec, "/")
	if !ok || !ok2 {
		return 0, 0, 0, fmt.Errorf("malformed Content-Range %q", h)
	}
	total = -1
	if tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil || total < 0 {
			return 0, 0, 0, fmt.Errorf("malformed Content-Range total %q", h)
		}
	}
	if rng == "*" {
		return -1, -1, total, nil
	}
	a, b, ok := strings.Cut(rng, "-")
	start, err1 := strconv.ParseInt(a, 10, 64)
	end, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || start < 0 || end < start || (total >= 0 && end >= total) {
		return 0, 0, 0, fmt.Errorf("malformed Content-Range range %q", h)
	}
	return start, end, total, nil
}

// mediaType is the Content-Type without parameters, lower-cased.
func mediaType(h string) string {
	if t, _, err := mime.ParseMediaType(h); err == nil {
		return t
	}
	t, _, _ := strings.Cut(h, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// strongETag returns the ETag if it can validate If-Range: weak ones cannot.
func strongETag(h string) string {
	if strings.HasPrefix(h, `"`) && strings.HasSuffix(h, `"`) && len(h) >= 2 {
		return h
	}
	return ""
}

// statusText is "404 Not Found", or the bare code when it has no name.
func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return strconv.Itoa(resp.StatusCode)
}
