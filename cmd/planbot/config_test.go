package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	const guild, channel, role = "222222222222222222", "333333333333333333", "444444444444444444"
	tests := []struct {
		name string
		env  map[string]string
		want []string // all in the one error; none → no error
	}{
		{"minimal", map[string]string{"DISCORD_TOKEN": testToken}, nil},
		{"everything", map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_GUILD_ID": guild,
			"LOG_LEVEL": "DEBUG", "ANSWER_CHANNELS": channel + ", " + channel, "MOD_ROLE_IDS": role + ",",
			"CORPUS_DIR": "c", "INDEX_DIR": "i", "DATA_DIR": "d"}, nil},
		{"Bot prefix pasted", map[string]string{"DISCORD_TOKEN": "Bot " + testToken}, nil},
		{"no token", map[string]string{}, []string{"DISCORD_TOKEN is not set",
			"developer portal", "Bot → Reset Token", ".env as DISCORD_TOKEN", "planbot ask"}},
		{"placeholder token", map[string]string{"DISCORD_TOKEN": tokenPlaceholder}, []string{"still the placeholder"}},
		{"token with a space", map[string]string{"DISCORD_TOKEN": testToken + " x"}, []string{"contains spaces"}},
		{"bad guild", map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_GUILD_ID": "my-server"},
			[]string{`DISCORD_GUILD_ID "my-server" is not a Discord id`}},
		{"short guild", map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_GUILD_ID": "1234"},
			[]string{`DISCORD_GUILD_ID "1234" is not a Discord id`}},
		{"bad level", map[string]string{"DISCORD_TOKEN": testToken, "LOG_LEVEL": "verbose"},
			[]string{`LOG_LEVEL "verbose" must be debug, info, warn or error`}},
		{"bad list entries", map[string]string{"DISCORD_TOKEN": testToken, "ANSWER_CHANNELS": channel + ",#general",
			"MOD_ROLE_IDS": "@mods"}, []string{`ANSWER_CHANNELS entry "#general"`, `MOD_ROLE_IDS entry "@mods"`}},
		{"all at once", map[string]string{"DISCORD_GUILD_ID": "x", "LOG_LEVEL": "loud", "ANSWER_CHANNELS": "y",
			"MOD_ROLE_IDS": "z"}, []string{"DISCORD_TOKEN is not set", `DISCORD_GUILD_ID "x"`, `LOG_LEVEL "loud"`,
			`ANSWER_CHANNELS entry "y"`, `MOD_ROLE_IDS entry "z"`}},
		// A token pasted into the wrong variables is never echoed back.
		{"token misplaced", map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_GUILD_ID": testToken,
			"LOG_LEVEL": testToken, "ANSWER_CHANNELS": testToken, "MOD_ROLE_IDS": "1," + testToken},
			[]string{"DISCORD_GUILD_ID (a value that looks like a token)", "LOG_LEVEL", "ANSWER_CHANNELS", "MOD_ROLE_IDS"}},
		{"token misplaced, none set", map[string]string{"DISCORD_GUILD_ID": testToken},
			[]string{"DISCORD_TOKEN is not set", "DISCORD_GUILD_ID (a value that looks like a token)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(func(k string) string { return tt.env[k] })
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if cfg.Token.reveal() != testToken {
					t.Errorf("token not kept (or its Bot prefix not removed)")
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one saying %q", tt.want)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error lacks %q:\n%s", w, msg)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans lines: %q", msg)
			}
			if strings.Contains(msg, "s3cr3t") || strings.Contains(msg, testToken[:20]) {
				t.Errorf("error holds the token: %s", msg)
			}
		})
	}
}

func TestLoadConfigValues(t *testing.T) {
	env := map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_GUILD_ID": " 222222222222222222 ",
		"LOG_LEVEL": "warn", "ANSWER_CHANNELS": "333333333333333333, 555555555555555555", "INDEX_DIR": "idx"}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.GuildID != "222222222222222222" || cfg.LogLevel != slog.LevelWarn || cfg.IndexDir != "idx" ||
		strings.Join(cfg.AnswerChannels, ",") != "333333333333333333,555555555555555555" || cfg.ModRoleIDs != nil {
		t.Errorf("config %v", cfg)
	}
}

