# Developer entry points. CI runs .ci/run, which installs the system
# packages and then runs `make ci`: every step and every tool version is
# written here once.
GO ?= go

# Pinned tools. To add one, append it to the list below that fits;
# `make tools` installs the lists and .ci/run runs `make tools`.
GOLANGCI_LINT_VERSION := v2.15.0
# npm packages the tests run (each test finds its program in PATH and skips
# without it, unless .ci/run's OCISPEC_REQUIRE_* variable is set).
NPM_TOOLS := \
	markdownlint-cli2@0.24.1 \
	@redocly/cli@2.77.0
# Go modules the tests read from the module cache without importing them.
GO_MODULES := \
	github.com/opencontainers/image-spec@v1.0.0

TOOLS := $(CURDIR)/.tools
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)/golangci-lint
export PATH := $(TOOLS)/node_modules/.bin:$(PATH)

# Each fuzz target briefly; FUZZTIME=200000x (or 1m) for a longer run. A
# count, not a duration: Go 1.26's fuzz coordinator can fail a timed run
# with "context deadline exceeded" at its deadline without any crasher
# (go.dev/issue/75804, fixed in Go 1.27).
FUZZTIME ?= 2000x

.PHONY: ci tools build test vet fmt golangci lint-docs lint fuzz bench site clean trace

ci: tools lint fuzz test trace

tools: $(GOLANGCI_LINT)
ifneq ($(strip $(NPM_TOOLS)),)
	npm install --no-audit --no-fund --silent --prefix $(TOOLS) $(NPM_TOOLS)
endif
ifneq ($(strip $(GO_MODULES)),)
	$(GO) mod download $(GO_MODULES)
endif

$(GOLANGCI_LINT):
	GOFLAGS= GOBIN=$(dir $@) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

build:
	$(GO) build -o ocispec ./cmd/ocispec

# The README's test command.
test:
	$(GO) test ./...

vet:
	$(GO) vet ./...

fmt:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt'ed: $$unformatted" >&2; exit 1; fi

golangci: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

# Our docs pass our own lint.
lint-docs:
	$(GO) run ./cmd/ocispec lint docs

# Our docs' MUST requirements are covered by annotated tests (90% or
# more) and no annotation is orphaned or stale (docs/trace.md).
trace:
	$(GO) run ./cmd/ocispec trace --fail-under must=90 --format json > /dev/null

lint: vet fmt golangci lint-docs

fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Go benchmarks on one core, then the comparison against peer tools.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 ./...
	bash bench/run.sh
	bash bench/site.sh

site:
	$(GO) run ./cmd/ocispec build

clean:
	rm -rf _site ocispec
