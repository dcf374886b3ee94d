package lab

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// A share link holds a recall in the fragment of the lab's URL, in the words
// of the command line, so that the link reproduces a run exactly:
//
//	index.html#grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1&run=1
//
// is hopfield recall --patterns seed:BU --patterns seed:BC --cue-from 0
// --erase-half bottom --seed 1. Keys:
//
//	grid=RxC          the grid (default: the first stored pattern's own shape)
//	store=A,B,...     the stored patterns: built-in names, or drawings as
//	                  draw:NAME:BITS (1 bit a cell, ink = 1, base64url)
//	cue=X             the cue before damage: a built-in name, a stored
//	                  pattern's name or index, or cells:CELLS (2 bits a
//	                  cell: 0 background, 1 ink, 2 unknown; base64url)
//	noise=F, erase=W  damage, as patterns.ParseCueOp reads it (erase=0.1,
//	                  erase=bottom, erase=rect:t,l,b,r, ...)
//	rule, update, tie, temperature, max_steps, seed
//	energy=E          the dense rule's F (poly:3, lse:2; hopfield.ParseEnergy)
//	beta=B            rule=softmax's inverse temperature
//	random=K          K random patterns stored after the others, drawn
//	                  from random_seed=S (default 0) by patterns.RandomSet
//	run=1             start the run when the page opens
//	embed=1           the lab without its page around it, for an <iframe>
//
// The cue's damage draws from CueSource(seed) and the run from
// DynamicsSource(seed), as the command does.

// Link is a share link, parsed.
type Link struct {
	Rows        int          `json:"rows,omitempty"`
	Cols        int          `json:"cols,omitempty"`
	Store       []LinkMemory `json:"store"`
	Cue         string       `json:"cue,omitempty"` // as written after cue=
	Ops         []string     `json:"ops,omitempty"` // noise=0.2, erase=bottom
	Rule        string       `json:"rule,omitempty"`
	Energy      string       `json:"energy,omitempty"`
	Random      int          `json:"random,omitempty"`
	RandomSeed  uint64       `json:"random_seed,omitempty"`
	Beta        float64      `json:"beta,omitempty"` // the softmax rule's
	Update      string       `json:"update,omitempty"`
	Tie         string       `json:"tie,omitempty"`
	Temperature float64      `json:"temperature,omitempty"`
	MaxSteps    int          `json:"max_steps,omitempty"`
	Seed        *uint64      `json:"seed,omitempty"`
	Run         bool         `json:"run,omitempty"`
	Embed       bool         `json:"embed,omitempty"`
}

// LinkMemory is a stored pattern of a link: a built-in name, or a drawing
// with its name and cells.
type LinkMemory struct {
	Name  string `json:"name"`
	Cells string `json:"cells,omitempty"` // a drawing's cells; empty for a built-in
}

// maxLinkBytes bounds a link, which a page reads from its address bar.
const maxLinkBytes = 1 << 20

// ParseLink reads the fragment of a share link (with or without its '#').
// Unknown keys and malformed values are errors naming the key.
func ParseLink(fragment string) (Link, error) {
	fragment = strings.TrimPrefix(fragment, "#")
	if len(fragment) > maxLinkBytes {
		return Link{}, Errorf("link of %d bytes, longer than %d", len(fragment), maxLinkBytes)
	}
	q, err := url.ParseQuery(fragment)
	if err != nil {
		return Link{}, Errorf("link: %v", err)
	}
	var l Link
	for _, key := range slices.Sorted(mapKeys(q)) {
		v := q[key]
		// Messages quote the link's words; a line break in one would
		// split them.
		if strings.ContainsFunc(key+strings.Join(v, ""), unicode.IsControl) {
			return Link{}, Errorf("link: %q: control characters are not allowed", key)
		}
		if len(v) > 1 && key != "noise" && key != "erase" {
			return Link{}, Errorf("link: %s given %d times", key, len(v))
		}
		if err := l.set(key, v); err != nil {
			return Link{}, err
		}
	}
	return l, nil
}

func mapKeys(q url.Values) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}
}

