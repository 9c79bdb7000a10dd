package outbox

import "context"

// ClaimOnly claims as Work does, and stops there, as a crashed worker would.
func ClaimOnly(ctx context.Context, w *Worker) (int, error) {
	rows, err := w.claim(ctx)
	return len(rows), err
}
