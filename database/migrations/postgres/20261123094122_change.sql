-- +goose Up
-- modify "agencies" table
ALTER TABLE "agencies" DROP COLUMN "consultation_invited_agencies";
-- create "consultation_invited_agencies" table
CREATE TABLE "consultation_invited_agencies" ("consultation_id" character varying NOT NULL, "agency_id" character varying NOT NULL, PRIMARY KEY ("consultation_id", "agency_id"), CONSTRAINT "consultation_invited_agencies_agency_id" FOREIGN KEY ("agency_id") REFERENCES "agencies" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "consultation_invited_agencies_consultation_id" FOREIGN KEY ("consultation_id") REFERENCES "consultations" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);

-- +goose Down
-- reverse: create "consultation_invited_agencies" table
DROP TABLE "consultation_invited_agencies";
-- reverse: modify "agencies" table
ALTER TABLE "agencies" ADD COLUMN "consultation_invited_agencies" character varying NULL;
