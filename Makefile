# Developer entry points; CI runs .ci/run, which calls the same commands.
GO ?= go
GOLANGCI_LINT_VERSION ?= v2.15.0

.PHONY: build test lint fuzz bench site clean

build:
	$(GO) build -o ocispec ./cmd/ocispec

test:
	$(GO) test ./...

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	@command -v golangci-lint >/dev/null || GOFLAGS= $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	golangci-lint run ./...
	$(GO) run ./cmd/ocispec lint docs

# Each fuzz target briefly; FUZZTIME=200000x (or 1m) for a longer run. A
# count avoids Go 1.26's spurious "context deadline exceeded" at the end of
# a timed run (go.dev/issue/75804).
FUZZTIME ?= 20000x
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Go benchmarks on one core, then the comparison against peer tools.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 ./...
	bash bench/run.sh

site:
	$(GO) run ./cmd/ocispec build

clean:
	rm -rf _site ocispec