func (l *Link) set(key string, vs []string) error {
	v := vs[0]
	var err error
	switch key {
	case "grid":
		r, c, ok := strings.Cut(v, "x")
		l.Rows, err = strconv.Atoi(r)
		if err == nil {
			l.Cols, err = strconv.Atoi(c)
		}
		if !ok || err != nil || l.Rows < 1 || l.Cols < 1 {
			return Errorf("link: grid=%s: want ROWSxCOLS, e.g. 100x100", v)
		}
	case "store":
		for item := range strings.SplitSeq(v, ",") {
			m, err := parseLinkMemory(item)
			if err != nil {
				return err
			}
			l.Store = append(l.Store, m)
		}
	case "cue":
		l.Cue = v
	case "noise", "erase":
		for _, x := range vs {
			if _, err := patterns.ParseCueOp(key, x); err != nil {
				return Errorf("link: %s=%s: %v", key, x, err)
			}
			l.Ops = append(l.Ops, key+"="+x)
		}
	case "rule", "update", "tie", "energy":
		*map[string]*string{"rule": &l.Rule, "update": &l.Update, "tie": &l.Tie, "energy": &l.Energy}[key] = v
	case "random":
		if l.Random, err = strconv.Atoi(v); err != nil || l.Random < 0 {
			return Errorf("link: random=%s: want a whole number of random patterns", v)
		}
	case "random_seed":
		if l.RandomSeed, err = parseSeed(key, v); err != nil {
			return err
		}
	case "temperature":
		if l.Temperature, err = strconv.ParseFloat(v, 64); err != nil {
			return Errorf("link: temperature=%s: want a number", v)
		}
	case "beta":
		if l.Beta, err = strconv.ParseFloat(v, 64); err != nil {
			return Errorf("link: beta=%s: want a number", v)
		}
	case "max_steps":
		if l.MaxSteps, err = strconv.Atoi(v); err != nil {
			return Errorf("link: max_steps=%s: want a whole number", v)
		}
	case "seed":
		s, err := parseSeed(key, v)
		if err != nil {
			return err
		}
		l.Seed = &s
	case "run", "embed":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Errorf("link: %s=%s: want 1 or 0", key, v)
		}
		*map[string]*bool{"run": &l.Run, "embed": &l.Embed}[key] = b
	default:
		return Errorf("link: unknown key %q (keys: grid, store, cue, noise, erase, rule, energy, beta, random, random_seed, update, tie, temperature, max_steps, seed, run, embed)", key)
	}
	return nil
}

// parseSeed reads a seed of a link: at most MaxSeed, which the page holds
// exactly.
func parseSeed(key, v string) (uint64, error) {
	s, err := strconv.ParseUint(v, 10, 64)
	if err != nil || s > MaxSeed {
		return 0, Errorf("link: %s=%s: want a whole number from 0 to %d (2^53-1)", key, v, uint64(MaxSeed))
	}
	return s, nil
}

func parseLinkMemory(item string) (LinkMemory, error) {
	rest, ok := strings.CutPrefix(item, "draw:")
	if !ok {
		return LinkMemory{Name: item}, nil
	}
	name, bits, ok := strings.Cut(rest, ":")
	name, err := url.QueryUnescape(name)
	if !ok || err != nil || name == "" {
		return LinkMemory{}, Errorf("link: store=%s: want draw:NAME:BITS", item)
	}
	return LinkMemory{Name: name, Cells: bits}, nil
}

