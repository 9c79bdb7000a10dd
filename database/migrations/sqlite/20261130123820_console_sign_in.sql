-- +goose Up
-- add column "password_hash" to table: "accounts"
ALTER TABLE `accounts` ADD COLUMN `password_hash` text NULL;
-- create "password_links" table
CREATE TABLE `password_links` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `hash` text NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `account_password_links` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `password_links_accounts_password_links` FOREIGN KEY (`account_password_links`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION);
-- create index "password_links_hash_key" to table: "password_links"
CREATE UNIQUE INDEX `password_links_hash_key` ON `password_links` (`hash`);
-- create index "passwordlink_account_password_links" to table: "password_links"
CREATE INDEX `passwordlink_account_password_links` ON `password_links` (`account_password_links`);
-- create "sessions" table
CREATE TABLE `sessions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `hash` text NOT NULL, `expires_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `ended_at` datetime NULL, `account_sessions` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `sessions_accounts_sessions` FOREIGN KEY (`account_sessions`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION);
-- create index "sessions_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_hash_key` ON `sessions` (`hash`);
-- create index "session_account_sessions" to table: "sessions"
CREATE INDEX `session_account_sessions` ON `sessions` (`account_sessions`);

-- +goose Down
-- reverse: create index "session_account_sessions" to table: "sessions"
DROP INDEX `session_account_sessions`;
-- reverse: create index "sessions_hash_key" to table: "sessions"
DROP INDEX `sessions_hash_key`;
-- reverse: create "sessions" table
DROP TABLE `sessions`;
-- reverse: create index "passwordlink_account_password_links" to table: "password_links"
DROP INDEX `passwordlink_account_password_links`;
-- reverse: create index "password_links_hash_key" to table: "password_links"
DROP INDEX `password_links_hash_key`;
-- reverse: create "password_links" table
DROP TABLE `password_links`;
-- reverse: add column "password_hash" to table: "accounts"
ALTER TABLE `accounts` DROP COLUMN `password_hash`;
