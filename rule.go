package hopfield

import (
	"fmt"
	"strings"
)

// Rule is a learning rule: how stored patterns become weights. The zero
// value is Hebbian.
type Rule int

const (
	// Hebbian is w_ij = (1/N) sum_mu xi_i xi_j with w_ii = 0.
	Hebbian Rule = iota
	// Storkey is the incremental rule of Storkey (1997):
	//	h_ij = sum_{k != i,j} w_ik xi_k
	//	w_ij += (xi_i xi_j - xi_i h_ji - h_ij xi_j) / N,  w_ii = 0.
	Storkey
	// PseudoInverse is the projection rule W = Xi^T (Xi Xi^T)^-1 Xi, which
	// makes every linearly independent pattern a fixed point.
	PseudoInverse
	// DenseAM is the dense associative memory of Krotov and Hopfield
	// (2016): no weight matrix, an energy E = -sum_mu F(xi^mu . s) with
	// the interaction function F of Config.Energy.
	DenseAM
	// Given marks a network built by NewFromWeights: its weights were
	// given, not learned.
	Given
)

var ruleNames = map[Rule]string{Hebbian: "hebbian", Storkey: "storkey", PseudoInverse: "pseudoinverse", DenseAM: "dense", Given: "weights"}

func (r Rule) String() string {
	if s, ok := ruleNames[r]; ok {
		return s
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// learns reports whether r is a learning rule that Config accepts.
func (r Rule) learns() bool { return r >= Hebbian && r <= DenseAM }

// ruleList names the learning rules for errors.
const ruleList = "hebbian, storkey, pseudoinverse or dense"

// Rules lists every learning rule, in the order they are documented.
func Rules() []Rule { return []Rule{Hebbian, Storkey, PseudoInverse, DenseAM} }

// ParseRule returns the rule with the given name: "hebbian", "storkey",
// "pseudoinverse" or "dense" (also "hebb", "pinv", "projection", "dam").
func ParseRule(name string) (Rule, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "hebbian", "hebb":
		return Hebbian, nil
	case "storkey":
		return Storkey, nil
	case "pseudoinverse", "pseudo-inverse", "pinv", "projection":
		return PseudoInverse, nil
	case "dense", "dam":
		return DenseAM, nil
	}
	return 0, fmt.Errorf("unknown rule %q (want %s)", name, ruleList)
}

// Form is how a network holds its weights.
type Form int

const (
	// AutoForm picks the pattern form for Hebbian and pseudo-inverse
	// networks with 2P <= N and the dense form otherwise. Dense
	// associative memories are always in the pattern form.
	AutoForm Form = iota
	// DenseForm holds the N x N weight matrix.
	DenseForm
	// PatternForm holds only the P x N patterns (and a P x P matrix for the
	// pseudo-inverse) and computes fields as h = Xi^T C (Xi s) in O(NP).
	PatternForm
)

func (f Form) String() string {
	switch f {
	case AutoForm:
		return "auto"
	case DenseForm:
		return "dense"
	case PatternForm:
		return "pattern"
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// ParseForm returns the form named "auto", "dense" or "pattern".
func ParseForm(name string) (Form, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "auto", "":
		return AutoForm, nil
	case "dense":
		return DenseForm, nil
	case "pattern":
		return PatternForm, nil
	}
	return 0, fmt.Errorf("unknown form %q (want auto, dense or pattern)", name)
}
