package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// appendReport appends to dst the report's entry of the CLI's JSON output
// ("files"[i], output.JSONFile) with the path "payload", written by hand
// rather than by encoding/json: under WebAssembly, encoding/json took about
// 8 µs for the entry of a report without findings (go test -bench under
// node), as much as half the check of a one-line payload, where this takes
// 0.3 µs. TestAppendReport holds the two to the same bytes on every
// fixture, and fails when validate.Finding gains a field this does not
// write.
func appendReport(dst, src []byte, rep *validate.Report) ([]byte, error) {
	dst = append(dst, `{"path":`...)
	dst = appendString(dst, payloadPath)
	dst = append(dst, `,"dialect":`...)
	dst = appendString(dst, rep.Dialect.String())
	dst = append(dst, `,"kind":`...)
	dst = appendString(dst, rep.Kind.String())
	dst = append(dst, `,"type":`...)
	dst = appendString(dst, rep.Type)
	dst = append(dst, `,"findings":[`...)
	for i, f := range rep.Findings {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = appendFinding(dst, f); err != nil {
			return dst, err
		}
	}
	return append(dst, "]}"...), nil
}

// appendFinding appends a finding as encoding/json writes output's
// jsonFinding: validate.Finding's fields by their tags, then "doc".
func appendFinding(dst []byte, f validate.Finding) ([]byte, error) {
	severity, err := f.Severity.MarshalText()
	if err != nil {
		return dst, err
	}
	dst = append(dst, `{"rule":`...)
	dst = appendString(dst, f.Rule)
	dst = append(dst, `,"severity":`...)
	dst = appendString(dst, string(severity))
	dst = append(dst, `,"code":`...)
	dst = strconv.AppendInt(dst, int64(f.Code), 10)
	dst = append(dst, `,"cloud_code":`...)
	dst = strconv.AppendInt(dst, int64(f.CloudCode), 10)
	if f.Subcode != 0 {
		dst = append(dst, `,"subcode":`...)
		dst = strconv.AppendInt(dst, int64(f.Subcode), 10)
	}
	if f.Review != "" {
		dst = append(dst, `,"review":`...)
		dst = appendString(dst, f.Review)
	}
	dst = append(dst, ',')
	dst = appendPlace(dst, f.Pointer, f.Span, f.Message)
	if f.Hint != "" {
		dst = append(dst, `,"hint":`...)
		dst = appendString(dst, f.Hint)
	}
	if len(f.Fix) > 0 {
		// encoding/json compacts a json.RawMessage, and fails on one that
		// is not JSON.
		dst = append(dst, `,"fix":`...)
		b := bytes.NewBuffer(dst)
		if err := json.Compact(b, f.Fix); err != nil {
			return dst, err
		}
		dst = b.Bytes()
	}
	for i, l := range f.Related {
		if i == 0 {
			dst = append(dst, `,"related":[`...)
		} else {
			dst = append(dst, ',')
		}
		dst = append(dst, '{')
		dst = appendPlace(dst, l.Pointer, l.Span, l.Message)
		dst = append(dst, '}')
	}
	if len(f.Related) > 0 {
		dst = append(dst, ']')
	}
	// output.DocURL(f.Rule), without building the string: the URL needs
	// no escaping, and the rule's ID is escaped as it would be in it.
	dst = append(dst, `,"doc":"`+output.DocsURL+"#"...)
	dst = appendStringBody(dst, f.Rule)
	return append(dst, `"}`...), nil
}

// appendPlace appends the members "pointer", "span" and "message", which a
// finding and each of its related locations have, in that order.
func appendPlace(dst []byte, pointer string, span validate.Span, message string) []byte {
	dst = append(dst, `"pointer":`...)
	dst = appendString(dst, pointer)
	dst = append(dst, `,"span":{"start":`...)
	dst = appendPos(dst, span.Start)
	dst = append(dst, `,"end":`...)
	dst = appendPos(dst, span.End)
	dst = append(dst, `},"message":`...)
	return appendString(dst, message)
}

func appendPos(dst []byte, p validate.Pos) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(p.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(p.Column), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, int64(p.Offset), 10)
	return append(dst, '}')
}

// appendString appends s as a JSON string as encoding/json writes it
// without HTML escaping: a quote, a backslash and control characters
// escaped, invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped (they end
// a line in JavaScript source).
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendStringBody(dst, s)
	return append(dst, '"')
}

// plainByte tells the ASCII bytes that encoding/json writes as they are.
var plainByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// appendStringBody appends s escaped as appendString does, without the
// quotes. It copies runs of plain bytes whole: under WebAssembly a test per
// byte costs (the report's strings are most of its bytes).
func appendStringBody(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plainByte[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, `\b`...)
			case '\f':
				dst = append(dst, `\f`...)
			case '\n':
				dst = append(dst, `\n`...)
			case '\r':
				dst = append(dst, `\r`...)
			case '\t':
				dst = append(dst, `\t`...)
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}
