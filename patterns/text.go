package patterns

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// The text form is what people type:
//
//	; name: T
//	#####
//	..#..
//	..#..
//
//	; a comment
//	1 0 1
//	0 ? 0
//
// Each line of a pattern is one row: '#' or '1' is +1, '.' or '0' is -1,
// '?' is unknown. Spaces and tabs inside a row are ignored. Patterns are
// separated by one or more blank lines. A line whose first non-blank
// character is ';' is a comment; the comment "; name: X" names the pattern
// that follows it.

// maxTextLine bounds the length of one line of text input.
const maxTextLine = 1 << 20

// ReadText reads patterns in the text form. Rows of different lengths
// within a pattern and unexpected characters are errors naming the line.
// Patterns without a "; name:" comment have no name.
func ReadText(r io.Reader) ([]Pattern, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxTextLine)
	var (
		ps      []Pattern
		cur     *Pattern
		name    string
		nameAt  int // line of a pending name comment
		line    int
		started int // first line of cur
	)
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")) // UTF-8 BOM
		}
		trimmed := bytes.TrimSpace(text)
		switch {
		case len(trimmed) == 0:
			cur = nil
			continue
		case trimmed[0] == ';':
			if n, ok := nameComment(string(trimmed[1:])); ok {
				if cur != nil {
					return nil, fmt.Errorf("line %d: name comment inside the pattern that starts on line %d (put it before the first row)", line, started)
				}
				name, nameAt = n, line
			}
			continue
		}
		row := make([]int8, 0, len(trimmed))
		col := 0
		for _, ch := range string(text) {
			col++
			if v, ok := textCell(ch); ok {
				row = append(row, v)
				continue
			}
			switch ch {
			case ' ', '\t', '\r', '\v', '\f':
			default:
				return nil, fmt.Errorf("line %d, column %d: unexpected %q (want # or 1 for ink, . or 0 for background, ? for unknown)", line, col, ch)
			}
		}
		if cur == nil {
			ps = append(ps, Pattern{Name: name, Cols: len(row)})
			cur = &ps[len(ps)-1]
			name, nameAt, started = "", 0, line
		} else if len(row) != cur.Cols {
			return nil, fmt.Errorf("line %d: row has %d cells, but the pattern that starts on line %d has %d", line, len(row), started, cur.Cols)
		}
		cur.Data = append(cur.Data, row...)
		cur.Rows++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: longer than %d bytes", line+1, maxTextLine)
		}
		return nil, err
	}
	if nameAt > 0 {
		return nil, fmt.Errorf("line %d: name %q is not followed by a pattern", nameAt, name)
	}
	if len(ps) == 0 {
		return nil, errors.New("no patterns (want rows of #, . and ?)")
	}
	return ps, nil
}

// textCell reads a cell of the text form: the cell alphabet, or '1' for ink
// and '0' for background.
func textCell(ch rune) (int8, bool) {
	switch ch {
	case '1':
		return hopfield.Plus, true
	case '0':
		return hopfield.Minus, true
	}
	if ch >= 0x80 {
		return 0, false
	}
	return cellValue(byte(ch))
}

// nameComment parses the body of a comment line, returning X for
// " name: X".
func nameComment(s string) (string, bool) {
	s = strings.TrimSpace(s)
	key, val, ok := strings.Cut(s, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(key), "name") {
		return "", false
	}
	return strings.TrimSpace(val), true
}

// WriteText writes patterns in the text form: a "; name: X" comment for a
// named pattern, one line per row of '#', '.' and '?', and a blank line
// between patterns.
func WriteText(w io.Writer, ps []Pattern) error {
	if err := validateAll(ps); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for i, p := range ps {
		if i > 0 {
			bw.WriteByte('\n')
		}
		if name := strings.Join(strings.Fields(p.Name), " "); name != "" {
			fmt.Fprintf(bw, "; name: %s\n", name)
		}
		bw.WriteString(p.String())
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
