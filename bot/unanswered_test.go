package bot

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/records"
	"github.com/planbot/planbot/index"
)

// testClock is a settable clock shared by a bot and its records.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openRecords(t *testing.T, path string, c *testClock) *records.Store {
	t.Helper()
	s, err := records.Open(slog.New(slog.DiscardHandler), path, 0, c.now)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const offTopic = "What is the capital of Australia?"

// An unanswered question and a 👎 show up in /unanswered, survive a restart (the store reopened by
// a new bot), hold no user id or name, and expire after the retention.
func TestE2EUnansweredRecords(t *testing.T) {
	c := &testClock{t: time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "data", "planbot.db")
	store := openRecords(t, path, c)
	e := newE2E(t, Config{Now: c.now})
	e.bot.UseRecords(store)

	if text, _ := e.mustReply(askInteraction(t, snowflake(70, 1), offTopic)); !strings.Contains(text, "don't answer that") {
		t.Fatalf("off-topic question answered:\n%s", text)
	}
	askID := snowflake(70, 2)
	e.mustReply(askInteraction(t, askID, "How many troops would Ukraine's army be capped at?"))
	vote := fixture(t, "button_more.json")
	vote.ID, vote.Token = snowflake(70, 3), "token-vote"
	vote.Data = discordgo.MessageComponentInteractionData{CustomID: voteID(askID, 0, false), ComponentType: discordgo.ButtonComponent}
	if text, _ := e.mustReply(vote); !strings.Contains(text, "Thanks") {
		t.Fatalf("vote: %s", text)
	}

	check := func(e *e2e, n int, wantEmpty bool) {
		t.Helper()
		text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(71, n), "unanswered"))
		if !private {
			t.Error("/unanswered is public")
		}
		if wantEmpty {
			if !strings.Contains(text, "Nothing") || strings.Contains(text, "Australia") {
				t.Errorf("after the retention:\n%s", text)
			}
			return
		}
		for _, want := range []string{"**1×** What is the capital of Australia?", "**1×** How many troops would Ukraine", "Answers marked 👎", "/p", "<t:"} {
			if !strings.Contains(text, want) {
				t.Errorf("/unanswered lacks %q:\n%s", want, text)
			}
		}
	}
	check(e, 1, false)

	// Another server sees none of it.
	other := modCommand(t, "mod_member.json", snowflake(71, 9), "unanswered")
	other.GuildID = "500000000000000009"
	if text, _ := e.mustReply(other); !strings.Contains(text, "Nothing") {
		t.Errorf("another server sees this one's records:\n%s", text)
	}

	// Restart: close the file, open it again under a new bot.
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"200000000000000001", "alice", "Alice", "200000000000000003", "carol"} {
		if strings.Contains(string(raw), who) {
			t.Errorf("the records file holds %q, which identifies a user", who)
		}
	}
	store = openRecords(t, path, c)
	defer store.Close()
	e2 := newE2E(t, Config{Now: c.now})
	e2.bot.UseRecords(store)
	check(e2, 2, false)

	c.advance(records.DefaultRetention + time.Hour)
	if n, err := store.Prune(); err != nil || n != 2 {
		t.Errorf("prune removed %d, %v; want 2", n, err)
	}
	check(e2, 3, true)
}

// Mentions, DMs and replies are recorded when unanswered; chatter in an answer channel is not.
func TestRecordsOnlyQuestionsPutToTheBot(t *testing.T) {
	rec := &observed{}
	b, eng, r := testBot(t, Config{AnswerChannels: []string{channelID}})
	b.SetAnswerObserver(rec)
	eng.answer = func(q string, o index.Options) (index.Answer, error) {
		return index.Answer{Question: q, Reason: index.ReasonNotCovered}, nil
	}
	b.handleMessage(context.Background(), r, botID, userMessage("800000000000000011", "What is the capital of Australia?"))
	if len(rec.all()) != 0 {
		t.Errorf("answer-channel chatter recorded: %+v", rec.all())
	}
	b.handleMessage(context.Background(), r, botID, userMessage("800000000000000012", "<@"+botID+"> What is the capital of Australia?"))
	got := rec.all()
	if len(got) != 1 || got[0].Question != offTopic || got[0].Answered || got[0].GuildID != guildID || got[0].ChannelID != channelID {
		t.Errorf("mention recorded as %+v", got)
	}
}

type observed struct{ recording[AnsweredQuestion] }

func (o *observed) ObserveAnswer(ctx context.Context, a AnsweredQuestion) { o.add(a) }

// A question that names someone is recorded without the mention.
func TestRecordableDropsUserMentions(t *testing.T) {
	if got := recordable("<@!200000000000000001> and <@200000000000000002> asked: what about NATO?"); strings.Contains(got, "2000") {
		t.Errorf("recordable kept a user id: %q", got)
	}
}

func TestUnansweredWithoutRecords(t *testing.T) {
	b, _, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, modCommand(t, "mod_member.json", snowflake(72, 1), "unanswered"))
	if got := onlyCall(t, r).Resp.Data.Content; !strings.Contains(got, "DATA_DIR") {
		t.Errorf("reply: %q", got)
	}
}
