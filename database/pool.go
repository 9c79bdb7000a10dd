package database

import (
	"database/sql"
	"time"

	"entgo.io/ent/dialect"
)

// DefaultConnections is the size of the connection pool of each store when
// the settings say nothing (PALABRE_DATABASE_CONNECTIONS).
var DefaultConnections = map[string]int{
	// In WAL mode readers run alongside the one writer; writers queue on
	// busy_timeout. Several connections matter: with one, a query on the
	// root client while a mutation's transaction holds it blocks until the
	// request times out. Connections to a local file cost nothing to keep.
	dialect.SQLite: 8,
	// Several instances share the server (100 connections by default): each
	// keeps a modest pool.
	dialect.Postgres: 20,
}

// configurePool sizes the connection pool for the dialect, with its default
// size (SizePool changes it).
func configurePool(db *sql.DB, dialectName string) {
	SizePool(db, DefaultConnections[dialectName])
	if dialectName == dialect.Postgres {
		// Recycled so that a failover or a restarted pooler is picked up.
		db.SetConnMaxLifetime(30 * time.Minute)
		db.SetConnMaxIdleTime(5 * time.Minute)
	}
}

// SizePool lets the pool hold n connections (0: leave it as it is), and keep
// every one of them open between requests: a pool that keeps fewer idle than
// the load uses closes connections after each burst and opens them again on
// the next (with 10 idle of 20, 16 concurrent clients made PostgreSQL open
// about 19 connections every 10 seconds). Idle ones still close after
// ConnMaxIdleTime.
func SizePool(db *sql.DB, n int) {
	if n <= 0 {
		return
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
}
