package validate

var ruleDialectMixed = &Rule{
	ID: "dialect-mixed", Severity: SeverityWarning, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: "a Cloud API payload uses a form of the On-Premises v1 API",
	Doc: "The Cloud API and the On-Premises v1 API (sunset by Meta on 2025-10-23) share most of their shape, and\n" +
		"payloads migrated from v1 keep v1 forms that the Cloud API ignores or refuses: a top-level `preview_url` (Cloud\n" +
		"reads `text.preview_url`; Meta's own Postman sample carries the top-level one, so the link preview silently does\n" +
		"not happen), an `hsm` object (Cloud sends templates as `type: template`), or a template `namespace`. The\n" +
		"finding names the Cloud form to use.",
	check: checkDialectMixed,
}

func checkDialectMixed(p *pass) {
	if p.dialect != DialectCloud {
		return
	}
	root := p.root
	if n := root.Get("preview_url"); n != nil {
		p.Reportf(n, `Move it into the text object: "text": {"preview_url": true, "body": "..."}.`,
			`top-level "preview_url" is the On-Premises v1 form; the Cloud API reads "text.preview_url"`)
	}
	if n := root.Get("hsm"); n != nil {
		p.Reportf(n, `Send the template as "type": "template" with a "template" object {name, language{code}, components}.`,
			`"hsm" is the On-Premises v1 template form; the Cloud API sends templates as "type": "template"`)
	}
	if n := root.Path("template", "namespace"); n != nil {
		p.Reportf(n, `Remove "namespace"; the Cloud API finds the template by name and language.`,
			`template "namespace" is an On-Premises v1 field; the Cloud API does not use it`)
	}
}

var ruleMissingMessagingProduct = &Rule{
	ID: "missing-messaging-product", Severity: SeverityInfo, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: `no "messaging_product": the payload was linted as On-Premises v1`,
	Doc: "The Cloud API requires `\"messaging_product\": \"whatsapp\"` and refuses a message without it:\n" +
		"\"(#100) The parameter messaging_product is required.\" The On-Premises v1 API, sunset by Meta on 2025-10-23,\n" +
		"had no such field. With the dialect left to auto-detection, a payload without it that uses a form only the\n" +
		"Cloud API knows (`recipient`, `text.preview_url`, a template without `namespace`, a flow...) is checked as\n" +
		"Cloud, where the missing field is an error (required-field); one without any such form is checked as v1, and\n" +
		"this information says so: the payload is valid v1, so nothing is wrong unless it was meant for the Cloud API.\n" +
		"Choose the dialect explicitly (`--dialect cloud` or `--dialect onprem`) for a firm answer: with `--dialect cloud`\n" +
		"the missing field is the error it is.",
	check: checkMissingMessagingProduct,
}

func checkMissingMessagingProduct(p *pass) {
	if p.dialect != DialectOnPrem || hasV1Markers(p.root) {
		return
	}
	p.ReportMissing(p.root, "messaging_product",
		`Add "messaging_product": "whatsapp" for the Cloud API, or choose the onprem dialect if this payload is for an On-Premises v1 endpoint.`,
		`payload has no "messaging_product", so it was checked as an On-Premises v1 payload; the Cloud API requires it`)
}
