package validate

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusDir is the shared conformance corpus of real payloads from Meta's
// Postman collection, OpenAPI examples, docs and SDKs (valid/), and realistic
// breakages of them (invalid/, with expect.tsv). It lives beside the
// repository and is read in place, never copied in.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// haveCorpus reports whether the shared corpus is there. Under CI=true its
// absence fails t: CI runs beside ../shared (.ci/run), so a missing corpus
// is a broken checkout, and skipping would pass it with less tested.
func haveCorpus(t testing.TB) bool {
	t.Helper()
	_, err := os.Stat(filepath.Join(corpusDir, "expect.tsv"))
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatalf("shared corpus not found, and CI=true requires it: %v", err)
	}
	return err == nil
}

// corpusPlace says where the corpus was looked for, for a skip message.
func corpusPlace() string {
	abs, _ := filepath.Abs(corpusDir)
	return abs + " (../shared/corpus beside the repository)"
}

// corpusOrSkip skips a test of the corpus when there is none, except under
// CI=true, where it fails (haveCorpus).
func corpusOrSkip(t *testing.T) {
	t.Helper()
	if !haveCorpus(t) {
		t.Skipf("shared corpus not found at %s: skipped here, required with CI=true", corpusPlace())
	}
}

// corpusDialect picks the dialect the corpus names a file for: onprem_ files
// are On-Premises v1, the rest Cloud.
func corpusDialect(name string) Dialect {
	if strings.HasPrefix(name, "onprem_") {
		return DialectOnPrem
	}
	return DialectCloud
}

// TestCorpusValid: every payload a public source presents as correct lints
// without an error, both in its own dialect and with auto-detection.
func TestCorpusValid(t *testing.T) {
	corpusOrSkip(t)
	files, _ := filepath.Glob(filepath.Join(corpusDir, "valid", "*.json"))
	if len(files) == 0 {
		t.Fatal("no valid corpus files")
	}
	for _, path := range files {
		name := filepath.Base(path)
		payload, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []Dialect{corpusDialect(name), DialectAuto} {
			rep := validatorWith(t, validatorKey{dialect: d}).Validate(context.Background(), payload)
			for _, f := range rep.Findings {
				if f.Severity == SeverityError {
					t.Errorf("%s (%v): unexpected error %s at %q: %s", name, d, f.Rule, f.Pointer, f.Message)
				}
			}
		}
	}
}

// TestCorpusInvalid: every realistic breakage is caught by an error finding
// at the pointer expect.tsv gives (or at a member of it, or at its parent),
// with the seeds' code where one is given.
func TestCorpusInvalid(t *testing.T) {
	corpusOrSkip(t)
	f, err := os.Open(filepath.Join(corpusDir, "expect.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("expect.tsv: bad line %q", line)
		}
		name, pointer, code := cols[0], cols[1], cols[2]
		n++
		t.Run(name, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join(corpusDir, "invalid", name))
			if err != nil {
				t.Fatal(err)
			}
			rep := validatorWith(t, validatorKey{dialect: corpusDialect(name)}).Validate(context.Background(), payload)
			wantCode := 0
			if code != "-" {
				wantCode, _ = strconv.Atoi(code)
			}
			for _, f := range rep.Findings {
				if f.Severity == SeverityError && nearPointer(f.Pointer, pointer) && (wantCode == 0 || f.Code == wantCode) {
					return
				}
			}
			t.Errorf("no error at %q with code %s; got:", pointer, code)
			for _, f := range rep.Findings {
				t.Logf("  %s %s at %q code %d: %s", f.Severity, f.Rule, f.Pointer, f.Code, f.Message)
			}
		})
	}
	if n == 0 {
		t.Fatal("expect.tsv lists no files")
	}
}

// nearPointer reports whether got is want, a member of it, or its parent:
// the corpus says "at (or next to) the pointer".
func nearPointer(got, want string) bool {
	return got == want || strings.HasPrefix(got, want+"/") || strings.HasPrefix(want, got+"/") && got != ""
}
