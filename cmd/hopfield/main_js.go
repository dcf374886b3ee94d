// The web lab's engine: built for js/wasm, this program runs in a Web
// Worker of the lab's pages (internal/site/static/worker.js) and installs
// one function there,
//
//	hopfieldLab(method, body, data, emit) -> {ok: json} | {error: message}
//
// which answers a request of package lab (lab.Limits.Call): method names
// it, body is its JSON, data the bytes of an uploaded image (or null), and
// emit(json) hears the lines of a run and the progress of an experiment as
// they come. The call runs to its end in the worker, so the page never
// waits on it; stopping a long run is terminating the worker.
package main

import (
	"context"
	"encoding/json"
	"syscall/js"

	"github.com/hopfield-lab/hopfield/internal/lab"
)

func main() {
	lim := lab.Limits{}.WithDefaults()
	js.Global().Set("hopfieldLab", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return call(lim, args)
	}))
	select {} // serve calls until the worker ends
}

func call(lim lab.Limits, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = map[string]any{"error": "the engine failed: please report it", "panic": js.ValueOf(toString(r))}
		}
	}()
	if len(args) < 4 {
		return map[string]any{"error": "hopfieldLab(method, body, data, emit): too few arguments"}
	}
	var data []byte
	if d := args[2]; d.Truthy() {
		data = make([]byte, d.Get("length").Int())
		js.CopyBytesToGo(data, d)
	}
	emit := func(v any) error {
		b, err := json.Marshal(v)
		if err == nil {
			args[3].Invoke(string(b))
		}
		return err
	}
	out, err := lim.Call(context.Background(), args[0].String(), []byte(args[1].String()), data, emit)
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	return map[string]any{"ok": string(b)}
}

func toString(v any) string {
	if err, ok := v.(error); ok {
		return err.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "panic"
}
