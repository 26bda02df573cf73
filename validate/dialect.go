package validate

// detectDialect returns the dialect to check root as: the one asked for, or,
// for DialectAuto, the one the payload shows. messaging_product means Cloud;
// the v1-only forms (hsm, template.namespace) or the lack of
// messaging_product mean On-Premises v1.
func detectDialect(root *Node, asked Dialect) Dialect {
	if asked != DialectAuto {
		return asked
	}
	if root.Get("messaging_product") != nil {
		return DialectCloud
	}
	return DialectOnPrem
}

// messageType returns the message type the payload declares: "status" for a
// read receipt, the value of "type", or "text" (the Cloud default) when
// "type" is absent. A "type" that is not a string gives "".
func messageType(root *Node) string {
	if root.Get("status") != nil && root.Get("type") == nil {
		return "status"
	}
	t := root.Get("type")
	if t == nil {
		return "text"
	}
	s, _ := t.Str()
	return s
}

// hasV1Markers reports whether the payload uses a form that only the
// On-Premises v1 API knows.
func hasV1Markers(root *Node) bool {
	if root.Get("hsm") != nil {
		return true
	}
	if s, _ := root.Get("type").Str(); s == "hsm" {
		return true
	}
	return root.Path("template", "namespace") != nil
}
