// Engine is the page's side of the lab's engine (worker.js): calls by
// name with a JSON body, answered by promises, with the lines of a run or
// the progress of an experiment handed to onLine as they come. stop()
// abandons what is running by ending the worker and starting a fresh one:
// WebAssembly cannot be interrupted, and the worker makes that cheap.
"use strict";

const Engine = (() => {
  let worker = null, readyPromise = null, seq = 0;
  const pending = new Map(); // id -> {resolve, reject, onLine}

  function start() {
    worker = new Worker("worker.js");
    readyPromise = new Promise((resolve, reject) => {
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.ready !== undefined) { resolve(m.ready); return; }
        if (m.failed !== undefined) { reject(new Error(`the engine could not start: ${m.failed}`)); return; }
        const p = pending.get(m.id);
        if (!p) return;
        if (m.line !== undefined) { if (p.onLine) p.onLine(m.line); return; }
        pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
      };
      worker.onerror = (e) => reject(new Error(`the engine failed: ${e.message}`));
    });
    readyPromise.catch(() => {}); // callers see it through ready() or call()
  }

  // call sends one request; data is an Uint8Array (an uploaded image).
  function call(method, body, { data = null, onLine = null } = {}) {
    if (!worker) start();
    const id = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onLine });
      worker.postMessage({ id, method, body, data });
    });
  }

  // stop abandons every call in progress; they reject with an AbortError.
  function stop() {
    if (!worker) return;
    worker.terminate();
    const err = new DOMException("stopped", "AbortError");
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    start();
  }

  // busy reports whether a call is in progress.
  const busy = () => pending.size > 0;

  // ready resolves with the milliseconds the engine took to start.
  function ready() {
    if (!worker) start();
    return readyPromise;
  }

  return { call, stop, busy, ready };
})();
