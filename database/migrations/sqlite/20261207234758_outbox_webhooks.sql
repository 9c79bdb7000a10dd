-- +goose Up
-- create "notifications" table
CREATE TABLE `notifications` (`id` text NOT NULL, `event_id` text NOT NULL, `channel` text NOT NULL DEFAULT (''), `target` text NOT NULL DEFAULT (''), `payload` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `created_at` datetime NOT NULL, `due_at` datetime NOT NULL, `done_at` datetime NULL, `last_error` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- create index "notification_event_id_channel_target" to table: "notifications"
CREATE UNIQUE INDEX `notification_event_id_channel_target` ON `notifications` (`event_id`, `channel`, `target`);
-- create index "notification_status_due_at" to table: "notifications"
CREATE INDEX `notification_status_due_at` ON `notifications` (`status`, `due_at`);
-- create index "notification_channel_target_created_at" to table: "notifications"
CREATE INDEX `notification_channel_target_created_at` ON `notifications` (`channel`, `target`, `created_at`);
-- create "notification_attempts" table
CREATE TABLE `notification_attempts` (`id` text NOT NULL, `at` datetime NOT NULL, `duration_ms` integer NOT NULL, `ok` bool NOT NULL, `outcome` text NOT NULL DEFAULT (''), `notification_attempt_log` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `notification_attempts_notifications_attempt_log` FOREIGN KEY (`notification_attempt_log`) REFERENCES `notifications` (`id`) ON DELETE NO ACTION);
-- create index "notificationattempt_notification_attempt_log" to table: "notification_attempts"
CREATE INDEX `notificationattempt_notification_attempt_log` ON `notification_attempts` (`notification_attempt_log`);
-- create "webhook_endpoints" table
CREATE TABLE `webhook_endpoints` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `url` text NOT NULL, `description` text NOT NULL DEFAULT (''), `event_types` json NOT NULL, `sealed_secret` text NOT NULL, `disabled_at` datetime NULL, PRIMARY KEY (`id`));

-- +goose Down
-- reverse: create "webhook_endpoints" table
DROP TABLE `webhook_endpoints`;
-- reverse: create index "notificationattempt_notification_attempt_log" to table: "notification_attempts"
DROP INDEX `notificationattempt_notification_attempt_log`;
-- reverse: create "notification_attempts" table
DROP TABLE `notification_attempts`;
-- reverse: create index "notification_channel_target_created_at" to table: "notifications"
DROP INDEX `notification_channel_target_created_at`;
-- reverse: create index "notification_status_due_at" to table: "notifications"
DROP INDEX `notification_status_due_at`;
-- reverse: create index "notification_event_id_channel_target" to table: "notifications"
DROP INDEX `notification_event_id_channel_target`;
-- reverse: create "notifications" table
DROP TABLE `notifications`;
