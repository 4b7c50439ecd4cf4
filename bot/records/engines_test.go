package records

// The same tests against both engines: the embedded bbolt file and PostgreSQL. PostgreSQL tests
// need PLANBOT_TEST_DATABASE_URL (postgres://…; .ci/run starts a server and sets it); without it
// they skip, except under CI=true, where they fail.

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestDatabaseEnv names the variable with the PostgreSQL server the tests may use.
const testDatabaseEnv = "PLANBOT_TEST_DATABASE_URL"

// engine is a records store as the bot uses it, plus what tests need.
type engine interface {
	Add(r Record) error
	AddVote(v Vote) (bool, error)
	VoterKey() ([]byte, error)
	Top(since time.Time, guildID string, n int) ([]Entry, error)
	Prune() (int, error)
	Close() error
}

var (
	_ engine = (*Store)(nil)
	_ engine = (*Postgres)(nil)
)

// opener opens one store of a test's database; every call reaches the same data, as a restart
// or another replica would.
type opener func(t *testing.T, c *clock) engine

// engines returns an opener per engine, each on fresh, empty data.
func engines(t *testing.T) map[string]opener {
	path := filepath.Join(t.TempDir(), "records.db")
	return map[string]opener{
		"bbolt": func(t *testing.T, c *clock) engine { return open(t, path, c) },
		"postgres": func(t *testing.T, c *clock) engine {
			dsn := postgresSchema(t)
			s, err := OpenPostgres(context.Background(), testLogger(), dsn, 0, c.now)
			if err != nil {
				t.Fatalf("OpenPostgres: %v", err)
			}
			return s
		},
	}
}

var (
	schemaMu sync.Mutex
	schemas  = map[string]string{} // test name → its schema's URL
)

// postgresSchema returns the URL of a schema of its own for the test (the same one on every call
// within a test), dropped at its end.
func postgresSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv(testDatabaseEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: .ci/run must start PostgreSQL for the records tests", testDatabaseEnv)
		}
		t.Skipf("no PostgreSQL: set %s=postgres://… to run this test", testDatabaseEnv)
	}
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if u, ok := schemas[t.Name()]; ok {
		return u
	}
	name := fmt.Sprintf("t%d_%s", time.Now().UnixNano(), strings.ToLower(strings.NewReplacer("/", "_", "-", "_").Replace(t.Name())))
	if len(name) > 60 {
		name = name[:60]
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", testDatabaseEnv, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// The next run of this test (go test -count=N) gets a schema of its own, not this dropped one.
		schemaMu.Lock()
		delete(schemas, t.Name())
		schemaMu.Unlock()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s must be a postgres:// URL: %v", testDatabaseEnv, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	schemas[t.Name()] = u.String()
	return u.String()
}

// forEachEngine runs test once per engine.
func forEachEngine(t *testing.T, test func(t *testing.T, open opener)) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) { test(t, open) })
	}
}

