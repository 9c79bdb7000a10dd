-- +goose Up
-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `label` text NOT NULL DEFAULT (''), `hash` text NOT NULL, `expires_at` datetime NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `account_tokens` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_tokens_accounts_tokens` FOREIGN KEY (`account_tokens`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION);
-- create index "api_tokens_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_hash_key` ON `api_tokens` (`hash`);
-- create "accounts" table
CREATE TABLE `accounts` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `email` text NOT NULL, `role` text NOT NULL, `disabled` bool NOT NULL DEFAULT (false), `agency_accounts` text NULL, PRIMARY KEY (`id`), CONSTRAINT `accounts_agencies_accounts` FOREIGN KEY (`agency_accounts`) REFERENCES `agencies` (`id`) ON DELETE SET NULL);
-- create index "accounts_email_key" to table: "accounts"
CREATE UNIQUE INDEX `accounts_email_key` ON `accounts` (`email`);
-- create index "account_role" to table: "accounts"
CREATE INDEX `account_role` ON `accounts` (`role`);
-- create "action_items" table
CREATE TABLE `action_items` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `code` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `priority` text NOT NULL DEFAULT ('MEDIUM'), `status` text NOT NULL DEFAULT ('NOT_STARTED'), `progress` integer NOT NULL DEFAULT (0), `start_date` datetime NULL, `due_date` datetime NULL, `estimated_budget` integer NULL, `budget_currency` text NULL, `action_item_strategy` text NOT NULL, `action_item_lead_agency` text NOT NULL, `objective_action_items` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `action_items_strategies_strategy` FOREIGN KEY (`action_item_strategy`) REFERENCES `strategies` (`id`) ON DELETE NO ACTION, CONSTRAINT `action_items_agencies_lead_agency` FOREIGN KEY (`action_item_lead_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `action_items_objectives_action_items` FOREIGN KEY (`objective_action_items`) REFERENCES `objectives` (`id`) ON DELETE RESTRICT);
-- create index "actionitem_code_action_item_strategy" to table: "action_items"
CREATE UNIQUE INDEX `actionitem_code_action_item_strategy` ON `action_items` (`code`, `action_item_strategy`);
-- create index "actionitem_status" to table: "action_items"
CREATE INDEX `actionitem_status` ON `action_items` (`status`);
-- create index "actionitem_priority" to table: "action_items"
CREATE INDEX `actionitem_priority` ON `action_items` (`priority`);
-- create index "actionitem_due_date" to table: "action_items"
CREATE INDEX `actionitem_due_date` ON `action_items` (`due_date`);
-- create "agencies" table
CREATE TABLE `agencies` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `acronym` text NOT NULL, `kind` text NOT NULL, `country` text NOT NULL, `agency_children` text NULL, PRIMARY KEY (`id`), CONSTRAINT `agencies_agencies_children` FOREIGN KEY (`agency_children`) REFERENCES `agencies` (`id`) ON DELETE SET NULL);
-- create index "agencies_acronym_key" to table: "agencies"
CREATE UNIQUE INDEX `agencies_acronym_key` ON `agencies` (`acronym`);
-- create index "agency_kind" to table: "agencies"
CREATE INDEX `agency_kind` ON `agencies` (`kind`);
-- create index "agency_country" to table: "agencies"
CREATE INDEX `agency_country` ON `agencies` (`country`);
-- create "audit_events" table
CREATE TABLE `audit_events` (`id` text NOT NULL, `sequence` integer NOT NULL, `at` datetime NOT NULL, `actor_id` text NOT NULL DEFAULT (''), `operation` text NOT NULL, `entity_type` text NOT NULL, `entity_id` text NOT NULL, `changes` text NOT NULL, `previous_hash` text NOT NULL, `hash` text NOT NULL, PRIMARY KEY (`id`));
-- create index "audit_events_sequence_key" to table: "audit_events"
CREATE UNIQUE INDEX `audit_events_sequence_key` ON `audit_events` (`sequence`);
-- create index "auditevent_entity_id" to table: "audit_events"
CREATE INDEX `auditevent_entity_id` ON `audit_events` (`entity_id`);
-- create index "auditevent_actor_id" to table: "audit_events"
CREATE INDEX `auditevent_actor_id` ON `audit_events` (`actor_id`);
-- create "audit_heads" table
CREATE TABLE `audit_heads` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `sequence` integer NOT NULL DEFAULT (0), `hash` text NOT NULL DEFAULT (''));
-- create "consultations" table
CREATE TABLE `consultations` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `title` text NOT NULL, `kind` text NOT NULL, `place` text NOT NULL DEFAULT (''), `opens_at` datetime NOT NULL, `closes_at` datetime NOT NULL, `consolidated_at` datetime NULL, `consultation_version` text NOT NULL, `strategy_consultations` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `consultations_strategy_versions_version` FOREIGN KEY (`consultation_version`) REFERENCES `strategy_versions` (`id`) ON DELETE NO ACTION, CONSTRAINT `consultations_strategies_consultations` FOREIGN KEY (`strategy_consultations`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT);
-- create index "consultation_opens_at" to table: "consultations"
CREATE INDEX `consultation_opens_at` ON `consultations` (`opens_at`);
-- create index "consultation_closes_at" to table: "consultations"
CREATE INDEX `consultation_closes_at` ON `consultations` (`closes_at`);
-- create "decisions" table
CREATE TABLE `decisions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `question` text NOT NULL, `options` json NOT NULL, `status` text NOT NULL DEFAULT ('OPEN'), `outcome` text NOT NULL DEFAULT (''), `body` text NULL, `decided_on` datetime NULL, `decision_implementing_agency` text NULL, `strategy_decisions` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `decisions_agencies_implementing_agency` FOREIGN KEY (`decision_implementing_agency`) REFERENCES `agencies` (`id`) ON DELETE SET NULL, CONSTRAINT `decisions_strategies_decisions` FOREIGN KEY (`strategy_decisions`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT);
-- create "decision_positions" table
CREATE TABLE `decision_positions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `option` text NOT NULL DEFAULT (''), `statement` text NOT NULL DEFAULT (''), `decision_positions` text NOT NULL, `decision_position_agency` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `decision_positions_decisions_positions` FOREIGN KEY (`decision_positions`) REFERENCES `decisions` (`id`) ON DELETE CASCADE, CONSTRAINT `decision_positions_agencies_agency` FOREIGN KEY (`decision_position_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION);
-- create index "decisionposition_decision_positions_decision_position_agency" to table: "decision_positions"
CREATE UNIQUE INDEX `decisionposition_decision_positions_decision_position_agency` ON `decision_positions` (`decision_positions`, `decision_position_agency`);
-- create "indicators" table
CREATE TABLE `indicators` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `unit` text NOT NULL DEFAULT (''), `baseline` real NULL, `target` real NULL, `target_date` datetime NULL, `action_item_indicators` text NULL, `objective_indicators` text NULL, PRIMARY KEY (`id`), CONSTRAINT `indicators_action_items_indicators` FOREIGN KEY (`action_item_indicators`) REFERENCES `action_items` (`id`) ON DELETE RESTRICT, CONSTRAINT `indicators_objectives_indicators` FOREIGN KEY (`objective_indicators`) REFERENCES `objectives` (`id`) ON DELETE RESTRICT);
-- create "measurements" table
CREATE TABLE `measurements` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `value` real NOT NULL, `measured_at` datetime NOT NULL, `note` text NOT NULL DEFAULT (''), `indicator_measurements` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `measurements_indicators_measurements` FOREIGN KEY (`indicator_measurements`) REFERENCES `indicators` (`id`) ON DELETE CASCADE);
-- create "objectives" table
CREATE TABLE `objectives` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `code` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `pillar` text NOT NULL, `position` integer NOT NULL DEFAULT (0), `objective_children` text NULL, `strategy_objectives` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `objectives_objectives_children` FOREIGN KEY (`objective_children`) REFERENCES `objectives` (`id`) ON DELETE RESTRICT, CONSTRAINT `objectives_strategies_objectives` FOREIGN KEY (`strategy_objectives`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT);
-- create index "objective_code_strategy_objectives" to table: "objectives"
CREATE UNIQUE INDEX `objective_code_strategy_objectives` ON `objectives` (`code`, `strategy_objectives`);
-- create index "objective_pillar" to table: "objectives"
CREATE INDEX `objective_pillar` ON `objectives` (`pillar`);
-- create "observations" table
CREATE TABLE `observations` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `target_kind` text NOT NULL, `target_id` text NULL, `target_code` text NOT NULL DEFAULT (''), `target_title` text NOT NULL DEFAULT (''), `kind` text NOT NULL, `body` text NOT NULL, `proposed_text` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('DRAFT'), `idempotency_key` text NULL, `submitted_at` datetime NULL, `response` text NOT NULL DEFAULT (''), `responded_at` datetime NULL, `consultation_observations` text NOT NULL, `observation_agency` text NOT NULL, `observation_author` text NULL, `observation_responded_by` text NULL, `observation_taken_into` text NULL, PRIMARY KEY (`id`), CONSTRAINT `observations_consultations_observations` FOREIGN KEY (`consultation_observations`) REFERENCES `consultations` (`id`) ON DELETE RESTRICT, CONSTRAINT `observations_agencies_agency` FOREIGN KEY (`observation_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `observations_accounts_author` FOREIGN KEY (`observation_author`) REFERENCES `accounts` (`id`) ON DELETE SET NULL, CONSTRAINT `observations_accounts_responded_by` FOREIGN KEY (`observation_responded_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL, CONSTRAINT `observations_strategy_versions_taken_into` FOREIGN KEY (`observation_taken_into`) REFERENCES `strategy_versions` (`id`) ON DELETE SET NULL);
-- create index "observation_idempotency_key_observation_agency" to table: "observations"
CREATE UNIQUE INDEX `observation_idempotency_key_observation_agency` ON `observations` (`idempotency_key`, `observation_agency`);
-- create index "observation_status" to table: "observations"
CREATE INDEX `observation_status` ON `observations` (`status`);
-- create "strategies" table
CREATE TABLE `strategies` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `revision` integer NOT NULL DEFAULT (1), `search_text` text NOT NULL DEFAULT (''), `title` text NOT NULL, `country` text NOT NULL, `start_year` integer NOT NULL, `end_year` integer NOT NULL, `summary` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('DRAFTING'), `adoption_reference` text NOT NULL DEFAULT (''), `adopted_on` datetime NULL, `strategy_owner_agency` text NOT NULL, `strategy_implementing_agency` text NULL, PRIMARY KEY (`id`), CONSTRAINT `strategies_agencies_owner_agency` FOREIGN KEY (`strategy_owner_agency`) REFERENCES `agencies` (`id`) ON DELETE NO ACTION, CONSTRAINT `strategies_agencies_implementing_agency` FOREIGN KEY (`strategy_implementing_agency`) REFERENCES `agencies` (`id`) ON DELETE SET NULL);
-- create index "strategy_status" to table: "strategies"
CREATE INDEX `strategy_status` ON `strategies` (`status`);
-- create index "strategy_country" to table: "strategies"
CREATE INDEX `strategy_country` ON `strategies` (`country`);
-- create "strategy_transitions" table
CREATE TABLE `strategy_transitions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `from_status` text NOT NULL, `to_status` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `strategy_transitions` text NOT NULL, `strategy_transition_actor` text NULL, PRIMARY KEY (`id`), CONSTRAINT `strategy_transitions_strategies_transitions` FOREIGN KEY (`strategy_transitions`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT, CONSTRAINT `strategy_transitions_accounts_actor` FOREIGN KEY (`strategy_transition_actor`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create "strategy_versions" table
CREATE TABLE `strategy_versions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `number` integer NOT NULL, `label` text NOT NULL, `changelog` text NOT NULL DEFAULT (''), `content` text NOT NULL, `sha256` text NOT NULL, `strategy_versions` text NOT NULL, `strategy_adopted_version` text NULL, `strategy_version_published_by` text NULL, PRIMARY KEY (`id`), CONSTRAINT `strategy_versions_strategies_versions` FOREIGN KEY (`strategy_versions`) REFERENCES `strategies` (`id`) ON DELETE RESTRICT, CONSTRAINT `strategy_versions_strategies_adopted_version` FOREIGN KEY (`strategy_adopted_version`) REFERENCES `strategies` (`id`) ON DELETE SET NULL, CONSTRAINT `strategy_versions_accounts_published_by` FOREIGN KEY (`strategy_version_published_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL);
-- create index "strategy_versions_strategy_adopted_version_key" to table: "strategy_versions"
CREATE UNIQUE INDEX `strategy_versions_strategy_adopted_version_key` ON `strategy_versions` (`strategy_adopted_version`);
-- create index "strategyversion_number_strategy_versions" to table: "strategy_versions"
CREATE UNIQUE INDEX `strategyversion_number_strategy_versions` ON `strategy_versions` (`number`, `strategy_versions`);
-- create "action_item_supporting_agencies" table
CREATE TABLE `action_item_supporting_agencies` (`action_item_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`action_item_id`, `agency_id`), CONSTRAINT `action_item_supporting_agencies_action_item_id` FOREIGN KEY (`action_item_id`) REFERENCES `action_items` (`id`) ON DELETE CASCADE, CONSTRAINT `action_item_supporting_agencies_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);
-- create "action_item_funding_partners" table
CREATE TABLE `action_item_funding_partners` (`action_item_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`action_item_id`, `agency_id`), CONSTRAINT `action_item_funding_partners_action_item_id` FOREIGN KEY (`action_item_id`) REFERENCES `action_items` (`id`) ON DELETE CASCADE, CONSTRAINT `action_item_funding_partners_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);
-- create "action_item_depends_on" table
CREATE TABLE `action_item_depends_on` (`action_item_id` text NOT NULL, `dependent_id` text NOT NULL, PRIMARY KEY (`action_item_id`, `dependent_id`), CONSTRAINT `action_item_depends_on_action_item_id` FOREIGN KEY (`action_item_id`) REFERENCES `action_items` (`id`) ON DELETE CASCADE, CONSTRAINT `action_item_depends_on_dependent_id` FOREIGN KEY (`dependent_id`) REFERENCES `action_items` (`id`) ON DELETE CASCADE);
-- create "consultation_invited_agencies" table
CREATE TABLE `consultation_invited_agencies` (`consultation_id` text NOT NULL, `agency_id` text NOT NULL, PRIMARY KEY (`consultation_id`, `agency_id`), CONSTRAINT `consultation_invited_agencies_consultation_id` FOREIGN KEY (`consultation_id`) REFERENCES `consultations` (`id`) ON DELETE CASCADE, CONSTRAINT `consultation_invited_agencies_agency_id` FOREIGN KEY (`agency_id`) REFERENCES `agencies` (`id`) ON DELETE CASCADE);

-- +goose Down
-- reverse: create "consultation_invited_agencies" table
DROP TABLE `consultation_invited_agencies`;
-- reverse: create "action_item_depends_on" table
DROP TABLE `action_item_depends_on`;
-- reverse: create "action_item_funding_partners" table
DROP TABLE `action_item_funding_partners`;
-- reverse: create "action_item_supporting_agencies" table
DROP TABLE `action_item_supporting_agencies`;
-- reverse: create index "strategyversion_number_strategy_versions" to table: "strategy_versions"
DROP INDEX `strategyversion_number_strategy_versions`;
-- reverse: create index "strategy_versions_strategy_adopted_version_key" to table: "strategy_versions"
DROP INDEX `strategy_versions_strategy_adopted_version_key`;
-- reverse: create "strategy_versions" table
DROP TABLE `strategy_versions`;
-- reverse: create "strategy_transitions" table
DROP TABLE `strategy_transitions`;
-- reverse: create index "strategy_country" to table: "strategies"
DROP INDEX `strategy_country`;
-- reverse: create index "strategy_status" to table: "strategies"
DROP INDEX `strategy_status`;
-- reverse: create "strategies" table
DROP TABLE `strategies`;
-- reverse: create index "observation_status" to table: "observations"
DROP INDEX `observation_status`;
-- reverse: create index "observation_idempotency_key_observation_agency" to table: "observations"
DROP INDEX `observation_idempotency_key_observation_agency`;
-- reverse: create "observations" table
DROP TABLE `observations`;
-- reverse: create index "objective_pillar" to table: "objectives"
DROP INDEX `objective_pillar`;
-- reverse: create index "objective_code_strategy_objectives" to table: "objectives"
DROP INDEX `objective_code_strategy_objectives`;
-- reverse: create "objectives" table
DROP TABLE `objectives`;
-- reverse: create "measurements" table
DROP TABLE `measurements`;
-- reverse: create "indicators" table
DROP TABLE `indicators`;
-- reverse: create index "decisionposition_decision_positions_decision_position_agency" to table: "decision_positions"
DROP INDEX `decisionposition_decision_positions_decision_position_agency`;
-- reverse: create "decision_positions" table
DROP TABLE `decision_positions`;
-- reverse: create "decisions" table
DROP TABLE `decisions`;
-- reverse: create index "consultation_closes_at" to table: "consultations"
DROP INDEX `consultation_closes_at`;
-- reverse: create index "consultation_opens_at" to table: "consultations"
DROP INDEX `consultation_opens_at`;
-- reverse: create "consultations" table
DROP TABLE `consultations`;
-- reverse: create "audit_heads" table
DROP TABLE `audit_heads`;
-- reverse: create index "auditevent_actor_id" to table: "audit_events"
DROP INDEX `auditevent_actor_id`;
-- reverse: create index "auditevent_entity_id" to table: "audit_events"
DROP INDEX `auditevent_entity_id`;
-- reverse: create index "audit_events_sequence_key" to table: "audit_events"
DROP INDEX `audit_events_sequence_key`;
-- reverse: create "audit_events" table
DROP TABLE `audit_events`;
-- reverse: create index "agency_country" to table: "agencies"
DROP INDEX `agency_country`;
-- reverse: create index "agency_kind" to table: "agencies"
DROP INDEX `agency_kind`;
-- reverse: create index "agencies_acronym_key" to table: "agencies"
DROP INDEX `agencies_acronym_key`;
-- reverse: create "agencies" table
DROP TABLE `agencies`;
-- reverse: create index "actionitem_due_date" to table: "action_items"
DROP INDEX `actionitem_due_date`;
-- reverse: create index "actionitem_priority" to table: "action_items"
DROP INDEX `actionitem_priority`;
-- reverse: create index "actionitem_status" to table: "action_items"
DROP INDEX `actionitem_status`;
-- reverse: create index "actionitem_code_action_item_strategy" to table: "action_items"
DROP INDEX `actionitem_code_action_item_strategy`;
-- reverse: create "action_items" table
DROP TABLE `action_items`;
-- reverse: create index "account_role" to table: "accounts"
DROP INDEX `account_role`;
-- reverse: create index "accounts_email_key" to table: "accounts"
DROP INDEX `accounts_email_key`;
-- reverse: create "accounts" table
DROP TABLE `accounts`;
-- reverse: create index "api_tokens_hash_key" to table: "api_tokens"
DROP INDEX `api_tokens_hash_key`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;
