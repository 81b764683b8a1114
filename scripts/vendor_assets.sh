#!/usr/bin/env bash
# Vendor the dashboard's front-end assets from the npm registry into
# src/sigact/serve/static/vendor/, so that sigact serves them itself (no CDN) and a pip
# install needs no npm. Re-run to update; commit the result.
#
#   leaflet      -> leaflet.js, leaflet.css, images/
#   world-atlas  -> countries-me.geojson: Natural Earth 1:50m country outlines of Iraq,
#                   Syria, Jordan and their neighbours, converted from TopoJSON with
#                   topojson-client (used only here, at vendor time).
set -euo pipefail

LEAFLET_VERSION=${LEAFLET_VERSION:-1.9.4}
WORLD_ATLAS_VERSION=${WORLD_ATLAS_VERSION:-2.0.2}
TOPOJSON_CLIENT_VERSION=${TOPOJSON_CLIENT_VERSION:-3.1.0}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/src/sigact/serve/static/vendor"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts \
  "leaflet@$LEAFLET_VERSION" "world-atlas@$WORLD_ATLAS_VERSION" \
  "topojson-client@$TOPOJSON_CLIENT_VERSION" >/dev/null

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$DEST/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$DEST/leaflet/images/"
cp node_modules/leaflet/LICENSE "$DEST/leaflet/LICENSE"
cp node_modules/world-atlas/LICENSE "$DEST/world-atlas-LICENSE"

# ISO 3166-1 numeric id -> alpha-2, for the theatre and its neighbours.
node - "$DEST/countries-me.geojson" <<'JS'
const fs = require("fs");
const topojson = require("topojson-client");
const topo = require("world-atlas/countries-50m.json");
const keep = {
  "368": "IQ", "760": "SY", "400": "JO", "792": "TR", "364": "IR", "682": "SA",
  "414": "KW", "422": "LB", "376": "IL", "275": "PS", "818": "EG", "196": "CY",
  "048": "BH", "634": "QA", "784": "AE", "031": "AZ", "051": "AM", "268": "GE",
};
const all = topojson.feature(topo, topo.objects.countries);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : [+c[0].toFixed(3), +c[1].toFixed(3)];
const features = all.features
  .filter((f) => keep[f.id])
  .map((f) => ({
    type: "Feature",
    properties: { iso2: keep[f.id], name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
fs.writeFileSync(process.argv[2], JSON.stringify({ type: "FeatureCollection", features }));
console.error(`countries-me.geojson: ${features.length} countries`);
JS

cat > "$DEST/README.md" <<MD
# Vendored front-end assets

Made by \`scripts/vendor_assets.sh\` from the npm registry; do not edit by hand.

| file(s) | npm package | version | licence |
| --- | --- | --- | --- |
| \`leaflet/leaflet.js\`, \`leaflet/leaflet.css\`, \`leaflet/images/*\` | leaflet | $LEAFLET_VERSION | BSD-2-Clause (\`leaflet/LICENSE\`) |
| \`countries-me.geojson\` | world-atlas (\`countries-50m.json\`, Natural Earth 1:50m) | $WORLD_ATLAS_VERSION | ISC (\`world-atlas-LICENSE\`); Natural Earth data is public domain |
| (conversion only, not shipped) | topojson-client | $TOPOJSON_CLIENT_VERSION | ISC |

\`countries-me.geojson\` keeps Iraq, Syria, Jordan and their neighbours (TR, IR, SA, KW,
LB, IL, PS, EG, CY, BH, QA, AE, AZ, AM, GE), with the property \`iso2\` added and
coordinates rounded to 0.001 degree.
MD
echo "vendored into $DEST"
