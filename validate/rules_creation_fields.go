package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules of a template body's top-level fields other than its name:
// language, category and parameter_format (TEMPLATE-CREATION.md §2).

var ruleCreationLanguage = &Rule{
	ID: "creation-language", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's language is not one of Meta's language codes",
	Doc: `A template's ` + "`language`" + ` (and each of the ` + "`languages`" + ` of an authentication upsert) is one of
the codes of Meta's list of supported languages (Template fundamentals, "Supported languages"): a language in lower
case, alone or with an upper-case region after an underscore (` + "`en`, `en_US`, `pt_BR`, `zh_CN`" + `), and ` + "`fil`" + `
has three letters. ` + "`en`" + ` and ` + "`en_US`" + ` are two different languages. Meta refuses a code it does not support
with "(#100) Invalid parameter". A code written with a hyphen or in the wrong case (` + "`en-US`, `EN_us`" + `) is an
error whose fix is the code Meta spells; a well-formed code that is not in walint's copy of the list (the 71
codes of Meta's table and the 15 added by 2026: ` + "`ar_EG`, `en_AU`, `fr_CA`, `es_CO`" + ` …) is a warning, since
Meta adds languages. A creation body without a language (or, for upsert_message_templates, a list of
languages) is refused too.`,
	check: checkCreationLanguage,
}

// templateLanguages is Meta's list of template languages as of 2026: the
// 71 codes of the table in Template fundamentals and the 15 added since
// (pywa's TemplateLanguage has the same 86).
var templateLanguages = []string{
	"af", "ar", "ar_AE", "ar_EG", "ar_LB", "ar_MA", "ar_QA", "ar_SA", "az", "bg", "bn", "ca", "cs", "da", "de",
	"el", "en", "en_AU", "en_CA", "en_GB", "en_IN", "en_US", "es", "es_AR", "es_CL", "es_CO", "es_ES", "es_MX",
	"es_PE", "es_VE", "et", "fa", "fi", "fil", "fr", "fr_BE", "fr_CA", "ga", "gu", "ha", "he", "hi", "hr", "hu",
	"id", "it", "ja", "ka", "kk", "kn", "ko", "ky_KG", "lo", "lt", "lv", "mk", "ml", "mr", "ms", "nb", "nl", "pa",
	"pl", "pt_BR", "pt_PT", "ro", "ru", "rw_RW", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tr", "uk",
	"ur", "uz", "vi", "zh_CN", "zh_HK", "zh_TW", "zu",
}

func checkCreationLanguage(p *pass) {
	lang, langs := p.root.Get("language"), p.root.Get("languages")
	if p.kind == KindTemplate && (lang == nil || blank(lang)) && (langs == nil || blank(langs)) {
		// A template is created in a language; an edit cannot change it.
		hint := "Give the template's language, such as \"language\": \"en_US\" (upsert_message_templates takes \"languages\", a list)."
		if lang != nil {
			p.Reportf(lang, hint, "language is empty; a template is created in one of Meta's languages")
		} else {
			p.ReportMissing(p.root, "language", hint, "the template has no \"language\"; a template is created in one of Meta's languages")
		}
	}
	if lang != nil {
		checkLanguageCode(p, lang)
	}
	for _, n := range langs.Elems() {
		checkLanguageCode(p, n)
	}
}

// checkLanguageCode checks n, one language code of a template body.
func checkLanguageCode(p *pass, n *jsontree.Node) {
	code, ok := n.Str()
	if !ok || code == "" || knownLanguage(code) {
		return // not a string, or empty: wrong-type and empty-field say so
	}
	if c := canonicalLanguage(code); knownLanguage(c) {
		p.ReportFix(n, c, "Write \""+c+"\": Meta's codes use an underscore, the language in lower case and the region in upper case.",
			"language %q is written %q in Meta's list of template languages", code, c)
		return
	}
	if wellFormedLanguage(code) {
		hint := "Check the code against Meta's list of supported languages; use it only if Meta has added it."
		if near := languagesOf(code); len(near) > 0 {
			hint = "Meta's list has " + strings.Join(near, ", ") + " for this language; use one of them unless Meta has added \"" + code + "\"."
		}
		p.reportGraded(n, SeverityWarning, 0, hint, "language %q is not in Meta's list of template languages as walint knows it (2026)", code)
		return
	}
	p.Reportf(n, "Use a code from Meta's list of supported languages, such as \"en_US\", \"es\", \"pt_BR\" or \"fil\".",
		"language %q is not a language code; Meta's codes are a lower-case language with an optional upper-case region, such as \"en\" or \"en_US\"", code)
}

