-- +goose Up
-- the operator class of the trigram indexes below (database/migrategen/indexes.go)
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
-- create "agreements" table
CREATE TABLE "agreements" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "search_text" text NOT NULL DEFAULT '', "kind" character varying NOT NULL, "title" character varying NOT NULL, "reference" character varying NOT NULL DEFAULT '', "summary" character varying NOT NULL DEFAULT '', "signed_on" timestamptz NULL, "signing_place" character varying NOT NULL DEFAULT '', "entry_into_force_on" timestamptz NULL, "ends_on" timestamptz NULL, "duration_months" bigint NULL, "tacit_renewal" boolean NOT NULL DEFAULT false, "status" character varying NOT NULL DEFAULT 'NEGOTIATION', "confidential" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- create index "agreement_confidential" to table: "agreements"
CREATE INDEX "agreement_confidential" ON "agreements" ("confidential");
-- create index "agreement_status" to table: "agreements"
CREATE INDEX "agreement_status" ON "agreements" ("status");
-- create index "agreements_search_text_trgm" to table: "agreements"
CREATE INDEX "agreements_search_text_trgm" ON "agreements" USING gin ("search_text" gin_trgm_ops);
-- create "commitments" table
CREATE TABLE "commitments" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "search_text" text NOT NULL DEFAULT '', "code" character varying NOT NULL, "title" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "kind" character varying NOT NULL DEFAULT 'OTHER', "due_date" timestamptz NULL, "position" bigint NOT NULL DEFAULT 0, "agreement_commitments" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "commitments_agreements_commitments" FOREIGN KEY ("agreement_commitments") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "commitment_code_agreement_commitments" to table: "commitments"
CREATE UNIQUE INDEX "commitment_code_agreement_commitments" ON "commitments" ("code", "agreement_commitments");
-- create index "commitments_agreement_commitments_id" to table: "commitments"
CREATE INDEX "commitments_agreement_commitments_id" ON "commitments" ("agreement_commitments", "id");
-- create index "commitments_search_text_trgm" to table: "commitments"
CREATE INDEX "commitments_search_text_trgm" ON "commitments" USING gin ("search_text" gin_trgm_ops);
-- modify "action_items" table
ALTER TABLE "action_items" DROP CONSTRAINT "action_items_strategies_strategy", ALTER COLUMN "action_item_strategy" DROP NOT NULL, ALTER COLUMN "objective_action_items" DROP NOT NULL, ADD COLUMN "pilot" boolean NOT NULL DEFAULT false, ADD COLUMN "action_item_agreement" character varying NULL, ADD COLUMN "action_item_implements" character varying NULL, ADD COLUMN "commitment_action_items" character varying NULL, ADD CONSTRAINT "action_items_strategies_strategy" FOREIGN KEY ("action_item_strategy") REFERENCES "strategies" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "action_items_agreements_agreement" FOREIGN KEY ("action_item_agreement") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "action_items_commitments_action_items" FOREIGN KEY ("commitment_action_items") REFERENCES "commitments" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT, ADD CONSTRAINT "action_items_commitments_implements" FOREIGN KEY ("action_item_implements") REFERENCES "commitments" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- create index "action_items_action_item_agreement_id" to table: "action_items"
CREATE INDEX "action_items_action_item_agreement_id" ON "action_items" ("action_item_agreement", "id");
-- create index "action_items_action_item_implements_id" to table: "action_items"
CREATE INDEX "action_items_action_item_implements_id" ON "action_items" ("action_item_implements", "id");
-- create index "action_items_commitment_action_items_id" to table: "action_items"
CREATE INDEX "action_items_commitment_action_items_id" ON "action_items" ("commitment_action_items", "id");
-- create index "actionitem_code_action_item_agreement" to table: "action_items"
CREATE UNIQUE INDEX "actionitem_code_action_item_agreement" ON "action_items" ("code", "action_item_agreement");
-- create "domains" table
CREATE TABLE "domains" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "name" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- create index "domains_name_key" to table: "domains"
CREATE UNIQUE INDEX "domains_name_key" ON "domains" ("name");
-- create "agreement_domains" table
CREATE TABLE "agreement_domains" ("agreement_id" character varying NOT NULL, "domain_id" character varying NOT NULL, PRIMARY KEY ("agreement_id", "domain_id"), CONSTRAINT "agreement_domains_agreement_id" FOREIGN KEY ("agreement_id") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "agreement_domains_domain_id" FOREIGN KEY ("domain_id") REFERENCES "domains" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- create index "agreement_domains_domain_id" to table: "agreement_domains"
CREATE INDEX "agreement_domains_domain_id" ON "agreement_domains" ("domain_id");
-- create "agreement_parties" table
CREATE TABLE "agreement_parties" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "role" character varying NOT NULL, "signatory_name" character varying NOT NULL DEFAULT '', "signatory_title" character varying NOT NULL DEFAULT '', "agreement_parties" character varying NOT NULL, "agreement_party_agency" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "agreement_parties_agencies_agency" FOREIGN KEY ("agreement_party_agency") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "agreement_parties_agreements_parties" FOREIGN KEY ("agreement_parties") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "agreement_parties_agreement_party_agency_id" to table: "agreement_parties"
CREATE INDEX "agreement_parties_agreement_party_agency_id" ON "agreement_parties" ("agreement_party_agency", "id");
-- create index "agreementparty_agreement_parties_agreement_party_agency" to table: "agreement_parties"
CREATE UNIQUE INDEX "agreementparty_agreement_parties_agreement_party_agency" ON "agreement_parties" ("agreement_parties", "agreement_party_agency");
-- create "agreement_transitions" table
CREATE TABLE "agreement_transitions" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "from_status" character varying NOT NULL, "to_status" character varying NOT NULL, "comment" character varying NOT NULL DEFAULT '', "agreement_transitions" character varying NOT NULL, "agreement_transition_actor" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "agreement_transitions_accounts_actor" FOREIGN KEY ("agreement_transition_actor") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "agreement_transitions_agreements_transitions" FOREIGN KEY ("agreement_transitions") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "agreement_transitions_agreement_transition_actor_id" to table: "agreement_transitions"
CREATE INDEX "agreement_transitions_agreement_transition_actor_id" ON "agreement_transitions" ("agreement_transition_actor", "id");
-- create index "agreement_transitions_agreement_transitions_id" to table: "agreement_transitions"
CREATE INDEX "agreement_transitions_agreement_transitions_id" ON "agreement_transitions" ("agreement_transitions", "id");
-- create "commitment_responsible_parties" table
CREATE TABLE "commitment_responsible_parties" ("commitment_id" character varying NOT NULL, "agency_id" character varying NOT NULL, PRIMARY KEY ("commitment_id", "agency_id"), CONSTRAINT "commitment_responsible_parties_agency_id" FOREIGN KEY ("agency_id") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "commitment_responsible_parties_commitment_id" FOREIGN KEY ("commitment_id") REFERENCES "commitments" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- create index "commitment_responsible_parties_agency_id" to table: "commitment_responsible_parties"
CREATE INDEX "commitment_responsible_parties_agency_id" ON "commitment_responsible_parties" ("agency_id");

-- +goose Down
-- reverse: create index "commitment_responsible_parties_agency_id" to table: "commitment_responsible_parties"
DROP INDEX "commitment_responsible_parties_agency_id";
-- reverse: create "commitment_responsible_parties" table
DROP TABLE "commitment_responsible_parties";
-- reverse: create index "agreement_transitions_agreement_transitions_id" to table: "agreement_transitions"
DROP INDEX "agreement_transitions_agreement_transitions_id";
-- reverse: create index "agreement_transitions_agreement_transition_actor_id" to table: "agreement_transitions"
DROP INDEX "agreement_transitions_agreement_transition_actor_id";
-- reverse: create "agreement_transitions" table
DROP TABLE "agreement_transitions";
-- reverse: create index "agreementparty_agreement_parties_agreement_party_agency" to table: "agreement_parties"
DROP INDEX "agreementparty_agreement_parties_agreement_party_agency";
-- reverse: create index "agreement_parties_agreement_party_agency_id" to table: "agreement_parties"
DROP INDEX "agreement_parties_agreement_party_agency_id";
-- reverse: create "agreement_parties" table
DROP TABLE "agreement_parties";
-- reverse: create index "agreement_domains_domain_id" to table: "agreement_domains"
DROP INDEX "agreement_domains_domain_id";
-- reverse: create "agreement_domains" table
DROP TABLE "agreement_domains";
-- reverse: create index "domains_name_key" to table: "domains"
DROP INDEX "domains_name_key";
-- reverse: create "domains" table
DROP TABLE "domains";
-- reverse: create index "actionitem_code_action_item_agreement" to table: "action_items"
DROP INDEX "actionitem_code_action_item_agreement";
-- reverse: create index "action_items_commitment_action_items_id" to table: "action_items"
DROP INDEX "action_items_commitment_action_items_id";
-- reverse: create index "action_items_action_item_implements_id" to table: "action_items"
DROP INDEX "action_items_action_item_implements_id";
-- reverse: create index "action_items_action_item_agreement_id" to table: "action_items"
DROP INDEX "action_items_action_item_agreement_id";
-- reverse: modify "action_items" table
ALTER TABLE "action_items" DROP CONSTRAINT "action_items_commitments_implements", DROP CONSTRAINT "action_items_commitments_action_items", DROP CONSTRAINT "action_items_agreements_agreement", DROP CONSTRAINT "action_items_strategies_strategy", DROP COLUMN "commitment_action_items", DROP COLUMN "action_item_implements", DROP COLUMN "action_item_agreement", DROP COLUMN "pilot", ALTER COLUMN "objective_action_items" SET NOT NULL, ALTER COLUMN "action_item_strategy" SET NOT NULL, ADD CONSTRAINT "action_items_strategies_strategy" FOREIGN KEY ("action_item_strategy") REFERENCES "strategies" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- reverse: create index "commitments_search_text_trgm" to table: "commitments"
DROP INDEX "commitments_search_text_trgm";
-- reverse: create index "commitments_agreement_commitments_id" to table: "commitments"
DROP INDEX "commitments_agreement_commitments_id";
-- reverse: create index "commitment_code_agreement_commitments" to table: "commitments"
DROP INDEX "commitment_code_agreement_commitments";
-- reverse: create "commitments" table
DROP TABLE "commitments";
-- reverse: create index "agreements_search_text_trgm" to table: "agreements"
DROP INDEX "agreements_search_text_trgm";
-- reverse: create index "agreement_status" to table: "agreements"
DROP INDEX "agreement_status";
-- reverse: create index "agreement_confidential" to table: "agreements"
DROP INDEX "agreement_confidential";
-- reverse: create "agreements" table
DROP TABLE "agreements";
