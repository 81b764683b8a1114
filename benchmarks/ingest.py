"""Benchmark: ingest + merge of generated documents into a fresh SQLite ledger.

usage: python benchmarks/ingest.py [--reports 20000] [--db PATH]

Reports come from ``tests/gen_docs.py`` (a perfect stand-in extractor), so this measures
the store and the merge, not extraction.  Prints reports/s and the elapsed time when 2,000
and 20,000 reports are in; 10x the reports should take no more than ~12x the time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from gen_docs import generate
from sigact.store import Ledger


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--db", help="SQLite file (default: a temporary one)")
    a = ap.parse_args(argv)
    n_docs = int(a.reports / 1.1) + 200
    docs = generate(n_docs, seed=1, per_day=2.0, many_sites=True)
    small = a.reports // 10
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db or str(Path(tmp) / "bench.db")
        ledger = Ledger(db)
        n_reports, marks = 0, {}
        t0 = time.perf_counter()
        for g in docs:
            ledger.ingest_document(g.doc, g.extraction)
            n_reports += len(g.reports)
            for mark in (small, a.reports):
                if n_reports >= mark and mark not in marks:
                    marks[mark] = time.perf_counter() - t0
                    print(f"{n_reports:>7} reports  {marks[mark]:8.2f} s  "
                          f"{n_reports / marks[mark]:7.0f} reports/s", flush=True)
            if n_reports >= a.reports:
                break
        stats = ledger.stats()
        ledger.close()
    ratio = marks[a.reports] / marks[small]
    print(f"documents {stats['documents']}, reports {stats['reports']}, "
          f"incidents {stats['incidents']}")
    print(f"time({a.reports}) / time({small}) = {ratio:.1f} (linear: 10, limit ~12)")


if __name__ == "__main__":
    main()
