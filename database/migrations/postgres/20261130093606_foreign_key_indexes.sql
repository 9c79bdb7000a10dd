-- +goose Up
-- create index "accounts_agency_accounts_id" to table: "accounts"
CREATE INDEX "accounts_agency_accounts_id" ON "accounts" ("agency_accounts", "id");
-- create index "action_item_depends_on_dependent_id" to table: "action_item_depends_on"
CREATE INDEX "action_item_depends_on_dependent_id" ON "action_item_depends_on" ("dependent_id");
-- create index "action_item_funding_partners_agency_id" to table: "action_item_funding_partners"
CREATE INDEX "action_item_funding_partners_agency_id" ON "action_item_funding_partners" ("agency_id");
-- create index "action_item_supporting_agencies_agency_id" to table: "action_item_supporting_agencies"
CREATE INDEX "action_item_supporting_agencies_agency_id" ON "action_item_supporting_agencies" ("agency_id");
-- create index "action_items_action_item_lead_agency_id" to table: "action_items"
CREATE INDEX "action_items_action_item_lead_agency_id" ON "action_items" ("action_item_lead_agency", "id");
-- create index "action_items_action_item_strategy_id" to table: "action_items"
CREATE INDEX "action_items_action_item_strategy_id" ON "action_items" ("action_item_strategy", "id");
-- create index "action_items_objective_action_items_id" to table: "action_items"
CREATE INDEX "action_items_objective_action_items_id" ON "action_items" ("objective_action_items", "id");
-- create index "agencies_agency_children_id" to table: "agencies"
CREATE INDEX "agencies_agency_children_id" ON "agencies" ("agency_children", "id");
-- create index "api_tokens_account_tokens_id" to table: "api_tokens"
CREATE INDEX "api_tokens_account_tokens_id" ON "api_tokens" ("account_tokens", "id");
-- create index "consultation_invited_agencies_agency_id" to table: "consultation_invited_agencies"
CREATE INDEX "consultation_invited_agencies_agency_id" ON "consultation_invited_agencies" ("agency_id");
-- create index "consultations_consultation_version_id" to table: "consultations"
CREATE INDEX "consultations_consultation_version_id" ON "consultations" ("consultation_version", "id");
-- create index "consultations_strategy_consultations_id" to table: "consultations"
CREATE INDEX "consultations_strategy_consultations_id" ON "consultations" ("strategy_consultations", "id");
-- create index "decision_positions_decision_position_agency_id" to table: "decision_positions"
CREATE INDEX "decision_positions_decision_position_agency_id" ON "decision_positions" ("decision_position_agency", "id");
-- create index "decisions_decision_implementing_agency_id" to table: "decisions"
CREATE INDEX "decisions_decision_implementing_agency_id" ON "decisions" ("decision_implementing_agency", "id");
-- create index "decisions_strategy_decisions_id" to table: "decisions"
CREATE INDEX "decisions_strategy_decisions_id" ON "decisions" ("strategy_decisions", "id");
-- create index "indicators_action_item_indicators_id" to table: "indicators"
CREATE INDEX "indicators_action_item_indicators_id" ON "indicators" ("action_item_indicators", "id");
-- create index "indicators_objective_indicators_id" to table: "indicators"
CREATE INDEX "indicators_objective_indicators_id" ON "indicators" ("objective_indicators", "id");
-- create index "measurements_indicator_measurements_id" to table: "measurements"
CREATE INDEX "measurements_indicator_measurements_id" ON "measurements" ("indicator_measurements", "id");
-- create index "objectives_objective_children_id" to table: "objectives"
CREATE INDEX "objectives_objective_children_id" ON "objectives" ("objective_children", "id");
-- create index "objectives_strategy_objectives_id" to table: "objectives"
CREATE INDEX "objectives_strategy_objectives_id" ON "objectives" ("strategy_objectives", "id");
-- create index "observations_consultation_observations_id" to table: "observations"
CREATE INDEX "observations_consultation_observations_id" ON "observations" ("consultation_observations", "id");
-- create index "observations_observation_agency_id" to table: "observations"
CREATE INDEX "observations_observation_agency_id" ON "observations" ("observation_agency", "id");
-- create index "observations_observation_author_id" to table: "observations"
CREATE INDEX "observations_observation_author_id" ON "observations" ("observation_author", "id");
-- create index "observations_observation_responded_by_id" to table: "observations"
CREATE INDEX "observations_observation_responded_by_id" ON "observations" ("observation_responded_by", "id");
-- create index "observations_observation_taken_into_id" to table: "observations"
CREATE INDEX "observations_observation_taken_into_id" ON "observations" ("observation_taken_into", "id");
-- create index "strategies_strategy_implementing_agency_id" to table: "strategies"
CREATE INDEX "strategies_strategy_implementing_agency_id" ON "strategies" ("strategy_implementing_agency", "id");
-- create index "strategies_strategy_owner_agency_id" to table: "strategies"
CREATE INDEX "strategies_strategy_owner_agency_id" ON "strategies" ("strategy_owner_agency", "id");
-- create index "strategy_transitions_strategy_transition_actor_id" to table: "strategy_transitions"
CREATE INDEX "strategy_transitions_strategy_transition_actor_id" ON "strategy_transitions" ("strategy_transition_actor", "id");
-- create index "strategy_transitions_strategy_transitions_id" to table: "strategy_transitions"
CREATE INDEX "strategy_transitions_strategy_transitions_id" ON "strategy_transitions" ("strategy_transitions", "id");
-- create index "strategy_versions_strategy_adopted_version_id" to table: "strategy_versions"
CREATE INDEX "strategy_versions_strategy_adopted_version_id" ON "strategy_versions" ("strategy_adopted_version", "id");
-- create index "strategy_versions_strategy_version_published_by_id" to table: "strategy_versions"
CREATE INDEX "strategy_versions_strategy_version_published_by_id" ON "strategy_versions" ("strategy_version_published_by", "id");
-- create index "strategy_versions_strategy_versions_id" to table: "strategy_versions"
CREATE INDEX "strategy_versions_strategy_versions_id" ON "strategy_versions" ("strategy_versions", "id");

