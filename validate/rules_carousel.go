package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules in this file check what the schemas cannot say about carousels,
// interactive ones (interactive.action.cards) and template ones (a carousel
// component's cards): that the cards are numbered once each and are built
// alike, as Meta's carousel pages require.

// carousel is the cards of one carousel in the payload, and how to tell
// what a card is built of, to compare them.
type carousel struct {
	cards []*jsontree.Node
	shape func(card *jsontree.Node) string // "" when it cannot be told
	what  string                           // "carousel" or "carousel template", for messages
}

// carousels returns the payload's carousels: the interactive one and every
// template carousel component.
func carousels(root *jsontree.Node) []carousel {
	var out []carousel
	if cards := interactiveCards(root); cards != nil {
		out = append(out, carousel{cards, interactiveCardShape, "carousel"})
	}
	for _, comp := range templateComponents(root) {
		if cards := comp.Get("cards").Elems(); typeIs(comp, "carousel") && cards != nil {
			out = append(out, carousel{cards, templateCardShape, "carousel template"})
		}
	}
	return out
}

// interactiveCards returns the cards of an interactive carousel, or nil.
func interactiveCards(root *jsontree.Node) []*jsontree.Node {
	it := root.Get("interactive")
	if !typeIs(it, "carousel") {
		return nil
	}
	return it.Path("action", "cards").Elems()
}

// interactiveCardShape describes what must match across the cards of an
// interactive carousel: the card's type and its buttons' kind and number
// ("2 quick-reply buttons"). Meta's page asks no more: "Button types and
// numbers must match across all cards"; the card body is optional.
func interactiveCardShape(card *jsontree.Node) string {
	typ, _ := card.Get("type").Str()
	if strings.EqualFold(typ, "product") {
		return "a product card"
	}
	action := card.Get("action")
	switch buttons := action.Get("buttons"); {
	case buttons != nil:
		return plural(len(buttons.Elems()), "quick-reply button")
	case action.Get("name") != nil || action.Get("parameters") != nil:
		return "a URL button"
	}
	return "no button"
}

// templateCardShape describes what must match across the cards of a carousel
// template: the header's parameter type ("image header"). Meta requires every
// card of a template to have the same components, but a message sends only
// the components that take parameters: a body without variables, or a button
// without one, may be sent for one card and not for another. The header,
// whose media or product is always a parameter, is what a message shows.
func templateCardShape(card *jsontree.Node) string {
	for _, c := range card.Get("components").Elems() {
		if typeIs(c, "header") {
			if p, ok := c.Path("parameters", "0", "type").Str(); ok {
				return strings.ToLower(p) + " header"
			}
		}
	}
	return ""
}

var ruleCarouselCardIndex = &Rule{
	ID: "carousel-card-index", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "two cards of a carousel have the same card_index, or a carousel template's indexes skip one",
	Doc: "Each card of a carousel, interactive or template, gives its position as `card_index`, 0 to 9, and Meta's\n" +
		"carousel pages say the index \"must not repeat within the message\". WhatsApp refuses a repeated one with\n" +
		"\"(#131009) Parameter value is not valid\". Number the cards 0, 1, 2... in the order they should appear.\n" +
		"In a carousel template the card count is fixed by the approved template and each card fills the card at its\n" +
		"index, so the indexes of n cards are exactly 0 to n-1: one that skips (0, 2 for two cards) fills a card the\n" +
		"template does not have and leaves one empty (Meta's carousel template pages number the cards from 0; the\n" +
		"JavaScript SDKs check 0 to n-1). An interactive carousel is only held to unique indexes, as Meta's page asks\n" +
		"no more.",
	check: checkCarouselCardIndex,
}

func checkCarouselCardIndex(p *pass) {
	for _, c := range carousels(p.root) {
		seen := firstSeen{}
		for _, card := range c.cards {
			idx := card.Get("card_index")
			if idx == nil || idx.Kind != jsontree.Number {
				continue // The schema reports a missing or mistyped index.
			}
			if first, dup := seen.first(idx.Text, idx); dup {
				p.reportRepeat(idx, first, "Give every card its own card_index, 0 to 9, in the order the cards should appear.",
					"card_index %s is already used at %s", idx.Text, first.Pointer())
				continue
			}
			n := len(c.cards)
			if i, err := strconv.Atoi(idx.Text); c.what == "carousel template" && err == nil && i >= n && i <= 9 {
				// Above 9 or below 0 is the schema's number-range finding.
				p.Reportf(idx, fmt.Sprintf("Number the %d cards 0 to %d, each once, in the order they should appear.", n, n-1),
					"card_index %d skips an index: the %d cards of a carousel template are numbered 0 to %d", i, n, n-1)
			}
		}
	}
}

