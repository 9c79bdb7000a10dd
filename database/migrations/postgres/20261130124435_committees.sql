-- +goose Up
-- modify "agreements" table
ALTER TABLE "agreements" ADD COLUMN "reporting_cadence_days" bigint NOT NULL DEFAULT 90;
-- modify "progress_reports" table
ALTER TABLE "progress_reports" ADD COLUMN "status_before" character varying NULL;
-- create "committees" table
CREATE TABLE "committees" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "name" character varying NOT NULL, "kind" character varying NOT NULL, "mandate" character varying NOT NULL DEFAULT '', "meeting_every" bigint NOT NULL DEFAULT 3, "meeting_every_unit" character varying NOT NULL DEFAULT 'MONTHS', "agreement_committees" character varying NULL, "strategy_committees" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "committees_agreements_committees" FOREIGN KEY ("agreement_committees") REFERENCES "agreements" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT, CONSTRAINT "committees_strategies_committees" FOREIGN KEY ("strategy_committees") REFERENCES "strategies" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "committee_agreement_committees" to table: "committees"
CREATE INDEX "committee_agreement_committees" ON "committees" ("agreement_committees");
-- create index "committee_strategy_committees" to table: "committees"
CREATE INDEX "committee_strategy_committees" ON "committees" ("strategy_committees");
-- create "meetings" table
CREATE TABLE "meetings" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "scheduled_at" timestamptz NOT NULL, "place" character varying NOT NULL DEFAULT '', "online" boolean NOT NULL DEFAULT false, "status" character varying NOT NULL DEFAULT 'SCHEDULED', "agenda" character varying NOT NULL DEFAULT '', "committee_meetings" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "meetings_committees_meetings" FOREIGN KEY ("committee_meetings") REFERENCES "committees" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "meeting_committee_meetings" to table: "meetings"
CREATE INDEX "meeting_committee_meetings" ON "meetings" ("committee_meetings");
-- create index "meeting_scheduled_at_committee_meetings" to table: "meetings"
CREATE INDEX "meeting_scheduled_at_committee_meetings" ON "meetings" ("scheduled_at", "committee_meetings");
-- create index "meeting_status" to table: "meetings"
CREATE INDEX "meeting_status" ON "meetings" ("status");
-- modify "action_items" table
ALTER TABLE "action_items" ADD COLUMN "meeting_follow_ups" character varying NULL, ADD CONSTRAINT "action_items_meetings_follow_ups" FOREIGN KEY ("meeting_follow_ups") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT;
-- create index "actionitem_meeting_follow_ups" to table: "action_items"
CREATE INDEX "actionitem_meeting_follow_ups" ON "action_items" ("meeting_follow_ups");
-- create "committee_members" table
CREATE TABLE "committee_members" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "role" character varying NOT NULL DEFAULT 'MEMBER', "committee_members" character varying NOT NULL, "committee_member_agency" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "committee_members_agencies_agency" FOREIGN KEY ("committee_member_agency") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "committee_members_committees_members" FOREIGN KEY ("committee_members") REFERENCES "committees" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "committeemember_committee_member_agency" to table: "committee_members"
CREATE INDEX "committeemember_committee_member_agency" ON "committee_members" ("committee_member_agency");
-- create index "committeemember_committee_members_committee_member_agency" to table: "committee_members"
CREATE UNIQUE INDEX "committeemember_committee_members_committee_member_agency" ON "committee_members" ("committee_members", "committee_member_agency");
-- modify "decisions" table
ALTER TABLE "decisions" ALTER COLUMN "strategy_decisions" DROP NOT NULL, ADD COLUMN "meeting_decisions" character varying NULL, ADD CONSTRAINT "decisions_meetings_decisions" FOREIGN KEY ("meeting_decisions") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT;
-- create index "decision_meeting_decisions" to table: "decisions"
CREATE INDEX "decision_meeting_decisions" ON "decisions" ("meeting_decisions");
-- create "meeting_attendees" table
CREATE TABLE "meeting_attendees" ("meeting_id" character varying NOT NULL, "agency_id" character varying NOT NULL, PRIMARY KEY ("meeting_id", "agency_id"), CONSTRAINT "meeting_attendees_agency_id" FOREIGN KEY ("agency_id") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "meeting_attendees_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- create index "meeting_attendees_agency_id" to table: "meeting_attendees"
CREATE INDEX "meeting_attendees_agency_id" ON "meeting_attendees" ("agency_id");
-- create "meeting_transitions" table
CREATE TABLE "meeting_transitions" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "from_status" character varying NOT NULL, "to_status" character varying NOT NULL, "comment" character varying NOT NULL DEFAULT '', "meeting_transitions" character varying NOT NULL, "meeting_transition_actor" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "meeting_transitions_accounts_actor" FOREIGN KEY ("meeting_transition_actor") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "meeting_transitions_meetings_transitions" FOREIGN KEY ("meeting_transitions") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "meeting_transitions_meeting_transition_actor_id" to table: "meeting_transitions"
CREATE INDEX "meeting_transitions_meeting_transition_actor_id" ON "meeting_transitions" ("meeting_transition_actor", "id");
-- create index "meetingtransition_meeting_transitions" to table: "meeting_transitions"
CREATE INDEX "meetingtransition_meeting_transitions" ON "meeting_transitions" ("meeting_transitions");
-- create "minutes" table
CREATE TABLE "minutes" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "revision" bigint NOT NULL DEFAULT 1, "number" bigint NOT NULL, "text" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'DRAFT', "approved_at" timestamptz NULL, "sha256" character varying NULL, "meeting_minutes" character varying NOT NULL, "minutes_approved_by" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "minutes_accounts_approved_by" FOREIGN KEY ("minutes_approved_by") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "minutes_meetings_minutes" FOREIGN KEY ("meeting_minutes") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT);
-- create index "minutes_meeting_minutes" to table: "minutes"
CREATE INDEX "minutes_meeting_minutes" ON "minutes" ("meeting_minutes");
-- create index "minutes_minutes_approved_by_id" to table: "minutes"
CREATE INDEX "minutes_minutes_approved_by_id" ON "minutes" ("minutes_approved_by", "id");
-- create index "minutes_number_meeting_minutes" to table: "minutes"
CREATE UNIQUE INDEX "minutes_number_meeting_minutes" ON "minutes" ("number", "meeting_minutes");

