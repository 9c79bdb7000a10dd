package server

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// LogBuffer gathers the process's log lines and writes them in batches: when
// 64 KiB have gathered, every LogFlushEvery, and at Close. One write to the
// terminal or pipe per request (the request log) cost a small request about
// a sixth of its CPU. A crash loses at most the last LogFlushEvery of lines;
// a shutdown loses none.
type LogBuffer struct {
	mu   sync.Mutex
	w    *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

// LogFlushEvery is the longest a log line waits in a LogBuffer.
const LogFlushEvery = 100 * time.Millisecond

// NewLogBuffer starts a buffer in front of w; Close it to write the rest.
func NewLogBuffer(w io.Writer) *LogBuffer {
	b := &LogBuffer{w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go b.flushEvery(LogFlushEvery)
	return b
}

// Write keeps p (one log record) to be written with the others.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

// Flush writes what has gathered.
func (b *LogBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// Close stops the periodic flush and writes what remains. Writes after it
// still gather, and go out at the next Flush.
func (b *LogBuffer) Close() error {
	select {
	case <-b.stop:
	default:
		close(b.stop)
		<-b.done
	}
	return b.Flush()
}

func (b *LogBuffer) flushEvery(d time.Duration) {
	defer close(b.done)
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			b.Flush()
		}
	}
}
