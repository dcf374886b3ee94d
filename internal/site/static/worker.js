// The lab's engine in a Web Worker: the Go library compiled to WebAssembly
// (lab.wasm, cmd/hopfield built for js/wasm), so that a long run never
// freezes the page. Messages in: {id, method, body, data}; out: {id, line}
// for each line of a run or experiment, then {id, result} or {id, error}.
// The first message out is {ready: ms}, when the engine can take calls.
"use strict";

importScripts("wasm_exec.js");

const started = performance.now();

async function instantiate(go) {
  // Streaming compiles while the bytes arrive, but needs the server to
  // send application/wasm; any static server will do with the fallback.
  try {
    return await WebAssembly.instantiateStreaming(fetch("lab.wasm"), go.importObject);
  } catch (e) {
    const bytes = await (await fetch("lab.wasm")).arrayBuffer();
    return WebAssembly.instantiate(bytes, go.importObject);
  }
}

const ready = (async () => {
  const go = new Go();
  const { instance } = await instantiate(go);
  go.run(instance); // resolves only when the program exits: it serves calls
  if (typeof self.hopfieldLab !== "function") throw new Error("the engine did not start");
})();

ready.then(
  () => postMessage({ ready: performance.now() - started }),
  (e) => postMessage({ failed: String(e && e.message ? e.message : e) }),
);

self.onmessage = async (e) => {
  const { id, method, body, data } = e.data;
  try {
    await ready;
  } catch (err) {
    postMessage({ id, error: `the engine could not start: ${err.message || err}` });
    return;
  }
  const emit = (line) => postMessage({ id, line: JSON.parse(line) });
  try {
    const r = self.hopfieldLab(method, JSON.stringify(body || {}), data || null, emit);
    if (r.error !== undefined) postMessage({ id, error: r.error });
    else postMessage({ id, result: JSON.parse(r.ok) });
  } catch (err) {
    // The Go program has exited (out of memory, say): this worker can
    // answer nothing more, and the page starts another.
    postMessage({ id, error: `the engine failed: ${err && err.message ? err.message : err}`, fatal: true });
  }
};