var ruleCarouselCardsAlike = &Rule{
	ID: "carousel-cards-alike", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "the cards of a carousel are not built alike",
	Doc: "Meta's carousel pages require the cards of one carousel to be built alike. In an interactive carousel, \"button\n" +
		"types and numbers must match across all cards\" (a card with 2 quick-reply buttons means exactly 2 on every card),\n" +
		"all cards are media cards or all are product cards, and product cards \"must reference the same catalog_id\". In a\n" +
		"carousel template \"all cards defined on a template must have the same components\"; a message sends only the\n" +
		"components that take parameters, so walint compares what every card sends, the header's type. A card built\n" +
		"differently is refused with \"(#131009) Parameter value is not valid\". The finding points at each card that\n" +
		"differs from what most cards are.",
	check: checkCarouselCardsAlike,
}

func checkCarouselCardsAlike(p *pass) {
	for _, c := range carousels(p.root) {
		shapes := make([]string, len(c.cards))
		for i, card := range c.cards {
			shapes[i] = c.shape(card)
		}
		want := usualShape(shapes)
		for i, card := range c.cards {
			if s := shapes[i]; s != "" && want != "" && s != want {
				p.Reportf(card, "Build every card of the carousel the same way: the same kind and number of buttons, and in a template the same header.",
					"%s cards[%d] has %s, but the other cards have %s", c.what, i, s, want)
			}
		}
		checkSameCatalog(p, c)
	}
}

// usualShape returns the shape most cards have (the first card's on a tie),
// so that the finding points at the odd card out, even when that is the
// first one; "" when no card's shape can be told.
func usualShape(shapes []string) string {
	count := map[string]int{}
	best := ""
	for _, s := range shapes {
		if s == "" {
			continue
		}
		count[s]++
		if best == "" || count[s] > count[best] {
			best = s
		}
	}
	return best
}

// checkSameCatalog reports product cards of an interactive carousel that name
// another catalog than the first.
func checkSameCatalog(p *pass, c carousel) {
	first := ""
	for _, card := range c.cards {
		id := card.Path("action", "catalog_id")
		s, ok := id.Str()
		if !ok {
			continue
		}
		if first == "" {
			first = s
			continue
		}
		if s != first {
			p.Reportf(id, "Show products of one catalog in a carousel.",
				"catalog_id %q differs from the first card's %q; all product cards must name the same catalog", truncate(s, 40), truncate(first, 40))
		}
	}
}

var ruleCarouselCardButtons = &Rule{
	ID: "carousel-card-buttons", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a media card of an interactive carousel has no button, or both a URL button and quick replies",
	Doc: "Meta's media carousel page: \"Cards must include either one URL button, or one or more quick-reply buttons.\"\n" +
		"A card's action is either `{\"name\": \"cta_url\", \"parameters\": {\"display_text\", \"url\"}}` or\n" +
		"`{\"buttons\": [{\"type\": \"quick_reply\", ...}]}`. WhatsApp refuses a card with neither, or with both, with\n" +
		"\"(#131009) Parameter value is not valid\".",
	check: checkCarouselCardButtons,
}

func checkCarouselCardButtons(p *pass) {
	for i, card := range interactiveCards(p.root) {
		typ, _ := card.Get("type").Str()
		action := card.Get("action")
		if !strings.EqualFold(typ, "cta_url") || action == nil || action.Kind != jsontree.Object {
			continue
		}
		url := action.Get("name") != nil || action.Get("parameters") != nil
		replies := action.Get("buttons") != nil
		switch {
		case url && replies:
			p.Reportf(action, `Keep either the URL button ("name" and "parameters") or the quick-reply "buttons".`,
				"card %d has both a URL button and quick-reply buttons", i)
		case !url && !replies:
			p.ReportMissing(action, "buttons", `Add a URL button ("name": "cta_url" with "parameters") or quick-reply "buttons".`,
				"card %d has no button", i)
		case url && action.Get("parameters") == nil:
			p.ReportMissing(action, "parameters", `Add "parameters": {"display_text": "...", "url": "https://..."}.`,
				"card %d's URL button has no parameters", i)
		}
	}
}

var ruleCarouselCardBodyLines = &Rule{
	ID: "carousel-card-body-lines", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a carousel card's body has more than 2 line breaks",
	Doc: "Meta's media carousel page limits a card's body text to \"Max 160 characters, and up to 2 line breaks\" (the\n" +
		"schema checks the length). WhatsApp refuses a card body with a third line break with \"(#131009) Parameter\n" +
		"value is not valid\".",
	check: checkCarouselCardBodyLines,
}

func checkCarouselCardBodyLines(p *pass) {
	for i, card := range interactiveCards(p.root) {
		text := card.Path("body", "text")
		s, ok := text.Str()
		if n := strings.Count(s, "\n"); ok && n > 2 {
			p.Reportf(text, "Keep the card body to at most three lines.", "card %d's body has %d line breaks, over the limit of 2", i, n)
		}
	}
}
