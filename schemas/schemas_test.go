package schemas

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/walint/walint/internal/schemadocs"
)

const idPrefix = "https://walint.dev/schemas/"

// corpusDir is the shared conformance corpus, two levels above the module.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// leaf is one leaf validation error: the type of its kind and a JSON pointer.
// For *kind.Required and *kind.AdditionalProperties the pointer names the
// missing or unknown member itself (one leaf per member), as walint reports
// them and as the corpus's expect.tsv writes them.
type leaf struct {
	Kind string
	At   string
}

func (l leaf) String() string { return fmt.Sprintf("%s at %q", l.Kind, l.At) }

// schemaDocs returns every embedded schema, keyed by its path in FS.
func schemaDocs(t *testing.T) map[string]map[string]any {
	t.Helper()
	paths, err := fs.Glob(FS, "*/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("listing schemas: %v (%d files)", err, len(paths))
	}
	docs := make(map[string]map[string]any, len(paths))
	for _, p := range paths {
		b, err := FS.ReadFile(p)
		if err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("parsing %s: %v", p, err)
		}
		doc, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: top level is %T, want an object", p, v)
		}
		docs[p] = doc
	}
	return docs
}

// compile adds every embedded schema under its $id and compiles both roots.
func compile(t *testing.T) (cloud, onprem *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	for p, doc := range schemaDocs(t) {
		id, _ := doc["$id"].(string)
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("adding %s as %q: %v", p, id, err)
		}
	}
	var err error
	if cloud, err = c.Compile(CloudURL); err != nil {
		t.Fatalf("compiling %s: %v", CloudURL, err)
	}
	if onprem, err = c.Compile(OnPremURL); err != nil {
		t.Fatalf("compiling %s: %v", OnPremURL, err)
	}
	return cloud, onprem
}

// leaves validates payload and returns its leaf errors, sorted.
func leaves(t *testing.T, sch *jsonschema.Schema, payload []byte) []leaf {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
	if err != nil {
		t.Fatalf("parsing payload: %v", err)
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("validating: %v", err)
	}
	var out []leaf
	collect(ve, &out)
	slices.SortFunc(out, func(a, b leaf) int { return strings.Compare(a.String(), b.String()) })
	return out
}

func collect(e *jsonschema.ValidationError, out *[]leaf) {
	if len(e.Causes) == 0 {
		at := pointer(e.InstanceLocation)
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			for _, m := range k.Missing {
				*out = append(*out, leaf{"*kind.Required", at + "/" + escape(m)})
			}
		case *kind.AdditionalProperties:
			for _, p := range k.Properties {
				*out = append(*out, leaf{"*kind.AdditionalProperties", at + "/" + escape(p)})
			}
		default:
			*out = append(*out, leaf{fmt.Sprintf("%T", e.ErrorKind), at})
		}
	}
	for _, c := range e.Causes {
		collect(c, out)
	}
}

// pointer joins an instance location as an RFC 6901 JSON Pointer.
func pointer(tokens []string) string {
	var sb strings.Builder
	for _, tok := range tokens {
		sb.WriteString("/" + escape(tok))
	}
	return sb.String()
}

func escape(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}

func TestSchemaIDs(t *testing.T) {
	for p, doc := range schemaDocs(t) {
		if got := doc["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v, want draft 2020-12", p, got)
		}
		id, _ := doc["$id"].(string)
		u, err := url.Parse(id)
		if err != nil || !u.IsAbs() || u.Host == "" {
			t.Errorf("%s: $id %q is not an absolute URL", p, id)
		}
		if want := idPrefix + p; id != want {
			t.Errorf("%s: $id is %q, want %q", p, id, want)
		}
	}
	for _, root := range []string{CloudURL, OnPremURL} {
		if _, err := FS.Open(strings.TrimPrefix(root, idPrefix)); err != nil {
			t.Errorf("root %s has no file: %v", root, err)
		}
	}
}

