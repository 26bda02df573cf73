package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/build/constraint"
	goparser "go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// apiPackages are the packages whose exported API is pinned: what a Go
// program can import from this module.
var apiPackages = []string{".", "media", "fetch", "guard", "../schemas"}

// TestAPI pins the exported API of the importable packages in
// testdata/api/: every exported constant, variable, function, method and
// type (with its exported fields and interface methods), without doc
// comments, so that every change to the API is deliberate. After one, run
//
//	go test ./validate -run TestAPI -update
//
// and review the diff of testdata/api/.
func TestAPI(t *testing.T) {
	for _, dir := range apiPackages {
		got := exportedAPI(t, dir)
		name := filepath.Join("testdata", "api", strings.ReplaceAll(strings.Trim(filepath.Clean(dir), "./"), "/", "_"))
		if name == filepath.Join("testdata", "api") {
			name = filepath.Join("testdata", "api", "validate")
		}
		name += ".txt"
		if *update {
			if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (run go test ./validate -run TestAPI -update)", err)
		}
		if got != string(want) {
			t.Errorf("the exported API of %s changed; if that is deliberate, run go test ./validate -run TestAPI -update and review the diff of %s.\ngot:\n%s", dir, name, got)
		}
	}
}

// exportedAPI lists the exported declarations of the package in dir, one
// per line, sorted; a declaration of a file with a build constraint ends
// with it ("//go:build !js").
func exportedAPI(t *testing.T, dir string) string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, filepath.Join(dir, name), nil, goparser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name == "main" {
			continue
		}
		suffix := ""
		for _, c := range f.Comments {
			for _, l := range c.List {
				if constraint.IsGoBuild(l.Text) {
					suffix = "  " + l.Text
				}
			}
		}
		for _, d := range f.Decls {
			for _, s := range declAPI(fset, d) {
				lines = append(lines, f.Name.Name+": "+s+suffix)
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

// declAPI renders the exported parts of a declaration.
func declAPI(fset *token.FileSet, d ast.Decl) []string {
	var out []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
			return nil
		}
		fn := *d
		fn.Doc, fn.Body = nil, nil
		out = append(out, render(fset, &fn))
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if !s.Name.IsExported() {
					continue
				}
				ts := *s
				ts.Doc, ts.Comment = nil, nil
				ts.Type = exportedOnly(ts.Type)
				out = append(out, "type "+render(fset, &ts))
			case *ast.ValueSpec:
				for i, n := range s.Names {
					if !n.IsExported() {
						continue
					}
					line := d.Tok.String() + " " + n.Name
					if s.Type != nil {
						line += " " + render(fset, s.Type)
					} else if d.Tok == token.CONST && i < len(s.Values) {
						line += " = " + render(fset, s.Values[i])
					}
					out = append(out, line)
				}
			}
		}
	}
	return out
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if idx, ok := typ.(*ast.IndexExpr); ok {
		typ = idx.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// exportedOnly returns a struct or interface type without its unexported
// fields and methods (and without comments).
func exportedOnly(typ ast.Expr) ast.Expr {
	var fields *ast.FieldList
	switch t := typ.(type) {
	case *ast.StructType:
		c := *t
		fields, typ = t.Fields, &c
		defer func() { c.Fields = fields }()
	case *ast.InterfaceType:
		c := *t
		fields, typ = t.Methods, &c
		defer func() { c.Methods = fields }()
	default:
		return typ
	}
	kept := &ast.FieldList{}
	hidden := false
	for _, f := range fields.List {
		g := *f
		g.Doc, g.Comment, g.Names = nil, nil, nil
		for _, n := range f.Names {
			if n.IsExported() {
				g.Names = append(g.Names, n)
			}
		}
		switch {
		case len(f.Names) == 0: // embedded
			kept.List = append(kept.List, &g)
		case len(g.Names) > 0:
			kept.List = append(kept.List, &g)
		default:
			hidden = true
		}
	}
	if hidden {
		kept.List = append(kept.List, &ast.Field{Names: []*ast.Ident{ast.NewIdent("_")}, Type: ast.NewIdent("unexportedFields")})
	}
	fields = kept
	return typ
}

// render prints a node on one line.
func render(fset *token.FileSet, n any) string {
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestTypedErrors: New's and ParseTemplates' errors are typed, say which
// option or template is at fault, and carry no "walint:" prefix (the
// caller adds its own).
func TestTypedErrors(t *testing.T) {
	_, err := New(WithDisabled("no-such-rule"))
	var oe *OptionError
	if !errors.As(err, &oe) || oe.Option != "WithDisabled" || oe.Rule != "no-such-rule" {
		t.Errorf("New(WithDisabled(unknown)) = %#v, want an *OptionError naming WithDisabled and the rule", err)
	}
	if _, err := New(WithSender("12")); !errors.As(err, &oe) || oe.Option != "WithSender" {
		t.Errorf("New(WithSender(\"12\")) = %#v, want an *OptionError naming WithSender", err)
	}
	var te *TemplatesError
	if _, err := ParseTemplates([]byte(`[{"name": "a", "language": "en"}, {"name": "b"}]`)); !errors.As(err, &te) || te.Index != 1 {
		t.Errorf("ParseTemplates(second without language) = %#v, want a *TemplatesError at index 1", err)
	}
	var se *json.SyntaxError
	if _, err := ParseTemplates([]byte(`[{`)); !errors.As(err, &te) || te.Index != -1 || !errors.As(err, &se) {
		t.Errorf("ParseTemplates(broken JSON) = %#v, want a *TemplatesError wrapping the *json.SyntaxError", err)
	}
	for _, err := range []error{oe, te} {
		if strings.HasPrefix(err.Error(), "walint:") {
			t.Errorf("%q starts with walint:", err)
		}
	}
}

// TestRuleURLAndSince: every rule has a section of the rules' document,
// which docs/rules.md has, and the version that added it.
func TestRuleURLAndSince(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		anchor, ok := strings.CutPrefix(r.URL(), RulesURL+"#")
		if !ok || !bytes.Contains(doc, []byte("\n## "+anchor+"\n")) && !bytes.Contains(doc, []byte(`id="`+anchor+`"`)) {
			t.Errorf("rule %s: URL %s names no section of docs/rules.md", r.ID, r.URL())
		}
		if r.Since == "" || RuleByID(r.ID).Since != r.Since {
			t.Errorf("rule %s: Since %q", r.ID, r.Since)
		}
	}
}
