// The dashboard: filters drive the map, the timeline, the table and the facets; a click
// on a marker or a row opens the incident panel. Everything comes from /api.
import { drawTallies, drawTimeline } from "./js/charts.js";
import {
  clear, COUNTRY_COLOURS, COUNTRY_NAMES, el, getJSON, highlighted, label, legend, safeHref,
  TYPE_COLOURS,
} from "./js/dom.js";
import { IncidentMap } from "./js/map.js";

const config = JSON.parse(document.body.dataset.config || "{}");
const API = config.api || "/api";
const PAGE = config.page_size || 25;
const FILTERS = ["date_from", "date_to", "country", "event_type", "actor", "basis", "place"];

const state = { filters: {}, sort: "-date", offset: 0, total: 0, selected: null };
const $ = (id) => document.getElementById(id);
const form = $("filters");

function query(extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) {
    if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  }
  return q.toString();
}

function readForm() {
  const f = {};
  for (const name of FILTERS) {
    const input = form.elements.namedItem(name);
    const v = input ? input.value.trim() : state.filters[name];
    if (v) f[name] = v;
  }
  return f;
}

function writeForm() {
  for (const name of FILTERS) {
    const input = form.elements.namedItem(name);
    if (input) input.value = state.filters[name] || "";
  }
}

function setStatus(text) { $("status").textContent = text; }

async function refresh() {
  const q = query();
  history.replaceState(null, "", q ? `?${q}` : window.location.pathname);
  for (const [id, path] of [["export-csv", "export.csv"], ["export-jsonl", "export.jsonl"],
    ["export-geojson", "incidents.geojson"]]) {
    $(id).setAttribute("href", `${API}/${path}${q ? `?${q}` : ""}`);
  }
  state.offset = 0;
  document.body.dataset.ready = "0";
  setStatus("Loading…");
  try {
    const geoShown = getJSON(`${API}/incidents.geojson?${q}`).then((g) => {
      performance.mark("sigact:geojson");
      map.show(g.features);
      performance.mark("sigact:markers");
      return g;
    });
    const [geo, timeline] = await Promise.all([
      geoShown, getJSON(`${API}/timeline?${q}`), loadTable(), loadFacets(),
    ]);
    const countries = [...new Set(timeline.days.map((r) => r.country))].sort();
    drawTimeline($("timeline"), timeline.days, countries, (day) => {
      state.filters.date_from = day; state.filters.date_to = day; writeForm(); refresh();
    });
    legend($("timeline-legend"), countries.map((c) => [COUNTRY_NAMES[c] || c,
      COUNTRY_COLOURS[c] || "#9a9a9a"]), true);
    const unplaced = geo.total - geo.features.length;
    setStatus(`${geo.total} incident${geo.total === 1 ? "" : "s"} match · ` +
      `${geo.features.length} on the map` + (unplaced ? ` · ${unplaced} without a position` : "") +
      (timeline.undated ? ` · ${timeline.undated} undated` : ""));
    performance.mark("sigact:ready");
    if (!document.body.dataset.readyAt) {
      document.body.dataset.readyAt = String(Math.round(performance.now()));
    }
    document.body.dataset.ready = "1";
  } catch (err) {
    setStatus(`Could not load: ${err.message}`);
  }
}

async function loadTable() {
  const data = await getJSON(`${API}/incidents?${query({ sort: state.sort, limit: PAGE,
    offset: state.offset })}`);
  state.total = data.total;
  const body = clear($("table").tBodies[0]);
  for (const r of data.items) {
    const tr = el("tr", { "data-id": r.id, tabindex: 0 },
      el("td", {}, r.date || "—"), el("td", {}, r.country || "—"),
      el("td", {}, r.place || "—"), el("td", {}, label(r.event_type)),
      el("td", {}, r.perpetrator || "—"), el("td", {}, r.perpetrator_basis),
      el("td", {}, String(r.n_reports)));
    if (r.id === state.selected) tr.classList.add("selected");
    tr.addEventListener("click", () => select(r.id));
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") select(r.id); });
    body.append(tr);
  }
  if (!data.items.length) body.append(el("tr", {}, el("td", { colspan: 7 }, "No incidents match.")));
  const last = Math.min(data.total, state.offset + data.items.length);
  $("page-info").textContent = data.total
    ? `${state.offset + 1}–${last} of ${data.total}` : "0 of 0";
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= data.total;
  for (const b of document.querySelectorAll("th button[data-sort]")) {
    const key = b.dataset.sort;
    b.classList.toggle("active", state.sort.replace("-", "") === key);
    b.classList.toggle("asc", state.sort === key);
  }
}

async function loadFacets() {
  const f = await getJSON(`${API}/facets?${query()}`);
  const list = clear($("actors"));
  for (const a of f.actor) list.append(el("option", { value: a.value }, `${a.count}`));
}

