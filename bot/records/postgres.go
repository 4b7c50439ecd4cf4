package records

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres keeps the records and votes in PostgreSQL tables, so that every replica of the bot writes to
// one store and /unanswered on any of them lists them all. It has Store's methods and behaviour;
// its methods are safe for concurrent use, from one process or many.
type Postgres struct {
	lg        *slog.Logger
	pool      *pgxpool.Pool
	retention time.Duration
	now       func() time.Time
}

// connectTimeout bounds connecting and creating the table at start.
const connectTimeout = 10 * time.Second

// schemaLock is the advisory lock id that serialises creating the table: replicas starting
// together would otherwise race inside CREATE TABLE IF NOT EXISTS.
const schemaLock = 0x706c616e626f74 // "planbot"

const schema = `
CREATE TABLE IF NOT EXISTS planbot_records (
	id          bigserial   PRIMARY KEY,
	at          timestamptz NOT NULL,
	kind        text        NOT NULL,
	guild_id    text        NOT NULL DEFAULT '',
	channel_id  text        NOT NULL DEFAULT '',
	question    text        NOT NULL,
	excerpt_ids text[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS planbot_records_at ON planbot_records (at);
CREATE TABLE IF NOT EXISTS planbot_votes (
	answer      text        NOT NULL,
	voter       text        NOT NULL,
	at          timestamptz NOT NULL,
	up          boolean     NOT NULL,
	guild_id    text        NOT NULL DEFAULT '',
	channel_id  text        NOT NULL DEFAULT '',
	question    text        NOT NULL,
	excerpt_ids text[]      NOT NULL DEFAULT '{}',
	PRIMARY KEY (answer, voter)
);
CREATE INDEX IF NOT EXISTS planbot_votes_at ON planbot_votes (at);
CREATE TABLE IF NOT EXISTS planbot_meta (
	key   text  PRIMARY KEY,
	value bytea NOT NULL
);`

// OpenPostgres connects to the database at url (postgres://user:password@host:port/db), creates
// the records table if it is missing, drops records older than retention (DefaultRetention when
// ≤ 0) and returns the store. now is the clock (time.Now when nil). Errors never contain url,
// which may hold a password.
func OpenPostgres(ctx context.Context, lg *slog.Logger, url string, retention time.Duration, now func() time.Time) (*Postgres, error) {
	if retention <= 0 {
		retention = DefaultRetention
	}
	if now == nil {
		now = time.Now
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open records database: DATABASE_URL is not a valid PostgreSQL URL")
	}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open records database: %w", err)
	}
	s := &Postgres{lg: lg, pool: pool, retention: retention, now: now}
	if err := s.createTable(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open records database %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	if n, err := s.Prune(); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open records database: %w", err)
	} else if n > 0 {
		lg.Info("records pruned", "removed", n, "retention", retention)
	}
	return s, nil
}

func (s *Postgres) createTable(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(schemaLock)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, schema); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Close closes the connections.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// opTimeout bounds one query: the bot must not hang on a database that stopped answering.
const opTimeout = 10 * time.Second

