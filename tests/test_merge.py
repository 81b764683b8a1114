"""Unit tests of sigact.merge: which reports become one incident, and how it reads."""

from __future__ import annotations

import random

from sigact import merge
from sigact.models import Report

ASAD = ("asad", "Ain al-Asad Air Base", 33.800, 42.441)
ERBIL = ("erbil", "Erbil Air Base", 36.237, 43.963)


def rep(doc: str, day: str | None, where: tuple = ASAD, seq: int = 0, **kw) -> Report:
    pid, name, lat, lon = where
    base = dict(doc_id=doc, event_type="remote_attack", date=day,
                date_precision="day" if day else "unknown", country="IQ", place=name,
                lat=lat, lon=lon, geo_precision="site", place_id=pid, seq=seq)
    base.update(kw)
    return Report(**base)


def groups(reports: list[Report]) -> list[list[str]]:
    return sorted(sorted(i["docs"]) for i in merge.merge(reports))


def test_same_place_same_day_different_outlets_is_one() -> None:
    incs = merge.merge([rep("a", "2023-11-01"), rep("b", "2023-11-01"), rep("c", "2023-11-02")])
    assert len(incs) == 1 and incs[0]["docs"] == ["a", "b", "c"]


def test_different_days_are_two() -> None:
    assert len(merge.merge([rep("a", "2023-11-01"), rep("b", "2023-11-04")])) == 2


def test_different_places_are_two() -> None:
    assert len(merge.merge([rep("a", "2023-11-01"), rep("b", "2023-11-01", ERBIL)])) == 2


def test_two_reports_of_one_document_are_never_merged() -> None:
    rs = [rep("a", "2023-11-01", seq=0), rep("a", "2023-11-01", seq=1), rep("b", "2023-11-01")]
    incs = merge.merge(rs)
    assert len(incs) == 2
    assert sorted(i["n_reports"] for i in incs) == [1, 2]


def test_aircraft_contradicts_drone() -> None:
    rs = [rep("a", "2023-11-01", weapons=["aircraft"]), rep("b", "2023-11-01", weapons=["drone"])]
    assert len(merge.merge(rs)) == 2
    assert merge.weapons_compatible(["drone"], ["drone", "rocket"])
    assert merge.weapons_compatible([], ["aircraft"])


def test_region_precision_merges_within_100_km() -> None:
    region = ("anbar", "Anbar Governorate", 33.4, 42.0)  # ~60 km from the base
    rs = [rep("a", "2023-11-01"), rep("b", "2023-11-01", region, geo_precision="region")]
    incs = merge.merge(rs)
    assert len(incs) == 1
    assert incs[0]["place"] == "Ain al-Asad Air Base"  # the most specific place wins
    far = rep("c", "2023-11-01", ("x", "Far town", 35.0, 44.5), geo_precision="town")
    assert len(merge.merge([rep("a", "2023-11-01"), far])) == 2


def test_week_precision_joins_a_day_in_its_window() -> None:
    week = rep("b", "2023-11-07", date_precision="week")
    assert len(merge.merge([rep("a", "2023-11-03"), week])) == 1
    assert len(merge.merge([rep("a", "2023-10-25"), week])) == 2
    incs = merge.merge([rep("a", "2023-11-03"), week])
    assert incs[0]["date"] == "2023-11-03" and incs[0]["date_precision"] == "day"


def test_undated_joins_the_only_incident_at_its_place_on_the_evidence_of_its_weapons() -> None:
    dated = rep("a", "2023-11-01", weapons=["drone", "rocket"])
    incs = merge.merge([dated, rep("u", None, weapons=["drone"])])
    assert len(incs) == 1 and incs[0]["docs"] == ["a", "u"]
    assert incs[0]["date"] == "2023-11-01"
    # naming no weapon, or another one, is no evidence: it stays apart
    assert groups([dated, rep("u", None)]) == [["a"], ["u"]]
    assert groups([dated, rep("u", None, weapons=["missile"])]) == [["a"], ["u"]]


def test_undated_stays_apart_when_the_place_has_several_incidents() -> None:
    rs = [rep("a", "2023-11-01", weapons=["drone"]), rep("b", "2023-11-09", weapons=["drone"]),
          rep("u", None, weapons=["drone"]), rep("v", None, weapons=["drone"])]
    assert groups(rs) == [["a"], ["b"], ["u"], ["v"]]  # two undated: no evidence of one attack
    undated = [i for i in merge.merge(rs) if i["date"] is None]
    assert len(undated) == 2 and {i["date_precision"] for i in undated} == {"unknown"}