// String writes the link as a fragment (without '#'), keys in a fixed
// order, which ParseLink reads back.
func (l Link) String() string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+escape(v)) }
	if l.Rows > 0 {
		add("grid", fmt.Sprintf("%dx%d", l.Rows, l.Cols))
	}
	if len(l.Store) > 0 {
		items := make([]string, len(l.Store))
		for i, m := range l.Store {
			items[i] = m.Name
			if m.Cells != "" {
				// The name is escaped once more, so that a ',' or ':' in
				// it survives the decoding of the fragment.
				items[i] = "draw:" + url.QueryEscape(m.Name) + ":" + m.Cells
			}
		}
		add("store", strings.Join(items, ","))
	}
	if l.Cue != "" {
		add("cue", l.Cue)
	}
	for _, op := range l.Ops {
		k, v, _ := strings.Cut(op, "=")
		add(k, v)
	}
	for _, kv := range [][2]string{{"rule", l.Rule}, {"energy", l.Energy}, {"update", l.Update}, {"tie", l.Tie}} {
		if kv[1] != "" {
			add(kv[0], kv[1])
		}
	}
	if l.Beta != 0 {
		add("beta", strconv.FormatFloat(l.Beta, 'g', -1, 64))
	}
	if l.Random != 0 {
		add("random", strconv.Itoa(l.Random))
		add("random_seed", strconv.FormatUint(l.RandomSeed, 10))
	}
	// Glauber's T = 0 is written too: the page's default T is not 0.
	if l.Temperature != 0 || l.Update == "glauber" {
		add("temperature", strconv.FormatFloat(l.Temperature, 'g', -1, 64))
	}
	if l.MaxSteps != 0 {
		add("max_steps", strconv.Itoa(l.MaxSteps))
	}
	if l.Seed != nil {
		add("seed", strconv.FormatUint(*l.Seed, 10))
	}
	for _, kv := range []struct {
		k string
		b bool
	}{{"run", l.Run}, {"embed", l.Embed}} {
		if kv.b {
			add(kv.k, "1")
		}
	}
	return strings.Join(parts, "&")
}

// escape escapes what a fragment cannot hold, leaving the names and words
// of a link readable (seed:BU, erase=rect:1,2,3,4).
func escape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", " ", "%20", "+", "%2B", "=", "%3D").Replace(s)
}

