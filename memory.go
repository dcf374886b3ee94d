package hopfield

import (
	"fmt"
	"sync"
)

// MemoryError reports that a network would need more memory than its limit
// allows. It is returned before anything large is allocated.
type MemoryError struct {
	What  string // what would have been allocated, e.g. "dense 10000 x 10000 float32 weights"
	Need  int64  // bytes needed
	Limit int64  // bytes allowed
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("hopfield: %s need %s, over the memory limit of %s (use the pattern form, fewer neurons, or raise Config.MemoryLimit)",
		e.What, FormatBytes(e.Need), FormatBytes(e.Limit))
}

// FormatBytes writes a byte count the way people read it: 1.5 GiB, 800.0 MiB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// assumedMemory stands in where the machine's memory cannot be read.
const assumedMemory = 8 << 30

var physicalMemory = sync.OnceValue(func() int64 {
	if n := totalMemory(); n > 0 {
		return n
	}
	return assumedMemory
})

// DefaultMemoryLimit is the limit used when Config.MemoryLimit is zero: half
// of the machine's physical memory (8 GiB is assumed where it cannot be read).
func DefaultMemoryLimit() int64 { return physicalMemory() / 2 }

// checkMemory returns a *MemoryError if need exceeds limit (0 meaning the default).
func checkMemory(what string, need, limit int64) error {
	if limit <= 0 {
		limit = DefaultMemoryLimit()
	}
	if need > limit || need < 0 {
		return &MemoryError{What: what, Need: need, Limit: limit}
	}
	return nil
}

// mulBytes multiplies sizes, saturating instead of overflowing.
func mulBytes(a ...int64) int64 {
	p := int64(1)
	for _, x := range a {
		if x != 0 && p > (1<<62)/x {
			return 1 << 62
		}
		p *= x
	}
	return p
}
