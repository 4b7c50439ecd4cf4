//go:build unix

package corpus

import "syscall"

// openNonBlock keeps open(2) from waiting for a writer when the file turns out to be a pipe.
const openNonBlock = syscall.O_NONBLOCK
