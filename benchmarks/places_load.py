"""Print the gazetteer's load time, peak memory and mentions() speed (fresh process).

Usage: .venv/bin/python benchmarks/places_load.py [TEXT_FILES...]
Targets: load <= 0.5 s and <= 150 MB; mentions() <= 0.5 ms per KB.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path


def main() -> None:
    if sys.argv[1:2] == ["--tracemalloc"]:  # child process: peak Python allocations only
        tracemalloc.start()
        from sigact.places import load_gazetteer

        load_gazetteer()
        print(tracemalloc.get_traced_memory()[1])
        return
    peak = int(
        subprocess.run(
            [sys.executable, __file__, "--tracemalloc"], check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    from sigact.places import load_gazetteer

    gaz = load_gazetteer()
    load_s = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"places: {len(gaz.places)}")
    print(
        f"load: {load_s:.3f} s, tracemalloc peak {peak / 1e6:.1f} MB, "
        f"max RSS +{(rss1 - rss0) / 1024:.1f} MB"
    )
    paths = [Path(p) for p in sys.argv[1:]] or sorted(
        Path("/work/shared/corpus/seeds").glob("*.txt")
    )
    texts = [p.read_text(encoding="utf-8") for p in paths if p.exists()]
    if not texts:
        return
    for t in texts:
        gaz.mentions(t)
    rounds = 50
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            gaz.mentions(t)
    dt = time.perf_counter() - t0
    kb = rounds * sum(len(t) for t in texts) / 1000
    print(f"mentions: {dt * 1000 / kb:.3f} ms per KB over {len(texts)} texts")


if __name__ == "__main__":
    main()
