package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/joho/godotenv"
)

// loadDotEnv adds the variables of the file at path to the environment without overriding ones
// already set. A missing file is fine. It returns an exit code.
func loadDotEnv(path string, stderr io.Writer) int {
	err := godotenv.Load(path)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return 0
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		fmt.Fprintf(stderr, "planbot: read %s: %v\n", path, pathErr.Err)
		return 1
	}
	// godotenv quotes the offending text in its parse errors, which may be the token: say only where.
	fmt.Fprintf(stderr, "planbot: %s is not valid: each line must be KEY=value (see .env.example)\n", path)
	return 1
}
