// Package database opens Palabre's store and migrates it.
//
// The store is embedded SQLite (modernc.org/sqlite, no cgo) by default, a file
// created on first use, and PostgreSQL (github.com/lib/pq) when the URL says
// postgres://. Both are reached through the same ent client, with privacy rules
// and hooks active.
//
// The schema is changed only by the versioned migrations under migrations/, one
// directory per dialect, written by `go run ./database/migrategen` from the ent
// schema and applied by Migrate. Opening never migrates: start-up and the
// `palabre migrate` command each call Migrate explicitly.
package database
