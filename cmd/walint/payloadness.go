package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"sync"

	"github.com/walint/walint/internal/schemadocs"
	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate"
)

// A directory walk, a glob or pre-commit hands walint every *.json file,
// and a repository holds JSON that is not a payload: package.json,
// tsconfig.json, editor settings, template definitions exported with GET
// /message_templates. Such a file is skipped (and counted) when it is a
// JSON object, comments allowed, with nothing of a payload in it: neither
// a message's marks nor a template creation or edit body's shape
// (validate.DetectKind). Anything else is linted: malformed JSON, a value
// that is not an object, and an object with a payload's marks, so a broken
// payload (one missing only "to", say) is never skipped.

// weakMembers are envelope members that other JSON has too ("type":
// "module" in package.json, "category" and "status" in a template
// definition): alone they do not make an object a payload.
var weakMembers = []string{"type", "category", "status", "message_id", "context", "preview_url"}

// payloadMarks holds what marks an object as a payload, read from the
// schemas of both dialects: the envelope's members other than the weak ones
// and the message types, and the message types.
var payloadMarks = sync.OnceValue(func() (marks struct{ members, types map[string]bool }) {
	marks.members, marks.types = map[string]bool{}, map[string]bool{}
	for _, t := range validate.MessageTypes() {
		marks.types[t] = true
	}
	docs, err := schemadocs.Decode(schemas.FS)
	if err != nil {
		panic(err) // embedded, and New, which every command calls first, decodes them too
	}
	for _, root := range []string{schemas.CloudURL, schemas.OnPremURL} {
		props, _ := docs[root]["properties"].(map[string]any)
		for m := range props {
			if !marks.types[m] && !slices.Contains(weakMembers, m) {
				marks.members[m] = true
			}
		}
	}
	return marks
})

// notPayload reports whether data is JSON that is not a payload: an object
// with none of the envelope's own members (messaging_product, to,
// recipient_type, ...), whose "type" is not a message type with its member
// beside it, with no message type's member holding an object or an array,
// and not shaped as a template creation or edit body (templateBody).
// Comments and trailing commas, which editor settings and tsconfig.json
// have, are allowed.
//
// It is asked of every file a directory walk finds, payloads above all, so
// it first looks for what settles most of them at a glance (payloadMarked:
// a payload names messaging_product or to among its first bytes) and
// decodes the object only when that does not settle it.
func notPayload(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	return !payloadMarked(data) && notPayloadDecoded(data)
}

// payloadMarked reports whether data, without its byte order mark, is
// certainly not a JSON object free of payload marks: its first token (after
// white space and comments) is not "{", or a member of the top-level object
// is one of the envelope's own. It reads no further than that member, and
// decodes nothing: a name with an escape in it is left to
// notPayloadDecoded. It tells strings, comments and brackets apart exactly
// as stripJSONC does, so that what it takes for a member of the top-level
// object is one in the object json.Unmarshal decodes, with or without the
// comments; where the data is not JSON at all, notPayloadDecoded is false
// anyway. Only the envelope's members settle it: a message type's member is
// a mark only by its value, which a later member of the same name replaces.
func payloadMarked(data []byte) bool {
	i, ok := skipJSONCSpace(data, 0)
	if !ok || i == len(data) || data[i] != '{' {
		return true
	}
	members := payloadMarks().members
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			end, escaped := i+1, false
			for ; end < len(data) && data[end] != '"'; end++ {
				if data[end] == '\\' {
					end, escaped = end+1, true
				}
			}
			if end >= len(data) {
				return false
			}
			if depth == 1 && !escaped && members[string(data[i+1:end])] {
				if next, ok := skipJSONCSpace(data, end+1); ok && next < len(data) && data[next] == ':' {
					return true
				}
			}
			i = end
		case '/':
			next, ok := skipJSONCSpace(data, i)
			if !ok {
				return false
			}
			i = max(i, next-1)
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	return false
}

// skipJSONCSpace returns the index of the first byte from i on that is not
// white space or part of a comment, or ok false when a comment does not
// end (as stripJSONC sees them).
func skipJSONCSpace(data []byte, i int) (next int, ok bool) {
	for i < len(data) {
		switch c := data[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := bytes.Index(data[i+2:], []byte("*/"))
			if end < 0 {
				return i, false
			}
			i += 2 + end + 2
		default:
			return i, true
		}
	}
	return i, true
}

// notPayloadDecoded is notPayload on data without its byte order mark, by
// decoding the object.
func notPayloadDecoded(data []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		clean, ok := stripJSONC(data)
		if !ok || json.Unmarshal(clean, &obj) != nil || obj == nil {
			return false
		}
		data = clean
	}
	if obj == nil { // null
		return false
	}
	marks := payloadMarks()
	for name, value := range obj {
		if marks.members[name] {
			return false
		}
		if marks.types[name] && len(value) > 0 && (value[0] == '{' || value[0] == '[') {
			return false
		}
	}
	var typ string
	if json.Unmarshal(obj["type"], &typ) == nil && marks.types[typ] {
		if _, ok := obj[typ]; ok {
			return false
		}
	}
	return !templateBody(data, obj)
}

// templateBody reports whether the object is a template creation or edit
// body, by the shape validate.DetectKind reads. A template as GET
// /{template-id} returns it has that shape too, but also a "status", which
// no creation or edit body sends: that is a definition, not a payload.
func templateBody(data []byte, obj map[string]json.RawMessage) bool {
	if _, ok := obj["status"]; ok {
		return false
	}
	k := validate.DetectKind(data)
	return k == validate.KindTemplate || k == validate.KindTemplateEdit
}

// stripJSONC returns data without its comments (// and /* */) and the
// commas before a closing bracket, outside strings, or ok false when a
// comment or a string does not end.
func stripJSONC(data []byte) (out []byte, ok bool) {
	out = make([]byte, 0, len(data))
	comma := -1 // index in out of a comma that may turn out to be trailing
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			end := i + 1
			for ; end < len(data) && data[end] != '"'; end++ {
				if data[end] == '\\' {
					end++
				}
			}
			if end >= len(data) {
				return nil, false
			}
			out = append(out, data[i:end+1]...)
			i, comma = end, -1
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i-- // keep the line break
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := bytes.Index(data[i+2:], []byte("*/"))
			if end < 0 {
				return nil, false
			}
			i += 2 + end + 1
		case c == ',':
			comma = len(out)
			out = append(out, c)
		case c == '}' || c == ']':
			if comma >= 0 {
				out[comma] = ' '
			}
			comma = -1
			out = append(out, c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			out = append(out, c)
		default:
			comma = -1
			out = append(out, c)
		}
	}
	return out, true
}
