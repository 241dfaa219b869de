# partons — build, test, benchmark, verify.
# Tool versions are pinned here, in one place.
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
BENCHTIME ?= 3x
FUZZTIME  ?= 20s
BENCHSTAT_VERSION := v0.0.0-20251208221838-04cf7a2dca90

.PHONY: all build run test deps lint fmt fmt-check vet bench fuzz cover verify clean

all: build

build: ## the partons binary in bin/
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/partons ./cmd/partons

run: ## analyse the embedded Westhoek sample into ./partons-out
	$(GO) run ./cmd/partons run

test: deps fmt-check vet ## what CI runs: formatting, vet, and every test with the race detector
	@echo "== go test -race: one line per package as it finishes (the first run compiles everything with the race detector: a few minutes)"
	$(GO) test -race -count=1 -timeout 30m ./...

deps: ## download the modules (first run only: about 66 MB)
	@echo "== go mod download (first run only: about 66 MB, 391 MB unpacked)"
	@$(GO) mod download

lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	@echo "== go vet (compiles every package; the first time about a minute)"
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

bench: ## every benchmark, then the peer baselines, ratios in benchmarks/RESULTS.md style
	bash benchmarks/run.sh

fuzz: ## each fuzz target for FUZZTIME (CI runs FUZZTIME=2s); fails on a failing input
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz.sh

cover:
	$(GO) test -coverprofile=cover.out ./... && $(GO) tool cover -func=cover.out | tail -1

verify: build ## cross-check outputs against GDAL, PROJ, pyproj, scipy, networkx (installs them with apt-get)
	bash .ci/verify.sh bin/partons

clean:
	rm -rf bin partons-out cover.out
