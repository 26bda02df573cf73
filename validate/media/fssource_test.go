package media

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFSSource(t *testing.T) {
	fsys := fstest.MapFS{
		"cdn.example.com/media/clip.mp4": {Data: []byte("by host and path")},
		"media/clip.mp4":                 {Data: []byte("by path")},
		"clip.mp4":                       {Data: []byte("by basename")},
		"other/song.mp3":                 {Data: []byte("song by path")},
		"song.mp3":                       {Data: []byte("song by basename")},
		"photo.jpg":                      {Data: []byte("photo")},
		"dir/sub/x":                      {Data: []byte("x")},
	}
	tests := []struct {
		link, want string
	}{
		{"https://cdn.example.com/media/clip.mp4", "by host and path"},
		{"https://CDN.example.com:8443/media/clip.mp4?sig=1#t=2", "by host and path"},
		{"https://other.example.com/media/clip.mp4", "by path"},
		{"https://other.example.com/x/y/clip.mp4", "by basename"},
		{"https://h.example.com/other/song.mp3", "song by path"},
		{"https://h.example.com/a/song.mp3", "song by basename"},
		{"https://h.example.com/a/./b/../photo.jpg", "photo"},
		{"https://h.example.com/%70hoto.jpg", "photo"},
		{"photo.jpg", "photo"},
	}
	src := FSSource(fsys)
	for _, tt := range tests {
		obj, err := src.Open(context.Background(), tt.link)
		if err != nil {
			t.Errorf("Open(%q): %v", tt.link, err)
			continue
		}
		if got := readAll(t, obj); got != tt.want {
			t.Errorf("Open(%q) read %q, want %q", tt.link, got, tt.want)
		}
		if obj.Size != int64(len(tt.want)) || obj.ContentType != "" {
			t.Errorf("Open(%q): Size %d, ContentType %q", tt.link, obj.Size, obj.ContentType)
		}
		if err := obj.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
}

func readAll(t *testing.T, obj *Object) string {
	t.Helper()
	b, err := io.ReadAll(io.NewSectionReader(obj.R, 0, obj.Size))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFSSourceRefusesEscapes(t *testing.T) {
	fsys := fstest.MapFS{"secret": {Data: []byte("s")}, "a/secret": {Data: []byte("s")}}
	for _, link := range []string{
		"https://h.example.com/../secret",
		"https://h.example.com/a/../../secret",
		"https://h.example.com/%2e%2e/secret",
		"https://h.example.com/..%2fsecret",
		"https://h.example.com/a%5c..%5csecret",
		"https://../secret",
		"../secret",
	} {
		_, err := FSSource(fsys).Open(context.Background(), link)
		if !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want fs.ErrInvalid", link, err)
		}
	}
}

func TestFSSourceNotFound(t *testing.T) {
	fsys := fstest.MapFS{"cdn.example.com/media/clip.mp4/inner": {Data: []byte("a directory is not a file")}}
	_, err := FSSource(fsys).Open(context.Background(), "https://cdn.example.com/media/clip.mp4")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Open = %v, want *NotFoundError", err)
	}
	want := `tried "cdn.example.com/media/clip.mp4", "media/clip.mp4", "clip.mp4"`
	if nf.Link != "https://cdn.example.com/media/clip.mp4" || nf.Where != want {
		t.Errorf("NotFoundError = %+v, want Where %q", nf, want)
	}
	if _, err := FSSource(fsys).Open(context.Background(), "https://cdn.example.com/"); !errors.As(err, &nf) {
		t.Errorf("Open of a link without a path = %v, want *NotFoundError", err)
	}
}

func TestFSSourceCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FSSource(fstest.MapFS{}).Open(ctx, "https://h/x"); !errors.Is(err, context.Canceled) {
		t.Errorf("Open = %v, want context.Canceled", err)
	}
}

// seqFS hides ReadAt, as a zip file system's entries do.
type seqFS struct{ fs.FS }

type seqFile struct{ f fs.File }

func (s seqFS) Open(name string) (fs.File, error) {
	f, err := s.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return seqFile{f}, nil
}

func (s seqFile) Stat() (fs.FileInfo, error) { return s.f.Stat() }
func (s seqFile) Read(p []byte) (int, error) { return s.f.Read(p) }
func (s seqFile) Close() error               { return s.f.Close() }

func TestFSSourceWithoutReaderAt(t *testing.T) {
	data := strings.Repeat("0123456789", 100)
	obj, err := FSSource(seqFS{fstest.MapFS{"f.bin": {Data: []byte(data)}}}).Open(context.Background(), "https://h/f.bin")
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, obj); got != data {
		t.Errorf("read %d bytes, want %d", len(got), len(data))
	}
	// Past the in-memory head of a file larger than the cap, reads fail
	// rather than pretend the file ended.
	h := headReader{head: strings.NewReader("abc"), size: 10}
	if _, err := h.ReadAt(make([]byte, 4), 1); !errors.Is(err, errBeyondHead) {
		t.Errorf("ReadAt past the head = %v, want errBeyondHead", err)
	}
}

// TestFSSourceHidesPasswords: no error of FSSource shows a link's password,
// whether the link does not parse, has no file name, climbs out of the
// directory or names no file there.
func TestFSSourceHidesPasswords(t *testing.T) {
	src := FSSource(fstest.MapFS{"a.jpg": {Data: []byte("x")}})
	for _, link := range []string{"https://u:s3cret@h/%zz", "https://u:s3cret@h/", "https://u:s3cret@h/../x.jpg", "https://u:s3cret@h/none.jpg"} {
		_, err := src.Open(context.Background(), link)
		if err == nil {
			t.Fatalf("Open(%q) found a file", link)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q): %v shows the password", link, err)
		}
	}
}