-- +goose Down
-- reverse: create index "strategy_versions_strategy_versions_id" to table: "strategy_versions"
DROP INDEX "strategy_versions_strategy_versions_id";
-- reverse: create index "strategy_versions_strategy_version_published_by_id" to table: "strategy_versions"
DROP INDEX "strategy_versions_strategy_version_published_by_id";
-- reverse: create index "strategy_versions_strategy_adopted_version_id" to table: "strategy_versions"
DROP INDEX "strategy_versions_strategy_adopted_version_id";
-- reverse: create index "strategy_transitions_strategy_transitions_id" to table: "strategy_transitions"
DROP INDEX "strategy_transitions_strategy_transitions_id";
-- reverse: create index "strategy_transitions_strategy_transition_actor_id" to table: "strategy_transitions"
DROP INDEX "strategy_transitions_strategy_transition_actor_id";
-- reverse: create index "strategies_strategy_owner_agency_id" to table: "strategies"
DROP INDEX "strategies_strategy_owner_agency_id";
-- reverse: create index "strategies_strategy_implementing_agency_id" to table: "strategies"
DROP INDEX "strategies_strategy_implementing_agency_id";
-- reverse: create index "observations_observation_taken_into_id" to table: "observations"
DROP INDEX "observations_observation_taken_into_id";
-- reverse: create index "observations_observation_responded_by_id" to table: "observations"
DROP INDEX "observations_observation_responded_by_id";
-- reverse: create index "observations_observation_author_id" to table: "observations"
DROP INDEX "observations_observation_author_id";
-- reverse: create index "observations_observation_agency_id" to table: "observations"
DROP INDEX "observations_observation_agency_id";
-- reverse: create index "observations_consultation_observations_id" to table: "observations"
DROP INDEX "observations_consultation_observations_id";
-- reverse: create index "objectives_strategy_objectives_id" to table: "objectives"
DROP INDEX "objectives_strategy_objectives_id";
-- reverse: create index "objectives_objective_children_id" to table: "objectives"
DROP INDEX "objectives_objective_children_id";
-- reverse: create index "measurements_indicator_measurements_id" to table: "measurements"
DROP INDEX "measurements_indicator_measurements_id";
-- reverse: create index "indicators_objective_indicators_id" to table: "indicators"
DROP INDEX "indicators_objective_indicators_id";
-- reverse: create index "indicators_action_item_indicators_id" to table: "indicators"
DROP INDEX "indicators_action_item_indicators_id";
-- reverse: create index "decisions_strategy_decisions_id" to table: "decisions"
DROP INDEX "decisions_strategy_decisions_id";
-- reverse: create index "decisions_decision_implementing_agency_id" to table: "decisions"
DROP INDEX "decisions_decision_implementing_agency_id";
-- reverse: create index "decision_positions_decision_position_agency_id" to table: "decision_positions"
DROP INDEX "decision_positions_decision_position_agency_id";
-- reverse: create index "consultations_strategy_consultations_id" to table: "consultations"
DROP INDEX "consultations_strategy_consultations_id";
-- reverse: create index "consultations_consultation_version_id" to table: "consultations"
DROP INDEX "consultations_consultation_version_id";
-- reverse: create index "consultation_invited_agencies_agency_id" to table: "consultation_invited_agencies"
DROP INDEX "consultation_invited_agencies_agency_id";
-- reverse: create index "api_tokens_account_tokens_id" to table: "api_tokens"
DROP INDEX "api_tokens_account_tokens_id";
-- reverse: create index "agencies_agency_children_id" to table: "agencies"
DROP INDEX "agencies_agency_children_id";
-- reverse: create index "action_items_objective_action_items_id" to table: "action_items"
DROP INDEX "action_items_objective_action_items_id";
-- reverse: create index "action_items_action_item_strategy_id" to table: "action_items"
DROP INDEX "action_items_action_item_strategy_id";
-- reverse: create index "action_items_action_item_lead_agency_id" to table: "action_items"
DROP INDEX "action_items_action_item_lead_agency_id";
-- reverse: create index "action_item_supporting_agencies_agency_id" to table: "action_item_supporting_agencies"
DROP INDEX "action_item_supporting_agencies_agency_id";
-- reverse: create index "action_item_funding_partners_agency_id" to table: "action_item_funding_partners"
DROP INDEX "action_item_funding_partners_agency_id";
-- reverse: create index "action_item_depends_on_dependent_id" to table: "action_item_depends_on"
DROP INDEX "action_item_depends_on_dependent_id";
-- reverse: create index "accounts_agency_accounts_id" to table: "accounts"
DROP INDEX "accounts_agency_accounts_id";
