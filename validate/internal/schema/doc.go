// Package schema is walint's JSON Schema evaluator: it compiles the
// keywords walint's schemas use (JSON Schema 2020-12, and walint's own
// x-switch and annotations) and evaluates them on a jsontree, with
// violations that say, typed, what failed and against what bound.
//
// It walks the position-keeping tree the parser built: no conversion to
// maps, and for a valid payload no allocation but the exact values of the
// few numbers with a minimum or maximum. It knows only the keywords the
// schemas use and refuses to compile any other, so a schema edit cannot
// silently lose a check. santhosh-tekuri/jsonschema is the reference:
// validate's tests compile the same documents with it (which also checks
// them against the 2020-12 meta-schema), and TestEvaluatorAgreesWithJSONSchema
// and FuzzSchemaEval require the same violations from both on every
// fixture, the shared corpus and whatever the fuzzer finds (the reference is
// given the tree as maps, with the numbers too long or large to evaluate as
// 0, as the evaluator takes them). The evaluation order (types, const,
// enum, $ref, object, array, string and number keywords, allOf, if,
// x-switch) is the reference's, so a caller that keeps the first violation
// of a kind at a place keeps the same one.
//
// Besides violations, Eval makes one observation the reference does not: a
// text within 5% of its maxLength (NearMaxLength), which is no
// violation (maxLength keeps its meaning) but which walint reports as a note.
package schema
