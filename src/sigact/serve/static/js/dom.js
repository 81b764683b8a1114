// DOM helpers. Document fields (titles, outlets, text, URLs) are attacker-controlled:
// they only ever reach the page through textContent, and URLs only as http(s) hrefs.

export const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Create an SVG element. */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The URL if it is http(s), else null: never a javascript: or data: href. */
export function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Evidence text with its marks ([{start, end, label}]) as <mark> elements. */
export function highlighted(text, marks) {
  const frag = document.createDocumentFragment();
  const spans = (marks || [])
    .map((m) => ({ start: Math.max(0, m.start | 0), end: Math.min(text.length, m.end | 0),
      label: String(m.label || "") }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const m of spans) {
    if (m.start < pos) continue; // overlapping mark: keep the first
    if (m.start > pos) frag.append(document.createTextNode(text.slice(pos, m.start)));
    frag.append(el("mark", { title: m.label || null }, text.slice(m.start, m.end)));
    pos = m.end;
  }
  if (pos < text.length) frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let message = `${res.status}`;
    try { message = (await res.json()).error.message; } catch { /* keep status */ }
    throw new Error(message);
  }
  return res.json();
}

export const TYPE_COLOURS = {
  remote_attack: "#c0392b", air_strike: "#2471a3", armed_clash: "#d68910",
};
export const COUNTRY_COLOURS = { IQ: "#4e79a7", SY: "#e15759", JO: "#59a14f" };
export const COUNTRY_NAMES = { IQ: "Iraq", SY: "Syria", JO: "Jordan" };
export const typeColour = (t) => TYPE_COLOURS[t] || "#7f8c8d";
export const countryColour = (c) => COUNTRY_COLOURS[c] || "#9a9a9a";
export const label = (s) => String(s || "").replace(/_/g, " ");

export function legend(node, entries, square = false) {
  clear(node);
  for (const [name, colour] of entries) {
    const sw = el("span", { class: square ? "swatch sq" : "swatch" });
    sw.style.background = colour;
    node.append(el("span", {}, sw, name));
  }
}
