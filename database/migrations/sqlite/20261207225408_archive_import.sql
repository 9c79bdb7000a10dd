-- +goose Up
-- create "archive_imports" table
CREATE TABLE `archive_imports` (`id` text NOT NULL, `package` text NOT NULL, `bag_info` text NOT NULL, `first_sequence` integer NOT NULL, `last_sequence` integer NOT NULL, `events` integer NOT NULL, `head` text NOT NULL, `segment_sha256` text NOT NULL, `imported_at` datetime NOT NULL, PRIMARY KEY (`id`));

-- +goose Down
-- reverse: create "archive_imports" table
DROP TABLE `archive_imports`;
