package bench

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// The generator builds payloads as small ordered trees and writes them with
// its own encoder rather than encoding/json: member order must be the order a
// hand-written or SDK-built payload has, numbers must keep their literal
// spelling, and the bytes must never change with the Go version.

// object is a JSON object whose members keep their insertion order.
type object struct {
	keys []string
	vals []any
}

// num is a JSON number, written exactly as spelled.
type num string

// obj builds an object from alternating keys and values.
func obj(kv ...any) *object {
	o := &object{}
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

// set replaces the value of key k in place, or appends the member.
func (o *object) set(k string, v any) *object {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return o
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	return o
}

// prepend puts the member k first, as v1 payloads write namespace and policy.
func (o *object) prepend(k string, v any) *object {
	o.del(k)
	o.keys = append([]string{k}, o.keys...)
	o.vals = append([]any{v}, o.vals...)
	return o
}

// get returns the value of key k, or nil.
func (o *object) get(k string) any {
	for i, key := range o.keys {
		if key == k {
			return o.vals[i]
		}
	}
	return nil
}

// del removes key k.
func (o *object) del(k string) {
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			o.vals = append(o.vals[:i], o.vals[i+1:]...)
			return
		}
	}
}

// at walks down a path of object keys; it panics on a wrong path, which is a
// bug in a mistake's apply function.
func (o *object) at(path ...string) *object {
	cur := o
	for _, k := range path {
		next, ok := cur.get(k).(*object)
		if !ok {
			panic(fmt.Sprintf("bench: no object at %q in path %q", k, path))
		}
		cur = next
	}
	return cur
}

// encode writes v as JSON: compact, or indented by two spaces the way
// JSON.stringify(v, null, 2) and most editors write it.
func encode(v any, indent bool) []byte {
	var b bytes.Buffer
	e := encoder{b: &b, indent: indent}
	e.value(v, 0)
	if indent {
		b.WriteByte('\n')
	}
	return b.Bytes()
}

type encoder struct {
	b      *bytes.Buffer
	indent bool
}

func (e *encoder) newline(depth int) {
	if !e.indent {
		return
	}
	e.b.WriteByte('\n')
	for range depth {
		e.b.WriteString("  ")
	}
}

func (e *encoder) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		e.b.WriteString("null")
	case bool:
		e.b.WriteString(strconv.FormatBool(v))
	case num:
		e.b.WriteString(string(v))
	case int:
		e.b.WriteString(strconv.Itoa(v))
	case string:
		e.str(v)
	case *object:
		if len(v.keys) == 0 {
			e.b.WriteString("{}")
			return
		}
		e.b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				e.b.WriteByte(',')
			}
			e.newline(depth + 1)
			e.str(k)
			e.b.WriteByte(':')
			if e.indent {
				e.b.WriteByte(' ')
			}
			e.value(v.vals[i], depth+1)
		}
		e.newline(depth)
		e.b.WriteByte('}')
	case []any:
		if len(v) == 0 {
			e.b.WriteString("[]")
			return
		}
		e.b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				e.b.WriteByte(',')
			}
			e.newline(depth + 1)
			e.value(x, depth+1)
		}
		e.newline(depth)
		e.b.WriteByte(']')
	default:
		panic(fmt.Sprintf("bench: cannot encode %T", v))
	}
}

// str writes a JSON string the way JSON.stringify does: only quotes,
// backslashes and control characters are escaped; other text stays UTF-8.
func (e *encoder) str(s string) {
	const hex = "0123456789abcdef"
	e.b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(s[i:])
			e.b.WriteString(s[i : i+size])
			i += size
			continue
		}
		switch c {
		case '"':
			e.b.WriteString(`\"`)
		case '\\':
			e.b.WriteString(`\\`)
		case '\n':
			e.b.WriteString(`\n`)
		case '\r':
			e.b.WriteString(`\r`)
		case '\t':
			e.b.WriteString(`\t`)
		default:
			if c < 0x20 {
				e.b.WriteString(`\u00`)
				e.b.WriteByte(hex[c>>4])
				e.b.WriteByte(hex[c&0xf])
			} else {
				e.b.WriteByte(c)
			}
		}
		i++
	}
	e.b.WriteByte('"')
}