async function loadTallies() {
  try {
    const t = await getJSON(`${API}/tallies`);
    drawTallies($("tallies"), t.items);
    legend($("tallies-legend"), [["stated by a source", "#444"],
      [`ledger (${t.ledger_total} incidents in all)`, "#c0392b"]]);
  } catch (err) {
    clear($("tallies")).append(el("p", { class: "hint" }, `Tallies unavailable: ${err.message}`));
  }
}

async function select(id) {
  state.selected = id;
  for (const tr of $("table").tBodies[0].rows) {
    tr.classList.toggle("selected", tr.dataset.id === id);
  }
  const panel = clear($("panel"));
  panel.append(el("h2", {}, "Incident"), el("p", { class: "hint" }, "Loading…"));
  try {
    const inc = await getJSON(`${API}/incidents/${encodeURIComponent(id)}`);
    renderIncident(panel, inc);
  } catch (err) {
    clear(panel).append(el("h2", {}, "Incident"), el("p", { class: "hint" }, err.message));
  }
}

function fact(dl, name, value) {
  if (value === null || value === undefined || value === "") return;
  dl.append(el("dt", {}, name), el("dd", {}, String(value)));
}

function renderIncident(panel, inc) {
  clear(panel);
  panel.dataset.incident = inc.id;
  panel.append(el("h2", {}, "Incident", el("small", { class: "hint" }, inc.id)));
  panel.append(el("h3", { class: "inc-title" },
    `${label(inc.event_type)} · ${inc.place || "unknown place"}` +
    `${inc.country ? `, ${inc.country}` : ""} · ${inc.date || "undated"}`));
  const dl = el("dl", { class: "facts" });
  fact(dl, "Weapons", (inc.weapons || []).join(", "));
  fact(dl, "Perpetrator", inc.perpetrator ? `${inc.perpetrator} (${inc.perpetrator_basis})` : null);
  fact(dl, "Target", inc.target);
  fact(dl, "Outcome", inc.outcome);
  fact(dl, "Killed", inc.killed);
  fact(dl, "Injured", inc.injured);
  fact(dl, "Reports", inc.reports.length);
  panel.append(dl);
  if (inc.disagreements && inc.disagreements.length) {
    const ul = el("ul");
    for (const d of inc.disagreements) {
      const vals = d.values.map((v) => `${v.value === null ? "none" : v.value}` +
        (v.docs.length ? ` (${v.docs.join(", ")})` : "")).join(" vs ");
      ul.append(el("li", {}, `${label(d.field)}: ${vals}`));
    }
    panel.append(el("div", { class: "disagree" }, el("strong", {}, "Reports disagree"), ul));
  }
  for (const r of inc.reports) panel.append(renderReport(r));
}

function renderReport(r) {
  const href = safeHref(r.url);
  const title = r.title || r.doc_id;
  const head = href
    ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, title)
    : el("span", {}, title);
  const meta = el("div", { class: "meta" },
    el("span", { class: "outlet" }, r.outlet || "unknown outlet"),
    el("span", {}, `published ${r.published || "—"}`),
    el("span", { class: `basis basis-${r.perpetrator_basis}` },
      `${r.perpetrator_basis}${r.perpetrator ? `: ${r.perpetrator}` : ""}`),
    el("span", {}, `says ${r.date || "undated"}, ${r.place || "no place"}`));
  const box = el("article", { class: "report", "data-doc": r.doc_id }, el("div", {}, head), meta);
  for (const e of r.evidence || []) {
    const q = el("blockquote", { class: "evidence" }, highlighted(e.text, e.marks));
    if (e.fields && e.fields.length) q.append(el("span", { class: "fields" }, e.fields.join(", ")));
    box.append(q);
  }
  return box;
}

// --- wiring --------------------------------------------------------------------------
const map = new IncidentMap($("map"), config, select);
legend($("map-legend"), Object.entries(TYPE_COLOURS).map(([t, c]) => [label(t), c]));
const credit = ["Outlines: Natural Earth (world-atlas)"];
if (config.tile_url && config.tile_attribution) credit.push(`Tiles: ${config.tile_attribution}`);
$("map-credit").textContent = credit.join(" · ");

const initial = new URLSearchParams(window.location.search);
for (const name of FILTERS) if (initial.get(name)) state.filters[name] = initial.get(name);
writeForm();

form.addEventListener("submit", (e) => {
  e.preventDefault();
  state.filters = readForm();
  map.fitNext = true;
  refresh();
});
form.addEventListener("change", (e) => {
  if (e.target.tagName === "SELECT" || e.target.type === "date") form.requestSubmit();
});
$("reset").addEventListener("click", (e) => {
  e.preventDefault();
  state.filters = {};
  writeForm();
  map.fitNext = true;
  refresh();
});
$("prev").addEventListener("click", () => {
  state.offset = Math.max(0, state.offset - PAGE); loadTable();
});
$("next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
for (const b of document.querySelectorAll("th button[data-sort]")) {
  b.addEventListener("click", () => {
    const key = b.dataset.sort;
    state.sort = state.sort === `-${key}` ? key : `-${key}`;
    state.offset = 0;
    loadTable();
  });
}

refresh();
loadTallies();
