package guard_test

import (
	"encoding/json"
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

// A client with a retry loop retries a transport error as a network fault:
// with RefuseAs400 the refusal is the 400 the Cloud API gives a payload it
// refuses, which such a client already handles and does not retry. OnReport
// sees every send the guard checked, so the warnings of those that pass can
// be logged.
func ExampleTransport_refuseAs400() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"messages":[{"id":"wamid.1"}]}`)
	}))
	defer api.Close()

	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	client := &http.Client{Transport: &guard.Transport{
		Validator:   v,
		RefuseAs400: true,
		OnReport: func(r *http.Request, rep *validate.Report, refused bool) {
			for _, f := range rep.Findings {
				if f.Severity == validate.SeverityWarning {
					fmt.Println("warning:", f.Pointer, f.Message)
				}
			}
		},
	}}
	send := func(body string) {
		resp, err := client.Post(api.URL+"/v25.0/1234567890/messages", "application/json", strings.NewReader(body))
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		defer resp.Body.Close()
		var reply struct {
			Error *struct {
				Code      int `json:"code"`
				ErrorData struct {
					Details string `json:"details"`
				} `json:"error_data"`
			} `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&reply)
		if reply.Error != nil {
			fmt.Println(resp.Status, reply.Error.Code, reply.Error.ErrorData.Details)
			return
		}
		fmt.Println(resp.Status)
	}
	send(`{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"Hi"}}`)
	send(`{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":91,"longitude":0}}`)
	// Output:
	// warning: /to recipient "16505551234" has no leading +; expected "+16505551234"
	// 200 OK
	// 400 Bad Request 131009 /location/latitude: latitude is 91, outside the range -90 to 90. Check that latitude and longitude are not swapped, and that the value is in decimal degrees.
}
