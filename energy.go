package hopfield

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Energy is the interaction function F of a dense associative memory, whose
// energy is E = -sum_mu F(xi^mu . s). The zero value is not valid: say
// which F with one of the kinds below.
type Energy struct {
	Kind EnergyKind
	// Power is n for Poly and RectPoly: F(x) = x^n, n >= 2.
	Power int
	// Beta is the inverse temperature of Exp and LSE: F(x) = exp(beta x),
	// 0 < beta <= MaxBeta.
	Beta float64
}

// EnergyKind names the interaction function of a dense associative memory.
type EnergyKind int

const (
	// Poly is F(x) = x^n (Krotov and Hopfield 2016). n = 2 is the classic
	// Hebbian network: its fields are 2N times the scaled Hebbian ones.
	Poly EnergyKind = iota + 1
	// RectPoly is F(x) = x^n for x > 0 and 0 otherwise (Krotov and
	// Hopfield 2016), which ignores patterns the state is anti-aligned with.
	RectPoly
	// Exp is F(x) = exp(beta x) (Demircigil et al. 2017).
	Exp
	// LSE is the log-sum-exp energy E = -(1/beta) log sum_mu exp(beta
	// xi^mu . s): the logarithm of Exp's, so it makes the same decisions
	// and its energy never overflows.
	LSE
)

// MaxBeta bounds Beta for Exp and LSE: one flip changes a term of the
// energy by up to exp(2 beta), which must stay within float64's range.
const MaxBeta = 300

// MaxPower bounds Power for Poly and RectPoly; a network also needs
// (N+2)^n within float64's range (Store says so when it is not).
const MaxPower = 100

// Validate reports whether e names a valid interaction function.
func (e Energy) Validate() error {
	switch e.Kind {
	case Poly, RectPoly:
		if e.Power < 2 || e.Power > MaxPower {
			return fmt.Errorf("energy %v: power %d, want an integer n from 2 to %d", e, e.Power, MaxPower)
		}
	case Exp, LSE:
		if b := e.Beta; math.IsNaN(b) || b <= 0 || b > MaxBeta {
			return fmt.Errorf("energy %v: beta %v, want a number in (0, %d]", e, e.Beta, MaxBeta)
		}
	default:
		return fmt.Errorf("energy kind %d, want poly, rpoly, exp or lse", int(e.Kind))
	}
	return nil
}

// String returns the name ParseEnergy reads: poly:3, rpoly:3, exp, lse, and
// exp:BETA or lse:BETA when beta is not 1.
func (e Energy) String() string {
	switch e.Kind {
	case Poly:
		return "poly:" + strconv.Itoa(e.Power)
	case RectPoly:
		return "rpoly:" + strconv.Itoa(e.Power)
	case Exp, LSE:
		name := map[EnergyKind]string{Exp: "exp", LSE: "lse"}[e.Kind]
		if e.Beta == 1 {
			return name
		}
		return name + ":" + strconv.FormatFloat(e.Beta, 'g', -1, 64)
	}
	return fmt.Sprintf("Energy(%d)", int(e.Kind))
}

// ParseEnergy reads an interaction function: poly:N, rpoly:N (N >= 2), exp
// or lse, the last two with beta 1 or the beta given (exp:0.5).
func ParseEnergy(s string) (Energy, error) {
	name, arg, hasArg := strings.Cut(strings.ToLower(strings.TrimSpace(s)), ":")
	var e Energy
	switch name {
	case "poly", "rpoly":
		e.Kind = map[string]EnergyKind{"poly": Poly, "rpoly": RectPoly}[name]
		n, err := strconv.Atoi(arg)
		if !hasArg || err != nil || n < 2 || n > MaxPower {
			return Energy{}, fmt.Errorf("energy %q: want %s:N with an integer power N from 2 to %d", s, name, MaxPower)
		}
		e.Power = n
	case "exp", "lse":
		e.Kind, e.Beta = map[string]EnergyKind{"exp": Exp, "lse": LSE}[name], 1
		if hasArg {
			b, err := strconv.ParseFloat(arg, 64)
			if err != nil {
				return Energy{}, fmt.Errorf("energy %q: beta %q is not a number", s, arg)
			}
			e.Beta = b
		}
	default:
		return Energy{}, fmt.Errorf("unknown energy %q (want poly:N, rpoly:N, exp or lse)", s)
	}
	return e, e.Validate()
}
