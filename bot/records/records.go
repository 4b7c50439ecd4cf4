// Package records keeps what people could not get answered — questions the bot refused and answers
// someone disliked — in a bbolt file, for a limited time, so moderators can see which sources the
// corpus lacks. It stores no user ids or names: only the server, the channel, the question and the
// passages that were shown.
package records

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Kind says why a question was recorded.
type Kind string

// The kinds of record.
const (
	KindUnanswered Kind = "unanswered" // the bot found nothing it could cite
	KindDisliked   Kind = "disliked"   // someone marked the answer unhelpful
	KindTentative  Kind = "tentative"  // the bot showed the closest excerpts, unsure they answer
)

// Defaults and limits.
const (
	DefaultRetention  = 30 * 24 * time.Hour
	DefaultPruneEvery = time.Hour
	lockTimeout       = 2 * time.Second
	maxQuestionRunes  = 2000
)

// ErrInUse means another process holds the records file.
var ErrInUse = errors.New("records file is in use by another process")

var bucketName = []byte("records")

// Record is one question the bot could not answer well. It deliberately has no field for who
// asked: records must never identify a person.
type Record struct {
	Time       time.Time
	Kind       Kind
	GuildID    string // "" in direct messages
	ChannelID  string
	Question   string
	ExcerptIDs []string // passage ids of the answer shown, none when unanswered
}

// Entry is one question as Top reports it, grouped over its wordings.
type Entry struct {
	Kind       Kind
	Question   string // the most recent wording
	Count      int
	Last       time.Time
	ExcerptIDs []string // of the most recent record
}

// Store is a records file. Its methods are safe for concurrent use.
type Store struct {
	lg        *slog.Logger
	db        *bolt.DB
	retention time.Duration
	now       func() time.Time
}

// value is a record as stored; its time lives in the key.
type value struct {
	Kind       Kind     `json:"kind"`
	GuildID    string   `json:"guild,omitempty"`
	ChannelID  string   `json:"channel,omitempty"`
	Question   string   `json:"question"`
	ExcerptIDs []string `json:"excerpts,omitempty"`
}

// Open opens or creates the records file at path (creating its folder), drops records older than
// retention (DefaultRetention when ≤ 0), and returns the store. now is the clock (time.Now when
// nil). A damaged file (bbolt panics on damaged pages rather than returning an error) is moved
// aside to path.damaged-<time>, never deleted, and a fresh file started, with one error logged:
// these records are a convenience, and losing them must not stop the bot. Errors wrap ErrInUse
// when another process has the file open for more than two seconds, or are the file system's.
func Open(lg *slog.Logger, path string, retention time.Duration, now func() time.Time) (*Store, error) {
	if retention <= 0 {
		retention = DefaultRetention
	}
	if now == nil {
		now = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open records %s: %w", path, err)
	}
	err := checkFile(path)
	if err == nil {
		var s *Store
		if s, err = openFile(lg, path, retention, now); err == nil || !errors.Is(err, errDamaged) {
			return s, err
		}
	}
	if !errors.Is(err, errDamaged) {
		return nil, err
	}
	aside := path + ".damaged-" + now().UTC().Format("20060102T150405")
	if rerr := os.Rename(path, aside); rerr != nil {
		return nil, fmt.Errorf("open records %s: %w (moving it aside failed: %v)", path, err, rerr)
	}
	s, ferr := openFile(lg, path, retention, now)
	if ferr != nil {
		return nil, fmt.Errorf("open records %s after moving the damaged file aside: %w", path, ferr)
	}
	lg.Error("records file damaged; moved it aside (not deleted) and started a fresh one",
		"file", path, "moved_to", aside, "cause", err)
	return s, nil
}

// errDamaged marks a records file bbolt cannot read.
var errDamaged = errors.New("records file is damaged")

// checkFile opens an existing file read-only, so that nothing is written to a damaged one, and
// reads every record. A bbolt panic or format error, or a failed check, comes back as errDamaged;
// ErrInUse when another process holds the file.
func checkFile(path string) (err error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var db *bolt.DB
	defer func() {
		if p := recover(); p != nil {
			if db != nil {
				db.Close()
			}
			err = fmt.Errorf("open records %s: bbolt panicked: %v: %w", path, p, errDamaged)
		}
	}()
	// The default Timeout of 0 waits for the file lock forever.
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: true})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return fmt.Errorf("open records %s: %w", path, ErrInUse)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return fmt.Errorf("open records %s: %v: %w", path, err, errDamaged)
	case err != nil:
		return fmt.Errorf("open records %s: %w", path, err)
	}
	defer db.Close()
	// Reading every record touches every branch and leaf page in this goroutine, where a panic
	// on a damaged page can be recovered (bbolt's own tx.Check panics in a goroutine of its own).
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
			return b.ForEach(func(_, _ []byte) error { return nil })
		})
	})
	if err != nil {
		return fmt.Errorf("open records %s: %v: %w", path, err, errDamaged)
	}
	return nil
}

