package jsontree

import "fmt"

// wideEncoding recognises a payload saved as UTF-16 or UTF-32, which read
// as UTF-8 is only "unexpected byte 0xFF" or a NUL: by its byte order mark
// or, without one, by the zero bytes that ASCII characters carry in those
// encodings. JSON text starts with an ASCII character (white space or a
// bracket), so its first four bytes tell, as RFC 4627 section 3 describes.
// It returns the finding's message and hint and the width of the mark or
// first character, or ok false for anything else: UTF-8, with or without
// its own byte order mark, is read as usual.
func wideEncoding(s string) (msg, hint string, width int, ok bool) {
	// name is what the message calls the encoding, iconv what the hint
	// passes to iconv (which reads the order from a byte order mark).
	var name, iconv, why string
	zero := func(i int) bool { return i < len(s) && s[i] == 0 }
	some := func(i int) bool { return i < len(s) && s[i] != 0 }
	switch {
	case len(s) >= 4 && s[:4] == "\xFF\xFE\x00\x00":
		name, iconv, width, why = "UTF-32 (little-endian)", "UTF-32", 4, "it starts with the byte order mark FF FE 00 00"
	case len(s) >= 4 && s[:4] == "\x00\x00\xFE\xFF":
		name, iconv, width, why = "UTF-32 (big-endian)", "UTF-32", 4, "it starts with the byte order mark 00 00 FE FF"
	case len(s) >= 2 && s[:2] == "\xFF\xFE":
		name, iconv, width, why = "UTF-16 (little-endian)", "UTF-16", 2, "it starts with the byte order mark FF FE"
	case len(s) >= 2 && s[:2] == "\xFE\xFF":
		name, iconv, width, why = "UTF-16 (big-endian)", "UTF-16", 2, "it starts with the byte order mark FE FF"
	case some(0) && zero(1) && zero(2) && zero(3):
		name, iconv, width, why = "UTF-32 (little-endian)", "UTF-32LE", 4, "three of every four bytes are zero"
	case zero(0) && zero(1) && zero(2) && some(3):
		name, iconv, width, why = "UTF-32 (big-endian)", "UTF-32BE", 4, "three of every four bytes are zero"
	case some(0) && zero(1) && some(2) && zero(3):
		name, iconv, width, why = "UTF-16 (little-endian)", "UTF-16LE", 2, "every other byte is zero"
	case zero(0) && some(1) && zero(2) && some(3):
		name, iconv, width, why = "UTF-16 (big-endian)", "UTF-16BE", 2, "every other byte is zero"
	default:
		return "", "", 0, false
	}
	msg = fmt.Sprintf("payload is encoded as %s, not UTF-8: %s", name, why)
	hint = fmt.Sprintf("Save the file as UTF-8, for example with iconv -f %s -t UTF-8; JSON sent to WhatsApp must be UTF-8.", iconv)
	return msg, hint, width, true
}
