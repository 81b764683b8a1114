"""The ledger store: idempotence, order independence, replacement, exports, tallies.

Every test runs on SQLite; those taking the ``ledger_url`` fixture also run on
PostgreSQL when ``SIGACT_TEST_PG_URL`` is set (marked ``postgres``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace

import pytest

from gen_docs import PG_ENV, generate, pg_database
from sigact import merge
from sigact.models import Document, Evidence, Report, Tally
from sigact.store import IncidentFilter, Ledger, NotFound, UnknownFormat
from sigact.store.exports import ACLED_COLUMNS

DOCS = generate(160, seed=11)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"{PG_ENV} is not set")
    with pg_database(admin) as url:
        yield url


def ingest_all(url: str, docs=DOCS, order_seed: int | None = None) -> Ledger:
    ledger = Ledger(url)
    docs = list(docs)
    if order_seed is not None:
        random.Random(order_seed).shuffle(docs)
    for g in docs:
        ledger.ingest_document(g.doc, g.extraction)
    return ledger


def all_exports(ledger: Ledger) -> dict[str, str]:
    return {fmt: ledger.export(fmt) for fmt in ("jsonl", "csv", "geojson")}


def extraction(reports=(), tallies=()) -> SimpleNamespace:
    return SimpleNamespace(reports=list(reports), tallies=list(tallies), rejections=[])


def report(doc: str, day: str, seq: int = 0, **kw) -> Report:
    base = dict(doc_id=doc, event_type="remote_attack", date=day, date_precision="day",
                country="IQ", place="Ain al-Asad Air Base", lat=33.8, lon=42.441,
                geo_precision="site", place_id="asad", seq=seq,
                evidence=[Evidence(doc, 0, 12, "Base attacked", ["place"])])
    base.update(kw)
    return Report(**base)


def test_ingest_twice_changes_nothing(ledger_url: str) -> None:
    ledger = ingest_all(ledger_url)
    before = all_exports(ledger)
    stats = ledger.stats()
    results = [ledger.ingest_document(g.doc, g.extraction) for g in DOCS]
    assert {r.status for r in results} == {"unchanged"}
    assert all_exports(ledger) == before and ledger.stats() == stats
    ledger.close()


def test_three_shuffled_orders_give_identical_exports(ledger_url: str, tmp_path) -> None:
    urls = [ledger_url] + [str(tmp_path / f"order{k}.db") for k in (1, 2)]
    exports = []
    for k, url in enumerate(urls):
        with ingest_all(url, order_seed=k) as ledger:
            exports.append(all_exports(ledger))
    assert exports[0] == exports[1] == exports[2]
    # and the incremental ledger equals a one-shot merge of every report
    batch = merge.merge([r for g in DOCS for r in g.reports])
    lines = [json.loads(x) for x in exports[0]["jsonl"].splitlines()]
    assert [x["id"] for x in lines] == [i["id"] for i in batch]
    assert [x["docs"] for x in lines] == [i["docs"] for i in batch]


def test_updated_document_replaces_its_reports(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        d1 = Document("d1", "first text", url="https://x/1", published=date(2023, 11, 2))
        ledger.ingest_document(d1, extraction([report("d1", "2023-11-01")]))
        ledger.ingest_document(Document("d2", "other"), extraction([report("d2", "2023-11-01")]))
        assert ledger.stats()["incidents"] == 1
        # same id, new text: old report gone, new one merged
        d1b = Document("d1", "corrected text", url="https://x/1", published=date(2023, 11, 3))
        res = ledger.ingest_document(d1b, extraction([report("d1", "2023-11-20")]))
        assert res.status == "replaced" and res.replaced == ["d1"]
        assert ledger.stats() == {"documents": 2, "reports": 2, "incidents": 2, "tallies": 0}
        rows, _ = ledger.incidents()
        assert sorted(r["docs"] for r in rows) == [["d1"], ["d2"]]
        # same URL under another id: the old version goes
        d3 = Document("d1-v3", "third text", url="https://x/1", published=date(2023, 11, 4))
        res = ledger.ingest_document(d3, extraction([report("d1-v3", "2023-11-01")]))
        assert res.status == "replaced" and res.replaced == ["d1"]
        rows, total = ledger.incidents()
        assert total == 1 and rows[0]["docs"] == ["d1-v3", "d2"]
        # an older version of that URL is skipped
        old = Document("d1-v0", "zeroth", url="https://x/1", published=date(2023, 11, 1))
        assert ledger.ingest_document(old, extraction()).status == "older"
        ledger.delete_document("d2")
        assert ledger.incidents()[0][0]["docs"] == ["d1-v3"]
        with pytest.raises(NotFound):
            ledger.delete_document("d2")


def test_disagreements_are_kept(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.ingest_document(Document("a", "a"), extraction(
            [report("a", "2023-11-01", outcome="hit", killed=2)]))
        ledger.ingest_document(Document("b", "b"), extraction(
            [report("b", "2023-11-01", outcome="intercepted")]))
        (row,), _ = ledger.incidents()
        assert row["outcome"] == "hit" and row["killed"] == 2 and row["n_docs"] == 2
        outcome = next(d for d in row["disagreements"] if d["field"] == "outcome")
        assert outcome["values"] == [{"value": "hit", "docs": ["a"]},
                                     {"value": "intercepted", "docs": ["b"]}]
        detail = ledger.incident(row["id"])
        assert [r["doc_id"] for r in detail["reports"]] == ["a", "b"]
        assert detail["reports"][0]["evidence"][0]["text"] == "Base attacked"
        assert [d["id"] for d in detail["documents"]] == ["a", "b"]
        assert ledger.incidents(IncidentFilter(disputed=True))[1] == 1


def test_same_document_twice_same_day_stays_two(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.ingest_document(Document("a", "a"), extraction(
            [report("a", "2023-11-01", 0), report("a", "2023-11-01", 1, weapons=["rocket"])]))
        ledger.ingest_document(Document("b", "b"), extraction(
            [report("b", "2023-11-01", weapons=["rocket"])]))
        rows, total = ledger.incidents()
        assert total == 2
        assert sorted(r["docs"] for r in rows) == [["a"], ["a", "b"]]


def test_queries_filters_and_errors(ledger_url: str) -> None:
    with ingest_all(ledger_url) as ledger:
        rows, total = ledger.incidents(limit=5)
        assert len(rows) == 5 and total == ledger.stats()["incidents"]
        page2, _ = ledger.incidents(limit=5, offset=5)
        assert not {r["id"] for r in rows} & {r["id"] for r in page2}
        iq, n_iq = ledger.incidents(IncidentFilter(country="iq"), limit=None)
        assert n_iq == len(iq) and all(r["country"] == "IQ" for r in iq)
        win, _ = ledger.incidents(IncidentFilter(date_from="2023-11-01", date_to="2023-11-30"),
                                  limit=None)
        assert all("2023-11-01" <= r["date"] <= "2023-11-30" for r in win)
        tanf, _ = ledger.incidents(IncidentFilter(place="tanf"), limit=None)
        assert tanf and all("Tanf" in r["place"] for r in tanf)
        drones, _ = ledger.incidents(IncidentFilter(weapon="drone"), limit=None)
        assert drones and all("drone" in r["weapons"] for r in drones)
        kh, _ = ledger.incidents(IncidentFilter(actor="kataib"), limit=None)
        assert kh and all("Kataib" in (r["perpetrator"] or "") for r in kh)
        by_n, _ = ledger.incidents(sort="-n_reports", limit=3)
        assert by_n[0]["n_reports"] >= by_n[-1]["n_reports"]
        doc_id = DOCS[0].doc.id
        mine, _ = ledger.incidents(IncidentFilter(doc_id=doc_id), limit=None)
        assert mine and all(doc_id in r["docs"] for r in mine)
        docs, n_docs = ledger.documents(limit=10)
        assert n_docs == len(DOCS) and "text" not in docs[0]
        one = ledger.document(doc_id)
        assert one["text"] == DOCS[0].doc.text and one["reports"]
        with pytest.raises(NotFound):
            ledger.incident("i-nope")
        with pytest.raises(NotFound):
            ledger.document("nope")
        with pytest.raises(UnknownFormat):
            ledger.incidents(sort="bogus")
        with pytest.raises(UnknownFormat):
            ledger.export("xml")
        with pytest.raises(UnknownFormat):
            ledger.incidents(IncidentFilter(date_from="yesterday"))


def test_acled_csv_columns(tmp_path) -> None:
    with ingest_all(str(tmp_path / "l.db")) as ledger:
        text = ledger.export("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert {r["event_type"] for r in rows} == {"Explosions/Remote violence"}
    assert {r["sub_event_type"] for r in rows} <= {"Shelling/artillery/missile attack",
                                                    "Air/drone strike"}
    drone_only = [r for r in rows if "(drone)" in r["notes"]]
    assert drone_only and all(r["sub_event_type"] == "Air/drone strike" for r in drone_only)
    assert {r["country"] for r in rows} <= {"Iraq", "Syria", "Jordan"}
    assert {r["time_precision"] for r in rows} <= {"1", "2", "3"}
    assert {r["geo_precision"] for r in rows} <= {"1", "2", "3"}
    assert all(r["event_id_cnty"][:3] in ("IRQ", "SYR", "JOR") for r in rows)
    dated = [r for r in rows if r["event_date"]]
    assert all(r["year"] == r["event_date"][:4] for r in dated)


def test_geojson_is_valid(tmp_path) -> None:
    with ingest_all(str(tmp_path / "l.db")) as ledger:
        fc = json.loads(ledger.export("geojson"))
        n = ledger.stats()["incidents"]
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n
    for f in fc["features"]:
        assert f["type"] == "Feature"
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all("text" not in e for e in f["properties"]["evidence"])


def test_jsonl_has_the_scorer_schema(tmp_path) -> None:
    with ingest_all(str(tmp_path / "l.db")) as ledger:
        lines = [json.loads(x) for x in ledger.export("jsonl").splitlines()]
    need = {"id", "docs", "date", "date_precision", "country", "place", "lat", "lon",
            "geo_precision", "event_type", "weapons", "perpetrator", "perpetrator_basis",
            "target", "outcome", "killed", "injured", "n_reports", "disagreements",
            "evidence"}
    assert all(need <= set(x) for x in lines)
    assert all(x["evidence"] and x["evidence"][0]["text"] for x in lines)


def test_tallies_next_to_ledger_counts(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        reps = [report("a", "2023-10-20", 0),
                report("a", "2023-11-05", 1, country="SY", place="Al-Tanf", place_id="tanf",
                       lat=33.5, lon=38.62),
                report("a", "2023-12-20", 2)]  # after as_of: not counted
        tally = Tally("t", "2023-12-13", 97, {"IQ": 45, "SY": 52}, since="2023-10-17",
                      source="US military official")
        ledger.ingest_document(Document("a", "a"), extraction(reps))
        ledger.ingest_document(Document("t", "t"), extraction(tallies=[tally]))
        (row,) = ledger.tallies()
        assert row["total"] == 97 and row["by_country"] == {"IQ": 45, "SY": 52}
        assert row["ledger_count"] == 2
        assert row["ledger_by_country"] == {"IQ": 1, "SY": 1}
        assert row["window_since"] == "2023-10-17"
        assert ledger.document("t")["tallies"][0]["total"] == 97


def test_seed_tally_from_the_extractor(tmp_path) -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared/corpus/seeds"
    if not seed.is_dir():
        pytest.skip("seed corpus not available")
    extract = pytest.importorskip("sigact.extract")
    with Ledger(str(tmp_path / "seed.db")) as ledger:
        summary = ledger.ingest_paths([seed / "004_9c29c5294ed78940.txt"],
                                      extractor=extract.extract_document)
        assert summary.read == 1
        rows = ledger.tallies()
        if not rows:
            pytest.skip("the extractor does not emit the seed tally yet")
        seed_rows = [r for r in rows if r["by_country"] == {"IQ": 45, "SY": 52}]
        if not seed_rows:
            pytest.skip("the extractor does not emit the 45 IQ + 52 SY breakdown yet")
        row = seed_rows[0]
        assert row["total"] == 97 and row["as_of"] == "2023-12-13"
        assert set(row["ledger_by_country"]) == {"IQ", "SY"}
        assert row["ledger_count"] == sum(row["ledger_by_country"].values())


def test_bad_database_url_is_one_clear_error(tmp_path) -> None:
    from sigact.store import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable):
        Ledger("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable):
        Ledger("notadialect://x")


def test_default_path_and_env(tmp_path, monkeypatch) -> None:
    from sigact.store import resolve_url

    monkeypatch.setenv("SIGACT_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("SIGACT_DB")
    assert resolve_url().endswith("/sigact/ledger.db")


def test_migrations_build_the_declared_schema(ledger_url: str) -> None:
    """Alembic's revisions, run at open, give exactly the tables, columns and indexes that
    ``sigact.store.schema`` declares (a schema change without a revision fails here)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from sigact.store.schema import metadata

    ledger = Ledger(ledger_url)
    try:
        with ledger._engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": False})
            diffs = [d for d in compare_metadata(ctx, metadata)
                     if not (isinstance(d, tuple) and d[0] == "remove_table"
                             and d[1].name == "alembic_version")]
            assert diffs == []
            assert ctx.get_current_revision() == "0002"
    finally:
        ledger.close()
