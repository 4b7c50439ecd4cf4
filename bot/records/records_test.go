package records

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func testLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var day0 = time.Date(2025, 11, 22, 12, 0, 0, 0, time.UTC)

func open(t *testing.T, path string, c *clock) *Store {
	t.Helper()
	s, err := Open(testLogger(), path, 0, c.now)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestRecordHasNoPersonalFields(t *testing.T) {
	want := []string{"Time", "Kind", "GuildID", "ChannelID", "Question", "ExcerptIDs"}
	for _, typ := range []reflect.Type{reflect.TypeOf(Record{}), reflect.TypeOf(value{}), reflect.TypeOf(Entry{})} {
		for i := 0; i < typ.NumField(); i++ {
			name := strings.ToLower(typ.Field(i).Name)
			for _, bad := range []string{"user", "member", "author", "name", "nick", "login", "email", "ip"} {
				if strings.Contains(name, bad) {
					t.Errorf("%s.%s looks like it identifies a person", typ.Name(), typ.Field(i).Name)
				}
			}
		}
	}
	var got []string
	typ := reflect.TypeOf(Record{})
	for i := 0; i < typ.NumField(); i++ {
		got = append(got, typ.Field(i).Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Record fields = %v, want exactly %v (adding one? it must not identify a person)", got, want)
	}
}

func TestSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "records.db")
	c := &clock{t: day0}
	s := open(t, path, c)
	r := Record{Kind: KindDisliked, GuildID: "g1", ChannelID: "c1", Question: "How many troops?", ExcerptIDs: []string{"wiki/p03", "reuters/p01"}}
	if err := s.Add(r); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path, c)
	defer s.Close()
	got, err := s.Top(time.Time{}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{Kind: KindDisliked, Question: "How many troops?", Count: 1, Last: day0, ExcerptIDs: r.ExcerptIDs}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after restart Top = %+v, want %+v", got, want)
	}
}

func TestRetention(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.db")
	c := &clock{t: day0}
	s := open(t, path, c)
	s.Add(Record{Kind: KindUnanswered, Question: "old question"})
	c.advance(20 * 24 * time.Hour)
	s.Add(Record{Kind: KindUnanswered, Question: "newer question"})
	c.advance(11 * 24 * time.Hour) // old is 31 days old, newer 11

	n, err := s.Prune()
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1 removed", n, err)
	}
	got, _ := s.Top(time.Time{}, "", 0)
	if len(got) != 1 || got[0].Question != "newer question" {
		t.Fatalf("after Prune Top = %+v", got)
	}
	s.Close()

	// Open prunes too.
	c.advance(20 * 24 * time.Hour)
	s = open(t, path, c)
	defer s.Close()
	if got, _ := s.Top(time.Time{}, "", 0); len(got) != 0 {
		t.Errorf("Open kept expired records: %+v", got)
	}
}

