package validate

import (
	"fmt"

	"github.com/walint/walint/validate/internal/jsontree"
)

// Kind is what a payload is: a message to send, or a message template to
// create or edit. The two are different JSON, sent to different endpoints,
// and have different rules.
type Kind int

// The kinds. KindAuto, the zero value, tells them apart by shape
// (detectKind): a template creation body names the template (name,
// language, or the library and upsert forms' library_template_name and
// languages) beside its category or components; an object with
// components or message_send_ttl_seconds and nothing of a message or a
// name is an edit body; anything else is a message. An edit body that
// sends the name too, as Meta's own example does, reads as a creation
// body: WithKind(KindTemplateEdit) makes the answer firm.
const (
	KindAuto Kind = iota
	// KindMessage is a message: the body of POST /{phone-number-id}/messages
	// (Cloud API) or /v1/messages (On-Premises).
	KindMessage
	// KindTemplate is a template creation body: POST
	// /{waba-id}/message_templates, also in its Template Library form, or
	// POST /{waba-id}/upsert_message_templates.
	KindTemplate
	// KindTemplateEdit is a template edit body: POST /{template-id}.
	KindTemplateEdit
)

// String returns "auto", "message", "template" or "template-edit".
func (k Kind) String() string {
	switch k {
	case KindAuto:
		return "auto"
	case KindMessage:
		return "message"
	case KindTemplate:
		return "template"
	case KindTemplateEdit:
		return "template-edit"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind turns "auto", "message", "template" or "template-edit" into a
// Kind.
func ParseKind(s string) (Kind, error) {
	switch s {
	case "auto", "":
		return KindAuto, nil
	case "message":
		return KindMessage, nil
	case "template":
		return KindTemplate, nil
	case "template-edit":
		return KindTemplateEdit, nil
	}
	return 0, fmt.Errorf("unknown kind %q (want auto, message, template or template-edit)", s)
}

// MarshalText encodes the kind by name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind from its name.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// isTemplate reports whether k is one of the template kinds.
func (k Kind) isTemplate() bool { return k == KindTemplate || k == KindTemplateEdit }

// WithKind checks every payload as the given kind instead of telling it
// by shape. An edit body cannot always be told from a creation body, so
// a pipeline that edits templates says so.
func WithKind(k Kind) Option {
	return func(c *config) error {
		if k < KindAuto || k > KindTemplateEdit {
			return &OptionError{Option: "WithKind", Msg: fmt.Sprintf("invalid kind %d", int(k))}
		}
		c.kind = k
		return nil
	}
}

// messageMarks are members that only a message has at its top level: any
// of them makes a payload a message, whatever else it holds.
var messageMarks = []string{"messaging_product", "to", "recipient", "recipient_type", "hsm", "template"}

// templateNameMarks are members that name the template a body creates: a
// body with one of them (and no message mark) is a creation body.
var templateNameMarks = []string{"name", "language", "languages", "library_template_name"}

// detectKind returns the kind to check root as: the one asked for, or, for
// KindAuto, the one its shape shows (Kind).
func detectKind(root *jsontree.Node, asked Kind) Kind {
	if asked != KindAuto {
		return asked
	}
	for _, m := range messageMarks {
		if root.Get(m) != nil {
			return KindMessage
		}
	}
	// What an edit body sends; a creation body sends it too, or a category.
	edits := root.Get("components") != nil || root.Get("message_send_ttl_seconds") != nil
	templateLike := edits || root.Get("category") != nil
	for _, m := range templateNameMarks {
		if root.Get(m) != nil && (templateLike || m == "library_template_name") {
			return KindTemplate
		}
	}
	if edits {
		return KindTemplateEdit
	}
	return KindMessage
}

// DetectKind returns the kind a payload has by its shape, as Validate
// with KindAuto tells it: KindMessage, KindTemplate or KindTemplateEdit;
// KindAuto when the payload is not a JSON object. A tool that walks a
// repository uses it to tell payloads from other JSON.
func DetectKind(payload []byte) Kind {
	root := jsontree.Parse(string(payload), func(jsontree.Issue) {})
	if root == nil || root.Kind != jsontree.Object {
		return KindAuto
	}
	return detectKind(root, KindAuto)
}
