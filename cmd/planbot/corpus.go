package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
)

var corpusCommand = command{
	name:    "corpus",
	summary: "manage a corpus folder: init, add, remove, restore, list (as /corpus does)",
	usage: `Usage: planbot corpus <subcommand> [flags] [arguments]

Manages the documents in a corpus folder from a shell, with the same code and every check of the
Discord /corpus commands. A running bot serves the change after /reindex or a SIGHUP.

Subcommands:
  init                  copy the built-in documents into an empty (or missing) folder
  add URL               fetch the article at URL and add it as a new document
                          --title T      title to use instead of the page's
                          --outlet O     outlet to credit instead of the page's
                          --published D  publication date, YYYY-MM-DD, when the page does not say
  remove ID             move the document ID to the trash beside the folder (DIR.trash)
  restore ID            bring the newest trashed copy of ID back
  list [--trash]        list the documents (or what is in the trash)

Flags:
  --corpus DIR  the corpus folder (default $CORPUS_DIR); required

Links to loopback and private addresses are refused unless CORPUS_ALLOW_PRIVATE_URLS=true.

Example:
  planbot corpus add --corpus ./corpus --outlet Reuters https://www.reuters.com/world/...
`,
	run: runCorpus,
}

// corpusHooks let tests keep `planbot corpus add` on loopback: they see every address the fetch
// would connect to, and resolve names without a DNS server. Nil in the real program.
type corpusHooks struct {
	beforeConnect func(network, address string) error
	resolver      *net.Resolver
}

func runCorpus(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 {
		return usagef("say what to do: init, add, remove, restore or list")
	}
	sub, args := args[0], args[1:]
	fs := newFlagSet("corpus " + sub)
	dir := fs.String("corpus", c.getenv("CORPUS_DIR"), "")
	var meta ingest.Meta
	trash := false
	switch sub {
	case "add":
		fs.StringVar(&meta.Title, "title", "", "")
		fs.StringVar(&meta.Outlet, "outlet", "", "")
		fs.StringVar(&meta.Published, "published", "", "")
	case "list":
		fs.BoolVar(&trash, "trash", false, "")
	case "init", "remove", "restore":
	case "-h", "-help", "--help", "help":
		return flag.ErrHelp
	default:
		return usagef("unknown subcommand %q: want init, add, remove, restore or list", clip(sub))
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" {
		return usagef("say which folder: --corpus DIR or CORPUS_DIR")
	}
	want := 1
	if sub == "init" || sub == "list" {
		want = 0
	}
	if len(rest) != want {
		if want == 0 {
			return usagef("corpus %s takes no argument", sub)
		}
		return usagef("corpus %s takes one argument, the %s", sub, map[string]string{"add": "link", "remove": "document id", "restore": "document id"}[sub])
	}
	switch sub {
	case "init":
		return c.corpusInit(*dir)
	case "list":
		return c.corpusList(*dir, trash)
	}
	allow, err := allowPrivateURLs(c.getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	lg, err := c.logger(slog.LevelWarn)
	if err != nil {
		return err
	}
	fetcher := ingest.New(lg, ingest.Config{AllowPrivate: allow,
		BeforeConnect: c.hooks.beforeConnect, Resolver: c.hooks.resolver})
	folder := ingest.NewFolder(lg, *dir, fetcher)
	arg := rest[0]
	switch sub {
	case "add":
		// Title and outlet need no cleaning here: the document gets them through ingest's oneLine,
		// which strips invisible characters.
		meta.Published = strings.TrimSpace(meta.Published)
		doc, path, err := folder.Add(ctx, arg, meta)
		if err != nil {
			return corpusError(err)
		}
		fmt.Fprintf(c.stdout, "added %s (%d passages) as %s: %s\n", doc.ID, len(doc.Passages), path, terminalSafe(doc.Title))
		c.printLeftOut(ingest.Summarize(doc))
	case "remove":
		path, err := folder.Remove(ctx, arg)
		if err != nil {
			return corpusError(err)
		}
		fmt.Fprintf(c.stdout, "removed %s: moved to %s (planbot corpus restore %s brings it back)\n", terminalSafe(arg), path, terminalSafe(arg))
	case "restore":
		path, err := folder.Restore(ctx, arg)
		if err != nil {
			return corpusError(err)
		}
		fmt.Fprintf(c.stdout, "restored %s as %s\n", terminalSafe(arg), path)
	}
	fmt.Fprintln(c.stderr, "A running bot serves the change after /reindex or a SIGHUP.")
	return nil
}

// corpusError is the sentence /corpus would say, with the detail for the operator, who owns the
// machine (the detail never holds a link's user info: ParseURL dropped it).
func corpusError(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%s (%v)", ingest.Message(err), err)
}

// corpusInit fills a missing or empty folder with the built-in documents, as serve does with an
// empty CORPUS_DIR; a folder holding anything else is refused rather than mixed with them.
func (c *cli) corpusInit(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return fmt.Errorf("corpus folder %s is not empty (it holds %s); init only fills an empty folder", dir, terminalSafe(e.Name()))
		}
	}
	lg, err := c.logger(slog.LevelWarn)
	if err != nil {
		return err
	}
	n, err := seedCorpusDir(lg, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "copied %d built-in documents into %s\n", n, dir)
	return nil
}

// corpusList prints the folder's documents (id, date, outlet, title), or its trash, one a line.
func (c *cli) corpusList(dir string, trash bool) error {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	if trash {
		items, err := ingest.Trash(dir)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "ID\tREMOVED\tTITLE")
		for _, it := range items {
			fmt.Fprintf(w, "%s\t%s\t%s\n", terminalSafe(it.ID), it.Removed.Format("2006-01-02 15:04"), terminalSafe(it.Title))
		}
		return w.Flush()
	}
	docs, problems, err := corpus.LoadDir(dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "ID\tDATE\tOUTLET\tTITLE")
	for _, d := range docs {
		day, _ := d.Date()
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", d.ID, orDash(day), orDash(terminalSafe(d.Outlet)), terminalSafe(d.Title))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, p := range problems {
		p.File = dir + string(os.PathSeparator) + p.File
		fmt.Fprintf(c.stderr, "%s (file skipped)\n", terminalSafe(oneLine(p.Error())))
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// allowPrivateURLs reads CORPUS_ALLOW_PRIVATE_URLS.
func allowPrivateURLs(getenv env) (bool, error) { return envBool(getenv, "CORPUS_ALLOW_PRIVATE_URLS") }

// envBool reads a true/false variable; unset is false. The value is not shown back in the error:
// it could be a token pasted into the wrong variable.
func envBool(getenv env, name string) (bool, error) {
	switch v := strings.ToLower(strings.TrimSpace(getenv(name))); v {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	default:
		return false, errors.New(name + " must be true or false")
	}
}

// leftOutShown is how many characters of each dropped line printLeftOut shows.
const leftOutShown = 100

// printLeftOut says what cleaning dropped from an added page, as /corpus add does, so the operator
// sees whether the article or the page's chrome was captured.
func (c *cli) printLeftOut(cl ingest.Cleaning) {
	if cl.Counts() == "" {
		fmt.Fprintln(c.stdout, "left out: nothing")
		return
	}
	fmt.Fprintf(c.stdout, "left out: %s (%d words; %d kept)\n", cl.Counts(), cl.DroppedWords, cl.KeptWords)
	for _, d := range cl.First {
		text := []rune(d.Text)
		if len(text) > leftOutShown {
			text = append(text[:leftOutShown], '…')
		}
		fmt.Fprintf(c.stdout, "  %s: %s\n", d.Kind, terminalSafe(string(text)))
	}
}