func TestRetentionOption(t *testing.T) {
	c := &clock{t: day0}
	s, err := Open(testLogger(), filepath.Join(t.TempDir(), "r.db"), time.Hour, c.now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Add(Record{Kind: KindUnanswered, Question: "q"})
	c.advance(59 * time.Minute)
	if n, _ := s.Prune(); n != 0 {
		t.Errorf("pruned a record younger than the retention")
	}
	c.advance(2 * time.Minute)
	if n, _ := s.Prune(); n != 1 {
		t.Errorf("did not prune a record older than the retention")
	}
}

func TestTopGroupsAndOrders(t *testing.T) {
	c := &clock{t: day0}
	s := open(t, filepath.Join(t.TempDir(), "records.db"), c)
	defer s.Close()
	add := func(kind Kind, guild, q string, ex ...string) {
		t.Helper()
		c.advance(time.Minute)
		if err := s.Add(Record{Kind: kind, GuildID: guild, ChannelID: "c", Question: q, ExcerptIDs: ex}); err != nil {
			t.Fatal(err)
		}
	}
	add(KindUnanswered, "g1", "What did the Pope say?")              // +1m
	add(KindUnanswered, "g1", "what did the pope   say")             // +2m
	add(KindDisliked, "g1", "How many troops?", "wiki/p1")           // +3m
	add(KindUnanswered, "g2", "WHAT DID THE POPE SAY ?!")            // +4m
	add(KindDisliked, "g2", "Is Dmitriev sanctioned?", "reuters/p2") // +5m
	add(KindDisliked, "g1", "how many troops", "wiki/p7")            // +6m
	add(KindUnanswered, "g1", "capital of Australia?")               // +7m
	add(KindDisliked, "g1", "What did the Pope say?", "x/p1")        // +8m: another kind, another group

	got, err := s.Top(time.Time{}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{KindUnanswered, "WHAT DID THE POPE SAY ?!", 3, day0.Add(4 * time.Minute), nil},
		{KindDisliked, "how many troops", 2, day0.Add(6 * time.Minute), []string{"wiki/p7"}},
		{KindDisliked, "What did the Pope say?", 1, day0.Add(8 * time.Minute), []string{"x/p1"}},
		{KindUnanswered, "capital of Australia?", 1, day0.Add(7 * time.Minute), nil},
		{KindDisliked, "Is Dmitriev sanctioned?", 1, day0.Add(5 * time.Minute), []string{"reuters/p2"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Top all =\n%s\nwant\n%s", dump(got), dump(want))
	}

	got, _ = s.Top(time.Time{}, "g1", 2)
	want = []Entry{
		{KindUnanswered, "what did the pope   say", 2, day0.Add(2 * time.Minute), nil},
		{KindDisliked, "how many troops", 2, day0.Add(6 * time.Minute), []string{"wiki/p7"}},
	}
	// Equal counts: the most recent first.
	want[0], want[1] = want[1], want[0]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Top g1 n=2 =\n%s\nwant\n%s", dump(got), dump(want))
	}

	got, _ = s.Top(day0.Add(5*time.Minute), "", 0)
	if len(got) != 4 || got[0].Question != "What did the Pope say?" || got[3].Question != "Is Dmitriev sanctioned?" {
		t.Errorf("Top since +5m =\n%s", dump(got))
	}
}

func dump(e []Entry) string {
	var b strings.Builder
	for _, x := range e {
		fmt.Fprintf(&b, "  %s %q ×%d %s %v\n", x.Kind, x.Question, x.Count, x.Last.Format("15:04"), x.ExcerptIDs)
	}
	return b.String()
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"  What did the POPE\tsay?! ": "what did the pope say",
		"50:50 split…":                "50:50 split",
		"U.S.":                        "u.s",
		"Who?":                        "who",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddRejects(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "r.db"), &clock{t: day0})
	defer s.Close()
	if err := s.Add(Record{Kind: "liked", Question: "q"}); err == nil {
		t.Error("unknown kind accepted")
	}
	if err := s.Add(Record{Kind: KindUnanswered, Question: "  "}); err == nil {
		t.Error("empty question accepted")
	}
}

func TestStoredValueHasOnlyKnownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	s := open(t, path, &clock{t: day0})
	if err := s.Add(Record{Kind: KindDisliked, GuildID: "g", ChannelID: "c", Question: "q", ExcerptIDs: []string{"a/p1"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := 0
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketName).ForEach(func(k, v []byte) error {
			stored++
			var m map[string]any
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			for key := range m {
				switch key {
				case "kind", "guild", "channel", "question", "excerpts":
				default:
					t.Errorf("stored key %q", key)
				}
			}
			if len(k) != 16 {
				t.Errorf("key is %d bytes", len(k))
			}
			return nil
		})
	})
	if err != nil || stored != 1 {
		t.Errorf("read back %d records, %v; want the 1 added", stored, err)
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.db")
	s := open(t, path, &clock{t: day0})
	defer s.Close()
	// Open gives up after its 2 s lock wait; without one it would wait for the lock forever. The
	// bound is far above 2 s so that a loaded machine does not fail it.
	start := time.Now()
	type opened struct {
		s   *Store
		err error
	}
	done := make(chan opened, 1)
	go func() {
		s2, err := Open(testLogger(), path, 0, nil)
		done <- opened{s2, err}
	}()
	var o opened
	select {
	case o = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("second Open of a held file still waiting after 60 s")
	}
	t.Logf("second Open gave up after %s", time.Since(start).Round(time.Millisecond))
	if o.err == nil {
		o.s.Close()
		t.Fatal("second Open of a held file succeeded")
	}
	if !errors.Is(o.err, ErrInUse) {
		t.Errorf("err = %v, want ErrInUse", o.err)
	}
}

func TestConcurrentAdd(t *testing.T) {
	c := &clock{t: day0} // every record has the same time: the sequence keeps keys apart
	s := open(t, filepath.Join(t.TempDir(), "records.db"), c)
	defer s.Close()
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := s.Add(Record{Kind: KindUnanswered, GuildID: "g", Question: fmt.Sprintf("question %d", i)}); err != nil {
					t.Error(err)
				}
				if _, err := s.Top(time.Time{}, "g", 3); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	got, err := s.Top(time.Time{}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range got {
		total += e.Count
		if e.Count != workers {
			t.Errorf("%q counted %d times, want %d", e.Question, e.Count, workers)
		}
	}
	if total != workers*each || len(got) != each {
		t.Errorf("stored %d records in %d groups, want %d in %d", total, len(got), workers*each, each)
	}
}

func TestRunPruner(t *testing.T) {
	c := &clock{t: day0}
	s := open(t, filepath.Join(t.TempDir(), "r.db"), c)
	defer s.Close()
	if err := s.Add(Record{Kind: KindUnanswered, Question: "q"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Top(time.Time{}, "", 0); len(got) != 1 {
		t.Fatalf("before pruning Top = %+v, want the record", got)
	}
	c.advance(31 * 24 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.RunPruner(ctx, 10*time.Millisecond); close(done) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		got, _ := s.Top(time.Time{}, "", 0)
		if len(got) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("RunPruner did not prune")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("RunPruner did not stop when ctx was cancelled")
	}
}

// Issue 8, case 1: a zeroed page in the records file made bbolt panic inside Open on every start.
// The file is moved aside untouched, a fresh one serves, and one error line says so.
func TestDamagedFileIsMovedAsideAndStartedFresh(t *testing.T) {
	pageSize := os.Getpagesize()
	for name, damage := range map[string]func(data []byte){
		// Both meta pages: with one left, bbolt simply uses the other.
		"meta pages": func(data []byte) { clear(data[:2*pageSize]) },
		"records page": func(data []byte) {
			at := bytes.Index(data, []byte("question 49 about")) / pageSize * pageSize
			clear(data[at : at+pageSize])
		},
		"all but the metas": func(data []byte) { clear(data[2*pageSize:]) },
		"freelist pages": func(data []byte) {
			for meta := 0; meta < 2; meta++ {
				// The meta after the 16-byte page header: magic, version, page size, flags
				// (4 bytes each), the root bucket (16), then the freelist's page id.
				at := meta*pageSize + 16 + 16 + 16
				free := int(binary.LittleEndian.Uint64(data[at : at+8]))
				clear(data[free*pageSize : (free+1)*pageSize])
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "data", "planbot.db")
			c := &clock{t: day0}
			s := open(t, path, c)
			for i := 0; i < 50; i++ {
				if err := s.Add(Record{Kind: KindUnanswered, Question: fmt.Sprintf("question %d about the plan", i)}); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			damage(data)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}

			var log strings.Builder
			lg := slog.New(slog.NewTextHandler(&log, nil))
			s2, err := Open(lg, path, 0, c.now)
			if err != nil {
				t.Fatalf("Open of a damaged file: %v", err)
			}
			defer s2.Close()
			if err := s2.Add(Record{Kind: KindDisliked, Question: "After the restart"}); err != nil {
				t.Fatal(err)
			}
			if top, err := s2.Top(time.Time{}, "", 0); err != nil || len(top) != 1 {
				t.Errorf("fresh file: %v, %v", top, err)
			}
			aside, _ := filepath.Glob(path + ".damaged-*")
			if len(aside) != 1 {
				t.Fatalf("damaged file not kept aside: %v", aside)
			}
			if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, data) {
				t.Error("the file set aside is not the damaged file as it was")
			}
			if n := strings.Count(log.String(), "level=ERROR"); n != 1 || !strings.Contains(log.String(), "moved it aside") {
				t.Errorf("want one error line, got:\n%s", log.String())
			}
		})
	}
}

// A page damaged while the file is open (bbolt maps the file, so it reads the damage) fails the
// one call that reads it, with errDamaged, instead of a panic that would take the bot down.
func TestDamageWhileOpenFailsTheCall(t *testing.T) {
	path := filepath.Join(t.TempDir(), "planbot.db")
	c := &clock{t: day0}
	s := open(t, path, c)
	defer s.Close()
	for i := 0; i < 50; i++ {
		if err := s.Add(Record{Kind: KindUnanswered, Question: fmt.Sprintf("question %d about the plan", i)}); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := os.Getpagesize()
	at := bytes.Index(data, []byte("question 49 about")) / pageSize * pageSize
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xff}, pageSize), int64(at)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := s.Top(time.Time{}, "", 0); !errors.Is(err, errDamaged) {
		t.Errorf("Top over a damaged page: %v, want errDamaged", err)
	}
}
