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
	// prefixFollowUp is the Follow up button; prefixFollowUpForm the modal it opens, whose
	// custom_id carries the same key and offset.
	prefixFollowUp     = "fu"
	prefixFollowUpForm = "fuq"
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

// voteID is a 👍/👎 button id: "vote:key:offset:up". The offset says which page of the answer the
// vote is on, so a 👎 records the passages that page showed.
func voteID(key string, offset int, up bool) string {
	dir := "down"
	if up {
		dir = "up"
	}
	return prefixVote + ":" + key + ":" + strconv.Itoa(offset) + ":" + dir
}

// parseVoteID reads what voteID wrote, and the older "vote:key:up" (offset 0) that answers posted
// before pages were recorded still carry.
func parseVoteID(id string) (key string, offset int, up, ok bool) {
	parts := strings.Split(id, ":")
	if len(parts) == 3 {
		parts = []string{parts[0], parts[1], "0", parts[2]}
	}
	if len(parts) != 4 || parts[0] != prefixVote || !validKey(parts[1]) {
		return "", 0, false, false
	}
	offset, err := strconv.Atoi(parts[2])
	if err != nil || offset < 0 || offset > 10000 {
		return "", 0, false, false
	}
	switch parts[3] {
	case "up":
		return parts[1], offset, true, true
	case "down":
		return parts[1], offset, false, true
	}
	return "", 0, false, false
}

// shownKey names the passages shown on one page of an answer.
func shownKey(key string, offset int) string { return key + "@" + strconv.Itoa(offset) }

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
