"""Extraction throughput: articles/s, words/s and peak RSS in one process.

Reads the bundled examples and (when present) the seed articles, repeats them to at
least --n articles, and extracts each in this process (no caching across documents:
each is a fresh Document). Prints the figures; the targets of issue #2 are >= 500
articles/s on one core and <= 300 MB RSS.

    python benchmarks/throughput.py [--n 2000]

The first line says whether the extraction modules run compiled (mypyc, the default
build) or as pure Python (``SIGACT_PURE_PYTHON=1``; see README "Quality and speed").
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace
from pathlib import Path

from sigact import _native
from sigact.extract import extract_document
from sigact.places import load_gazetteer
from sigact.read import read_paths

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    paths = [ROOT / "examples"]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.exists():
        paths += sorted(seeds.glob("*.txt"))
    base, _ = read_paths(paths)
    t0 = time.perf_counter()
    load_gazetteer()
    extract_document(base[0])  # codebook and matchers compiled once
    warm = time.perf_counter() - t0
    docs = [replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{i}") for i in range(args.n)]
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    reports = sum(len(extract_document(d).reports) for d in docs)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"extraction     {_native.STATUS}")
    print(f"documents      {len(docs)} ({len(base)} distinct)")
    print(f"start-up       {warm:.2f} s (gazetteer, codebook, first document)")
    print(f"articles/s     {len(docs) / dt:.0f}")
    print(f"words/s        {words / dt:.0f}")
    print(f"reports        {reports}")
    print(f"peak RSS       {rss:.0f} MB")


if __name__ == "__main__":
    main()
