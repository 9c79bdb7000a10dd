-- +goose Up
-- create "notification_preferences" table
CREATE TABLE `notification_preferences` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `language` text NOT NULL DEFAULT ('fr'), `delivery` text NOT NULL DEFAULT ('IMMEDIATE'), `muted` json NULL, `account_notification_preference` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `notification_preferences_accounts_notification_preference` FOREIGN KEY (`account_notification_preference`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION);
-- create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
CREATE UNIQUE INDEX `notification_preferences_account_notification_preference_key` ON `notification_preferences` (`account_notification_preference`);
-- create index "notification_preferences_account_notification_preference_id" to table: "notification_preferences"
CREATE INDEX `notification_preferences_account_notification_preference_id` ON `notification_preferences` (`account_notification_preference`, `id`);

-- +goose Down
-- reverse: create index "notification_preferences_account_notification_preference_id" to table: "notification_preferences"
DROP INDEX `notification_preferences_account_notification_preference_id`;
-- reverse: create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
DROP INDEX `notification_preferences_account_notification_preference_key`;
-- reverse: create "notification_preferences" table
DROP TABLE `notification_preferences`;
