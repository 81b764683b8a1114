"""Write src/sigact/places/data/admin1_ne10m.geojson: governorate polygons (positions and tests).

They come from Natural Earth's admin-1 layer as Debian's qgis-common package ships it
(/usr/share/qgis/resources/data/world_map.gpkg). Nothing is downloaded: install the package
(`apt-get install qgis-common`), then run `.venv/bin/python scripts/build_admin1.py`.
"""

from __future__ import annotations

from pathlib import Path

from sigact.places.build import QGIS_WORLD_MAP, build_admin1

OUT = Path(__file__).resolve().parents[1] / "src" / "sigact" / "places" / "data" / "admin1_ne10m.geojson"


def main() -> None:
    OUT.write_text(build_admin1(QGIS_WORLD_MAP), encoding="utf-8")
    print(f"admin1 polygons -> {OUT}")


if __name__ == "__main__":
    main()
