// The Experiments page: one card per experiment of the registry, with its
// parameters as controls. Each run is a call to the engine, the Go library
// in a Web Worker (engine.js), which runs the experiment in the browser and
// returns its summary, key numbers and figures as data; figure.js draws
// them. A card's state travels in the link:
//
//   experiments.html#exp=letters-5x5&noise=0.3&seed=2&run=1[&embed=1]
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  // control makes the input of one parameter.
  function control(p) {
    const label = document.createElement("label");
    label.textContent = p.name;
    label.title = p.help;
    let input;
    if (p.kind === "bool") {
      input = document.createElement("input");
      input.type = "checkbox";
      input.checked = p.default;
    } else if (p.kind === "choice") {
      input = document.createElement("select");
      for (const c of p.choices) {
        const o = document.createElement("option");
        o.value = c; o.textContent = c;
        input.append(o);
      }
      input.value = p.default;
    } else {
      input = document.createElement("input");
      input.type = "number";
      input.value = p.default;
      if (p.min !== undefined) input.min = p.min;
      if (p.max !== undefined) input.max = p.max;
      input.step = p.kind === "int" ? "1" : "any";
    }
    input.name = p.name;
    input.dataset.kind = p.kind;
    label.append(input);
    const help = document.createElement("p");
    help.className = "help"; help.textContent = p.help;
    return [label, help];
  }

  function valueOf(input) {
    switch (input.dataset.kind) {
      case "bool": return input.checked;
      case "choice": return input.value;
      default: return input.value.trim() === "" ? input.value : Number(input.value);
    }
  }

  function setValue(input, v) {
    if (input.dataset.kind === "bool") input.checked = v === true || v === "1" || v === "true";
    else input.value = v;
  }

  function button(text, cls) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = text;
    if (cls) b.className = cls;
    return b;
  }

  // docsFigures lists the pictures docs/experiments.md shows for the
  // experiment, drawn natively by hopfield experiment; they load only
  // when the reader opens the list.
  function docsFigures(name) {
    const files = (typeof HopfieldDocsFigures === "object" && HopfieldDocsFigures[name]) || [];
    if (!files.length) return null;
    const d = document.createElement("details");
    d.className = "docs-figures";
    const s = document.createElement("summary");
    s.textContent = `Pictures in the docs (${files.length})`;
    d.append(s);
    for (const f of files) {
      const a = document.createElement("a");
      a.href = `figures/${name}/${f}`;
      const img = document.createElement("img");
      img.loading = "lazy"; img.alt = `${name}: ${f}`; img.src = a.href;
      a.append(img);
      d.append(a);
    }
    return d;
  }

  function card(e) {
    const art = document.createElement("article");
    art.className = "experiment";
    art.id = `exp-${e.name}`;
    art.dataset.name = e.name;
    const h = document.createElement("h2");
    h.textContent = e.title;
    const desc = document.createElement("p");
    desc.textContent = e.description;
    const body = document.createElement("div");
    body.className = "body";

    const form = document.createElement("form");
    form.className = "params";
    for (const p of e.params) form.append(...control(p));
    const seedLabel = document.createElement("label");
    seedLabel.textContent = "seed";
    const seed = document.createElement("input");
    seed.type = "number"; seed.min = "0"; seed.step = "1"; seed.value = "1"; seed.name = "seed";
    seedLabel.append(seed);
    const buttons = document.createElement("div");
    buttons.className = "row";
    const run = button("Run", "primary run");
    run.type = "submit";
    const stop = button("Stop", "stop");
    stop.hidden = true;
    const defaults = button("Notebook values");
    const share = button("Copy link");
    buttons.append(run, stop, defaults, share);
    const linkField = document.createElement("input");
    linkField.type = "text"; linkField.readOnly = true; linkField.hidden = true; linkField.className = "link-field";
    linkField.setAttribute("aria-label", "Link to this experiment");
    form.append(seedLabel, buttons, linkField);

    const out = document.createElement("div");
    out.className = "output";
    const status = document.createElement("p");
    status.className = "status hint";
    const progress = document.createElement("progress");
    progress.hidden = true;
    const summary = document.createElement("div");
    summary.className = "summary";
    const numbers = document.createElement("table");
    numbers.className = "numbers";
    const figures = document.createElement("div");
    figures.className = "figures";
    out.append(status, progress, summary, figures);
    const left = document.createElement("div");
    left.className = "controls";
    left.append(form, numbers);
    const docs = docsFigures(e.name);
    if (docs) left.append(docs);
    body.append(left, out);
    art.append(h, desc, body);

    if (!e.notebook) status.textContent = "This experiment goes beyond the notebook and can take a minute: press Run.";
    const ui = { status, progress, summary, numbers, figures, run, stop, art };
    const go = () => runExperiment(e, form, ui);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go(); });
    stop.addEventListener("click", () => { if (ui.abort) ui.abort.abort(); });
    defaults.addEventListener("click", () => {
      for (const p of e.params) setValue(form.elements[p.name], p.default);
      seed.value = "1";
      go();
    });
    share.addEventListener("click", async () => {
      const url = location.href.split("#")[0] + "#" + linkOf(e, form, true);
      history.replaceState(null, "", url);
      const copied = await Lab.copyText(url, linkField);
      share.textContent = copied ? "Link copied" : "Copy the link below";
      setTimeout(() => { share.textContent = "Copy link"; }, 2500);
    });
    return { art, go, form, e };
  }

  // linkOf is the link of a card: its experiment, parameters and seed.
  function linkOf(e, form, run) {
    const q = new URLSearchParams({ exp: e.name });
    for (const p of e.params) q.set(p.name, String(valueOf(form.elements[p.name])));
    q.set("seed", form.elements.seed.value);
    if (run) q.set("run", "1");
    return q.toString();
  }

  async function runExperiment(e, form, ui) {
    const params = {};
    for (const p of e.params) params[p.name] = valueOf(form.elements[p.name]);
    const seed = Math.max(0, Math.floor(Number(form.elements.seed.value) || 0));
    ui.run.disabled = true;
    ui.stop.hidden = false;
    ui.art.dataset.state = "running";
    ui.status.textContent = "Running…";
    const onLine = (line) => {
      if (line.type !== "progress") return;
      ui.progress.hidden = false;
      ui.progress.max = line.total; ui.progress.value = line.done;
      ui.status.textContent = `Running… ${line.done} of ${line.total}`;
    };
    try {
      ui.abort = new AbortController();
      const r = await Engine.call("experiment", { name: e.name, params, seed }, { onLine, signal: ui.abort.signal });
      Lab.clearError();
      show(r, ui);
      ui.art.dataset.state = "done";
      ui.art.dataset.params = JSON.stringify(r.params);
    } catch (err) {
      const stopped = err.name === "AbortError";
      ui.status.textContent = stopped ? "Stopped." : `Not run: ${err.message}`;
      ui.art.dataset.state = stopped ? "stopped" : "error";
      if (!stopped) Lab.showError(`${e.title}: ${err.message}`);
    } finally {
      ui.run.disabled = false;
      ui.stop.hidden = true;
      ui.progress.hidden = true;
    }
  }

  // showSummary writes a summary: its prose wraps; its indented lines, the
  // rows of a column table, stay whole in a box of their own that scrolls
  // sideways on a narrow screen.
  function showSummary(box, text) {
    box.textContent = "";
    let prose = [], rows = [];
    const flush = () => {
      if (prose.length) { const p = document.createElement("div"); p.textContent = prose.join("\n"); box.append(p); }
      if (rows.length) { const pre = document.createElement("pre"); pre.className = "cols"; pre.textContent = rows.join("\n"); box.append(pre); }
      prose = []; rows = [];
    };
    for (const line of text.replace(/\n+$/, "").split("\n")) {
      if (/^\s+\S/.test(line)) { if (prose.length) flush(); rows.push(line); }
      else { if (rows.length) flush(); prose.push(line); }
    }
    flush();
  }

  // breakable lets a long key (largest_load_retrieving_at_T0) break after
  // its underscores on a narrow screen; its text stays the same.
  function breakable(el, name) {
    const parts = name.split("_");
    parts.forEach((s, i) => {
      el.append(i < parts.length - 1 ? s + "_" : s);
      if (i < parts.length - 1) el.append(document.createElement("wbr"));
    });
  }

  function show(r, ui) {
    showSummary(ui.summary, r.summary);
    ui.numbers.textContent = "";
    for (const k of r.order) {
      const tr = document.createElement("tr");
      const th = document.createElement("th"); breakable(th, k);
      const td = document.createElement("td"); td.textContent = fmt(r.numbers[k]);
      tr.append(th, td);
      ui.numbers.append(tr);
    }
    ui.figures.textContent = "";
    for (const f of r.figures) {
      const fig = document.createElement("figure");
      fig.className = "figure";
      const draw = document.createElement("div");
      draw.className = "drawing";
      const cap = document.createElement("figcaption");
      cap.className = "hint"; cap.textContent = f.caption;
      fig.append(draw, cap);
      ui.figures.append(fig);
      HopfieldFigure.renderInto(draw, f);
    }
    ui.status.textContent = `Seed ${r.seed}; computed in ${(r.millis / 1000).toFixed(2)} s in this browser.`;
    ui.run.textContent = "Run again";
  }

  function fmt(v) {
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toPrecision(4).replace(/\.?0+$/, "");
  }

  // applyLink sets a card from the page's link and runs it if asked; with
  // embed=1 the page shows that card alone.
  function applyLink(cards) {
    const q = new URLSearchParams(location.hash.slice(1));
    const c = cards.find((x) => x.e.name === q.get("exp"));
    if (!c) return null;
    for (const p of c.e.params) if (q.has(p.name)) setValue(c.form.elements[p.name], q.get(p.name));
    if (q.has("seed")) c.form.elements.seed.value = q.get("seed");
    if (q.get("embed") === "1") {
      document.body.classList.add("embed");
      for (const x of cards) x.art.hidden = x !== c;
    }
    c.art.scrollIntoView();
    return q.get("run") === "1" ? c : null;
  }

  async function init() {
    Lab.initErrorBanner();
    Lab.initBigToggle();
    let list;
    try {
      const ms = await Engine.ready();
      document.body.dataset.engineReadyMs = Math.round(ms);
      list = (await Engine.call("experiments")).experiments;
    } catch (err) {
      Lab.showError(`The experiments could not be listed: ${err.message}`);
      return;
    }
    const cards = list.map(card);
    for (const [i, e] of list.entries()) {
      const a = document.createElement("a");
      a.href = `#exp-${e.name}`; a.textContent = e.title;
      a.className = "chip";
      $("exp-list").append(a);
      $("exp-cards").append(cards[i].art);
    }
    let queue = Promise.resolve();
    const linked = applyLink(cards);
    if (linked) {
      linked.art.dataset.state = "queued";
      queue = queue.then(linked.go);
    }
    // The notebook's own experiments run with its values as soon as they
    // come into view, one after the other.
    const seen = new IntersectionObserver((entries) => {
      for (const en of entries) {
        if (!en.isIntersecting) continue;
        seen.unobserve(en.target);
        const c = cards.find((x) => x.art === en.target);
        if (c && !c.art.dataset.state && !c.art.hidden) { c.art.dataset.state = "queued"; queue = queue.then(c.go); }
      }
    }, { rootMargin: "200px" });
    list.forEach((e, i) => { if (e.notebook) seen.observe(cards[i].art); });
    document.body.dataset.ready = "true";
  }

  init();
})();
