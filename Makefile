# camcost: build, test, demo and benchmarks. See README.md.
GO      ?= go
BIN     := bin/camcost
DEMO    := demo
PKGS    := ./...

.PHONY: all build test lint fmt demo bench deps clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/camcost

# lint is gofmt (must report nothing) plus go vet.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

# deps installs what the tests need beyond Go: LibreOffice (headless), which
# opens every generated workbook in the integration test.
deps:
	@command -v soffice >/dev/null 2>&1 || ./.ci/install-deps

test: deps lint
	$(GO) test -count=1 $(PKGS)

# demo builds camcost, writes the embedded demo inputs and runs them.
demo: build
	rm -rf $(DEMO)
	$(BIN) demo $(DEMO)/input
	$(BIN) run $(DEMO)/input --out $(DEMO)/output
	@echo
	@echo "Cartelle di lavoro in $(CURDIR)/$(DEMO)/output:"
	@ls -1 $(DEMO)/output

# bench times camcost end to end on a medium chamber, a national run and a
# stress run (generated once into .bench/), against the time to read the
# same inputs, then runs the Go benchmarks of the engine and the readers.
bench: build
	$(GO) run ./internal/benchrun -bin $(BIN) -cache .bench
	$(GO) test -run '^$$' -bench . -benchmem ./costing ./inputs

clean:
	rm -rf bin $(DEMO) .bench
