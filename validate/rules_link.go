package validate

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

var ruleLinkDoubleEncoded = &Rule{
	ID: "link-double-encoded", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1014, CloudCode: 131052,
	Summary: "a media link is URL-encoded twice",
	Doc: "`%2520` is `%20` (a space) encoded a second time: the `%` itself became `%25`. The host is then asked for a\n" +
		"file whose name really contains `%20`, does not find it, and WhatsApp reports 1014 (\"Request for ... failed\",\n" +
		"On-Premises) or, after accepting the send, 131052 (media download error, Cloud). The fix decodes the extra layer:\n" +
		"every `%25` followed by two hex digits becomes `%`. A lone `%25` not followed by two hex digits is a literal\n" +
		"percent sign and is left alone.",
	check: checkLinkDoubleEncoded,
}

var ruleLinkInvalid = &Rule{
	ID: "link-invalid", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1014, CloudCode: 131052,
	Summary: "a media link is not an absolute http(s) URL",
	Doc: "WhatsApp downloads media from `link` itself, over HTTP or HTTPS. A relative path, another scheme (`ftp:`,\n" +
		"`file:`, `data:`), a URL without a host, or one with spaces and other characters that must be escaped cannot be\n" +
		"fetched: the send fails with 1014 (On-Premises) or 131052 after it was accepted (Cloud). Use an absolute\n" +
		"`https://` URL with its special characters percent-encoded. A variable left in the link (`{{invoice_id}}`,\n" +
		"`{id}`, `<MEDIA_URL>`) is reported as a placeholder to fill in, not as characters to encode, the same forms\n" +
		"placeholder-value reports in ids.",
	check: checkLinkInvalid,
}

var ruleLinkMetaCDN = &Rule{
	ID: "link-meta-cdn", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 131053,
	Summary: "a media link points at Meta's own signed CDN, whose links WhatsApp cannot download",
	Doc: "The sample media that `GET /{waba-id}/message_templates` returns for a template's header, and the pictures\n" +
		"Facebook and WhatsApp serve, are links to Meta's own CDN (`scontent.whatsapp.net`, `scontent-….xx.fbcdn.net`),\n" +
		"signed with `oh=` (a hash) and `oe=` (the hour the link expires) in the query. Copied into a send, such a link is\n" +
		"refused by Meta's own media downloader: the message fails after it was accepted with 131053, \"Downloading media\n" +
		"from weblink failed with http code 403\" (real failures, posted with their request bodies), and the link would\n" +
		"stop working at the `oe=` time anyway. The media URL that `GET /{media-id}` returns\n" +
		"(`lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…`) cannot be downloaded by WhatsApp either, by Meta's\n" +
		"own documentation: its media page says the URL is fetched with the business's access token, which WhatsApp's\n" +
		"downloader does not send, and is valid for five minutes.\n\n" +
		"walint reports, as an error with Cloud code 131053: a link to a `scontent*.whatsapp.net` host, to any\n" +
		"`fbcdn.net` host or to `lookaside.fbsbx.com` whose query has both `oh=` and `oe=`; and a\n" +
		"`lookaside.fbsbx.com/whatsapp_business/attachments/` link, signed or not. Links to these hosts without the\n" +
		"signature (a public `static.xx.fbcdn.net` file, say) are not judged: no refusal of one has been seen. In the\n" +
		"On-Premises dialect the business's own client downloads the file, so only the expiry is certain: a warning.\n" +
		"Download the file and host it on your own server, or upload it to `/PHONE_NUMBER_ID/media` and send its `id`.",
	check: checkLinkMetaCDN,
}

func checkLinkMetaCDN(p *pass) {
	sev := Severity(0) // the rule's
	if p.dialect != DialectCloud {
		sev = SeverityWarning
	}
	links(p, func(n *jsontree.Node) {
		host, why := metaCDNLink(n.Text)
		if host == "" {
			return
		}
		p.reportGraded(n, sev, 0, "Download the file and host it on your own https:// server, or upload it to /PHONE_NUMBER_ID/media and send its id instead of a link.",
			"link %q is on Meta's own CDN (%s): %s", truncate(n.Text, 80), host, why)
	})
}

// metaCDNLink returns the host of a link to Meta's own CDN that WhatsApp's
// downloader refuses, with why, or "" when the link is not one. It reads
// the link by hand, not with url.Parse or a regular expression: it runs on
// every link of every payload.
func metaCDNLink(s string) (host, why string) {
	host, path, query := splitLink(s)
	if host == "" {
		return "", ""
	}
	endsWith := func(suffix string) bool { // host ends with suffix, ignoring case
		return len(host) >= len(suffix) && strings.EqualFold(host[len(host)-len(suffix):], suffix)
	}
	const signed = "a link signed with oh= and oe= expires, and Meta's downloader refuses it with 403"
	switch {
	case strings.EqualFold(host, "lookaside.fbsbx.com") && strings.HasPrefix(path, "/whatsapp_business/attachments"):
		return host, "a media URL from GET /{media-id} needs the access token, which WhatsApp's downloader does not send, and expires after five minutes"
	case !hasParam(query, "oh") || !hasParam(query, "oe"):
		return "", ""
	case strings.EqualFold(host, "lookaside.fbsbx.com"),
		strings.EqualFold(host, "fbcdn.net") || endsWith(".fbcdn.net"),
		endsWith(".whatsapp.net") && len(host) >= len("scontent") && strings.EqualFold(host[:len("scontent")], "scontent"):
		return host, signed
	}
	return "", ""
}

