-- +goose Up
-- the operator class of the trigram indexes below (database/migrategen/indexes.go)
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
-- create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
CREATE INDEX "action_items_action_item_lead_agency_status_due_date" ON "action_items" ("action_item_lead_agency", "status", "due_date");
-- create index "action_items_search_text_trgm" to table: "action_items"
CREATE INDEX "action_items_search_text_trgm" ON "action_items" USING gin ("search_text" gin_trgm_ops);
-- create index "actionitem_due_date_status" to table: "action_items"
CREATE INDEX "actionitem_due_date_status" ON "action_items" ("due_date", "status");
-- create index "actionitem_status_due_date" to table: "action_items"
CREATE INDEX "actionitem_status_due_date" ON "action_items" ("status", "due_date");
-- create index "objectives_search_text_trgm" to table: "objectives"
CREATE INDEX "objectives_search_text_trgm" ON "objectives" USING gin ("search_text" gin_trgm_ops);
-- create index "observations_consultation_observations_status" to table: "observations"
CREATE INDEX "observations_consultation_observations_status" ON "observations" ("consultation_observations", "status");
-- create index "observations_observation_agency_status" to table: "observations"
CREATE INDEX "observations_observation_agency_status" ON "observations" ("observation_agency", "status");
-- create index "strategies_search_text_trgm" to table: "strategies"
CREATE INDEX "strategies_search_text_trgm" ON "strategies" USING gin ("search_text" gin_trgm_ops);

-- +goose Down
-- reverse: create index "strategies_search_text_trgm" to table: "strategies"
DROP INDEX "strategies_search_text_trgm";
-- reverse: create index "observations_observation_agency_status" to table: "observations"
DROP INDEX "observations_observation_agency_status";
-- reverse: create index "observations_consultation_observations_status" to table: "observations"
DROP INDEX "observations_consultation_observations_status";
-- reverse: create index "objectives_search_text_trgm" to table: "objectives"
DROP INDEX "objectives_search_text_trgm";
-- reverse: create index "actionitem_status_due_date" to table: "action_items"
DROP INDEX "actionitem_status_due_date";
-- reverse: create index "actionitem_due_date_status" to table: "action_items"
DROP INDEX "actionitem_due_date_status";
-- reverse: create index "action_items_search_text_trgm" to table: "action_items"
DROP INDEX "action_items_search_text_trgm";
-- reverse: create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
DROP INDEX "action_items_action_item_lead_agency_status_due_date";
