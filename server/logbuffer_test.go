package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/server"
)

// TestLogLinesGoOutWithinAFlushAndAllAtClose: a line written to the log
// buffer reaches the output within a flush interval without anything else
// happening, and every line written before Close is out when Close returns,
// whole and in order, and a line written after Close goes out at once.
func TestLogLinesGoOutWithinAFlushAndAllAtClose(t *testing.T) {
	t.Parallel()
	out := &syncBuffer{}
	logs := server.NewLogBuffer(out)
	logs.Write([]byte("first\n"))
	deadline := time.Now().Add(20 * server.LogFlushEvery)
	for !strings.Contains(out.String(), "first\n") {
		if time.Now().After(deadline) {
			t.Fatal("a line waited past many flush intervals")
		}
		time.Sleep(server.LogFlushEvery / 4)
	}
	var want strings.Builder
	want.WriteString("first\n")
	for i := range 5000 { // more than the buffer holds
		line := strings.Repeat("x", i%97) + "\n"
		logs.Write([]byte(line))
		want.WriteString(line)
	}
	if err := logs.Close(); err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("after Close: %d bytes out, want %d, in order", len(out.String()), want.Len())
	}
	if err := logs.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	logs.Write([]byte("late\n")) // a request that outlived the shutdown
	if !strings.HasSuffix(out.String(), "late\n") {
		t.Error("a line written after Close was kept, not written")
	}
}
