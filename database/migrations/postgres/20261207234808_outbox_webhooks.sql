-- +goose Up
-- create "notifications" table
CREATE TABLE "notifications" ("id" character varying NOT NULL, "event_id" character varying NOT NULL, "channel" character varying NOT NULL DEFAULT '', "target" character varying NOT NULL DEFAULT '', "payload" text NOT NULL DEFAULT '', "status" character varying NOT NULL DEFAULT 'PENDING', "attempts" bigint NOT NULL DEFAULT 0, "created_at" timestamptz NOT NULL, "due_at" timestamptz NOT NULL, "done_at" timestamptz NULL, "last_error" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- create index "notification_channel_target_created_at" to table: "notifications"
CREATE INDEX "notification_channel_target_created_at" ON "notifications" ("channel", "target", "created_at");
-- create index "notification_event_id_channel_target" to table: "notifications"
CREATE UNIQUE INDEX "notification_event_id_channel_target" ON "notifications" ("event_id", "channel", "target");
-- create index "notification_status_due_at" to table: "notifications"
CREATE INDEX "notification_status_due_at" ON "notifications" ("status", "due_at");
-- create "webhook_endpoints" table
CREATE TABLE "webhook_endpoints" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "url" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "event_types" jsonb NOT NULL, "sealed_secret" character varying NOT NULL, "disabled_at" timestamptz NULL, PRIMARY KEY ("id"));
-- create "notification_attempts" table
CREATE TABLE "notification_attempts" ("id" character varying NOT NULL, "at" timestamptz NOT NULL, "duration_ms" bigint NOT NULL, "ok" boolean NOT NULL, "outcome" character varying NOT NULL DEFAULT '', "notification_attempt_log" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notification_attempts_notifications_attempt_log" FOREIGN KEY ("notification_attempt_log") REFERENCES "notifications" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- create index "notificationattempt_notification_attempt_log" to table: "notification_attempts"
CREATE INDEX "notificationattempt_notification_attempt_log" ON "notification_attempts" ("notification_attempt_log");

-- +goose Down
-- reverse: create index "notificationattempt_notification_attempt_log" to table: "notification_attempts"
DROP INDEX "notificationattempt_notification_attempt_log";
-- reverse: create "notification_attempts" table
DROP TABLE "notification_attempts";
-- reverse: create "webhook_endpoints" table
DROP TABLE "webhook_endpoints";
-- reverse: create index "notification_status_due_at" to table: "notifications"
DROP INDEX "notification_status_due_at";
-- reverse: create index "notification_event_id_channel_target" to table: "notifications"
DROP INDEX "notification_event_id_channel_target";
-- reverse: create index "notification_channel_target_created_at" to table: "notifications"
DROP INDEX "notification_channel_target_created_at";
-- reverse: create "notifications" table
DROP TABLE "notifications";