// corpus returns the corpus directory, skipping the test when it is absent,
// except under CI=true: CI runs beside ../shared (.ci/run), so a missing
// corpus is a broken checkout, and skipping would pass it with less tested.
func corpus(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(corpusDir, sub)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared corpus not found, and CI=true requires it: %v", err)
		}
		abs, _ := filepath.Abs(dir)
		t.Skipf("shared corpus not found at %s (../shared/corpus beside the repository): skipped here, required with CI=true", abs)
	}
	return dir
}

// rootFor picks the dialect by file name, as the corpus names its files.
func rootFor(name string, cloud, onprem *jsonschema.Schema) *jsonschema.Schema {
	if strings.HasPrefix(name, "onprem_") {
		return onprem
	}
	return cloud
}

func TestCorpusValid(t *testing.T) {
	dir := corpus(t, "valid")
	cloud, onprem := compile(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files in %s: %v", dir, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := leaves(t, rootFor(name, cloud, onprem), b); len(got) != 0 {
				t.Errorf("want no schema error, got %v", got)
			}
		})
	}
}

// malformed marks corpus files that are not JSON at all.
var malformed = []leaf{{Kind: "malformed JSON"}}

// corpusInvalid lists what the schemas report for every corpus/invalid file.
// A nil entry means the problem is left to walint's Go rules (type/object
// consistency, one of id/link, link syntax and media type, coordinate
// ranges, phone syntax, cross-field rules): the schema must stay silent there
// so that one problem gives one finding.
var corpusInvalid = map[string][]leaf{
	"audio_link_wav.json":                         nil,
	"button_title_21_chars.json":                  {{"*kind.MaxLength", "/interactive/action/buttons/0/reply/title"}},
	"buttons_4_reply_buttons.json":                {{"*kind.MaxItems", "/interactive/action/buttons"}},
	"buttons_duplicate_ids.json":                  nil,
	"buttons_missing_body.json":                   {{"*kind.Required", "/interactive/body"}},
	"cloud_missing_messaging_product.json":        {{"*kind.Required", "/messaging_product"}},
	"cloud_with_v1_hsm.json":                      {{"*kind.Enum", "/type"}}, // "hsm" itself is dialect-mixed's (Go)
	"contacts_missing_name.json":                  {{"*kind.Required", "/contacts/0/name"}},
	"cta_url_display_text_22_chars.json":          {{"*kind.MaxLength", "/interactive/action/parameters/display_text"}},
	"flow_both_id_and_name.json":                  nil,
	"image_caption_1025_chars.json":               {{"*kind.MaxLength", "/image/caption"}},
	"image_link_double_encoded.json":              nil,
	"image_link_points_to_mp3.json":               nil,
	"image_link_webp.json":                        nil,
	"interactive_body_1025_chars.json":            {{"*kind.MaxLength", "/interactive/body/text"}},
	"interactive_header_61_chars.json":            {{"*kind.MaxLength", "/interactive/header/text"}},
	"list_11_rows_total.json":                     nil,
	"list_button_22_chars.json":                   {{"*kind.MaxLength", "/interactive/action/button"}},
	"list_footer_61_chars.json":                   {{"*kind.MaxLength", "/interactive/footer/text"}},
	"list_image_header.json":                      {{"*kind.Enum", "/interactive/header/type"}},
	"list_multi_section_missing_title.json":       {{"*kind.Required", "/interactive/action/sections/0/title"}, {"*kind.Required", "/interactive/action/sections/1/title"}},
	"list_row_description_73_chars.json":          {{"*kind.MaxLength", "/interactive/action/sections/0/rows/1/description"}},
	"list_row_title_25_chars.json":                {{"*kind.MaxLength", "/interactive/action/sections/0/rows/0/title"}},
	"location_latitude_91.json":                   nil,
	"location_longitude_string_out_of_range.json": nil,
	"location_missing_longitude.json":             {{"*kind.Required", "/location/longitude"}},
	"malformed_json_smart_quotes.json":            malformed,
	"malformed_json_trailing_comma.json":          malformed,
	"media_both_id_and_link.json":                 nil,
	"media_link_not_http.json":                    nil,
	"media_neither_id_nor_link.json":              nil,
	"onprem_v1_location_latitude_91.json":         nil,
	"onprem_v1_preview_url_quoted.json":           {{"*kind.Type", "/preview_url"}},
	"phone_00_international_prefix.json":          nil,
	"phone_formatted_invalid_area_code.json":      nil,
	"phone_missing_country_code.json":             nil,
	"phone_to_as_number.json":                     {{"*kind.Type", "/to"}},
	"product_list_non_text_header.json":           {{"*kind.Enum", "/interactive/header/type"}},
	"reaction_missing_message_id.json":            {{"*kind.Required", "/reaction/message_id"}},
	"status_not_read.json":                        {{"*kind.Enum", "/status"}},
	"sticker_link_png.json":                       nil,
	"template_button_bad_sub_type.json":           {{"*kind.Enum", "/template/components/2/sub_type"}},
	"template_currency_amount_quoted.json":        {{"*kind.Type", "/template/components/0/parameters/1/currency/amount_1000"}},
	"template_currency_bad_code.json":             {{"*kind.Pattern", "/template/components/0/parameters/1/currency/code"}},
	"template_image_header_points_to_pdf.json":    nil,
	"template_missing_language.json":              {{"*kind.Required", "/template/language"}},
	"template_text_param_null.json":               {{"*kind.Type", "/template/components/0/parameters/0/text"}},
	"template_url_button_missing_parameter.json":  nil,
	"text_body_4097_chars.json":                   {{"*kind.MaxLength", "/text/body"}},
	"text_missing_body.json":                      {{"*kind.Required", "/text/body"}},
	"text_preview_url_quoted_boolean.json":        {{"*kind.Type", "/text/preview_url"}},
	"type_object_mismatch.json":                   nil,
	"type_unknown.json":                           {{"*kind.AdditionalProperties", "/poll"}, {"*kind.Enum", "/type"}},
	"typing_indicator_bad_type.json":              {{"*kind.Enum", "/typing_indicator/type"}},
	"video_link_quicktime_mov.json":               nil,
}

