package main

import (
	"fmt"
	"log/slog"
	"reflect"
	"testing"
)

// Which shards a process runs, from SHARD_COUNT, SHARD_ID and Discord's recommendation.
func TestShardSet(t *testing.T) {
	for _, tc := range []struct {
		env         map[string]string
		recommended int
		count       int
		ids         []int
	}{
		{map[string]string{}, 1, 1, []int{0}},
		{map[string]string{}, 2, 1, []int{0}}, // up to 2,000 servers one connection serves
		{map[string]string{}, 5, 5, []int{0, 1, 2, 3, 4}},
		{map[string]string{"SHARD_COUNT": "4"}, 9, 4, []int{0, 1, 2, 3}},
		{map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "2"}, 9, 4, []int{2}},
		{map[string]string{"SHARD_COUNT": "1", "SHARD_ID": "0"}, 9, 1, []int{0}},
	} {
		f, transport := startFakeDiscord(t, 0)
		f.shards = tc.recommended
		env := map[string]string{"DISCORD_TOKEN": testToken}
		for k, v := range tc.env {
			env[k] = v
		}
		cfg, err := loadConfig(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		count, ids := shardSet(slog.New(slog.DiscardHandler), cfg, newSession(cfg, cfg.Token, transport))
		if got := fmt.Sprint(count); count != tc.count || !reflect.DeepEqual(ids, tc.ids) {
			t.Errorf("%v, %d recommended: %s shards %v, want %d shards %v", tc.env, tc.recommended, got, ids, tc.count, tc.ids)
		}
	}
}
