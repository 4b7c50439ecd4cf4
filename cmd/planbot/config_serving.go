package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Serving is the part of Config for the HTTP listener, several replicas and sharding.
type Serving struct {
	InteractionsAddr string            // INTERACTIONS_ADDR: listen address of POST /interactions, /healthz, /metrics
	PublicKey        ed25519.PublicKey // DISCORD_PUBLIC_KEY: the application's public key (hex in the portal)
	ApplicationID    string            // DISCORD_APPLICATION_ID
	MetricsAddr      string            // METRICS_ADDR: /healthz and /metrics when INTERACTIONS_ADDR is unset
	DatabaseURL      secret            // DATABASE_URL: postgres://… for the records; "" → bbolt in DATA_DIR
	// ShardCount and ShardID (SHARD_COUNT, SHARD_ID) pick the gateway shards this process runs;
	// ShardCount 0 means one shard, or Discord's recommended count when the bot is in more than
	// 2,000 servers.
	ShardCount, ShardID int
	shardIDSet          bool // SHARD_ID was given: run that one shard, not all of ShardCount
	// CorpusPoll (CORPUS_POLL, e.g. 10s) is how often CORPUS_DIR is checked for changes made by
	// another replica; 0 → bot.DefaultCorpusPoll.
	CorpusPoll time.Duration
}

// maxCorpusPoll keeps a change on shared storage served within the 30 s replicas promise.
const maxCorpusPoll = 20 * time.Second

// maxShards bounds SHARD_COUNT: Discord's own recommendation is one shard per 1,000 servers.
const maxShards = 4096

// loadServing reads the Serving settings into cfg and returns each problem.
func loadServing(cfg *Config, getenv func(string) string, quote func(string) string) []string {
	var problems []string
	s := &cfg.Serving
	if v := strings.TrimSpace(getenv("INTERACTIONS_ADDR")); v != "" {
		if msg := checkListenAddr(v); msg != "" {
			problems = append(problems, fmt.Sprintf("INTERACTIONS_ADDR %s %s", quote(v), msg))
		}
		s.InteractionsAddr = v
	}
	if v := strings.TrimSpace(getenv("METRICS_ADDR")); v != "" {
		if msg := checkListenAddr(v); msg != "" {
			problems = append(problems, fmt.Sprintf("METRICS_ADDR %s %s", quote(v), msg))
		}
		s.MetricsAddr = v
	}
	if v := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")); v != "" {
		key, err := hex.DecodeString(v)
		if err != nil || len(key) != ed25519.PublicKeySize {
			problems = append(problems, fmt.Sprintf("DISCORD_PUBLIC_KEY %s is not a public key: copy the 64 hex digits of "+
				"Public Key from the developer portal (your application → General Information)", quote(v)))
		} else {
			s.PublicKey = key
		}
	}
	if v := strings.TrimSpace(getenv("DISCORD_APPLICATION_ID")); v != "" {
		if msg := checkSnowflake(v); msg != "" {
			problems = append(problems, fmt.Sprintf("DISCORD_APPLICATION_ID %s %s", quote(v), msg))
		} else {
			s.ApplicationID = v
		}
	}
	if s.InteractionsAddr != "" {
		if s.PublicKey == nil && getenv("DISCORD_PUBLIC_KEY") == "" {
			problems = append(problems, "INTERACTIONS_ADDR needs DISCORD_PUBLIC_KEY (developer portal → your application → General Information → Public Key)")
		}
		if s.ApplicationID == "" && getenv("DISCORD_APPLICATION_ID") == "" {
			problems = append(problems, "INTERACTIONS_ADDR needs DISCORD_APPLICATION_ID (developer portal → your application → General Information → Application ID)")
		}
	}
	if v := strings.TrimSpace(getenv("DATABASE_URL")); v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			// Never quote it back: it usually holds a password.
			problems = append(problems, "DATABASE_URL must be a PostgreSQL URL, postgres://user:password@host:5432/dbname")
		} else {
			s.DatabaseURL = secret(v)
		}
	}
	if v := strings.TrimSpace(getenv("CORPUS_POLL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond || d > maxCorpusPoll {
			problems = append(problems, fmt.Sprintf("CORPUS_POLL %s must be a duration from 100ms to %s, e.g. 10s", quote(v), maxCorpusPoll))
		}
		s.CorpusPoll = d
	}
	count, id := strings.TrimSpace(getenv("SHARD_COUNT")), strings.TrimSpace(getenv("SHARD_ID"))
	if count != "" {
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 || n > maxShards {
			problems = append(problems, fmt.Sprintf("SHARD_COUNT %s must be a whole number from 1 to %d", quote(count), maxShards))
		}
		s.ShardCount = n
	}
	if id != "" {
		n, err := strconv.Atoi(id)
		switch {
		case count == "":
			problems = append(problems, "SHARD_ID needs SHARD_COUNT")
		case err != nil || n < 0 || (s.ShardCount > 0 && n >= s.ShardCount):
			problems = append(problems, fmt.Sprintf("SHARD_ID %s must be a whole number from 0 to SHARD_COUNT-1", quote(id)))
		}
		s.ShardID, s.shardIDSet = n, true
	}
	return problems
}

// checkListenAddr returns why v is not a listen address (host:port or :port), or "".
func checkListenAddr(v string) string {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return "is not a listen address such as :8080 or 127.0.0.1:8080"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "has no valid port (0–65535)"
	}
	return ""
}
