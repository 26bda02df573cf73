package media

import (
	"context"
	"io"
)

// Object is media to inspect: its bytes, its size, and what the host said
// its type is.
type Object struct {
	// R reads the bytes; it need not hold them all in memory (a file, a
	// range-fetched remote object, a browser File).
	R io.ReaderAt
	// Size is the length of the object in bytes.
	Size int64
	// ContentType is the Content-Type the host answered with, "" when there
	// was no host (a local file) or it gave none.
	ContentType string
	// Close releases the object's resources; nil when there are none.
	Close func() error
}

// Source finds the media behind a link. Implementations: FSSource (a local
// directory), the guarded HTTP fetcher in validate/fetch, and in the browser
// a dropped file. A Validator given a Source calls Open from every goroutine
// that uses it, so a Source must be safe for concurrent use.
type Source interface {
	// Open returns the media behind link. The error says why it could not be
	// had (not found, refused address, timeout...); a *NotFoundError means
	// the host or directory has no such file.
	Open(ctx context.Context, link string) (*Object, error)
}

// NotFoundError says that a link's file does not exist where the source
// looked, which WhatsApp would report as a failed download (1014 / 131052).
type NotFoundError struct {
	Link  string
	Where string // what was tried, for the message
}

func (e *NotFoundError) Error() string {
	return "media not found for " + e.Link + ": " + e.Where
}
