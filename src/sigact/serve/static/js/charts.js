// Two small SVG charts drawn here: incidents per day by country (stacked bars) and
// stated tallies against the ledger's count (two lines).
import { clear, countryColour, svg } from "./dom.js";

const H = 200, M = { l: 34, r: 10, t: 10, b: 24 };
let W = 640; // set to the chart's own width at each draw, so text is drawn at 1:1
const DAY = 86400000;

const toDay = (s) => Date.parse(s + "T00:00:00Z");
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function frame(node) {
  clear(node);
  W = Math.max(320, Math.round(node.getBoundingClientRect().width) || 640);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`,
    role: "img" });
  node.append(root);
  return root;
}

function empty(root, text) {
  root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" },
    text));
}

function yAxis(root, max, y) {
  const step = niceStep(max);
  for (let v = 0; v <= max; v += step) {
    root.append(svg("line", { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), class: "gridline" }));
    root.append(svg("text", { x: M.l - 4, y: y(v) + 3, "text-anchor": "end", class: "axis" },
      String(v)));
  }
}

function niceStep(max) {
  const raw = Math.max(1, max / 4);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function monthTicks(root, t0, t1, x) {
  const d = new Date(t0);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const span = t1 - t0;
  const every = span > 400 * DAY ? 3 : 1;
  let i = 0;
  while (t <= t1) {
    if (t >= t0 && i % every === 0) {
      const label = new Date(t).toLocaleDateString("en-GB",
        { month: "short", year: "2-digit", timeZone: "UTC" });
      root.append(svg("line", { x1: x(t), x2: x(t), y1: H - M.b, y2: H - M.b + 4,
        stroke: "#999" }));
      root.append(svg("text", { x: x(t) + 2, y: H - 6, class: "axis" }, label));
    }
    const n = new Date(t);
    t = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + 1, 1);
    i += 1;
  }
}

/** rows: [{date, country, count}] -> stacked bars per day. */
export function drawTimeline(node, rows, countries, onDay) {
  const root = frame(node);
  root.setAttribute("aria-label", "incidents per day by country");
  if (!rows.length) { empty(root, "no dated incidents match"); return; }
  const byDay = new Map();
  for (const r of rows) {
    if (!byDay.has(r.date)) byDay.set(r.date, new Map());
    byDay.get(r.date).set(r.country, r.count);
  }
  const days = [...byDay.keys()].sort();
  const t0 = toDay(days[0]), t1 = toDay(days[days.length - 1]) + DAY;
  const n = Math.max(1, Math.round((t1 - t0) / DAY));
  const bw = (W - M.l - M.r) / n;
  const x = (t) => M.l + ((t - t0) / DAY) * bw;
  let max = 1;
  for (const m of byDay.values()) max = Math.max(max, [...m.values()].reduce((a, b) => a + b, 0));
  const y = (v) => H - M.b - (v / max) * (H - M.t - M.b);
  yAxis(root, max, y);
  const bars = svg("g", { class: "bars" });
  for (const day of days) {
    const counts = byDay.get(day);
    let acc = 0;
    const g = svg("g", { class: "day", "data-date": day });
    for (const c of countries) {
      const v = counts.get(c) || 0;
      if (!v) continue;
      g.append(svg("rect", { x: x(toDay(day)), y: y(acc + v), width: Math.max(1, bw - 0.5),
        height: y(acc) - y(acc + v), fill: countryColour(c), class: `bar bar-${c}` }));
      acc += v;
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const parts = [...counts.entries()].map(([c, v]) => `${c} ${v}`).join(", ");
    g.append(svg("title", {}, `${day}: ${total} (${parts})`));
    if (onDay) g.addEventListener("click", () => onDay(day));
    bars.append(g);
  }
  root.append(bars);
  monthTicks(root, t0, t1, x);
}

/** tallies: [{as_of, total, ledger_count}] -> stated vs ledger lines over time. */
export function drawTallies(node, tallies) {
  const root = frame(node);
  root.setAttribute("aria-label", "stated tallies and the ledger count over time");
  const pts = tallies.filter((t) => t.as_of);
  if (!pts.length) { empty(root, "no stated tallies in the ledger"); return; }
  const ts = pts.map((t) => toDay(t.as_of));
  let t0 = Math.min(...ts), t1 = Math.max(...ts);
  if (t1 - t0 < 7 * DAY) { t0 -= 3 * DAY; t1 += 4 * DAY; }
  const max = Math.max(1, ...pts.map((t) => Math.max(t.total, t.ledger_count || 0)));
  const x = (t) => M.l + ((t - t0) / (t1 - t0)) * (W - M.l - M.r);
  const y = (v) => H - M.b - (v / max) * (H - M.t - M.b);
  yAxis(root, max, y);
  const series = [
    ["stated", "#444", (t) => t.total],
    ["ledger", "#c0392b", (t) => t.ledger_count],
  ];
  for (const [name, colour, get] of series) {
    const xy = pts.filter((t) => get(t) !== null && get(t) !== undefined)
      .map((t) => [x(toDay(t.as_of)), y(get(t)), t]);
    if (!xy.length) continue;
    root.append(svg("polyline", { points: xy.map(([a, b]) => `${a},${b}`).join(" "),
      fill: "none", stroke: colour, "stroke-width": 2, class: `line-${name}` }));
    for (const [a, b, t] of xy) {
      const dot = svg("circle", { cx: a, cy: b, r: 3.5, fill: colour, class: `dot-${name}` });
      dot.append(svg("title", {}, `${t.as_of}: ${name} ${get(t)}` +
        (name === "stated" ? ` (document ${t.doc_id})` : "")));
      root.append(dot);
    }
  }
  monthTicks(root, t0, t1, x);
  return iso(t0);
}