// packBits writes a pattern of +-1 as 1 bit a cell (ink 1), base64url.
func packBits(s []int8) string {
	b := make([]byte, (len(s)+7)/8)
	for i, v := range s {
		if v > 0 {
			b[i/8] |= 1 << (i % 8)
		}
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func unpackBits(text string, n int) ([]int8, error) {
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(b) != (n+7)/8 {
		return nil, fmt.Errorf("want %d bits in base64url", n)
	}
	s := make([]int8, n)
	for i := range s {
		s[i] = int8(b[i/8]>>(i%8)&1)*2 - 1
	}
	return s, nil
}

// packCells writes a state of -1, +1 and 0 as 2 bits a cell (0
// background, 1 ink, 2 unknown), base64url.
func packCells(s []int8) string {
	b := make([]byte, (len(s)+3)/4)
	for i, v := range s {
		code := map[int8]byte{hopfield.Minus: 0, hopfield.Plus: 1, hopfield.Unknown: 2}[v]
		b[i/4] |= code << (2 * (i % 4))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func unpackCells(text string, n int) ([]int8, error) {
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(b) != (n+3)/4 {
		return nil, fmt.Errorf("want %d cells in base64url", n)
	}
	s := make([]int8, n)
	for i := range s {
		switch b[i/4] >> (2 * (i % 4)) & 3 {
		case 0:
			s[i] = hopfield.Minus
		case 1:
			s[i] = hopfield.Plus
		case 2:
			s[i] = hopfield.Unknown
		default:
			return nil, fmt.Errorf("cell %d has code 3", i)
		}
	}
	return s, nil
}

// LinkState is what a link asks the page to show: the memory on its grid,
// the cue after its damage, and the run's settings, as a RunRequest whose
// memory and cue are filled in.
type LinkState struct {
	RunRequest
	Beta    float64  `json:"beta,omitempty"`     // rule=softmax's
	CueName string   `json:"cue_name,omitempty"` // the pattern the cue was made from
	Ops     []string `json:"ops,omitempty"`
	Run     bool     `json:"run,omitempty"`
	Embed   bool     `json:"embed,omitempty"`
}

// Resolve turns a link into the state the page shows: built-in patterns are
// drawn on the link's grid (patterns.Resample where they do not scale), the
// cue is damaged by the link's operations from CueSource(seed). The state
// is checked as a run is (ParseRun), so that a link the page opens is one
// it can run.
func (l Limits) Resolve(link Link) (LinkState, error) {
	switch {
	case len(link.Store) == 0 && link.Random == 0:
		return LinkState{}, Errorf("link: store: no stored patterns")
	case len(link.Store) > l.MaxPatterns:
		return LinkState{}, Errorf("link: store: %d patterns, above the %s's maximum of %d", len(link.Store), l.host(), l.MaxPatterns)
	case link.Beta != 0 && link.Rule != ruleSoftmax:
		return LinkState{}, Errorf("link: beta=%v is for rule=softmax (the dense rule's is in energy=, e.g. lse:2)", link.Beta)
	case link.Beta < 0 || math.IsInf(link.Beta, 0) || math.IsNaN(link.Beta):
		return LinkState{}, Errorf("link: beta=%v: want a finite number > 0", link.Beta)
	}
	rows, cols := link.Rows, link.Cols
	var mem []patterns.Pattern
	for _, m := range link.Store {
		p, err := l.linkPattern(m, rows, cols)
		if err != nil {
			return LinkState{}, err
		}
		if rows == 0 {
			rows, cols = p.Rows, p.Cols
		}
		mem = append(mem, p)
	}
	if err := l.checkLinkGrid(rows, cols); err != nil {
		return LinkState{}, err
	}
	st := LinkState{Ops: link.Ops, Run: link.Run, Embed: link.Embed, Beta: link.Beta}
	st.Rows, st.Cols, st.Rule, st.Update, st.Tie = rows, cols, link.Rule, link.Update, link.Tie
	st.Energy, st.Random, st.RandomSeed = link.Energy, link.Random, link.RandomSeed
	st.Temperature, st.MaxSteps, st.Seed = link.Temperature, link.MaxSteps, link.Seed
	for _, p := range mem {
		st.Patterns = append(st.Patterns, PatternJSON{Name: p.Name, Cells: patterns.FormatCells(p.Data)})
	}
	cue, name, err := l.linkCue(link.Cue, mem, rows, cols)
	if err != nil {
		return LinkState{}, err
	}
	var ops []patterns.CueOp
	for _, op := range link.Ops {
		k, v, _ := strings.Cut(op, "=")
		o, _ := patterns.ParseCueOp(k, v) // checked by ParseLink
		ops = append(ops, o)
	}
	if cue, err = patterns.ApplyCue(cue, ops, CueSource(seedOr(link.Seed))); err != nil {
		return LinkState{}, Errorf("link: %v", err)
	}
	st.Cue, st.CueName = patterns.FormatCells(cue.Data), name
	ru, err := l.ParseRun(st.RunRequest)
	if err != nil {
		return LinkState{}, Errorf("link: %v", err)
	}
	// The page's menus hold the names as the lab writes them, not their
	// aliases (hebb, random, ...).
	st.Rule, st.Energy = ru.mem.ruleName(), ru.mem.energyName()
	st.Update, st.Tie = ru.opt.Update.String(), ru.opt.Tie.String()
	return st, nil
}

// checkLinkGrid refuses a grid the page cannot show: it draws only the
// square grids of [GridSizes] within the limits.
func (l Limits) checkLinkGrid(rows, cols int) error {
	sizes := l.Describe().Sizes
	if rows != cols || !slices.Contains(sizes, rows) {
		return Errorf("link: grid=%dx%d: the lab's grids are %s", rows, cols, gridList(sizes))
	}
	return nil
}

// gridList writes sizes as "5x5, 10x10 or 32x32".
func gridList(sizes []int) string {
	var s []string
	for _, n := range sizes {
		s = append(s, fmt.Sprintf("%dx%d", n, n))
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// linkPattern is a stored pattern of a link on the grid (rows 0: its own).
func (l Limits) linkPattern(m LinkMemory, rows, cols int) (patterns.Pattern, error) {
	if m.Cells == "" {
		p, err := l.pattern(PatternRequest{Name: m.Name, Rows: rows, Cols: cols})
		if err != nil {
			return patterns.Pattern{}, Errorf("link: store=%s: %v", m.Name, err)
		}
		p.Name = m.Name
		return p, nil
	}
	if rows == 0 {
		return patterns.Pattern{}, Errorf("link: store=draw:%s: a drawing needs grid=ROWSxCOLS", m.Name)
	}
	data, err := unpackBits(m.Cells, rows*cols)
	if err != nil {
		return patterns.Pattern{}, Errorf("link: store=draw:%s: %v", m.Name, err)
	}
	return patterns.Pattern{Name: m.Name, Rows: rows, Cols: cols, Data: data}, nil
}

// linkCue is the cue of a link before its damage, and the name of the
// pattern it is.
func (l Limits) linkCue(cue string, mem []patterns.Pattern, rows, cols int) (patterns.Pattern, string, error) {
	if rest, ok := strings.CutPrefix(cue, "cells:"); ok {
		data, err := unpackCells(rest, rows*cols)
		if err != nil {
			return patterns.Pattern{}, "", Errorf("link: cue=cells: %v", err)
		}
		return patterns.Pattern{Name: "cue", Rows: rows, Cols: cols, Data: data}, "", nil
	}
	if cue == "" {
		if len(mem) == 0 {
			return patterns.Pattern{}, "", Errorf("link: cue: give the cue (a built-in name or cells:...) when only random patterns are stored")
		}
		return mem[0].Clone(), mem[0].Name, nil
	}
	for _, p := range mem {
		if p.Name == cue {
			return p.Clone(), p.Name, nil
		}
	}
	if i, err := strconv.Atoi(cue); err == nil {
		if i < 0 || i >= len(mem) {
			return patterns.Pattern{}, "", Errorf("link: cue=%d: there are %d stored patterns (0 to %d)", i, len(mem), len(mem)-1)
		}
		return mem[i].Clone(), mem[i].Name, nil
	}
	p, err := l.pattern(PatternRequest{Name: cue, Rows: rows, Cols: cols})
	if err != nil {
		return patterns.Pattern{}, "", Errorf("link: cue=%s: %v", cue, err)
	}
	p.Name = cue
	return p, cue, nil
}

// ShareRequest is the page's state to put in a link: the memory, the cue's
// name or cells, and the run's settings.
type ShareRequest struct {
	RunRequest
	Beta    float64  `json:"beta,omitempty"` // rule=softmax's
	CueName string   `json:"cue_name,omitempty"`
	Ops     []string `json:"ops,omitempty"`
	Run     bool     `json:"run,omitempty"`
	Embed   bool     `json:"embed,omitempty"`
}

// Share writes the link of a page's state: built-in patterns by name,
// drawings by their bits, the cue by name and operations when they make
// exactly the cue (the link resolves to it) and by its cells otherwise.
func (l Limits) Share(req ShareRequest) (string, error) {
	mem, err := l.parseMemory(req.MemoryRequest)
	if err != nil {
		return "", err
	}
	cue, err := parseCells("cue", req.Cue, mem.rows*mem.cols, true)
	if err != nil {
		return "", err
	}
	link := Link{Rows: mem.rows, Cols: mem.cols, Rule: req.Rule, Energy: req.Energy, Random: req.Random, RandomSeed: req.RandomSeed,
		Beta: req.Beta, Update: req.Update, Tie: req.Tie,
		Temperature: req.Temperature, MaxSteps: req.MaxSteps, Seed: req.Seed, Run: req.Run, Embed: req.Embed}
	for i, name := range mem.names[:mem.drawn] {
		m := LinkMemory{Name: name}
		if p, err := l.linkPattern(m, mem.rows, mem.cols); err != nil || !slices.Equal(p.Data, mem.patterns[i]) {
			m.Cells = packBits(mem.patterns[i])
		}
		link.Store = append(link.Store, m)
	}
	if req.CueName != "" {
		named := link
		named.Cue, named.Ops = req.CueName, req.Ops
		if l.resolvesTo(named.String(), cue) {
			return named.String(), nil
		}
	}
	link.Cue = "cells:" + packCells(cue)
	frag := link.String()
	parsed, err := ParseLink(frag)
	if err == nil {
		_, err = l.Resolve(parsed)
	}
	return frag, err
}

// resolvesTo reports whether a link opens with the cue given.
func (l Limits) resolvesTo(frag string, cue []int8) bool {
	parsed, err := ParseLink(frag)
	if err != nil {
		return false
	}
	st, err := l.Resolve(parsed)
	return err == nil && st.Cue == patterns.FormatCells(cue)
}
