package server

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/patterns"
)

// The browser tests drive Debian's Chromium, headless, through the lab as a
// user would: clicks on the grid, the palette, the buttons and the keyboard.
// They run whenever Chromium is installed and must run under CI (CI set);
// elsewhere they skip with a message when it is missing.

const chromiumPath = "/usr/bin/chromium"

// startBrowser starts one headless Chromium for a test and its subtests.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath
	if p := os.Getenv("HOPFIELD_CHROMIUM"); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests must run under CI, but Chromium is missing: %v (scripts/test installs it)", err)
		}
		t.Skipf("skipping browser test: no Chromium at %s (apt-get install chromium, or set HOPFIELD_CHROMIUM)", path)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	// Start the browser now, with no deadline: a deadline on the first Run
	// would bound the browser's whole life.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return browser
}

// tab is one page of the lab in the browser, with its console watched.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string // console errors and uncaught exceptions
}

// openTab opens url in a new tab of the browser.
func openTab(t *testing.T, browser context.Context, url string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.problems = append(tb.problems, m.String())
				tb.mu.Unlock()
			}
		}
	}()
	tb.do(chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main")))
	return tb
}

// do runs actions with a deadline, failing the test on an error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.t.Fatalf("browser: evaluating %s: %v", js, err)
	}
	return v
}

// waitFor waits until the JavaScript predicate is true.
func (tb *tab) waitFor(what, predicate string, timeout time.Duration) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		tb.t.Fatalf("browser: waiting for %s: %v (error banner: %q)", what, err, tb.errorBanner())
	}
}

func (tb *tab) errorBanner() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.getElementById("error"); return e && !e.hidden ? e.textContent : ""; })()`))
	return s
}

// click clicks the element matched by a CSS selector.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS(sel)))
}

// choose picks a value of a <select>, as a user does.
func (tb *tab) choose(id, value string) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === %q; })()`, id, value, value))
}

// slide moves a range input, as a user does.
func (tb *tab) slide(id string, value int) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %d; s.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, id, value))
}

// clickCell clicks the centre of cell (r, c) of the grid.
func (tb *tab) clickCell(r, c int) {
	tb.t.Helper()
	tb.do(chromedp.MouseClickXY(tb.cellCentre(r, c)))
}

// cellCentre returns the page coordinates of the centre of cell (r, c).
func (tb *tab) cellCentre(r, c int) (x, y float64) {
	tb.t.Helper()
	box := eval[[]float64](tb, `(() => { const g = document.getElementById("grid"); const b = g.getBoundingClientRect();
		return [b.left + g.clientLeft, b.top + g.clientTop, g.clientWidth, g.clientHeight, +g.dataset.rows, +g.dataset.cols]; })()`)
	return box[0] + (float64(c)+0.5)*box[2]/box[5], box[1] + (float64(r)+0.5)*box[3]/box[4]
}

// drag presses the mouse on cell (r0, c0), moves to (r1, c1) and releases.
func (tb *tab) drag(r0, c0, r1, c1 int) {
	tb.t.Helper()
	x0, y0 := tb.cellCentre(r0, c0)
	x1, y1 := tb.cellCentre(r1, c1)
	held := func(p *input.DispatchMouseEventParams) {
		p.Button, p.Buttons, p.ClickCount = input.MouseButtonLeft, 1, 1
	}
	tb.do(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, held),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, (y0+y1)/2, held),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1, y1, held),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, held),
	)
}

// cells returns the grid's cells as the page shows them.
func (tb *tab) cells() string {
	tb.t.Helper()
	return eval[string](tb, `document.getElementById("grid").dataset.cells`)
}

// screenshot saves the page as NAME.png in the artifact directory:
// $HOPFIELD_ARTIFACTS if set, else a temporary directory.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	tb.save(name, chromedp.FullScreenshot(100))
}

// screenshotOf saves the element matched by a CSS selector.
func (tb *tab) screenshotOf(name, sel string) {
	tb.t.Helper()
	tb.save(name, chromedp.Screenshot(chromedp.CSS(sel)))
}

func (tb *tab) save(name string, shot chromedp.Action[[]byte]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("HOPFIELD_ARTIFACTS")
	if dir == "" {
		dir = tb.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := atomicfile.WriteFile(path, png); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", path)
}

// checkConsole fails the test if the page logged an error or threw.
func (tb *tab) checkConsole() {
	tb.t.Helper()
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		tb.t.Errorf("browser console: %s", p)
	}
}

