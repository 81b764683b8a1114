"""Exports of the ledger: JSONL (the scorer's schema), CSV (ACLED's columns), GeoJSON.

Each writer takes an iterator of *export records* — incident rows plus ``evidence`` and
``outlets`` / ``last_published`` — in a stable order, so one ledger always exports the
same bytes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TextIO

FORMATS = ("jsonl", "csv", "geojson")

#: the JSONL keys, in order (the scorer's schema, then the ledger's own)
JSONL_FIELDS = ("id", "docs", "date", "date_precision", "country", "place", "lat", "lon",
                "geo_precision", "event_type", "weapons", "perpetrator", "perpetrator_basis",
                "target", "outcome", "killed", "injured", "place_id", "admin1",
                "n_reports", "n_docs", "disagreements", "evidence")

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                 "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
                 "actor2", "interaction", "civilian_targeting", "iso", "region", "country",
                 "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
                 "timestamp")

_COUNTRY = {"IQ": ("Iraq", "IRQ", 368), "SY": ("Syria", "SYR", 760),
            "JO": ("Jordan", "JOR", 400)}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
_GEO_PRECISION = {"site": 1, "town": 1, "region": 3}
_US_NAMES = {"us", "u.s.", "usa", "united states", "us forces", "u.s. forces", "american",
             "american forces", "us military", "u.s. military", "pentagon", "centcom",
             "us central command", "coalition", "us-led coalition", "coalition forces"}
_US_PREFIXES = ("us ", "u.s. ", "american", "coalition")
US_ACTOR = "Military Forces of the United States (2021-)"
#: ACLED's numeric actor types
INTER_STATE, INTER_MILITIA, INTER_EXTERNAL = 1, 3, 8
_INDIRECT = {"rocket", "missile", "ballistic_missile", "mortar", "artillery"}


def jsonl_record(rec: dict) -> dict:
    out = {k: rec.get(k) for k in JSONL_FIELDS}
    out["evidence"] = [{k: e[k] for k in ("doc_id", "start", "end", "text", "fields")}
                       for e in rec.get("evidence", [])]
    return out


def write_jsonl(records: Iterable[dict], out: TextIO) -> None:
    for rec in records:
        out.write(json.dumps(jsonl_record(rec), ensure_ascii=False, sort_keys=False) + "\n")


def _is_us(name: str | None) -> bool:
    return bool(name) and name.strip().lower().replace("the ", "", 1) in _US_NAMES


def acled_types(rec: dict) -> tuple[str, str]:
    """(event_type, sub_event_type) as ACLED codes them."""
    et, ws = rec["event_type"], set(rec.get("weapons") or [])
    if et == "armed_clash":
        return "Battles", "Armed clash"
    if et == "air_strike":
        return "Explosions/Remote violence", "Air/drone strike"
    if "drone" in ws and not ws & _INDIRECT:
        return "Explosions/Remote violence", "Air/drone strike"
    return "Explosions/Remote violence", "Shelling/artillery/missile attack"


def acled_actor(name: str | None, country: str | None) -> tuple[str, int]:
    """(actor name, inter code): the US as an external force, others as militias."""
    if _is_us(name):
        return US_ACTOR, INTER_EXTERNAL
    if not name:
        cname = _COUNTRY.get(country or "", ("Unknown",))[0]
        return f"Unidentified Armed Group ({cname})", INTER_MILITIA
    return name, INTER_MILITIA


def acled_row(rec: dict) -> dict:
    cname, iso3, iso_num = _COUNTRY.get(rec.get("country") or "", ("", "XXX", ""))
    event_type, sub_event = acled_types(rec)
    actor1, inter1 = acled_actor(rec.get("perpetrator"), rec.get("country"))
    target = rec.get("target")
    if _is_us(target) or (target and target.lower().startswith(_US_PREFIXES)):
        actor2, inter2 = US_ACTOR, INTER_EXTERNAL
    else:
        actor2, inter2 = (target or ""), (INTER_MILITIA if target else 0)
    interaction = int("".join(sorted(f"{inter1}{inter2}"))) if inter2 else inter1 * 10
    d = rec.get("date")
    weapons = ", ".join(rec.get("weapons") or []) or "unspecified weapons"
    kind = rec["event_type"].replace("_", " ")
    article = "an" if kind[:1] in "aeiou" else "a"
    notes = (f"On {d or 'an unknown date'}, {actor1} carried out {article} "
             f"{kind} ({weapons}) at {rec.get('place') or '?'}"
             f"{' against ' + target if target else ''}; outcome: {rec.get('outcome')}. "
             f"Reported by {rec.get('n_docs')} document(s).")
    tags = ["disputed: " + ", ".join(x["field"] for x in rec["disagreements"])] \
        if rec.get("disagreements") else []
    if rec.get("perpetrator_basis") in ("claimed", "attributed"):
        tags.append(f"perpetrator {rec['perpetrator_basis']}")
    ts = ""
    if rec.get("last_published"):
        ts = int(datetime.fromisoformat(rec["last_published"]).replace(tzinfo=UTC).timestamp())
    return {
        "event_id_cnty": f"{iso3}{rec['id'][2:]}",
        "event_date": d or "",
        "year": d[:4] if d else "",
        "time_precision": _TIME_PRECISION.get(rec.get("date_precision") or "", 3),
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if target and "civilian" in target.lower()
        else "",
        "iso": iso_num,
        "region": "Middle East",
        "country": cname,
        "admin1": rec.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": rec.get("place") or "",
        "latitude": "" if rec.get("lat") is None else f"{rec['lat']:.5f}",
        "longitude": "" if rec.get("lon") is None else f"{rec['lon']:.5f}",
        "geo_precision": _GEO_PRECISION.get(rec.get("geo_precision") or "", 3),
        "source": "; ".join(rec.get("outlets") or []),
        "source_scale": "",
        "notes": notes,
        "fatalities": rec.get("killed") or 0,
        "tags": "; ".join(tags),
        "timestamp": ts,
    }


def write_csv(records: Iterable[dict], out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for rec in records:
        w.writerow(acled_row(rec))


def geojson_feature(rec: dict) -> dict:
    props = jsonl_record(rec)
    props["evidence"] = [{k: e[k] for k in ("doc_id", "start", "end", "fields")}
                         for e in props["evidence"]]
    geom = None
    if rec.get("lat") is not None and rec.get("lon") is not None:
        geom = {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]}
    return {"type": "Feature", "id": rec["id"], "geometry": geom, "properties": props}


def write_geojson(records: Iterable[dict], out: TextIO) -> None:
    """A FeatureCollection, streamed feature by feature."""
    out.write('{"type": "FeatureCollection", "features": [')
    for i, rec in enumerate(records):
        out.write(("," if i else "") + "\n" + json.dumps(geojson_feature(rec),
                                                         ensure_ascii=False))
    out.write("\n]}\n")


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def iter_pages(fetch: Iterator[list[dict]]) -> Iterator[dict]:
    for page in fetch:
        yield from page
