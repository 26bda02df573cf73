package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// maxInMemory caps what FSSource reads into memory for a file system whose
// files cannot read at an offset. WhatsApp's largest media (video and audio)
// is 16 MB; a larger document is still typed by its head.
const maxInMemory = 16 << 20

// FSSource returns a Source that finds a link's file in fsys, trying in turn
// <host>/<path>, <path> and <basename>: a mirror of several hosts, of one
// host, or a flat folder of files. The query and fragment are ignored. A link
// whose path climbs out with ".." is refused with an *fs.PathError wrapping
// fs.ErrInvalid. The CLI passes os.DirFS(dir); tests pass fstest.MapFS.
func FSSource(fsys fs.FS) Source {
	return fsSource{fsys}
}

type fsSource struct{ fsys fs.FS }

// Open implements Source.
func (s fsSource) Open(ctx context.Context, link string) (*Object, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	names, err := candidates(link)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, name := range names {
		obj, err := s.open(name)
		if err == nil {
			return obj, nil
		}
		if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, fmt.Errorf("opening media for %s: %w", shown(link), firstErr)
	}
	return nil, &NotFoundError{Link: shown(link), Where: "tried " + quoteAll(names)}
}

// shown is link as errors show it: as written, but with its password, if it
// has one, written xxxxx (url.URL.Redacted).
func shown(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.User == nil {
		return link
	}
	if _, ok := u.User.Password(); !ok {
		return link
	}
	return u.Redacted()
}

// candidates lists the names to try for link, cleaned and relative to the
// root of the file system.
func candidates(link string) ([]string, error) {
	u, err := url.Parse(link)
	if err != nil {
		// url.Parse's error quotes the link, password and all: say what is
		// wrong without it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("media link is not a valid URL: %w", err)
	}
	refuse := &fs.PathError{Op: "open", Path: shown(link), Err: fs.ErrInvalid}
	p := path.Clean(strings.TrimPrefix(u.Path, "/"))
	if p == ".." || strings.HasPrefix(p, "../") || strings.ContainsAny(p, "\\\x00") {
		return nil, refuse
	}
	host := strings.ToLower(u.Hostname())
	if host == "." || host == ".." || strings.ContainsAny(host, "/\\\x00") {
		return nil, refuse
	}
	var names []string
	add := func(name string) {
		if name == "." || name == "/" || !fs.ValidPath(name) {
			return
		}
		for _, n := range names {
			if n == name {
				return
			}
		}
		names = append(names, name)
	}
	if host != "" {
		add(path.Join(host, p))
	}
	add(p)
	add(path.Base(p))
	if len(names) == 0 {
		return nil, &NotFoundError{Link: shown(link), Where: "the link has no file name"}
	}
	return names, nil
}

// open returns the regular file name as an Object. Anything else counts
// as not found. The file's type is looked at before it is opened, since
// opening a named pipe waits for a writer that may never come.
func (s fsSource) open(name string) (*Object, error) {
	if st, err := fs.Stat(s.fsys, name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if ra, ok := f.(io.ReaderAt); ok {
		return &Object{R: ra, Size: st.Size(), Close: f.Close}, nil
	}
	// No random access (a zip entry, say): keep the head in memory. Reads
	// past it fail, so an index at the end of a huge file is reported as
	// unreadable rather than silently missing.
	data, err := io.ReadAll(io.LimitReader(f, maxInMemory))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return &Object{R: headReader{bytes.NewReader(data), st.Size()}, Size: st.Size()}, nil
}

// headReader reads from the in-memory head of a file of the given size.
type headReader struct {
	head io.ReaderAt
	size int64
}

var errBeyondHead = errors.New("beyond the part of the file held in memory")

func (h headReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.head.ReadAt(p, off)
	if n < len(p) && off+int64(n) < h.size {
		return n, errBeyondHead
	}
	return n, err
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
