package lab

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
)

// DecodeJSON decodes the JSON object b into v (a pointer to a struct), or
// says in the page's words what is wrong with it: a message names the JSON
// field and what it should be ("field \"rows\": want an integer, got
// string"), not the Go type it is decoded into. Unknown fields are refused,
// since a misspelt field would otherwise be silently ignored.
func DecodeJSON(b []byte, v any) error {
	text := bytes.TrimSpace(b)
	switch {
	case len(text) == 0:
		return Errorf("request body is empty: want a JSON object")
	case text[0] != '{' && json.Valid(text):
		return Errorf("request body: not a JSON object (got %s)", kindOf(text[0]))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var (
		typeErr   *json.UnmarshalTypeError
		syntaxErr *json.SyntaxError
	)
	err := dec.Decode(v)
	switch {
	case err == nil:
		if len(bytes.TrimSpace(b[dec.InputOffset():])) > 0 {
			return Errorf("request body: more data after the JSON object")
		}
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf("request body: the JSON ends too early")
	case errors.As(err, &syntaxErr):
		// The decoder's own words ("invalid character 'x' looking for
		// beginning of value") say what is wrong without naming Go.
		return Errorf("request body: not valid JSON at byte %d: %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	case errors.As(err, &typeErr):
		field := jsonPath(typeErr.Field, reflect.TypeOf(v))
		return Errorf("field %q: want %s, got %s", field, wantFor(field, typeErr.Type), foundKind(typeErr.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// The decoder has no error type for unknown fields.
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return Errorf("unknown field %s (fields: %s)", name, strings.Join(jsonFields(reflect.TypeOf(v)), ", "))
	}
	return Errorf("request body: %v", strings.TrimPrefix(err.Error(), "json: "))
}

// kindOf names the JSON value that starts with c.
func kindOf(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// foundKind rewrites the decoder's description of a value ("array",
// "number 1e100") in words.
func foundKind(value string) string {
	switch {
	case value == "array" || value == "object":
		return "an " + value
	case value == "string":
		return "a string"
	case value == "bool":
		return "true or false"
	case strings.HasPrefix(value, "number "):
		return "the number " + strings.TrimPrefix(value, "number ")
	case value == "":
		return "something else"
	}
	return value
}

// jsonPath rewrites the decoder's path to a field ("memoryRequest.rows":
// Go names of embedded structs included) as the JSON path ("rows").
func jsonPath(goPath string, t reflect.Type) string {
	if goPath == "" {
		return ""
	}
	var out []string
	for part := range strings.SplitSeq(goPath, ".") {
		for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map) {
			t = t.Elem()
		}
		if t == nil || t.Kind() != reflect.Struct {
			out = append(out, part)
			t = nil
			continue
		}
		if f, ok := t.FieldByName(part); ok && f.Anonymous {
			t = f.Type // an embedded struct: its fields are the parent's
			continue
		}
		var next reflect.Type
		for _, f := range reflect.VisibleFields(t) {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == part {
				next = f.Type
				break
			}
		}
		out = append(out, part)
		t = next
	}
	return strings.Join(out, ".")
}

// jsonFields lists the JSON names of a struct's fields, embedded structs'
// included, sorted.
func jsonFields(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var names []string
	for _, f := range reflect.VisibleFields(t) {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" && f.IsExported() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// fieldWants describes the fields whose JSON form is more than their Go
// type says.
var fieldWants = map[string]string{
	"cue":            "a string of cells: '#' ink, '.' background, '?' unknown",
	"cells":          "a string of cells: '#' ink, '.' background, '?' unknown",
	"patterns":       `an array of patterns {"name": ..., "cells": ...}`,
	"patterns.cells": "a string of cells: '#' ink, '.' background",
	"rect":           `an object {"top", "left", "bottom", "right"}`,
	"params":         `an object of parameter values, such as {"noise": 0.3}`,
	"seed":           "a whole number from 0 to 2^64-1",
}

// wantFor says what a field should hold.
func wantFor(field string, t reflect.Type) string {
	if s, ok := fieldWants[field]; ok {
		return s
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number >= 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}
