// Command planbot answers questions about the November 2025 US peace plan for Ukraine from a
// full-text index of its sources: on the command line (ask, eval, index) and on Discord (serve).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := loadDotEnv(".env", os.Stderr)
	if code == 0 {
		code = run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	}
	stop()
	os.Exit(code)
}