def test_undated_without_place_id_is_alone() -> None:
    rs = [rep("a", "2023-11-01"), rep("u", None, place_id=None), rep("v", None, place_id=None)]
    assert groups(rs) == [["a"], ["u"], ["v"]]


def test_reconcile_rules_and_disagreements() -> None:
    rs = [
        rep("a", "2023-11-02", outcome="hit", perpetrator="Iraqi resistance",
            perpetrator_basis="attributed", killed=1, weapons=["drone"]),
        rep("b", "2023-11-01", outcome="intercepted", perpetrator="Islamic Resistance in Iraq",
            perpetrator_basis="claimed", killed=3, weapons=["rocket"]),
        rep("c", "2023-11-02", outcome="hit", weapons=["drone"]),
    ]
    (inc,) = merge.merge(rs)
    assert inc["date"] == "2023-11-02"  # the most reported day
    assert inc["perpetrator"] == "Islamic Resistance in Iraq"
    assert inc["perpetrator_basis"] == "claimed"
    assert inc["weapons"] == ["drone", "rocket"]
    assert inc["outcome"] == "hit" and inc["killed"] == 3
    fields = {d["field"]: d["values"] for d in inc["disagreements"]}
    assert set(fields) >= {"date", "outcome", "killed", "perpetrator", "weapons"}
    assert {"value": "intercepted", "docs": ["b"]} in fields["outcome"]
    assert {"value": 1, "docs": ["a"]} in fields["killed"]


def test_date_ties_go_to_the_earliest_day() -> None:
    (inc,) = merge.merge([rep("a", "2023-11-02"), rep("b", "2023-11-01")])
    assert inc["date"] == "2023-11-01"


def test_ids_and_clusters_do_not_depend_on_order() -> None:
    rng = random.Random(3)
    rs = []
    for k in range(60):
        day = f"2023-11-{rng.randrange(1, 20):02d}"
        rs.append(rep(f"d{k % 25}", day, rng.choice([ASAD, ERBIL]), seq=k,
                      weapons=rng.choice([["drone"], ["rocket"], []])))
    rs.append(rep("u1", None))
    first = merge.merge(rs)
    for seed in range(3):
        shuffled = list(rs)
        random.Random(seed).shuffle(shuffled)
        assert merge.merge(shuffled) == first


def test_incident_id_is_the_seed_hash() -> None:
    a, b = rep("a", "2023-11-01"), rep("b", "2023-11-01", geo_precision="town")
    assert merge.incident_id([b, a]) == merge.incident_id([a, b])
    assert merge.incident_id([a, b]).startswith("i-")


def test_two_reports_that_give_no_day_are_not_merged() -> None:
    a = rep("a", "2024-01-03", date_precision="week")
    b = rep("b", "2024-01-05", date_precision="week")
    assert groups([a, b]) == [["a"], ["b"]]
    # a report that gives the day joins either
    assert groups([a, rep("c", "2024-01-02")]) == [["a", "c"]]
    # ... but two that tell of one base in the same week window (published the same day) are one
    assert groups([a, rep("d", "2024-01-03", date_precision="week")]) == [["a", "d"]]
    # ... and only at one place id, not merely nearby
    near = ("asad-town", "Al-Baghdadi", 33.85, 42.50)
    assert groups([a, rep("e", "2024-01-03", near, date_precision="week", geo_precision="town")]) == [
        ["a"], ["e"]]


def test_two_named_bases_a_few_km_apart_are_two_places() -> None:
    tanf = ("al-tanf", "Al-Tanf garrison", 33.506, 38.618)
    tower = ("tower-22", "Tower 22", 33.322, 38.682)
    assert groups([rep("a", "2024-01-28", tanf), rep("b", "2024-01-28", tower)]) == [["a"], ["b"]]
    # a town beside a base is still the base's place
    town = ("baghdadi", "Al-Baghdadi", 33.87, 42.55)
    assert groups([rep("a", "2024-01-28"), rep("b", "2024-01-28", town, geo_precision="town")]) == [
        ["a", "b"]]


def test_aircraft_is_no_evidence_for_an_undated_air_strike() -> None:
    dated = rep("a", "2023-11-12", event_type="air_strike", weapons=["aircraft"])
    undated = rep("b", None, event_type="air_strike", weapons=["aircraft"])
    assert groups([dated, undated]) == [["a"], ["b"]]
