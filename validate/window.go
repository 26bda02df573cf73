package validate

import (
	"context"
	"fmt"
	"time"
)

// serviceWindow is how long after a customer's last message a business may
// send free-form (non-template) messages.
const serviceWindow = 24 * time.Hour

// WithLastInbound gives the time of the customer's last inbound message for
// every payload this Validator checks. A free-form message sent more than 24
// hours later is refused by WhatsApp (470 / 131047). To give the time per
// payload, as a send pipeline does, use ContextWithLastInbound instead.
func WithLastInbound(t time.Time) Option {
	return func(c *config) error {
		c.lastInbound = t
		return nil
	}
}

// WithClock sets the clock the conversation-window rule compares against;
// the default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return fmt.Errorf("clock must not be nil")
		}
		c.now = now
		return nil
	}
}

type lastInboundKey struct{}

// ContextWithLastInbound returns a context that gives Validate the time of
// the recipient's last inbound message, overriding WithLastInbound for the
// calls that use it.
func ContextWithLastInbound(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, lastInboundKey{}, t)
}

// lastInbound returns the time of the customer's last message, from the
// context or the options, and whether one is known.
func (c *config) lastInboundFrom(ctx context.Context) (time.Time, bool) {
	if t, ok := ctx.Value(lastInboundKey{}).(time.Time); ok && !t.IsZero() {
		return t, true
	}
	return c.lastInbound, !c.lastInbound.IsZero()
}

var ruleConversationWindow = &Rule{
	ID: "conversation-window", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 470, CloudCode: 131047,
	Summary: "a free-form message is sent more than 24 hours after the customer's last message",
	Doc: "Outside the 24-hour customer service window, which opens with each message the customer sends, a business may\n" +
		"send only approved templates. Any other message fails with 470 (\"Message failed to send because more than 24\n" +
		"hours have passed since the customer last replied\") or \"(#131047) Re-engagement message\" in the Cloud API.\n" +
		"walint checks it when it is told when the customer last wrote (WithLastInbound, ContextWithLastInbound).",
	check: checkConversationWindow,
}

func checkConversationWindow(p *pass) {
	if !p.hasLastIn || p.msgType == "template" || p.msgType == "hsm" || p.msgType == "status" || p.msgType == "" {
		return
	}
	now := time.Now
	if p.cfg.now != nil {
		now = p.cfg.now
	}
	age := now().Sub(p.lastIn)
	if age <= serviceWindow {
		return
	}
	at := p.root.Get("type")
	if at == nil {
		at = p.root
	}
	p.Reportf(at, "Send an approved template instead; the customer's next message reopens the window for free-form messages.",
		"the customer last wrote %s ago, so the 24-hour window for %s messages is closed", roundAge(age), p.msgType)
}

func roundAge(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	}
	return fmt.Sprintf("%d hours", int(d.Hours()))
}
