package validate

// allRules is every rule, sorted by ID (a test checks the order, so that
// RuleByID can search it).
var allRules = []*Rule{
	ruleArrayCount,
	ruleContactBirthday,
	ruleConversationWindow,
	ruleCoordinateNotNumeric,
	ruleCurrencyCode,
	ruleDialectMixed,
	ruleDuplicateKey,
	ruleEnumValue,
	ruleFlowCTALength,
	ruleFlowIDOrName,
	ruleFlowNavigateScreen,
	ruleInteractiveHeaderType,
	ruleInternalError,
	ruleInvalidUTF8,
	ruleJSONBOM,
	ruleJSONDepth,
	ruleJSONNumber,
	ruleJSONSyntax,
	ruleJSONTrailingData,
	ruleLatitudeRange,
	ruleLinkDoubleEncoded,
	ruleLinkInvalid,
	ruleListRowIDsUnique,
	ruleListRowsTotal,
	ruleLoneSurrogate,
	ruleLongitudeRange,
	ruleMediaExtension,
	ruleMediaIDAndLink,
	ruleMediaSourceMissing,
	ruleMissingMessagingProduct,
	ruleNumberRange,
	rulePayloadTooLarge,
	ruleProductListItemsTotal,
	ruleQuotedBoolean,
	ruleQuotedNumber,
	ruleReactionEmoji,
	ruleRecipientCountryCode,
	ruleRecipientE164,
	ruleRecipientIntlPrefix,
	ruleRecipientInvalid,
	ruleRecipientIsSender,
	ruleRecipientWaIDDiffers,
	ruleReplyButtonIDSpaces,
	ruleReplyButtonsUnique,
	ruleRequiredField,
	ruleSchemaViolation,
	ruleStringFormat,
	ruleStringLength,
	ruleTemplateButtonIndex,
	ruleTemplateButtonParameter,
	ruleTemplateButtons,
	ruleTemplateHeaderFormat,
	ruleTemplateHydratedLength,
	ruleTemplateNotApproved,
	ruleTemplateParameterCount,
	ruleTemplateParameterName,
	ruleTemplateParameterNames,
	ruleTemplateUnknown,
	ruleTypeObject,
	ruleUnknownField,
	ruleWrongType,
}

var ruleInternalError = &Rule{
	ID: "internal-error", Severity: SeverityError,
	Summary: "walint itself failed while checking the payload",
	Doc: `A rule panicked, or the check was cancelled through its context, so the payload was not fully checked.
The finding carries no WhatsApp code because it says nothing about the payload; it is reported as an error so that
an incomplete check never passes silently. Please report it together with the payload.`,
}

var rulePayloadTooLarge = &Rule{
	ID: "payload-too-large", Severity: SeverityError,
	Summary: "the payload is larger than the validator's size limit",
	Doc: `Payloads over the configured limit (1 MiB by default, WithMaxSize or the CLI's configuration to change it)
are not parsed at all, so that hostile input costs bounded time and memory. No WhatsApp message comes near this size:
the largest text is 4096 characters, and media travel by link or id, never inline.`,
}