// splitLink returns the host (without user info, port or a final dot), the
// path and the query of an absolute http(s) link, or "" for the host when s
// is none.
func splitLink(s string) (host, path, query string) {
	i := strings.Index(s, "://")
	if i < 0 || !strings.EqualFold(s[:i], "https") && !strings.EqualFold(s[:i], "http") {
		return "", "", ""
	}
	s = s[i+3:]
	if h := strings.IndexByte(s, '#'); h >= 0 {
		s = s[:h]
	}
	if q := strings.IndexByte(s, '?'); q >= 0 {
		s, query = s[:q], s[q+1:]
	}
	host = s
	if sl := strings.IndexByte(s, '/'); sl >= 0 {
		host, path = s[:sl], s[sl:]
	}
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	if c := strings.LastIndexByte(host, ':'); c >= 0 && !strings.Contains(host, "]") {
		host = host[:c]
	}
	return strings.TrimSuffix(host, "."), path, query
}

// hasParam reports whether the query string has a parameter named name.
func hasParam(query, name string) bool {
	for query != "" {
		var part string
		part, query, _ = strings.Cut(query, "&")
		if k, _, _ := strings.Cut(part, "="); k == name {
			return true
		}
	}
	return false
}

// links calls fn for every string member named "link": the media objects of
// media messages, interactive headers and template parameters.
func links(p *pass, fn func(*jsontree.Node)) {
	for _, n := range p.views().links {
		if !(n.Text == "" && valued(n.Parent, "id") != nil) { // an empty link beside an id is read as absent (empty-field)
			fn(n)
		}
	}
}

func checkLinkDoubleEncoded(p *pass) {
	links(p, func(n *jsontree.Node) {
		if fixed, ok := undoubleEncode(n.Text); ok {
			p.ReportFix(n, fixed, "Encode the link once; the fix decodes the extra layer.",
				"link %q is URL-encoded twice (%%25 followed by hex digits)", truncate(n.Text, 80))
		}
	})
}

// undoubleEncode replaces each "%25XX" (XX hex) with "%XX", and reports
// whether there was any.
func undoubleEncode(s string) (string, bool) {
	if !strings.Contains(s, "%25") {
		return s, false // Most links: nothing to build.
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(s); i++ {
		if i+4 < len(s) && s[i] == '%' && s[i+1] == '2' && s[i+2] == '5' && isHex(s[i+3]) && isHex(s[i+4]) {
			b.WriteByte('%')
			i += 2
			found = true
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), found
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func checkLinkInvalid(p *pass) {
	links(p, func(n *jsontree.Node) {
		if msg, hint := linkProblem(n.Text); msg != "" {
			if fixed, ok := escapeSpaces(n.Text); ok {
				p.ReportFix(n, fixed, hint, "link %q %s", truncate(n.Text, 80), msg)
				return
			}
			p.Reportf(n, hint, "link %q %s", truncate(n.Text, 80), msg)
		}
	})
}

// linkProblem says what is wrong with a link, or "" when nothing is.
func linkProblem(s string) (msg, hint string) {
	if s == "" {
		return "is empty", "Give the absolute https:// URL of the file."
	}
	// A placeholder's braces or angle brackets would be reported below as
	// characters to percent-encode, but encoding them only hides the mistake:
	// the variable must be filled in (placeholder-value says the same of ids).
	if start, end := findPlaceholder(s); start >= 0 {
		return fmt.Sprintf("contains the placeholder %q, which was never filled in", s[start:end]),
			"Fill in the variable before sending, or replace the sample with the file's real https:// URL."
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			return "contains a space", "Percent-encode spaces as %20."
		case c < 0x20 || c == 0x7F:
			return fmt.Sprintf("contains control character U+%04X", c), "Remove it; a line break or tab often comes from copying the link."
		case strings.IndexByte("\"<>\\^`{|}", c) >= 0:
			return fmt.Sprintf("contains %q, which must be percent-encoded", c), fmt.Sprintf("Write it as %%%02X.", c)
		case c == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])):
			return "has a % that does not start an escape", "Write a literal percent sign as %25."
		}
	}
	if plainWebLink(s) {
		return "", "" // Most links: url.Parse would find nothing.
	}
	return urlProblem(s)
}

// plainWebLink reports whether s, free of the characters linkProblem looks
// for, is an http or https URL whose host is a plain name (letters, digits,
// dots and hyphens): url.Parse then reads it with that scheme and host, and
// urlProblem has nothing to say (FuzzLinkProblem holds it to that).
func plainWebLink(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if !ok || end == 0 {
		return false
	}
	for i := range end {
		c := rest[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// urlProblem says what url.Parse finds wrong with a link for WhatsApp to
// download: no scheme, another scheme than http(s), or no host.
func urlProblem(s string) (msg, hint string) {
	u, err := url.Parse(s)
	if err != nil {
		return "is not a valid URL", "Give the absolute https:// URL of the file."
	}
	switch {
	case u.Scheme == "":
		return "is not an absolute URL", "Give the absolute URL, starting with https://, that WhatsApp can download the file from."
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("uses the %q scheme; WhatsApp downloads media only over http or https", u.Scheme), "Host the file on an https:// URL."
	case u.Host == "" || u.Hostname() == "":
		return "has no host", "Give the absolute URL, starting with https:// and the host name."
	}
	return "", ""
}

// escapeSpaces returns s with its spaces written as %20 when spaces are its
// only problem, so that the result is certain to be the intended link.
func escapeSpaces(s string) (string, bool) {
	if !strings.Contains(s, " ") {
		return "", false
	}
	fixed := strings.ReplaceAll(strings.TrimSpace(s), " ", "%20")
	if msg, _ := linkProblem(fixed); msg != "" {
		return "", false
	}
	return fixed, true
}
