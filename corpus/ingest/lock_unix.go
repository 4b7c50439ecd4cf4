//go:build unix

package ingest

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// lockFileExclusive takes an exclusive flock on file, polling so that ctx can end the wait.
func lockFileExclusive(ctx context.Context, file *os.File) error {
	for {
		err := syscall.Flock(int(file.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return err
		}
		select {
		case <-ctx.Done():
			return errLockTimeout
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func unlockFile(file *os.File) { syscall.Flock(int(file.Fd()), syscall.LOCK_UN) }