// expectedPointers reads expect.tsv: file name to the pointer walint must report.
func expectedPointers(t *testing.T, dir string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "expect.tsv"))
	if err != nil {
		t.Fatalf("reading expect.tsv: %v", err)
	}
	ptrs := make(map[string]string)
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			t.Fatalf("expect.tsv: malformed line %q", line)
		}
		ptrs[fields[0]] = fields[1]
	}
	return ptrs
}

func TestCorpusInvalid(t *testing.T) {
	dir := corpus(t, "invalid")
	ptrs := expectedPointers(t, filepath.Dir(dir))
	cloud, onprem := compile(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files in %s: %v", dir, err)
	}
	for name := range corpusInvalid {
		if !slices.Contains(files, filepath.Join(dir, name)) {
			t.Errorf("corpusInvalid lists %s, which is not in the corpus", name)
		}
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			want, ok := corpusInvalid[name]
			if !ok {
				t.Fatalf("new corpus file: add it to corpusInvalid")
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Equal(want, malformed) {
				if _, err := jsonschema.UnmarshalJSON(bytes.NewReader(b)); err == nil {
					t.Errorf("want a JSON syntax error, the file parsed")
				}
				return
			}
			got := leaves(t, rootFor(name, cloud, onprem), b)
			if !slices.Equal(got, want) {
				t.Errorf("leaf errors:\n got %v\nwant %v", got, want)
			}
			if want != nil && !slices.ContainsFunc(want, func(l leaf) bool { return l.At == ptrs[name] }) {
				t.Errorf("no leaf at expect.tsv's pointer %q", ptrs[name])
			}
		})
	}
}

