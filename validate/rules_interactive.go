package validate

import (
	"fmt"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules in this file check what the interactive schema cannot: limits
// across sections and buttons, uniqueness, and which header a type allows.

var ruleInteractiveHeaderType = &Rule{
	ID: "interactive-header-type", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "the interactive message type does not allow this header",
	Doc: "List and multi-product (product_list) messages take only a text header. WhatsApp refuses other headers with\n" +
		"\"(#131009) Parameter value is not valid\". Reply buttons, CTA URL and flow messages also take image, video and\n" +
		"document headers (Meta's CTA URL reference shows all four), so they are not flagged. A single-product message,\n" +
		"a catalog message and a carousel take no header at all: that is reported as an unexpected field\n" +
		"(unexpected-field). The schemas say which header each type takes (schemas/cloud/interactive.json), so this rule is reported by the schema pass.",
}

var ruleListRowsTotal = &Rule{
	ID: "list-rows-total", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a list message has more than 10 rows across all its sections",
	Doc: "The limit of 10 rows counts every row of every section together, not per section: the most misunderstood\n" +
		"limit of list messages (SDKs check it per section). WhatsApp refuses an 11th row with \"(#131009) Parameter\n" +
		"value is not valid\". Split the choices over two messages, or use a flow.",
	check: checkListRowsTotal,
}

const maxListRows = 10

func checkListRowsTotal(p *pass) {
	sections := listSections(p.root)
	total := 0
	for _, s := range sections.Elems() {
		total += len(s.Get("rows").Elems())
	}
	if total > maxListRows {
		p.Reportf(sections, fmt.Sprintf("Remove %s; the limit counts all sections together.", plural(total-maxListRows, "row")),
			"list has %d rows across %s, over the limit of %d in total", total, plural(len(sections.Elems()), "section"), maxListRows)
	}
}

// listSections returns the sections array of a list message, or nil.
func listSections(root *jsontree.Node) *jsontree.Node {
	it := root.Get("interactive")
	if !typeIs(it, "list") {
		return nil
	}
	s := it.Path("action", "sections")
	if s == nil || s.Kind != jsontree.Array {
		return nil
	}
	return s
}

var ruleListRowIDsUnique = &Rule{
	ID: "list-row-ids-unique", Severity: SeverityWarning, Certainty: CertaintyObserved, Code: 1009, CloudCode: 131009,
	Summary: "two rows of a list message have the same id",
	Doc: "The row id is what the reply webhook reports when the user picks a row, so two rows with one id cannot be told\n" +
		"apart, across sections too. Meta documents ids as unique and refuses duplicates in some versions with\n" +
		"\"(#131009) Parameter value is not valid\"; its own Postman sample repeats a placeholder id, so this is a warning.",
	check: checkListRowIDsUnique,
}

func checkListRowIDsUnique(p *pass) {
	seen := firstSeen{}
	for _, s := range listSections(p.root).Elems() {
		for _, row := range s.Get("rows").Elems() {
			id := row.Get("id")
			v, ok := id.Str()
			if !ok {
				continue
			}
			if first, dup := seen.first(v, id); dup {
				p.reportRepeat(id, first, "Give every row its own id; the reply webhook reports the id of the row picked.",
					"row id %q is already used at %s", truncate(v, 40), first.Pointer())
			}
		}
	}
}

var ruleReplyButtonsUnique = &Rule{
	ID: "reply-buttons-unique", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "two reply buttons have the same id or the same title",
	Doc: "Reply buttons must differ in both id and title: the user cannot tell two equal titles apart, and the reply\n" +
		"webhook reports the id, so two equal ids cannot be told apart either. WhatsApp refuses duplicates with\n" +
		"\"(#131009) Parameter value is not valid\".",
	check: checkReplyButtonsUnique,
}

// replyButtons returns the reply objects of a reply-button message.
func replyButtons(root *jsontree.Node) []*jsontree.Node {
	it := root.Get("interactive")
	if !typeIs(it, "button") {
		return nil
	}
	var out []*jsontree.Node
	for _, b := range it.Path("action", "buttons").Elems() {
		if r := b.Get("reply"); r != nil && r.Kind == jsontree.Object {
			out = append(out, r)
		}
	}
	return out
}

func checkReplyButtonsUnique(p *pass) {
	for _, field := range []string{"id", "title"} {
		seen := firstSeen{}
		for _, r := range replyButtons(p.root) {
			n := r.Get(field)
			v, ok := n.Str()
			if !ok {
				continue
			}
			key := v
			if field == "title" {
				key = strings.ToLower(strings.TrimSpace(v))
			}
			if first, dup := seen.first(key, n); dup {
				p.reportRepeat(n, first, fmt.Sprintf("Give every button its own %s.", field), "button %s %q is already used at %s", field, truncate(v, 40), first.Pointer())
			}
		}
	}
}

var ruleReplyButtonIDSpaces = &Rule{
	ID: "reply-button-id-spaces", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a reply button id starts or ends with white space",
	Doc: "Meta's reference says a reply button id \"cannot have leading or trailing spaces\"; WhatsApp refuses it with\n" +
		"\"(#131009) Parameter value is not valid\". Such ids usually come from a template engine's line breaks. The fix\n" +
		"trims them.",
	check: checkReplyButtonIDSpaces,
}

func checkReplyButtonIDSpaces(p *pass) {
	for _, r := range replyButtons(p.root) {
		id := r.Get("id")
		v, ok := id.Str()
		if !ok || v == "" || strings.TrimSpace(v) == v {
			continue
		}
		if t := strings.TrimSpace(v); t != "" {
			p.ReportFix(id, t, "Trim the id.", "button id %q starts or ends with white space", truncate(v, 40))
		}
	}
}

var ruleProductListItemsTotal = &Rule{
	ID: "product-list-items-total", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a multi-product message or MPM template button has more than 30 products across its sections",
	Doc: "A product_list message, and the multi-product (mpm) button of a template, show at most 30 products, counted\n" +
		"over all their sections together. WhatsApp refuses more with \"(#131009) Parameter value is not valid\"; send a\n" +
		"catalog message to show the whole catalogue.",
	check: checkProductListItemsTotal,
}

const maxProductItems = 30

func checkProductListItemsTotal(p *pass) {
	type list struct {
		what     string
		sections *jsontree.Node
	}
	var lists []list
	it := p.root.Get("interactive")
	if typeIs(it, "product_list") {
		lists = append(lists, list{"product list", it.Path("action", "sections")})
	}
	for _, c := range templateComponents(p.root) {
		if sub, _ := c.Get("sub_type").Str(); strings.EqualFold(sub, "mpm") {
			for _, prm := range c.Get("parameters").Elems() {
				lists = append(lists, list{"MPM button", prm.Path("action", "sections")})
			}
		}
	}
	for _, l := range lists {
		total := 0
		for _, s := range l.sections.Elems() {
			total += len(s.Get("product_items").Elems())
		}
		if total > maxProductItems {
			p.Reportf(l.sections, fmt.Sprintf("Remove %s, or send a catalog_message instead.", plural(total-maxProductItems, "product")),
				"%s has %d products across its sections, over the limit of %d in total", l.what, total, maxProductItems)
		}
	}
}