func TestTokenNeverPrinted(t *testing.T) {
	cfg := Config{Token: secret(testToken), GuildID: "222222222222222222"}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
		outputs = append(outputs, fmt.Sprintf(verb, cfg), fmt.Sprintf(verb, cfg.Token), fmt.Sprintf(verb, &cfg))
	}
	outputs = append(outputs, cfg.String())
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("x", "config", cfg, "token", cfg.Token)
		outputs = append(outputs, b.String())
	}
	j, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(j))
	for _, o := range outputs {
		if strings.Contains(o, "s3cr3t") || strings.Contains(o, fmt.Sprintf("%x", testToken)[:16]) {
			t.Errorf("token printed: %s", o)
		}
	}
	if !strings.Contains(cfg.String(), "token=[redacted]") {
		t.Errorf("String() = %q, want the token shown as [redacted]", cfg.String())
	}
}

func TestRedactWriter(t *testing.T) {
	var b bytes.Buffer
	w := newRedactWriter(&b, secret(testToken))
	n, err := fmt.Fprintf(w, "Identify Packet: {Token:%q}", "Bot "+testToken)
	if err != nil || n != len(`Identify Packet: {Token:"Bot `)+len(testToken)+2 {
		t.Errorf("Write = %d, %v; want the caller's length", n, err)
	}
	if b.String() != `Identify Packet: {Token:"Bot [redacted]"}` {
		t.Errorf("got %q", b.String())
	}
	if err := redactError(fmt.Errorf("x %s y", testToken), secret(testToken)); err.Error() != "x [redacted] y" {
		t.Errorf("redactError = %q", err)
	}
}

func TestDotEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PLANBOT_TEST_KEPT", "from environment")
	os.Unsetenv("PLANBOT_TEST_ADDED")
	t.Cleanup(func() { os.Unsetenv("PLANBOT_TEST_ADDED") })
	good := filepath.Join(dir, "good.env")
	os.WriteFile(good, []byte("PLANBOT_TEST_KEPT=from file\nPLANBOT_TEST_ADDED=added\n"), 0o600)
	var stderr bytes.Buffer
	if code := loadDotEnv(good, &stderr); code != 0 {
		t.Fatalf("code %d, stderr %q", code, stderr.String())
	}
	if os.Getenv("PLANBOT_TEST_KEPT") != "from environment" || os.Getenv("PLANBOT_TEST_ADDED") != "added" {
		t.Errorf(".env overrode the environment or was not read")
	}
	if code := loadDotEnv(filepath.Join(dir, "missing.env"), &stderr); code != 0 || stderr.Len() != 0 {
		t.Errorf("a missing .env is fine: code %d, stderr %q", code, stderr.String())
	}
	bad := filepath.Join(dir, "bad.env")
	os.WriteFile(bad, []byte("DISCORD_TOKEN "+testToken+"\n"), 0o600)
	code := loadDotEnv(bad, &stderr)
	if code != exitFailure || strings.Contains(stderr.String(), "s3cr3t") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("bad .env: code %d, stderr %q; want one line without the file's text", code, stderr.String())
	}
}

func TestLoadConfigModeratorSettings(t *testing.T) {
	cfg, err := loadConfig(func(k string) string { return map[string]string{"DISCORD_TOKEN": testToken}[k] })
	if err != nil || cfg.DataDir != DefaultDataDir || cfg.RecordsRetention != 30*24*time.Hour || cfg.AllowPrivateURLs || cfg.ThreadAnswers {
		t.Errorf("defaults: %v, %v", cfg, err)
	}
	cfg, err = loadConfig(func(k string) string {
		return map[string]string{"DISCORD_TOKEN": testToken, "DATA_DIR": "/var/lib/planbot",
			"RECORDS_RETENTION_DAYS": "7", "CORPUS_ALLOW_PRIVATE_URLS": "true", "THREAD_ANSWERS": "yes"}[k]
	})
	if err != nil || cfg.DataDir != "/var/lib/planbot" || cfg.RecordsRetention != 7*24*time.Hour || !cfg.AllowPrivateURLs ||
		!cfg.ThreadAnswers || !botConfig(cfg).ThreadAnswers {
		t.Errorf("set: %v, %v", cfg, err)
	}
	_, err = loadConfig(func(k string) string {
		return map[string]string{"DISCORD_TOKEN": testToken, "RECORDS_RETENTION_DAYS": "0", "CORPUS_ALLOW_PRIVATE_URLS": "sure",
			"THREAD_ANSWERS": "maybe"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "RECORDS_RETENTION_DAYS") || !strings.Contains(err.Error(), "CORPUS_ALLOW_PRIVATE_URLS") ||
		!strings.Contains(err.Error(), "THREAD_ANSWERS") {
		t.Errorf("bad values: %v", err)
	}
}
