"""Reader speed: plain-text documents per second (header date, outlet, language check).

    python benchmarks/read.py [--n 2000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sigact.read import read_text_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    start = time.perf_counter()
    for i in range(args.n):
        read_text_document(texts[i % len(texts)], f"d{i}")
    dt = time.perf_counter() - start
    print(f"documents      {args.n} ({len(texts)} distinct)")
    print(f"documents/s    {args.n / dt:.0f}")


if __name__ == "__main__":
    main()
