package validate

import (
	"context"
	"testing"
)

// The tests in this file hold the facts of DOMAIN §9 that issue 20 made
// rules of to the codes Meta answers them with, which fixtures do not show:
// a read receipt's made-up id and a 00 prefix are 100, a signed Meta CDN
// link is 131053.

// TestFactCodes: each known mistake is reported once, by its rule, at its
// value, with the severity and the Cloud code Meta's real answer gives (or
// none where no answer was seen), and with the fix where one is certain.
func TestFactCodes(t *testing.T) {
	const (
		cloud   = `"messaging_product":"whatsapp",`
		to      = `"to":"+16505551234",`
		text    = `"type":"text","text":{"body":"Hello"}`
		receipt = cloud + `"status":"read",`
		sample  = `https://scontent.whatsapp.net/v/t61.29466-34/418362592_n.jpg?ccb=1-7&_nc_sid=8b1bef&oh=01_Q5AaIHk6&oe=6863A8D4`
	)
	tests := []struct {
		name, payload, rule, pointer string
		sev                          Severity
		cloudCode                    int
		fix                          string
	}{
		{"read receipt, digits only", `{` + receipt + `"message_id":"1234567890"}`,
			"message-id-form", "/message_id", SeverityError, 100, ""},
		{"typing indicator, digits only", `{` + receipt + `"message_id":"1234567890","typing_indicator":{"type":"text"}}`,
			"message-id-form", "/message_id", SeverityError, 100, ""},
		{"read receipt, not a wamid", `{` + receipt + `"message_id":"gBEGkYiEB1VXAglK1ZEqA1YKPrU"}`,
			"message-id-form", "/message_id", SeverityWarning, 100, ""},
		{"read receipt, a phrase", `{` + receipt + `"message_id":"<ID of the incoming message>"}`,
			"placeholder-value", "/message_id", SeverityError, 100, ""},
		{"reply, digits only", `{` + cloud + to + `"context":{"message_id":"98765"},` + text + `}`,
			"message-id-form", "/context/message_id", SeverityWarning, 0, ""},
		{"reaction, not a wamid", `{` + cloud + to + `"type":"reaction","reaction":{"message_id":"ABGGFlA5Fpa","emoji":"👍"}}`,
			"message-id-form", "/reaction/message_id", SeverityWarning, 0, ""},
		{"reply, a phrase", `{` + cloud + to + `"context":{"message_id":"<media id, from upload>"},` + text + `}`,
			"placeholder-value", "/context/message_id", SeverityError, 131009, ""},
		{"00 prefix", `{` + cloud + `"to":"00447911123456",` + text + `}`,
			"recipient-intl-prefix", "/to", SeverityError, 100, `"+447911123456"`},
		{"00 prefix spaced", `{` + cloud + `"to":"00 44 7911 123456",` + text + `}`,
			"recipient-intl-prefix", "/to", SeverityError, 100, `"+447911123456"`},
		{"+ and 00", `{` + cloud + `"to":"+00447911123456",` + text + `}`,
			"recipient-intl-prefix", "/to", SeverityError, 100, `"+447911123456"`},
		{"template sample link", `{` + cloud + to + `"type":"image","image":{"link":"` + sample + `"}}`,
			"link-meta-cdn", "/image/link", SeverityError, 131053, ""},
		{"template sample link, On-Premises", `{"to":"16505551234","type":"image","image":{"link":"` + sample + `"}}`,
			"link-meta-cdn", "/image/link", SeverityWarning, 131053, ""},
		{"catalog message header", `{` + cloud + to + `"type":"interactive","interactive":{"type":"catalog_message",` +
			`"header":{"type":"text","text":"Spring"},"body":{"text":"Browse"},"action":{"name":"catalog_message"}}}`,
			"unexpected-field", "/interactive/header", SeverityError, 100, ""},
	}
	v := mustNew(t)
	for _, tt := range tests {
		rep := v.Validate(context.Background(), []byte(tt.payload))
		var found []Finding
		for _, f := range rep.Findings {
			if f.Rule == tt.rule {
				found = append(found, f)
			}
			if f.Severity == SeverityError && f.Rule != tt.rule {
				t.Errorf("%s: another error besides %s: %v", tt.name, tt.rule, f)
			}
		}
		if len(found) != 1 {
			t.Errorf("%s: %d %s findings, want one (findings %v)", tt.name, len(found), tt.rule, rep.Findings)
			continue
		}
		f := found[0]
		if f.Pointer != tt.pointer || f.Severity != tt.sev || f.CloudCode != tt.cloudCode || string(f.Fix) != tt.fix {
			t.Errorf("%s: got %s at %s, cloud code %d, fix %s; want %s at %s, cloud code %d, fix %s",
				tt.name, f.Severity, f.Pointer, f.CloudCode, f.Fix, tt.sev, tt.pointer, tt.cloudCode, tt.fix)
		}
	}
}

