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
-- create "new_agencies" table
CREATE TABLE `new_agencies` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `acronym` text NOT NULL, `kind` text NOT NULL, `country` text NOT NULL, `agency_children` text NULL, PRIMARY KEY (`id`), CONSTRAINT `agencies_agencies_children` FOREIGN KEY (`agency_children`) REFERENCES `agencies` (`id`) ON DELETE SET NULL);
-- copy rows from old table "agencies" to new temporary table "new_agencies"
INSERT INTO `new_agencies` (`id`, `created_at`, `updated_at`, `revision`, `name`, `acronym`, `kind`, `country`, `agency_children`) SELECT `id`, `created_at`, `updated_at`, `revision`, `name`, `acronym`, `kind`, `country`, `agency_children` FROM `agencies`;
-- drop "agencies" table after copying rows
DROP TABLE `agencies`;
-- rename temporary table "new_agencies" to "agencies"
ALTER TABLE `new_agencies` RENAME TO `agencies`;
-- create index "agencies_acronym_key" to table: "agencies"
CREATE UNIQUE INDEX `agencies_acronym_key` ON `agencies` (`acronym`);
-- create index "agency_kind" to table: "agencies"
CREATE INDEX `agency_kind` ON `agencies` (`kind`);
-- create index "agency_country" to table: "agencies"
CREATE INDEX `agency_country` ON `agencies` (`country`);
-- create "consultation_invited_agencies" table
CREATE TABLE `consultation_invited_agencies` (`consultation_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`consultation_id`, `agency_id`), CONSTRAINT `consultation_invited_agencies_consultation_id` FOREIGN KEY (`consultation_id`) REFERENCES `consultations` (`id`) ON DELETE CASCADE, CONSTRAINT `consultation_invited_agencies_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create "consultation_invited_agencies" table
DROP TABLE `consultation_invited_agencies`;
-- reverse: create index "agency_country" to table: "agencies"
DROP INDEX `agency_country`;
-- reverse: create index "agency_kind" to table: "agencies"
DROP INDEX `agency_kind`;
-- reverse: create index "agencies_acronym_key" to table: "agencies"
DROP INDEX `agencies_acronym_key`;
-- reverse: create "new_agencies" table
DROP TABLE `new_agencies`;