// ring is the pattern the recall test draws: the border of an 8x8 square
// inside the 10x10 grid.
func ring() (cells []int, text string) {
	var b strings.Builder
	for r := range 10 {
		for c := range 10 {
			on := r >= 1 && r <= 8 && c >= 1 && c <= 8 && (r == 1 || r == 8 || c == 1 || c == 8)
			if on {
				cells = append(cells, r*10+c)
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
	}
	return cells, b.String()
}

func hamming(a, b string) int {
	if len(a) != len(b) {
		return max(len(a), len(b))
	}
	d := 0
	for i := range len(a) {
		if a[i] != b[i] {
			d++
		}
	}
	return d
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	browser := startBrowser(t)
	srv := httptest.NewServer(New(Options{}))
	t.Cleanup(srv.Close)

	// The scenario: draw a pattern by clicking cells, store it with
	// two built-in letters, add 20% noise, run, and find the pattern again.
	t.Run("recall drawn pattern", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL)
		tb.waitFor("the lab to start", `document.querySelectorAll("#sizes button").length === 4`, 10*time.Second)
		tb.click(`#sizes button[data-size="10"]`)
		on, want := ring()
		for _, i := range on {
			tb.clickCell(i/10, i%10)
		}
		tb.waitFor("the drawn ring", fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, want), 10*time.Second)
		tb.click("#store")
		for _, letter := range []string{"alphabet:H", "alphabet:T"} {
			// Wait for the letter itself, not just a change: storing the
			// previous letter again would be refused as a duplicate.
			shown := eval[string](tb, `document.getElementById("grid").dataset.cells`)
			tb.choose("palette", letter)
			tb.waitFor(letter+" on the grid", fmt.Sprintf(`document.getElementById("grid").dataset.cells !== %q && document.getElementById("grid").dataset.cells.includes("#")`, shown), 10*time.Second)
			tb.click("#store")
		}
		tb.waitFor("three stored patterns", `document.querySelectorAll("#memory li").length === 3`, 10*time.Second)

		tb.click("#memory li:first-child button.thumb")
		tb.waitFor("the ring back on the grid", fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, want), 10*time.Second)
		tb.slide("noise", 20)
		tb.click("#add-noise")
		tb.waitFor("the noisy cue", fmt.Sprintf(`document.getElementById("grid").dataset.cells !== %q`, want), 10*time.Second)
		cue := tb.cells()
		if d := hamming(cue, want); d != 20 {
			t.Fatalf("20%% noise flipped %d of 100 cells, want 20", d)
		}

		tb.choose("update", "async")
		tb.slide("speed", 8) // as fast as the screen allows
		tb.do(chromedp.KeyEvent(" "))
		tb.waitFor("the run to end", `document.body.dataset.run === "done"`, 30*time.Second)
		if got := tb.cells(); got != want {
			t.Errorf("after the run the grid is\n%s\nwant the stored ring\n%s", got, want)
		}
		if m := eval[string](tb, `document.getElementById("outcome").dataset.match`); m != "exact" {
			t.Errorf("outcome match = %q, want exact; outcome: %s", m, eval[string](tb, `document.getElementById("outcome").textContent`))
		}
		tb.screenshot("recall-10x10")

		// r resets to the cue; s steps neuron by neuron.
		tb.do(chromedp.KeyEvent("r"))
		tb.waitFor("the cue again", fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, cue), 10*time.Second)
		for k := 1; k <= 15; k++ {
			tb.do(chromedp.KeyEvent("s"))
			// The start line, then one frame per press.
			tb.waitFor(fmt.Sprintf("step %d", k), fmt.Sprintf(`+document.getElementById("grid").dataset.frames === %d`, k+1), 10*time.Second)
		}
		if state := eval[string](tb, `document.body.dataset.run`); state != "paused" {
			t.Errorf("after stepping the run is %q, want paused", state)
		}
		if n := eval[int](tb, `+document.getElementById("grid").dataset.neuron`); n < 0 || n >= 100 {
			t.Errorf("the neuron just updated is %d, want one of the grid's", n)
		}
		if d := hamming(tb.cells(), cue); d > 15 {
			t.Errorf("15 single-neuron steps changed %d cells", d)
		}
		tb.screenshot("async-steps-10x10")
		tb.checkConsole()
	})

	// The README's walk-through: store BU and BC, erase half of BU, recall.
	t.Run("recall BU from half", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL)
		tb.waitFor("the lab to start", `document.querySelectorAll("#sizes button").length === 4`, 10*time.Second)
		tb.click(`#sizes button[data-size="100"]`)
		for _, name := range []string{"seed:BU", "seed:BC"} {
			tb.choose("palette", name)
			tb.waitFor(name+" on the grid", `document.getElementById("grid").dataset.cells.includes("#")`, 10*time.Second)
			tb.click("#store")
			tb.waitFor(name+" stored", fmt.Sprintf(`document.querySelectorAll("#memory li").length === %d`, map[string]int{"seed:BU": 1, "seed:BC": 2}[name]), 10*time.Second)
		}
		tb.click("#memory li:first-child button.thumb")
		tb.waitFor("BU on the grid", `document.getElementById("grid").dataset.cells === document.querySelector("#memory li:first-child").dataset.cells`, 10*time.Second)
		bu := tb.cells()
		tb.click("#erase-half")
		tb.waitFor("half of BU erased", `document.getElementById("grid").dataset.cells.includes("?")`, 10*time.Second)
		if got := strings.Count(tb.cells(), "?"); got != 5000 {
			t.Fatalf("erase half left %d unknown cells, want 5000", got)
		}
		tb.slide("speed", 2)
		tb.click("#run")
		tb.waitFor("the run to end", `document.body.dataset.run === "done"`, 30*time.Second)
		if got := tb.cells(); got != bu {
			t.Errorf("after the run the grid differs from BU in %d cells", hamming(got, bu))
		}
		tb.screenshot("recall-BU")

		// Upload a picture of BC; erase a region of it by dragging.
		png := filepath.Join(t.TempDir(), "bc.png")
		if err := atomicfile.Write(png, func(w io.Writer) error { return patterns.WritePNG(w, builtin(t, "seed:BC"), 2) }); err != nil {
			t.Fatal(err)
		}
		tb.do(chromedp.SetUploadFiles(chromedp.CSS("#upload"), []string{png}))
		want := cells(builtin(t, "seed:BC"))
		tb.waitFor("the uploaded BC", fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, want), 10*time.Second)
		tb.click("#erase-tool")
		tb.drag(10, 10, 29, 39)
		tb.waitFor("the erased region", `document.getElementById("grid").dataset.cells.includes("?")`, 10*time.Second)
		got := tb.cells()
		for i := range len(got) {
			r, c := i/100, i%100
			inside := r >= 10 && r < 30 && c >= 10 && c < 40
			if (got[i] == '?') != inside || (!inside && got[i] != want[i]) {
				t.Fatalf("after erasing rows 10-29, columns 10-39, cell (%d, %d) is %q", r, c, got[i])
			}
		}
		tb.checkConsole()
	})

	// On a projector: 1280x720, large text, 32x32 letters; nothing may
	// overflow sideways.
	t.Run("projector", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL)
		tb.do(chromedp.EmulateViewport(1280, 720))
		tb.waitFor("the lab to start", `document.querySelectorAll("#sizes button").length === 4`, 10*time.Second)
		tb.click("#bigger")
		tb.click(`#sizes button[data-size="32"]`)
		tb.choose("rule", "pseudoinverse")
		for k, letter := range []string{"alphabet:A", "alphabet:E", "alphabet:H"} {
			tb.choose("palette", letter)
			want := cells(builtin(t, letter+":32"))
			tb.waitFor(letter, fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, want), 10*time.Second)
			tb.click("#store")
			tb.waitFor(letter+" stored", fmt.Sprintf(`document.querySelectorAll("#memory li").length === %d`, k+1), 10*time.Second)
		}
		tb.click("#memory li:first-child button.thumb")
		a := cells(builtin(t, "alphabet:A:32"))
		tb.waitFor("A on the grid", fmt.Sprintf(`document.getElementById("grid").dataset.cells === %q`, a), 10*time.Second)
		tb.slide("noise", 25)
		tb.click("#add-noise")
		tb.waitFor("the noisy A", fmt.Sprintf(`document.getElementById("grid").dataset.cells !== %q`, a), 10*time.Second)
		tb.choose("update", "permutation")
		tb.slide("speed", 6)
		tb.click("#run")
		tb.waitFor("the run to end", `document.body.dataset.run === "done"`, 30*time.Second)
		if got := tb.cells(); got != a {
			t.Errorf("the noisy A was not recalled: %d cells differ", hamming(got, a))
		}
		if w := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
			t.Errorf("the page is %d px wider than a 1280 px projector", w)
		}
		eval[bool](tb, `window.scrollTo(0, 0), true`)
		tb.save("projector-32x32", chromedp.CaptureScreenshot())
		tb.click("#bigger") // the choice is remembered: leave it off for the next tests
		tb.checkConsole()
	})

	// A request the server refuses shows its message on the page: the
	// Storkey rule needs dense weights, too large at 100x100.
	t.Run("server error shown", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL)
		tb.waitFor("the lab to start", `document.querySelectorAll("#sizes button").length === 4`, 10*time.Second)
		tb.click("#run")
		tb.waitFor("the error banner", `!document.getElementById("error").hidden`, 10*time.Second)
		if msg := tb.errorBanner(); !strings.Contains(msg, "memory is empty") {
			t.Errorf("error banner %q, want it to say the memory is empty", msg)
		}
		tb.click(`#sizes button[data-size="100"]`)
		tb.choose("palette", "seed:star")
		tb.waitFor("the star on the grid", `document.getElementById("grid").dataset.cells.includes("#")`, 10*time.Second)
		tb.click("#store")
		tb.choose("rule", "storkey")
		tb.waitFor("the server's message", `document.getElementById("error").textContent.includes("storkey rule needs")`, 10*time.Second)
		tb.click("#run")
		tb.waitFor("the run refused", `document.getElementById("outcome").textContent.includes("refused")`, 10*time.Second)
		if msg := tb.errorBanner(); !strings.Contains(msg, "over this server's limit") {
			t.Errorf("error banner %q, want the server's memory limit message", msg)
		}
	})

	// The lecture's 100x100 experiment through the Experiments page: change
	// a parameter, run again, and read that the erased BU came back.
	t.Run("experiment", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL+"/experiments")
		tb.waitFor("the experiments", `document.body.dataset.ready === "true"`, 10*time.Second)
		tb.waitFor("the first experiment, in view", `document.querySelector("article.experiment").dataset.state === "done"`, 30*time.Second)
		eval[bool](tb, `document.getElementById("exp-letters-5x5").scrollIntoView(), true`)
		tb.waitFor("the letters experiment", `document.getElementById("exp-letters-5x5").dataset.state === "done"`, 30*time.Second)
		tb.screenshotOf("experiment-letters-5x5", "#exp-letters-5x5")
		card := `document.getElementById("exp-images-100x100")`
		eval[bool](tb, card+`.scrollIntoView(), true`)
		tb.waitFor("the notebook values run", card+`.dataset.state === "done"`, 60*time.Second)
		eval[bool](tb, card+`.querySelector("input[name=erase]").value = "0.3", true`)
		tb.do(chromedp.Click(chromedp.CSS(`#exp-images-100x100 button.run`)))
		tb.waitFor("the run with erase = 0.3", card+`.dataset.state === "done" && JSON.parse(`+card+`.dataset.params).erase === 0.3`, 60*time.Second)
		numbers := eval[map[string]string](tb, `Object.fromEntries([...`+card+`.querySelectorAll("table.numbers tr")].map(tr => [tr.cells[0].textContent, tr.cells[1].textContent]))`)
		if got, ok := numbers["bipolar_erased_hamming_bu"]; !ok || got != "0" {
			t.Errorf("after recalling the 30%%-erased BU, bipolar_erased_hamming_bu = %q, want 0 (numbers: %v)", got, numbers)
		}
		figs := eval[int](tb, `[...`+card+`.querySelectorAll("img")].filter(i => i.complete && i.naturalWidth > 100).length`)
		if figs < 2 {
			t.Errorf("%d figures drawn, want the experiment's figures", figs)
		}
		if s := eval[string](tb, card+`.querySelector(".summary").textContent`); !strings.Contains(s, "BU") {
			t.Errorf("summary %q does not mention BU", s)
		}
		tb.screenshotOf("experiment-images-100x100", "#exp-images-100x100")
		tb.checkConsole()
	})
}
