//go:build !linux

package hopfield

// totalMemory reports 0 (unknown) where sysinfo(2) does not exist; the
// default limit then assumes 8 GiB of memory.
func totalMemory() int64 { return 0 }
