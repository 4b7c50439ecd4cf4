package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// loadDocuments returns the built-in corpus, or the documents in dir when dir is set. Files with
// problems are reported on stderr, one line each, and skipped; it fails only when nothing loads.
func loadDocuments(dir string, stderr io.Writer) ([]corpus.Document, error) {
	var (
		docs     []corpus.Document
		problems []corpus.Problem
		where    = "the built-in corpus"
	)
	if dir == "" {
		docs, problems = corpus.Default()
	} else {
		where = dir
		var err error
		docs, problems, err = corpus.LoadDir(dir)
		if err != nil {
			return nil, err // it names the folder already
		}
	}
	for _, p := range problems {
		if dir != "" {
			// Problems name files relative to the folder; a prefix test would take "bad-key.md"
			// for a path inside a folder called "bad".
			p.File = filepath.Join(dir, p.File)
		}
		fmt.Fprintf(stderr, "%s (file skipped)\n", oneLine(p.Error()))
	}
	if len(docs) == 0 {
		if len(problems) > 0 {
			return nil, fmt.Errorf("no document in %s could be loaded (%d with problems, listed above)", where, len(problems))
		}
		return nil, fmt.Errorf("no documents in %s (want .md files with front matter; see README)", where)
	}
	return docs, nil
}

// openEngine loads the corpus and builds the index that answers questions: in memory, or on disk
// in indexDir, reopened when it is already there.
func openEngine(lg *slog.Logger, corpusDir, indexDir string, stderr io.Writer) (*index.Live, error) {
	docs, err := loadDocuments(corpusDir, stderr)
	if err != nil {
		return nil, err
	}
	live, err := index.New(lg, docs, index.Config{Dir: indexDir})
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return live, nil
}

// queryEngine opens the engine of the command-line commands that answer questions (ask, eval),
// with their quiet logger.
func (c *cli) queryEngine(src sourceFlags) (*index.Live, error) {
	lg, err := c.logger(slog.LevelWarn)
	if err != nil {
		return nil, err
	}
	return openEngine(lg, src.corpusDir, src.indexDir, c.stderr)
}

// sourceFlags are the flags every command that reads the corpus shares; the environment gives
// their defaults.
type sourceFlags struct{ corpusDir, indexDir string }

func (s *sourceFlags) register(fs *flag.FlagSet, getenv env) {
	fs.StringVar(&s.corpusDir, "corpus", getenv("CORPUS_DIR"), "folder of documents to use instead of the built-in corpus (CORPUS_DIR)")
	fs.StringVar(&s.indexDir, "index", getenv("INDEX_DIR"), "folder of an on-disk index to build or reopen (INDEX_DIR); in memory when empty")
}

// logger is the logger of the command-line commands: quiet (warnings) unless LOG_LEVEL says
// otherwise, since their output is the answer.
func (c *cli) logger(def slog.Level) (*slog.Logger, error) {
	level, err := parseLevel(c.getenv("LOG_LEVEL"), def)
	if err != nil {
		return nil, err
	}
	return newLogger(c.stderr, level), nil
}
