// Engine is the page's side of the lab's engine (worker.js): calls by
// name with a JSON body, answered by promises, with the lines of a run or
// the progress of an experiment handed to onLine as they come. A call's
// signal (an AbortSignal) abandons it: WebAssembly cannot be interrupted,
// so the worker ends and a fresh one takes the other calls in progress,
// sent again. That is safe because the engine keeps nothing between calls.
"use strict";

const Engine = (() => {
  let worker = null, readyPromise = null, seq = 0;
  const pending = new Map(); // id -> {resolve, reject, onLine, msg}

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
        if (m.fatal) restart(); // the engine is gone: the next calls get a fresh one
      };
      worker.onerror = (e) => reject(new Error(`the engine failed: ${e.message}`));
    });
    readyPromise.catch(() => {}); // callers see it through ready() or call()
  }

  // restart replaces the worker and sends it the calls still in progress.
  function restart() {
    worker.terminate();
    start();
    for (const p of pending.values()) worker.postMessage(p.msg);
  }

  // call sends one request; data is an Uint8Array (an uploaded image).
  // Aborting signal rejects the call with an AbortError.
  function call(method, body, { data = null, onLine = null, signal = null } = {}) {
    const id = ++seq, msg = { id, method, body, data };
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) { reject(new DOMException("stopped", "AbortError")); return; }
      pending.set(id, { resolve, reject, onLine, msg });
      if (signal) signal.addEventListener("abort", () => stop(id), { once: true });
      worker.postMessage(msg);
    });
  }

  function stop(id) {
    const p = pending.get(id);
    if (!p) return; // already answered
    pending.delete(id);
    restart();
    p.reject(new DOMException("stopped", "AbortError"));
  }

  // ready resolves with the milliseconds the engine took to start.
  function ready() {
    return readyPromise;
  }

  // Started at once, as the page loads (engine.js is not deferred): the
  // engine takes longest to be ready, and every page needs it.
  start();
  return { call, ready };
})();
