package database

import (
	"database/sql"
	"time"

	"entgo.io/ent/dialect"
)

// configurePool sizes the connection pool for the dialect.
func configurePool(db *sql.DB, dialectName string) {
	switch dialectName {
	case dialect.SQLite:
		// In WAL mode readers run alongside the one writer; writers queue on
		// busy_timeout. Several connections matter: with one, a query on the
		// root client while a mutation's transaction holds it blocks until the
		// request times out. Connections to a local file cost nothing to keep.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	case dialect.Postgres:
		// Several instances share the server (100 connections by default):
		// each keeps a modest pool, recycled so that a failover or a restarted
		// pooler is picked up.
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxLifetime(30 * time.Minute)
		db.SetConnMaxIdleTime(5 * time.Minute)
	}
}
