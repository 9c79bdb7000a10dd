-- +goose Up
-- create index "actionitem_status_due_date" to table: "action_items"
CREATE INDEX `actionitem_status_due_date` ON `action_items` (`status`, `due_date`);
-- create index "actionitem_due_date_status" to table: "action_items"
CREATE INDEX `actionitem_due_date_status` ON `action_items` (`due_date`, `status`);
-- create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
CREATE INDEX `action_items_action_item_lead_agency_status_due_date` ON `action_items` (`action_item_lead_agency`, `status`, `due_date`);
-- create index "observations_consultation_observations_status" to table: "observations"
CREATE INDEX `observations_consultation_observations_status` ON `observations` (`consultation_observations`, `status`);
-- create index "observations_observation_agency_status" to table: "observations"
CREATE INDEX `observations_observation_agency_status` ON `observations` (`observation_agency`, `status`);

-- +goose Down
-- reverse: create index "observations_observation_agency_status" to table: "observations"
DROP INDEX `observations_observation_agency_status`;
-- reverse: create index "observations_consultation_observations_status" to table: "observations"
DROP INDEX `observations_consultation_observations_status`;
-- reverse: create index "action_items_action_item_lead_agency_status_due_date" to table: "action_items"
DROP INDEX `action_items_action_item_lead_agency_status_due_date`;
-- reverse: create index "actionitem_due_date_status" to table: "action_items"
DROP INDEX `actionitem_due_date_status`;
-- reverse: create index "actionitem_status_due_date" to table: "action_items"
DROP INDEX `actionitem_status_due_date`;