func TestEnginesGroupAndOrder(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open opener) {
		c := &clock{t: day0}
		s := open(t, c)
		defer s.Close()
		add := func(kind Kind, guild, q string, ex ...string) {
			t.Helper()
			c.advance(time.Minute)
			if err := s.Add(Record{Kind: kind, GuildID: guild, ChannelID: "c", Question: q, ExcerptIDs: ex}); err != nil {
				t.Fatal(err)
			}
		}
		add(KindUnanswered, "g1", "What did the Pope say?")
		add(KindUnanswered, "g1", "what did the pope   say")
		add(KindTentative, "g1", "How many troops?", "wiki/p1")
		add(KindUnanswered, "g2", "WHAT DID THE POPE SAY ?!")
		add(KindTentative, "g1", "how many troops", "wiki/p7")
		got, err := s.Top(time.Time{}, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []Entry{
			{KindUnanswered, "WHAT DID THE POPE SAY ?!", 3, day0.Add(4 * time.Minute), nil},
			{KindTentative, "how many troops", 2, day0.Add(5 * time.Minute), []string{"wiki/p7"}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Top =\n%s\nwant\n%s", dump(got), dump(want))
		}
		got, _ = s.Top(day0.Add(3*time.Minute), "g1", 1)
		want = []Entry{{KindTentative, "how many troops", 2, day0.Add(5 * time.Minute), []string{"wiki/p7"}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Top since +3m in g1, n=1 =\n%s\nwant\n%s", dump(got), dump(want))
		}
		for _, bad := range []Record{{Kind: "odd", Question: "q"}, {Kind: KindUnanswered, Question: "  "}} {
			if err := s.Add(bad); err == nil {
				t.Errorf("Add(%+v) stored a bad record", bad)
			}
		}
	})
}

func TestEnginesRetentionAndRestart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open opener) {
		c := &clock{t: day0}
		s := open(t, c)
		s.Add(Record{Kind: KindUnanswered, Question: "old question"})
		s.AddVote(Vote{Answer: "1@0", Voter: "h1", Question: "old vote"})
		c.advance(20 * 24 * time.Hour)
		s.Add(Record{Kind: KindUnanswered, Question: "newer question", ExcerptIDs: []string{"a/p1"}})
		key, err := s.VoterKey()
		if err != nil || len(key) != voterKeySize {
			t.Fatalf("VoterKey = %x, %v", key, err)
		}
		s.Close()

		c.advance(11 * 24 * time.Hour) // old is 31 days old, newer 11: opening prunes
		s = open(t, c)
		defer s.Close()
		got, err := s.Top(time.Time{}, "", 0)
		if err != nil || len(got) != 1 || got[0].Question != "newer question" || !reflect.DeepEqual(got[0].ExcerptIDs, []string{"a/p1"}) {
			t.Errorf("after a restart Top = %+v, %v; want only the newer record", got, err)
		}
		if again, _ := s.VoterKey(); !bytes.Equal(again, key) {
			t.Error("the voter key changed across a restart")
		}
		c.advance(20 * 24 * time.Hour)
		if n, err := s.Prune(); err != nil || n != 1 {
			t.Errorf("Prune = %d, %v; want 1", n, err)
		}
	})
}

// Votes: one per voter and answer page, changeable, pruned like records.
func TestEnginesVotes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open opener) {
		c := &clock{t: day0}
		s := open(t, c)
		defer s.Close()
		v := Vote{Answer: "1@0", Voter: "h1", GuildID: "g", Question: "How many troops?", ExcerptIDs: []string{"d/p1"}}
		for i, want := range []bool{true, false, false} {
			if changed, err := s.AddVote(v); err != nil || changed != want {
				t.Fatalf("vote %d: changed %v, %v; want %v", i, changed, err, want)
			}
		}
		v.Up = true
		if changed, _ := s.AddVote(v); !changed {
			t.Error("a changed vote reported unchanged")
		}
		v.Voter = "h2"
		s.AddVote(v)
		top, err := s.Top(time.Time{}, "g", 0)
		if err != nil || len(top) != 1 || top[0].Kind != KindLiked || top[0].Count != 2 {
			t.Fatalf("Top = %+v, %v; want one liked entry counted twice", top, err)
		}
		if _, err := s.AddVote(Vote{Answer: "1@0", Question: "q"}); err == nil {
			t.Error("a vote without a voter was stored")
		}
		c.advance(DefaultRetention + time.Hour)
		if n, err := s.Prune(); err != nil || n != 2 {
			t.Errorf("Prune removed %d, %v; want the 2 votes", n, err)
		}
	})
}

// Two stores on one database, as two replicas: each sees what the other wrote, concurrent writes
// included.
func TestPostgresReplicasShareRecords(t *testing.T) {
	open := engines(t)["postgres"]
	c := &clock{t: day0}
	a, b := open(t, c), open(t, c)
	defer a.Close()
	defer b.Close()
	keyA, errA := a.VoterKey()
	keyB, errB := b.VoterKey()
	if errA != nil || errB != nil || !bytes.Equal(keyA, keyB) {
		t.Errorf("replicas have different voter keys (%v, %v): the same member would vote twice", errA, errB)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if i%2 == 1 {
				s = b
			}
			if err := s.Add(Record{Kind: KindUnanswered, GuildID: "g", Question: "What did the Pope say?"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for name, s := range map[string]engine{"a": a, "b": b} {
		top, err := s.Top(time.Time{}, "g", 0)
		if err != nil || len(top) != 1 || top[0].Count != 20 {
			t.Errorf("replica %s: Top = %+v, %v; want the 20 records of both", name, top, err)
		}
	}
}
