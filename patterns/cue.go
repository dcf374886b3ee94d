package patterns

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// CueKind is what a [CueOp] does to a pattern.
type CueKind int

const (
	// CueFlip flips exactly round(Fraction N) distinct neurons ([FlipExact]).
	CueFlip CueKind = iota + 1
	// CueErase makes round(Fraction N) distinct neurons unknown ([Erase]).
	CueErase
	// CueEraseHalf makes a half of the grid unknown: Half is top, bottom,
	// left or right; an odd side leaves the middle row or column known.
	CueEraseHalf
	// CueEraseRect makes the rectangle Rect unknown ([EraseRect]).
	CueEraseRect
	// CueEraseRange makes neurons From..To-1 unknown ([EraseRange]): the
	// notebook's S[5000:] = 0 is From 5000, To 10000.
	CueEraseRange
)

// Rect is a rectangle of a grid: rows Top..Bottom-1, columns Left..Right-1.
type Rect struct{ Top, Left, Bottom, Right int }

// CueOp is one way of damaging a pattern to make a cue. The command line
// and the web lab write them in the same words, kind=argument:
//
//	noise=0.2            CueFlip, 20% of the neurons
//	erase=0.1            CueErase, 10% of the neurons
//	erase=bottom         CueEraseHalf (top, bottom, left, right)
//	erase=rect:2,3,5,8   CueEraseRect, rows 2..4, columns 3..7
//	erase=range:50,100   CueEraseRange, neurons 50..99
//
// [ParseCueOp] reads them, [CueOp.String] writes them back.
type CueOp struct {
	Kind     CueKind
	Fraction float64 // CueFlip, CueErase
	Half     string  // CueEraseHalf
	Rect     Rect    // CueEraseRect
	From, To int     // CueEraseRange
}

var halves = []string{"top", "bottom", "left", "right"}

// ParseCueOp reads the operation kind=arg, kind being noise (or flip) or
// erase. Errors say what the argument should be.
func ParseCueOp(kind, arg string) (CueOp, error) {
	arg = strings.TrimSpace(arg)
	switch strings.ToLower(strings.TrimSpace(kind)) {
	case "noise", "flip":
		f, err := parseFraction(arg)
		return CueOp{Kind: CueFlip, Fraction: f}, err
	case "erase":
	default:
		return CueOp{}, fmt.Errorf("unknown cue operation %q (want noise or erase)", kind)
	}
	if slices.Contains(halves, strings.ToLower(arg)) {
		return CueOp{Kind: CueEraseHalf, Half: strings.ToLower(arg)}, nil
	}
	if rest, ok := strings.CutPrefix(arg, "rect:"); ok {
		v, err := parseInts(rest, 4)
		if err != nil {
			return CueOp{}, fmt.Errorf("erase=rect:%s: %v (want rect:top,left,bottom,right)", rest, err)
		}
		return CueOp{Kind: CueEraseRect, Rect: Rect{v[0], v[1], v[2], v[3]}}, nil
	}
	if rest, ok := strings.CutPrefix(arg, "range:"); ok {
		v, err := parseInts(rest, 2)
		if err != nil {
			return CueOp{}, fmt.Errorf("erase=range:%s: %v (want range:from,to)", rest, err)
		}
		return CueOp{Kind: CueEraseRange, From: v[0], To: v[1]}, nil
	}
	f, err := parseFraction(arg)
	if err != nil {
		return CueOp{}, fmt.Errorf("%v, or one of %s, rect:top,left,bottom,right or range:from,to", err, strings.Join(halves, ", "))
	}
	return CueOp{Kind: CueErase, Fraction: f}, nil
}

func parseFraction(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: want a fraction in [0, 1]", s)
	}
	return f, checkFraction("fraction", f)
}

func parseInts(s string, n int) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%d numbers, want %d", len(parts), n)
	}
	out := make([]int, n)
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", p)
		}
		out[i] = v
	}
	return out, nil
}

// String writes op as ParseCueOp reads it.
func (op CueOp) String() string {
	switch op.Kind {
	case CueFlip:
		return "noise=" + strconv.FormatFloat(op.Fraction, 'g', -1, 64)
	case CueErase:
		return "erase=" + strconv.FormatFloat(op.Fraction, 'g', -1, 64)
	case CueEraseHalf:
		return "erase=" + op.Half
	case CueEraseRect:
		r := op.Rect
		return fmt.Sprintf("erase=rect:%d,%d,%d,%d", r.Top, r.Left, r.Bottom, r.Right)
	case CueEraseRange:
		return fmt.Sprintf("erase=range:%d,%d", op.From, op.To)
	}
	return fmt.Sprintf("CueOp(%d)", int(op.Kind))
}

// Apply returns a copy of p damaged by op, drawing random neurons from src
// (only CueFlip and CueErase draw). Errors say what is out of range.
func (op CueOp) Apply(p Pattern, src rand.Source) (Pattern, error) {
	q := p.Clone()
	var err error
	switch op.Kind {
	case CueFlip:
		_, err = FlipExact(q.Data, q.Data, op.Fraction, src)
	case CueErase:
		_, err = Erase(q.Data, q.Data, op.Fraction, src)
	case CueEraseHalf:
		return EraseRect(p, op.half(p))
	case CueEraseRect:
		return EraseRect(p, op.Rect)
	case CueEraseRange:
		_, err = EraseRange(q.Data, q.Data, op.From, op.To)
	default:
		err = fmt.Errorf("unknown cue operation %d", int(op.Kind))
	}
	return q, err
}

// half is the rectangle of op.Half on p's grid.
func (op CueOp) half(p Pattern) Rect {
	r := Rect{0, 0, p.Rows, p.Cols}
	switch op.Half {
	case "top":
		r.Bottom = p.Rows / 2
	case "bottom":
		r.Top = p.Rows - p.Rows/2
	case "left":
		r.Right = p.Cols / 2
	case "right":
		r.Left = p.Cols - p.Cols/2
	}
	return r
}

// Effect says in a few words what op does to a pattern of n neurons:
// "2000 of 10000 bits flipped", "bottom half erased".
func (op CueOp) Effect(n int) string {
	switch op.Kind {
	case CueFlip:
		k, _ := Count(op.Fraction, n)
		return fmt.Sprintf("%d of %d bits flipped", k, n)
	case CueErase:
		k, _ := Count(op.Fraction, n)
		return fmt.Sprintf("%d neurons erased", k)
	case CueEraseHalf:
		return op.Half + " half erased"
	}
	return strings.Replace(op.String(), "=", " ", 1)
}

// ApplyCue applies ops to p in their canonical order (flips, then random
// erasures, then erased regions, each kind in the order given), drawing
// from one source: so a cue described by the same operations is the same
// cue whatever order they were written in.
func ApplyCue(p Pattern, ops []CueOp, src rand.Source) (Pattern, error) {
	ordered := slices.Clone(ops)
	slices.SortStableFunc(ordered, func(a, b CueOp) int { return cmp.Compare(min(a.Kind, CueEraseHalf), min(b.Kind, CueEraseHalf)) })
	q := p
	for _, op := range ordered {
		var err error
		if q, err = op.Apply(q, src); err != nil {
			return Pattern{}, fmt.Errorf("%v: %w", op, err)
		}
	}
	if len(ops) == 0 {
		q = p.Clone()
	}
	return q, nil
}
