package schemas

// Corpus is corpus, for the tests of package schemas_test (bundle_test.go).
var Corpus = corpus
