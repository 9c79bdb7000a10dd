package database_test

import (
	"context"
	"testing"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
)

// TestThePoolKeepsItsConnectionsBetweenBursts: once a burst of requests has
// used every connection of the pool, the pool keeps them all for the next
// burst instead of closing some and opening them again (with 10 idle of 20,
// 16 concurrent clients made PostgreSQL open ~19 connections every 10 s).
// PALABRE_DATABASE_CONNECTIONS (database.SizePool) resizes it alike.
func TestThePoolKeepsItsConnectionsBetweenBursts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, size := range []int{0, 5} { // 0: the store's default
		db, dialectName, err := database.OpenDB(ctx, dbtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		database.SizePool(db, size)
		want := size
		if size == 0 {
			want = database.DefaultConnections[dialectName]
		}
		if got := db.Stats().MaxOpenConnections; got != want {
			t.Errorf("size %d: the pool holds at most %d connections, want %d", size, got, want)
		}
		burst := func() {
			held := make([]interface{ Close() error }, 0, want)
			for range want {
				conn, err := db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := conn.PingContext(ctx); err != nil {
					t.Fatal(err)
				}
				held = append(held, conn)
			}
			for _, c := range held {
				c.Close()
			}
		}
		burst()
		burst()
		stats := db.Stats()
		if stats.MaxIdleClosed != 0 || stats.Idle != want {
			t.Errorf("size %d: after two bursts of %d, %d connections were closed for want of idle room and %d stay open, want 0 and %d",
				size, want, stats.MaxIdleClosed, stats.Idle, want)
		}
	}
}
