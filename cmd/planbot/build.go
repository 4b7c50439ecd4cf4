package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/planbot/planbot/index"
)

var indexCommand = command{
	name:    "index",
	summary: "build the on-disk index that ask, eval and serve reopen with --index / INDEX_DIR",
	usage: `Usage: planbot index [--corpus DIR] --index DIR

Builds the search index of the corpus on disk in DIR and prints how many documents and passages
it holds and how long it took.

Flags:
  --corpus DIR  use the documents in DIR instead of the built-in corpus (default $CORPUS_DIR)
  --index DIR   where to build the index (default $INDEX_DIR); required
`,
	run: runIndex,
}

func runIndex(ctx context.Context, c *cli, args []string) error {
	fs := newFlagSet("index")
	var src sourceFlags
	src.register(fs, c.getenv)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", clip(rest[0]))
	}
	if src.indexDir == "" {
		return usagef("say where to build the index: --index DIR or INDEX_DIR")
	}
	lg, err := c.logger(slog.LevelInfo)
	if err != nil {
		return err
	}
	docs, err := loadDocuments(src.corpusDir, c.stderr)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := index.Build(lg, docs, src.indexDir)
	if err != nil {
		return fmt.Errorf("build index in %s: %w", src.indexDir, err)
	}
	fmt.Fprintf(c.stdout, "indexed %d documents, %d passages in %s into %s\n",
		st.Docs, st.Passages, st.Took.Round(time.Millisecond), src.indexDir)
	return nil
}
