package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// fakeEngine is a hand-written answerer: canned answers, and a record of what it was asked.
type fakeEngine struct {
	mu      sync.Mutex
	asked   []string
	opts    []index.Options
	answer  func(q string, o index.Options) (index.Answer, error)
	delay   time.Duration
	held    <-chan struct{} // when set, answers and searches wait for it to close (or ctx)
	panicOn string
	docs    []index.DocumentInfo
}

// holdUntilDeferred makes eng's answers wait until r has received the deferral of the slow
// interaction, so that a test of the deferred path takes it whatever the machine's load; a fixed
// engine delay only races the dispatcher's timer.
func holdUntilDeferred(eng *fakeEngine, r *recorder) {
	held := make(chan struct{})
	eng.mu.Lock()
	eng.held = held
	eng.mu.Unlock()
	r.mu.Lock()
	r.onRespond = sync.OnceFunc(func() { close(held) })
	r.mu.Unlock()
}

// wait blocks for the engine's delay and hold, or until ctx ends.
func (f *fakeEngine) wait(ctx context.Context) error {
	f.mu.Lock()
	delay, held := f.delay, f.held
	f.mu.Unlock()
	if held != nil {
		select {
		case <-held:
		case <-time.After(60 * time.Second): // never deferred: let the test fail, not hang
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{
		docs: []index.DocumentInfo{
			{ID: "reuters-zelenskyy-ready", Title: "Zelenskyy ready to work on US plan", Outlet: "Reuters", Published: "2025-11-21", URL: "https://example.org/reuters", Passages: 12, Opening: "Ukraine's President said on Friday…"},
			{ID: "wikipedia-us-peace-plan", Title: "2025 US peace plan for Ukraine", Published: "2025-11-24", URL: "https://example.org/wiki", Passages: 40},
		},
	}
}

const armyText = "The plan would cap Ukraine's army at 600,000 troops."

func cannedAnswer(q string, o index.Options) index.Answer {
	return index.Answer{
		Question: q, Answered: true, Confident: true, Confidence: 0.9, More: o.Offset == 0,
		Excerpts: []index.Excerpt{
			{Citation: index.Citation{DocID: "wikipedia-us-peace-plan", Title: "2025 US peace plan for Ukraine", Published: "2025-11-24", URL: "https://example.org/wiki"}, Text: armyText, Spans: []index.Span{spanOf(armyText, "army"), spanOf(armyText, "rm"), spanOf(armyText, "600,000")}},
			{Citation: index.Citation{DocID: "reuters-zelenskyy-ready", Title: "Zelenskyy ready to work on US plan", Outlet: "Reuters", Published: "2025-11-21", URL: "https://example.org/reuters"}, Text: "Zelenskyy said Ukraine faced a *very* difficult choice.", Spans: []index.Span{{Start: 0, End: 9}}},
		},
	}
}

func (f *fakeEngine) Answer(ctx context.Context, q string, o index.Options) (index.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.opts = append(f.opts, o)
	answer, panicOn := f.answer, f.panicOn
	f.mu.Unlock()
	if panicOn != "" && q == panicOn {
		panic("fake engine exploded")
	}
	if err := f.wait(ctx); err != nil {
		return index.Answer{}, err
	}
	if answer != nil {
		return answer(q, o)
	}
	if q == "" {
		return index.Answer{Question: q, Reason: index.ReasonEmpty, Suggestions: []string{"What does the plan say about NATO?"}}, nil
	}
	return cannedAnswer(q, o), nil
}

func (f *fakeEngine) lastOptions() index.Options {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.opts) == 0 {
		return index.Options{}
	}
	return f.opts[len(f.opts)-1]
}

func (f *fakeEngine) questions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

func (f *fakeEngine) Search(ctx context.Context, q string, o index.SearchOptions) (index.SearchResult, error) {
	if err := f.wait(ctx); err != nil {
		return index.SearchResult{}, err
	}
	return index.SearchResult{Query: q, Total: 7, Page: max(o.Page, 1), Pages: 2, Hits: []index.Hit{
		{Citation: index.Citation{PassageID: "wikipedia-us-peace-plan/p03", DocID: "wikipedia-us-peace-plan", Title: "2025 US peace plan for Ukraine", URL: "https://example.org/wiki"}, Text: armyText, Spans: []index.Span{spanOf(armyText, "army")}},
	}}, nil
}

func (f *fakeEngine) Documents() []index.DocumentInfo { return f.docs }

func (f *fakeEngine) Document(id string) (index.DocumentInfo, bool) {
	for _, d := range f.docs {
		if d.ID == id {
			return d, true
		}
	}
	return index.DocumentInfo{}, false
}

func (f *fakeEngine) Provisions(t corpus.Topic) []index.Excerpt {
	return []index.Excerpt{{Citation: index.Citation{DocID: "wikipedia-us-peace-plan", Title: "2025 US peace plan for Ukraine"}, Text: "Ukraine's armed forces will be limited to 600,000 personnel.", Provision: &corpus.Provision{Number: 6, Topic: corpus.TopicMilitary}}}
}

func (f *fakeEngine) Timeline() []index.Event {
	return []index.Event{{Date: time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC), Excerpt: index.Excerpt{Citation: index.Citation{DocID: "reuters-zelenskyy-ready", Title: "Zelenskyy ready", Outlet: "Reuters"}, Text: "The plan was handed to Kyiv on 20 November."}}}
}

