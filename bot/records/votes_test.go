package records

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"
)

func TestVotesOnePerVoterAndChangeable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.db")
	c := &clock{t: day0}
	s := open(t, path, c)
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

	key, err := s.VoterKey()
	if err != nil || len(key) != voterKeySize {
		t.Fatalf("VoterKey = %x, %v", key, err)
	}
	s.Close()
	s = open(t, path, c)
	defer s.Close()
	if again, _ := s.VoterKey(); !bytes.Equal(again, key) {
		t.Error("the voter key changed across a restart")
	}
	c.advance(DefaultRetention + time.Hour)
	if n, err := s.Prune(); err != nil || n != 2 {
		t.Errorf("Prune removed %d, %v; want the 2 votes", n, err)
	}
}
