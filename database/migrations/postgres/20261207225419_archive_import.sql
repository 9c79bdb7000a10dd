-- +goose Up
-- create "archive_imports" table
CREATE TABLE "archive_imports" ("id" character varying NOT NULL, "package" character varying NOT NULL, "bag_info" text NOT NULL, "first_sequence" bigint NOT NULL, "last_sequence" bigint NOT NULL, "events" bigint NOT NULL, "head" character varying NOT NULL, "segment_sha256" character varying NOT NULL, "imported_at" timestamptz NOT NULL, PRIMARY KEY ("id"));

-- +goose Down
-- reverse: create "archive_imports" table
DROP TABLE "archive_imports";
