package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/walint/walint/validate/media"
)

// TestPasswordNeverShown fetches links with a password in every way a
// fetch fails that can be provoked here, and wants no error to show the
// password, in its message, its fields or the errors it wraps.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cr3t-pw"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow.jpg":
			<-r.Context().Done() // until the client gives up
		case "/big.jpg":
			serveIgnoringRange(&counter{}, make([]byte, 100<<10), false)(w, r)
		case "/gone.jpg":
			http.NotFound(w, r)
		case "/moved.jpg": // to a URL with a password of its own
			http.Redirect(w, r, "http://other:"+secret+"@"+r.Host+"/broken.jpg", http.StatusFound)
		case "/moved-away.jpg":
			http.Redirect(w, r, "http://other:"+secret+"@"+r.Host+"/gone.jpg", http.StatusFound)
		case "/moved-far.jpg":
			http.Redirect(w, r, "http://other:"+secret+"@10.0.0.7/a.jpg", http.StatusFound)
		case "/moved-plain.jpg":
			http.Redirect(w, r, "ftp://other:"+secret+"@"+r.Host+"/a.jpg", http.StatusFound)
		case "/loop.jpg":
			http.Redirect(w, r, "http://other:"+secret+"@"+r.Host+"/loop.jpg", http.StatusFound)
		default:
			http.Error(w, "boom", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusing := closed.Addr().String() // nothing listens there once closed
	closed.Close()
	at := func(host, path string) string { return "http://user:" + secret + "@" + host + path }
	host := strings.TrimPrefix(srv.URL, "http://")

	for _, tc := range []struct {
		name, link string
		f          *Fetcher
		reason     Reason // 0: a *media.NotFoundError
	}{
		{"refused address", "https://user:" + secret + "@127.0.0.1/a.jpg", New(), ReasonAddress},
		{"refused address, port given", at("10.1.2.3:8080", "/a.jpg"), New(AllowHTTP()), ReasonAddress},
		{"connection refused", at(refusing, "/a.jpg"), testFetcher(), ReasonNetwork},
		{"bad status", at(host, "/broken.jpg"), testFetcher(), ReasonStatus},
		{"not found", at(host, "/gone.jpg"), testFetcher(), 0},
		{"timeout", at(host, "/slow.jpg"), testFetcher(WithRequestTimeout(1)), ReasonTimeout},
		{"too large", at(host, "/big.jpg"), testFetcher(WithMaxBytes(10 << 10)), ReasonTooLarge},
		{"redirect, bad status", at(host, "/moved.jpg"), testFetcher(), ReasonStatus},
		{"redirect, not found", at(host, "/moved-away.jpg"), testFetcher(), 0},
		{"redirect to a refused address", at(host, "/moved-far.jpg"), New(AllowHTTP(), allowAddrForTesting(addrPort(t, srv.URL))), ReasonAddress},
		{"redirect to a refused scheme", at(host, "/moved-plain.jpg"), testFetcher(), ReasonScheme},
		{"too many redirects", at(host, "/loop.jpg"), testFetcher(), ReasonRedirects},
		{"scheme refused", "ftp://user:" + secret + "@example.com/a.jpg", New(), ReasonScheme},
		{"link does not parse", "https://user:" + secret + "@example.com/%zz.jpg", New(), ReasonLink},
		{"link does not parse, odd port", "https://user:" + secret + "@example.com:x/a.jpg", New(), ReasonLink},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.f.Open(context.Background(), tc.link)
			var fe *Error
			var nf *media.NotFoundError
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.reason == 0 && !errors.As(err, &nf):
				t.Fatalf("got %v, want a *media.NotFoundError", err)
			case tc.reason != 0 && (!errors.As(err, &fe) || fe.Reason != tc.reason):
				t.Fatalf("got %v, want an *Error of reason %v", err, tc.reason)
			}
			if !strings.Contains(err.Error(), "user:xxxxx@") {
				t.Errorf("%q does not show the link with its password hidden", err)
			}
			// The message, the fields, and every error wrapped.
			for e := err; e != nil; e = errors.Unwrap(e) {
				if s := fmt.Sprintf("%v %+v", e, e); strings.Contains(s, secret) {
					t.Errorf("the password shows in %T: %s", e, s)
				}
			}
		})
	}
}

// TestRedact hides a link's password as url.URL.Redacted does, and leaves
// every other link as it is spelt.
func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://user:pw@h/a.jpg", "https://user:xxxxx@h/a.jpg"},
		{"https://user:p@ss:w@rd@h:8443/a.jpg?q=@#f", "https://user:xxxxx@h:8443/a.jpg?q=@#f"},
		{"https://user:@h/a.jpg", "https://user:xxxxx@h/a.jpg"},
		{"https://user@h/a.jpg", "https://user@h/a.jpg"}, // no password: the user is shown, as Redacted does
		{"https://h/a@b:c.jpg", "https://h/a@b:c.jpg"},
		{"https://h?x=u:p@y", "https://h?x=u:p@y"},
		{"https://h#u:p@y", "https://h#u:p@y"},
		{"HTTPS://h/café.jpg", "HTTPS://h/café.jpg"},
		{"https://user:pw@h/%zz", "https://user:xxxxx@h/%zz"}, // does not parse, still hidden
		{"not a link", "not a link"},
		{"", ""},
	} {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
