# walint's build, test, fuzz and benchmark entry points. CI runs `make test`.

GO       ?= go
FUZZTIME ?= 60s

.PHONY: build test fuzz bench examples

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
	$(GO) test ./...

## fuzz: each fuzz target for FUZZTIME (default 60s; CI uses 30s)
FUZZ_TARGETS = ./validate:FuzzValidate ./validate:FuzzParse ./validate:FuzzFix ./validate:FuzzParseTemplates \
               ./validate/media:FuzzInspect ./validate/media:FuzzBoxes
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name for $(FUZZTIME)"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME); \
	done

## bench: the library benchmarks, with allocations
bench:
	$(GO) test ./validate -run '^$$' -bench . -benchmem

## examples: lint the bundled example payloads (exits 1: some are broken on purpose)
examples:
	$(GO) run ./cmd/walint testdata/examples
