//go:build !unix

package ingest

import (
	"context"
	"os"
)

// lockFileExclusive does nothing where flock is missing: the in-process lock still serialises
// changes made by one bot.
func lockFileExclusive(context.Context, *os.File) error { return nil }

func unlockFile(*os.File) {}
