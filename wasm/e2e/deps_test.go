//go:build !js

package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestModuleMakesNoRequests keeps the means of making a request out of the
// browser module: the page promises that a payload never leaves the
// machine, and net/http would also double the module's size.
func TestModuleMakesNoRequests(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./wasm: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net/http", "net", "crypto/tls", "github.com/walint/walint/validate/fetch":
			t.Errorf("the js/wasm module depends on %s", pkg)
		}
	}
}
