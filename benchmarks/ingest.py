"""Benchmark: ingest + merge of generated documents into a fresh SQLite ledger.

usage: python benchmarks/ingest.py [--reports 20000] [--db PATH]

Reports come from ``tests/gen_docs.py`` (a perfect stand-in extractor), so this measures
the store and the merge, not extraction.  Prints reports/s and the elapsed time (wall
clock and this process's CPU time) when 2,000, 5,000, 10,000 and 20,000 reports are in;
10x the reports should take no more than ~12x the time.  The CPU-time ratio is the one to
read on a machine shared with other work: the 2,000-report mark comes after ~12 s, and a
burst of load from elsewhere moves the wall-clock ratio by +-2.
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
    ap.add_argument("--dense", action="store_true",
                    help="12 sites instead of 108: long chains of compatible reports at each base")
    a = ap.parse_args(argv)
    n_docs = int(a.reports / 1.1) + 200
    docs = generate(n_docs, seed=1, per_day=2.0, many_sites=not a.dense)
    small = a.reports // 10
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db or str(Path(tmp) / "bench.db")
        ledger = Ledger(db)
        n_reports, marks, cpu = 0, {}, {}
        t0, c0 = time.perf_counter(), time.process_time()
        for g in docs:
            ledger.ingest_document(g.doc, g.extraction)
            n_reports += len(g.reports)
            for mark in (small, a.reports // 4, a.reports // 2, a.reports):
                if n_reports >= mark and mark not in marks:
                    marks[mark] = time.perf_counter() - t0
                    cpu[mark] = time.process_time() - c0
                    print(f"{n_reports:>7} reports  {marks[mark]:8.2f} s  "
                          f"{n_reports / marks[mark]:7.0f} reports/s  "
                          f"(CPU {cpu[mark]:8.2f} s)", flush=True)
            if n_reports >= a.reports:
                break
        stats = ledger.stats()
        ledger.close()
    print(f"documents {stats['documents']}, reports {stats['reports']}, "
          f"incidents {stats['incidents']}")
    for name, t in (("wall", marks), ("CPU", cpu)):
        print(f"{name:4s} time({a.reports}) / time({small}) = {t[a.reports] / t[small]:.1f} "
              "(linear: 10, limit ~12)")


if __name__ == "__main__":
    main()
