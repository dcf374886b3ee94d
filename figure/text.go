package figure

import "strings"

// Run is a piece of a figure's text at one level: Shift is 0 on the
// baseline, 1 raised (a superscript), -1 lowered (a subscript).
type Run struct {
	Text  string
	Shift int
}

// ParseText splits a title, label, legend name or tick label into runs:
// "_{...}" is a subscript and "^{...}" a superscript, so T_{g} is T with a
// subscript g and N^{n−1} a power. Scripts do not nest; a "_{" or "^{"
// without its "}" is kept as written, as are a lone "_" and "^".
func ParseText(s string) []Run {
	var out []Run
	add := func(t string, shift int) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Shift == shift {
			out[n-1].Text += t
			return
		}
		out = append(out, Run{t, shift})
	}
	for s != "" {
		i := strings.IndexAny(s, "_^")
		if i < 0 || i+1 >= len(s) || s[i+1] != '{' {
			if i < 0 {
				add(s, 0)
				break
			}
			add(s[:i+1], 0)
			s = s[i+1:]
			continue
		}
		end := strings.IndexByte(s[i+2:], '}')
		if end < 0 {
			add(s, 0)
			break
		}
		add(s[:i], 0)
		shift := 1
		if s[i] == '_' {
			shift = -1
		}
		add(s[i+2:i+2+end], shift)
		s = s[i+2+end+1:]
	}
	return out
}

// PlainText is s without its script markup ("T_{g}" is "Tg"): for places
// that cannot raise or lower text.
func PlainText(s string) string {
	var b strings.Builder
	for _, r := range ParseText(s) {
		b.WriteString(r.Text)
	}
	return b.String()
}