-- +goose Down
-- reverse: create index "minutes_number_meeting_minutes" to table: "minutes"
DROP INDEX "minutes_number_meeting_minutes";
-- reverse: create index "minutes_minutes_approved_by_id" to table: "minutes"
DROP INDEX "minutes_minutes_approved_by_id";
-- reverse: create index "minutes_meeting_minutes" to table: "minutes"
DROP INDEX "minutes_meeting_minutes";
-- reverse: create "minutes" table
DROP TABLE "minutes";
-- reverse: create index "meetingtransition_meeting_transitions" to table: "meeting_transitions"
DROP INDEX "meetingtransition_meeting_transitions";
-- reverse: create index "meeting_transitions_meeting_transition_actor_id" to table: "meeting_transitions"
DROP INDEX "meeting_transitions_meeting_transition_actor_id";
-- reverse: create "meeting_transitions" table
DROP TABLE "meeting_transitions";
-- reverse: create index "meeting_attendees_agency_id" to table: "meeting_attendees"
DROP INDEX "meeting_attendees_agency_id";
-- reverse: create "meeting_attendees" table
DROP TABLE "meeting_attendees";
-- reverse: create index "decision_meeting_decisions" to table: "decisions"
DROP INDEX "decision_meeting_decisions";
-- reverse: modify "decisions" table
ALTER TABLE "decisions" DROP CONSTRAINT "decisions_meetings_decisions", DROP COLUMN "meeting_decisions", ALTER COLUMN "strategy_decisions" SET NOT NULL;
-- reverse: create index "committeemember_committee_members_committee_member_agency" to table: "committee_members"
DROP INDEX "committeemember_committee_members_committee_member_agency";
-- reverse: create index "committeemember_committee_member_agency" to table: "committee_members"
DROP INDEX "committeemember_committee_member_agency";
-- reverse: create "committee_members" table
DROP TABLE "committee_members";
-- reverse: create index "actionitem_meeting_follow_ups" to table: "action_items"
DROP INDEX "actionitem_meeting_follow_ups";
-- reverse: modify "action_items" table
ALTER TABLE "action_items" DROP CONSTRAINT "action_items_meetings_follow_ups", DROP COLUMN "meeting_follow_ups";
-- reverse: create index "meeting_status" to table: "meetings"
DROP INDEX "meeting_status";
-- reverse: create index "meeting_scheduled_at_committee_meetings" to table: "meetings"
DROP INDEX "meeting_scheduled_at_committee_meetings";
-- reverse: create index "meeting_committee_meetings" to table: "meetings"
DROP INDEX "meeting_committee_meetings";
-- reverse: create "meetings" table
DROP TABLE "meetings";
-- reverse: create index "committee_strategy_committees" to table: "committees"
DROP INDEX "committee_strategy_committees";
-- reverse: create index "committee_agreement_committees" to table: "committees"
DROP INDEX "committee_agreement_committees";
-- reverse: create "committees" table
DROP TABLE "committees";
-- reverse: modify "progress_reports" table
ALTER TABLE "progress_reports" DROP COLUMN "status_before";
-- reverse: modify "agreements" table
ALTER TABLE "agreements" DROP COLUMN "reporting_cadence_days";
