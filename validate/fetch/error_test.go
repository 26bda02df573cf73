package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/walint/walint/validate/media"
)

// TestNoRedirectNoRedirectMessage fetches links that the HTTP client spells
// its own way (escaped, a lower-case scheme, the password hidden) but that
// do not redirect: the message is about the link, not a redirect.
func TestNoRedirectNoRedirectMessage(t *testing.T) {
	for _, link := range []string{
		"https://10.1.2.3/café.jpg",
		"https://10.1.2.3/a b.jpg",
		"HTTPS://10.1.2.3/a.jpg",
		"https://user:secret@10.1.2.3/a.jpg",
	} {
		_, err := New().Open(context.Background(), link)
		e := wantError(t, err, ReasonAddress, "")
		shown := strings.Replace(link, "secret", "xxxxx", 1) // TestPasswordNeverShown
		want := "fetch " + shown + ": link resolves to 10.1.2.3, a private address: refused"
		if e != nil && (e.Error() != want || e.URL != "") {
			t.Errorf("%s:\n got %q (URL %q)\nwant %q (no URL)", link, e, e.URL, want)
		}
	}
}

// TestRedirectMessage follows links that redirect, and links spelt
// differently by the client that do not, to a host answering 500 or 404:
// only the redirected ones name where they led.
func TestRedirectMessage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved.jpg":
			http.Redirect(w, r, "/b.jpg", http.StatusFound)
		case "/moved-away.jpg":
			http.Redirect(w, r, "/gone.jpg", http.StatusFound)
		case "/gone é.jpg", "/gone.jpg":
			http.Error(w, "gone", http.StatusNotFound)
		default:
			http.Error(w, "boom", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()

	for _, tc := range []struct{ path, want, url string }{
		{"/café.jpg", "the host answered 500 Internal Server Error", ""},
		{"/moved.jpg", "the host answered 500 Internal Server Error (at " + srv.URL + "/b.jpg)", srv.URL + "/b.jpg"},
	} {
		link := srv.URL + tc.path
		_, err := testFetcher().Open(context.Background(), link)
		e := wantError(t, err, ReasonStatus, "")
		if want := "fetch " + link + ": " + tc.want; e != nil && (e.Error() != want || e.URL != tc.url) {
			t.Errorf("%s:\n got %q (URL %q)\nwant %q (URL %q)", tc.path, e, e.URL, want, tc.url)
		}
	}

	for _, tc := range []struct{ path, want string }{
		{"/gone é.jpg", "the host answered 404 Not Found"},
		{"/moved-away.jpg", "the host answered 404 Not Found at " + srv.URL + "/gone.jpg"},
	} {
		_, err := testFetcher().Open(context.Background(), srv.URL+tc.path)
		var nf *media.NotFoundError
		if !errors.As(err, &nf) || nf.Where != tc.want {
			t.Errorf("%s: err = %v, want a *media.NotFoundError where %q", tc.path, err, tc.want)
		}
	}
}

// TestRedirectToRefusedAddressMessage is the other half of
// TestNoRedirectNoRedirectMessage: a link spelt differently by the client
// that does redirect, to a refused address, says so.
func TestRedirectToRefusedAddressMessage(t *testing.T) {
	first := httptest.NewServer(http.RedirectHandler("http://10.0.0.7/b.jpg", http.StatusFound))
	defer first.Close()
	f := New(AllowHTTP(), allowAddrForTesting(addrPort(t, first.URL)))
	link := first.URL + "/café.jpg"
	_, err := f.Open(context.Background(), link)
	e := wantError(t, err, ReasonAddress, "")
	want := "fetch " + link + ": link redirects to http://10.0.0.7/b.jpg, which resolves to 10.0.0.7, a private address: refused"
	if e != nil && (e.Error() != want || e.URL != "http://10.0.0.7/b.jpg") {
		t.Errorf("got %q (URL %q)\nwant %q", e, e.URL, want)
	}
}
