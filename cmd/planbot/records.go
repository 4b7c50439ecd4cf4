package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/planbot/planbot/bot/records"
)

// recordsFile is the records' bbolt file inside DATA_DIR.
const recordsFile = "planbot.db"

// recordsStore is what serve needs of either records engine: bbolt in DATA_DIR, or PostgreSQL.
type recordsStore interface {
	Add(r records.Record) error
	AddVote(v records.Vote) (changed bool, err error)
	VoterKey() ([]byte, error)
	Top(since time.Time, guildID string, n int) ([]records.Entry, error)
	RunPruner(ctx context.Context, every time.Duration)
	Close() error
}

var (
	_ recordsStore = (*records.Store)(nil)
	_ recordsStore = (*records.Postgres)(nil)
)

// openRecords opens PostgreSQL at DATABASE_URL when it is set, shared by every replica, else the
// bbolt file in DATA_DIR, which one process at a time may hold.
func openRecords(ctx context.Context, lg *slog.Logger, cfg Config) (recordsStore, error) {
	if cfg.DatabaseURL != "" {
		s, err := records.OpenPostgres(ctx, lg, cfg.DatabaseURL.reveal(), cfg.RecordsRetention, nil)
		if err != nil {
			return nil, fmt.Errorf("%w (DATABASE_URL)", err)
		}
		return s, nil
	}
	s, err := records.Open(lg, filepath.Join(cfg.DataDir, recordsFile), cfg.RecordsRetention, nil)
	if errors.Is(err, records.ErrInUse) {
		return nil, fmt.Errorf("%w (DATA_DIR=%s; is another planbot using it? replicas share DATABASE_URL instead)", err, cfg.DataDir)
	}
	if err != nil {
		return nil, fmt.Errorf("%w (DATA_DIR=%s)", err, cfg.DataDir)
	}
	return s, nil
}
