package records

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Votes are kept apart from the other records: one per member and answer page, replaced when the
// member changes it, so pressing 👎 ten times counts once. A member is known only by a keyed hash
// (Vote.Voter); the key (VoterKey) never leaves this file.

var (
	votesBucket = []byte("votes")
	metaBucket  = []byte("meta")
	voterKeyKey = []byte("voter-key")
)

// voterKeySize is the size of the hash key: 256 bits, as for HMAC-SHA256.
const voterKeySize = 32

// KindLiked is how Top reports 👍 votes; their 👎 counterpart is KindDisliked.
const KindLiked Kind = "liked"

// Vote is one member's 👍 or 👎 on one page of an answer.
type Vote struct {
	Time       time.Time
	Up         bool
	Answer     string // the answer's key and page, e.g. "1200000000000000001@0"
	Voter      string // a keyed hash of the member (see VoterKey), never their id
	GuildID    string // "" in direct messages
	ChannelID  string
	Question   string
	ExcerptIDs []string // passages the page showed
}

type voteValue struct {
	Unix       int64    `json:"t"`
	Up         bool     `json:"up"`
	GuildID    string   `json:"guild,omitempty"`
	ChannelID  string   `json:"channel,omitempty"`
	Question   string   `json:"question"`
	ExcerptIDs []string `json:"excerpts,omitempty"`
}

// VoterKey returns the secret key voters are hashed with, creating it on first use. It lives in
// the records file, so a member's vote is still theirs after a restart. Errors are the file's.
func (s *Store) VoterKey() ([]byte, error) {
	var key []byte
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(metaBucket)
		if err != nil {
			return err
		}
		if k := b.Get(voterKeyKey); len(k) == voterKeySize {
			key = append([]byte(nil), k...)
			return nil
		}
		key = make([]byte, voterKeySize)
		_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms
		return b.Put(voterKeyKey, key)
	})
	if err != nil {
		return nil, fmt.Errorf("voter key: %w", err)
	}
	return key, nil
}

// AddVote stores v, replacing the same voter's earlier vote on the same answer page. It reports
// whether anything changed: false when the voter had already voted the same way. Errors: an empty
// answer, voter or question, or the file's.
func (s *Store) AddVote(v Vote) (changed bool, err error) {
	v, err = prepareVote(v, s.now)
	if err != nil {
		return false, err
	}
	raw, err := json.Marshal(voteValue{Unix: v.Time.UnixNano(), Up: v.Up, GuildID: v.GuildID, ChannelID: v.ChannelID,
		Question: v.Question, ExcerptIDs: v.ExcerptIDs})
	if err != nil {
		return false, fmt.Errorf("add vote: %w", err)
	}
	key := []byte(v.Answer + "\x00" + v.Voter)
	err = s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(votesBucket)
		if err != nil {
			return err
		}
		if old := b.Get(key); old != nil {
			var was voteValue
			if json.Unmarshal(old, &was) == nil && was.Up == v.Up {
				return nil
			}
		}
		changed = true
		return b.Put(key, raw)
	})
	if err != nil {
		return false, fmt.Errorf("add vote: %w", err)
	}
	return changed, nil
}

// eachVote calls f with every readable vote since since, of guildID ("" for all), in a read
// transaction. An unreadable vote is logged and skipped.
func (s *Store) eachVote(tx *bolt.Tx, since time.Time, guildID string, f func(v voteValue)) {
	b := tx.Bucket(votesBucket)
	if b == nil {
		return
	}
	_ = b.ForEach(func(k, raw []byte) error {
		var v voteValue
		if err := json.Unmarshal(raw, &v); err != nil {
			s.lg.Warn("records: skipping unreadable vote", "err", err)
			return nil
		}
		if time.Unix(0, v.Unix).Before(since) || (guildID != "" && v.GuildID != guildID) {
			return nil
		}
		f(v)
		return nil
	})
}

// pruneVotes removes votes older than limit and reports how many.
func pruneVotes(tx *bolt.Tx, limit time.Time) (int, error) {
	b := tx.Bucket(votesBucket)
	if b == nil {
		return 0, nil
	}
	var old [][]byte
	_ = b.ForEach(func(k, raw []byte) error {
		var v voteValue
		if json.Unmarshal(raw, &v) != nil || time.Unix(0, v.Unix).Before(limit) {
			old = append(old, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(old), nil
}

// voteKind is the kind Top reports a vote under.
func voteKind(up bool) Kind {
	if up {
		return KindLiked
	}
	return KindDisliked
}
