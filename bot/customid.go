package bot

import (
	"strconv"
	"strings"
)

// Button custom_id prefixes. A custom_id is "prefix:key:arg": the key names a remembered question
// (the id of the interaction or message that asked it, a snowflake of at most 20 digits), so every
// id stays far below Discord's 100 characters whatever the question.
const (
	prefixMore    = "more"
	prefixSources = "src"
	prefixVote    = "vote"
	prefixPage    = "page"
)

// answerID is a button id carrying a key and a number (an excerpt offset or a page).
func answerID(prefix, key string, n int) string {
	return prefix + ":" + key + ":" + strconv.Itoa(n)
}

// parseAnswerID reads what answerID wrote; ok is false for anything malformed, which a user
// cannot send but a stale client or a changed format can.
func parseAnswerID(id string) (key string, n int, ok bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 3 || !validKey(parts[1]) {
		return "", 0, false
	}
	n, err := strconv.Atoi(parts[2])
	if err != nil || n < 0 || n > 10000 {
		return "", 0, false
	}
	return parts[1], n, true
}

func voteID(key string, up bool) string {
	if up {
		return prefixVote + ":" + key + ":up"
	}
	return prefixVote + ":" + key + ":down"
}

func parseVoteID(id string) (key string, up, ok bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 3 || parts[0] != prefixVote || !validKey(parts[1]) {
		return "", false, false
	}
	switch parts[2] {
	case "up":
		return parts[1], true, true
	case "down":
		return parts[1], false, true
	}
	return "", false, false
}

func validKey(k string) bool {
	if k == "" || len(k) > 32 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	return true
}
