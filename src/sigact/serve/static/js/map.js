// The Leaflet map: vendored country outlines (works offline), an optional tile layer,
// and one circle marker per incident (colour: event type, size: number of reports).
import { el, getJSON, label, typeColour } from "./dom.js";

const SVG_LIMIT = 3000; // above this many markers, draw on a canvas

export class IncidentMap {
  constructor(node, config, onSelect) {
    this.node = node;
    this.onSelect = onSelect;
    const L = window.L;
    this.map = L.map(node, { zoomControl: true, attributionControl: false,
      minZoom: 3, maxZoom: 12, worldCopyJump: false }).setView([33.5, 40.5], 5);
    this.map.createPane("outlines").style.zIndex = 250;
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { maxZoom: 12 }).addTo(this.map);
    }
    this.svgRenderer = L.svg();
    this.canvasRenderer = L.canvas({ padding: 0.3 });
    this.layer = L.featureGroup().addTo(this.map);
    this.tooltip = L.tooltip({ direction: "top", offset: [0, -6] });
    this.layer.on("click", (e) => this.onSelect(e.layer.incident.id));
    this.layer.on("mouseover", (e) => {
      this.tooltip.setLatLng(e.layer.getLatLng()).setContent(tooltipFor(e.layer.incident));
      this.map.openTooltip(this.tooltip);
    });
    this.layer.on("mouseout", () => this.map.closeTooltip(this.tooltip));
    this.loadOutlines();
  }

  async loadOutlines() {
    const L = window.L;
    try {
      const geo = await getJSON("/static/vendor/countries-me.geojson");
      const focus = new Set(["IQ", "SY", "JO"]);
      L.geoJSON(geo, {
        pane: "outlines",
        interactive: false,
        style: (f) => ({
          color: "#6d6d6d", weight: focus.has(f.properties.iso2) ? 1.4 : 0.7,
          fillColor: focus.has(f.properties.iso2) ? "#fbfaf4" : "#e9e7df", fillOpacity: 1,
        }),
      }).addTo(this.map);
    } catch (err) {
      console.warn("country outlines not loaded", err);
    }
  }

  /** features: GeoJSON point features with {id, event_type, n_reports, date, place}. */
  show(features) {
    const L = window.L;
    this.layer.clearLayers();
    const renderer = features.length > SVG_LIMIT ? this.canvasRenderer : this.svgRenderer;
    const bounds = [];
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const n = Math.max(1, p.n_reports | 0);
      const m = L.circleMarker([lat, lon], {
        renderer, radius: 5 + 2.2 * Math.sqrt(n - 1), color: "#fff", weight: 1,
        fillColor: typeColour(p.event_type), fillOpacity: 0.85,
        className: `incident-marker marker-${p.event_type}`,
      });
      m.incident = p;
      this.layer.addLayer(m);
      bounds.push([lat, lon]);
    }
    this.node.dataset.markerCount = String(features.length);
    if (bounds.length && this.fitNext) {
      this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
    }
    this.fitNext = false;
  }
}

/** One tooltip for the whole layer (cheaper than one per marker at 10 000 incidents). */
function tooltipFor(p) {
  const n = Math.max(1, p.n_reports | 0);
  return el("span", {},
    el("strong", {}, `${p.date || "undated"} · ${label(p.event_type)}`), el("br"),
    `${p.place || "unknown place"} · ${n} report${n === 1 ? "" : "s"}`);
}
