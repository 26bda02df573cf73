package validate

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/validate/internal/jsontree"
)

// TestViewsIDFields: the walk files exactly the members idFields names, so
// the switch that files them and the map that says what each is cannot drift.
func TestViewsIDFields(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"other_id": "1", "id": "2"`)
	for _, k := range slices.Sorted(maps.Keys(idFields)) {
		b.WriteString(`, "` + k + `": "x"`)
	}
	b.WriteString(`}`)
	p := &pass{root: jsontree.Parse(b.String(), func(jsontree.Issue) {})}
	var got []string
	for _, n := range p.views().ids {
		got = append(got, n.Key)
	}
	if want := slices.Sorted(maps.Keys(idFields)); !slices.Equal(got, want) {
		t.Errorf("the walk files %v as ids, idFields has %v", got, want)
	}
}

// TestViewsInDocumentOrder: every view lists its values in document order,
// at any depth, and only members of objects.
func TestViewsInDocumentOrder(t *testing.T) {
	src := `{"type": "template", "image": {"link": "a"}, "template": {"components": [
	  {"type": "header", "parameters": [{"type": "image", "image": {"link": "b"}}, {"type": "location", "location": {"latitude": 1}}]},
	  {"type": "body", "parameters": [{"type": "currency", "currency": {"code": "USD"}}, ["link", {"link": "c"}]]}]},
	  "location": {"latitude": 2}, "link": 3}`
	p := &pass{root: jsontree.Parse(src, func(jsontree.Issue) {})}
	v := p.views()
	texts := func(ns []*jsontree.Node) string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Pointer())
		}
		return strings.Join(out, " ")
	}
	for name, tt := range map[string]struct {
		got  []*jsontree.Node
		want string
	}{
		"links":     {v.links, "/image/link /template/components/0/parameters/0/image/link /template/components/1/parameters/1/1/link"},
		"media":     {v.media, "/image /template/components/0/parameters/0/image"},
		"locations": {v.locations, "/template/components/0/parameters/1/location /location"},
		"currency":  {v.currencyCodes, "/template/components/1/parameters/0/currency/code"},
	} {
		if got := texts(tt.got); got != tt.want {
			t.Errorf("%s: got %s, want %s", name, got, tt.want)
		}
	}
}
