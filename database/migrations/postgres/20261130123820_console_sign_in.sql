-- +goose Up
-- modify "accounts" table
ALTER TABLE "accounts" ADD COLUMN "password_hash" character varying NULL;
-- create "password_links" table
CREATE TABLE "password_links" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "hash" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "used_at" timestamptz NULL, "account_password_links" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "password_links_accounts_password_links" FOREIGN KEY ("account_password_links") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- create index "password_links_hash_key" to table: "password_links"
CREATE UNIQUE INDEX "password_links_hash_key" ON "password_links" ("hash");
-- create index "passwordlink_account_password_links" to table: "password_links"
CREATE INDEX "passwordlink_account_password_links" ON "password_links" ("account_password_links");
-- create "sessions" table
CREATE TABLE "sessions" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "hash" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "last_seen_at" timestamptz NOT NULL, "ended_at" timestamptz NULL, "account_sessions" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "sessions_accounts_sessions" FOREIGN KEY ("account_sessions") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- create index "session_account_sessions" to table: "sessions"
CREATE INDEX "session_account_sessions" ON "sessions" ("account_sessions");
-- create index "sessions_hash_key" to table: "sessions"
CREATE UNIQUE INDEX "sessions_hash_key" ON "sessions" ("hash");

-- +goose Down
-- reverse: create index "sessions_hash_key" to table: "sessions"
DROP INDEX "sessions_hash_key";
-- reverse: create index "session_account_sessions" to table: "sessions"
DROP INDEX "session_account_sessions";
-- reverse: create "sessions" table
DROP TABLE "sessions";
-- reverse: create index "passwordlink_account_password_links" to table: "password_links"
DROP INDEX "passwordlink_account_password_links";
-- reverse: create index "password_links_hash_key" to table: "password_links"
DROP INDEX "password_links_hash_key";
-- reverse: create "password_links" table
DROP TABLE "password_links";
-- reverse: modify "accounts" table
ALTER TABLE "accounts" DROP COLUMN "password_hash";
