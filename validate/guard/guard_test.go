package guard

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/walint/walint/validate"
)

func guardedServer(t *testing.T) (*httptest.Server, *atomic.Int32, *[]byte) {
	var hits atomic.Int32
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		got, _ = io.ReadAll(r.Body)
		w.Write([]byte(`{"messages":[{"id":"wamid.x"}]}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits, &got
}

func TestTransportStopsBadPayload(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	bad := `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":91,"longitude":0}}`
	_, err := client.Post(srv.URL+"/v23.0/1234567890/messages", "application/json", strings.NewReader(bad))
	var rej *RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("got %v, want a *RejectedError", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the server was contacted %d times", hits.Load())
	}
	if len(rej.Report.Findings) != 1 || rej.Report.Findings[0].Rule != "latitude-range" || !strings.Contains(err.Error(), "/location/latitude") {
		t.Errorf("report %v, error %q: want the latitude-range finding", rej.Report.Findings, err)
	}
}

func TestTransportDeliversGoodPayloadByteForByte(t *testing.T) {
	srv, hits, got := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	// A warning (the recipient without "+") does not stop the send.
	good := []byte("{\n  \"messaging_product\": \"whatsapp\",\n  \"to\": \"16505551234\",\n  \"text\": {\"body\": \"héllo\"}\n}\n")
	resp, err := client.Post(srv.URL+"/v23.0/1234567890/messages", "application/json", bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if hits.Load() != 1 || !bytes.Equal(*got, good) {
		t.Errorf("server got %q (%d requests), want the body byte for byte", *got, hits.Load())
	}
}

func TestTransportBlockOnWarning(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t), BlockOn: validate.SeverityWarning}}
	_, err := client.Post(srv.URL+"/v1/messages", "application/json", strings.NewReader(`{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"x"}}`))
	if !errors.As(err, new(*RejectedError)) || hits.Load() != 0 {
		t.Errorf("got %v with %d requests, want the warning to stop the send", err, hits.Load())
	}
}

func TestTransportPassesOtherRequests(t *testing.T) {
	srv, hits, got := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	// Not JSON at all, but not a messages request either.
	for _, u := range []string{srv.URL + "/v23.0/1234567890/media", srv.URL + "/v23.0/1234567890/messages?x=1"} {
		method := http.MethodPost
		if strings.Contains(u, "messages") {
			method = http.MethodGet
		}
		req, _ := http.NewRequest(method, u, strings.NewReader("not json"))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, u, err)
		}
		resp.Body.Close()
	}
	if hits.Load() != 2 || string(*got) != "not json" {
		t.Errorf("got %d requests, last body %q", hits.Load(), *got)
	}
}

// TestTransportCancelled: a request whose context is cancelled gets the
// context's error, not a *RejectedError (which a send pipeline would take
// for a bad payload and drop instead of retrying), and never reaches the
// server.
func TestTransportCancelled(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	good := `{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v23.0/1234567890/messages", strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Do(req)
	var rej *RejectedError
	if !errors.Is(err, context.Canceled) || errors.As(err, &rej) {
		t.Errorf("got %v, want context.Canceled and no *RejectedError", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the server was contacted %d times", hits.Load())
	}
}

// TestTransportErrorSaysURLOnce: http.Client puts the URL before the
// Transport's error; the error must not repeat it.
func TestTransportErrorSaysURLOnce(t *testing.T) {
	srv, _, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	url := srv.URL + "/v23.0/1234567890/messages"
	_, err := client.Post(url, "application/json", strings.NewReader(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":""}}`))
	if err == nil || strings.Count(err.Error(), url) != 1 {
		t.Errorf("error %q: want the URL once", err)
	}
}

func newValidator(t *testing.T) *validate.Validator {
	t.Helper()
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	return v
}
