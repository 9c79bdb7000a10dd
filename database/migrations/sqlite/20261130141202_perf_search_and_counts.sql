-- +goose Up
-- create the trigram index of "action_items" (database/migrategen)
CREATE VIRTUAL TABLE `action_items_search` USING fts5(`search_text`, content='action_items', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER `action_items_search_insert` AFTER INSERT ON `action_items` BEGIN
  INSERT INTO `action_items_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `action_items_search_delete` AFTER DELETE ON `action_items` BEGIN
  INSERT INTO `action_items_search` (`action_items_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `action_items_search_update` AFTER UPDATE OF `search_text` ON `action_items` BEGIN
  INSERT INTO `action_items_search` (`action_items_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
  INSERT INTO `action_items_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
INSERT INTO `action_items_search` (`action_items_search`) VALUES ('rebuild');
-- create the trigram index of "agreements" (database/migrategen)
CREATE VIRTUAL TABLE `agreements_search` USING fts5(`search_text`, content='agreements', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER `agreements_search_insert` AFTER INSERT ON `agreements` BEGIN
  INSERT INTO `agreements_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `agreements_search_delete` AFTER DELETE ON `agreements` BEGIN
  INSERT INTO `agreements_search` (`agreements_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `agreements_search_update` AFTER UPDATE OF `search_text` ON `agreements` BEGIN
  INSERT INTO `agreements_search` (`agreements_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
  INSERT INTO `agreements_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
INSERT INTO `agreements_search` (`agreements_search`) VALUES ('rebuild');
-- create the trigram index of "commitments" (database/migrategen)
CREATE VIRTUAL TABLE `commitments_search` USING fts5(`search_text`, content='commitments', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER `commitments_search_insert` AFTER INSERT ON `commitments` BEGIN
  INSERT INTO `commitments_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `commitments_search_delete` AFTER DELETE ON `commitments` BEGIN
  INSERT INTO `commitments_search` (`commitments_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `commitments_search_update` AFTER UPDATE OF `search_text` ON `commitments` BEGIN
  INSERT INTO `commitments_search` (`commitments_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
  INSERT INTO `commitments_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
INSERT INTO `commitments_search` (`commitments_search`) VALUES ('rebuild');
-- create the trigram index of "objectives" (database/migrategen)
CREATE VIRTUAL TABLE `objectives_search` USING fts5(`search_text`, content='objectives', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER `objectives_search_insert` AFTER INSERT ON `objectives` BEGIN
  INSERT INTO `objectives_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `objectives_search_delete` AFTER DELETE ON `objectives` BEGIN
  INSERT INTO `objectives_search` (`objectives_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `objectives_search_update` AFTER UPDATE OF `search_text` ON `objectives` BEGIN
  INSERT INTO `objectives_search` (`objectives_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
  INSERT INTO `objectives_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
INSERT INTO `objectives_search` (`objectives_search`) VALUES ('rebuild');
-- create the trigram index of "strategies" (database/migrategen)
CREATE VIRTUAL TABLE `strategies_search` USING fts5(`search_text`, content='strategies', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER `strategies_search_insert` AFTER INSERT ON `strategies` BEGIN
  INSERT INTO `strategies_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `strategies_search_delete` AFTER DELETE ON `strategies` BEGIN
  INSERT INTO `strategies_search` (`strategies_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `strategies_search_update` AFTER UPDATE OF `search_text` ON `strategies` BEGIN
  INSERT INTO `strategies_search` (`strategies_search`, rowid, `search_text`) VALUES ('delete', old.rowid, old.`search_text`);
  INSERT INTO `strategies_search` (rowid, `search_text`) VALUES (new.rowid, new.`search_text`);
END;
-- +goose StatementEnd
INSERT INTO `strategies_search` (`strategies_search`) VALUES ('rebuild');
-- the counter of observations (database/migrategen/counts.go)
CREATE TABLE `observation_counts` (`consultation_observations` text NOT NULL, `status` text NOT NULL, `observation_agency` text NOT NULL, `n` integer NOT NULL, PRIMARY KEY (`consultation_observations`, `status`, `observation_agency`));
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_insert` AFTER INSERT ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_delete` AFTER DELETE ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n - 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_update` AFTER UPDATE OF consultation_observations, status, observation_agency ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n - 1;
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
INSERT INTO observation_counts (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY 1, 2, 3;

-- +goose Down
DROP TRIGGER IF EXISTS `observation_counts_insert`;
DROP TRIGGER IF EXISTS `observation_counts_delete`;
DROP TRIGGER IF EXISTS `observation_counts_update`;
DROP TABLE `observation_counts`;
DROP TRIGGER IF EXISTS `strategies_search_insert`;
DROP TRIGGER IF EXISTS `strategies_search_delete`;
DROP TRIGGER IF EXISTS `strategies_search_update`;
DROP TABLE `strategies_search`;
DROP TRIGGER IF EXISTS `objectives_search_insert`;
DROP TRIGGER IF EXISTS `objectives_search_delete`;
DROP TRIGGER IF EXISTS `objectives_search_update`;
DROP TABLE `objectives_search`;
DROP TRIGGER IF EXISTS `commitments_search_insert`;
DROP TRIGGER IF EXISTS `commitments_search_delete`;
DROP TRIGGER IF EXISTS `commitments_search_update`;
DROP TABLE `commitments_search`;
DROP TRIGGER IF EXISTS `agreements_search_insert`;
DROP TRIGGER IF EXISTS `agreements_search_delete`;
DROP TRIGGER IF EXISTS `agreements_search_update`;
DROP TABLE `agreements_search`;
DROP TRIGGER IF EXISTS `action_items_search_insert`;
DROP TRIGGER IF EXISTS `action_items_search_delete`;
DROP TRIGGER IF EXISTS `action_items_search_update`;
DROP TABLE `action_items_search`;
