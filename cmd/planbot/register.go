package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/planbot/planbot/bot"
)

var registerCommand = command{
	name:    "register",
	summary: "register the slash commands without serving",
	usage: `Usage: planbot register [--guild ID] [--clear-guild ID] [--dry-run]

Replaces the application's slash commands with planbot's in one bulk overwrite: in one server
with --guild (or DISCORD_GUILD_ID), where they appear at once, or globally, where members can
also install planbot on their own account. Needs DISCORD_TOKEN. Registering globally also removes
the copies of the server last registered in with --guild (remembered in DATA_DIR), which would
otherwise show every command twice there.

Flags:
  --guild ID        register in this server only (default $DISCORD_GUILD_ID)
  --clear-guild ID  also remove the commands registered in this server
  --dry-run         print the JSON body of the overwrite instead of sending it; needs no token
`,
	run: runRegister,
}

func runRegister(ctx context.Context, c *cli, args []string) (err error) {
	fs := newFlagSet("register")
	guild := fs.String("guild", c.getenv("DISCORD_GUILD_ID"), "")
	clearGuild := fs.String("clear-guild", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", clip(rest[0]))
	}
	if *guild != "" {
		if msg := checkSnowflake(*guild); msg != "" {
			return usagef("--guild %q %s", clip(*guild), msg)
		}
	}
	if *clearGuild != "" {
		if msg := checkSnowflake(*clearGuild); msg != "" {
			return usagef("--clear-guild %q %s", clip(*clearGuild), msg)
		}
		if *clearGuild == *guild {
			return usagef("--clear-guild %s is the server --guild registers in", *clearGuild)
		}
	}
	if *dryRun {
		// The exact body discordgo's ApplicationCommandBulkOverwrite sends.
		cmds := bot.Commands()
		if *guild != "" {
			cmds = bot.GuildCommands()
		}
		body, err := json.Marshal(cmds)
		if err != nil {
			return fmt.Errorf("encode commands: %w", err)
		}
		_, err = fmt.Fprintf(c.stdout, "%s\n", body)
		return err
	}

	cfg, err := loadConfig(func(k string) string {
		if k == "DISCORD_GUILD_ID" {
			return *guild
		}
		return c.getenv(k)
	})
	if err != nil {
		return err
	}
	if cfg.Token == "" { // set INTERACTIONS_ADDR lets serve run without it; registering needs it
		return errors.New(tokenHelp)
	}
	defer func() { err = redactError(err, cfg.Token) }()
	lg := newLogger(newRedactWriter(c.stderr, cfg.Token), cfg.LogLevel)
	s, appID, err := openSession(cfg, cfg.Token, c.transport)
	if err != nil {
		return err
	}
	// Registering needs no answer engine.
	cleared, err := registerCommands(lg, bot.New(lg, nil, botConfig(cfg)), s, appID, cfg, *clearGuild)
	if err != nil {
		return explainDiscord(err)
	}
	where := "globally (may take a while to appear everywhere)"
	if cfg.GuildID != "" {
		where = "in server " + cfg.GuildID
	}
	fmt.Fprintf(c.stdout, "registered %d commands for application %s %s%s\n", len(bot.Commands()), appID, where, clearedText(cleared))
	return nil
}
