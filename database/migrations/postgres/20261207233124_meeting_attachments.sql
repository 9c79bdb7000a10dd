-- +goose Up
-- modify "attachments" table
ALTER TABLE "attachments" ADD COLUMN "meeting_attachments" character varying NULL, ADD CONSTRAINT "attachments_meetings_attachments" FOREIGN KEY ("meeting_attachments") REFERENCES "meetings" ("id") ON UPDATE NO ACTION ON DELETE RESTRICT;
-- create index "attachment_meeting_attachments" to table: "attachments"
CREATE INDEX "attachment_meeting_attachments" ON "attachments" ("meeting_attachments");

-- +goose Down
-- reverse: create index "attachment_meeting_attachments" to table: "attachments"
DROP INDEX "attachment_meeting_attachments";
-- reverse: modify "attachments" table
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_meetings_attachments", DROP COLUMN "meeting_attachments";
