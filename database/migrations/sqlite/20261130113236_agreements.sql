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
-- create "new_action_items" table
CREATE TABLE `new_action_items` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `code` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `priority` text NOT NULL DEFAULT ('MEDIUM'), `status` text NOT NULL DEFAULT ('NOT_STARTED'), `progress` integer NOT NULL DEFAULT (0), `last_reported_at` datetime NULL, `start_date` datetime NULL, `due_date` datetime NULL, `estimated_budget` integer NULL, `budget_currency` text NULL, `pilot` bool NOT NULL DEFAULT (false), `action_item_strategy` text NULL, `action_item_agreement` text NULL, `action_item_implements` text NULL, `action_item_lead_agency` text NOT NULL, `commitment_action_items` text NULL, `objective_action_items` text NULL, PRIMARY KEY (`id`), CONSTRAINT `action_items_strategies_strategy` FOREIGN KEY (`action_item_strategy`) REFERENCES `strategies` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_agreements_agreement` FOREIGN KEY (`action_item_agreement`) REFERENCES `agreements` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_commitments_implements` FOREIGN KEY (`action_item_implements`) REFERENCES `commitments` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_agencies_lead_agency` FOREIGN KEY (`action_item_lead_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `action_items_commitments_action_items` FOREIGN KEY (`commitment_action_items`) REFERENCES `commitments` (`id`) ON DELETE RESTRICT, CONSTRAINT `action_items_objectives_action_items` FOREIGN KEY (`objective_action_items`) REFERENCES `objectives` (`id`) ON DELETE RESTRICT);
-- copy rows from old table "action_items" to new temporary table "new_action_items"
INSERT INTO `new_action_items` (`id`, `created_at`, `updated_at`, `revision`, `search_text`, `code`, `title`, `description`, `priority`, `status`, `progress`, `last_reported_at`, `start_date`, `due_date`, `estimated_budget`, `budget_currency`, `action_item_strategy`, `action_item_lead_agency`, `objective_action_items`) SELECT `id`, `created_at`, `updated_at`, `revision`, `search_text`, `code`, `title`, `description`, `priority`, `status`, `progress`, `last_reported_at`, `start_date`, `due_date`, `estimated_budget`, `budget_currency`, `action_item_strategy`, `action_item_lead_agency`, `objective_action_items` FROM `action_items`;
-- drop "action_items" table after copying rows
DROP TABLE `action_items`;
-- rename temporary table "new_action_items" to "action_items"
ALTER TABLE `new_action_items` RENAME TO `action_items`;
-- create index "actionitem_code_action_item_strategy" to table: "action_items"
CREATE UNIQUE INDEX `actionitem_code_action_item_strategy` ON `action_items` (`code`, `action_item_strategy`);
-- create index "actionitem_code_action_item_agreement" to table: "action_items"
CREATE UNIQUE INDEX `actionitem_code_action_item_agreement` ON `action_items` (`code`, `action_item_agreement`);
-- create index "actionitem_status" to table: "action_items"
CREATE INDEX `actionitem_status` ON `action_items` (`status`);
-- create index "actionitem_priority" to table: "action_items"
CREATE INDEX `actionitem_priority` ON `action_items` (`priority`);
-- create index "actionitem_due_date" to table: "action_items"
CREATE INDEX `actionitem_due_date` ON `action_items` (`due_date`);
-- create index "actionitem_status_due_date" to table: "action_items"
CREATE INDEX `actionitem_status_due_date` ON `action_items` (`status`, `due_date`);
-- create index "actionitem_due_date_status" to table: "action_items"
CREATE INDEX `actionitem_due_date_status` ON `action_items` (`due_date`, `status`);
-- create index "action_items_action_item_strategy_id" to table: "action_items"
CREATE INDEX `action_items_action_item_strategy_id` ON `action_items` (`action_item_strategy`, `id`);
-- create index "action_items_action_item_agreement_id" to table: "action_items"
CREATE INDEX `action_items_action_item_agreement_id` ON `action_items` (`action_item_agreement`, `id`);
-- create index "action_items_action_item_implements_id" to table: "action_items"
CREATE INDEX `action_items_action_item_implements_id` ON `action_items` (`action_item_implements`, `id`);
-- create index "action_items_action_item_lead_agency_id" to table: "action_items"
CREATE INDEX `action_items_action_item_lead_agency_id` ON `action_items` (`action_item_lead_agency`, `id`);
-- create index "action_items_commitment_action_items_id" to table: "action_items"
CREATE INDEX `action_items_commitment_action_items_id` ON `action_items` (`commitment_action_items`, `id`);
-- create index "action_items_objective_action_items_id" to table: "action_items"
CREATE INDEX `action_items_objective_action_items_id` ON `action_items` (`objective_action_items`, `id`);
-- create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
CREATE INDEX `action_items_action_item_lead_agency_status_due_date` ON `action_items` (`action_item_lead_agency`, `status`, `due_date`);
-- create "agreements" table
CREATE TABLE `agreements` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `kind` text NOT NULL, `title` text NOT NULL, `reference` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `signed_on` datetime NULL, `signing_place` text NOT NULL DEFAULT (''), `entry_into_force_on` datetime NULL, `ends_on` datetime NULL, `duration_months` integer NULL, `tacit_renewal` bool NOT NULL DEFAULT (false), `status` text NOT NULL DEFAULT ('NEGOTIATION'), `confidential` bool NOT NULL DEFAULT (false), PRIMARY KEY (`id`));
-- create index "agreement_status" to table: "agreements"
CREATE INDEX `agreement_status` ON `agreements` (`status`);
-- create index "agreement_confidential" to table: "agreements"
CREATE INDEX `agreement_confidential` ON `agreements` (`confidential`);
-- create "agreement_parties" table
CREATE TABLE `agreement_parties` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `role` text NOT NULL, `signatory_name` text NOT NULL DEFAULT (''), `signatory_title` text NOT NULL DEFAULT (''), `agreement_parties` text NOT NULL, `agreement_party_agency` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `agreement_parties_agreements_parties` FOREIGN KEY (`agreement_parties`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT, CONSTRAINT `agreement_parties_agencies_agency` FOREIGN KEY (`agreement_party_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION);
-- create index "agreementparty_agreement_parties_agreement_party_agency" to table: "agreement_parties"
CREATE UNIQUE INDEX `agreementparty_agreement_parties_agreement_party_agency` ON `agreement_parties` (`agreement_parties`, `agreement_party_agency`);
-- create index "agreement_parties_agreement_party_agency_id" to table: "agreement_parties"
CREATE INDEX `agreement_parties_agreement_party_agency_id` ON `agreement_parties` (`agreement_party_agency`, `id`);
-- create "agreement_transitions" table
CREATE TABLE `agreement_transitions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `from_status` text NOT NULL, `to_status` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `agreement_transitions` text NOT NULL, `agreement_transition_actor` text NULL, PRIMARY KEY (`id`), CONSTRAINT `agreement_transitions_agreements_transitions` FOREIGN KEY (`agreement_transitions`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT, CONSTRAINT `agreement_transitions_accounts_actor` FOREIGN KEY (`agreement_transition_actor`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create index "agreement_transitions_agreement_transitions_id" to table: "agreement_transitions"
CREATE INDEX `agreement_transitions_agreement_transitions_id` ON `agreement_transitions` (`agreement_transitions`, `id`);
-- create index "agreement_transitions_agreement_transition_actor_id" to table: "agreement_transitions"
CREATE INDEX `agreement_transitions_agreement_transition_actor_id` ON `agreement_transitions` (`agreement_transition_actor`, `id`);
-- create "commitments" table
CREATE TABLE `commitments` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `code` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `kind` text NOT NULL DEFAULT ('OTHER'), `due_date` datetime NULL, `position` integer NOT NULL DEFAULT (0), `agreement_commitments` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `commitments_agreements_commitments` FOREIGN KEY (`agreement_commitments`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT);
-- create index "commitment_code_agreement_commitments" to table: "commitments"
CREATE UNIQUE INDEX `commitment_code_agreement_commitments` ON `commitments` (`code`, `agreement_commitments`);
-- create index "commitments_agreement_commitments_id" to table: "commitments"
CREATE INDEX `commitments_agreement_commitments_id` ON `commitments` (`agreement_commitments`, `id`);
-- create "domains" table
CREATE TABLE `domains` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- create index "domains_name_key" to table: "domains"
CREATE UNIQUE INDEX `domains_name_key` ON `domains` (`name`);
-- create "agreement_domains" table
CREATE TABLE `agreement_domains` (`agreement_id` text NOT NULL, `domain_id` text NOT NULL, PRIMARY KEY (`agreement_id`, `domain_id`), CONSTRAINT `agreement_domains_agreement_id` FOREIGN KEY (`agreement_id`) REFERENCES `agreements` (`id`) ON DELETE CASCADE, CONSTRAINT `agreement_domains_domain_id` FOREIGN KEY (`domain_id`) REFERENCES `domains` (`id`) ON DELETE CASCADE);
-- create index "agreement_domains_domain_id" to table: "agreement_domains"
CREATE INDEX `agreement_domains_domain_id` ON `agreement_domains` (`domain_id`);
-- create "commitment_responsible_parties" table
CREATE TABLE `commitment_responsible_parties` (`commitment_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`commitment_id`, `agency_id`), CONSTRAINT `commitment_responsible_parties_commitment_id` FOREIGN KEY (`commitment_id`) REFERENCES `commitments` (`id`) ON DELETE CASCADE, CONSTRAINT `commitment_responsible_parties_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);
-- create index "commitment_responsible_parties_agency_id" to table: "commitment_responsible_parties"
CREATE INDEX `commitment_responsible_parties_agency_id` ON `commitment_responsible_parties` (`agency_id`);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "commitment_responsible_parties_agency_id" to table: "commitment_responsible_parties"
DROP INDEX `commitment_responsible_parties_agency_id`;
-- reverse: create "commitment_responsible_parties" table
DROP TABLE `commitment_responsible_parties`;
-- reverse: create index "agreement_domains_domain_id" to table: "agreement_domains"
DROP INDEX `agreement_domains_domain_id`;
-- reverse: create "agreement_domains" table
DROP TABLE `agreement_domains`;
-- reverse: create index "domains_name_key" to table: "domains"
DROP INDEX `domains_name_key`;
-- reverse: create "domains" table
DROP TABLE `domains`;
-- reverse: create index "commitments_agreement_commitments_id" to table: "commitments"
DROP INDEX `commitments_agreement_commitments_id`;
-- reverse: create index "commitment_code_agreement_commitments" to table: "commitments"
DROP INDEX `commitment_code_agreement_commitments`;
-- reverse: create "commitments" table
DROP TABLE `commitments`;
-- reverse: create index "agreement_transitions_agreement_transition_actor_id" to table: "agreement_transitions"
DROP INDEX `agreement_transitions_agreement_transition_actor_id`;
-- reverse: create index "agreement_transitions_agreement_transitions_id" to table: "agreement_transitions"
DROP INDEX `agreement_transitions_agreement_transitions_id`;
-- reverse: create "agreement_transitions" table
DROP TABLE `agreement_transitions`;
-- reverse: create index "agreement_parties_agreement_party_agency_id" to table: "agreement_parties"
DROP INDEX `agreement_parties_agreement_party_agency_id`;
-- reverse: create index "agreementparty_agreement_parties_agreement_party_agency" to table: "agreement_parties"
DROP INDEX `agreementparty_agreement_parties_agreement_party_agency`;
-- reverse: create "agreement_parties" table
DROP TABLE `agreement_parties`;
-- reverse: create index "agreement_confidential" to table: "agreements"
DROP INDEX `agreement_confidential`;
-- reverse: create index "agreement_status" to table: "agreements"
DROP INDEX `agreement_status`;
-- reverse: create "agreements" table
DROP TABLE `agreements`;
-- reverse: create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
DROP INDEX `action_items_action_item_lead_agency_status_due_date`;
-- reverse: create index "action_items_objective_action_items_id" to table: "action_items"
DROP INDEX `action_items_objective_action_items_id`;
-- reverse: create index "action_items_commitment_action_items_id" to table: "action_items"
DROP INDEX `action_items_commitment_action_items_id`;
-- reverse: create index "action_items_action_item_lead_agency_id" to table: "action_items"
DROP INDEX `action_items_action_item_lead_agency_id`;
-- reverse: create index "action_items_action_item_implements_id" to table: "action_items"
DROP INDEX `action_items_action_item_implements_id`;
-- reverse: create index "action_items_action_item_agreement_id" to table: "action_items"
DROP INDEX `action_items_action_item_agreement_id`;
-- reverse: create index "action_items_action_item_strategy_id" to table: "action_items"
DROP INDEX `action_items_action_item_strategy_id`;
-- reverse: create index "actionitem_due_date_status" to table: "action_items"
DROP INDEX `actionitem_due_date_status`;
-- reverse: create index "actionitem_status_due_date" to table: "action_items"
DROP INDEX `actionitem_status_due_date`;
-- reverse: create index "actionitem_due_date" to table: "action_items"
DROP INDEX `actionitem_due_date`;
-- reverse: create index "actionitem_priority" to table: "action_items"
DROP INDEX `actionitem_priority`;
-- reverse: create index "actionitem_status" to table: "action_items"
DROP INDEX `actionitem_status`;
-- reverse: create index "actionitem_code_action_item_agreement" to table: "action_items"
DROP INDEX `actionitem_code_action_item_agreement`;
-- reverse: create index "actionitem_code_action_item_strategy" to table: "action_items"
DROP INDEX `actionitem_code_action_item_strategy`;
-- reverse: create "new_action_items" table
DROP TABLE `new_action_items`;
