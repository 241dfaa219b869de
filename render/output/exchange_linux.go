package output

import "golang.org/x/sys/unix"

// exchange swaps two paths in one atomic step (renameat2 RENAME_EXCHANGE);
// it fails on file systems that do not support it.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
