"use strict";
// figure.js draws a figure described as data (Go package figure, sent as
// JSON) into an SVG element: the browser's twin of package hopplot, which
// draws the same description with gonum/plot for the command and the docs.
// It follows hopplot's choices (layout grid, axis ranges, ticks, styles,
// legend placement) so that both look like the same figure; sizes are
// hopplot's, in points, scaled to the width drawn with a floor so that
// phones stay readable. On a screen narrower than the page, where text
// keeps its floor while the figure shrinks, a grid wraps into fewer
// columns, the figure grows taller to keep its plots' shapes and its
// pictures' size beside the text, and legends that would hide data go
// under their plot.
//
//   HopfieldFigure.render(fig, {width}) -> SVGSVGElement
//   HopfieldFigure.renderInto(container, fig)   // and again on resize
(function (global) {
  const NS = "http://www.w3.org/2000/svg";
  // hopplot/style.go: font sizes in points.
  const TITLE = 14, LABEL = 12, TICK = 10, LEGEND = 10, FIG_TITLE = 16;
  // Liberation Sans extents (gonum's font) per unit of size: the layout
  // reserves what hopplot reserves whatever font the browser picks.
  const ASC = 0.905, DESC = 0.212, LINE_H = ASC + DESC;
  const FONT = "system-ui, sans-serif";
  // Smallest pixels per point: below it text would be unreadable on phones.
  const K_MIN = 1;
  // No text shrinks (to fit its room) below MIN_PX pixels. A grid wraps
  // into fewer columns when a tile would be narrower than MIN_PLOT_W
  // pixels for a plot or MIN_PICTURE_W for a picture without axes; a grid
  // of patterns when a pattern would be narrower than MIN_PATTERN (or 2
  // pixels a cell, up to 64).
  const MIN_PX = 10, MIN_PLOT_W = 200, MIN_PICTURE_W = 90, MIN_PATTERN = 28;
  // Scripts (figure.ParseText, hopplot's scriptText): size and shifts; a
  // script keeps 8 pixels where it can.
  const SCRIPT = 0.7, SUPER = 0.36, SUB = 0.16;
  const scriptPx = (px) => Math.max(SCRIPT * px, Math.min(px, 0.8 * MIN_PX));
  const TAB10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  const NAMED = { blue: 0, orange: 1, green: 2, red: 3, purple: 4, gray: 7 };
  const DIVERGING = [0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b];
  const VIRIDIS = [0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725];
  let uid = 0; // makes clip-path ids unique across the page's figures

  // ---- colours -----------------------------------------------------------

  // colorOf maps a figure.Colors name to CSS; "" takes fallback.
  function colorOf(name, fallback) {
    if (name === "black") return "#000";
    return /^C\d$/.test(name) ? TAB10[+name[1]] : name in NAMED ? TAB10[NAMED[name]] : fallback;
  }

  // cmapAt is hopplot's Colormap.At: [r, g, b] for t in [0, 1].
  function cmapAt(map, t) {
    t = Number.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
    if (map === "diverging" || map === "viridis") return interpolate(map === "viridis" ? VIRIDIS : DIVERGING, t);
    const g = Math.round(255 * (map === "gray" ? t : 1 - t)); // ink: +1 is black ink on white
    return [g, g, g];
  }

  function interpolate(anchors, t) {
    const x = t * (anchors.length - 1), i = Math.min(Math.floor(x), anchors.length - 1), rgb = (v) => [v >> 16 & 255, v >> 8 & 255, v & 255];
    const a = rgb(anchors[i]), b = rgb(anchors[Math.min(i + 1, anchors.length - 1)]), f = x - i;
    return a.map((p, j) => Math.round(p + f * (b[j] - p)));
  }

  // ---- ticks (hopplot/ticks.go, draw.go and gonum's DefaultTicks) ----------

  const pow10 = (n) => (n >= 0 ? 10 ** n : 1 / 10 ** -n); // as Go's math.Pow10

  // goG formats like Go's strconv.FormatFloat(v, 'g', prec, 64).
  function goG(v, prec) {
    prec = Math.max(1, prec);
    const [mant, e] = v.toExponential(prec - 1).split("e"), x = +e, trim = (s) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
    if (x < -4 || x >= prec) return trim(mant) + "e" + (x < 0 ? "-" : "+") + String(Math.abs(x)).padStart(2, "0");
    return trim(v.toFixed(Math.max(0, prec - 1 - x)));
  }

  // niceTicks labels about target round values: hopplot's default marker.
  function niceTicks(lo, hi, target = 6) {
    if (!(hi > lo) || !Number.isFinite(hi - lo)) return [];
    const raw = (hi - lo) / target, mag = pow10(Math.floor(Math.log10(raw)));
    let step = 10 * mag;
    for (const m of [1, 2, 2.5, 5]) if (m * mag >= raw * (1 - 1e-9)) { step = m * mag; break; }
    let dec = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    while (dec < 10 && Math.abs(step * pow10(dec) - Math.round(step * pow10(dec))) > 1e-6) dec++;
    const out = [];
    for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
      const v = k * step || 0, a = Math.abs(v); // "|| 0": no "-0"
      out.push({ v, label: a >= 1e6 || (a !== 0 && a < 1e-4) ? goG(v, 4) : v.toFixed(dec) });
    }
    return out;
  }

  // intTicks labels integers in steps of 1, 2 or 5 times a power of ten:
  // raster cell indices.
  function intTicks(lo, hi) {
    const a = Math.ceil(lo), b = Math.floor(hi);
    if (b < a || !Number.isFinite(b - a)) return [];
    const isPow10 = (x) => Math.abs(Math.log10(x) - Math.round(Math.log10(x))) < 1e-9;
    let step = 1;
    while ((b - a) / step > 6) step *= !isPow10(step) && isPow10(step / 2) ? 2.5 : 2;
    const out = [];
    for (let v = Math.ceil(a / step) * step; v <= b; v += step) out.push({ v: v || 0, label: (v || 0).toFixed(0) });
    return out;
  }

  // integerTicks keeps gonum's default ticks (major and minor) that fall on
  // integers: neuron indices.
  function integerTicks(lo, hi) {
    return defaultTicks(lo, hi).filter((t) => t.v === Math.trunc(t.v))
      .map((t) => (t.label ? { v: t.v, label: t.v.toFixed(0) } : t));
  }

  // defaultTicks is gonum's plot.DefaultTicks: about 3 labelled ticks by
  // Talbot, Lin and Hanrahan, and unlabelled minor ticks between them.
  function defaultTicks(lo, hi) {
    const [labels, step, q, mag] = talbot(lo, hi, 3);
    const major = q === 0 ? labels[1] - labels[0] : step * pow10(mag);
    let off = 0, g = false;
    if (mag < -1 || 6 < mag) { off = 1; g = true; }
    if (Math.trunc(q) !== q) off += 2;
    const prec = Math.min(6, Math.max(off, -mag));
    const ticks = labels.map((v) => ({ v, label: g ? goG(v, prec) : v.toFixed(prec) }));
    const minor = step === 1 || step === 2.5 ? major / 5 : [2, 3, 4, 5].includes(step) ? major / step : major / 2;
    if (minor < 2 ** -52) return ticks;
    let i = 0;
    while (labels[0] + (i - 1) * minor > lo) i--;
    for (; labels[0] + i * minor <= hi; i++) {
      const v = labels[0] + i * minor;
      if (!ticks.some((t) => Math.abs(t.v - v) < minor / 2)) ticks.push({ v, label: "" });
    }
    return ticks;
  }

  // talbot is gonum's talbotLinHanrahan with labels within the data range:
  // [labels, step, q, magnitude].
  function talbot(dMin, dMax, want) {
    const Q = [1, 5, 2, 2.5, 4, 3], eps = 2 ** -52 * 100;
    const score = (s, c, d, l) => 0.25 * s + 0.2 * c + 0.5 * d + 0.05 * l;
    const st = (dMax - dMin) / (want - 1), even = () => // gonum's fallback: evenly spaced labels
      [Array.from({ length: want }, (_, i) => dMin + i * st), st, 0, Math.floor(Math.log10(Math.min(Math.abs(dMin), Math.abs(dMax))))];
    if (dMax - dMin < eps) return even();
    let best = { score: -2 };
    outer: for (let skip = 1; ; skip++) {
      for (let qi = 0; qi < Q.length; qi++) {
        const q = Q[qi], sm = 2 - qi / (Q.length - 1) - skip;
        if (score(sm, 1, 1, 1) < best.score) break outer;
        for (let have = 2; ; have++) {
          const dm = have < want ? 1 : 2 - (have - 1) / (want - 1);
          if (score(sm, 1, dm, 1) < best.score) break;
          const delta = (dMax - dMin) / (have + 1) / skip / q;
          for (let mag = Math.ceil(Math.log10(delta)); mag < 309; mag++) {
            const step = skip * q * pow10(mag), ext = step * (have - 1), r = dMax - dMin, h = 0.5 * (ext - r);
            const cm = ext <= r ? 1 : 1 - (h * h) / (0.01 * r * r);
            if (score(sm, cm, dm, 1) < best.score) break;
            const maxStart = Math.ceil(dMax / step) * skip;
            for (let start = (Math.floor(dMax / step) - (have - 1)) * skip; start <= maxStart && start !== start - 1; start++) {
              const lMin = start * (step / skip), lMax = lMin + ext;
              if (lMin < dMin || dMax < lMax) continue;
              const m = lMin % step;
              const s = 1 - qi / (Q.length - 1) - skip + ((m < eps || step - m < eps) && lMin <= 0 && lMax >= 0 ? 1 : 0);
              const rc = 0.1 * r, c = 1 - 0.5 * ((dMax - lMax) ** 2 + (dMin - lMin) ** 2) / (rc * rc);
              const rho = (have - 1) / (lMax - lMin), rhot = (want - 1) / (Math.max(lMax, dMax) - Math.min(dMin, lMin));
              const d = rho / rhot >= 1 ? 2 - rho / rhot : 2 - rhot / rho;
              const sc = score(s, c, d, 1);
              if (sc > best.score) best = { n: have, lMin, lStep: skip * q, q, score: sc, mag };
            }
          }
        }
      }
    }
    if (best.score === -2) return even();
    const bs = best.lStep * pow10(best.mag);
    return [Array.from({ length: best.n }, (_, i) => best.lMin + i * bs), best.lStep, best.q, best.mag];
  }

  // ---- SVG and text helpers ---------------------------------------------

  function el(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    return parent ? parent.appendChild(e) : e;
  }

  // runs splits a text into runs on the baseline (shift 0), raised (1) and
  // lowered (-1): figure.ParseText's _{...} and ^{...}.
  function runs(s) {
    const out = [], re = /([_^])\{([^}]*)\}/g;
    const add = (t, shift) => {
      const last = out[out.length - 1];
      if (t && last && last.shift === shift) last.t += t; else if (t) out.push({ t, shift });
    };
    let i = 0;
    for (let m; (m = re.exec(s)); i = re.lastIndex) { add(s.slice(i, m.index), 0); add(m[2], m[1] === "^" ? 1 : -1); }
    add(s.slice(i), 0);
    return out;
  }

  let measurer = null;
  // textWidth measures in CSS pixels with the font the SVG text will use,
  // scripts at their size.
  function textWidth(s, px, bold) {
    if (!measurer) measurer = document.createElement("canvas").getContext("2d");
    let w = 0;
    for (const r of runs(s)) {
      measurer.font = `${bold ? "bold " : ""}${r.shift ? scriptPx(px) : px}px ${FONT}`;
      w += measurer.measureText(r.t).width;
    }
    return w;
  }

  function text(g, s, x, y, px, o = {}) {
    const t = el("text", { x: r1(x), y: r1(y), "font-size": r1(px), "font-weight": o.bold ? "bold" : null, "text-anchor": o.anchor || "middle",
      class: o.cls, fill: o.fill, transform: o.rotate ? `rotate(-90 ${r1(x)} ${r1(y)})` : null }, g);
    const rs = runs(s);
    if (rs.length < 2 && !(rs[0] && rs[0].shift)) { t.textContent = s; return t; }
    let rise = 0; // of the last run: dy moves from its baseline
    for (const r of rs) {
      const want = r.shift > 0 ? SUPER * px : r.shift < 0 ? -SUB * px : 0;
      el("tspan", { dy: r1(rise - want) || null, "font-size": r.shift ? r1(scriptPx(px)) : null }, t).textContent = r.t;
      rise = want;
    }
    return t;
  }

  // wrap breaks a title into lines that fit maxW: hopplot's titles are one
  // line on a page, a phone needs several.
  function wrap(s, px, bold, maxW) {
    const lines = [];
    let cur = "";
    for (const w of s.split(" ")) {
      const next = cur ? cur + " " + w : w;
      if (cur && textWidth(next, px, bold) > maxW) { lines.push(cur); cur = w; } else cur = next;
    }
    return cur ? [...lines, cur] : lines;
  }

  // fitTitle shrinks a title by up to a fifth (floor) to keep it on one
  // line (fonts differ: gonum's Liberation Sans is narrow), then wraps it.
  function fitTitle(s, px, maxW, floor = 0.8) {
    if (!s) return { px, lines: [] };
    px = Math.max(Math.min(px, Math.max(floor * px, MIN_PX)), Math.min(px, (0.99 * px * maxW) / Math.max(1, textWidth(s, px, true))));
    return { px, lines: wrap(s, px, true, maxW) };
  }

  // fitPx shrinks a one-line label to fit room, down to 70% of its size
  // but not below MIN_PX.
  const fitPx = (s, px, room, floor = 0.7) => Math.max(Math.min(px, Math.max(floor * px, MIN_PX)), Math.min(px, (px * room) / Math.max(1, textWidth(s, px))));

  const r1 = (v) => Math.round(v * 10) / 10;
  const box = (b) => ({ x: r1(Math.min(b.x0, b.x1)), y: r1(Math.min(b.y0, b.y1)), width: r1(Math.abs(b.x1 - b.x0)), height: r1(Math.abs(b.y1 - b.y0)) });

  function titleBlock(g, lines, cx, top, px, cls) {
    lines.forEach((l, i) => text(g, l, cx, top + (ASC + i * LINE_H) * px, px, { bold: true, cls }));
  }

  // stroke turns a line style in points into SVG attributes.
  function stroke(color, widthPt, dashPt, k) {
    return { stroke: color, "stroke-width": r1(widthPt * k), fill: "none", "stroke-dasharray": dashPt ? dashPt.map((d) => r1(d * k)).join(" ") : null };
  }

  const pathOf = (pts) => pts.map((p, i) => (i ? "L" : "M") + r1(p[0]) + " " + r1(p[1])).join("");

  // ---- panel models: what hopplot's plots hold before layout -------------

  // newAxis is NewPlot's axis in points: padding, line width, tick length.
  const newAxis = () => ({ min: Infinity, max: -Infinity, ticker: niceTicks, pad: 4, width: 0.75, tickLen: 4, inverted: false });

  // extend widens axis (or any {min, max}) a to hold the values vs.
  function extend(a, vs) {
    for (const v of vs) { if (v < a.min) a.min = v; if (v > a.max) a.max = v; }
    return a;
  }
  const span = (vs) => extend({ min: Infinity, max: -Infinity }, vs); // no spread: rasters are long

  // padRange widens an automatic range by frac of its span: hopplot's padY.
  function padRange(a, frac, bottomToo) {
    const w = a.max - a.min;
    if (!(w > 0) || !Number.isFinite(w)) return;
    a.max += frac * w;
    if (bottomToo) a.min -= frac * w;
  }

  // setAxis applies a figure.Axis: Include widens, Min/Max fix, Ticks or
  // Integer replace the marker.
  function setAxis(a, s) {
    if (!s) return;
    extend(a, s.include || []);
    if (s.min != null) a.min = s.min;
    if (s.max != null) a.max = s.max;
    if (s.ticks && s.ticks.length) a.ticker = () => s.ticks.map((t) => ({ v: t.value, label: t.label || "" }));
    else if (s.integer) a.ticker = integerTicks;
  }

  // finishAxis is gonum's sanitizeRange followed by the tick choice.
  function finishAxis(a) {
    if (!Number.isFinite(a.min)) a.min = 0;
    if (!Number.isFinite(a.max)) a.max = 0;
    if (a.min > a.max) [a.min, a.max] = [a.max, a.min];
    if (a.min === a.max) { a.min--; a.max++; }
    a.ticks = a.ticker(a.min, a.max);
  }

  const xsOf = (x, n) => x || Array.from({ length: n }, (_, i) => i);

  function model(p) {
    // avoid: the curves ([xs, ys]) that reference line labels keep clear of.
    const m = { title: p.title || "", xlabel: p.xlabel || "", ylabel: p.ylabel || "", x: newAxis(), y: newAxis(), layers: [], glyphs: [], legend: null, avoid: [], kind: "plot" };
    if (p.grid && !p.hist && !p.raster && !p.heat) m.layers.push(gridLayer);
    if (p.raster) rasterModel(m, p.raster);
    else if (p.heat) heatModel(m, p);
    else if (p.hist) histModel(m, p.hist, p.refs || []);
    else if (p.stems && p.stems.length) stemsModel(m, p.stems, p.refs || []);
    else linesModel(m, p);
    setAxis(m.x, p.x);
    setAxis(m.y, p.y);
    return m;
  }

  function refsModel(m, refs) {
    for (const r of refs) {
      extend(r.vertical ? m.x : m.y, [r.at]);
      m.layers.push((d) => refLayer(d, r));
    }
  }

  function linesModel(m, p, pad = true) {
    const series = p.series || [];
    // page: where the legend is on the page, whatever a narrow screen does with it.
    const leg = m.legend = { pos: p.legend || "", page: p.legend || "", entries: [], curves: [], bars: [] };
    m.avoid = leg.curves;
    refsModel(m, p.refs || []);
    series.forEach((s, i) => {
      const ys = s.y || [], xs = xsOf(s.x, ys.length);
      const col = colorOf(s.color, TAB10[i % 10]), style = s.style || "lines";
      const dash = s.dashed ? [6, 3] : null, thumbs = [];
      extend(m.x, xs);
      extend(m.y, ys);
      if (s.err) {
        const lo = ys.map((y, j) => y - s.err[j]), hi = ys.map((y, j) => y + s.err[j]);
        extend(m.y, lo.concat(hi));
        m.glyphs.push({ xs, ys: lo, rx: 3, ry: 0.5 }, { xs, ys: hi, rx: 3, ry: 0.5 });
        lo.forEach((y, j) => leg.curves.push([[xs[j], xs[j]], [y, hi[j]]]));
      }
      leg.curves.push([xs, ys]);
      if (style !== "points") {
        m.glyphs.push({ xs, ys, rx: 0.875, ry: 0.875 });
        thumbs.push({ line: col, w: 1.75, dash });
      }
      if (style !== "lines") {
        m.glyphs.push({ xs, ys, rx: 3, ry: 3 });
        thumbs.push({ dot: col, r: 3 });
      }
      if (s.name) leg.entries.push({ name: s.name, thumbs });
      m.layers.push((d) => { // error bars, line, points: hopplot's order
        const e = { ...d, g: el("g", { class: "fig-series", "data-name": s.name || null }, d.g) };
        if (s.err) errLayer(e, xs, ys, s.err, col);
        if (style !== "points") lineLayer(e, xs, ys, col, 1.75, dash, "fig-line");
        if (style !== "lines") dotsLayer(e, xs, ys, col, 3, "fig-points");
      });
    });
    if (pad) padRange(m.y, 0.04, true);
    m.layers.push(legendLayer);
  }

  function stemsModel(m, stems, refs) {
    for (const s of stems) {
      if (!s.x || !s.x.length) continue; // as hopplot: a group without x is empty
      const col = colorOf(s.color, TAB10[0]);
      extend(m.x, s.x);
      extend(m.y, [...s.y, 0]);
      m.glyphs.push({ xs: s.x, ys: s.y, rx: 2.5, ry: 2.5 });
      m.layers.push((d) => stemLayer(d, s.x, s.y, col));
      s.x.forEach((x, i) => m.avoid.push([[x, x], [0, s.y[i]]]));
    }
    refsModel(m, refs);
  }

  function histModel(m, h, refs) {
    if (!m.ylabel) m.ylabel = "Count";
    const fill = colorOf(h.color, TAB10[0]), e = h.edges, o = h.overlay;
    m.y.min = 0;
    extend(m.x, [e[0], e[e.length - 1]]);
    extend(m.y, h.counts);
    m.layers.push((d) => barsLayer(d, h, fill));
    // The legend of hopplot's histPlot: always "best", only with an overlay.
    const leg = m.legend = { pos: "", page: "", entries: [], curves: [], bars: h.counts.map((c, i) => [e[i], e[i + 1], 0, c]) };
    if (o) {
      extend(m.x, o.x);
      extend(m.y, o.y);
      m.layers.push((d) => lineLayer(d, o.x, o.y, "#000", 1.5, null, "fig-overlay"));
      m.glyphs.push({ xs: o.x, ys: o.y, rx: 0.75, ry: 0.75 });
      const thumbs = [{ line: "#000", w: 1.5 }];
      if (o.points) {
        m.layers.push((d) => dotsLayer(d, o.x, o.y, "#000", 2.5, "fig-overlay-points"));
        m.glyphs.push({ xs: o.x, ys: o.y, rx: 2.5, ry: 2.5 });
        thumbs.push({ dot: "#000", r: 2.5 });
      }
      leg.curves.push([o.x, o.y]);
      leg.entries.push({ name: `samples (n = ${h.n})`, thumbs: [{ bar: fill }] }, { name: o.name, thumbs });
    }
    refsModel(m, refs);
    padRange(m.y, 0.06, false);
    m.layers.push(legendLayer);
  }

  // rasterModel is hopplot's rasterPanel: row 0 at the top, cell (i, j)
  // centred on (j, i), integer ticks, no padding.
  function rasterModel(m, r) {
    Object.assign(m, { raster: r, cmap: r.colormap, colorBar: r.color_bar, aspect: r.square_cells && r.extent[1] / r.extent[0] });
    [m.lo, m.hi] = valueRange(r.values, r.min, r.max, r.colormap);
    m.x.min = -0.5; m.x.max = r.extent[1] - 0.5;
    m.y.min = -0.5; m.y.max = r.extent[0] - 0.5;
    m.y.inverted = true;
    for (const a of [m.x, m.y]) {
      a.pad = 0;
      a.ticker = intTicks;
      if (r.hide_axes) Object.assign(a, { width: 0, tickLen: 0, ticker: () => [] });
    }
    if (r.color_bar || r.square_cells) m.kind = "framed";
    m.layers.push(rasterLayer);
  }

  // valueRange is the values at the ends of a colormap: min and max, or
  // the values' range, symmetric for the diverging map.
  function valueRange(vals, lo = 0, hi = 0, cmap) {
    if (lo !== 0 || hi !== 0) return [lo, hi];
    ({ min: lo, max: hi } = span(vals));
    if (cmap === "diverging") { const a = Math.max(-lo, hi, lo, -hi); [lo, hi] = [-a, a]; }
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  }

  // heatModel is hopplot's drawHeat: cells (row 0 at the bottom) under the
  // panel's reference lines and series, the axes spanning the cells
  // exactly, no grid, a colour bar (viridis by default) with its label.
  function heatModel(m, p) {
    const h = p.heat, cmap = h.colormap || "viridis";
    Object.assign(m, { heat: h, cmap, colorBar: true, barLabel: h.label || "", kind: "framed" });
    [m.lo, m.hi] = valueRange(h.values, h.min, h.max, cmap);
    m.layers.push(heatLayer);
    linesModel(m, p, false);
    m.legend.bars.push([h.x[0], h.x[h.x.length - 1], h.y[0], h.y[h.y.length - 1]]); // the cells are data too
    m.x.pad = m.y.pad = 0;
    [m.x.min, m.x.max, m.y.min, m.y.max] = [h.x[0], h.x[h.x.length - 1], h.y[0], h.y[h.y.length - 1]];
  }

  // ---- layout ---------------------------------------------------------------

  // insets computes a plot's room around its data area inside a w x h
  // canvas, as gonum's Plot.DataCanvas: title, y axis, x axis, and the
  // padding that keeps glyphs and end tick labels inside the canvas.
  // titleW is the width a long title may wrap to: the tile's, even where
  // square cells narrow the canvas. A legend below the plot takes room
  // under it all (room).
  function insets(m, R, w, h, titleW = w) {
    const k = R.k, T = fitTitle(m.title, R.titlePx, titleW, 1), L = { titleLines: T.lines, titlePx: T.px, tickPx: TICK * k };
    const top = L.titleLines.length ? L.titleLines.length * LINE_H * L.titlePx + 8 * k : 0;
    const major = (a) => a.ticks.filter((t) => t.label);
    L.yTickW = Math.max(0, ...major(m.y).map((t) => textWidth(t.label, L.tickPx)));
    let yw = (m.y.ticks.length ? (L.yTickW > 0 ? L.yTickW + textWidth(" ", L.tickPx) : 0) + m.y.tickLen * k : 0) + (m.y.width / 2 + m.y.pad) * k;
    // Axis labels longer than their axis shrink, down to a floor, then
    // wrap (a phone): the x label to the width right of the y axis.
    const label = (s, room) => {
      const px = fitPx(s, LABEL * k, room), lines = textWidth(s, px) > room ? wrap(s, px, false, room) : [s];
      return { px, lines, w: Math.max(...lines.map((l) => textWidth(l, px))) };
    };
    const X = (L.xlabel = m.xlabel ? label(m.xlabel, Math.max(1, w - yw - (m.ylabel ? (LINE_H + DESC) * LABEL * k + 4 * k : 0))) : null);
    let xh = X ? X.lines.length * LINE_H * X.px + 4 * k : 0;
    if (m.x.ticks.length) xh += m.x.tickLen * k + (major(m.x).length ? LINE_H * L.tickPx : 0);
    xh += (m.x.width / 2 + m.x.pad) * k;
    // The y label's room is the axis' height, less a legend below (as wide as the data area when the label takes a line).
    const roomY = h - top - xh - belowRoom(m, k, w - yw - (m.ylabel ? (LINE_H + DESC) * LABEL * k + 4 * k : 0));
    const Y = (L.ylabel = m.ylabel ? label(m.ylabel, Math.max(1, roomY)) : null);
    if (Y) yw += (Y.lines.length * LINE_H + DESC) * Y.px + 4 * k;
    // Glyph boxes: plotters' glyphs on both sides, axis labels on the far
    // side only, as gonum's padX and padY.
    const gx = [], gy = [];
    for (const s of m.glyphs) glyphExtremes(m, s, k, gx, gy);
    const tx = major(m.x).map((t) => [norm(m.x, t.v), 0, textWidth(t.label, L.tickPx) / 2]);
    const ty = major(m.y).map((t) => [norm(m.y, t.v), 0, (LINE_H * L.tickPx) / 2]);
    if (X) tx.push([0.5, 0, X.w / 2]);
    if (Y) ty.push([0.5, 0, Y.w / 2]);
    const [pl, pr] = glyphPad(w - yw, gx, gx.concat(tx));
    const room = belowRoom(m, k, w - yw - pl - pr);
    const [pb, pt] = glyphPad(h - top - xh - room, gy, gy.concat(ty));
    return Object.assign(L, { l: yw + pl, r: pr, t: top + pt, b: xh + pb + room, yw, xh, top, room });
  }

  function norm(a, v) {
    const n = (v - a.min) / (a.max - a.min);
    return a.inverted ? 1 - n : n;
  }

  // glyphExtremes adds the boxes of the in-range points of a glyph source
  // that lie furthest along each axis: only those can decide the padding.
  function glyphExtremes(m, s, k, gx, gy) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < s.ys.length; i++) {
      const nx = norm(m.x, s.xs[i]), ny = norm(m.y, s.ys[i]);
      if (!(nx >= 0 && nx <= 1 && ny >= 0 && ny <= 1)) continue;
      x0 = Math.min(x0, nx); x1 = Math.max(x1, nx); y0 = Math.min(y0, ny); y1 = Math.max(y1, ny);
    }
    if (x0 > x1) return;
    gx.push([x0, -s.rx * k, s.rx * k], [x1, -s.rx * k, s.rx * k]);
    gy.push([y0, -s.ry * k, s.ry * k], [y1, -s.ry * k, s.ry * k]);
  }

  // glyphPad solves gonum's padding: the data span [n, m] inside [0, len]
  // such that the furthest boxes [norm, lowOffset, highOffset] just fit.
  function glyphPad(len, lows, highs) {
    let l = [0, 0, 0], r = [1, 0, 0], lo = 0, hi = len;
    for (const b of lows) if (b[0] >= 0 && b[0] * len + b[1] < lo) { lo = b[0] * len + b[1]; l = b; }
    for (const b of highs) if (b[0] <= 1 && b[0] * len + b[2] > hi) { hi = b[0] * len + b[2]; r = b; }
    if (l[0] === r[0]) return [0, 0];
    const minx = -l[1], maxx = len - r[2], lx = l[0], rx = r[0];
    const n = (lx * maxx - rx * minx) / (lx - rx);
    const m = ((lx - 1) * maxx - rx * minx + minx) / (lx - rx);
    return [n, len - m];
  }

  const inner = (c, I) => ({ x0: c.x0 + I.l, y0: c.y0 + I.t, x1: c.x1 - I.r, y1: c.y1 - I.b });

  // tiles is gonum's draw.Tiles: equal cells with gaps between them.
  // Rows may differ in height in proportion to heights.
  function tiles(c, rows, cols, padX, padY, heights) {
    const w = (c.x1 - c.x0 - padX * (cols - 1)) / cols, free = c.y1 - c.y0 - padY * (rows - 1);
    const sum = heights ? heights.reduce((a, b) => a + b, 0) : rows, out = [];
    for (let i = 0, y0 = c.y0; i < rows; i++) {
      const h = (free * (heights ? heights[i] : 1)) / sum;
      for (let j = 0; j < cols; j++) {
        const x0 = c.x0 + j * (w + padX);
        out.push({ x0, y0, x1: x0 + w, y1: y0 + h });
      }
      y0 += h + padY;
    }
    return out;
  }

  // alignedLayout is gonum's plot.Align: every data area the same size,
  // columns sharing their left and right edges, rows their tops and bottoms.
  function alignedLayout(ms, rows, cols, c, R, padX, padY) {
    const t = tiles(c, rows, cols, padX, padY)[0], tw = t.x1 - t.x0, th = t.y1 - t.y0;
    const I = ms.map((m) => m && insets(m, R, tw, th));
    const cl = Array(cols).fill(0), cr = Array(cols).fill(0), rt = Array(rows).fill(0), rb = Array(rows).fill(0);
    I.forEach((v, n) => {
      if (!v) return;
      const i = Math.floor(n / cols), j = n % cols;
      cl[j] = Math.max(cl[j], v.l); cr[j] = Math.max(cr[j], v.r);
      rt[i] = Math.max(rt[i], v.t); rb[i] = Math.max(rb[i], v.b);
    });
    const sum = (a, n = a.length) => a.slice(0, n).reduce((s, v) => s + v, 0);
    const dw = (c.x1 - c.x0 - sum(cl) - sum(cr) - padX * (cols - 1)) / cols, dh = (c.y1 - c.y0 - sum(rt) - sum(rb) - padY * (rows - 1)) / rows;
    return I.map((v, n) => {
      const i = Math.floor(n / cols), j = n % cols;
      const x0 = c.x0 + sum(cl, j + 1) + sum(cr, j) + j * (dw + padX), y0 = c.y0 + sum(rt, i + 1) + sum(rb, i) + i * (dh + padY);
      return v && { D: { x0, y0, x1: x0 + dw, y1: y0 + dh }, I: v };
    });
  }

  // ---- drawing a plot ---------------------------------------------------------

  // drawPlot draws a plot whose data area is D and whose own room around it
  // is I: title, axes, then the layers, clipped to the data area.
  function drawPlot(svg, m, D, I, R) {
    const k = R.k, g = el("g", { class: "fig-panel" }, svg);
    const C = { x0: D.x0 - I.l, y0: D.y0 - I.t, x1: D.x1 + I.r, y1: D.y1 + I.b - I.room }; // the legend below is under C
    // Centred over the canvas as gonum does, but kept inside the figure.
    const half = Math.max(0, ...I.titleLines.map((l) => textWidth(l, I.titlePx, true))) / 2;
    titleBlock(g, I.titleLines, Math.min(Math.max((C.x0 + C.x1) / 2, R.margin + half), R.W - R.margin - half), C.y0, I.titlePx, "fig-panel-title");
    const sx = (v) => D.x0 + norm(m.x, v) * (D.x1 - D.x0);
    const sy = (v) => D.y1 - norm(m.y, v) * (D.y1 - D.y0);
    const d = { g, m, D, I, R, sx, sy, k, clip: "" };
    if (!(D.x1 > D.x0 && D.y1 > D.y0)) return d; // no room: nothing rather than axes upside down
    axis(g, m, false, D, C, I, k);
    axis(g, m, true, D, C, I, k);
    const id = `${R.id}-c${R.clips++}`;
    el("rect", box(D), el("clipPath", { id }, g));
    d.clip = `url(#${id})`;
    for (const layer of m.layers) layer(d);
    return d;
  }

  const inRange = (v, a, b) => v >= Math.min(a, b) - 0.5 && v <= Math.max(a, b) + 0.5;

  // axis draws an axis line, its ticks (minor ones half as long, next to
  // the line), their labels and the axis title, outside the data area.
  function axis(g, m, vertical, D, C, I, k) {
    const a = vertical ? m.y : m.x, ga = el("g", { class: `fig-axis fig-${vertical ? "y" : "x"}-axis` }, g);
    const off = (a.pad + a.width / 2) * k, len = a.tickLen * k, px = I.tickPx;
    const at = vertical ? C.x0 + I.yw - off : C.y1 - I.xh + off; // the axis line
    const [lo, hi] = vertical ? [D.y1, D.y0] : [D.x0, D.x1];
    const ticks = a.ticks.map((t) => ({ ...t, p: lo + norm(a, t.v) * (hi - lo) })).filter((t) => inRange(t.p, lo, hi));
    const mark = (t) => { const l = t.label ? len : len / 2; return vertical ? `M${r1(at)} ${r1(t.p)}h${r1(-l)}` : `M${r1(t.p)} ${r1(at)}v${r1(l)}`; };
    if (a.width) el("path", Object.assign({ d: vertical ? `M${r1(at)} ${r1(D.y0)}V${r1(D.y1)}` : `M${r1(D.x0)} ${r1(at)}H${r1(D.x1)}` }, stroke("#000", a.width, null, k)), ga);
    if (ticks.length && len) el("path", Object.assign({ d: ticks.map(mark).join("") }, stroke("#000", 0.75, null, k)), ga);
    const labels = ticks.filter((t) => t.label);
    const size = vertical ? () => 0.85 * LINE_H * px : (t) => textWidth(t.label, px) + 0.2 * px;
    const every = stride(labels, size);
    labels.forEach((t, i) => {
      if (i % every) return;
      if (vertical) text(ga, t.label, at - len - textWidth(" ", px), t.p + 0.35 * px, px, { anchor: "end", cls: "fig-tick" });
      else text(ga, t.label, t.p, at + len + ASC * px, px, { cls: "fig-tick" });
    });
    const Y = I.ylabel, X = I.xlabel;
    if (vertical && Y) Y.lines.forEach((l, i) => text(ga, l, C.x0 + (ASC + i * LINE_H) * Y.px, (D.y0 + D.y1) / 2, Y.px, { rotate: true, cls: "fig-axis-label" }));
    if (!vertical && X) X.lines.forEach((l, i) => text(ga, l, (D.x0 + D.x1) / 2, C.y1 - (DESC + (X.lines.length - 1 - i) * LINE_H) * X.px, X.px, { cls: "fig-axis-label" }));
  }

  // stride is 1, or on a screen too narrow for all tick labels the n that
  // keeps every n-th label clear of its neighbours (hopplot's pages never
  // need it).
  function stride(labels, size) {
    for (let n = 1; n < labels.length; n++) {
      let ok = true;
      for (let i = n; ok && i < labels.length; i += n) ok = Math.abs(labels[i].p - labels[i - n].p) >= (size(labels[i]) + size(labels[i - n])) / 2;
      if (ok) return n;
    }
    return Math.max(1, labels.length);
  }

  // ---- layers -------------------------------------------------------------------

  // gridLayer is gonum's Grid: light lines at the labelled ticks.
  function gridLayer(d) {
    const { m, D } = d, xs = m.x.ticks.filter((t) => t.label).map((t) => d.sx(t.v)), ys = m.y.ticks.filter((t) => t.label).map((t) => d.sy(t.v));
    const p = xs.filter((x) => inRange(x, D.x0, D.x1)).map((x) => `M${r1(x)} ${r1(D.y0)}V${r1(D.y1)}`).join("")
      + ys.filter((y) => inRange(y, D.y0, D.y1)).map((y) => `M${r1(D.x0)} ${r1(y)}H${r1(D.x1)}`).join("");
    if (p) el("path", Object.assign({ d: p, class: "fig-grid" }, stroke("#d7d7d7", 0.5, null, d.k)), d.g);
  }

  function refLayer(d, r) {
    const colour = r.style === "dotted-red" ? TAB10[3] : r.style === "gray" ? TAB10[7] : "#3c3c3c";
    const st = r.style === "dotted-red" ? stroke(colour, 1.5, [1.5, 2.5], d.k) : stroke(colour, 1, [5, 3], d.k);
    const { D } = d, v = r.vertical ? d.sx(r.at) : d.sy(r.at);
    if (!inRange(v, r.vertical ? D.x0 : D.y0, r.vertical ? D.x1 : D.y1)) return;
    const p = r.vertical ? `M${r1(v)} ${r1(D.y0)}V${r1(D.y1)}` : `M${r1(D.x0)} ${r1(v)}H${r1(D.x1)}`;
    el("path", Object.assign({ d: p, class: "fig-ref" }, st), d.g);
    if (!r.label) return;
    const px = TICK * d.k, b = refLabelBox(d, r.vertical, v, textWidth(r.label, px), LINE_H * px);
    text(d.g, r.label, b.x0, b.y1 - DESC * px, px, { anchor: "start", cls: "fig-ref-label", fill: colour });
  }

  // refLabelBox is hopplot's refLabelBox: a w x h label beside a reference
  // line at screen coordinate v, above a horizontal line (or below) at its
  // right or left end, right or left of a vertical one at its top or
  // bottom: the first place that hides least of the curves and stays in
  // the data area.
  function refLabelBox(d, vertical, v, w, h) {
    const { D, k } = d, g = 3 * k, boxes = [];
    if (vertical) for (const y0 of [D.y0 + g, D.y1 - g - h]) boxes.push({ x0: v + g, y0 }, { x0: v - g - w, y0 });
    else for (const y0 of [v - g - h, v + g]) boxes.push({ x0: D.x1 - g - w, y0 }, { x0: D.x0 + g, y0 });
    const curves = d.m.avoid.map(([xs, ys]) => pixels(d, xs, ys));
    let best = null, bestCost = Infinity;
    for (const b of boxes) {
      Object.assign(b, { x1: b.x0 + w, y1: b.y0 + h });
      const r = { x0: b.x0 - 2 * k, y0: b.y0 - 2 * k, x1: b.x1 + 2 * k, y1: b.y1 + 2 * k };
      let cost = curves.reduce((n, pts) => n + curveHits(pts, r, k), 0);
      if (b.x0 < D.x0 || b.x1 > D.x1 || b.y0 < D.y0 || b.y1 > D.y1) cost += 1e6; // outside: only if nothing else fits
      if (cost < bestCost) { best = b; bestCost = cost; }
    }
    return best;
  }

  // pixels maps a series into the data area. A long one keeps the lowest
  // and highest point of each pixel column, in order: about 2 points per
  // column, steps and spikes survive, the path stays small.
  function pixels(d, xs, ys) {
    const n = ys.length, pt = (i) => [d.sx(xs[i]), d.sy(ys[i])];
    if (n <= 2 * (d.D.x1 - d.D.x0)) return ys.map((_, i) => pt(i));
    const out = [];
    for (let i = 0, j = 0; i < n; i = j) {
      let lo = i, hi = i;
      for (const col = Math.floor(d.sx(xs[i])); j < n && Math.floor(d.sx(xs[j])) === col; j++) {
        if (ys[j] < ys[lo]) lo = j;
        if (ys[j] > ys[hi]) hi = j;
      }
      out.push(pt(Math.min(lo, hi)));
      if (lo !== hi) out.push(pt(Math.max(lo, hi)));
    }
    return out;
  }

  function lineLayer(d, xs, ys, col, w, dash, cls) {
    const pts = pixels(d, xs, ys);
    el("path", Object.assign({ d: pathOf(pts), class: cls, "clip-path": d.clip, "stroke-linejoin": "round" }, stroke(col, w, dash, d.k)), d.g);
  }

  function dotsLayer(d, xs, ys, col, r, cls) {
    const g = el("g", { class: cls, fill: col }, d.g), { D } = d, rr = r * d.k;
    ys.forEach((y, i) => {
      const px = d.sx(xs[i]), py = d.sy(y);
      if (inRange(px, D.x0 - rr, D.x1 + rr) && inRange(py, D.y0 - rr, D.y1 + rr)) el("circle", { cx: r1(px), cy: r1(py), r: r1(rr) }, g);
    });
  }

  function errLayer(d, xs, ys, err, col) {
    const cap = 3 * d.k, { D } = d;
    let p = "";
    ys.forEach((y, i) => {
      const x = d.sx(xs[i]), lo = d.sy(y - err[i]), hi = d.sy(y + err[i]);
      p += `M${r1(x)} ${r1(lo)}V${r1(hi)}`;
      for (const e of [lo, hi]) if (inRange(x, D.x0, D.x1) && inRange(e, D.y0, D.y1)) p += `M${r1(x - cap)} ${r1(e)}h${r1(2 * cap)}`;
    });
    el("path", Object.assign({ d: p, class: "fig-errorbars", "clip-path": d.clip }, stroke(col, 1, null, d.k)), d.g);
  }

  // stemLayer is hopplot's Stem: a gray baseline, a stem per point and a
  // round head on it.
  function stemLayer(d, xs, ys, col) {
    const g = el("g", { class: "fig-stem" }, d.g), base = d.sy(0), x = span(xs);
    el("path", Object.assign({ d: `M${r1(d.sx(x.min))} ${r1(base)}H${r1(d.sx(x.max))}`, class: "fig-baseline", "clip-path": d.clip }, stroke("#5a5a5a", 0.75, null, d.k)), g);
    const p = xs.map((x, i) => `M${r1(d.sx(x))} ${r1(base)}V${r1(d.sy(ys[i]))}`).join("");
    el("path", Object.assign({ d: p, "clip-path": d.clip }, stroke(col, 1, null, d.k)), g);
    dotsLayer({ ...d, g }, xs, ys, col, 2.5, "fig-stem-heads");
  }

  function barsLayer(d, h, fill) {
    const g = el("g", Object.assign({ class: "fig-bars", fill, "clip-path": d.clip }, stroke("#fff", 0.75, null, d.k), { fill }), d.g);
    h.counts.forEach((c, i) => {
      if (!c) return;
      el("rect", Object.assign({ class: "fig-bar" }, box({ x0: d.sx(h.edges[i]), x1: d.sx(h.edges[i + 1]), y0: d.sy(0), y1: d.sy(c) })), g);
    });
  }

  // paint draws a grid of values at one pixel per cell and returns it as a
  // data URL: the browser scales it with crisp (pixelated) cells.
  function paint(vals, rows, cols, colour) {
    const cv = Object.assign(document.createElement("canvas"), { width: cols, height: rows });
    const ctx = cv.getContext("2d"), img = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const c = colour(vals[i]);
      img.data[4 * i] = c[0]; img.data[4 * i + 1] = c[1]; img.data[4 * i + 2] = c[2]; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return cv.toDataURL();
  }

  // image embeds a painted grid of rows x cols cells. Cells at least a
  // device pixel wide stay crisp; smaller ones are left to the browser's
  // smoothing, which averages them, as hopplot's block means would:
  // sampling would alias fine stripes into flat colour.
  function image(g, href, x0, y0, x1, y1, rows, cols, cls) {
    const w = Math.abs(x1 - x0), h = Math.abs(y1 - y0), dpr = global.devicePixelRatio || 1;
    const crisp = w * dpr >= cols && h * dpr >= rows;
    return el("image", Object.assign({ href, class: cls, preserveAspectRatio: "none" }, box({ x0, x1, y0, y1 }),
      crisp ? { style: "image-rendering:pixelated", "image-rendering": "optimizeSpeed" } : {}), g);
  }

  // borders draws the lines between the cells of a rows x cols grid.
  function borders(g, x0, y0, x1, y1, rows, cols, k) {
    let p = "";
    for (let j = 0; j <= cols; j++) { const x = x0 + ((x1 - x0) * j) / cols; p += `M${r1(x)} ${r1(y0)}V${r1(y1)}`; }
    for (let i = 0; i <= rows; i++) { const y = y0 + ((y1 - y0) * i) / rows; p += `M${r1(x0)} ${r1(y)}H${r1(x1)}`; }
    el("path", Object.assign({ d: p, class: "fig-cell-borders" }, stroke("#969696", 0.5, null, k)), g);
  }

  // rasterLayer draws the block means over the cells they average: the
  // image spans whole blocks and the clip cuts partial ones at the edges.
  function rasterLayer(d) {
    const { m } = d, r = m.raster, [gr, gc] = r.shape, [fr, fc] = r.block;
    const href = paint(r.values, gr, gc, (v) => cmapAt(m.cmap, (v - m.lo) / (m.hi - m.lo)));
    const id = `${d.clip.slice(5, -1)}r`, ex0 = d.sx(-0.5), ex1 = d.sx(r.extent[1] - 0.5), ey0 = d.sy(-0.5), ey1 = d.sy(r.extent[0] - 0.5);
    const cp = el("clipPath", { id }, d.g);
    el("rect", box({ x0: ex0, x1: ex1, y0: ey0, y1: ey1 }), cp);
    const g = el("g", { "clip-path": d.clip }, d.g);
    image(el("g", { "clip-path": `url(#${id})` }, g), href, ex0, ey0, d.sx(gc * fc - 0.5), d.sy(gr * fr - 0.5), gr, gc, "fig-raster");
    if (r.cell_borders && fr === 1 && fc === 1) borders(g, ex0, ey0, ex1, ey1, r.extent[0], r.extent[1], d.k);
  }

  // heatLayer paints the cells at the screen's resolution, each pixel the
  // colour of the cell under its centre, as hopplot does: cells may differ
  // in width, so an image of one pixel per cell would not do.
  function heatLayer(d) {
    const { m, D } = d, h = m.heat, nc = h.x.length - 1, dpr = global.devicePixelRatio || 1;
    const xs = h.x.map(d.sx), ys = h.y.map(d.sy), ex = span(xs), ey = span(ys);
    const x0 = Math.max(ex.min, D.x0), x1 = Math.min(ex.max, D.x1), y0 = Math.max(ey.min, D.y0), y1 = Math.min(ey.max, D.y1);
    if (!(x1 > x0 && y1 > y0)) return;
    const pw = Math.min(2048, Math.round((x1 - x0) * dpr) || 1), ph = Math.min(2048, Math.round((y1 - y0) * dpr) || 1);
    const cell = (edges, v) => { // edges run either way along the screen
      const i = edges.findIndex((e) => (edges[0] < edges[edges.length - 1] ? e > v : e < v));
      return Math.min(Math.max((i < 0 ? edges.length : i) - 1, 0), edges.length - 2);
    };
    const col = Array.from({ length: pw }, (_, p) => cell(xs, x0 + ((p + 0.5) * (x1 - x0)) / pw));
    const row = Array.from({ length: ph }, (_, p) => cell(ys, y0 + ((p + 0.5) * (y1 - y0)) / ph));
    const colours = h.values.map((v) => cmapAt(m.cmap, (v - m.lo) / (m.hi - m.lo)));
    const idx = new Int32Array(pw * ph).map((_, i) => row[Math.floor(i / pw)] * nc + col[i % pw]);
    image(d.g, paint(idx, ph, pw, (i) => colours[i]), x0, y0, x1, y1, ph, pw, "fig-heat");
  }

  // ---- legend (hopplot/legend.go) -------------------------------------------------

  const legendShown = (L) => L && L.pos !== "none" && L.entries.length > 0;

  // legendGeom is hopplot's legendBox geometry at scale k: size(cols) is
  // the box with its entries in cols columns, filled column by column.
  function legendGeom(L, k) {
    const px = LEGEND * k, pad = 5 * k, thumbW = 22 * k, gap = 5 * k, rowH = 1.5 * px, colGap = 14 * k, n = L.entries.length;
    const entryW = thumbW + gap + Math.max(...L.entries.map((e) => textWidth(e.name, px)));
    const size = (cols) => ({ w: 2 * pad + cols * entryW + (cols - 1) * colGap, h: 2 * pad + rowH * Math.ceil(n / cols) });
    // columns is the most that fit width w, balanced.
    const columns = (w) => {
      let cols = 1;
      while (cols < n && size(cols + 1).w <= w) cols++;
      return Math.ceil(n / Math.ceil(n / cols));
    };
    return { px, pad, thumbW, gap, rowH, colGap, entryW, size, columns };
  }

  // belowRoom is the height a legend below a plot whose data area is dw
  // wide takes, the gap over it included (0 for a legend inside).
  function belowRoom(m, k, dw) {
    const L = m.legend;
    if (!legendShown(L) || L.pos !== "below") return 0;
    const G = legendGeom(L, k);
    return 8 * k + G.size(G.columns(dw)).h;
  }

  function legendLayer(d) {
    const L = d.m.legend, k = d.k, D = d.D;
    if (!legendShown(L)) return;
    const G = legendGeom(L, k);
    let b, cols = 1;
    if (L.pos === "below") { // centred under the data area, at the bottom of the panel
      cols = G.columns(D.x1 - D.x0);
      const { w, h } = G.size(cols), y1 = D.y1 + d.I.b;
      const x0 = Math.max(D.x0 - d.I.l, Math.min((D.x0 + D.x1) / 2 - w / 2, d.R.W - d.R.margin - w));
      b = { x0, y0: y1 - h, x1: x0 + w, y1 };
    } else {
      const { w, h } = G.size(1);
      b = legendPlace(d, L, w, h).box;
    }
    const g = el("g", { class: "fig-legend" }, d.g), rows = Math.ceil(L.entries.length / cols);
    el("rect", Object.assign(box(b), stroke("#aaa", 0.6, null, k), { fill: "#fff", "fill-opacity": 0.9 }), g);
    L.entries.forEach((e, i) => {
      const top = b.y0 + G.pad + G.rowH * (i % rows), left = b.x0 + G.pad + Math.floor(i / rows) * (G.entryW + G.colGap);
      const tb = { x0: left, x1: left + G.thumbW, y0: top + 2 * k, y1: top + G.rowH - 2 * k };
      for (const t of e.thumbs) thumb(g, tb, k, t);
      text(g, e.name, tb.x1 + G.gap, top + G.rowH / 2 + 0.35 * G.px, G.px, { anchor: "start", cls: "fig-legend-label" });
    });
  }

  // legendPlace returns the requested corner or, for "best", the first of
  // top right, top left, bottom right, bottom left that hides least data;
  // with the data it hides (cost, 0 for none; Infinity when the box does
  // not fit the data area).
  function legendPlace(d, L, w, h) {
    const { D, k } = d, inset = 6 * k;
    const at = (pos) => {
      const left = pos.endsWith("left"), bottom = pos.startsWith("bottom");
      const x0 = left ? D.x0 + inset : D.x1 - inset - w, y0 = bottom ? D.y1 - inset - h : D.y0 + inset;
      return { x0, y0, x1: x0 + w, y1: y0 + h };
    };
    const fits = w + 2 * inset <= D.x1 - D.x0 && h + 2 * inset <= D.y1 - D.y0;
    let best = null, bestCost = Infinity;
    const curves = L.curves.map(([xs, ys]) => pixels(d, xs, ys));
    for (const pos of L.pos ? [L.pos] : ["top-right", "top-left", "bottom-right", "bottom-left"]) {
      const b = at(pos), r = { x0: b.x0 - 4 * k, y0: b.y0 - 4 * k, x1: b.x1 + 4 * k, y1: b.y1 + 4 * k };
      let cost = 0;
      for (const pts of curves) cost += curveHits(pts, r, d.k);
      for (const [x0, x1, y0, y1] of L.bars) cost += (100 * overlap(r, d.sx(x0), d.sx(x1), d.sy(y0), d.sy(y1))) / (w * h);
      if (!best || cost < bestCost) { best = b; bestCost = cost; }
    }
    return { box: best, cost: fits ? bestCost : Infinity };
  }

  // curveHits counts samples of the polyline pts, at its points and every
  // 2 points of length between them, inside r.
  function curveHits(pts, r, k) {
    const inside = (x, y) => x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1;
    let n = 0;
    pts.forEach(([x, y], i) => {
      if (inside(x, y)) n++;
      if (i + 1 === pts.length) return;
      const [x1, y1] = pts[i + 1], steps = Math.floor(Math.min(200, Math.hypot(x1 - x, y1 - y) / (2 * k)));
      for (let s = 1; s < steps; s++) if (inside(x + (s / steps) * (x1 - x), y + (s / steps) * (y1 - y))) n++;
    });
    return n;
  }

  function overlap(r, x0, x1, y0, y1) {
    const w = Math.min(r.x1, Math.max(x0, x1)) - Math.max(r.x0, Math.min(x0, x1)), h = Math.min(r.y1, Math.max(y0, y1)) - Math.max(r.y0, Math.min(y0, y1));
    return w > 0 && h > 0 ? w * h : 0;
  }

  // thumb draws a legend sample into box b: gonum's thumbnails of a line
  // (across the middle), a scatter (one glyph) or histogram bars (filled).
  function thumb(g, b, k, t) {
    const cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    if (t.line) el("path", Object.assign({ d: `M${r1(b.x0)} ${r1(cy)}H${r1(b.x1)}` }, stroke(t.line, t.w, t.dash, k)), g);
    if (t.dot) el("circle", { cx: r1(cx), cy: r1(cy), r: r1(t.r * k), fill: t.dot }, g);
    if (t.bar) el("rect", Object.assign(box(b), stroke("#fff", 0.75, null, k), { fill: t.bar }), g);
  }

  // ---- panels that are not plain plots ---------------------------------------------

  // framedArea is the layout of hopplot's RasterPanel and heatPanel in
  // tile: a plot with a colour bar on the right, square cells if asked
  // (centred, kept at the top). It returns the data area D, the insets I
  // and the colour bar.
  function framedArea(m, tile, R) {
    const c = { ...tile }, tw = tile.x1 - tile.x0, bar = m.colorBar && colorBar(m, R);
    if (bar) c.x1 -= bar.room;
    let I = insets(m, R, c.x1 - c.x0, c.y1 - c.y0, tw);
    for (let pass = 0; m.aspect && pass < 2; pass++) {
      const D = inner(c, I), w = D.x1 - D.x0, h = D.y1 - D.y0;
      if (w <= 0 || h <= 0) break;
      if (w / h > m.aspect) { const s = (w - h * m.aspect) / 2; c.x0 += s; c.x1 -= s; } else c.y1 -= h - w / m.aspect;
      I = insets(m, R, c.x1 - c.x0, c.y1 - c.y0, tw);
    }
    return { D: inner(c, I), I, bar };
  }

  // drawFramed draws a framed panel: the plot, a frame round the data
  // area and the colour bar.
  function drawFramed(svg, m, tile, R) {
    const { D, I, bar } = framedArea(m, tile, R), d = drawPlot(svg, m, D, I, R);
    if (!(D.x1 > D.x0 && D.y1 > D.y0)) return;
    el("rect", Object.assign(box(D), { class: "fig-frame" }, stroke("#000", 0.75, null, R.k)), d.g);
    if (bar) bar.draw(d.g, D);
  }

  // colorBar is hopplot's colorBar: the colormap from lo (bottom) to hi
  // (top) beside the data area, value ticks, and a label reading upwards,
  // smaller (down to MIN_PX) when the bar is shorter than it.
  function colorBar(m, R) {
    const k = R.k, px = TICK * k, lpx = LABEL * k, gap = 10.8 * R.s, w = 14.4 * R.s, tick = 3 * k, span = m.hi - m.lo;
    const ticks = niceTicks(m.lo, m.hi, 6), tickW = Math.max(0, ...ticks.map((t) => textWidth(t.label, px)));
    const room = gap + w + tick + 4 * k + tickW + (m.barLabel ? 4 * k + LINE_H * lpx : 0);
    const draw = (g0, D) => {
      const g = el("g", { class: "fig-colorbar" }, g0), x0 = D.x1 + gap;
      const levels = Array.from({ length: 256 }, (_, i) => m.hi - ((i + 0.5) / 256) * span);
      image(g, paint(levels, 256, 1, (v) => cmapAt(m.cmap, (v - m.lo) / span)), x0, D.y0, x0 + w, D.y1, 256, 1, "fig-colorbar-image");
      el("rect", Object.assign(box({ x0, x1: x0 + w, y0: D.y0, y1: D.y1 }), stroke("#000", 0.75, null, k)), g);
      const ys = ticks.map((t) => D.y1 - ((t.v - m.lo) / span) * (D.y1 - D.y0));
      ticks.forEach((t, i) => text(g, t.label, x0 + w + tick + 2 * k, ys[i] + 0.35 * px, px, { anchor: "start", cls: "fig-tick" }));
      el("path", Object.assign({ d: ys.map((y) => `M${r1(x0 + w)} ${r1(y)}h${r1(tick)}`).join("") }, stroke("#000", 0.75, null, k)), g);
      const lp = m.barLabel && fitPx(m.barLabel, lpx, D.y1 - D.y0, 0);
      if (m.barLabel) text(g, m.barLabel, x0 + w + tick + 4 * k + tickW + 4 * k + ASC * lp, (D.y0 + D.y1) / 2, lp, { rotate: true, cls: "fig-axis-label" });
    };
    return { room, draw };
  }

  // patternsLayout is the layout of hopplot's PatternGrid in a tile W
  // wide: Columns per row, or fewer where the pictures would be narrower
  // than MIN_PATTERN (or 2 pixels a cell) or their captions could not fit
  // at MIN_PX, and no more than the figure's other grids asking as many
  // (R.patternCols); captions shrunk to fit their share of the row; the
  // cell that the width allows, and the height the grid takes at a cell
  // size.
  function patternsLayout(p, W, R) {
    const k = R.k, P = p.patterns, [rows, cols] = P.shape, items = P.items || [], n = items.length;
    const T = fitTitle(p.title, R.titlePx, W, 1);
    const titleH = T.lines.length ? T.lines.length * LINE_H * T.px + 12 * k : 0;
    const gapX = 21.6 * R.s, gapY = 18 * R.s, label = LABEL * k, floor = Math.min(label, Math.max(0.6 * label, MIN_PX));
    const widest = (px) => Math.max(0, ...items.map((it) => (it.title ? textWidth(it.title, px) : 0)));
    const share = (nc) => (W + gapX) / nc - gapX / 2; // of a caption
    const asked = !P.columns || P.columns > n ? n : P.columns;
    const fits = (nc) => (W - (nc - 1) * gapX) / nc >= Math.max(MIN_PATTERN, Math.min(2 * cols, 64)) && widest(floor) <= share(nc);
    let nc = asked;
    while (nc > 1 && !fits(nc)) nc--;
    nc = Math.min(nc, (R.patternCols && R.patternCols[asked]) || nc);
    // Wrapped: pattern by pattern, or by blocks of whole columns, one
    // under the other (keep_columns); rows as full as they can be.
    const keep = P.keep_columns && nc < asked, rows0 = Math.ceil(n / asked);
    if (nc < asked) nc = keep ? Math.ceil(asked / Math.ceil(asked / nc)) : Math.ceil(n / Math.ceil(n / nc));
    const nr = keep ? Math.ceil(asked / nc) * rows0 : Math.ceil(n / nc);
    const at = (i) => (keep ? [Math.floor((i % asked) / nc) * rows0 + Math.floor(i / asked), (i % asked) % nc] : [Math.floor(i / nc), i % nc]);
    // Captions wider than their share of the row shrink (a phone).
    const px = Math.max(floor, Math.min(label, (label * share(nc)) / Math.max(1, widest(label))));
    const labelH = items.some((it) => it.title) ? LINE_H * px + 6 * k : 0;
    const height = (cell) => titleH + nr * (cell * rows + labelH) + (nr - 1) * gapY;
    const cellIn = (H) => Math.min((W - (nc - 1) * gapX) / (nc * cols), (H - titleH - (nr - 1) * gapY - nr * labelH) / (nr * rows));
    return { T, titleH, gapX, gapY, nc, nr, at, px, labelW: widest(px), labelH, cellW: (W - (nc - 1) * gapX) / (nc * cols), cellIn, height };
  }

  // drawPatterns is hopplot's PatternGrid: pictures with square cells, a
  // caption over (or under) each, in rows centred in the tile.
  function drawPatterns(svg, p, tile, R) {
    const k = R.k, P = p.patterns, [rows, cols] = P.shape, items = P.items || [];
    const W = tile.x1 - tile.x0, H = tile.y1 - tile.y0, L = patternsLayout(p, W, R), { nc, px, gapX, gapY, labelH } = L;
    const cell = L.cellIn(H);
    if (!(cell > 0)) return; // render makes the figure tall enough; this is a tile of no room
    const g = el("g", { class: "fig-panel fig-patterns" }, svg);
    const tileW = cell * cols, tileH = cell * rows;
    let pitchX = Math.max(tileW, L.labelW) + gapX;
    if (nc * pitchX - gapX > W) pitchX = (W + gapX) / nc;
    const pitchY = tileH + labelH + gapY, totalW = (nc - 1) * pitchX + tileW, totalH = L.height(cell);
    const left = tile.x0 + (W - totalW) / 2;
    let top = tile.y0 + (H - totalH) / 2;
    titleBlock(g, L.T.lines, (tile.x0 + tile.x1) / 2, top, L.T.px, "fig-panel-title");
    top += L.titleH;
    items.forEach((it, i) => {
      const [row, col] = L.at(i), x0 = left + col * pitchX, y0 = top + row * pitchY + (P.titles_below ? 0 : labelH);
      const pg = el("g", { class: "fig-pattern" }, g);
      const cells = Array.from(it.cells || "", (ch) => (ch === "#" ? 1 : ch === "." ? -1 : 0));
      image(pg, paint(cells, rows, cols, (v) => cmapAt("ink", (v + 1) / 2)), x0, y0, x0 + tileW, y0 + tileH, rows, cols, "fig-raster");
      if (!P.no_borders && rows <= 32 && cols <= 32) borders(pg, x0, y0, x0 + tileW, y0 + tileH, rows, cols, k);
      el("rect", Object.assign(box({ x0, y0, x1: x0 + tileW, y1: y0 + tileH }), { class: "fig-frame" }, stroke("#3c3c3c", 1, null, k)), pg);
      if (!it.title) return;
      const ty = P.titles_below ? y0 + tileH + 5 * k + ASC * px : y0 - 5 * k - DESC * px;
      text(pg, it.title, x0 + tileW / 2, ty, px, { cls: "fig-pattern-title" });
    });
  }

  // ---- the figure -----------------------------------------------------------------

  // render draws fig at opts.width CSS pixels (default: its page width at
  // 96 dpi). Sizes in points become pixels at the page's scale; text and
  // what sits around it (R.k) keep a floor, while gaps between panels
  // (R.s) may shrink further, so narrow screens give their width to the
  // plots. The height is the page's aspect, or more where the panels need
  // it (plan).
  function render(fig, opts = {}) {
    const Wpt = 72 * (fig.width || 8), Hpt = 72 * (fig.height || 5);
    const W = Math.max(120, Math.round(opts.width || (Wpt * 4) / 3));
    const R = { W, k: Math.max(W / Wpt, K_MIN), s: Math.max(W / Wpt, K_MIN / 2), id: `hf${++uid}`, clips: 0 }, k = R.k;
    // Narrow: text at its floor is a fifth larger beside the plots than on the page.
    R.narrow = R.k > 1.2 * (W / Wpt);
    const margin = (R.margin = 8.64 * R.s), T = fitTitle(fig.title, FIG_TITLE * k, W - 2 * margin);
    const top = margin + (T.lines.length ? T.lines.length * LINE_H * T.px + 10 * k : 0);
    const G = plan(fig, Wpt, Hpt, top, R), H = G.H;
    const svg = el("svg", { xmlns: NS, width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "fig", role: "img", "font-family": FONT, fill: "#000",
      "aria-label": fig.caption || fig.title || fig.name || "figure", "data-figure": fig.name || "" });
    el("rect", { width: W, height: H, fill: "#fff", class: "fig-bg" }, svg);
    titleBlock(svg, T.lines, W / 2, margin, T.px, "fig-title");
    drawPanels(svg, G, { x0: margin, y0: top, x1: W - margin, y1: H - margin }, R);
    return svg;
  }

  // minWidth is the narrowest tile a panel is drawn in before its figure
  // wraps into fewer columns: a grid of patterns wraps by itself.
  const minWidth = (p) => (!p || p.patterns ? 0 : p.raster && p.raster.hide_axes ? MIN_PICTURE_W : MIN_PLOT_W);

  // plan lays the figure's grid out at width R.W below top: the panels'
  // models; the columns, fewer than the figure's when its tiles would be
  // narrower than their panels' minWidth (the panels wrap in their order,
  // or, where the figure leaves cells empty to end rows early, each row
  // wraps by itself); the legends that move under their plot
  // on a narrow screen, where they would hide data; and the height H: the
  // page's aspect or, where a panel needs more (need), enough for it.
  function plan(fig, Wpt, Hpt, top, R) {
    const k = R.k, cols0 = fig.cols > 0 ? fig.cols : 1;
    const rows0 = fig.rows > 0 ? fig.rows : Math.max(1, Math.ceil((fig.panels || []).length / cols0));
    const all = (fig.panels || []).slice(0, rows0 * cols0);
    const padX = 21.6 * R.s, padY = 18 * R.s, width = R.W - 2 * R.margin;
    const tileW = (cols) => (width - padX * (cols - 1)) / cols;
    let cols = cols0;
    const narrowest = Math.max(0, ...all.map(minWidth));
    while (cols > 1 && tileW(cols) < narrowest) cols--;
    let panels = all;
    if (cols < cols0) {
      const last = all.reduce((n, p, i) => (p ? i + 1 : n), 0), sequence = all.slice(0, last).every(Boolean);
      const rowsOf = sequence ? [all.slice(0, last)] : Array.from({ length: rows0 }, (_, i) => all.slice(i * cols0, (i + 1) * cols0));
      while (rowsOf.length && !rowsOf[rowsOf.length - 1].some(Boolean)) rowsOf.pop();
      const lens = rowsOf.map((r) => r.reduce((n, p, j) => (p ? j + 1 : n), 0)); // without the empty cells at the end
      const longest = Math.max(1, ...lens);
      cols = Math.ceil(longest / Math.ceil(longest / cols)); // rows as full as they can be
      panels = rowsOf.flatMap((r, i) => {
        const out = [];
        for (let j = 0; j < Math.max(1, lens[i]); j += cols) out.push(...r.slice(j, Math.min(j + cols, lens[i])).concat(Array(cols).fill(null)).slice(0, cols));
        return out;
      });
    }
    const rows = cols < cols0 ? Math.max(1, Math.ceil(panels.length / cols)) : rows0;
    const ms = panels.map((p) => (p && !p.patterns ? model(p) : null));
    if (fig.share_x) shareX(ms.filter((m) => m && m.kind === "plot"));
    ms.forEach((m) => m && [m.x, m.y].forEach(finishAxis));
    const tw = tileW(cols);
    // Panel titles that must shrink to fit shrink alike across the figure.
    R.titlePx = Math.min(TITLE * k, ...panels.map((p) => (p && p.title ? fitTitle(p.title, TITLE * k, tw).px : Infinity)));
    ms.forEach((m) => m && (m.titlePx = R.titlePx));
    // Grids of patterns that ask for as many columns get as many.
    R.patternCols = {};
    const cap = {};
    for (const p of panels) {
      if (!p || !p.patterns) continue;
      const n = (p.patterns.items || []).length, asked = !p.patterns.columns || p.patterns.columns > n ? n : p.patterns.columns;
      cap[asked] = Math.min(cap[asked] || Infinity, patternsLayout(p, tw, R).nc);
    }
    R.patternCols = cap;
    // The page's tile in points, and the height of a tile tw wide in its proportions.
    const page = { w: (Wpt - 2 * 8.64 - 21.6 * (cols0 - 1)) / cols0, h: (Hpt - 2 * 8.64 - (fig.title ? LINE_H * FIG_TITLE + 10 : 0) - 18 * (rows0 - 1)) / rows0 };
    const th0 = Math.max(1, (tw * page.h) / page.w), aligned = panels.every((p, i) => !p || (ms[i] && ms[i].kind === "plot"));
    // Each row as tall as its tallest need; aligned plots all alike.
    const heights = () => {
      const hs = Array.from({ length: rows }, (_, i) => Math.max(th0, ...panels.slice(i * cols, (i + 1) * cols)
        .map((p, j) => (p ? need(p, ms[i * cols + j], tw, th0, R, page) : 0))));
      return aligned ? hs.map(() => Math.max(...hs)) : hs;
    };
    let hs = heights();
    if (R.narrow) {
      let moved = false;
      ms.forEach((m) => {
        const L = m && m.legend;
        if (!legendShown(L) || L.pos === "below") return;
        const { D } = panelArea(m, { x0: 0, y0: 0, x1: tw, y1: Math.max(...hs) }, R), { w, h } = legendGeom(L, k).size(1);
        if (legendPlace(Object.assign({ m, D, k }, scales(m, D)), L, w, h).cost > 0) { L.pos = "below"; moved = true; }
      });
      if (moved) hs = heights();
    }
    const H = top + hs.reduce((a, b) => a + b, 0) + padY * (rows - 1) + R.margin, Hpage = (R.W * Hpt) / Wpt;
    return { rows, cols, panels, ms, heights: hs, aligned, H: cols === cols0 && H <= Hpage + 0.5 ? Math.round(Hpage) : Math.ceil(H) };
  }

  // scales maps data to the screen in the data area D.
  const scales = (m, D) => ({ sx: (v) => D.x0 + norm(m.x, v) * (D.x1 - D.x0), sy: (v) => D.y1 - norm(m.y, v) * (D.y1 - D.y0) });

  // panelArea is the data area D and insets I of a panel drawn alone in
  // tile.
  function panelArea(m, tile, R) {
    if (m.kind === "framed") return framedArea(m, tile, R);
    const I = insets(m, R, tile.x1 - tile.x0, tile.y1 - tile.y0);
    return { D: inner(tile, I), I };
  }

  // need is the height a panel wants in a tile tw wide, where th0 is the
  // page's proportion and page the tile on the page in points. A plot
  // keeps the shape of its data area on the page (and room for its y label
  // in two lines, for a colour bar's label in one); pictures and patterns
  // keep their size beside the text as on the page, as far as the width
  // allows.
  function need(p, m, tw, th0, R, page) {
    const P = { W: page.w, k: 1, s: 1, titlePx: TITLE, margin: 8.64 }, k = R.k, w = (A) => A.D.x1 - A.D.x0, h = (A) => A.D.y1 - A.D.y0;
    if (p.patterns) {
      const L = patternsLayout(p, tw, R), cellPage = Math.max(0, patternsLayout(p, page.w, P).cellIn(page.h));
      return L.height(Math.min(L.cellW, cellPage * k));
    }
    const L = m.legend, pos = L && L.pos;
    if (L) L.pos = L.page; // the page's layout
    const Ap = panelArea(m, { x0: 0, y0: 0, x1: page.w, y1: page.h }, P);
    if (L) L.pos = pos;
    if (m.aspect) { // square cells: the width allows a picture this wide
      const A = panelArea(m, { x0: 0, y0: 0, x1: tw, y1: 1e5 }, R);
      return A.I.t + A.I.b + Math.min(w(A), w(Ap) * k) / m.aspect;
    }
    const A = panelArea(m, { x0: 0, y0: 0, x1: tw, y1: th0 }, R);
    let dh = w(Ap) > 0 ? (w(A) * h(Ap)) / w(Ap) : 0;
    if (m.ylabel) dh = Math.max(dh, textWidth(m.ylabel, Math.max(0.7 * LABEL * k, MIN_PX)) / 2);
    if (m.barLabel) dh = Math.max(dh, textWidth(m.barLabel, LABEL * k) + 8 * k);
    return A.I.t + A.I.b + dh;
  }

  // drawPanels draws the planned grid into c, aligning the data areas
  // when all panels are plain plots, as hopplot's Figure does.
  function drawPanels(svg, G, c, R) {
    const { rows, cols, panels, ms } = G, padX = 21.6 * R.s, padY = 18 * R.s;
    if (G.aligned) return alignedLayout(ms, rows, cols, c, R, padX, padY).forEach((L, i) => L && drawPlot(svg, ms[i], L.D, L.I, R));
    tiles(c, rows, cols, padX, padY, G.heights).forEach((t, i) => {
      const p = panels[i], m = ms[i];
      if (!p) return;
      if (p.patterns) drawPatterns(svg, p, t, R);
      else if (m.kind === "framed") drawFramed(svg, m, t, R);
      else { const I = insets(m, R, t.x1 - t.x0, t.y1 - t.y0); drawPlot(svg, m, inner(t, I), I, R); }
    });
  }

  // shareX gives every plot the union of their x ranges, after their own
  // axis settings, as hopplot does.
  function shareX(ms) {
    const u = span(ms.flatMap((m) => [m.x.min, m.x.max]));
    for (const m of ms) { m.x.min = u.min; m.x.max = u.max; }
  }

  const observers = new WeakMap();

  // renderInto draws fig across the container and again whenever the
  // container's width changes.
  function renderInto(container, fig) {
    const old = observers.get(container);
    if (old) old.disconnect();
    let last = -1, pending = false;
    const draw = () => {
      pending = false;
      const w = Math.round(container.clientWidth) || 640; // hidden: draw anyway, redraw when shown
      if (w === last) return; // our own height change, or nothing
      last = w;
      try { container.replaceChildren(render(fig, { width: w })); } catch (err) { container.textContent = `Cannot draw figure ${fig && fig.name}: ${err.message}`; }
    };
    draw();
    if (typeof ResizeObserver === "function") {
      const ro = new ResizeObserver(() => pending || (pending = true, requestAnimationFrame(draw)));
      ro.observe(container);
      observers.set(container, ro);
    }
    return container.firstElementChild;
  }

  global.HopfieldFigure = { render, renderInto };
})(typeof window !== "undefined" ? window : globalThis);
