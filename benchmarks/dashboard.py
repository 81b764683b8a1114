"""First paint of the dashboard with many incidents in the ledger, in headless Chromium.

    .venv/bin/python benchmarks/dashboard.py [--n 10000] [--db /tmp/sigact-bench.db]
                                             [--chromium /usr/bin/chromium] [--runs 3]

Fills a SQLite ledger with ``--n`` synthetic one-report incidents through the store's
API (``Ledger.ingest_document`` with ready-made extractions; a ledger at ``--db`` that
already holds them is reused), serves it with uvicorn on a free loopback port, loads the
page ``--runs`` times in a fresh browser context and prints, per run: first paint, first
contentful paint, the ``load`` event, and the moment the map, timeline and table hold the
data (``body[data-ready=1]``); then the server time of each API call the page makes.
Target: first paint < 1 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def fill_ledger(db: Path, n: int) -> None:
    from sigact.serve.samples import synthetic_items
    from sigact.store import Ledger

    with Ledger(str(db)) as ledger:
        have = ledger.stats()["incidents"]
        if have >= n:
            print(f"ledger {db}: {have} incidents (reused)")
            return
        t0 = time.perf_counter()
        for k, (doc, extraction) in enumerate(synthetic_items(n)):
            if k < have:
                continue
            ledger.ingest_document(doc, extraction)
            if (k + 1) % 1000 == 0:
                print(f"  ingested {k + 1}/{n} ({time.perf_counter() - t0:.0f} s)",
                      file=sys.stderr)
        print(f"ledger {db}: {ledger.stats()['incidents']} incidents, filled in "
              f"{time.perf_counter() - t0:.1f} s")


def start_server(db: Path) -> tuple[str, object]:
    import uvicorn

    from sigact.serve import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db), env={}), host="127.0.0.1",
                                       port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint')
      .map(e => [e.name, e.startTime]));
  return { fp: paint['first-paint'], fcp: paint['first-contentful-paint'],
           load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd,
           ready: Number(document.body.dataset.readyAt || 0),
           markersAt: (performance.getEntriesByName('sigact:markers')[0] || {}).startTime || 0,
           markers: Number(document.getElementById('map').dataset.markerCount) };
}"""


def measure(base: str, chromium: str, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        for _ in range(runs + 1):  # the first run warms the server and the disk cache
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.goto(f"{base}/", wait_until="load")
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            out.append(page.evaluate(TIMINGS))
            ctx.close()
        browser.close()
    return out[1:]


def api_times(base: str) -> dict[str, float]:
    times = {}
    with httpx.Client(base_url=base, timeout=60) as c:
        for path in ("/", "/api/incidents.geojson", "/api/timeline", "/api/facets",
                     "/api/incidents?sort=-date&limit=25&offset=0", "/api/tallies",
                     "/api/incidents.geojson?country=SY", "/api/export.csv"):
            t0 = time.perf_counter()
            r = c.get(path, headers={"Accept-Encoding": "gzip"})
            r.raise_for_status()
            times[path] = (time.perf_counter() - t0) * 1000
            times[path + " bytes"] = r.num_bytes_downloaded
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path,
                    default=Path(tempfile.gettempdir()) / "sigact-bench-dashboard.db")
    ap.add_argument("--chromium", default=os.environ.get("SIGACT_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    fill_ledger(args.db, args.n)
    base, srv = start_server(args.db)
    results = measure(base, args.chromium, args.runs)
    for k, r in enumerate(results, 1):
        print(f"run {k}: first paint {r['fp']:.0f} ms, first contentful paint {r['fcp']:.0f} ms, "
              f"load {r['load']:.0f} ms, markers drawn {r['markersAt']:.0f} ms, "
              f"map/timeline/table all filled {r['ready']:.0f} ms "
              f"({r['markers']} markers)")
    med = {k: statistics.median(r[k] for r in results)
           for k in ("fp", "fcp", "load", "markersAt", "ready")}
    print(f"median over {len(results)} runs with {results[0]['markers']} incidents: "
          f"first paint {med['fp']:.0f} ms, load {med['load']:.0f} ms, markers "
          f"{med['markersAt']:.0f} ms, all data {med['ready']:.0f} ms  (target: first paint < 1000 ms: "
          f"{'met' if med['fp'] < 1000 else 'MISSED'})")
    times = api_times(base)
    print("server time per call (unfiltered ones cached by the page loads above; the "
          "country=SY GeoJSON and the export are cold):")
    for path, ms in times.items():
        if not path.endswith(" bytes"):
            print(f"  GET {path}: {ms:.0f} ms, {times[path + ' bytes'] / 1024:.0f} KiB on the wire")
    srv.should_exit = True  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
