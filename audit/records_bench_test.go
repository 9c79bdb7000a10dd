package audit_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/demo"
	"github.com/palabre/palabre/ent"
)

// BenchmarkVerifyRecords compares a database holding the demo data and
// PALABRE_BENCH_RECORDS more measurements (10 000 unless told), with one
// action item per 20 of them, each with two supporting agencies, with the
// audit trail. peak-heap-MB is the largest heap seen while it runs: it stays
// flat as the database grows, the time grows with it.
func BenchmarkVerifyRecords(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PALABRE_BENCH_RECORDS")); err == nil && v > 0 {
		n = v
	}
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(b)
	if _, err := demo.Seed(ctx, client); err != nil {
		b.Fatal(err)
	}
	indicator := client.Indicator.Query().FirstX(ctx)
	objective := client.Objective.Query().FirstX(ctx)
	agencies := client.Agency.Query().Limit(3).AllX(ctx)
	for done := 0; done < n; done += 500 {
		tx, err := client.Tx(ctx)
		if err != nil {
			b.Fatal(err)
		}
		measurements := make([]*ent.MeasurementCreate, 0, 500)
		for i := done; i < min(done+500, n); i++ {
			measurements = append(measurements, tx.Measurement.Create().SetIndicatorID(indicator.ID).
				SetValue(float64(i)).SetMeasuredAt(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Minute)))
			if i%20 == 0 {
				err := tx.ActionItem.Create().SetObjectiveID(objective.ID).SetCode("B"+strconv.Itoa(i)).SetTitle("Action "+strconv.Itoa(i)).
					SetLeadAgencyID(agencies[0].ID).AddSupportingAgencyIDs(agencies[1].ID, agencies[2].ID).Exec(ctx)
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := tx.Measurement.CreateBulk(measurements...).Exec(ctx); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}

	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	runtime.GC()
	peak.Store(0)
	b.ResetTimer()
	for range b.N {
		checked, found, err := audit.VerifyRecords(ctx, client, 20)
		if err != nil || len(found) > 0 || checked < int64(n) {
			b.Fatalf("checked %d, found %v, error %v", checked, found, err)
		}
	}
	b.StopTimer()
	close(stop)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
