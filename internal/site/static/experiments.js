// The Experiments page: one card per experiment of the registry, with its
// parameters as controls. Each run is a request; the server runs the
// experiment and returns its summary, key numbers and figures.
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
    input.setAttribute("aria-describedby", `help-${p.name}`);
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
    const run = document.createElement("button");
    run.type = "submit"; run.className = "primary run"; run.textContent = "Run";
    const defaults = document.createElement("button");
    defaults.type = "button"; defaults.textContent = "Notebook values";
    buttons.append(run, defaults);
    form.append(seedLabel, buttons);

    const out = document.createElement("div");
    out.className = "output";
    const status = document.createElement("p");
    status.className = "status hint";
    const summary = document.createElement("div");
    summary.className = "summary";
    const numbers = document.createElement("table");
    numbers.className = "numbers";
    const figures = document.createElement("div");
    figures.className = "figures";
    out.append(status, summary, figures);
    const left = document.createElement("div");
    left.append(form, numbers);
    body.append(left, out);
    art.append(h, desc, body);

    if (!e.notebook) status.textContent = "This experiment goes beyond the notebook and can take a minute: press Run.";
    const go = () => runExperiment(e, form, { status, summary, numbers, figures, run, art });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); go(); });
    defaults.addEventListener("click", () => {
      for (const p of e.params) {
        const input = form.elements[p.name];
        if (p.kind === "bool") input.checked = p.default; else input.value = p.default;
      }
      seed.value = "1";
      go();
    });
    return { art, go };
  }

  async function runExperiment(e, form, ui) {
    const params = {};
    for (const p of e.params) params[p.name] = valueOf(form.elements[p.name]);
    const seed = Math.max(0, Math.floor(Number(form.elements.seed.value) || 0));
    ui.run.disabled = true;
    ui.art.dataset.state = "running";
    ui.status.textContent = "Running…";
    try {
      const r = await Lab.api(`/api/experiments/${encodeURIComponent(e.name)}`, { json: { params, seed } });
      Lab.clearError();
      ui.summary.textContent = r.summary;
      ui.numbers.textContent = "";
      for (const k of r.order) {
        const tr = document.createElement("tr");
        const th = document.createElement("th"); th.textContent = k;
        const td = document.createElement("td"); td.textContent = fmt(r.numbers[k]);
        tr.append(th, td);
        ui.numbers.append(tr);
      }
      ui.figures.textContent = "";
      for (const f of r.figures) {
        const fig = document.createElement("figure");
        fig.className = "figure";
        const img = document.createElement("img");
        img.src = f.png; img.alt = f.caption || f.name;
        const cap = document.createElement("figcaption");
        cap.className = "hint"; cap.textContent = f.caption;
        fig.append(img, cap);
        ui.figures.append(fig);
      }
      ui.status.textContent = `Seed ${r.seed}; computed in ${(r.millis / 1000).toFixed(2)} s.`;
      ui.run.textContent = "Run again";
      ui.art.dataset.state = "done";
      ui.art.dataset.params = JSON.stringify(r.params);
    } catch (err) {
      ui.status.textContent = `Not run: ${err.message}`;
      ui.art.dataset.state = "error";
      Lab.showError(`${e.title}: ${err.message}`);
    } finally {
      ui.run.disabled = false;
    }
  }

  function fmt(v) {
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toPrecision(4).replace(/\.?0+$/, "");
  }

  async function init() {
    Lab.initErrorBanner();
    Lab.initBigToggle();
    let list;
    try {
      list = (await Lab.api("/api/experiments")).experiments;
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
    // The notebook's own experiments run with its values as soon as they
    // come into view, one after the other.
    let queue = Promise.resolve();
    const seen = new IntersectionObserver((entries) => {
      for (const en of entries) {
        if (!en.isIntersecting) continue;
        seen.unobserve(en.target);
        const c = cards.find((x) => x.art === en.target);
        if (c && !c.art.dataset.state) { c.art.dataset.state = "queued"; queue = queue.then(c.go); }
      }
    }, { rootMargin: "200px" });
    list.forEach((e, i) => { if (e.notebook) seen.observe(cards[i].art); });
    document.body.dataset.ready = "true";
  }

  init();
})();
