// The recall lab. The page holds the user's grid and memory; every
// computation (patterns, cues, weights, the dynamics themselves) is a request
// to the server, which runs the Go library and streams the run back as one
// JSON line per step, sweep or neuron. This file only draws and animates.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const SPEEDS = [1, 2, 5, 10, 20, 50, 150, 500, Infinity]; // frames per second

  const lab = {
    limits: null,
    size: 10, rows: 10, cols: 10,
    cells: new Int8Array(100).fill(-1),
    grids: {},        // size -> the grid last drawn at that size
    gridName: null,   // name of the loaded pattern, until the grid is edited
    memories: {},     // size -> [{name, cells}]
    drawings: 0, cueOps: 0, randoms: 0,
    tool: "draw",
    cue: null,        // the grid when the last run started: Reset returns to it
    run: null,
    neuron: -1,       // neuron updated by the last frame shown
    rect: null,       // erase rectangle being dragged
    dirty: true, plotsDirty: true,
  };

  const memory = () => lab.memories[lab.size] || (lab.memories[lab.size] = []);
  const N = () => lab.rows * lab.cols;

  // --- Grid ------------------------------------------------------------------

  const gridCanvas = $("grid");
  const offscreen = document.createElement("canvas");

  function renderGrid() {
    const { ctx, w, h } = Lab.fitCanvas(gridCanvas);
    Lab.paintCells(offscreen, lab.cells, lab.rows, lab.cols);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(offscreen, 0, 0, w, h);
    const cw = w / lab.cols, ch = h / lab.rows;
    if (lab.cols <= 32) {
      ctx.strokeStyle = "#b8b8b8"; ctx.lineWidth = 1;
      ctx.beginPath();
      for (let c = 1; c < lab.cols; c++) { ctx.moveTo(c * cw, 0); ctx.lineTo(c * cw, h); }
      for (let r = 1; r < lab.rows; r++) { ctx.moveTo(0, r * ch); ctx.lineTo(w, r * ch); }
      ctx.stroke();
    }
    if (lab.neuron >= 0 && lab.neuron < N()) {
      const r = Math.floor(lab.neuron / lab.cols), c = lab.neuron % lab.cols;
      const lw = Math.max(2.5, Math.min(cw, ch) * 0.14);
      ctx.strokeStyle = "#e69f00"; ctx.lineWidth = lw;
      ctx.strokeRect(c * cw + lw / 2, r * ch + lw / 2, Math.max(cw - lw, 2), Math.max(ch - lw, 2));
    }
    if (lab.rect) {
      const q = normRect(lab.rect);
      ctx.fillStyle = "rgba(0, 87, 184, 0.25)"; ctx.strokeStyle = "#0057b8"; ctx.lineWidth = 3; ctx.setLineDash([8, 5]);
      ctx.fillRect(q.left * cw, q.top * ch, (q.right - q.left) * cw, (q.bottom - q.top) * ch);
      ctx.strokeRect(q.left * cw, q.top * ch, (q.right - q.left) * cw, (q.bottom - q.top) * ch);
      ctx.setLineDash([]);
    }
    // The grid's cells as text, for tests and for anyone reading the page.
    gridCanvas.dataset.cells = Lab.formatCells(lab.cells);
    gridCanvas.dataset.rows = lab.rows;
    gridCanvas.dataset.cols = lab.cols;
    gridCanvas.dataset.neuron = lab.neuron;
    gridCanvas.dataset.frames = lab.run ? lab.run.next : 0;
  }

  function cellAt(e) {
    const b = gridCanvas.getBoundingClientRect();
    const x = e.clientX - b.left - gridCanvas.clientLeft, y = e.clientY - b.top - gridCanvas.clientTop;
    const c = Math.floor((x / gridCanvas.clientWidth) * lab.cols), r = Math.floor((y / gridCanvas.clientHeight) * lab.rows);
    return { r: Math.min(lab.rows - 1, Math.max(0, r)), c: Math.min(lab.cols - 1, Math.max(0, c)) };
  }

  function normRect(q) {
    return { top: Math.min(q.r0, q.r1), left: Math.min(q.c0, q.c1), bottom: Math.max(q.r0, q.r1) + 1, right: Math.max(q.c0, q.c1) + 1 };
  }

  let paint = null; // {value, last} while drawing

  function paintLine(a, b, value) {
    // Bresenham, so that a fast stroke leaves no gaps.
    let r = a.r, c = a.c;
    const dr = Math.abs(b.r - r), dc = Math.abs(b.c - c), sr = r < b.r ? 1 : -1, sc = c < b.c ? 1 : -1;
    let err = dc - dr;
    for (;;) {
      lab.cells[r * lab.cols + c] = value;
      if (r === b.r && c === b.c) break;
      const e2 = 2 * err;
      if (e2 > -dr) { err -= dr; c += sc; }
      if (e2 < dc) { err += dc; r += sr; }
    }
  }

  gridCanvas.addEventListener("pointerdown", (e) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault();
    gridCanvas.setPointerCapture(e.pointerId);
    const p = cellAt(e);
    if (lab.tool === "draw") {
      const i = p.r * lab.cols + p.c;
      paint = { value: lab.cells[i] > 0 ? -1 : 1, last: p };
      paintLine(p, p, paint.value);
      edited();
    } else {
      lab.rect = { r0: p.r, c0: p.c, r1: p.r, c1: p.c };
      lab.dirty = true;
    }
  });
  gridCanvas.addEventListener("pointermove", (e) => {
    if (paint) {
      const p = cellAt(e);
      paintLine(paint.last, p, paint.value);
      paint.last = p;
      lab.dirty = true;
    } else if (lab.rect) {
      const p = cellAt(e);
      lab.rect.r1 = p.r; lab.rect.c1 = p.c;
      lab.dirty = true;
    }
  });
  const endPointer = () => {
    if (paint) { paint = null; edited(); }
    if (lab.rect) {
      const q = normRect(lab.rect);
      lab.rect = null; lab.dirty = true;
      cueOp({ op: "erase-rect", rect: q });
    }
  };
  gridCanvas.addEventListener("pointerup", endPointer);
  gridCanvas.addEventListener("pointercancel", endPointer);

  // edited is called after the user changes the grid by hand.
  function edited() {
    stopRun();
    lab.gridName = null;
    lab.dirty = true;
  }

  function setGrid(cells, name) {
    stopRun();
    lab.cells = Lab.parseCells(cells);
    lab.gridName = name;
    lab.dirty = true;
  }

  function setTool(tool) {
    lab.tool = tool;
    for (const b of document.querySelectorAll("#tools button")) b.setAttribute("aria-pressed", b.dataset.tool === tool ? "true" : "false");
    $("erase-tool").setAttribute("aria-pressed", tool === "erase" ? "true" : "false");
  }

  function setSize(n) {
    if (n === lab.size && lab.limits) return;
    stopRun();
    lab.grids[lab.size] = lab.cells;
    lab.size = n; lab.rows = n; lab.cols = n;
    lab.cells = lab.grids[n] || new Int8Array(n * n).fill(-1);
    lab.gridName = null; lab.cue = null;
    for (const b of document.querySelectorAll("#sizes button")) b.setAttribute("aria-pressed", Number(b.dataset.size) === n ? "true" : "false");
    memoryChanged();
  }

  // --- Patterns --------------------------------------------------------------

  function shortName(name) {
    const parts = name.split(":");
    if (parts[0] === "seed" || parts[0] === "alphabet") return parts[1];
    return name;
  }

  async function loadPattern() {
    clearErrorSoon();
    const name = $("palette").value;
    let q = `/api/pattern?name=${encodeURIComponent(name)}&rows=${lab.rows}&cols=${lab.cols}`;
    if (name === "random") q += `&seed=${seedValue() + lab.randoms++}`;
    try {
      const p = await Lab.api(q);
      setGrid(p.cells, shortName(p.name || name));
    } catch (e) { Lab.showError(e.message); }
  }

  async function upload(file) {
    try {
      // The server takes names of at most 100 bytes: 25 characters are at
      // most 100 bytes of UTF-8.
      const name = Array.from(file.name).slice(0, 25).join("") || "upload";
      const resp = await fetch(`/api/upload?rows=${lab.rows}&cols=${lab.cols}&name=${encodeURIComponent(name)}`, { method: "POST", body: file });
      const p = await Lab.readResponse(resp);
      Lab.clearError();
      setGrid(p.cells, p.name.replace(/\.[a-z]+$/i, ""));
    } catch (e) { Lab.showError(e.message); }
  }

  // --- Memory ----------------------------------------------------------------

  function store() {
    const mem = memory();
    if (lab.cells.some((v) => v === 0)) {
      Lab.showError("The grid has unknown (grey) cells: a stored pattern must be fully drawn. Draw over them or load a pattern.");
      return;
    }
    const cells = Lab.formatCells(lab.cells);
    const dup = mem.find((p) => Lab.formatCells(p.cells) === cells);
    if (dup) { Lab.showError(`That pattern is already stored, as “${dup.name}”.`); return; }
    if (lab.limits && mem.length >= lab.limits.max_patterns) {
      Lab.showError(`The memory holds at most ${lab.limits.max_patterns} patterns on this server.`);
      return;
    }
    let name = lab.gridName || `drawing ${++lab.drawings}`;
    for (let k = 2; mem.some((p) => p.name === name); k++) name = `${lab.gridName || "drawing"} ${k}`;
    mem.push({ name, cells: lab.cells.slice() });
    Lab.clearError();
    memoryChanged();
  }

  function memoryChanged() {
    stopRun();
    renderMemory();
    updateCapacity();
    scheduleWeights();
    resetPlots();
    lab.dirty = true;
  }

  function renderMemory() {
    const ul = $("memory");
    ul.textContent = "";
    const legend = $("legend");
    legend.textContent = "";
    memory().forEach((p, i) => {
      const style = Lab.seriesStyle(i);
      const li = document.createElement("li");
      li.dataset.cells = Lab.formatCells(p.cells);
      const thumb = document.createElement("button");
      thumb.type = "button"; thumb.className = "thumb";
      thumb.style.borderColor = style.color;
      thumb.title = `Copy “${p.name}” to the grid`;
      thumb.setAttribute("aria-label", `Copy ${p.name} to the grid`);
      const canvas = document.createElement("canvas");
      Lab.drawThumb(canvas, p.cells, lab.rows, lab.cols);
      thumb.append(canvas);
      thumb.addEventListener("click", () => { Lab.clearError(); setGrid(Lab.formatCells(p.cells), p.name); });
      const name = document.createElement("span");
      name.className = "name"; name.textContent = p.name;
      const rm = document.createElement("button");
      rm.type = "button"; rm.className = "remove"; rm.textContent = "×";
      rm.title = `Remove “${p.name}”`; rm.setAttribute("aria-label", `Remove ${p.name}`);
      rm.addEventListener("click", () => { memory().splice(i, 1); memoryChanged(); });
      li.append(thumb, name, rm);
      ul.append(li);
      const key = document.createElement("span");
      key.style.setProperty("--c", style.color);
      key.textContent = p.name;
      legend.append(key);
    });
  }

  let capacitySeq = 0;
  async function updateCapacity() {
    const seq = ++capacitySeq, box = $("capacity"), p = memory().length;
    if (p === 0) {
      box.className = "capacity"; $("capacity-bar").style.width = "0"; $("capacity-tick").style.left = "0";
      $("capacity-text").textContent = "Nothing stored.";
      return;
    }
    try {
      const c = await Lab.api(`/api/capacity?n=${N()}&p=${p}&rule=${$("rule").value}`);
      if (seq !== capacitySeq) return;
      box.className = `capacity ${c.level}`;
      $("capacity-bar").style.width = `${Math.min(100, (100 * p) / c.capacity)}%`;
      $("capacity-tick").style.left = `${Math.min(100, (100 * c.warn) / c.capacity)}%`;
      $("capacity-text").textContent = c.message;
    } catch (e) { Lab.showError(e.message); }
  }

  let weightsTimer = 0, weightsSeq = 0;
  function scheduleWeights() {
    clearTimeout(weightsTimer);
    weightsTimer = setTimeout(updateWeights, 150);
  }

  async function updateWeights() {
    const seq = ++weightsSeq, canvas = $("weights"), note = $("weights-note");
    const mem = memory();
    if (!mem.length) {
      canvas.width = 1; canvas.height = 1;
      canvas.getContext("2d").clearRect(0, 0, 1, 1);
      note.textContent = "Store patterns to see their weight matrix W.";
      $("wmin").textContent = "−"; $("wmax").textContent = "+";
      return;
    }
    try {
      const w = await Lab.api("/api/weights", { json: Object.assign(memoryBody(), { side: 100 }) });
      if (seq !== weightsSeq) return;
      canvas.width = w.side; canvas.height = w.side;
      const ctx = canvas.getContext("2d");
      const img = ctx.createImageData(w.side, w.side);
      const m = w.max_abs || 1;
      for (let i = 0; i < w.values.length; i++) {
        const t = Math.max(-1, Math.min(1, w.values[i] / m));
        // Diverging blue-white-red: negative blue, zero white, positive red.
        const [r, g, b] = t < 0 ? [255 + t * (255 - 33), 255 + t * (255 - 102), 255 + t * (255 - 172)] : [255 - t * (255 - 178), 255 - t * (255 - 24), 255 - t * (255 - 43)];
        img.data.set([r, g, b, 255], 4 * i);
      }
      ctx.putImageData(img, 0, 0);
      const num = (v) => (Math.abs(v) < 0.01 ? v.toExponential(1) : v.toPrecision(2)).replace("-", "−");
      $("wmin").textContent = num(-m); $("wmax").textContent = "+" + num(m);
      const what = w.exact ? `all ${w.n}×${w.n} weights` : `the ${w.n}×${w.n} matrix as ${w.side}×${w.side} block means`;
      note.textContent = `${ruleLabel(w.rule)}, ${w.form} form (${fmtBytes(w.bytes)}): ${what}. Blue negative, red positive.`;
    } catch (e) {
      if (seq !== weightsSeq) return;
      note.textContent = e.message;
      Lab.showError(e.message);
    }
  }

  const ruleLabel = (r) => ({ hebbian: "Hebbian", storkey: "Storkey", pseudoinverse: "Pseudo-inverse" })[r] || r;
  const fmtBytes = (n) => n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;

  function memoryBody() {
    return {
      rows: lab.rows, cols: lab.cols, rule: $("rule").value,
      patterns: memory().map((p) => ({ name: p.name, cells: Lab.formatCells(p.cells) })),
    };
  }

  // --- Cues ------------------------------------------------------------------

  const seedValue = () => Math.max(0, Math.floor(Number($("seed").value) || 0));

  async function cueOp(req) {
    const body = Object.assign({ rows: lab.rows, cols: lab.cols, cells: Lab.formatCells(lab.cells), seed: seedValue() + lab.cueOps++ }, req);
    try {
      const c = await Lab.api("/api/cue", { json: body });
      Lab.clearError();
      setGrid(c.cells, null);
    } catch (e) { Lab.showError(e.message); }
  }

  // --- Runs ------------------------------------------------------------------

  function runBody() {
    const update = $("update").value;
    return Object.assign(memoryBody(), {
      cue: Lab.formatCells(lab.cells),
      update, tie: $("tie").value,
      temperature: update === "glauber" ? Number($("temperature").value) : 0,
      seed: seedValue(),
      max_steps: Math.floor(Number($("max-steps").value) || 0),
      // Asynchronous runs stream a frame per neuron on small grids, and
      // about a hundred frames per sweep on large ones.
      every: update === "sync" ? 0 : Math.max(1, Math.ceil(N() / 100)),
    });
  }

  async function startRun(playing, steps) {
    if (!memory().length) {
      Lab.showError("The memory is empty: draw or load a pattern and press Store drawing first.");
      return;
    }
    stopRun();
    Lab.clearError();
    const body = runBody();
    const run = {
      ctrl: new AbortController(), lines: [], next: 0, streamDone: false, finished: false,
      playing, steps: steps || 0, budget: 0, sync: body.update === "sync", n: N(),
      glauber: body.update === "glauber", names: body.patterns.map((p) => p.name),
      xs: [], ms: body.patterns.map(() => []), es: [],
    };
    lab.run = run;
    lab.cue = lab.cells.slice();
    resetPlots();
    updateRunState();
    try {
      const resp = await fetch("/api/run", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: run.ctrl.signal,
      });
      if (!resp.ok) await Lab.readResponse(resp);
      const reader = resp.body.getReader();
      const dec = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let k;
        while ((k = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, k);
          buf = buf.slice(k + 1);
          if (line) run.lines.push(JSON.parse(line));
        }
      }
      run.streamDone = true;
    } catch (e) {
      if (e.name === "AbortError" || lab.run !== run) return;
      lab.run = null;
      Lab.showError(e.message);
      setOutcome("The run was refused: see the message above.", "bad", "");
      updateRunState();
    }
  }

  // stopRun abandons the current run; aborting the request cancels the
  // computation on the server.
  function stopRun() {
    const run = lab.run;
    if (!run) return;
    lab.run = null;
    lab.shownRun = run;
    if (!run.streamDone) run.ctrl.abort();
    lab.neuron = -1;
    lab.dirty = true;
    updateRunState();
  }

  function toggleRun() {
    const run = lab.run;
    if (!run || run.finished) { startRun(true, 0); return; }
    run.playing = !run.playing;
    updateRunState();
  }

  function step() {
    const run = lab.run;
    if (!run || run.finished) { startRun(false, 1); return; }
    run.playing = false;
    run.steps++;
    updateRunState();
  }

  function reset() {
    stopRun();
    if (lab.cue) lab.cells = lab.cue.slice();
    lab.gridName = null;
    resetPlots();
    setOutcome(lab.cue ? "Back to the cue of the last run." : "Store some patterns, make a cue, press Run.", "", "");
    lab.dirty = true;
  }

  // apply shows one streamed line.
  function apply(run, line) {
    switch (line.type) {
      case "start":
        lab.cells = Lab.parseCells(line.cells);
        addPoint(run, 0, line);
        break;
      case "frame":
        for (const i of line.plus || []) lab.cells[i] = 1;
        for (const i of line.minus || []) lab.cells[i] = -1;
        lab.neuron = line.neuron;
        addPoint(run, run.sync ? line.step : line.updates / run.n, line);
        break;
      case "end":
        lab.cells = Lab.parseCells(line.cells);
        lab.neuron = -1;
        run.finished = true; run.playing = false;
        showEnd(run, line);
        break;
    }
    lab.dirty = true;
  }

  function addPoint(run, x, line) {
    run.xs.push(x);
    line.overlaps.forEach((m, mu) => run.ms[mu].push(m));
    run.es.push(line.energy);
    lab.plotsDirty = true;
  }

  function showEnd(run, end) {
    const sweeps = run.sync ? "step" : "sweep";
    const unit = `${end.steps} ${sweeps}${end.steps === 1 ? "" : "s"}`;
    const name = `“${end.nearest_name}”`;
    const m = end.overlaps[end.nearest].toFixed(2);
    let text, cls = "bad";
    if (end.error) {
      text = `Stopped: ${end.error}.`;
    } else if (end.end === "fixed point") {
      if (end.match === "exact") { text = `Recalled ${name} exactly: a fixed point after ${unit}.`; cls = "good"; }
      else if (end.match === "reversed") text = `Fixed point: the reverse of ${name}, which every symmetric rule stores too.`;
      else text = `Fixed point, but a spurious state: nearest is ${name} (m = ${m}, ${end.hamming} cells differ).`;
    } else if (end.end === "2-cycle") {
      text = `A 2-cycle after ${unit}: synchronous updates flip between two states (nearest ${name}, m = ${m}).`;
    } else if (end.end === "step limit") {
      text = `No fixed point within ${unit}` + (run.glauber ? " (at T > 0 the state keeps fluctuating)" : "") + `; nearest ${name}, m = ${m}.`;
      if (end.match === "exact") cls = "good";
    } else {
      text = `Stopped (${end.end}).`;
    }
    setOutcome(`${text} ${end.flips} flips in ${end.updates} updates.`, cls, end.end, end.match);
    updateRunState();
  }

  function setOutcome(text, cls, end, match) {
    const box = $("outcome");
    box.textContent = text;
    box.className = `outcome ${cls || ""}`;
    box.dataset.end = end || "";
    box.dataset.match = match || "";
  }

  function updateRunState() {
    const run = lab.run;
    let state = "idle";
    if (run) state = run.finished ? "done" : run.playing ? "running" : "paused";
    document.body.dataset.run = state;
    $("run").textContent = state === "running" ? "Pause" : "Run";
    if (state === "running") setOutcome("Running…", "busy", "");
    if (state === "paused") setOutcome("Paused: space runs on, s steps.", "busy", "");
    if (state === "idle" && $("outcome").classList.contains("busy")) setOutcome("Run stopped. Press Run to start from the grid.", "", "");
  }

  // --- Plots -----------------------------------------------------------------

  function resetPlots() {
    lab.plotsDirty = true;
    if (lab.run) { lab.run.xs = []; lab.run.es = []; lab.run.ms = lab.run.ms.map(() => []); }
    lab.shownRun = null;
  }

  function renderPlots() {
    const run = lab.run || lab.shownRun;
    const xs = run ? run.xs : [];
    const xmax = Math.max(run && run.sync ? 3 : 1, xs.length ? xs[xs.length - 1] : 0);
    const xlabel = !run ? "time" : run.sync ? "step" : "sweeps (N updates each)";
    const series = run ? run.ms.map((ys, mu) => Object.assign({ xs, ys }, Lab.seriesStyle(mu))) : [];
    Lab.linePlot($("overlap-plot"), series, { xmin: 0, xmax, ymin: -1, ymax: 1, xlabel, ylabel: "overlap m", hlines: [0] });
    let emin = Infinity, emax = -Infinity;
    for (const e of run ? run.es : []) { emin = Math.min(emin, e); emax = Math.max(emax, e); }
    if (!isFinite(emin)) { emin = -1; emax = 0; }
    const pad = Math.max(1e-9, (emax - emin) * 0.08) || Math.abs(emin) * 0.1 || 1;
    Lab.linePlot($("energy-plot"), run ? [{ xs, ys: run.es, color: "#000", width: 2.5 }] : [],
      { xmin: 0, xmax, ymin: emin - pad, ymax: emax + pad, xlabel, ylabel: "energy E" });
  }

  // --- Animation -------------------------------------------------------------

  let lastT = performance.now();
  function tick(t) {
    const dt = Math.min(0.25, (t - lastT) / 1000);
    lastT = t;
    const run = lab.run;
    if (run && !run.finished) {
      // The initial state shows at once; frames follow at the chosen speed,
      // or one per press of Step.
      if (run.next === 0 && run.lines.length) apply(run, run.lines[run.next++]);
      let n = 0;
      if (run.playing) {
        const fps = SPEEDS[Number($("speed").value)];
        if (fps === Infinity) n = run.lines.length - run.next;
        else { run.budget = Math.min(run.budget + dt * fps, 1 + fps * 0.1); n = Math.floor(run.budget); run.budget -= n; }
      }
      while (run.steps > 0 && run.next < run.lines.length) {
        apply(run, run.lines[run.next++]);
        run.steps--;
      }
      for (; n > 0 && run.next < run.lines.length && !run.finished; n--) apply(run, run.lines[run.next++]);
      if (run.finished) lab.shownRun = run;
    }
    if (lab.dirty) { lab.dirty = false; renderGrid(); }
    if (lab.plotsDirty) { lab.plotsDirty = false; renderPlots(); }
    requestAnimationFrame(tick);
  }

  // --- Controls --------------------------------------------------------------

  let errTimer = 0;
  function clearErrorSoon() { clearTimeout(errTimer); Lab.clearError(); }

  function initControls() {
    for (const n of lab.limits.sizes) {
      const b = document.createElement("button");
      b.type = "button"; b.dataset.size = n; b.textContent = `${n}×${n}`;
      b.setAttribute("aria-pressed", n === lab.size ? "true" : "false");
      b.addEventListener("click", () => setSize(n));
      $("sizes").append(b);
    }
    for (const b of document.querySelectorAll("#tools button")) b.addEventListener("click", () => setTool(b.dataset.tool));
    $("erase-tool").addEventListener("click", () => setTool(lab.tool === "erase" ? "draw" : "erase"));
    $("clear-grid").addEventListener("click", () => { lab.cells.fill(-1); edited(); });
    $("invert").addEventListener("click", () => { for (let i = 0; i < lab.cells.length; i++) lab.cells[i] = -lab.cells[i]; edited(); });
    $("palette").addEventListener("change", loadPattern);
    $("load-pattern").addEventListener("click", loadPattern);
    $("upload").addEventListener("change", (e) => { const f = e.target.files[0]; if (f) upload(f); e.target.value = ""; });
    $("store").addEventListener("click", store);
    $("clear-memory").addEventListener("click", () => { memory().length = 0; memoryChanged(); });
    $("rule").addEventListener("change", memoryChanged);
    $("noise").addEventListener("input", () => { $("noise-out").textContent = `${$("noise").value}%`; });
    $("add-noise").addEventListener("click", () => cueOp({ op: "flip", fraction: Number($("noise").value) / 100 }));
    $("erase-half").addEventListener("click", () => cueOp({ op: "erase-range", from: Math.floor(N() / 2), to: N() }));
    $("run").addEventListener("click", toggleRun);
    $("step").addEventListener("click", step);
    $("reset").addEventListener("click", reset);
    const showTemp = () => { $("temperature-row").hidden = $("update").value !== "glauber"; };
    $("update").addEventListener("change", () => { showTemp(); stopRun(); });
    showTemp();
    const tempOut = () => { $("temperature-out").textContent = Number($("temperature").value).toFixed(2); };
    $("temperature").addEventListener("input", tempOut);
    tempOut();
    const speedOut = () => { const f = SPEEDS[Number($("speed").value)]; $("speed-out").textContent = f === Infinity ? "max" : `${f}/s`; };
    $("speed").addEventListener("input", speedOut);
    speedOut();

    // Keyboard: space runs or pauses, s steps, r resets, wherever the focus
    // is, except in a field that takes typing.
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (t.tagName === "SELECT" || t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && !["range", "file", "button"].includes(t.type))) return;
      const key = e.key.toLowerCase();
      if (key === " ") { e.preventDefault(); if (!e.repeat) toggleRun(); }
      else if (key === "s") { e.preventDefault(); step(); }
      else if (key === "r") { e.preventDefault(); if (!e.repeat) reset(); }
    }, true);
    // A focused button would also take the space as a click.
    document.addEventListener("keyup", (e) => { if (e.key === " " && e.target.tagName === "BUTTON") e.preventDefault(); }, true);
    window.addEventListener("resize", () => { lab.dirty = true; lab.plotsDirty = true; });
  }

  function initPalette(builtins) {
    const sel = $("palette");
    const groups = { seed: ["The notebook", []], alphabet: ["Alphabet", []], random: ["Random", []] };
    for (const b of builtins) {
      const kind = b.name.split(":")[0];
      const g = groups[kind] || groups.random;
      const o = document.createElement("option");
      o.value = b.name;
      o.textContent = kind === "seed" ? `${shortName(b.name)}${b.sized ? "" : ` (${b.rows}×${b.cols})`}` : kind === "alphabet" ? `letter ${shortName(b.name)}` : "random";
      o.title = b.description;
      g[1].push(o);
    }
    const first = document.createElement("option");
    first.value = ""; first.textContent = "choose…"; first.disabled = true; first.selected = true;
    sel.append(first);
    for (const [label, opts] of Object.values(groups)) {
      const og = document.createElement("optgroup");
      og.label = label;
      og.append(...opts);
      sel.append(og);
    }
  }

  async function init() {
    Lab.initErrorBanner();
    Lab.initBigToggle(() => { lab.dirty = true; lab.plotsDirty = true; });
    try {
      const [limits, builtins] = await Promise.all([Lab.api("/api/limits"), Lab.api("/api/builtins")]);
      lab.limits = limits;
      $("max-steps").max = limits.max_steps;
      initPalette(builtins.builtins);
      initControls();
    } catch (e) {
      Lab.showError(`The lab could not start: ${e.message}`);
      return;
    }
    if (!lab.limits.sizes.includes(lab.size) && lab.limits.sizes.length) setSize(lab.limits.sizes[0]);
    memoryChanged();
    updateRunState();
    setOutcome("Store some patterns, make a cue, press Run.", "", "");
    requestAnimationFrame(tick);
  }

  init();
})();
