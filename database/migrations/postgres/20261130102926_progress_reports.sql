-- +goose Up
-- modify "strategies" table
ALTER TABLE "strategies" ADD COLUMN "reporting_cadence_days" bigint NOT NULL DEFAULT 90;
-- modify "action_items" table
ALTER TABLE "action_items" ADD COLUMN "last_reported_at" timestamptz NULL;
-- create "progress_reports" table
CREATE TABLE "progress_reports" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "as_of" timestamptz NOT NULL, "progress" bigint NOT NULL, "status" character varying NOT NULL, "narrative" character varying NOT NULL, "difficulties" character varying NOT NULL DEFAULT '', "next_steps" character varying NOT NULL DEFAULT '', "idempotency_key" character varying NULL, "action_item_progress_reports" character varying NOT NULL, "progress_report_agency" character varying NOT NULL, "progress_report_author" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "progress_reports_accounts_author" FOREIGN KEY ("progress_report_author") REFERENCES "accounts" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "progress_reports_action_items_progress_reports" FOREIGN KEY ("action_item_progress_reports") REFERENCES "action_items" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT, CONSTRAINT "progress_reports_agencies_agency" FOREIGN KEY ("progress_report_agency") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- create index "progress_reports_progress_report_author_id" to table: "progress_reports"
CREATE INDEX "progress_reports_progress_report_author_id" ON "progress_reports" ("progress_report_author", "id");
-- create index "progressreport_action_item_progress_reports" to table: "progress_reports"
CREATE INDEX "progressreport_action_item_progress_reports" ON "progress_reports" ("action_item_progress_reports");
-- create index "progressreport_as_of_action_item_progress_reports" to table: "progress_reports"
CREATE INDEX "progressreport_as_of_action_item_progress_reports" ON "progress_reports" ("as_of", "action_item_progress_reports");
-- create index "progressreport_idempotency_key_progress_report_agency" to table: "progress_reports"
CREATE UNIQUE INDEX "progressreport_idempotency_key_progress_report_agency" ON "progress_reports" ("idempotency_key", "progress_report_agency");
-- create index "progressreport_progress_report_agency" to table: "progress_reports"
CREATE INDEX "progressreport_progress_report_agency" ON "progress_reports" ("progress_report_agency");
-- modify "measurements" table
ALTER TABLE "measurements" ADD COLUMN "progress_report_measurements" character varying NULL, ADD CONSTRAINT "measurements_progress_reports_measurements" FOREIGN KEY ("progress_report_measurements") REFERENCES "progress_reports" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- create index "measurements_progress_report_measurements_id" to table: "measurements"
CREATE INDEX "measurements_progress_report_measurements_id" ON "measurements" ("progress_report_measurements", "id");

-- +goose Down
-- reverse: create index "measurements_progress_report_measurements_id" to table: "measurements"
DROP INDEX "measurements_progress_report_measurements_id";
-- reverse: modify "measurements" table
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_progress_reports_measurements", DROP COLUMN "progress_report_measurements";
-- reverse: create index "progressreport_progress_report_agency" to table: "progress_reports"
DROP INDEX "progressreport_progress_report_agency";
-- reverse: create index "progressreport_idempotency_key_progress_report_agency" to table: "progress_reports"
DROP INDEX "progressreport_idempotency_key_progress_report_agency";
-- reverse: create index "progressreport_as_of_action_item_progress_reports" to table: "progress_reports"
DROP INDEX "progressreport_as_of_action_item_progress_reports";
-- reverse: create index "progressreport_action_item_progress_reports" to table: "progress_reports"
DROP INDEX "progressreport_action_item_progress_reports";
-- reverse: create index "progress_reports_progress_report_author_id" to table: "progress_reports"
DROP INDEX "progress_reports_progress_report_author_id";
-- reverse: create "progress_reports" table
DROP TABLE "progress_reports";
-- reverse: modify "action_items" table
ALTER TABLE "action_items" DROP COLUMN "last_reported_at";
-- reverse: modify "strategies" table
ALTER TABLE "strategies" DROP COLUMN "reporting_cadence_days";
