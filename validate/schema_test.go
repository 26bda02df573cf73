package validate

import (
	"reflect"
	"testing"

	"github.com/walint/walint/internal/schemadocs"
	"github.com/walint/walint/schemas"
)

// TestDecodeSchemasAsDocuments: the schemas decodeSchemas reads with
// jsontree are the documents encoding/json decodes (schemadocs.Decode), so
// that what is compiled does not depend on the reader.
func TestDecodeSchemasAsDocuments(t *testing.T) {
	got, err := decodeSchemas()
	if err != nil {
		t.Fatal(err)
	}
	want, err := schemadocs.Decode(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("decodeSchemas gives %d documents, schemadocs.Decode %d", len(got), len(want))
	}
	for id, doc := range want {
		if !reflect.DeepEqual(got[id], any(doc)) {
			t.Errorf("%s: decodeSchemas and schemadocs.Decode differ", id)
		}
	}
}
