// The recall lab. The page holds the user's grid and memory; every
// computation (patterns, cues, weights, the dynamics themselves) is a call to
// the engine, the Go library compiled to WebAssembly and running in a Web
// Worker (engine.js), which hands the run back as one line per step, sweep or
// batch of neurons. This file only draws and animates. The state that makes
// a run (memory, cue, settings, seed) travels in the link: #store=...&run=1
// (see internal/lab/link.go).
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
    // random memories stored after the drawn ones (MemoryRequest.Random),
    // and the seed they are drawn from: the slider shows random, a link
    // may set both.
    random: 0, randomSeed: 0,
    temperature: 0.2, // Glauber's T: the slider's position, or a link's exact value
    // cueBase names the grid when it is a pattern with only erased regions:
    // {name, ops}; a share link then says so in words, else it holds cells.
    cueBase: null,
    tool: "draw",
    cue: null,        // the grid when the last run started: Reset returns to it
    values: null,     // the continuous network's real state, drawn in grey, or null
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
    if (lab.values) Lab.paintValues(offscreen, lab.values, lab.rows, lab.cols);
    else Lab.paintCells(offscreen, lab.cells, lab.rows, lab.cols);
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
      cueOp({ op: "erase-rect", rect: q }, `erase=rect:${q.top},${q.left},${q.bottom},${q.right}`);
    }
  };
  gridCanvas.addEventListener("pointerup", endPointer);
  gridCanvas.addEventListener("pointercancel", endPointer);

  // edited is called after the user changes the grid by hand.
  function edited() {
    stopRun();
    lab.values = null;
    lab.gridName = null;
    lab.cueBase = null;
    lab.cue = null; // the grid is no longer the last run's cue
    lab.dirty = true;
  }

  // setGrid shows cells; source is the name of the pattern they are, if
  // any (shown by name), or the cue base they came from.
  function setGrid(cells, name, base) {
    stopRun();
    lab.values = null;
    lab.cells = Lab.parseCells(cells);
    lab.gridName = name;
    lab.cueBase = base || (name ? { name, ops: [] } : null);
    lab.cue = null;
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
    lab.gridName = null; lab.cue = null; lab.values = null; lab.cueBase = null;
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
    const req = { name, rows: lab.rows, cols: lab.cols };
    if (name === "random") req.seed = seedValue() + lab.randoms++;
    try {
      const p = await Engine.call("pattern", req);
      // A built-in keeps its full name (seed:BU), which links use; the
      // page shows the short one.
      setGrid(p.cells, name === "random" ? p.name : name);
    } catch (e) { Lab.showError(e.message); }
  }

  async function upload(file) {
    try {
      // The engine takes names of at most 100 bytes: 25 characters are at
      // most 100 bytes of UTF-8.
      const name = Array.from(file.name).slice(0, 25).join("") || "upload";
      const data = new Uint8Array(await file.arrayBuffer());
      const p = await Engine.call("upload", { rows: lab.rows, cols: lab.cols, name }, { data });
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
      Lab.showError(`The memory holds at most ${lab.limits.max_patterns} patterns in the lab.`);
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
    showRuleControls();
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
      thumb.dataset.name = p.name;
      const name = document.createElement("span");
      name.className = "name"; name.textContent = shortName(p.name);
      const rm = document.createElement("button");
      rm.type = "button"; rm.className = "remove"; rm.textContent = "×";
      rm.title = `Remove “${p.name}”`; rm.setAttribute("aria-label", `Remove ${p.name}`);
      rm.addEventListener("click", () => { memory().splice(i, 1); memoryChanged(); });
      li.append(thumb, name, rm);
      ul.append(li);
      const key = document.createElement("span");
      key.style.setProperty("--c", style.color);
      key.textContent = shortName(p.name);
      legend.append(key);
    });
  }

  // fmtCount writes a capacity: 13.8, 1380, 4.6 × 10^10.
  function fmtCount(n) {
    if (n >= 1e6) return n.toExponential(1).replace("e+", " × 10^");
    return n < 100 ? String(Number(n.toFixed(1))) : String(Math.round(n));
  }

  // updateCapacity fills the bar, stored patterns against the rule's
  // capacity for random patterns, with a mark where the warning starts, and
  // says both under it. The continuous network has no such limit to show:
  // no bar, a sentence instead.
  let capacitySeq = 0;
  async function updateCapacity() {
    const seq = ++capacitySeq, box = $("capacity"), p = memory().length + randomCount();
    const scale = $("capacity-scale");
    $("capacity-meter").hidden = false;
    scale.hidden = true;
    if (p === 0) {
      box.className = "capacity"; $("capacity-bar").style.width = "0"; $("capacity-tick").style.left = "0";
      $("capacity-text").textContent = "Nothing stored.";
      return;
    }
    const patterns = `${p} pattern${p === 1 ? "" : "s"}`;
    if (isSoftmax()) {
      box.className = "capacity";
      $("capacity-meter").hidden = true;
      $("capacity-text").textContent = `${patterns}. The continuous network stores exponentially many well-separated patterns (Ramsauer et al.), ` +
        `far past the classic network's 0.14 N ≈ ${fmtCount(0.138 * N())}; similar ones blend at low β.`;
      return;
    }
    try {
      const c = await Engine.call("capacity", { n: N(), p, rule: $("rule").value, energy: isDense() ? energyValue() : undefined });
      if (seq !== capacitySeq) return;
      box.className = `capacity ${c.level}`;
      $("capacity-bar").style.width = `${Math.min(100, (100 * p) / c.capacity)}%`;
      $("capacity-tick").style.left = `${Math.min(100, (100 * c.warn) / c.capacity)}%`;
      $("capacity-text").textContent = c.message;
      const mark = document.createElement("i");
      scale.textContent = "";
      scale.append(`Full bar: capacity ≈\u00a0${fmtCount(c.capacity)}; mark `, mark, `: errors from ≈\u00a0${fmtCount(c.warn)}.`);
      scale.hidden = false;
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
    if (!mem.length || isDense() || isSoftmax()) {
      canvas.width = 1; canvas.height = 1;
      canvas.getContext("2d").clearRect(0, 0, 1, 1);
      note.textContent = isDense()
        ? "The dense memory has no weight matrix: its energy −Σ F(ξ·s) couples all neurons of a pattern at once, not in pairs."
        : isSoftmax() ? "The continuous network has no weight matrix: each step is ξ ← Xᵀ softmax(β X ξ), the stored patterns X weighted by their softmax scores."
        : "Store patterns to see their weight matrix W.";
      $("wmin").textContent = "−"; $("wmax").textContent = "+";
      return;
    }
    try {
      const w = await Engine.call("weights", Object.assign(memoryBody(), { side: 100 }));
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
      const num = (v) => (Math.abs(v) < 0.01 ? v.toExponential(1) : v.toPrecision(2)).replace(/-/g, "−");
      $("wmin").textContent = num(-m); $("wmax").textContent = "+" + num(m);
      const what = w.exact ? `all ${w.n}×${w.n} weights` : `the ${w.n}×${w.n} matrix as ${w.side}×${w.side} block means`;
      note.textContent = `${ruleLabel(w.rule)}, ${w.form} form (${fmtBytes(w.bytes)}): ${what}. Blue negative, red positive.`;
    } catch (e) {
      if (seq !== weightsSeq) return;
      note.textContent = e.message;
      Lab.showError(e.message);
    }
  }

  const ruleLabel = (r) => ({ hebbian: "Hebbian", storkey: "Storkey", pseudoinverse: "Pseudo-inverse", dense: "Dense" })[r] || r;

  // The dense rule's energy as the engine reads it (poly:3, lse:2).
  function energyValue() {
    const e = $("energy").value, beta = Number($("beta").value);
    return (e === "exp" || e === "lse") && beta !== 1 ? `${e}:${beta}` : e;
  }

  const isDense = () => $("rule").value === "dense";
  const isSoftmax = () => $("rule").value === "softmax";

  // The softmax network's beta, on a log scale from 0.001 to 10: with
  // +-1 patterns the scores beta x.xi differ by multiples of 2 beta, so
  // beta near 1 already picks one pattern and beta near 1/N blends them all.
  // A link's beta is kept exactly (linkBeta), and the slider shows the
  // nearest of its positions; moving the slider takes its value instead.
  let linkBeta = null;
  const sliderBeta = () => Number(Math.pow(10, -3 + 4 * Number($("softmax-beta").value) / 100).toPrecision(2));
  const softmaxBeta = () => linkBeta !== null ? linkBeta : sliderBeta();
  function setSoftmaxBeta(beta) {
    linkBeta = Number(beta);
    $("softmax-beta").value = String(Math.round((Math.log10(linkBeta) + 3) * 25));
    $("softmax-beta-out").textContent = String(softmaxBeta());
  }
  const randomCount = () => lab.random;

  // showRuleControls shows the energy controls of the dense rule and sets
  // the random memories' range: past N for every rule, to 10 N for the
  // dense one, whose capacity grows as N^(n-1).
  function showRuleControls() {
    const e = $("energy").value;
    $("energy-row").hidden = !isDense();
    $("softmax-row").hidden = !isSoftmax();
    // The continuous network has one schedule and no ties; the modern
    // networks have no weight matrix to draw.
    $("update").closest(".row").hidden = isSoftmax();
    $("tie").closest("label").hidden = isSoftmax();
    $("weights").hidden = isDense() || isSoftmax();
    document.querySelector(".weights-panel .colorbar").hidden = isDense() || isSoftmax();
    $("overlap-title").textContent = isSoftmax() ? "Softmax weight of each stored pattern" : "Overlap with each stored pattern";
    $("softmax-beta-out").textContent = String(softmaxBeta());
    $("beta-label").hidden = !(e === "exp" || e === "lse");
    // A link may hold more random memories than the rule's range.
    const r = $("random"), max = Math.max((isDense() || isSoftmax() ? 10 : 1) * N(), lab.random);
    r.max = String(max);
    r.step = String(Math.max(1, Math.round(max / 200)));
    r.value = String(lab.random);
    $("random-out").textContent = `${randomCount()} (${(randomCount() / N()).toFixed(2)} N)`;
  }
  const fmtBytes = (n) => n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;

  function memoryBody() {
    const body = {
      rows: lab.rows, cols: lab.cols, rule: $("rule").value,
      patterns: memory().map((p) => ({ name: p.name, cells: Lab.formatCells(p.cells) })),
    };
    if (isDense()) body.energy = energyValue();
    if (lab.random) { body.random = lab.random; body.random_seed = lab.randomSeed; }
    return body;
  }

  // --- Cues ------------------------------------------------------------------

  const seedValue = () => Math.max(0, Math.floor(Number($("seed").value) || 0));

  // cueOp damages the grid; word is the operation as a link writes it, for
  // the deterministic ones (erased regions), which keep the cue nameable.
  async function cueOp(req, word) {
    const body = Object.assign({ rows: lab.rows, cols: lab.cols, cells: Lab.formatCells(lab.cells), seed: seedValue() + lab.cueOps++ }, req);
    const base = lab.cueBase && word ? { name: lab.cueBase.name, ops: lab.cueBase.ops.concat([word]) } : null;
    try {
      const c = await Engine.call("cue", body);
      Lab.clearError();
      setGrid(c.cells, null, base);
    } catch (e) { Lab.showError(e.message); }
  }

  // --- Runs ------------------------------------------------------------------

  function runBody() {
    const update = $("update").value;
    return Object.assign(memoryBody(), {
      cue: Lab.formatCells(lab.cells),
      update, tie: $("tie").value,
      temperature: update === "glauber" ? lab.temperature : 0,
      seed: seedValue(),
      max_steps: Math.floor(Number($("max-steps").value) || 0),
      // Asynchronous runs stream a frame per neuron on small grids, and
      // about a hundred frames per sweep on large ones.
      every: update === "sync" ? 0 : Math.max(1, Math.ceil(N() / 100)),
    });
  }

  async function startRun(playing, steps, opts = {}) {
    if (!memory().length && !randomCount()) {
      Lab.showError("The memory is empty: draw or load a pattern and press Store drawing first.");
      return;
    }
    stopRun();
    Lab.clearError();
    let body = runBody();
    const run = {
      lines: [], next: 0, finished: false, abort: new AbortController(),
      playing, steps: steps || 0, budget: 0, sync: body.update === "sync", n: N(),
      glauber: body.update === "glauber", names: body.patterns.map((p) => p.name),
      xs: [], ms: body.patterns.map(() => []), es: [],
    };
    if (isSoftmax()) {
      run.softmax = true; run.sync = true;
      body = softmaxBody(opts.steps || Math.min(50, body.max_steps || 1));
    }
    lab.run = run;
    lab.cue = lab.cells.slice();
    resetPlots();
    updateRunState();
    try {
      const signal = run.abort.signal;
      if (run.softmax) run.lines.push(...softmaxLines(await Engine.call("softmax", body, { signal })));
      else await Engine.call("run", body, { signal, onLine: (line) => run.lines.push(line) });
    } catch (e) {
      if (e.name === "AbortError" || lab.run !== run) return;
      lab.run = null;
      Lab.showError(e.message);
      setOutcome("The run was refused: see the message above.", "bad", "");
      updateRunState();
    }
  }

  // stopRun abandons the current run; if the engine is still computing it,
  // the engine is stopped (a fresh one takes its place).
  function stopRun() {
    const run = lab.run;
    if (!run) return;
    lab.run = null;
    lab.shownRun = run;
    run.abort.abort(); // stops the engine if it is still computing the run
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
    lab.values = null;
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
        lab.values = null;
        if (line.values) showValues(line.values);
        else lab.cells = Lab.parseCells(line.cells);
        addPoint(run, 0, line);
        break;
      case "frame":
        if (line.values) { showValues(line.values); addPoint(run, line.step, line); break; }
        for (const i of line.plus || []) lab.cells[i] = 1;
        for (const i of line.minus || []) lab.cells[i] = -1;
        lab.neuron = line.neuron;
        addPoint(run, run.sync ? line.step : line.updates / run.n, line);
        break;
      case "end":
        if (line.softmax) {
          lab.neuron = -1;
          run.finished = true; run.playing = false;
          showSoftmaxEnd(line.softmax);
          break;
        }
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

  // liveBeta reruns the one-step retrieval from the last cue as the β
  // slider moves: the interactive β sweep.
  let betaTimer = 0;
  function liveBeta() {
    linkBeta = null;
    $("softmax-beta-out").textContent = String(softmaxBeta());
    clearTimeout(betaTimer);
    betaTimer = setTimeout(() => {
      if (!isSoftmax() || !memory().length) return;
      if (lab.cue) { lab.cells = lab.cue.slice(); lab.values = null; }
      startRun(true, 0, { steps: 1 });
    }, 80);
  }

  // softmaxBody asks for the continuous network's run from the grid.
  function softmaxBody(steps) {
    const body = memoryBody();
    return Object.assign(body, { rule: "softmax", cue: Lab.formatCells(lab.cells), beta: softmaxBeta(), max_steps: steps });
  }

  // softmaxLines turns the continuous network's steps into the lines a run
  // animates: the weights of the stored patterns take the overlaps' place.
  function softmaxLines(r) {
    const lines = r.steps.map((st, k) => ({ type: k ? "frame" : "start", step: st.step, values: st.values, overlaps: st.weights, energy: st.energy }));
    lines.push({ type: "end", softmax: r });
    return lines;
  }

  // showValues shows a real state in grey, and its signs as the grid's
  // cells (what Store drawing stores).
  function showValues(values) {
    lab.values = values;
    lab.cells = Int8Array.from(values, (v) => Math.sign(v));
  }

  function showSoftmaxEnd(r) {
    const last = r.steps[r.steps.length - 1];
    const name = `“${shortName(last.nearest_name)}”`;
    const steps = `${last.step} step${last.step === 1 ? "" : "s"}`;
    const recalled = last.fixed_point === "single pattern" && last.distance < 1 ? last.nearest_name : "";
    const text = `${r.converged ? "Converged after" : "After"} ${steps} at β = ${r.beta}: ${last.k90} of ${r.p} pattern${r.p === 1 ? "" : "s"} hold${last.k90 === 1 ? "s" : ""} 90% of the weight (${last.fixed_point}); nearest ${name}, ${last.distance.toFixed(2)} away.`;
    setOutcome(text, recalled ? "good" : "", r.converged ? "fixed point" : "step limit", recalled ? "exact" : "none", recalled);
    updateRunState();
  }

  function showEnd(run, end) {
    const sweeps = run.sync ? "step" : "sweep";
    const unit = `${end.steps} ${sweeps}${end.steps === 1 ? "" : "s"}`;
    const name = `“${shortName(end.nearest_name)}”`;
    // The overlaps leave out the random memories; of those only the
    // largest comes back.
    const m = (end.nearest < end.overlaps.length ? end.overlaps[end.nearest] : end.random_max || 0).toFixed(2);
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
    setOutcome(`${text} ${end.flips} flips in ${end.updates} updates.`, cls, end.end, end.match,
      end.match === "exact" && !end.error ? end.nearest_name : "");
    updateRunState();
  }

  // setOutcome shows how a run ended, and says it in attributes too, for a
  // test or another page: data-end (fixed point, 2-cycle, step limit,
  // stopped), data-recalled (the name of the pattern recalled exactly, or
  // empty) and data-match.
  function setOutcome(text, cls, end, match, recalled) {
    const box = $("outcome");
    box.textContent = text;
    box.className = `outcome ${cls || ""}`;
    box.dataset.end = end || "";
    box.dataset.match = match || "";
    box.dataset.recalled = recalled || "";
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
    const weights = run && run.softmax;
    // Steps are whole numbers: ticks at 0, 1, 2, ... (sweeps may be
    // fractions). A little room above and below the y range keeps lines at
    // 0, 1 or -1 (a recalled pattern) off the frame.
    const integerX = !run || run.sync;
    const ypad = weights ? 0.05 : 0.08;
    Lab.linePlot($("overlap-plot"), series, { xmin: 0, xmax, ymin: (weights ? 0 : -1) - ypad, ymax: 1 + ypad, xlabel, integerX,
      ylabel: weights ? "softmax weight" : "overlap m", hlines: weights ? [] : [0] });
    let emin = Infinity, emax = -Infinity;
    for (const e of run ? run.es : []) { emin = Math.min(emin, e); emax = Math.max(emax, e); }
    if (!isFinite(emin)) { emin = -1; emax = 0; }
    const pad = Math.max(1e-9, (emax - emin) * 0.08) || Math.abs(emin) * 0.1 || 1;
    Lab.linePlot($("energy-plot"), run ? [{ xs, ys: run.es, color: "#000", width: 2.5 }] : [],
      { xmin: 0, xmax, ymin: emin - pad, ymax: emax + pad, xlabel, integerX, ylabel: "energy E" });
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
    for (const id of ["rule", "energy", "beta", "random"]) $(id).addEventListener("change", memoryChanged);
    $("random").addEventListener("input", () => { lab.random = Number($("random").value) || 0; showRuleControls(); });
    $("softmax-beta").addEventListener("input", liveBeta);
    $("noise").addEventListener("input", () => { $("noise-out").textContent = `${$("noise").value}%`; });
    $("add-noise").addEventListener("click", () => cueOp({ op: "flip", fraction: Number($("noise").value) / 100 }));
    $("erase-half").addEventListener("click", () => cueOp({ op: "erase-half", half: "bottom" }, "erase=bottom"));
    $("copy-link").addEventListener("click", copyLink);
    window.addEventListener("hashchange", () => applyLink(location.hash));
    $("run").addEventListener("click", toggleRun);
    $("step").addEventListener("click", step);
    $("reset").addEventListener("click", reset);
    const showTemp = () => { $("temperature-row").hidden = $("update").value !== "glauber"; };
    $("update").addEventListener("change", () => { showTemp(); stopRun(); });
    showTemp();
    const tempOut = () => { lab.temperature = Number($("temperature").value); $("temperature-out").textContent = String(lab.temperature); };
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

  // --- Links -------------------------------------------------------------------

  // shareBody is the page's state as the engine's ShareRequest: the cue of
  // the run shown, else the grid; by name and operations while it is what
  // they make (lab.cueBase), else by its cells.
  function shareBody() {
    const body = Object.assign(runBody(), { run: true });
    delete body.every;
    if (isSoftmax()) body.beta = softmaxBeta();
    if (lab.cue) body.cue = Lab.formatCells(lab.cue); // the last run's, not its end
    if (lab.cueBase) {
      body.cue_name = lab.cueBase.name;
      body.ops = lab.cueBase.ops;
    }
    return body;
  }

  async function copyLink() {
    if (!memory().length) {
      Lab.showError("Store a pattern first: a link holds the memory, the cue and the run.");
      return;
    }
    try {
      const frag = await Engine.call("share", shareBody());
      const url = location.href.split("#")[0] + "#" + frag;
      history.replaceState(null, "", "#" + frag);
      const copied = await Lab.copyText(url, $("link-field"));
      $("copy-link").textContent = copied ? "Link copied" : "Copy the link below";
      setTimeout(() => { $("copy-link").textContent = "Copy link"; }, 2500);
    } catch (e) { Lab.showError(e.message); }
  }

  // applyLink sets the page from a link: grid, memory, cue and settings,
  // and runs when it says run=1.
  async function applyLink(hash) {
    if (!hash || hash === "#") return false;
    let st;
    try {
      st = await Engine.call("link", { link: hash });
    } catch (e) { Lab.showError(e.message); return false; }
    document.body.classList.toggle("embed", !!st.embed);
    if (st.rows !== lab.rows || st.cols !== lab.cols) setSize(st.rows);
    const mem = memory();
    mem.length = 0;
    for (const p of st.patterns) mem.push({ name: p.name, cells: Lab.parseCells(p.cells) });
    if (st.rule) $("rule").value = st.rule;
    if (st.energy) {
      const [e, beta] = st.energy.split(":");
      const value = e === "poly" || e === "rpoly" ? st.energy : e;
      // The menu offers a few powers; a link may name any (poly:5).
      if (![...$("energy").options].some((o) => o.value === value)) $("energy").add(new Option(value, value));
      $("energy").value = value;
      $("beta").value = (e === "exp" || e === "lse") && beta ? beta : 1;
    }
    if (st.beta) setSoftmaxBeta(st.beta); else linkBeta = null;
    lab.random = st.random || 0;
    lab.randomSeed = st.random_seed || 0;
    showRuleControls();
    if (st.update) { $("update").value = st.update; $("update").dispatchEvent(new Event("change")); }
    if (st.tie) $("tie").value = st.tie;
    if (st.update === "glauber") {
      lab.temperature = st.temperature || 0;
      $("temperature").value = String(lab.temperature); // the nearest position
      $("temperature-out").textContent = String(lab.temperature);
    }
    if (st.max_steps) $("max-steps").value = st.max_steps;
    if (st.seed !== undefined && st.seed !== null) $("seed").value = st.seed;
    memoryChanged();
    setGrid(st.cue, null, st.cue_name ? { name: st.cue_name, ops: st.ops || [] } : null);
    if (st.run) startRun(true, 0);
    return true;
  }

  async function init() {
    Lab.initErrorBanner();
    Lab.initBigToggle(() => { lab.dirty = true; lab.plotsDirty = true; });
    try {
      const ms = await Engine.ready();
      document.body.dataset.engineReadyMs = Math.round(ms);
      const [limits, builtins] = await Promise.all([Engine.call("limits"), Engine.call("builtins")]);
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
    // Page load to the first run possible, for the measurements in
    // docs/weblab.md.
    document.body.dataset.readyAtMs = Math.round(performance.now());
    await applyLink(location.hash);
    document.body.dataset.ready = "true";
  }

  init();
})();
