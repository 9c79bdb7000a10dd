-- +goose Up
-- create "notification_preferences" table
CREATE TABLE "notification_preferences" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "language" character varying NOT NULL DEFAULT 'fr', "delivery" character varying NOT NULL DEFAULT 'IMMEDIATE', "muted" jsonb NULL, "account_notification_preference" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notification_preferences_accounts_notification_preference" FOREIGN KEY ("account_notification_preference") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- create index "notification_preferences_account_notification_preference_id" to table: "notification_preferences"
CREATE INDEX "notification_preferences_account_notification_preference_id" ON "notification_preferences" ("account_notification_preference", "id");
-- create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
CREATE UNIQUE INDEX "notification_preferences_account_notification_preference_key" ON "notification_preferences" ("account_notification_preference");

-- +goose Down
-- reverse: create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
DROP INDEX "notification_preferences_account_notification_preference_key";
-- reverse: create index "notification_preferences_account_notification_preference_id" to table: "notification_preferences"
DROP INDEX "notification_preferences_account_notification_preference_id";
-- reverse: create "notification_preferences" table
DROP TABLE "notification_preferences";
