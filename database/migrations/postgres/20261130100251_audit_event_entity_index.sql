-- +goose Up
-- create index "auditevent_entity_type_entity_id_sequence" to table: "audit_events"
CREATE INDEX "auditevent_entity_type_entity_id_sequence" ON "audit_events" ("entity_type", "entity_id", "sequence");

-- +goose Down
-- reverse: create index "auditevent_entity_type_entity_id_sequence" to table: "audit_events"
DROP INDEX "auditevent_entity_type_entity_id_sequence";
