package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// browserQuestion is asked in the browser test; any question the built-in corpus answers from a
// passage below the top of its page would do.
const browserQuestion = "How large could Ukraine's army be under the plan?"

// browserPath finds the distribution's Chromium. Outside CI a machine without one skips the
// browser tests; under CI=true (where .ci/run installs it) a missing browser fails them.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH under CI=true: .ci/run installs the chromium package")
	}
	t.Skip("no Chromium on PATH (apt-get install chromium to run the browser tests)")
	return ""
}

// artifactDir is where screenshots go: $PLANBOT_ARTIFACTS when set, else a temporary folder.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("PLANBOT_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// targetState is what the page reports about the element a link's fragment names.
type targetState struct {
	Found       bool    `json:"found"`
	ID          string  `json:"id"`
	Background  string  `json:"bg"`
	PageBg      string  `json:"pageBg"`
	Focused     bool    `json:"focused"`
	HasSentence bool    `json:"hasSentence"`
	SentenceTop float64 `json:"top"`
	SentenceBot float64 `json:"bottom"`
	Viewport    float64 `json:"vh"`
	PageWidth   float64 `json:"scrollWidth"`
	ViewWidth   float64 `json:"vw"`
	Marked      string  `json:"marked"` // the text of the cited marks inside the target
	MarkBg      string  `json:"markBg"`
}

// targetScript finds the :target element, the cited marks inside it, and where the given text is
// on screen inside the first mark.
const targetScript = `(() => {
  const want = %q;
  const t = document.querySelector(':target');
  const html = document.documentElement;
  const out = {found: !!t, vh: innerHeight, vw: innerWidth, scrollWidth: html.scrollWidth,
    pageBg: getComputedStyle(document.body).backgroundColor};
  if (!t) return out;
  out.id = t.id;
  out.bg = getComputedStyle(t).backgroundColor;
  out.focused = document.activeElement === t;
  const marks = [...t.querySelectorAll('mark.cited')];
  out.marked = marks.map(m => m.textContent).join(' ');
  out.markBg = marks.length ? getComputedStyle(marks[0]).backgroundColor : '';
  const walk = document.createTreeWalker(marks.length ? marks[0] : t, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const i = n.data.indexOf(want);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i); r.setEnd(n, i + want.length);
    const box = r.getBoundingClientRect();
    out.hasSentence = true; out.top = box.top; out.bottom = box.bottom;
    break;
  }
  return out;
})()`

// TestCitationInBrowser opens an answer in a real browser, follows each excerpt's context link
// and checks that the cited passage is the highlighted, focused target, that the cited sentences
// are marked within it, and that they are on screen, on a phone and on a desktop.
func TestCitationInBrowser(t *testing.T) {
	exe := browserPath(t)
	eng := defaultEngine(t)
	srv := httptest.NewServer(newTestSite(t, eng, Config{}))
	defer srv.Close()
	ans, err := eng.Answer(context.Background(), browserQuestion, indexOptions())
	if err != nil || len(ans.Excerpts) == 0 {
		t.Fatalf("the built-in corpus gave no excerpts for %q (err %v)", browserQuestion, err)
	}
	dir := artifactDir(t)

	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("disable-dev-shm-usage", true))...)
	defer cancel()
	viewports := []struct {
		name          string
		width, height int64
		mobile        bool
		dark          bool
	}{
		{"phone", 390, 844, true, false},
		{"desktop", 1280, 800, false, false},
		{"desktop-dark", 1280, 800, false, true},
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(alloc)
			defer cancel()
			ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTime()
			opts := []chromedp.EmulateViewportOption{}
			if vp.mobile {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			scheme := "light"
			if vp.dark {
				scheme = "dark"
			}
			media := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			})
			answerURL := srv.URL + "/?q=" + urlQuery(browserQuestion)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...), media, chromedp.Navigate(answerURL)); err != nil {
				t.Fatal(err)
			}
			shot(t, ctx, filepath.Join(dir, "answer-"+vp.name+".png"))
			for name, path := range map[string]string{"home": "/", "sources": "/sources/", "plan": "/plan", "timeline": "/timeline"} {
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
					t.Fatal(err)
				}
				shot(t, ctx, filepath.Join(dir, name+"-"+vp.name+".png"))
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(answerURL)); err != nil {
				t.Fatal(err)
			}
			links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll('ol.excerpts a.ctx')].map(a => a.href)`))
			if err != nil {
				t.Fatal(err)
			}
			if len(links) != len(ans.Excerpts) {
				t.Fatalf("the answer page shows %d context links, want one per excerpt (%d)", len(links), len(ans.Excerpts))
			}
			for i, link := range links {
				e := ans.Excerpts[i]
				if want := CitationURL(srv.URL, e.DocID, e.PassageID, e.Text); link != want {
					t.Fatalf("context link %d is %s, want %s", i+1, link, want)
				}
				sentence := firstWords(e.Text, 40)
				if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
					t.Fatal(err)
				}
				st, err := chromedp.Run(ctx, chromedp.Evaluate[targetState](jsString(targetScript, sentence)))
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case !st.Found || st.ID != Anchor(e.DocID, e.PassageID):
					t.Errorf("%s: the target is %q, want the cited passage %q", link, st.ID, Anchor(e.DocID, e.PassageID))
				case st.Background == st.PageBg || st.Background == "rgba(0, 0, 0, 0)":
					t.Errorf("%s: the cited passage is not highlighted (background %s, page %s)", link, st.Background, st.PageBg)
				case !st.Focused:
					t.Errorf("%s: the cited passage does not have the focus, so a screen reader does not start there", link)
				case strings.Join(strings.Fields(st.Marked), " ") != strings.Join(strings.Fields(e.Text), " "):
					t.Errorf("%s: the page marks %q, want the cited text %q", link, st.Marked, e.Text)
				case st.MarkBg == st.Background || st.MarkBg == "rgba(0, 0, 0, 0)":
					t.Errorf("%s: the cited sentence does not stand out in its passage (mark %s, passage %s)", link, st.MarkBg, st.Background)
				case !st.HasSentence:
					t.Errorf("%s: the cited mark does not start with the cited text %q", link, sentence)
				case st.SentenceTop < 0 || st.SentenceBot > st.Viewport:
					t.Errorf("%s: the cited sentence is at %.0f–%.0f px, outside the %.0f px viewport", link, st.SentenceTop, st.SentenceBot, st.Viewport)
				case st.PageWidth > st.ViewWidth+1:
					t.Errorf("%s: the page is %.0f px wide in a %.0f px viewport: it scrolls sideways", link, st.PageWidth, st.ViewWidth)
				}
				shot(t, ctx, filepath.Join(dir, "source-"+vp.name+"-"+strings.ReplaceAll(Anchor(e.DocID, e.PassageID), "/", "_")+".png"))
			}
		})
	}
	t.Logf("screenshots in %s", dir)
}

// shot saves a screenshot of the viewport as a test artifact.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstWords is the start of text, at most n bytes, cut at a space: enough to find the sentence.
func firstWords(text string, n int) string {
	text = strings.TrimSpace(text)
	if len(text) <= n {
		return text
	}
	if i := strings.LastIndex(text[:n], " "); i > 0 {
		return text[:i]
	}
	return text[:n]
}
