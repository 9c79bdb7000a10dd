-- +goose Up
-- create "attachments" table
CREATE TABLE `attachments` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `agreement_attachments` text NULL, `attachment_uploaded_by` text NULL, `observation_attachments` text NULL, `strategy_version_attachments` text NULL, PRIMARY KEY (`id`), CONSTRAINT `attachments_agreements_attachments` FOREIGN KEY (`agreement_attachments`) REFERENCES `agreements` (`id`) ON DELETE RESTRICT, CONSTRAINT `attachments_accounts_uploaded_by` FOREIGN KEY (`attachment_uploaded_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL, CONSTRAINT `attachments_observations_attachments` FOREIGN KEY (`observation_attachments`) REFERENCES `observations` (`id`) ON DELETE RESTRICT, CONSTRAINT `attachments_strategy_versions_attachments` FOREIGN KEY (`strategy_version_attachments`) REFERENCES `strategy_versions` (`id`) ON DELETE RESTRICT);
-- create index "attachment_strategy_version_attachments" to table: "attachments"
CREATE INDEX `attachment_strategy_version_attachments` ON `attachments` (`strategy_version_attachments`);
-- create index "attachment_observation_attachments" to table: "attachments"
CREATE INDEX `attachment_observation_attachments` ON `attachments` (`observation_attachments`);
-- create index "attachment_agreement_attachments" to table: "attachments"
CREATE INDEX `attachment_agreement_attachments` ON `attachments` (`agreement_attachments`);
-- create index "attachment_sha256" to table: "attachments"
CREATE INDEX `attachment_sha256` ON `attachments` (`sha256`);
-- create index "attachments_attachment_uploaded_by_id" to table: "attachments"
CREATE INDEX `attachments_attachment_uploaded_by_id` ON `attachments` (`attachment_uploaded_by`, `id`);

-- +goose Down
-- reverse: create index "attachments_attachment_uploaded_by_id" to table: "attachments"
DROP INDEX `attachments_attachment_uploaded_by_id`;
-- reverse: create index "attachment_sha256" to table: "attachments"
DROP INDEX `attachment_sha256`;
-- reverse: create index "attachment_agreement_attachments" to table: "attachments"
DROP INDEX `attachment_agreement_attachments`;
-- reverse: create index "attachment_observation_attachments" to table: "attachments"
DROP INDEX `attachment_observation_attachments`;
-- reverse: create index "attachment_strategy_version_attachments" to table: "attachments"
DROP INDEX `attachment_strategy_version_attachments`;
-- reverse: create "attachments" table
DROP TABLE `attachments`;
