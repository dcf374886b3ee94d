package hopfield

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// sysinfo(2) and /proc/meminfo count the same memory.
func TestTotalMemoryMatchesMeminfo(t *testing.T) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		t.Skip(err)
	}
	var kb int64
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	if kb <= 0 {
		t.Fatalf("no MemTotal in /proc/meminfo:\n%s", data)
	}
	if got := totalMemory(); got != kb<<10 {
		t.Errorf("totalMemory() = %d, /proc/meminfo says %d", got, kb<<10)
	}
	if got := DefaultMemoryLimit(); got != kb<<9 {
		t.Errorf("DefaultMemoryLimit() = %d, want half of %d", got, kb<<10)
	}
}
