package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot"
)

// guildMemoryFile, inside DATA_DIR, names the server the commands were last registered in, so a
// later global registration can remove that server's copies: otherwise every command shows twice
// there, once from each registration.
const guildMemoryFile = "registered-guild"

// registerCommands registers b's commands (in cfg.GuildID or globally) and removes the copies
// that would now show twice: those of the server clear (from --clear-guild) and, when registering
// globally, those of the server a guild registration was last made in, remembered in cfg.DataDir.
// It returns the servers it cleared. A failure to clear is an error; a failure to remember is
// logged (the registration itself succeeded).
func registerCommands(lg *slog.Logger, b *bot.Bot, s *discordgo.Session, appID string, cfg Config, clear string) ([]string, error) {
	if err := b.Register(s, appID); err != nil {
		return nil, err
	}
	memory := filepath.Join(cfg.DataDir, guildMemoryFile)
	if cfg.GuildID != "" {
		err := os.MkdirAll(cfg.DataDir, 0o755)
		if err == nil {
			err = os.WriteFile(memory, []byte(cfg.GuildID+"\n"), 0o644)
		}
		if err != nil {
			lg.Warn("could not remember the server the commands are registered in", "error", err)
		}
	}
	var stale []string
	if clear != "" {
		stale = append(stale, clear)
	}
	if cfg.GuildID == "" {
		raw, err := os.ReadFile(memory)
		switch {
		case err == nil:
			if g := strings.TrimSpace(string(raw)); checkSnowflake(g) == "" && g != clear {
				stale = append(stale, g)
			}
		case !errors.Is(err, fs.ErrNotExist):
			lg.Warn("could not read the server the commands were registered in", "error", err)
		}
	}
	for _, g := range stale {
		if err := b.ClearGuild(s, appID, g); err != nil {
			return nil, err
		}
	}
	if cfg.GuildID == "" && len(stale) > 0 {
		if err := os.Remove(memory); err != nil && !errors.Is(err, fs.ErrNotExist) {
			lg.Warn("could not forget the server the commands were registered in", "error", err)
		}
	}
	return stale, nil
}

// clearedText says which servers lost their copies, for register's output.
func clearedText(guilds []string) string {
	if len(guilds) == 0 {
		return ""
	}
	return fmt.Sprintf("; removed the commands registered in server %s", strings.Join(guilds, ", "))
}
