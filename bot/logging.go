package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

var (
	discordgoLog     atomic.Pointer[slog.Logger]
	discordgoLogOnce sync.Once
)

// routeDiscordgoLogs sends discordgo's own logging into lg. discordgo.Logger is a package global
// that its goroutines read, so it is set once and the logger behind it swapped atomically.
func routeDiscordgoLogs(lg *slog.Logger) {
	discordgoLog.Store(lg.With("component", "discordgo"))
	discordgoLogOnce.Do(func() {
		discordgo.Logger = func(msgL, caller int, format string, a ...any) {
			lg := discordgoLog.Load()
			if lg == nil {
				return
			}
			lg.Log(context.Background(), discordgoLevel(msgL), redactURLTokens(fmt.Sprintf(format, a...)))
		}
	})
}

func discordgoLevel(l int) slog.Level {
	switch l {
	case discordgo.LogError:
		return slog.LevelError
	case discordgo.LogWarning:
		return slog.LevelWarn
	case discordgo.LogInformational:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

// urlToken matches the interaction token in a webhook or callback URL, which discordgo logs when
// it retries or is rate limited: /webhooks/{application id}/{token}, /interactions/{id}/{token}.
var urlToken = regexp.MustCompile(`(/(?:webhooks|interactions)/\d+/)[^/\s?"]+`)

// redactURLTokens hides interaction tokens in the URLs of a log line.
func redactURLTokens(s string) string {
	return urlToken.ReplaceAllString(s, "${1}[interaction token]")
}
