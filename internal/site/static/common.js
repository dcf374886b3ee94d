// Helpers shared by the lab's pages: the error banner, cell strings,
// drawing patterns and line plots on canvases. No framework, no build
// step: this file is served as it is.
"use strict";

const Lab = (() => {
  // --- Error banner ----------------------------------------------------------

  function showError(msg) {
    const box = document.getElementById("error");
    if (!box) return;
    box.querySelector(".msg").textContent = msg;
    box.hidden = false;
  }

  function clearError() {
    const box = document.getElementById("error");
    if (box) box.hidden = true;
  }

  function initErrorBanner() {
    const box = document.getElementById("error");
    if (!box) return;
    box.querySelector("button").addEventListener("click", clearError);
  }

  // --- Cells -------------------------------------------------------------------

  // Cells travel as strings, the engine's patterns.FormatCells: '#' ink
  // (+1), '.' background (-1), '?' unknown (0).
  function parseCells(s) {
    const a = new Int8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a[i] = c === 35 ? 1 : c === 46 ? -1 : 0;
    }
    return a;
  }

  function formatCells(a) {
    let s = "";
    for (let i = 0; i < a.length; i++) s += a[i] > 0 ? "#" : a[i] < 0 ? "." : "?";
    return s;
  }

  const INK = [0, 0, 0], PAPER = [255, 255, 255], UNKNOWN = [150, 150, 150];

  // paintCells draws cells into a rows x cols offscreen canvas, one pixel per
  // cell, to be scaled up without smoothing.
  function paintCells(off, cells, rows, cols) {
    if (off.width !== cols || off.height !== rows) { off.width = cols; off.height = rows; }
    const ctx = off.getContext("2d");
    const img = ctx.createImageData(cols, rows);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] > 0 ? INK : cells[i] < 0 ? PAPER : UNKNOWN;
      img.data[4 * i] = c[0]; img.data[4 * i + 1] = c[1]; img.data[4 * i + 2] = c[2]; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return off;
  }

  // paintValues draws real values in [-1, 1] as shades of grey, +1 black
  // and -1 white: the states of the continuous network.
  function paintValues(off, values, rows, cols) {
    if (off.width !== cols || off.height !== rows) { off.width = cols; off.height = rows; }
    const ctx = off.getContext("2d");
    const img = ctx.createImageData(cols, rows);
    for (let i = 0; i < values.length; i++) {
      const g = Math.round(255 * (1 - Math.max(-1, Math.min(1, values[i]))) / 2);
      img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return off;
  }

  // drawThumb draws a small picture of a pattern.
  function drawThumb(canvas, cells, rows, cols) {
    const off = paintCells(document.createElement("canvas"), cells, rows, cols);
    const side = 84;
    canvas.width = side; canvas.height = side;
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingEnabled = cols > side;
    ctx.drawImage(off, 0, 0, side, side);
  }

  // fitCanvas sizes a canvas's pixel buffer to its CSS box and the screen's
  // pixel ratio, and returns its context scaled to CSS pixels.
  function fitCanvas(canvas) {
    // The content box, inside any border, is what the pixel buffer covers.
    const cw = canvas.clientWidth, ch = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(cw * dpr)), h = Math.max(1, Math.round(ch * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { ctx, w: cw, h: ch };
  }

  // --- Line plots -------------------------------------------------------------

  // Okabe-Ito colours: distinguishable with colour blindness and on a projector.
  const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  const DASHES = [[], [8, 4], [2, 3]];

  function seriesStyle(i) {
    return { color: COLORS[i % COLORS.length], dash: DASHES[Math.floor(i / COLORS.length) % DASHES.length] };
  }

  function niceStep(span, target) {
    const raw = span / Math.max(1, target);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  }

  // fmtTick writes a tick label, with the minus sign (−) the page's text
  // uses, not a hyphen.
  function fmtTick(v, step) {
    const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    if (Math.abs(v) < step * 1e-6) v = 0; // no "-0.0"
    const s = Math.abs(v) >= 1e4 ? v.toExponential(1).replace("e+", "e") : v.toFixed(Math.min(digits, 4));
    return s.replace(/-/g, "−");
  }

  // linePlot draws series [{xs, ys, color, dash, width}] with axes.
  // opts: {xmin, xmax, ymin, ymax, xlabel, ylabel, hlines: [y], marker: x,
  // integerX: ticks on x at whole numbers only (steps)}
  function linePlot(canvas, series, opts) {
    const { ctx, w, h } = fitCanvas(canvas);
    const font = parseFloat(getComputedStyle(document.body).fontSize) || 16;
    const fs = Math.round(font * 0.78);
    ctx.clearRect(0, 0, w, h);
    ctx.font = `${fs}px system-ui, sans-serif`;
    let { xmin, xmax, ymin, ymax } = opts;
    if (!(xmax > xmin)) xmax = xmin + 1;
    if (!(ymax > ymin)) { ymin -= 1; ymax += 1; }
    // The left margin fits the widest tick label and the axis label.
    const ys = niceStep(ymax - ymin, 4);
    const yticks = [];
    for (let v = Math.ceil(ymin / ys) * ys; v <= ymax + 1e-9 * Math.abs(ys); v += ys) yticks.push(v);
    const labelWidth = Math.max(...yticks.map((v) => ctx.measureText(fmtTick(v, ys)).width), fs);
    const left = labelWidth + fs * 2.0, right = fs * 1.2, top = 8, bottom = fs * 2.9;
    const pw = w - left - right, ph = h - top - bottom;
    if (pw < 20 || ph < 20) return;
    const X = (x) => left + ((x - xmin) / (xmax - xmin)) * pw;
    const Y = (y) => top + (1 - (y - ymin) / (ymax - ymin)) * ph;

    ctx.strokeStyle = "#d0d0d0"; ctx.lineWidth = 1; ctx.fillStyle = "#000";
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    for (const v of yticks) {
      ctx.beginPath(); ctx.moveTo(left, Y(v)); ctx.lineTo(left + pw, Y(v)); ctx.stroke();
      ctx.fillText(fmtTick(v, ys), left - 5, Y(v));
    }
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    let xs = niceStep(xmax - xmin, Math.max(2, Math.floor(pw / (fs * 4))));
    if (opts.integerX) xs = Math.max(1, Math.round(xs));
    for (let v = Math.ceil(xmin / xs) * xs; v <= xmax + 1e-9; v += xs) {
      ctx.beginPath(); ctx.moveTo(X(v), top); ctx.lineTo(X(v), top + ph); ctx.stroke();
      ctx.fillText(fmtTick(v, xs), X(v), top + ph + 4);
    }
    for (const hv of opts.hlines || []) {
      ctx.strokeStyle = "#777"; ctx.setLineDash([4, 4]);
      ctx.beginPath(); ctx.moveTo(left, Y(hv)); ctx.lineTo(left + pw, Y(hv)); ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.strokeStyle = "#000"; ctx.lineWidth = 2;
    ctx.strokeRect(left, top, pw, ph);
    if (opts.xlabel) { ctx.fillText(opts.xlabel, left + pw / 2, top + ph + fs * 1.5); }
    if (opts.ylabel) {
      ctx.save(); ctx.translate(fs * 0.7, top + ph / 2); ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = "middle"; ctx.fillText(opts.ylabel, 0, 0); ctx.restore();
    }
    ctx.save();
    ctx.beginPath(); ctx.rect(left, top - 2, pw, ph + 4); ctx.clip();
    for (const s of series) {
      if (!s.xs.length) continue;
      ctx.strokeStyle = s.color; ctx.lineWidth = s.width || 2.5; ctx.setLineDash(s.dash || []);
      ctx.lineJoin = "round";
      ctx.beginPath();
      // Thin out long series to about one point per pixel column.
      const stride = Math.max(1, Math.floor(s.xs.length / (pw * 1.5)));
      ctx.moveTo(X(s.xs[0]), Y(s.ys[0]));
      for (let i = stride; i < s.xs.length; i += stride) ctx.lineTo(X(s.xs[i]), Y(s.ys[i]));
      const last = s.xs.length - 1;
      ctx.lineTo(X(s.xs[last]), Y(s.ys[last]));
      ctx.stroke();
      if (s.xs.length === 1) { ctx.fillStyle = s.color; ctx.fillRect(X(s.xs[0]) - 3, Y(s.ys[0]) - 3, 6, 6); }
    }
    ctx.restore();
    ctx.setLineDash([]);
  }

  // --- Page chrome ------------------------------------------------------------

  // The A+ button enlarges everything for a projector. Nothing is stored:
  // the lab keeps no state but its link.
  function initBigToggle(onChange) {
    const btn = document.getElementById("bigger");
    if (!btn) return;
    btn.addEventListener("click", () => {
      const on = !document.body.classList.contains("big");
      document.body.classList.toggle("big", on);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      if (onChange) onChange();
    });
  }

  // copyText puts text on the clipboard, or selects it in field for the
  // user to copy where the clipboard is not available (plain http).
  async function copyText(text, field) {
    field.value = text;
    field.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      field.focus();
      field.select();
      return false;
    }
  }

  return {
    showError, clearError, initErrorBanner, parseCells, formatCells,
    paintCells, paintValues, drawThumb, fitCanvas, linePlot, seriesStyle, initBigToggle, copyText,
  };
})();
