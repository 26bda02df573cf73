package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The corpus on disk:
//
//	DIR/json/NNNNN-DIALECT-KIND-MISTAKE.json   one payload per file ("ok" for no mistake)
//	DIR/corpus.jsonl                           every payload on one line, in the same order
//	DIR/manifest.tsv                           file, dialect, kind, mistake, rule, bytes
//
// The .json files sit in a directory of their own so that a tool pointed at
// it (walint DIR/json, ajv-cli -d "DIR/json/*.json") sees each payload once.

// JSONDir is the directory of the individual files inside a corpus directory.
const JSONDir = "json"

// Write writes the payloads into dir, creating it.
func Write(dir string, payloads []Payload) error {
	if err := os.MkdirAll(filepath.Join(dir, JSONDir), 0o755); err != nil {
		return fmt.Errorf("writing corpus: %w", err)
	}
	var lines, manifest bytes.Buffer
	manifest.WriteString("# file\tdialect\tkind\tmistake\trule\tbytes\n")
	for i := range payloads {
		p := &payloads[i]
		if err := os.WriteFile(filepath.Join(dir, JSONDir, p.Name), p.Data, 0o644); err != nil {
			return fmt.Errorf("writing corpus: %w", err)
		}
		lines.Write(p.Line)
		lines.WriteByte('\n')
		fmt.Fprintf(&manifest, "%s\t%s\t%s\t%s\t%s\t%d\n", p.Name, p.Dialect, p.Kind, dash(p.Mistake), dash(p.Rule), len(p.Data))
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.jsonl"), lines.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing corpus: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.tsv"), manifest.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing corpus: %w", err)
	}
	return nil
}

// Read reads a corpus that Write wrote: the payloads of the manifest, in its
// order, with their files' bytes (Line is left empty).
func Read(dir string) ([]Payload, error) {
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		return nil, fmt.Errorf("reading corpus: %w", err)
	}
	defer f.Close()
	var out []Payload
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 6 {
			return nil, fmt.Errorf("reading corpus: manifest line %q: want 6 columns", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, JSONDir, cols[0]))
		if err != nil {
			return nil, fmt.Errorf("reading corpus: %w", err)
		}
		out = append(out, Payload{Name: cols[0], Dialect: cols[1], Kind: cols[2], Mistake: undash(cols[3]), Rule: undash(cols[4]), Data: data})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading corpus: %w", err)
	}
	return out, nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func undash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}