func TestHandWritten(t *testing.T) {
	cloud, onprem := compile(t)
	const (
		env  = `"messaging_product":"whatsapp","to":"+16505551234"`
		v1   = `"to":"16505551234"`
		tmpl = `"type":"template","template":{"name":"t","language":{"code":"en_US"},"components":[`
	)
	tests := []struct {
		name    string
		onprem  bool
		payload string
		want    []leaf // nil: the payload must validate clean
	}{
		// Accepted on purpose.
		{name: "recipient instead of to", payload: `{"messaging_product":"whatsapp","recipient":"US.13491208655302741918","text":{"body":"hi"}}`},
		{name: "callback data of 512 code points", payload: `{` + env + `,"biz_opaque_callback_data":"` + strings.Repeat("é", 512) + `","text":{"body":"hi"}}`},
		{name: "group recipient", payload: `{` + env + `,"recipient_type":"group","text":{"body":"hi"}}`},
		{name: "upper-case sub_type, numeric index", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"QUICK_REPLY","index":2,"parameters":[{"type":"payload","payload":"p"}]}]}}`},
		{name: "copy code button", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"copy_code","index":"0","parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}}`},
		{name: "named parameter", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Ana"}]}]}}`},
		{name: "location header parameter", payload: `{` + env + `,` + tmpl + `{"type":"header","parameters":[{"type":"location","location":{"latitude":"37.48","longitude":"-122.14","name":"HQ","address":"1 Hacker Way"}}]}]}}`},
		{name: "carousel and limited-time offer", payload: `{` + env + `,` + tmpl + `{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1209600000}}]},{"type":"carousel","cards":[{"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},{"type":"button","sub_type":"quick_reply","index":0,"parameters":[{"type":"payload","payload":"a"}]}]},{"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"2"}}]},{"type":"button","sub_type":"quick_reply","index":0,"parameters":[{"type":"payload","payload":"b"}]}]}]}]}}`},
		{name: "call permission request", payload: `{` + env + `,"type":"interactive","interactive":{"type":"call_permission_request","body":{"text":"May we call you?"},"action":{"name":"call_permission_request"}}}`},
		{name: "image header on buttons", payload: `{` + env + `,"type":"interactive","interactive":{"type":"button","header":{"type":"image","image":{"link":"https://example.com/a.jpg"}},"body":{"text":"b"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}}`},
		{name: "v1 template", onprem: true, payload: `{` + v1 + `,"type":"template","template":{"namespace":"ns","name":"t","language":{"policy":"deterministic","code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":"x"}]}]}}`},
		{name: "v1 media provider", onprem: true, payload: `{` + v1 + `,"type":"image","image":{"link":"https://example.com/a.jpg","provider":{"name":"cdn"}}}`},

		// Envelope.
		{name: "messaging_product wrong", payload: `{"messaging_product":"WhatsApp","to":"1","text":{"body":"hi"}}`, want: []leaf{{"*kind.Const", "/messaging_product"}}},
		{name: "no to, no recipient", payload: `{"messaging_product":"whatsapp","text":{"body":"hi"}}`, want: []leaf{{"*kind.Required", "/to"}}},
		{name: "recipient_type enum", payload: `{` + env + `,"recipient_type":"user","text":{"body":"hi"}}`, want: []leaf{{"*kind.Enum", "/recipient_type"}}},
		{name: "context without message_id", payload: `{` + env + `,"context":{},"text":{"body":"hi"}}`, want: []leaf{{"*kind.Required", "/context/message_id"}}},
		{name: "callback data too long", payload: `{` + env + `,"biz_opaque_callback_data":"` + strings.Repeat("é", 513) + `","text":{"body":"hi"}}`, want: []leaf{{"*kind.MaxLength", "/biz_opaque_callback_data"}}},
		{name: "quoted top-level preview_url", payload: `{` + env + `,"preview_url":"false","text":{"body":"hi"}}`, want: []leaf{{"*kind.Type", "/preview_url"}}},
		{name: "read receipt without message_id", payload: `{"messaging_product":"whatsapp","status":"read"}`, want: []leaf{{"*kind.Required", "/message_id"}}},
		{name: "unknown text field", payload: `{` + env + `,"text":{"body":"hi","bodyy":"x"}}`, want: []leaf{{"*kind.AdditionalProperties", "/text/bodyy"}}},
		{name: "empty body", payload: `{` + env + `,"text":{"body":""}}`, want: []leaf{{"*kind.MinLength", "/text/body"}}},

		// Media, location, contacts.
		{name: "quoted voice", payload: `{` + env + `,"type":"audio","audio":{"id":"1","voice":"true"}}`, want: []leaf{{"*kind.Type", "/audio/voice"}}},
		{name: "caption on sticker", payload: `{` + env + `,"type":"sticker","sticker":{"id":"1","caption":"x"}}`, want: nil}, // media-caption-unsupported (Go) reports it
		{name: "latitude as boolean", payload: `{` + env + `,"type":"location","location":{"latitude":true,"longitude":1}}`, want: []leaf{{"*kind.Type", "/location/latitude"}}},
		{name: "contact without formatted_name", payload: `{` + env + `,"type":"contacts","contacts":[{"name":{"first_name":"A"}}]}`, want: []leaf{{"*kind.Required", "/contacts/0/name/formatted_name"}}},

		// Interactive: one wrong field, one leaf.
		{name: "interactive type enum", payload: `{` + env + `,"type":"interactive","interactive":{"type":"buttons","body":{"text":"b"},"action":{"buttons":[]}}}`, want: []leaf{{"*kind.Enum", "/interactive/type"}}},
		{name: "header type enum", payload: `{` + env + `,"type":"interactive","interactive":{"type":"button","header":{"type":"audio"},"body":{"text":"b"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}}`, want: []leaf{{"*kind.Enum", "/interactive/header/type"}}},
		{name: "text header without text", payload: `{` + env + `,"type":"interactive","interactive":{"type":"list","header":{"type":"text"},"body":{"text":"b"},"action":{"button":"B","sections":[{"rows":[{"id":"a","title":"A"}]}]}}}`, want: []leaf{{"*kind.Required", "/interactive/header/text"}}},
		{name: "reply button type", payload: `{` + env + `,"type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[{"type":"url","reply":{"id":"a","title":"A"}}]}}}`, want: []leaf{{"*kind.Enum", "/interactive/action/buttons/0/type"}}},
		{name: "empty button title", payload: `{` + env + `,"type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":""}}]}}}`, want: []leaf{{"*kind.MinLength", "/interactive/action/buttons/0/reply/title"}}},
		{name: "no buttons", payload: `{` + env + `,"type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[]}}}`, want: []leaf{{"*kind.MinItems", "/interactive/action/buttons"}}},
		{name: "11 sections", payload: `{` + env + `,"type":"interactive","interactive":{"type":"list","body":{"text":"b"},"action":{"button":"B","sections":[` + strings.Repeat(`{"title":"s","rows":[{"id":"a","title":"A"}]},`, 10) + `{"title":"s","rows":[{"id":"b","title":"B"}]}]}}}`, want: []leaf{{"*kind.MaxItems", "/interactive/action/sections"}}},
		{name: "section title too long", payload: `{` + env + `,"type":"interactive","interactive":{"type":"list","body":{"text":"b"},"action":{"button":"B","sections":[{"title":"` + strings.Repeat("s", 25) + `","rows":[{"id":"a","title":"A"}]}]}}}`, want: []leaf{{"*kind.MaxLength", "/interactive/action/sections/0/title"}}},
		{name: "row id too long", payload: `{` + env + `,"type":"interactive","interactive":{"type":"list","body":{"text":"b"},"action":{"button":"B","sections":[{"rows":[{"id":"` + strings.Repeat("i", 201) + `","title":"A"}]}]}}}`, want: []leaf{{"*kind.MaxLength", "/interactive/action/sections/0/rows/0/id"}}},
		{name: "wrong action name", payload: `{` + env + `,"type":"interactive","interactive":{"type":"location_request_message","body":{"text":"b"},"action":{"name":"location"}}}`, want: []leaf{{"*kind.Const", "/interactive/action/name"}}},
		{name: "numeric flow_message_version", payload: `{` + env + `,"type":"interactive","interactive":{"type":"flow","body":{"text":"b"},"action":{"name":"flow","parameters":{"flow_message_version":3,"flow_cta":"Go","flow_id":"1"}}}}`, want: []leaf{{"*kind.Type", "/interactive/action/parameters/flow_message_version"}}},
		{name: "flow mode enum", payload: `{` + env + `,"type":"interactive","interactive":{"type":"flow","body":{"text":"b"},"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_cta":"Go","flow_id":"1","mode":"live"}}}}`, want: []leaf{{"*kind.Enum", "/interactive/action/parameters/mode"}}},
		{name: "product without body is fine, without catalog is not", payload: `{` + env + `,"type":"interactive","interactive":{"type":"product","action":{"product_retailer_id":"sku"}}}`, want: []leaf{{"*kind.Required", "/interactive/action/catalog_id"}}},
		{name: "product_list without header", payload: `{` + env + `,"type":"interactive","interactive":{"type":"product_list","body":{"text":"b"},"action":{"catalog_id":"1","sections":[{"title":"s","product_items":[{"product_retailer_id":"a"}]}]}}}`, want: []leaf{{"*kind.Required", "/interactive/header"}}},
		{name: "address country", payload: `{` + env + `,"type":"interactive","interactive":{"type":"address_message","body":{"text":"b"},"action":{"name":"address_message","parameters":{"country":"US"}}}}`, want: []leaf{{"*kind.Enum", "/interactive/action/parameters/country"}}},

		// Template.
		{name: "template name case", payload: `{` + env + `,"type":"template","template":{"name":"Hello_World","language":{"code":"en_US"}}}`, want: []leaf{{"*kind.Pattern", "/template/name"}}},
		{name: "cloud policy", payload: `{` + env + `,"type":"template","template":{"name":"t","language":{"code":"en_US","policy":"fallback"}}}`, want: []leaf{{"*kind.Enum", "/template/language/policy"}}},
		{name: "component type enum", payload: `{` + env + `,` + tmpl + `{"type":"footer","parameters":[{"type":"text","text":"x"}]}]}}`, want: []leaf{{"*kind.Enum", "/template/components/0/type"}}},
		{name: "image parameter in body", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"image","image":{"id":"1"}}]}]}}`, want: []leaf{{"*kind.Enum", "/template/components/0/parameters/0/type"}}},
		{name: "unknown parameter type", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"txt","text":"x"}]}]}}`, want: []leaf{{"*kind.Enum", "/template/components/0/parameters/0/type"}}},
		{name: "header text parameter too long", payload: `{` + env + `,` + tmpl + `{"type":"header","parameters":[{"type":"text","text":"` + strings.Repeat("h", 61) + `"}]}]}}`, want: []leaf{{"*kind.MaxLength", "/template/components/0/parameters/0/text"}}},
		{name: "empty text parameter", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"text","text":""}]}]}}`, want: []leaf{{"*kind.MinLength", "/template/components/0/parameters/0/text"}}},
		{name: "text parameter missing", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"text"}]}]}}`, want: []leaf{{"*kind.Required", "/template/components/0/parameters/0/text"}}},
		{name: "caption on template image", payload: `{` + env + `,` + tmpl + `{"type":"header","parameters":[{"type":"image","image":{"id":"1","caption":"c"}}]}]}}`, want: []leaf{{"*kind.AdditionalProperties", "/template/components/0/parameters/0/image/caption"}}},
		{name: "fractional amount_1000", payload: `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"currency","currency":{"fallback_value":"$1","code":"USD","amount_1000":100.5}}]}]}}`, want: []leaf{{"*kind.Type", "/template/components/0/parameters/0/currency/amount_1000"}}},
		{name: "button without index", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"url","parameters":[{"type":"text","text":"x"}]}]}}`, want: []leaf{{"*kind.Required", "/template/components/0/index"}}},
		{name: "index string of two digits", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"url","index":"10","parameters":[{"type":"text","text":"x"}]}]}}`, want: []leaf{{"*kind.Pattern", "/template/components/0/index"}}},
		{name: "index number 10", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"url","index":10,"parameters":[{"type":"text","text":"x"}]}]}}`, want: []leaf{{"*kind.Maximum", "/template/components/0/index"}}},
		{name: "payload on url button", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"payload","payload":"x"}]}]}}`, want: []leaf{{"*kind.Enum", "/template/components/0/parameters/0/type"}}},
		{name: "unknown flow button action field", payload: `{` + env + `,` + tmpl + `{"type":"button","sub_type":"flow","index":0,"parameters":[{"type":"action","action":{"flow_token":"t","screen":"S"}}]}]}}`, want: []leaf{{"*kind.AdditionalProperties", "/template/components/0/parameters/0/action/screen"}}},

		// On-Premises.
		{name: "v1 preview_url inside text", onprem: true, payload: `{` + v1 + `,"text":{"body":"hi","preview_url":true}}`, want: []leaf{{"*kind.AdditionalProperties", "/text/preview_url"}}},
		{name: "v1 hsm without element_name", onprem: true, payload: `{` + v1 + `,"type":"hsm","hsm":{"namespace":"ns","language":{"policy":"deterministic","code":"en"}}}`, want: []leaf{{"*kind.Required", "/hsm/element_name"}}},
		{name: "v1 policy enum", onprem: true, payload: `{` + v1 + `,"type":"template","template":{"namespace":"ns","name":"t","language":{"policy":"strict","code":"en"}}}`, want: []leaf{{"*kind.Enum", "/template/language/policy"}}},
		{name: "v1 template without namespace", onprem: true, payload: `{` + v1 + `,"type":"template","template":{"name":"t","language":{"code":"en"}}}`, want: []leaf{{"*kind.Required", "/template/namespace"}}},
		{name: "v1 messaging_product", onprem: true, payload: `{` + v1 + `,"messaging_product":"whatsapp","text":{"body":"hi"}}`, want: []leaf{{"*kind.AdditionalProperties", "/messaging_product"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sch := cloud
			if tt.onprem {
				sch = onprem
			}
			got := leaves(t, sch, []byte(tt.payload))
			if !slices.Equal(got, tt.want) {
				t.Errorf("leaf errors:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestDocuments: every embedded schema is decoded, under its $id, which is
// its place in FS; numbers keep the form they are written in; and each call
// gives documents of its own.
func TestDocuments(t *testing.T) {
	paths, _ := fs.Glob(FS, "*/*.json")
	docs, err := schemadocs.Decode(FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(paths) || len(paths) < 10 {
		t.Fatalf("%d documents for %d files", len(docs), len(paths))
	}
	for _, p := range paths {
		if doc := docs["https://walint.dev/schemas/"+p]; doc == nil || doc["$id"] != "https://walint.dev/schemas/"+p {
			t.Errorf("%s is not under its $id", p)
		}
	}
	if _, ok := docs[CloudURL]["properties"].(map[string]any)["to"]; !ok {
		t.Errorf("the Cloud root has no \"to\"")
	}
	docs[CloudURL]["changed"] = true
	if again, _ := schemadocs.Decode(FS); again[CloudURL]["changed"] != nil {
		t.Error("a change to one call's documents shows in the next call's")
	}
}
