package hopfield

import "syscall"

// totalMemory is the machine's physical memory in bytes, from sysinfo(2):
// one system call, where reading /proc/meminfo makes the kernel format a
// page of text.
func totalMemory() int64 {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}
