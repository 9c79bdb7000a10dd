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
-- create "new_attachments" table
CREATE TABLE `new_attachments` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `agreement_attachments` text NULL, `attachment_uploaded_by` text NULL, `meeting_attachments` text NULL, `observation_attachments` text NULL, `strategy_version_attachments` text NULL, PRIMARY KEY (`id`), CONSTRAINT `attachments_agreements_attachments` FOREIGN KEY (`agreement_attachments`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT, CONSTRAINT `attachments_accounts_uploaded_by` FOREIGN KEY (`attachment_uploaded_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL, CONSTRAINT `attachments_meetings_attachments` FOREIGN KEY (`meeting_attachments`) REFERENCES `meetings` (`id`) ON DELETE RESTRICT, CONSTRAINT `attachments_observations_attachments` FOREIGN KEY (`observation_attachments`) REFERENCES `observations` (`id`) ON DELETE RESTRICT, CONSTRAINT `attachments_strategy_versions_attachments` FOREIGN KEY (`strategy_version_attachments`) REFERENCES `strategy_versions` (`id`) ON DELETE RESTRICT);
-- copy rows from old table "attachments" to new temporary table "new_attachments"
INSERT INTO `new_attachments` (`id`, `created_at`, `updated_at`, `name`, `content_type`, `size`, `sha256`, `agreement_attachments`, `attachment_uploaded_by`, `observation_attachments`, `strategy_version_attachments`) SELECT `id`, `created_at`, `updated_at`, `name`, `content_type`, `size`, `sha256`, `agreement_attachments`, `attachment_uploaded_by`, `observation_attachments`, `strategy_version_attachments` FROM `attachments`;
-- drop "attachments" table after copying rows
DROP TABLE `attachments`;
-- rename temporary table "new_attachments" to "attachments"
ALTER TABLE `new_attachments` RENAME TO `attachments`;
-- create index "attachment_strategy_version_attachments" to table: "attachments"
CREATE INDEX `attachment_strategy_version_attachments` ON `attachments` (`strategy_version_attachments`);
-- create index "attachment_observation_attachments" to table: "attachments"
CREATE INDEX `attachment_observation_attachments` ON `attachments` (`observation_attachments`);
-- create index "attachment_agreement_attachments" to table: "attachments"
CREATE INDEX `attachment_agreement_attachments` ON `attachments` (`agreement_attachments`);
-- create index "attachment_meeting_attachments" to table: "attachments"
CREATE INDEX `attachment_meeting_attachments` ON `attachments` (`meeting_attachments`);
-- create index "attachment_sha256" to table: "attachments"
CREATE INDEX `attachment_sha256` ON `attachments` (`sha256`);
-- create index "attachments_attachment_uploaded_by_id" to table: "attachments"
CREATE INDEX `attachments_attachment_uploaded_by_id` ON `attachments` (`attachment_uploaded_by`, `id`);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "attachments_attachment_uploaded_by_id" to table: "attachments"
DROP INDEX `attachments_attachment_uploaded_by_id`;
-- reverse: create index "attachment_sha256" to table: "attachments"
DROP INDEX `attachment_sha256`;
-- reverse: create index "attachment_meeting_attachments" to table: "attachments"
DROP INDEX `attachment_meeting_attachments`;
-- reverse: create index "attachment_agreement_attachments" to table: "attachments"
DROP INDEX `attachment_agreement_attachments`;
-- reverse: create index "attachment_observation_attachments" to table: "attachments"
DROP INDEX `attachment_observation_attachments`;
-- reverse: create index "attachment_strategy_version_attachments" to table: "attachments"
DROP INDEX `attachment_strategy_version_attachments`;
-- reverse: create "new_attachments" table
DROP TABLE `new_attachments`;
