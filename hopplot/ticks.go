package hopplot

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks labels about target evenly spaced round values (steps of 1, 2
// or 5 times a power of ten), like matplotlib; gonum's default gives only
// about three.
type niceTicks struct{ target int }

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	target := t.target
	if target < 2 {
		target = 6
	}
	raw := (hi - lo) / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	dec := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	for dec < 10 && math.Abs(step*math.Pow10(dec)-math.Round(step*math.Pow10(dec))) > 1e-6 {
		dec++ // 2.5 x 10^-k needs one more digit
	}
	k0 := math.Ceil(lo/step - 1e-9)
	var ts []plot.Tick
	for k := k0; k*step <= hi+1e-9*step; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		ts = append(ts, plot.Tick{Value: v, Label: formatTick(v, dec)})
	}
	return ts
}

func formatTick(v float64, dec int) string {
	if a := math.Abs(v); a >= 1e6 || (a != 0 && a < 1e-4) {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// intTicks labels integer positions with steps of 1, 2 or 5 times a power
// of ten: cell indices of a raster, ±1 states.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	a, b := math.Ceil(lo), math.Floor(hi)
	if b < a || math.IsInf(b-a, 0) {
		return nil
	}
	step := 1.0
	for (b-a)/step > 6 {
		switch {
		case isPow10(step):
			step *= 2
		case isPow10(step / 2):
			step *= 2.5
		default:
			step *= 2
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(a/step) * step; v <= b; v += step {
		if v == 0 {
			v = 0 // no "-0"
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ts
}

func isPow10(x float64) bool {
	l := math.Log10(x)
	return math.Abs(l-math.Round(l)) < 1e-9
}
