//go:build !js

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestModuleMakesNoRequests keeps the means of making a request out of the
// browser module: the page promises that a payload never leaves the
// machine, and net/http would also double the module's size.
func TestModuleMakesNoRequests(t *testing.T) {
	for _, pkg := range moduleDeps(t) {
		switch pkg {
		case "net/http", "net", "crypto/tls", "github.com/walint/walint/validate/fetch":
			t.Errorf("the js/wasm module depends on %s", pkg)
		}
	}
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// maxBrotli is the budget for walint.wasm compressed with brotli.
const maxBrotli = 2_500_000

// TestModuleSize keeps the module within its download budget, measured
// with brotli at quality 9, a second's work (make wasm uses 11, which is
// smaller still). It also keeps out the phonenumbers module and the
// protobuf runtime, which once took 1.4 MB of the budget.
func TestModuleSize(t *testing.T) {
	for _, pkg := range moduleDeps(t) {
		if strings.HasPrefix(pkg, "github.com/nyaruka/phonenumbers") || strings.HasPrefix(pkg, "google.golang.org/protobuf") {
			t.Errorf("the js/wasm module depends on %s (the phone rules use validate/internal/phone's table)", pkg)
		}
	}
	serve(t) // builds the module
	wasm := filepath.Join(site.dir, "walint.wasm")
	data, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	var compressed countWriter
	w := brotli.NewWriterLevel(&compressed, 9)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("walint.wasm: %d bytes, %d with brotli -q 9", len(data), compressed)
	if compressed > maxBrotli {
		t.Errorf("walint.wasm is %d bytes with brotli -q 9; the budget is %d", compressed, maxBrotli)
	}
}

// moduleDeps lists the packages the js/wasm module is built from.
func moduleDeps(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./wasm: %v", err)
	}
	return strings.Fields(string(out))
}