// openFile opens path for reading and writing, creating it when missing. A bbolt panic (a damaged
// freelist is read only here, not by the read-only check) comes back as errDamaged.
func openFile(lg *slog.Logger, path string, retention time.Duration, now func() time.Time) (s *Store, err error) {
	var db *bolt.DB
	defer func() {
		if p := recover(); p != nil {
			if db != nil {
				db.Close()
			}
			s, err = nil, fmt.Errorf("open records %s: bbolt panicked: %v: %w", path, p, errDamaged)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open records %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open records %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketName)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open records %s: %w", path, err)
	}
	s = &Store{lg: lg, db: db, retention: retention, now: now}
	if n, err := s.Prune(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open records %s: %w", path, err)
	} else if n > 0 {
		lg.Info("records pruned", "removed", n, "retention", retention)
	}
	return s, nil
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// update and view run a transaction; a bbolt panic on a page damaged since the file was opened
// becomes an error (errDamaged) for this one call, instead of taking the bot down.
func (s *Store) update(f func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.Update(f)
}

func (s *Store) view(f func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.View(f)
}

func (s *Store) recoverDamage(err *error) {
	if p := recover(); p != nil {
		s.lg.Error("records file damaged while in use; restart the bot to move it aside", "panic", p)
		*err = fmt.Errorf("bbolt panicked: %v: %w", p, errDamaged)
	}
}

// Add stores r. A zero Time means now. Errors: an unknown Kind, an empty question, or the file's.
func (s *Store) Add(r Record) error {
	r, err := prepare(r, s.now)
	if err != nil {
		return err
	}
	v, err := json.Marshal(value{Kind: r.Kind, GuildID: r.GuildID, ChannelID: r.ChannelID, Question: r.Question, ExcerptIDs: r.ExcerptIDs})
	if err != nil {
		return fmt.Errorf("add record: %w", err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketName)
		seq, err := b.NextSequence() // persists, so keys stay unique across restarts
		if err != nil {
			return err
		}
		return b.Put(makeKey(r.Time, seq), v)
	})
	if err != nil {
		return fmt.Errorf("add record: %w", err)
	}
	return nil
}

// makeKey sorts records by time: big-endian unix nanoseconds, then a sequence number.
func makeKey(t time.Time, seq uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k[:8], uint64(t.UnixNano()))
	binary.BigEndian.PutUint64(k[8:], seq)
	return k
}

func keyTime(k []byte) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[:8]))).UTC()
}

// Prune removes records older than the retention and reports how many.
func (s *Store) Prune() (int, error) {
	limit := makeKey(s.now().Add(-s.retention), 0)
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketName)
		// Collect first: deleting under a moving cursor can skip keys in bbolt.
		var old [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil && string(k) < string(limit); k, _ = c.Next() {
			old = append(old, append([]byte(nil), k...))
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		votes, err := pruneVotes(tx, s.now().Add(-s.retention))
		n = len(old) + votes
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune records: %w", err)
	}
	return n, nil
}

// RunPruner prunes every interval (DefaultPruneEvery when ≤ 0) until ctx is done. Errors are logged.
func (s *Store) RunPruner(ctx context.Context, every time.Duration) {
	runPruner(ctx, s.lg, every, s.Prune)
}

// Top groups the records since since (of one guild, or all when guildID is "") by kind and
// normalised question, and returns the n most frequent (all when n ≤ 0), ties broken by the most
// recent.
func (s *Store) Top(since time.Time, guildID string, n int) ([]Entry, error) {
	g := newGrouping()
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketName).Cursor()
		k, raw := c.First()
		if since.After(time.Unix(0, 0)) { // UnixNano is undefined for the zero time
			k, raw = c.Seek(makeKey(since, 0))
		}
		for ; k != nil; k, raw = c.Next() {
			var v value
			if err := json.Unmarshal(raw, &v); err != nil {
				s.lg.Warn("records: skipping unreadable record", "err", err)
				continue
			}
			if guildID != "" && v.GuildID != guildID {
				continue
			}
			g.add(keyTime(k), v.Kind, v.Question, v.ExcerptIDs)
		}
		s.eachVote(tx, since, guildID, func(v voteValue) {
			g.add(time.Unix(0, v.Unix).UTC(), voteKind(v.Up), v.Question, v.ExcerptIDs)
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("top records: %w", err)
	}
	return g.top(n), nil
}

// Normalize is the form questions are grouped by: lower case, single spaces, no trailing
// punctuation.
func Normalize(q string) string {
	q = strings.Join(strings.Fields(strings.ToLower(q)), " ")
	return strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
