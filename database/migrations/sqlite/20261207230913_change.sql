-- +goose Up
-- create "notification_preferences" table
CREATE TABLE `notification_preferences` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `language` text NOT NULL DEFAULT ('fr'), `delivery` text NOT NULL DEFAULT ('IMMEDIATE'), `muted` json NULL, `account_notification_preference` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `notification_preferences_accounts_notification_preference` FOREIGN KEY (`account_notification_preference`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION);
-- create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
CREATE UNIQUE INDEX `notification_preferences_account_notification_preference_key` ON `notification_preferences` (`account_notification_preference`);
-- create index "notificationpreference_account_notification_preference" to table: "notification_preferences"
CREATE UNIQUE INDEX `notificationpreference_account_notification_preference` ON `notification_preferences` (`account_notification_preference`);

-- +goose Down
-- reverse: create index "notificationpreference_account_notification_preference" to table: "notification_preferences"
DROP INDEX `notificationpreference_account_notification_preference`;
-- reverse: create index "notification_preferences_account_notification_preference_key" to table: "notification_preferences"
DROP INDEX `notification_preferences_account_notification_preference_key`;
-- reverse: create "notification_preferences" table
DROP TABLE `notification_preferences`;
