"""Crash safety: `sigact ingest` killed with SIGKILL mid-run, then re-run, loses nothing
and duplicates nothing.  Also: SQLite and PostgreSQL give byte-identical exports."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gen_docs import PG_ENV, generate, pg_database, truth_extractor, write_jsonl
from sigact import merge
from sigact.models import Document
from sigact.read import iter_documents
from sigact.store import Ledger

TESTS = Path(__file__).resolve().parent
# `sigact ingest` with the generated reports standing in for the extractor (the test is
# about the store, not about extraction)
DRIVER = """
import sys
sys.path.insert(0, {tests!r})
from gen_docs import truth_extractor
import sigact.extract
sigact.extract.extract_document = truth_extractor({truth!r})
from sigact.cli import app
app(["ingest", {folder!r}, "--db", {db!r}])
"""


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_midway_then_rerun(tmp_path: Path) -> None:
    docs = generate(1100, seed=5)
    folder = tmp_path / "docs"
    write_jsonl(docs, folder)
    truth = tmp_path / "docs-truth.json"
    db = tmp_path / "ledger.db"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(tests=str(TESTS), truth=str(truth), folder=str(folder),
                                    db=str(db)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _count(db) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = _count(db)
    assert 300 <= killed_at < len(docs)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "unchanged" in done.stderr
    with sqlite3.connect(db) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM documents")]
        n_reports = c.execute("SELECT count(*) FROM reports").fetchone()[0]
        orphans = c.execute("SELECT count(*) FROM reports WHERE incident_id IS NULL "
                            "OR incident_id NOT IN (SELECT id FROM incidents)").fetchone()[0]
    readable = {d.id for d in iter_documents([folder]) if isinstance(d, Document)}
    assert len(readable) > 0.95 * len(docs)
    assert sorted(ids) == sorted(readable)  # every document exactly once
    docs = [g for g in docs if g.doc.id in readable]
    assert n_reports == sum(len(g.reports) for g in docs) and orphans == 0
    # no duplicate incident: the ledger equals a one-shot merge of every report
    with Ledger(str(db)) as ledger:
        lines = [json.loads(x) for x in ledger.export("jsonl").splitlines()]
    extract = truth_extractor(truth)
    batch = merge.merge([r for g in docs for r in extract(g.doc).reports])
    assert [x["id"] for x in lines] == [i["id"] for i in batch]
    assert [x["docs"] for x in lines] == [i["docs"] for i in batch]
    assert len({x["id"] for x in lines}) == len(lines)


@pytest.mark.postgres
def test_sqlite_and_postgres_exports_are_identical(tmp_path: Path) -> None:
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"{PG_ENV} is not set")
    docs = generate(200, seed=21)
    outs = []
    with pg_database(admin) as pg_url:
        for url in (str(tmp_path / "l.db"), pg_url):
            with Ledger(url) as ledger:
                for g in docs:
                    ledger.ingest_document(g.doc, g.extraction)
                outs.append({f: ledger.export(f) for f in ("jsonl", "csv", "geojson")}
                            | {"tallies": json.dumps(ledger.tallies()),
                               "page": json.dumps(ledger.incidents(sort="-n_reports"))})
    assert outs[0] == outs[1]
