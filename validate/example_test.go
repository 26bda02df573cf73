package validate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"testing/fstest"

	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// Build one Validator and share it; print each finding where it points.
func ExampleValidator_Validate() {
	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"0016505551234","type":"location",
"location":{"latitude":"91.5","longitude":"-122.4"}}`)
	rep := v.Validate(context.Background(), payload)
	fmt.Println(rep.Dialect, rep.Type)
	for _, f := range rep.Findings {
		fmt.Printf("%d:%d %s: %s\n", f.Span.Start.Line, f.Span.Start.Column, f.Rule, f.Message)
	}
	// Output:
	// cloud location
	// 1:38 recipient-intl-prefix: recipient "0016505551234" starts with the 00 call prefix; write + and the country code instead
	// 2:24 latitude-range: latitude is 91.5, outside the range -90 to 90
}

// Report.Err turns a report into an error for code that only needs to know
// whether to send: nil when no finding is an error, a *validate.Error that
// lists the findings when one is, and the context's error when the check was
// stopped before the end, which says nothing against the payload.
func ExampleReport_Err() {
	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	clean := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Hi"}}`)
	fmt.Println(v.Validate(context.Background(), clean).Err())

	bad := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Hi","preview_url":"true"}}`)
	err = v.Validate(context.Background(), bad).Err()
	fmt.Println(err)
	var verr *validate.Error
	if errors.As(err, &verr) {
		fmt.Println(len(verr.Findings), verr.Findings[0].Rule, verr.Findings[0].Pointer)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the caller gave up, say
	err = v.Validate(ctx, bad).Err()
	fmt.Println(errors.Is(err, context.Canceled), errors.As(err, &verr))
	// Output:
	// <nil>
	// walint: payload has 1 error(s)
	// 	/text/preview_url: 1:101: error: "preview_url" is the string "true", expected the boolean true [quoted-boolean]
	// 1 quoted-boolean /text/preview_url
	// true false
}

// FixPayload applies the certain fixes, here a 00 prefix and a quoted
// boolean, and validates again until nothing more can be fixed.
func ExampleValidator_FixPayload() {
	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"0016505551234","type":"text","text":{"body":"Hi","preview_url":"true"}}`)
	fixed, n, rep := v.FixPayload(context.Background(), payload)
	fmt.Printf("%d fixes, %d findings left\n", n, len(rep.Findings))
	fmt.Println(string(fixed))
	// Output:
	// 2 fixes, 0 findings left
	// {"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Hi","preview_url":true}}
}

// Fix applies the fixes of one report, leaving every other byte alone.
func ExampleFix() {
	v, err := validate.New()
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Hi","preview_url":"true"}}`)
	rep := v.Validate(context.Background(), payload)
	for _, f := range rep.Findings {
		fmt.Printf("%s: %s -> %s\n", f.Rule, payload[f.Span.Start.Offset:f.Span.End.Offset], f.Fix)
	}
	fixed, n := validate.Fix(payload, rep.Findings)
	fmt.Println(n)
	fmt.Println(string(fixed))
	// Output:
	// quoted-boolean: "true" -> true
	// 1
	// {"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Hi","preview_url":true}}
}

// With the account's template definitions, a template message is checked
// against the template it names.
func ExampleWithTemplates() {
	defs, err := validate.ParseTemplates([]byte(`{"data":[{"name":"order_shipped","language":"en_US","status":"APPROVED",
"category":"UTILITY","components":[{"type":"BODY","text":"Hi {{1}}, order {{2}} has shipped."}]}]}`))
	if err != nil {
		panic(err)
	}
	v, err := validate.New(validate.WithTemplates(defs))
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{
"name":"order_shipped","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}}`)
	for _, f := range v.Validate(context.Background(), payload).Findings {
		fmt.Printf("%d:%d %s %d/%d: %s\n", f.Span.Start.Line, f.Span.Start.Column, f.Rule, f.Code, f.CloudCode, f.Message)
	}
	// Output:
	// 2:94 template-parameter-count 2000/132000: template "order_shipped" expects 2 body parameters, the message gives 1
}

// CheckMedia judges a file on its own, here one an FSSource finds for a link
// in a directory that mirrors the host's paths: a PNG is fine as an image,
// not as a sticker.
func ExampleValidator_CheckMedia() {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		panic(err)
	}
	src := media.FSSource(fstest.MapFS{"stickers/hello.png": {Data: img.Bytes()}})
	obj, err := src.Open(context.Background(), "https://cdn.example.com/stickers/hello.png")
	if err != nil {
		panic(err)
	}
	if obj.Close != nil {
		defer obj.Close()
	}
	info, err := media.Inspect(obj.R, obj.Size)
	if err != nil {
		panic(err)
	}
	fmt.Println(info.MIME, info.Width, info.Height)
	v, err := validate.New(validate.WithDialect(validate.DialectCloud))
	if err != nil {
		panic(err)
	}
	for _, kind := range []validate.MediaKind{validate.MediaImage, validate.MediaSticker} {
		findings, err := v.CheckMedia(kind, info, obj.ContentType)
		if err != nil {
			panic(err)
		}
		fmt.Println(kind, len(findings))
		for _, f := range findings {
			fmt.Printf("  %s: %s\n", f.Rule, f.Message)
		}
	}
	// Output:
	// image/png 300 200
	// image 0
	// sticker 1
	//   media-type-mismatch: the file is image/png (from its bytes), which sticker messages do not accept; expected image/webp
}

// WithMediaSource lets the media rules look at the file behind each link:
// here a sticker link whose file is a PNG renamed .webp.
func ExampleWithMediaSource() {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 512, 512))); err != nil {
		panic(err)
	}
	fsys := fstest.MapFS{"cdn.example.com/hello.webp": {Data: img.Bytes()}}
	v, err := validate.New(validate.WithMediaSource(media.FSSource(fsys)))
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"sticker",
"sticker":{"link":"https://cdn.example.com/hello.webp"}}`)
	for _, f := range v.Validate(context.Background(), payload).Findings {
		fmt.Printf("%d:%d %s %s: %s\n", f.Span.Start.Line, f.Span.Start.Column, f.Rule, f.Pointer, f.Message)
	}
	// Output:
	// 2:19 media-type-mismatch /sticker/link: the file is image/png (from its bytes), which sticker messages do not accept; expected image/webp
}
