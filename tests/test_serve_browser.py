"""The dashboard in real headless Chromium (Playwright), against `sigact serve` on a free
loopback port. Skipped unless SIGACT_CHROMIUM names a Chromium executable."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = os.environ.get("SIGACT_CHROMIUM", "")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM and os.access(CHROMIUM, os.X_OK)),
                       reason="set SIGACT_CHROMIUM to a Chromium executable"),
]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-token"
PAYLOAD_TITLE = "<script>alert(1)</script><img src=x onerror=alert(1)> headline"
PAYLOAD_TEXT = ("Drones hit Ain al-Asad air base on Monday <img src=x onerror=alert(1)>. "
                "<script>alert(1)</script>")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sigact.serve import create_app
    from sigact.serve.samples import fill, sample_items
    from sigact.store import Ledger

    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    with Ledger(str(db)) as led:
        fill(led, sample_items())
    app = create_app(str(db), token=TOKEN, env={})
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    r = httpx.post(f"{base}/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"id": "payload-doc", "title": PAYLOAD_TITLE, "text": PAYLOAD_TEXT,
                         "outlet": "<b onmouseover=alert(1)>x</b>", "published": "2024-01-09",
                         "url": "https://payload.example/a"})
    assert r.status_code == 201, r.text
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def page(server: str) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1200})
        pg.dialogs, pg.errors = [], []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        yield pg
        browser.close()


def wait_ready(pg) -> None:
    pg.wait_for_selector("body[data-ready='1']", timeout=15_000)


def counts(pg) -> dict:
    return pg.evaluate("""() => ({
        markers: document.querySelectorAll('#map path.incident-marker').length,
        markerAttr: Number(document.getElementById('map').dataset.markerCount),
        rows: [...document.querySelectorAll('#table tbody tr[data-id]')].map(
            tr => tr.cells[1].textContent),
        bars: [...new Set([...document.querySelectorAll('#timeline rect.bar')].map(
            r => r.getAttribute('class').split(' ')[1]))].sort(),
    })""")


def test_dashboard_map_filters_panel_and_no_script_runs(server: str, page, tmp_path: Path) -> None:
    total = httpx.get(f"{server}/api/incidents").json()["total"]
    assert total >= 5
    page.goto(f"{server}/")
    wait_ready(page)

    before = counts(page)
    assert before["markers"] == total == before["markerAttr"]  # one marker per incident
    assert len(before["rows"]) == total
    assert {"bar-IQ", "bar-SY", "bar-JO"} <= set(before["bars"])
    assert page.locator("#tallies circle.dot-stated").count() == 1
    assert page.locator(".leaflet-overlay-pane path, .leaflet-outlines-pane path").count() > 3

    page.select_option("select[name=country]", "SY")
    page.wait_for_selector("#map[data-marker-count='2']")
    wait_ready(page)
    after = counts(page)
    assert after["markers"] == 2
    assert set(after["rows"]) == {"SY"} and len(after["rows"]) == 2
    assert after["bars"] == ["bar-SY"]
    assert "country=SY" in page.url

    page.click("#table tbody tr[data-id] >> nth=0")
    page.wait_for_selector("#panel .report .evidence mark")
    assert page.locator("#panel .report .outlet").count() >= 1
    assert page.locator("#panel .basis").count() >= 1

    page.select_option("select[name=country]", "")
    page.wait_for_selector(f"#map[data-marker-count='{total}']")
    wait_ready(page)
    # the incident whose document carries payloads in title, outlet, URL and evidence
    page.click("#table tbody tr:has-text('Harir Air Base')")
    page.wait_for_selector("#panel .report .evidence")
    panel = page.locator("#panel")
    assert "<script>alert(1)</script>" in panel.inner_text()  # shown as text, not run
    assert page.locator("#panel a[href^='javascript']").count() == 0
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000

    # the document posted over HTTP with payloads: its reports' panel shows them as text
    payload = httpx.get(f"{server}/api/documents/payload-doc").json()
    posted = sorted({r["incident_id"] for r in payload["reports"] if r.get("incident_id")})
    for iid in posted:
        page.click(f"#table tbody tr[data-id='{iid}']")
        page.wait_for_selector(f"#panel[data-incident='{iid}'] .report[data-doc='payload-doc']")
        text = page.locator("#panel").inner_text()
        assert "<script>alert(1)</script><img src=x onerror=alert(1)> headline" in text

    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], img[src$=\"/x\"]').length") == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.errors == []


def test_incident_panel_from_a_marker(server: str, page) -> None:
    page.goto(f"{server}/?country=JO")
    wait_ready(page)
    page.locator("#map path.incident-marker").first.click(force=True)
    page.wait_for_selector("#panel .report")
    assert "Tower 22" in page.locator("#panel").inner_text()
    assert page.dialogs == [] and page.errors == []