// TestMetaCDNLink: the signed links of Meta's CDN and the media URL of
// GET /{media-id} are found, with their host; other links, look-alike hosts
// and the unsigned files of the same CDNs are not.
func TestMetaCDNLink(t *testing.T) {
	tests := []struct{ link, host string }{
		{"https://scontent.whatsapp.net/v/t61.29466-34/1_n.jpg?ccb=1-7&oh=01_Q5&oe=6863A8D4", "scontent.whatsapp.net"},
		{"https://scontent-sin6-2.whatsapp.net/v/a.jpg?oe=6863A8D4&oh=01_Q5", "scontent-sin6-2.whatsapp.net"},
		{"https://SCONTENT.WhatsApp.NET/v/a.jpg?oh=1&oe=2", "SCONTENT.WhatsApp.NET"},
		{"https://scontent-iad3-1.xx.fbcdn.net/v/t39.30808-6/4_n.jpg?_nc_cat=104&oh=00_AY&oe=66E0C1F2", "scontent-iad3-1.xx.fbcdn.net"},
		{"http://video.xx.fbcdn.net/v/t42/a.mp4?oh=00_AY&oe=66E0C1F2#t=1", "video.xx.fbcdn.net"},
		{"https://user@fbcdn.net:443/a.jpg?oh=1&oe=2", "fbcdn.net"},
		{"https://scontent.whatsapp.net./a.jpg?oh=1&oe=2", "scontent.whatsapp.net"},
		{"https://lookaside.fbsbx.com/lookaside/crawler/media/?media_id=1&oh=00_A&oe=66F1B2C3", "lookaside.fbsbx.com"},
		{"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1479537139650973&ext=1712345678&hash=ATu", "lookaside.fbsbx.com"},

		{"https://static.xx.fbcdn.net/rsrc.php/v3/yO/r/Z2mT4s2Xh9Q.png", ""},
		{"https://scontent.whatsapp.net/v/a.jpg?oh=01_Q5", ""},
		{"https://scontent.whatsapp.net/v/a.jpg?ccb=1-7&foe=1&noh=2", ""},
		{"https://scontent.whatsapp.net/v/a.jpg#oh=1&oe=2", ""},
		{"https://mmg.whatsapp.net/v/t62/a.enc?oh=1&oe=2", ""},
		{"https://scontent.whatsapp.net.example.com/a.jpg?oh=1&oe=2", ""},
		{"https://notfbcdn.net/a.jpg?oh=1&oe=2", ""},
		{"https://example.com/fbcdn.net/a.jpg?oh=1&oe=2", ""},
		{"https://lookaside.fbsbx.com/lookaside/crawler/media/?media_id=1", ""},
		{"https://cdn.luckyshrub.com/a.jpg?oh=1&oe=2", ""},
		{"ftp://scontent.whatsapp.net/a.jpg?oh=1&oe=2", ""},
		{"scontent.whatsapp.net/a.jpg?oh=1&oe=2", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if host, _ := metaCDNLink(tt.link); host != tt.host {
			t.Errorf("metaCDNLink(%q) = %q, want %q", tt.link, host, tt.host)
		}
	}
}
