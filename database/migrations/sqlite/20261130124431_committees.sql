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
-- create "new_decisions" table
CREATE TABLE `new_decisions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `question` text NOT NULL, `options` json NOT NULL, `status` text NOT NULL DEFAULT ('OPEN'), `outcome` text NOT NULL DEFAULT (''), `body` text NULL, `decided_on` datetime NULL, `decision_implementing_agency` text NULL, `meeting_decisions` text NULL, `strategy_decisions` text NULL, PRIMARY KEY (`id`), CONSTRAINT `decisions_agencies_implementing_agency` FOREIGN KEY (`decision_implementing_agency`) REFERENCES `agencies` (`id`) ON DELETE SET NULL, CONSTRAINT `decisions_meetings_decisions` FOREIGN KEY (`meeting_decisions`) REFERENCES `meetings` (`id`) ON DELETE RESTRICT, CONSTRAINT `decisions_strategies_decisions` FOREIGN KEY (`strategy_decisions`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT);
-- copy rows from old table "decisions" to new temporary table "new_decisions"
INSERT INTO `new_decisions` (`id`, `created_at`, `updated_at`, `revision`, `question`, `options`, `status`, `outcome`, `body`, `decided_on`, `decision_implementing_agency`, `strategy_decisions`) SELECT `id`, `created_at`, `updated_at`, `revision`, `question`, `options`, `status`, `outcome`, `body`, `decided_on`, `decision_implementing_agency`, `strategy_decisions` FROM `decisions`;
-- drop "decisions" table after copying rows
DROP TABLE `decisions`;
-- rename temporary table "new_decisions" to "decisions"
ALTER TABLE `new_decisions` RENAME TO `decisions`;
-- create index "decision_meeting_decisions" to table: "decisions"
CREATE INDEX `decision_meeting_decisions` ON `decisions` (`meeting_decisions`);
-- create index "decisions_decision_implementing_agency_id" to table: "decisions"
CREATE INDEX `decisions_decision_implementing_agency_id` ON `decisions` (`decision_implementing_agency`, `id`);
-- create index "decisions_strategy_decisions_id" to table: "decisions"
CREATE INDEX `decisions_strategy_decisions_id` ON `decisions` (`strategy_decisions`, `id`);
-- add column "status_before" to table: "progress_reports"
ALTER TABLE `progress_reports` ADD COLUMN `status_before` text NULL;
-- create "new_action_items" table
CREATE TABLE `new_action_items` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `code` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `priority` text NOT NULL DEFAULT ('MEDIUM'), `status` text NOT NULL DEFAULT ('NOT_STARTED'), `progress` integer NOT NULL DEFAULT (0), `last_reported_at` datetime NULL, `start_date` datetime NULL, `due_date` datetime NULL, `estimated_budget` integer NULL, `budget_currency` text NULL, `pilot` bool NOT NULL DEFAULT (false), `action_item_strategy` text NULL, `action_item_agreement` text NULL, `action_item_implements` text NULL, `action_item_lead_agency` text NOT NULL, `commitment_action_items` text NULL, `meeting_follow_ups` text NULL, `objective_action_items` text NULL, PRIMARY KEY (`id`), CONSTRAINT `action_items_strategies_strategy` FOREIGN KEY (`action_item_strategy`) REFERENCES `strategies` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_agreements_agreement` FOREIGN KEY (`action_item_agreement`) REFERENCES `agreements` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_commitments_implements` FOREIGN KEY (`action_item_implements`) REFERENCES `commitments` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_agencies_lead_agency` FOREIGN KEY (`action_item_lead_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `action_items_commitments_action_items` FOREIGN KEY (`commitment_action_items`) REFERENCES `commitments` (`id`) ON DELETE RESTRICT, CONSTRAINT `action_items_meetings_follow_ups` FOREIGN KEY (`meeting_follow_ups`) REFERENCES `meetings` (`id`) ON DELETE RESTRICT, CONSTRAINT `action_items_objectives_action_items` FOREIGN KEY (`objective_action_items`) REFERENCES `objectives` (`id`) ON DELETE RESTRICT);
-- copy rows from old table "action_items" to new temporary table "new_action_items"
INSERT INTO `new_action_items` (`id`, `created_at`, `updated_at`, `revision`, `search_text`, `code`, `title`, `description`, `priority`, `status`, `progress`, `last_reported_at`, `start_date`, `due_date`, `estimated_budget`, `budget_currency`, `pilot`, `action_item_strategy`, `action_item_agreement`, `action_item_implements`, `action_item_lead_agency`, `commitment_action_items`, `objective_action_items`) SELECT `id`, `created_at`, `updated_at`, `revision`, `search_text`, `code`, `title`, `description`, `priority`, `status`, `progress`, `last_reported_at`, `start_date`, `due_date`, `estimated_budget`, `budget_currency`, `pilot`, `action_item_strategy`, `action_item_agreement`, `action_item_implements`, `action_item_lead_agency`, `commitment_action_items`, `objective_action_items` FROM `action_items`;
-- drop "action_items" table after copying rows
DROP TABLE `action_items`;
-- rename temporary table "new_action_items" to "action_items"
ALTER TABLE `new_action_items` RENAME TO `action_items`;
-- create index "actionitem_code_action_item_strategy" to table: "action_items"
CREATE UNIQUE INDEX `actionitem_code_action_item_strategy` ON `action_items` (`code`, `action_item_strategy`);
-- create index "actionitem_code_action_item_agreement" to table: "action_items"
CREATE UNIQUE INDEX `actionitem_code_action_item_agreement` ON `action_items` (`code`, `action_item_agreement`);
-- create index "actionitem_meeting_follow_ups" to table: "action_items"
CREATE INDEX `actionitem_meeting_follow_ups` ON `action_items` (`meeting_follow_ups`);
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
-- create "new_agreements" table
CREATE TABLE `new_agreements` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `kind` text NOT NULL, `title` text NOT NULL, `reference` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `signed_on` datetime NULL, `signing_place` text NOT NULL DEFAULT (''), `entry_into_force_on` datetime NULL, `ends_on` datetime NULL, `duration_months` integer NULL, `tacit_renewal` bool NOT NULL DEFAULT (false), `status` text NOT NULL DEFAULT ('NEGOTIATION'), `reporting_cadence_days` integer NOT NULL DEFAULT (90), `confidential` bool NOT NULL DEFAULT (false), PRIMARY KEY (`id`));
-- copy rows from old table "agreements" to new temporary table "new_agreements"
INSERT INTO `new_agreements` (`id`, `created_at`, `updated_at`, `revision`, `search_text`, `kind`, `title`, `reference`, `summary`, `signed_on`, `signing_place`, `entry_into_force_on`, `ends_on`, `duration_months`, `tacit_renewal`, `status`, `confidential`) SELECT `id`, `created_at`, `updated_at`, `revision`, `search_text`, `kind`, `title`, `reference`, `summary`, `signed_on`, `signing_place`, `entry_into_force_on`, `ends_on`, `duration_months`, `tacit_renewal`, `status`, `confidential` FROM `agreements`;
-- drop "agreements" table after copying rows
DROP TABLE `agreements`;
-- rename temporary table "new_agreements" to "agreements"
ALTER TABLE `new_agreements` RENAME TO `agreements`;
-- create index "agreement_status" to table: "agreements"
CREATE INDEX `agreement_status` ON `agreements` (`status`);
-- create index "agreement_confidential" to table: "agreements"
CREATE INDEX `agreement_confidential` ON `agreements` (`confidential`);
-- create "committees" table
CREATE TABLE `committees` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `kind` text NOT NULL, `mandate` text NOT NULL DEFAULT (''), `meeting_every` integer NOT NULL DEFAULT (3), `meeting_every_unit` text NOT NULL DEFAULT ('MONTHS'), `agreement_committees` text NULL, `strategy_committees` text NULL, PRIMARY KEY (`id`), CONSTRAINT `committees_agreements_committees` FOREIGN KEY (`agreement_committees`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT, CONSTRAINT `committees_strategies_committees` FOREIGN KEY (`strategy_committees`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT);
-- create index "committee_agreement_committees" to table: "committees"
CREATE INDEX `committee_agreement_committees` ON `committees` (`agreement_committees`);
-- create index "committee_strategy_committees" to table: "committees"
CREATE INDEX `committee_strategy_committees` ON `committees` (`strategy_committees`);
-- create "committee_members" table
CREATE TABLE `committee_members` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `role` text NOT NULL DEFAULT ('MEMBER'), `committee_members` text NOT NULL, `committee_member_agency` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `committee_members_committees_members` FOREIGN KEY (`committee_members`) REFERENCES `committees` (`id`) ON DELETE RESTRICT, CONSTRAINT `committee_members_agencies_agency` FOREIGN KEY (`committee_member_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION);
-- create index "committeemember_committee_members_committee_member_agency" to table: "committee_members"
CREATE UNIQUE INDEX `committeemember_committee_members_committee_member_agency` ON `committee_members` (`committee_members`, `committee_member_agency`);
-- create index "committeemember_committee_member_agency" to table: "committee_members"
CREATE INDEX `committeemember_committee_member_agency` ON `committee_members` (`committee_member_agency`);
-- create "meetings" table
CREATE TABLE `meetings` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `scheduled_at` datetime NOT NULL, `place` text NOT NULL DEFAULT (''), `online` bool NOT NULL DEFAULT (false), `status` text NOT NULL DEFAULT ('SCHEDULED'), `agenda` text NOT NULL DEFAULT (''), `committee_meetings` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `meetings_committees_meetings` FOREIGN KEY (`committee_meetings`) REFERENCES `committees` (`id`) ON DELETE RESTRICT);
-- create index "meeting_scheduled_at_committee_meetings" to table: "meetings"
CREATE INDEX `meeting_scheduled_at_committee_meetings` ON `meetings` (`scheduled_at`, `committee_meetings`);
-- create index "meeting_committee_meetings" to table: "meetings"
CREATE INDEX `meeting_committee_meetings` ON `meetings` (`committee_meetings`);
-- create index "meeting_status" to table: "meetings"
CREATE INDEX `meeting_status` ON `meetings` (`status`);
-- create "meeting_transitions" table
CREATE TABLE `meeting_transitions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `from_status` text NOT NULL, `to_status` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `meeting_transitions` text NOT NULL, `meeting_transition_actor` text NULL, PRIMARY KEY (`id`), CONSTRAINT `meeting_transitions_meetings_transitions` FOREIGN KEY (`meeting_transitions`) REFERENCES `meetings` (`id`) ON DELETE RESTRICT, CONSTRAINT `meeting_transitions_accounts_actor` FOREIGN KEY (`meeting_transition_actor`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create index "meetingtransition_meeting_transitions" to table: "meeting_transitions"
CREATE INDEX `meetingtransition_meeting_transitions` ON `meeting_transitions` (`meeting_transitions`);
-- create index "meeting_transitions_meeting_transition_actor_id" to table: "meeting_transitions"
CREATE INDEX `meeting_transitions_meeting_transition_actor_id` ON `meeting_transitions` (`meeting_transition_actor`, `id`);
-- create "minutes" table
CREATE TABLE `minutes` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `number` integer NOT NULL, `text` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `approved_at` datetime NULL, `sha256` text NULL, `meeting_minutes` text NOT NULL, `minutes_approved_by` text NULL, PRIMARY KEY (`id`), CONSTRAINT `minutes_meetings_minutes` FOREIGN KEY (`meeting_minutes`) REFERENCES `meetings` (`id`) ON DELETE RESTRICT, CONSTRAINT `minutes_accounts_approved_by` FOREIGN KEY (`minutes_approved_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create index "minutes_number_meeting_minutes" to table: "minutes"
CREATE UNIQUE INDEX `minutes_number_meeting_minutes` ON `minutes` (`number`, `meeting_minutes`);
-- create index "minutes_meeting_minutes" to table: "minutes"
CREATE INDEX `minutes_meeting_minutes` ON `minutes` (`meeting_minutes`);
-- create index "minutes_minutes_approved_by_id" to table: "minutes"
CREATE INDEX `minutes_minutes_approved_by_id` ON `minutes` (`minutes_approved_by`, `id`);
-- create "meeting_attendees" table
CREATE TABLE `meeting_attendees` (`meeting_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`meeting_id`, `agency_id`), CONSTRAINT `meeting_attendees_meeting_id` FOREIGN KEY (`meeting_id`) REFERENCES `meetings` (`id`) ON DELETE CASCADE, CONSTRAINT `meeting_attendees_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);
-- create index "meeting_attendees_agency_id" to table: "meeting_attendees"
CREATE INDEX `meeting_attendees_agency_id` ON `meeting_attendees` (`agency_id`);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "meeting_attendees_agency_id" to table: "meeting_attendees"
DROP INDEX `meeting_attendees_agency_id`;
-- reverse: create "meeting_attendees" table
DROP TABLE `meeting_attendees`;
-- reverse: create index "minutes_minutes_approved_by_id" to table: "minutes"
DROP INDEX `minutes_minutes_approved_by_id`;
-- reverse: create index "minutes_meeting_minutes" to table: "minutes"
DROP INDEX `minutes_meeting_minutes`;
-- reverse: create index "minutes_number_meeting_minutes" to table: "minutes"
DROP INDEX `minutes_number_meeting_minutes`;
-- reverse: create "minutes" table
DROP TABLE `minutes`;
-- reverse: create index "meeting_transitions_meeting_transition_actor_id" to table: "meeting_transitions"
DROP INDEX `meeting_transitions_meeting_transition_actor_id`;
-- reverse: create index "meetingtransition_meeting_transitions" to table: "meeting_transitions"
DROP INDEX `meetingtransition_meeting_transitions`;
-- reverse: create "meeting_transitions" table
DROP TABLE `meeting_transitions`;
-- reverse: create index "meeting_status" to table: "meetings"
DROP INDEX `meeting_status`;
-- reverse: create index "meeting_committee_meetings" to table: "meetings"
DROP INDEX `meeting_committee_meetings`;
-- reverse: create index "meeting_scheduled_at_committee_meetings" to table: "meetings"
DROP INDEX `meeting_scheduled_at_committee_meetings`;
-- reverse: create "meetings" table
DROP TABLE `meetings`;
-- reverse: create index "committeemember_committee_member_agency" to table: "committee_members"
DROP INDEX `committeemember_committee_member_agency`;
-- reverse: create index "committeemember_committee_members_committee_member_agency" to table: "committee_members"
DROP INDEX `committeemember_committee_members_committee_member_agency`;
-- reverse: create "committee_members" table
DROP TABLE `committee_members`;
-- reverse: create index "committee_strategy_committees" to table: "committees"
DROP INDEX `committee_strategy_committees`;
-- reverse: create index "committee_agreement_committees" to table: "committees"
DROP INDEX `committee_agreement_committees`;
-- reverse: create "committees" table
DROP TABLE `committees`;
-- reverse: create index "agreement_confidential" to table: "agreements"
DROP INDEX `agreement_confidential`;
-- reverse: create index "agreement_status" to table: "agreements"
DROP INDEX `agreement_status`;
-- reverse: create "new_agreements" table
DROP TABLE `new_agreements`;
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
-- reverse: create index "actionitem_meeting_follow_ups" to table: "action_items"
DROP INDEX `actionitem_meeting_follow_ups`;
-- reverse: create index "actionitem_code_action_item_agreement" to table: "action_items"
DROP INDEX `actionitem_code_action_item_agreement`;
-- reverse: create index "actionitem_code_action_item_strategy" to table: "action_items"
DROP INDEX `actionitem_code_action_item_strategy`;
-- reverse: create "new_action_items" table
DROP TABLE `new_action_items`;
-- reverse: add column "status_before" to table: "progress_reports"
ALTER TABLE `progress_reports` DROP COLUMN `status_before`;
-- reverse: create index "decisions_strategy_decisions_id" to table: "decisions"
DROP INDEX `decisions_strategy_decisions_id`;
-- reverse: create index "decisions_decision_implementing_agency_id" to table: "decisions"
DROP INDEX `decisions_decision_implementing_agency_id`;
-- reverse: create index "decision_meeting_decisions" to table: "decisions"
DROP INDEX `decision_meeting_decisions`;
-- reverse: create "new_decisions" table
DROP TABLE `new_decisions`;
