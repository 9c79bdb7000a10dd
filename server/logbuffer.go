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
// a shutdown loses none: after Close, lines go straight out.
type LogBuffer struct {
	mu     sync.Mutex
	out    io.Writer
	w      *bufio.Writer
	closed bool
	stop   chan struct{}
	done   chan struct{}
	once   sync.Once
}

// LogFlushEvery is the longest a log line waits in a LogBuffer.
const LogFlushEvery = 100 * time.Millisecond

// NewLogBuffer starts a buffer in front of w; Close it to write the rest.
func NewLogBuffer(w io.Writer) *LogBuffer {
	b := &LogBuffer{out: w, w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go b.flushEvery(LogFlushEvery)
	return b
}

// Write keeps p (one log record) to be written with the others, or writes
// it at once after Close.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return b.out.Write(p)
	}
	return b.w.Write(p)
}

// Flush writes what has gathered. A failed write (a closed pipe) is not kept
// against the lines that follow: they are tried again.
func (b *LogBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flush()
}

func (b *LogBuffer) flush() error {
	err := b.w.Flush()
	if err != nil {
		b.w.Reset(b.out)
	}
	return err
}

// Close stops the periodic flush and writes what remains; lines written
// after it (requests that outlived the shutdown's grace) go out at once.
func (b *LogBuffer) Close() error {
	b.once.Do(func() {
		close(b.stop)
		<-b.done
	})
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return b.flush()
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
