package guard_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"

	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/guard"
)

// A send pipeline wraps its http.Client's transport: a clean payload goes
// through to the API, and a payload with errors is stopped before it leaves,
// with the findings in the error. The server here stands in for the Cloud API.
func ExampleTransport() {
	var hits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, `{"messages":[{"id":"wamid.1"}]}`)
	}))
	defer api.Close()

	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	client := &http.Client{Transport: &guard.Transport{Validator: v}}
	send := func(body string) {
		resp, err := client.Post(api.URL+"/v25.0/1234567890/messages", "application/json", strings.NewReader(body))
		var rejected *guard.RejectedError
		switch {
		case errors.As(err, &rejected):
			fmt.Println("refused:")
			for _, f := range rejected.Report.Findings {
				fmt.Println(" ", f.Rule, f.Pointer, f.Code, f.CloudCode)
			}
		case err != nil:
			fmt.Println("error:", err)
		default:
			reply, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Println("sent:", resp.Status, string(reply))
		}
	}
	send(`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"Hi"}}`)
	send(`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"Hi","preview_url":"true"}}`)
	fmt.Println("requests that reached the API:", hits.Load())
	// Output:
	// sent: 200 OK {"messages":[{"id":"wamid.1"}]}
	// refused:
	//   quoted-boolean /text/preview_url 400 100
	// requests that reached the API: 1
}
