# The project's verbs. Every instruction of the README is one of these.
GO ?= go
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

.PHONY: run test test-sqlite test-postgres generate check-generated build bench contract

## run: build and start the server in development mode on the embedded SQLite
## database palabre.db (migrated, seeded with demo data on first start).
run: build
	./bin/palabre serve --env development --seed-demo

## test: vet and test everything on SQLite, and again on PostgreSQL when
## PALABRE_TEST_DATABASE_URL is set (CI always sets it); then every check of
## the frontend contract (needs Node 20 and npm: see frontend-contract/README.md).
test: test-sqlite
ifneq ($(PALABRE_TEST_DATABASE_URL),)
	$(MAKE) test-postgres
endif
	cd frontend-contract && npm ci && npm run check

test-sqlite:
	$(GO) vet ./...
	PALABRE_TEST_DATABASE_URL= $(GO) test -count=1 ./...

test-postgres:
	PALABRE_TEST_DATABASE_URL='$(or $(PALABRE_TEST_DATABASE_URL),$(PG_TEST_URL))' $(GO) test -count=1 ./...

## generate: ent (which also writes graph/ent.graphql), then gqlgen, the
## frontend contract (frontend-contract/schema.graphql, then its TypeScript
## types and persisted-documents manifest), then the migration files of each
## store (needs the local PostgreSQL as a dev database).
generate:
	$(GO) run ./ent/entc
	$(GO) tool gqlgen generate
	$(GO) run ./graph/printschema -o frontend-contract/schema.graphql
	cd frontend-contract && npm ci && npm run generate
	$(GO) run ./database/migrategen

## check-generated: on a clean checkout, fails when `make generate` changes or
## adds a file (CI runs it).
check-generated: generate
	@if [ -n "$$(git status --porcelain)" ]; then git status --short; echo "generated code is out of date: run 'make generate' and commit the result"; exit 1; fi

## build: the binary at bin/palabre.
build:
	$(GO) build -o bin/palabre ./cmd/palabre

## bench: the benchmarks.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