func knownLanguage(code string) bool {
	_, ok := slices.BinarySearch(templateLanguages, code)
	return ok
}

// canonicalLanguage returns code as Meta spells its codes: a hyphen becomes
// an underscore, the language lower case and the region upper case.
func canonicalLanguage(code string) string {
	lang, region, found := strings.Cut(strings.ReplaceAll(code, "-", "_"), "_")
	if !found {
		return strings.ToLower(lang)
	}
	return strings.ToLower(lang) + "_" + strings.ToUpper(region)
}

// wellFormedLanguage reports whether code has the form of Meta's codes:
// two or three lower-case letters, optionally an underscore and two
// upper-case letters.
func wellFormedLanguage(code string) bool {
	lang, region, found := strings.Cut(code, "_")
	if len(lang) < 2 || len(lang) > 3 || !allIn(lang, 'a', 'z') {
		return false
	}
	return !found || len(region) == 2 && allIn(region, 'A', 'Z')
}

func allIn(s string, lo, hi byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			return false
		}
	}
	return true
}

// languagesOf returns the codes of Meta's list for the language of code
// (its part before the underscore).
func languagesOf(code string) []string {
	lang, _, _ := strings.Cut(code, "_")
	var out []string
	for _, c := range templateLanguages {
		if l, _, _ := strings.Cut(c, "_"); l == lang {
			out = append(out, c)
		}
	}
	return out
}

var ruleCreationCategory = &Rule{
	ID: "creation-category", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's category is not MARKETING, UTILITY or AUTHENTICATION",
	Doc: `A template's ` + "`category`" + ` is ` + "`MARKETING`, `UTILITY` or `AUTHENTICATION`" + ` (Template fundamentals,
Template categorization); Meta's own pages write them in upper and in lower case, and both are accepted. The
categories of before 2023 (` + "`TRANSACTIONAL`, `OTP`, `ACCOUNT_UPDATE`, `SHIPPING_UPDATE`" + ` and the other
` + "`*_UPDATE`" + ` ones, ` + "`AUTO_REPLY`, `ISSUE_RESOLUTION`" + `) are gone: Meta answers "(#100) Invalid parameter". The
hint names the category that took the old one's place; a misspelling gets the category it is closest to as a fix.`,
	check: checkCreationCategory,
}

// templateCategories are the categories a template is created in.
var templateCategories = []string{"AUTHENTICATION", "MARKETING", "UTILITY"}

// legacyCategories maps the categories of before 2023 to the one that
// took their place: one-time passwords are authentication, every other
// update about a customer's own business is utility.
var legacyCategories = map[string]string{
	"TRANSACTIONAL": "UTILITY", "OTP": "AUTHENTICATION", "ACCOUNT_UPDATE": "UTILITY", "SHIPPING_UPDATE": "UTILITY",
	"ALERT_UPDATE": "UTILITY", "AUTO_REPLY": "UTILITY", "ISSUE_RESOLUTION": "UTILITY", "PAYMENT_UPDATE": "UTILITY",
	"PERSONAL_FINANCE_UPDATE": "UTILITY", "RESERVATION_UPDATE": "UTILITY", "TICKET_UPDATE": "UTILITY",
	"APPOINTMENT_UPDATE": "UTILITY", "TRANSPORTATION_UPDATE": "UTILITY",
}

