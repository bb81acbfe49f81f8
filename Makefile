# camcost: build, test, demo and benchmarks. See README.md.
GO      ?= go
BIN     := bin/camcost
DEMO    := demo
PKGS    := ./...

.PHONY: all build test lint fmt demo bench deps clean dist

all: build

# build makes a static binary, like dist's: without cgo the program needs no
# dynamic loader and starts 4 ms sooner (27 instead of 31 ms for --version).
# The tag leaves out urfave/cli's man-page and markdown generators, which
# camcost does not use and whose markdown parser took 1-2 ms to initialise
# at every start.
TAGS := urfave_cli_no_docs
build:
	CGO_ENABLED=0 $(GO) build -tags $(TAGS) -trimpath -o $(BIN) ./cmd/camcost

# dist cross-compiles camcost for the PCs controllers use, stamped with the
# engine version and the commit, and writes SHA256SUMS beside them.
VERSION  := $(shell sed -n 's/^const Version = "\(.*\)"/\1/p' model/version.go)
COMMIT   := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
PLATFORMS := windows/amd64 darwin/arm64 darwin/amd64 linux/amd64
dist:
	rm -rf dist && mkdir -p dist
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		name=camcost-$(VERSION)-$$os-$$arch$$ext; \
		echo "  $$name"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -tags $(TAGS) -trimpath \
			-ldflags "-s -w -X main.commit=$(COMMIT)" -o dist/$$name ./cmd/camcost; \
	done
	cd dist && sha256sum camcost-* > SHA256SUMS
	@echo "Eseguibili e SHA256SUMS in $(CURDIR)/dist"

# staticcheck is installed into .tools at a pinned version, so every
# machine lints with the same checks.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := .tools/staticcheck-$(STATICCHECK_VERSION)

$(STATICCHECK):
	mkdir -p .tools
	GOBIN=$(CURDIR)/.tools $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv .tools/staticcheck $@

# lint is gofmt (must report nothing), go vet and staticcheck.
lint: $(STATICCHECK)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)

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

# bench times camcost end to end on four scenarios (generated once into
# .bench/): a medium chamber, a national run, 100,000 people and a
# ledger-heavy run, against the time to read the same inputs, the floor
# (internal/benchfloor) and the pandas peer (internal/benchrun/peer_pandas.py,
# skipped with a note when python3-pandas and python3-openpyxl cannot be
# installed), then runs the Go benchmarks of the engine and the readers.
bench: build
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/benchfloor ./internal/benchfloor
	@./.ci/install-bench-deps >/dev/null 2>&1 || echo "nota: python3-pandas e python3-openpyxl non installabili: la colonna peer resta vuota"
	$(GO) run ./internal/benchrun -bin $(BIN) -floor bin/benchfloor -cache .bench
	$(GO) test -run '^$$' -bench . -benchmem ./costing ./inputs
	$(GO) test -run '^$$' -bench WriteBody -benchmem ./outputs

clean:
	rm -rf bin $(DEMO) .bench .tools dist
