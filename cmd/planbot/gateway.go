package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot"
)

// singleConnectionShards is the most shards Discord recommends for a bot one gateway connection
// still serves: it recommends one shard per 1,000 servers and requires sharding from 2,500, so up
// to 2,000 servers (2 recommended) planbot keeps one connection.
const singleConnectionShards = 2

// gateway is the set of gateway connections (shards) this process runs. A nil *gateway is none.
type gateway struct{ sessions []*discordgo.Session }

// openGateway registers the commands (from the process that runs shard 0; see registerCommands)
// and connects b to
// Discord's gateway: shard SHARD_ID of SHARD_COUNT, every shard of SHARD_COUNT when SHARD_ID is
// unset, or Discord's recommended count when SHARD_COUNT is unset and the bot needs sharding.
func openGateway(lg *slog.Logger, cfg Config, transport http.RoundTripper, b *bot.Bot) (*gateway, error) {
	first, appID, err := openSession(cfg, cfg.Token, transport)
	if err != nil {
		return nil, err
	}
	count, ids := shardSet(lg, cfg, first)
	if ids[0] == 0 {
		if _, err := registerCommands(lg, b, first, appID, cfg, ""); err != nil {
			return nil, explainDiscord(err)
		}
	}
	g := &gateway{}
	for i, id := range ids {
		s := first
		if i > 0 {
			s = newSession(cfg, cfg.Token, transport)
		}
		s.ShardID, s.ShardCount = id, count
		b.Attach(s) // before Open, so that no event is missed; it logs Ready with the server count
		if err := s.Open(); err != nil {
			g.close(lg)
			return nil, explainDiscord(fmt.Errorf("connect to Discord's gateway (shard %d of %d): %w", id, count, err))
		}
		g.sessions = append(g.sessions, s)
	}
	lg.Info("gateway connected", "application", appID, "shards", ids, "shard_count", count)
	return g, nil
}

// shardSet returns the shard count and the shard ids this process runs.
func shardSet(lg *slog.Logger, cfg Config, s *discordgo.Session) (count int, ids []int) {
	count = cfg.ShardCount
	if count == 0 {
		count = 1
		if gb, err := s.GatewayBot(); err != nil {
			lg.Warn("could not ask Discord for the recommended shard count; running one shard", "err", err)
		} else if gb.Shards > singleConnectionShards {
			count = gb.Shards
		}
	}
	if cfg.ShardCount > 0 && cfg.shardIDSet {
		return count, []int{cfg.ShardID}
	}
	for id := range count {
		ids = append(ids, id)
	}
	return count, ids
}

// close disconnects every shard.
func (g *gateway) close(lg *slog.Logger) {
	if g == nil {
		return
	}
	for _, s := range g.sessions {
		if err := s.Close(); err != nil {
			lg.Warn("close Discord session", "shard", s.ShardID, "err", err)
		}
	}
}
