package hopfield

import (
	"runtime"
	"sync"
)

// parallelRows calls f on contiguous blocks [lo, hi) that cover [0, n),
// concurrently when the work is large enough to pay for goroutines. Each
// index is handled by exactly one call, so any per-index computation gives the
// same result whatever GOMAXPROCS is; only the schedule changes.
func parallelRows(n, costPerRow int, f func(lo, hi int)) {
	const minWork = 1 << 15 // below this, goroutine start-up costs more than it saves
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	if workers <= 1 || n*costPerRow < minWork {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}