func checkCreationCategory(p *pass) {
	n, upperCat := p.root.Get("category"), p.template().category
	cat, ok := n.Str()
	if !ok || cat == "" || slices.Contains(templateCategories, upperCat) {
		return
	}
	if now, ok := legacyCategories[upperCat]; ok {
		hint := "Use \"" + now + "\", the category that replaced it in 2023."
		if now == "UTILITY" {
			hint = "Use \"UTILITY\", which replaced it in 2023 for messages about the customer's own order, account or booking; a message that promotes anything is \"MARKETING\"."
		}
		p.Reportf(n, hint, "category %q was retired in 2023; a template is MARKETING, UTILITY or AUTHENTICATION", cat)
		return
	}
	if near := closest(cat, templateCategories); near != "" {
		p.ReportFix(n, near, "Write \""+near+"\".", "category %q is not MARKETING, UTILITY or AUTHENTICATION", cat)
		return
	}
	p.Reportf(n, "Use \"MARKETING\", \"UTILITY\" (a message about the customer's own order, account or booking) or \"AUTHENTICATION\" (one-time passwords).",
		"category %q is not MARKETING, UTILITY or AUTHENTICATION", cat)
}

var ruleCreationParameterFormat = &Rule{
	ID: "creation-parameter-format", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's parameter_format is not positional or named, or its variables are of the other form",
	Doc: `A template's ` + "`parameter_format`" + ` is ` + "`positional`" + ` (the default: ` + "`{{1}}`, `{{2}}`" + `) or
` + "`named`" + ` (` + "`{{first_name}}`" + `), in either case (Template fundamentals); any other value gets "(#100)
Invalid parameter". The variables of the text header and the body must be of that form. Named variables in a
template without ` + "`\"parameter_format\": \"named\"`" + ` are taken as positional: the API accepts the body and the
review rejects the template (observed, gabrieldwight/Whatsapp-Business-Cloud-Api-Net #194), so that finding and
the one for numbers in a named template predict the review's INVALID_FORMAT. A template that mixes the two forms
always has variables of the wrong form, which this rule reports, so mixing gets no finding of its own. An edit
body, which cannot change the format, is not held to the default.`,
	check: checkCreationParameterFormat,
}

func checkCreationParameterFormat(p *pass) {
	n := p.root.Get("parameter_format")
	format := p.template().format // n in lower case, "positional" when absent
	if format != "positional" && format != "named" {
		f, _ := n.Str()
		if near := closest(format, []string{"positional", "named"}); near != "" {
			p.ReportFix(n, near, "Write \""+near+"\".", "parameter_format %q is not \"positional\" or \"named\"", f)
		} else {
			p.Reportf(n, "Write \"named\" for variables such as {{first_name}}, or leave parameter_format out for {{1}}, {{2}} …",
				"parameter_format %q is not \"positional\" or \"named\"", f)
		}
		return
	}
	if n == nil && p.kind == KindTemplateEdit {
		return // an edit keeps the template's format
	}
	for _, s := range p.creationTexts() {
		var wrong *textVar
		for i := range s.vars {
			v := &s.vars[i]
			if format == "named" && v.kind == varPositional || format == "positional" && v.kind == varNamed {
				wrong = v
				break
			}
		}
		switch {
		case wrong == nil:
		case format == "positional":
			hint := "Add \"parameter_format\": \"named\" at the top level of the body, and give the samples as " + s.namedKey() + "."
			if len(s.set.positional) > 0 {
				hint = "Use one form in the whole template: number every variable ({{1}}, {{2}} …), or name every one and add \"parameter_format\": \"named\"."
			}
			p.add(report{start: s.text.Start, end: s.text.End, pointer: s.text.Pointer(), hint: hint, cloudCode: noCode, review: "INVALID_FORMAT",
				msg: fmt.Sprintf("%s has the named variable %s, but the template's parameter_format is positional (the default when absent)", s.where, wrong.raw)})
		default:
			p.add(report{start: s.text.Start, end: s.text.End, pointer: s.text.Pointer(), cloudCode: noCode, review: "INVALID_FORMAT",
				hint: "Name the variable, such as {{first_name}}, with a sample in " + s.namedKey() + "; or drop \"parameter_format\": \"named\" and number every variable.",
				msg:  fmt.Sprintf("%s has the positional variable %s, but the template's parameter_format is named", s.where, wrong.raw)})
		}
	}
}
