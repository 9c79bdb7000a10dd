-- This migration rebuilds tables, so foreign keys must be off while it runs;
-- SQLite ignores PRAGMA foreign_keys inside a transaction, and goose runs each
-- file in one unless told otherwise. So goose runs it outside one, on a single
-- connection, and the rebuild between the two pragmas is its own transaction:
-- it applies whole or not at all. (Added by database/migrategen.)
-- +goose NO TRANSACTION
-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
BEGIN IMMEDIATE;
-- add column "last_reported_at" to table: "action_items"
ALTER TABLE `action_items` ADD COLUMN `last_reported_at` datetime NULL;
-- create "new_measurements" table
CREATE TABLE `new_measurements` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `value` real NOT NULL, `measured_at` datetime NOT NULL, `note` text NOT NULL DEFAULT (''), `indicator_measurements` text NOT NULL, `progress_report_measurements` text NULL, PRIMARY KEY (`id`), CONSTRAINT `measurements_indicators_measurements` FOREIGN KEY (`indicator_measurements`) REFERENCES `indicators` (`id`) ON DELETE CASCADE, CONSTRAINT `measurements_progress_reports_measurements` FOREIGN KEY (`progress_report_measurements`) REFERENCES `progress_reports` (`id`) ON DELETE SET NULL);
-- copy rows from old table "measurements" to new temporary table "new_measurements"
INSERT INTO `new_measurements` (`id`, `created_at`, `updated_at`, `value`, `measured_at`, `note`, `indicator_measurements`) SELECT `id`, `created_at`, `updated_at`, `value`, `measured_at`, `note`, `indicator_measurements` FROM `measurements`;
-- drop "measurements" table after copying rows
DROP TABLE `measurements`;
-- rename temporary table "new_measurements" to "measurements"
ALTER TABLE `new_measurements` RENAME TO `measurements`;
-- create index "measurements_indicator_measurements_id" to table: "measurements"
CREATE INDEX `measurements_indicator_measurements_id` ON `measurements` (`indicator_measurements`, `id`);
-- create index "measurements_progress_report_measurements_id" to table: "measurements"
CREATE INDEX `measurements_progress_report_measurements_id` ON `measurements` (`progress_report_measurements`, `id`);
-- create "new_strategies" table
CREATE TABLE `new_strategies` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `title` text NOT NULL, `country` text NOT NULL, `start_year` integer NOT NULL, `end_year` integer NOT NULL, `summary` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('DRAFTING'), `adoption_reference` text NOT NULL DEFAULT (''), `adopted_on` datetime NULL, `reporting_cadence_days` integer NOT NULL DEFAULT (90), `strategy_owner_agency` text NOT NULL, `strategy_implementing_agency` text NULL, PRIMARY KEY (`id`), CONSTRAINT `strategies_agencies_owner_agency` FOREIGN KEY (`strategy_owner_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `strategies_agencies_implementing_agency` FOREIGN KEY (`strategy_implementing_agency`) REFERENCES `agencies` (`id`) ON DELETE SET NULL);
-- copy rows from old table "strategies" to new temporary table "new_strategies"
INSERT INTO `new_strategies` (`id`, `created_at`, `updated_at`, `revision`, `search_text`, `title`, `country`, `start_year`, `end_year`, `summary`, `status`, `adoption_reference`, `adopted_on`, `strategy_owner_agency`, `strategy_implementing_agency`) SELECT `id`, `created_at`, `updated_at`, `revision`, `search_text`, `title`, `country`, `start_year`, `end_year`, `summary`, `status`, `adoption_reference`, `adopted_on`, `strategy_owner_agency`, `strategy_implementing_agency` FROM `strategies`;
-- drop "strategies" table after copying rows
DROP TABLE `strategies`;
-- rename temporary table "new_strategies" to "strategies"
ALTER TABLE `new_strategies` RENAME TO `strategies`;
-- create index "strategy_status" to table: "strategies"
CREATE INDEX `strategy_status` ON `strategies` (`status`);
-- create index "strategy_country" to table: "strategies"
CREATE INDEX `strategy_country` ON `strategies` (`country`);
-- create index "strategies_strategy_owner_agency_id" to table: "strategies"
CREATE INDEX `strategies_strategy_owner_agency_id` ON `strategies` (`strategy_owner_agency`, `id`);
-- create index "strategies_strategy_implementing_agency_id" to table: "strategies"
CREATE INDEX `strategies_strategy_implementing_agency_id` ON `strategies` (`strategy_implementing_agency`, `id`);
-- create "progress_reports" table
CREATE TABLE `progress_reports` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `as_of` datetime NOT NULL, `progress` integer NOT NULL, `status` text NOT NULL, `narrative` text NOT NULL, `difficulties` text NOT NULL DEFAULT (''), `next_steps` text NOT NULL DEFAULT (''), `idempotency_key` text NULL, `action_item_progress_reports` text NOT NULL, `progress_report_agency` text NOT NULL, `progress_report_author` text NULL, PRIMARY KEY (`id`), CONSTRAINT `progress_reports_action_items_progress_reports` FOREIGN KEY (`action_item_progress_reports`) REFERENCES `action_items` (`id`) ON DELETE RESTRICT, CONSTRAINT `progress_reports_agencies_agency` FOREIGN KEY (`progress_report_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `progress_reports_accounts_author` FOREIGN KEY (`progress_report_author`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create index "progressreport_as_of_action_item_progress_reports" to table: "progress_reports"
CREATE INDEX `progressreport_as_of_action_item_progress_reports` ON `progress_reports` (`as_of`, `action_item_progress_reports`);
-- create index "progressreport_action_item_progress_reports" to table: "progress_reports"
CREATE INDEX `progressreport_action_item_progress_reports` ON `progress_reports` (`action_item_progress_reports`);
-- create index "progressreport_progress_report_agency" to table: "progress_reports"
CREATE INDEX `progressreport_progress_report_agency` ON `progress_reports` (`progress_report_agency`);
-- create index "progressreport_idempotency_key_progress_report_agency" to table: "progress_reports"
CREATE UNIQUE INDEX `progressreport_idempotency_key_progress_report_agency` ON `progress_reports` (`idempotency_key`, `progress_report_agency`);
-- create index "progress_reports_progress_report_author_id" to table: "progress_reports"
CREATE INDEX `progress_reports_progress_report_author_id` ON `progress_reports` (`progress_report_author`, `id`);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "progress_reports_progress_report_author_id" to table: "progress_reports"
DROP INDEX `progress_reports_progress_report_author_id`;
-- reverse: create index "progressreport_idempotency_key_progress_report_agency" to table: "progress_reports"
DROP INDEX `progressreport_idempotency_key_progress_report_agency`;
-- reverse: create index "progressreport_progress_report_agency" to table: "progress_reports"
DROP INDEX `progressreport_progress_report_agency`;
-- reverse: create index "progressreport_action_item_progress_reports" to table: "progress_reports"
DROP INDEX `progressreport_action_item_progress_reports`;
-- reverse: create index "progressreport_as_of_action_item_progress_reports" to table: "progress_reports"
DROP INDEX `progressreport_as_of_action_item_progress_reports`;
-- reverse: create "progress_reports" table
DROP TABLE `progress_reports`;
-- reverse: create index "strategies_strategy_implementing_agency_id" to table: "strategies"
DROP INDEX `strategies_strategy_implementing_agency_id`;
-- reverse: create index "strategies_strategy_owner_agency_id" to table: "strategies"
DROP INDEX `strategies_strategy_owner_agency_id`;
-- reverse: create index "strategy_country" to table: "strategies"
DROP INDEX `strategy_country`;
-- reverse: create index "strategy_status" to table: "strategies"
DROP INDEX `strategy_status`;
-- reverse: create "new_strategies" table
DROP TABLE `new_strategies`;
-- reverse: create index "measurements_progress_report_measurements_id" to table: "measurements"
DROP INDEX `measurements_progress_report_measurements_id`;
-- reverse: create index "measurements_indicator_measurements_id" to table: "measurements"
DROP INDEX `measurements_indicator_measurements_id`;
-- reverse: create "new_measurements" table
DROP TABLE `new_measurements`;
-- reverse: add column "last_reported_at" to table: "action_items"
ALTER TABLE `action_items` DROP COLUMN `last_reported_at`;
