//go:build !js

package validate_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/walint/walint/validate"
)

// A send pipeline wraps its http.Client's transport: a payload with errors is
// stopped before it leaves, with the findings in the error.
func ExampleTransport() {
	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	client := &http.Client{Transport: &validate.Transport{Validator: v}}
	body := `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"Hi","preview_url":"true"}}`
	_, err = client.Post("https://graph.facebook.com/v23.0/1234567890/messages", "application/json", strings.NewReader(body))
	var rejected *validate.RejectedError
	if errors.As(err, &rejected) {
		for _, f := range rejected.Report.Findings {
			fmt.Println(f.Rule, f.Pointer, f.Code, f.CloudCode)
		}
	}
	// Output: quoted-boolean /text/preview_url 400 100
}

// Without a custom transport, validate before building the request.
func ExampleValidator_Validate() {
	v, err := validate.New(validate.WithDialect(validate.DialectCloud))
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":"91.5","longitude":"-122.4"}}`)
	rep := v.Validate(context.Background(), payload)
	if err := rep.Err(); err != nil {
		for _, f := range rep.Findings {
			fmt.Printf("%d:%d %s %s: %s\n", f.Span.Start.Line, f.Span.Start.Column, f.Rule, f.Pointer, f.Message)
		}
		return // do not send
	}
	// ... build the request with payload and send it.
	// Output: 1:91 latitude-range /location/latitude: latitude is 91.5, outside the range -90 to 90
}
