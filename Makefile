# GC Notify infrastructure. `make test` is the one command CI runs; `make demo` is the main job.
PULUMI_VERSION := v3.175.0
TOOLING        := $(CURDIR)/.tooling
PULUMI         := $(TOOLING)/bin/pulumi
NOTIFYCTL      := $(TOOLING)/bin/notifyctl
LANGUAGE_GO    := $(TOOLING)/bin/pulumi-language-go
export PATH    := $(TOOLING)/bin:$(PATH)
# The automation API and the tests find the CLI here; nothing is downloaded.
export PULUMI_HOME ?= $(TOOLING)/pulumi-home
export PULUMI_SKIP_UPDATE_CHECK := true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: all test unit vet fmt-check pulumi language-go notifyctl demo drill clean-state soak bench-preview

all: test

## pulumi: build the Pulumi CLI at the SDK's version from the Go module proxy (reused when present)
pulumi: $(PULUMI)
$(PULUMI): tools/pulumi/go.mod tools/pulumi/go.sum
	@echo "building the Pulumi CLI $(PULUMI_VERSION) into $(PULUMI) (about 2-5 minutes cold)" >&2
	cd tools/pulumi && go build -o $(PULUMI) \
		-ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$(PULUMI_VERSION)" \
		github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

## language-go: build the Go language host, so the CLI itself can run the program (`pulumi preview -s dev`)
language-go: $(LANGUAGE_GO)
$(LANGUAGE_GO): tools/language-go/go.mod tools/language-go/go.sum
	cd tools/language-go && go build -o $(LANGUAGE_GO) github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go

## notifyctl: build the operations tool
notifyctl: $(PULUMI)
	go build -o $(NOTIFYCTL) ./infra/cmd/notifyctl

## demo: the main job, no AWS account needed: dev through the real engine against the simulated
## cloud (validate, preview, up with live progress, outputs). Run it again: nothing changes.
demo: notifyctl
	$(NOTIFYCTL) up --stack dev --cloud sim --yes

## drill: the timed from-scratch rebuild of dev into a new stack in the simulated cloud, torn down
## after; the report (Markdown, JSON, Gantt chart) is in .state/drills/<name>/
drill: notifyctl
	$(NOTIFYCTL) drill --from dev --cloud sim --latency-factor 0.1

## soak: the fault matrix (tests/faultmatrix_test.go) at 4 points per interruption, 40 interrupted
## operations; FAULT_MATRIX_SEED=<n> replays one run
soak: $(PULUMI)
	FAULT_MATRIX_POINTS=4 go test -count=1 "$(TESTLDFLAGS)" -timeout 60m -run TestFaultMatrix -v ./tests

## bench-preview: wall and CPU time of one stack's preview against preview --all (issue 11's
## ratio), BENCH_ROUNDS rounds (default 5) in a fresh state folder (docs/preview-performance.md)
bench-preview: notifyctl
	tools/bench-preview.sh $(or $(BENCH_ROUNDS),5)

## clean-state: forget every rehearsal (local backend, workspaces, simulated cloud state)
clean-state:
	rm -rf $(CURDIR)/.state

## fmt-check: fail when a Go file is not gofmt-clean
fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.tooling/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## vet: go vet every package
vet:
	go vet ./...

# Test binaries are linked without the symbol table and DWARF (stack traces keep file and line):
# linking ~45 binaries that each hold the Pulumi SDK is a third of the suite, and this cuts it
# by a third (the programs the tests build themselves are linked the same way).
TESTLDFLAGS := -ldflags=-s -w

## unit: the fast tests (mocks only, no engine)
unit:
	go test -short "$(TESTLDFLAGS)" ./...

## test: every test, building the tooling first. The end-to-end packages are named first so
## they start first: they are the longest, and the unit packages' builds fill the time they spend
## waiting on the engine instead of running before them.
test: $(PULUMI) $(LANGUAGE_GO) fmt-check vet
	go test -count=1 "$(TESTLDFLAGS)" -timeout 45m ./tests ./infra/cloudsim ./...