// Add stores r. A zero Time means now. Errors: an unknown Kind, an empty question, or the database's.
func (s *Postgres) Add(r Record) error {
	r, err := prepare(r, s.now)
	if err != nil {
		return err
	}
	ids := r.ExcerptIDs
	if ids == nil {
		ids = []string{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	_, err = s.pool.Exec(ctx, `INSERT INTO planbot_records (at, kind, guild_id, channel_id, question, excerpt_ids)
		VALUES ($1, $2, $3, $4, $5, $6)`, r.Time.UTC(), string(r.Kind), r.GuildID, r.ChannelID, r.Question, ids)
	if err != nil {
		return fmt.Errorf("add record: %w", err)
	}
	return nil
}

// Prune removes records and votes older than the retention and reports how many.
func (s *Postgres) Prune() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	limit := s.now().Add(-s.retention).UTC()
	n := 0
	for _, q := range []string{"DELETE FROM planbot_records WHERE at < $1", "DELETE FROM planbot_votes WHERE at < $1"} {
		tag, err := s.pool.Exec(ctx, q, limit)
		if err != nil {
			return 0, fmt.Errorf("prune records: %w", err)
		}
		n += int(tag.RowsAffected())
	}
	return n, nil
}

// VoterKey returns the secret key voters are hashed with, creating it on first use. Every replica
// gets the same key, so a member's vote is theirs on any of them. Errors are the database's.
func (s *Postgres) VoterKey() ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	key := make([]byte, voterKeySize)
	_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms
	// The first replica's key wins; the others read it back.
	if _, err := s.pool.Exec(ctx, "INSERT INTO planbot_meta (key, value) VALUES ('voter-key', $1) ON CONFLICT (key) DO NOTHING", key); err != nil {
		return nil, fmt.Errorf("voter key: %w", err)
	}
	if err := s.pool.QueryRow(ctx, "SELECT value FROM planbot_meta WHERE key = 'voter-key'").Scan(&key); err != nil {
		return nil, fmt.Errorf("voter key: %w", err)
	}
	return key, nil
}

// AddVote stores v, replacing the same voter's earlier vote on the same answer page. It reports
// whether anything changed: false when the voter had already voted the same way. Errors: an empty
// answer, voter or question, or the database's.
func (s *Postgres) AddVote(v Vote) (changed bool, err error) {
	v, err = prepareVote(v, s.now)
	if err != nil {
		return false, err
	}
	ids := v.ExcerptIDs
	if ids == nil {
		ids = []string{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `INSERT INTO planbot_votes AS old (answer, voter, at, up, guild_id, channel_id, question, excerpt_ids)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (answer, voter) DO UPDATE SET at = EXCLUDED.at, up = EXCLUDED.up, guild_id = EXCLUDED.guild_id,
			channel_id = EXCLUDED.channel_id, question = EXCLUDED.question, excerpt_ids = EXCLUDED.excerpt_ids
		WHERE old.up <> EXCLUDED.up`,
		v.Answer, v.Voter, v.Time.UTC(), v.Up, v.GuildID, v.ChannelID, v.Question, ids)
	if err != nil {
		return false, fmt.Errorf("add vote: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// RunPruner prunes every interval (DefaultPruneEvery when ≤ 0) until ctx is done. Errors are logged.
func (s *Postgres) RunPruner(ctx context.Context, every time.Duration) {
	runPruner(ctx, s.lg, every, s.Prune)
}

// Top groups the records since since (of one guild, or all when guildID is "") by kind and
// normalised question, and returns the n most frequent (all when n ≤ 0), ties broken by the most
// recent: exactly as Store.Top does.
func (s *Postgres) Top(since time.Time, guildID string, n int) ([]Entry, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	g := newGrouping()
	err := s.eachRow(ctx, g, `SELECT at, kind, question, excerpt_ids FROM planbot_records
		WHERE at >= $1 AND ($2 = '' OR guild_id = $2) ORDER BY at, id`, since, guildID)
	if err == nil {
		err = s.eachRow(ctx, g, `SELECT at, CASE WHEN up THEN '`+string(KindLiked)+`' ELSE '`+string(KindDisliked)+`' END,
			question, excerpt_ids FROM planbot_votes WHERE at >= $1 AND ($2 = '' OR guild_id = $2) ORDER BY at`, since, guildID)
	}
	if err != nil {
		return nil, fmt.Errorf("top records: %w", err)
	}
	return g.top(n), nil
}

// eachRow feeds the (at, kind, question, excerpt_ids) rows of query to g.
func (s *Postgres) eachRow(ctx context.Context, g *grouping, query string, since time.Time, guildID string) error {
	rows, err := s.pool.Query(ctx, query, since.UTC(), guildID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			at       time.Time
			kind     string
			question string
			ids      []string
		)
		if err := rows.Scan(&at, &kind, &question, &ids); err != nil {
			return err
		}
		if len(ids) == 0 {
			ids = nil
		}
		g.add(at.UTC(), Kind(kind), question, ids)
	}
	return rows.Err()
}
