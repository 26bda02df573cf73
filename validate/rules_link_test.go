package validate

import (
	"slices"
	"testing"
)

// FuzzLinkProblem holds the shortcuts that spare a link url.Parse to what
// url.Parse says: a link that linkProblem passes as a plain web link has no
// urlProblem, and a link whose name nameFits leads to no media-extension
// finding by the extension url.Parse reads.
func FuzzLinkProblem(f *testing.F) {
	for _, s := range []string{"https://example.com/a.jpg", "http://a/b.png?x#y", "https://host.jpg", "https://h/a.JPG#x.pdf",
		"https://h/a.ogg?v=1.mp3", "https://h/a%2Ejpg", "https://h:80/a.mp4", "https://[::1]/a.jpg", "https://u@h/a.pdf",
		"https://h/a.aac", "HTTPS://h/a.opus", "https:/h/a.jpg", "https://-/", "https://./a.webp", "ftp://h/a.jpg", "a.jpg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if msg, _ := linkProblem(s); msg == "" && plainWebLink(s) {
			if m, _ := urlProblem(s); m != "" {
				t.Fatalf("linkProblem passes %q as a plain web link, but url.Parse finds it %s", s, m)
			}
		}
		for i := range mediaKinds {
			kind := &mediaKinds[i]
			if !nameFits(kind, s) {
				continue
			}
			if ext, mime, known := linkType(s); known && (!slices.Contains(kind.types, mime) || kind.voice && mime != "audio/ogg") {
				t.Fatalf("nameFits(%s, %q), but url.Parse reads the extension %s (%s)", kind.name, s, ext, mime)
			}
		}
	})
}
