//go:build !js

// Command serve serves the checker page (wasm/web, after make wasm) on
// localhost, with the Content-Types browsers insist on (application/wasm
// for compileStreaming, text/javascript for modules) and the precompressed
// walint.wasm.br or .gz when the browser accepts it (see wasm/webfiles).
//
//	go run ./wasm/serve [-addr 127.0.0.1:8080] [-dir wasm/web]
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path"
	"time"

	"github.com/walint/walint/wasm/webfiles"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "the `address` to listen on")
	dir := flag.String("dir", "wasm/web", "the `directory` to serve")
	flag.Parse()
	if _, err := os.Stat(path.Join(*dir, "walint.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "serve: %v (run make wasm first)\n", err)
		os.Exit(1)
	}
	srv := &http.Server{Addr: *addr, Handler: webfiles.Handler(os.DirFS(*dir)), ReadHeaderTimeout: 10 * time.Second}
	log.Printf("serving %s on http://%s/", *dir, *addr)
	log.Fatal(srv.ListenAndServe())
}
