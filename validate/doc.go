/*
Package validate checks WhatsApp Business API message payloads before they are
sent: the JSON a business POSTs to the Cloud API's
/{version}/{phone-number-id}/messages or to the On-Premises /v1/messages. For
each problem it says what WhatsApp would refuse, where in the payload, with
which error code, and, where it is certain, how to fix it.

	v, err := validate.New() // once; share it
	if err != nil {
		return err
	}
	rep := v.Validate(ctx, payload)
	if err := rep.Err(); err != nil {
		return err // do not send: err lists the findings
	}

The package takes bytes and returns values. It does no I/O of its own beyond
the media source it is given, and it builds for GOOS=js GOARCH=wasm. The
send-pipeline guard, which does send requests, is package
[github.com/walint/walint/validate/guard].

# What is checked

Each check is a [Rule] with a stable kebab-case ID ("latitude-range"), the
error codes it predicts and a default severity. The rules fall into families:

  - JSON itself: well-formedness and trailing data, UTF-8 and lone surrogates,
    a byte order mark, nesting depth, numbers too long or beyond the range of
    a double, duplicate keys;
    and values quoted where WhatsApp wants a boolean or a number
    ("preview_url": "true" is quoted-boolean).
  - The shape of every message type ([MessageTypes]: text, media, location,
    contacts, interactive, template, reaction, pin, hsm) and of read receipts,
    against the JSON Schemas of the Cloud and On-Premises APIs embedded from
    package schemas: required fields, JSON types, accepted values, lengths,
    counts, ranges and formats, and fields WhatsApp refuses. Where Meta keeps
    adding values and fields, one walint does not know is a warning
    (unknown-value, unknown-field), not an error; a near miss of a known one
    ("buton") is an error with the known one as its fix. A text within 5% of
    its limit is an info (near-length-limit).
  - Limits the schemas cannot express: coordinates in range, rows and
    products counted across sections, unique reply buttons, carousel cards
    built alike, headers an interactive type allows, flow messages, contact
    birthdays that are real dates, reactions that are one emoji, ISO 4217
    currencies, placeholders left in ids ("<IMAGE_OBJECT_ID>", "{{media_id}}").
  - Recipients: "to" as a phone number that exists, with its country code, in
    E.164 form and without a 00 prefix; the business's own number
    ([WithSender]); business-scoped user ids (BSUIDs) in "recipient".
  - Links: a media link that is not an absolute http(s) URL, that is
    URL-encoded twice, or whose file extension names a type the message type
    does not accept.
  - Media files, with a media source ([WithMediaSource]): the file behind each
    link, by its bytes and the Content-Type its host serves: its type, codecs,
    size, damage, a sticker's 512×512 pixels, a video without audio.
    [Validator.CheckMedia] judges a file on its own, before it is uploaded,
    as one of the [MediaKinds] (an image, a voice note, a template header...).
  - Templates, with the account's definitions ([WithTemplates]): the template
    exists in that language and is approved; the parameters match its
    variables in number, names and format; the header format and the buttons
    fit; the text with its parameters filled in is not too long.
  - The 24-hour customer service window (conversation-window): a free-form
    message more than 24 hours after the customer's last one, when that time
    is known ([WithLastInbound], [ContextWithLastInbound]).
  - The dialect: a Cloud payload that uses an On-Premises form
    (dialect-mixed), a payload without messaging_product
    (missing-messaging-product).

The rules follow Meta's reference as of [Reference]; values and fields Meta
added later are unknown to walint (hence the warnings above, rather than
errors).

# Dialects

walint knows two dialects of the same message payloads: the Cloud API
([DialectCloud]) and the On-Premises v1 API ([DialectOnPrem]), which Meta sunset
on 2025-10-23 but which older integrations and providers' /v1/messages
endpoints, such as 360dialog's, still speak. They differ in the envelope, the link preview flag, templates (hsm,
template.namespace) and error codes. By default ([DialectAuto]) each payload's
dialect is detected: messaging_product, or a form only the Cloud API knows
(recipient, typing_indicator, text.preview_url, an interactive type v1 did not
have...) without any v1-only form, means Cloud; otherwise (hsm,
template.namespace, or simply no messaging_product) On-Premises. [WithDialect]
checks every payload as one dialect. [Report].Dialect says which one a payload
was checked as.

# Findings

[Validator.Validate] returns a [Report]: the dialect, the message type, and the
findings, sorted by byte offset and then rule, so the same input always gives
the same output. A [Finding] carries:

  - Rule: the ID of the rule; Rules and RuleByID give its documentation.
  - Severity: error (WhatsApp would refuse the payload, or deliver the message
    wrong), warning or info. [Report.HasErrors] and [Report.Err] count error
    findings only.
  - Code and CloudCode: the error WhatsApp would return, as the code of
    360dialog's error table for the On-Premises API (400, 1008, 1009, 1014,
    470, 2000...) and as the Cloud API's code (100, 131008, 131009, 131052,
    132000...); 0 when none is known. Some Cloud API media errors (131052,
    131053) arrive only after the send was accepted, in a webhook.
  - Pointer: the RFC 6901 JSON Pointer of the offending value; for a missing
    field, the field that should be there.
  - Span: where the value sits, from Start inclusive to End exclusive; a
    [Pos] has a 1-based line, a 1-based column counted in Unicode code
    points, and a 0-based byte offset.
  - Message: what was found and what was expected; Hint: what to do.
  - Fix: where the fix is certain, the JSON value that replaces the span.
    [Fix] applies the fixes of one report; [Validator.FixPayload] applies
    them in rounds and keeps only those that add no new finding.

A rule reports at most 100 findings in one payload; one more finding counts
the rest. [Finding.String] formats a finding as "line:col: severity: message
[rule]".

# Options

[New] takes options:

  - [WithDialect]: check every payload as one dialect instead of detecting it.
  - [WithSender]: the business's own number, to flag messages sent to it.
  - [WithTemplates]: template definitions, read by [ParseTemplates] from the
    response of GET /{waba-id}/message_templates.
  - [WithMediaSource]: look at the file behind each media link:
    [media.FSSource] for a local directory,
    [github.com/walint/walint/validate/fetch.New] for guarded downloads.
  - [WithLastInbound] and [WithClock]: the time of the customer's last
    message, and the clock, for the conversation window.
  - [WithSeverity] and [WithDisabled]: re-grade or turn off rules by ID.
  - [WithMaxSize]: the largest payload parsed ([DefaultMaxSize], 1 MiB, by
    default); a larger one gets a single payload-too-large finding.

# Concurrency and cost

A [Validator] is safe for concurrent use: build one with New and share it.
The embedded schemas are compiled once per process and shared by every
Validator; each Validator keeps a bounded cache of the phone numbers it has
analysed. A media source is called from every goroutine that validates, so it
must be safe for concurrent use too (media.FSSource and fetch's Fetcher are).

Validate never panics: a failure inside a rule becomes an internal-error
finding. When its context is cancelled or expires, Validate stops at the next
rule and [Report.Err] returns an error for which errors.Is(err,
context.Canceled) (or context.DeadlineExceeded) holds; no finding blames the
payload for it.

Without a media source, a payload costs a few microseconds and a few dozen
allocations. BenchmarkValidate (go test ./validate -run '^$' -bench
BenchmarkValidate -count 3), medians on 2026-12-02 on a shared 2-core machine
(AMD EPYC, go1.26): a text message 3.9 µs and 24 allocations, a template
8.0 µs and 55, an interactive list 11.8 µs and 77 (in a quiet moment: while
other builds ran, the same runs took up to several times as long).
bench/README.md compares walint with ajv and libphonenumber-js over a
generated corpus of 10,000 payloads.

# Send pipelines

[github.com/walint/walint/validate/guard.Transport] is a
[net/http.RoundTripper] for the http.Client that sends messages: it validates
the body of every POST to a messages endpoint before it leaves, and refuses a
payload with a finding at or above its BlockOn severity (errors, by default)
with a *guard.RejectedError that carries the report; the request never
reaches the server. A request whose context is cancelled while its payload is
checked fails with an error that wraps the context's error, not a
RejectedError. Other requests, and the payloads it lets through, are sent
unchanged, body byte for byte. It is a package of its own so that this one
stays free of net/http, which would more than double the size of the checker
page's WebAssembly module.

# Rules and their documentation

[Rules] lists every rule and [RuleByID] finds one: its severity, codes,
certainty (documented by Meta or 360dialog, observed in failed sends, or a
conservative guess), summary and Markdown doc. docs/rules.md in the
repository is generated from the same list, with a flagged and a clean example
of nearly every rule taken from the rules' test fixtures; the command line
prints one rule's doc with walint explain ID.
*/
package validate
