package validate

import (
	"context"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestWideEncoding: a payload saved as UTF-16 or UTF-32, with or without a
// byte order mark, gets one json-syntax finding that names the encoding and
// says how to convert it, not "unexpected byte 0xFF". A UTF-8 byte order
// mark keeps its own warning, and the payload is read.
func TestWideEncoding(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		msg     string // the message, "" for a payload that is no wide encoding
		iconv   string // what the hint tells iconv
	}{
		{"UTF-16LE with BOM", wide(cleanText, 2, binary.LittleEndian, true),
			"payload is encoded as UTF-16 (little-endian), not UTF-8: it starts with the byte order mark FF FE", "UTF-16"},
		{"UTF-16BE with BOM", wide(cleanText, 2, binary.BigEndian, true),
			"payload is encoded as UTF-16 (big-endian), not UTF-8: it starts with the byte order mark FE FF", "UTF-16"},
		{"UTF-16LE without BOM", wide(cleanText, 2, binary.LittleEndian, false),
			"payload is encoded as UTF-16 (little-endian), not UTF-8: every other byte is zero", "UTF-16LE"},
		{"UTF-16BE without BOM", wide(cleanText, 2, binary.BigEndian, false),
			"payload is encoded as UTF-16 (big-endian), not UTF-8: every other byte is zero", "UTF-16BE"},
		{"UTF-16LE starting with white space", wide("\r\n "+cleanText, 2, binary.LittleEndian, false),
			"payload is encoded as UTF-16 (little-endian), not UTF-8: every other byte is zero", "UTF-16LE"},
		{"UTF-32LE with BOM", wide(cleanText, 4, binary.LittleEndian, true),
			"payload is encoded as UTF-32 (little-endian), not UTF-8: it starts with the byte order mark FF FE 00 00", "UTF-32"},
		{"UTF-32BE with BOM", wide(cleanText, 4, binary.BigEndian, true),
			"payload is encoded as UTF-32 (big-endian), not UTF-8: it starts with the byte order mark 00 00 FE FF", "UTF-32"},
		{"UTF-32LE without BOM", wide(cleanText, 4, binary.LittleEndian, false),
			"payload is encoded as UTF-32 (little-endian), not UTF-8: three of every four bytes are zero", "UTF-32LE"},
		{"UTF-32BE without BOM", wide(cleanText, 4, binary.BigEndian, false),
			"payload is encoded as UTF-32 (big-endian), not UTF-8: three of every four bytes are zero", "UTF-32BE"},
		{"the BOM alone", []byte("\xFF\xFE"),
			"payload is encoded as UTF-16 (little-endian), not UTF-8: it starts with the byte order mark FF FE", "UTF-16"},
		{"UTF-8", []byte(cleanText), "", ""},
		{"a NUL after the first member", []byte(`{"a":` + "\x00" + `1}`), "", ""},
	}
	v := mustNew(t)
	for _, tt := range tests {
		rep := v.Validate(context.Background(), tt.payload)
		checkReport(t, tt.payload, rep)
		var wide []Finding
		for _, f := range rep.Findings {
			if strings.Contains(f.Message, "not UTF-8") {
				wide = append(wide, f)
			}
		}
		if tt.msg == "" {
			if len(wide) != 0 {
				t.Errorf("%s: got %v, want no encoding finding", tt.name, wide)
			}
			continue
		}
		if len(rep.Findings) != 1 {
			t.Errorf("%s: got %v, want one finding", tt.name, rep.Findings)
			continue
		}
		f := rep.Findings[0]
		hint := "iconv -f " + tt.iconv + " -t UTF-8"
		if f.Rule != "json-syntax" || f.Message != tt.msg || !strings.Contains(f.Hint, hint) || f.Span.Start != (Pos{Line: 1, Column: 1}) {
			t.Errorf("%s: got %s at %+v %q (hint %q), want json-syntax at 1:1 %q with a hint naming %q",
				tt.name, f.Rule, f.Span.Start, f.Message, f.Hint, tt.msg, hint)
		}
	}

	// A UTF-8 byte order mark is a warning, and the payload is read.
	rep := v.Validate(context.Background(), []byte("\uFEFF"+cleanText))
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "json-bom" {
		t.Errorf("UTF-8 with BOM: got %v, want one json-bom warning", rep.Findings)
	}
}

// wide encodes s as UTF-16 (size 2) or UTF-32 (size 4) in the byte order
// given, after a byte order mark when bom is set.
func wide(s string, size int, order binary.AppendByteOrder, bom bool) []byte {
	var units []uint32
	if bom {
		units = append(units, 0xFEFF)
	}
	for _, r := range s {
		if size == 4 {
			units = append(units, uint32(r))
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			units = append(units, uint32(u))
		}
	}
	var out []byte
	for _, u := range units {
		if size == 4 {
			out = order.AppendUint32(out, u)
		} else {
			out = order.AppendUint16(out, uint16(u))
		}
	}
	return out
}