// recording keeps what a hand-written fake received, safe for the bot's goroutines.
type recording[T any] struct {
	mu  sync.Mutex
	got []T
}

func (r *recording[T]) add(v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, v)
}

// all is a copy of what was received so far, in order.
func (r *recording[T]) all() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.got...)
}

// recorder is a hand-written responder that keeps every call, as Discord would receive it.
type recorder struct {
	recording[call]
	mu        sync.Mutex
	nextID    int
	messages  map[string]*discordgo.Message // what ChannelMessage returns
	onRespond func()                        // called on each InteractionRespond, if set
}

type call struct {
	Method  string // the responder method
	Resp    *discordgo.InteractionResponse
	Edit    *discordgo.WebhookEdit
	Params  *discordgo.WebhookParams
	Send    *discordgo.MessageSend
	Channel string
}

func (r *recorder) InteractionRespond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, _ ...discordgo.RequestOption) error {
	r.add(call{Method: "respond", Resp: resp})
	r.mu.Lock()
	on := r.onRespond
	r.mu.Unlock()
	if on != nil {
		on()
	}
	return nil
}

func (r *recorder) InteractionResponseEdit(i *discordgo.Interaction, e *discordgo.WebhookEdit, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.add(call{Method: "edit", Edit: e})
	return &discordgo.Message{ID: "1"}, nil
}

func (r *recorder) InteractionResponseDelete(i *discordgo.Interaction, _ ...discordgo.RequestOption) error {
	r.add(call{Method: "delete"})
	return nil
}

func (r *recorder) FollowupMessageCreate(i *discordgo.Interaction, wait bool, p *discordgo.WebhookParams, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.add(call{Method: "followup", Params: p})
	return &discordgo.Message{ID: "2"}, nil
}

func (r *recorder) ChannelMessageSendComplex(ch string, m *discordgo.MessageSend, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.mu.Lock()
	r.nextID++
	id := 900000000000000000 + r.nextID
	r.mu.Unlock()
	r.add(call{Method: "send", Send: m, Channel: ch})
	return &discordgo.Message{ID: itoa(id), ChannelID: ch, Author: &discordgo.User{ID: botID, Bot: true}, Embeds: m.Embeds}, nil
}

func (r *recorder) ChannelMessage(ch, id string, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.add(call{Method: "get", Channel: ch})
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.messages[id]; ok {
		return m, nil
	}
	return nil, errors.New("404 Not Found")
}

func (r *recorder) UserChannelCreate(user string, _ ...discordgo.RequestOption) (*discordgo.Channel, error) {
	r.add(call{Method: "dm", Channel: user})
	return &discordgo.Channel{ID: "4" + user[1:], Type: discordgo.ChannelTypeDM}, nil
}

func (r *recorder) Channel(id string, _ ...discordgo.RequestOption) (*discordgo.Channel, error) {
	r.add(call{Method: "channel", Channel: id})
	return nil, errors.New("404 Not Found")
}

func (r *recorder) MessageThreadStartComplex(ch, id string, d *discordgo.ThreadStart, _ ...discordgo.RequestOption) (*discordgo.Channel, error) {
	r.add(call{Method: "thread", Channel: ch})
	return &discordgo.Channel{ID: id, ParentID: ch, Type: discordgo.ChannelTypeGuildPublicThread}, nil
}

func (r *recorder) ChannelTyping(ch string, _ ...discordgo.RequestOption) error {
	r.add(call{Method: "typing", Channel: ch})
	return nil
}

const botID = "100000000000000001"

func itoa(n int) string { return strconv.Itoa(n) }

// spanOf marks the first occurrence of word in text.
func spanOf(text, word string) index.Span {
	i := strings.Index(text, word)
	return index.Span{Start: i, End: i + len(word)}
}

// testBot is a bot on the fake engine with a log that goes to the test.
func testBot(t testing.TB, cfg Config) (*Bot, *fakeEngine, *recorder) {
	t.Helper()
	eng := newFakeEngine()
	b := newBot(slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})), eng, cfg)
	b.botID.Store(botID)
	return b, eng, &recorder{messages: map[string]*discordgo.Message{}}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

// fixture reads testdata/name as Discord would deliver it.
func fixture(t testing.TB, name string) *discordgo.InteractionCreate {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var ic discordgo.InteractionCreate
	if err := json.Unmarshal(raw, &ic); err != nil {
		t.Fatalf("unmarshal %s: %v", name, err)
	}
	return &ic
}

// sentJSON is what Discord would receive for v, as a generic JSON value.
func sentJSON(t testing.TB, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
