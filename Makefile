# walint's build, test, fuzz and benchmark entry points. CI runs `make test`.

GO       ?= go
FUZZTIME ?= 60s

.PHONY: build test lint lint-js fuzz bench examples wasm serve test-wasm dist npm test-npm

## build: the walint command, into bin/
build:
	$(GO) build -trimpath -o bin/walint ./cmd/walint

## test: formatting, vet (also for js/wasm), every test, and the js/wasm build
test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./validate/...
	GOOS=js GOARCH=wasm $(GO) build ./...
	WALINT_TEST_BROWSER=1 $(GO) test ./...
	$(GO) test -short -race ./validate ./validate/fetch ./validate/media
	$(GO) test -race -run Concurrent ./validate/internal/phone
	@if command -v node >/dev/null; then $(MAKE) --no-print-directory test-wasm test-npm lint-js; \
	elif [ "$${CI:-}" = true ]; then echo "node is needed when CI=true: test-wasm and test-npm must run"; exit 1; \
	else echo "node not found: skipping test-wasm (the library's tests under js/wasm) and test-npm (the npm package)"; fi

## lint: staticcheck, at the version pinned here and installed into .bin/ through the Go module proxy, on every
## package and, built for js/wasm, on the WebAssembly module and the library it compiles; then lint-js
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint: lint-js
	GOBIN="$(CURDIR)/.bin" $(GO) install $(STATICCHECK)
	.bin/staticcheck ./...
	GOOS=js GOARCH=wasm .bin/staticcheck ./wasm/... ./validate/...

## lint-js: the JavaScript of the page and the npm package: tsc --checkJs and prettier --check, pinned in tools/js
## and installed there by npm ci when missing (the npm package's dist/ is built first: its modules import it).
## make test runs it too, when node is installed.
JS_TOOLS = tools/js
JS_FILES = $(filter-out wasm/web/wasm_exec.js,$(wildcard wasm/web/*.js)) wasm/npm/index.js wasm/npm/lib/*.js wasm/npm/bin/*.js wasm/npm/scripts/*.js wasm/npm/test/*.js
lint-js:
	@if [ ! -f $(JS_TOOLS)/node_modules/.package-lock.json ] || [ $(JS_TOOLS)/package-lock.json -nt $(JS_TOOLS)/node_modules/.package-lock.json ]; then \
		npm ci --prefix $(JS_TOOLS) --no-audit --no-fund; fi
	@[ -f $(NPM)/dist/wasm_exec.js ] || $(MAKE) --no-print-directory npm
	$(JS_TOOLS)/node_modules/.bin/tsc -p $(JS_TOOLS)/tsconfig.json
	$(JS_TOOLS)/node_modules/.bin/prettier --config $(JS_TOOLS)/.prettierrc.json --check $(JS_FILES)

## fuzz: every fuzz target (or those in FUZZ, as PKG:TARGET) for FUZZTIME (default 60s; CI uses 30s), by scripts/fuzz.sh
FUZZ ?=
fuzz:
	GO="$(GO)" bash scripts/fuzz.sh $(FUZZTIME) $(FUZZ)

## bench: walint side by side with ajv + libphonenumber-js and ajv-cli on a generated corpus (needs node and npm; see bench/README.md)
bench:
	GO="$(GO)" bash bench/run.sh

## examples: lint the bundled example payloads (exits 1: some are broken on purpose)
examples:
	$(GO) run ./cmd/walint testdata/examples

## wasm: the browser module, wasm_exec.js and the examples, and the module's gzip and brotli copies (compressed in Go: no gzip or brotli program needed), into wasm/web/, by go run ./wasm/build
WASM_WEB = wasm/web
wasm:
	$(GO) run ./wasm/build -out $(WASM_WEB) -version "$(VERSION)"
	@ls -l $(WASM_WEB)/walint.wasm*

## npm: the npm package's built files into wasm/npm/dist (both modules for js/wasm, brotli-compressed, and Go's wasm_exec.js), by wasm/npm/scripts/build.js; an unchanged module is not compressed again; VERSION stamps both modules
NPM = wasm/npm
npm:
	GO="$(GO)" node $(NPM)/scripts/build.js $(if $(VERSION),--version "$(VERSION)")

## test-npm: make npm, then the package's tests with node --test: parity with the Go library and command on every fixture and ../shared/corpus, guardFetch against a local server, and the packed tarball installed offline running the README's snippets (WALINT_TEST_TYPES=1 adds tsc, fetched by npx)
test-npm: npm
	cd $(NPM) && node --test test/*.test.js

## dist: the release into dist/ by scripts/dist.sh: the command for linux, darwin and windows on amd64 and arm64, the page, the npm tarball, SHA256SUMS, and RELEASE_NOTES.md, CHANGELOG.md's section for VERSION (VERSION=v1.2.3, default git describe; needs node and npm; see docs/releasing.md)
VERSION ?=
DIST ?= dist
CHANGELOG ?= CHANGELOG.md
NPM_PACK = $(NPM)/dist/pack
# The npm modules' brotli quality: 11 for a release; the rehearsal test passes 1, which takes seconds, not a minute.
NPM_QUALITY ?= 11
# One version for the page, the npm package and the archives, worked out once.
dist: DIST_VERSION := $(or $(VERSION),$(shell git describe --tags --always --dirty 2>/dev/null),dev)
dist:
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "make dist needs node and npm, for the npm package's tarball"; exit 1; }
	@# The notes first: a release without them fails in a second, not after the builds.
	@bash scripts/release-notes.sh "$(DIST_VERSION)" "$(CHANGELOG)" >/dev/null
	@$(MAKE) --no-print-directory wasm VERSION="$(DIST_VERSION)"
	rm -rf $(NPM_PACK)
	GO="$(GO)" node $(NPM)/scripts/build.js --version "$(DIST_VERSION)" --quality $(NPM_QUALITY) --pack $(NPM_PACK)
	GO="$(GO)" VERSION="$(DIST_VERSION)" WEB=$(WASM_WEB) NPM_PACK=$(NPM_PACK) CHANGELOG="$(CHANGELOG)" OUT=$(DIST) bash scripts/dist.sh

## serve: the checker page on http://127.0.0.1:8080/ (ADDR to change)
ADDR ?= 127.0.0.1:8080
serve: wasm
	$(GO) run ./wasm/serve -addr $(ADDR) -dir $(WASM_WEB)

## test-wasm: the library's and the module's tests compiled to js/wasm and run by node (validate/fetch and validate/guard are left out: their tests need sockets)
test-wasm:
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...
	@root=$$($(GO) env GOROOT); exec=$$root/lib/wasm/go_js_wasm_exec; \
	[ -x "$$exec" ] || exec=$$root/misc/wasm/go_js_wasm_exec; \
	echo "GOOS=js GOARCH=wasm $(GO) test -exec $$exec ./validate/... ./wasm (but validate/fetch and validate/guard, whose tests need sockets)"; \
	GOOS=js GOARCH=wasm $(GO) test -exec "$$exec" $$($(GO) list ./validate/... | grep -v -e '/validate/fetch$$' -e '/validate/guard$$') ./wasm
