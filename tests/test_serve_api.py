"""The HTTP API of `sigact serve`, in process over a temporary SQLite ledger."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sigact.serve import create_app
from sigact.serve.samples import XSS_TITLE, fill, sample_items
from sigact.store import Ledger

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    db = tmp_path_factory.mktemp("serve") / "ledger.db"
    with Ledger(str(db)) as led:
        fill(led, sample_items())
        yield led


@pytest.fixture(scope="module")
def client(ledger: Ledger) -> Iterator[TestClient]:
    app = create_app(ledger=ledger, token=TOKEN, env={})
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def fresh(tmp_path) -> Iterator[TestClient]:
    """A client over an empty ledger of its own (for writes)."""
    with Ledger(str(tmp_path / "w.db")) as led, TestClient(
            create_app(ledger=led, token=TOKEN, env={}, max_body_bytes=10_000),
            raise_server_exceptions=False) as c:
        yield c


def assert_error(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def ids(resp) -> list[str]:
    return [r["id"] for r in resp.json()["items"]]


# --- incidents ---------------------------------------------------------------------------
def test_incidents_lists_all_with_total(client: TestClient) -> None:
    r = client.get("/api/incidents")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 5 and len(body["items"]) == 5
    assert body["limit"] == 50 and body["offset"] == 0
    dates = [i["date"] for i in body["items"]]
    assert dates == sorted(dates, reverse=True)  # default sort: newest first
    first = body["items"][0]
    for key in ("id", "event_type", "country", "place", "lat", "lon", "n_reports", "docs"):
        assert key in first


@pytest.mark.parametrize(("query", "places"), [
    ("country=SY", {"Al-Tanf garrison", "Conoco gas field"}),
    ("country=jo", {"Tower 22"}),
    ("event_type=air_strike", {"Conoco gas field"}),
    ("actor=kataib", {"Tower 22"}),
    ("basis=claimed", {"Ain al-Asad Air Base", "Conoco gas field"}),
    ("basis=unknown", {"Al-Tanf garrison", "Harir Air Base"}),
    ("place=asad", {"Ain al-Asad Air Base"}),
    ("date_from=2024-01-01", {"Ain al-Asad Air Base", "Tower 22"}),
    ("date_to=2023-11-30", {"Al-Tanf garrison", "Conoco gas field"}),
    ("date_from=2023-12-01&date_to=2024-01-10", {"Harir Air Base", "Ain al-Asad Air Base"}),
    ("country=IQ&basis=claimed", {"Ain al-Asad Air Base"}),
])
def test_incident_filters(client: TestClient, query: str, places: set[str]) -> None:
    r = client.get(f"/api/incidents?{query}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert {i["place"] for i in body["items"]} == places
    assert body["total"] == len(places)


def test_pagination_and_sort(client: TestClient) -> None:
    seen = []
    for offset in (0, 2, 4):
        r = client.get(f"/api/incidents?sort=date&limit=2&offset={offset}")
        assert r.json()["total"] == 5
        seen += ids(r)
    assert len(seen) == 5 and len(set(seen)) == 5
    everything = client.get("/api/incidents?sort=date").json()["items"]
    assert seen == [i["id"] for i in everything]
    assert client.get("/api/incidents?limit=2&offset=10").json()["items"] == []
    top = client.get("/api/incidents?sort=-n_reports&limit=1").json()["items"][0]
    assert top["n_reports"] == 2


def test_page_size_is_capped(ledger: Ledger) -> None:
    app = create_app(ledger=ledger, env={}, max_page_size=3)
    with TestClient(app) as c:
        body = c.get("/api/incidents?limit=100").json()
    assert body["limit"] == 3 and len(body["items"]) == 3


def test_incident_detail_has_reports_evidence_and_disagreement(client: TestClient) -> None:
    iid = ids(client.get("/api/incidents?place=asad"))[0]
    inc = client.get(f"/api/incidents/{iid}").json()
    assert inc["n_reports"] == 2
    assert {r["doc_id"] for r in inc["reports"]} == {"sample-asad-a", "sample-asad-b"}
    rep = next(r for r in inc["reports"] if r["doc_id"] == "sample-asad-a")
    assert rep["outlet"] == "Sample Wire" and rep["published"] == "2024-01-08"
    assert rep["title"] == "Drones reach western Iraq base"
    assert rep["url"] == "https://one.example/asad"
    assert rep["perpetrator_basis"] == "claimed"
    ev = rep["evidence"][0]
    marked = {ev["text"][m["start"]:m["end"]]: m["label"] for m in ev["marks"]}
    assert marked["drones"] == "weapon" and marked["Ain al-Asad Air Base"] == "place"
    (dis,) = inc["disagreements"]
    assert dis["field"] == "outcome"
    assert {v["value"] for v in dis["values"]} == {"hit", "intercepted"}


def test_unknown_incident_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/incidents/nope"), 404, "not-found")


# --- geojson, timeline, facets, tallies -----------------------------------------------------
def test_geojson_follows_filters(client: TestClient) -> None:
    geo = client.get("/api/incidents.geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["total"] == 5
    assert len(geo["features"]) == 5
    f = geo["features"][0]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    assert {"id", "event_type", "n_reports", "date"} <= set(f["properties"])
    sy = client.get("/api/incidents.geojson?country=SY").json()
    assert {x["properties"]["country"] for x in sy["features"]} == {"SY"}
    assert len(sy["features"]) == 2


def test_timeline_counts_per_day_and_country(client: TestClient) -> None:
    t = client.get("/api/timeline").json()
    assert t["total"] == 5 and t["undated"] == 0
    assert sum(d["count"] for d in t["days"]) == 5
    assert {"date": "2024-01-28", "country": "JO", "count": 1} in t["days"]
    iq = client.get("/api/timeline?country=IQ").json()
    assert {d["country"] for d in iq["days"]} == {"IQ"}


def test_facets(client: TestClient) -> None:
    f = client.get("/api/facets").json()
    assert {x["value"]: x["count"] for x in f["country"]} == {"IQ": 2, "SY": 2, "JO": 1}
    assert f["date_min"] == "2023-11-09" and f["date_max"] == "2024-01-28"


def test_tallies_put_ledger_count_beside_stated(client: TestClient) -> None:
    t = client.get("/api/tallies").json()
    assert t["ledger_total"] == 5
    (tally,) = t["items"]
    assert tally["total"] == 46 and tally["as_of"] == "2023-11-09"
    assert isinstance(tally["ledger_count"], int)
    assert "46 times" in tally["evidence"][0]["text"]


# --- documents -----------------------------------------------------------------------------
def test_documents_list_and_detail(client: TestClient) -> None:
    body = client.get("/api/documents?limit=4").json()
    assert body["total"] == 6 and len(body["items"]) == 4
    assert all("text" not in d for d in body["items"])
    doc = client.get("/api/documents/sample-strike").json()
    assert "Conoco" in doc["text"]
    assert len(doc["reports"]) == 1 and len(doc["tallies"]) == 1
    assert_error(client.get("/api/documents/missing"), 404, "not-found")


def test_untrusted_fields_come_back_verbatim_as_json(client: TestClient) -> None:
    doc = client.get("/api/documents/sample-xss").json()
    assert doc["title"] == XSS_TITLE
    assert client.get("/api/documents/sample-xss").headers["content-type"].startswith(
        "application/json")


# --- exports -------------------------------------------------------------------------------
def test_export_jsonl(client: TestClient) -> None:
    r = client.get("/api/export.jsonl?country=IQ")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in r.text.splitlines() if line]
    assert {x["country"] for x in rows} == {"IQ"} and len(rows) == 2


def test_export_jsonl_basis_filter(client: TestClient) -> None:
    rows = [json.loads(x) for x in client.get("/api/export.jsonl?basis=attributed").text
            .splitlines() if x]
    assert [x["place"] for x in rows] == ["Tower 22"]


def test_export_csv(client: TestClient) -> None:
    r = client.get("/api/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) == 1 + 5
    only = list(csv.reader(io.StringIO(client.get("/api/export.csv?basis=attributed").text)))
    assert len(only) == 2 and only[0] == rows[0]


# --- malformed requests --------------------------------------------------------------------
@pytest.mark.parametrize("query", [
    "date_from=yesterday", "country=Iraq", "event_type=bombing", "basis=rumour",
    "limit=0", "limit=abc", "offset=-1",
])
def test_bad_query_is_422_in_the_error_shape(client: TestClient, query: str) -> None:
    assert_error(client.get(f"/api/incidents?{query}"), 422, "invalid-request")


def test_bad_sort_and_inverted_dates_are_400(client: TestClient) -> None:
    assert_error(client.get("/api/incidents?sort=colour"), 400, "bad-sort")
    assert_error(client.get("/api/incidents?date_from=2024-02-01&date_to=2024-01-01"), 400,
                 "bad-filter")


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.delete("/api/incidents"), 405)


# --- writes: the token ---------------------------------------------------------------------
DOC = {"id": "http-doc-1", "text": "Drones were seen over a base; nothing else is known.",
       "url": "https://five.example/x", "title": "A note", "published": "2024-01-02",
       "outlet": "Sample Wire"}


def test_post_without_configured_token_is_403(ledger: Ledger) -> None:
    with TestClient(create_app(ledger=ledger, env={})) as c:
        assert_error(c.post("/api/documents", json=DOC, headers=AUTH), 403, "writes-disabled")


def test_post_needs_the_right_token(fresh: TestClient) -> None:
    e = assert_error(fresh.post("/api/documents", json=DOC), 401, "unauthorized")
    assert "missing" in e["message"]
    r = fresh.post("/api/documents", json=DOC, headers={"Authorization": "Bearer wrong"})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert_error(fresh.post("/api/documents", json=DOC,
                            headers={"Authorization": f"Basic {TOKEN}"}), 401)
    r = fresh.post("/api/documents", json=DOC, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["id"] == "http-doc-1" and r.json()["status"] == "added"
    doc = fresh.get("/api/documents/http-doc-1").json()
    assert doc["outlet"] == "Sample Wire" and doc["published"] == "2024-01-02"
    again = fresh.post("/api/documents", json=DOC, headers=AUTH).json()
    assert again["status"] == "unchanged"


@pytest.mark.parametrize("body", [
    {"text": "no id"},
    {"id": "x"},
    {"id": "x", "text": "   "},
    {"id": "../etc", "text": "bad id"},
    {"id": "x", "text": "t", "url": "javascript:alert(1)"},
    {"id": "x", "text": "t", "published": "last week"},
    {"id": "x", "text": "t", "colour": "red"},
    [1, 2, 3],
])
def test_post_invalid_body_is_422(fresh: TestClient, body: object) -> None:
    assert_error(fresh.post("/api/documents", json=body, headers=AUTH), 422, "invalid-request")


def test_post_malformed_json_is_400(fresh: TestClient) -> None:
    r = fresh.post("/api/documents", content=b'{"id": "x", "text": ',
                   headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 400, "malformed-json")


def test_post_too_large_is_413(fresh: TestClient) -> None:
    big = {**DOC, "text": "word " * 5000}  # > 10 000 bytes, this client's limit
    assert_error(fresh.post("/api/documents", json=big, headers=AUTH), 413, "payload-too-large")


def test_chunked_body_over_the_limit_is_413(fresh: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "big", "text": "'
        for _ in range(50):
            yield b"x" * 1000
        yield b'"}'

    r = fresh.post("/api/documents", content=chunks(),
                   headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 413, "payload-too-large")


def test_read_token_required_closes_reads(ledger: Ledger) -> None:
    app = create_app(ledger=ledger, token=TOKEN, read_token_required=True, env={})
    with TestClient(app) as c:
        assert_error(c.get("/api/incidents"), 401)
        assert_error(c.get("/api/incidents", headers={"Authorization": "Bearer no"}), 401)
        assert c.get("/api/incidents", headers=AUTH).status_code == 200
        assert c.get("/openapi.json").status_code == 200


def test_settings_come_from_the_environment(ledger: Ledger) -> None:
    app = create_app(ledger=ledger, env={"SIGACT_TOKEN": "from-env", "SIGACT_PAGE_SIZE": "2"})
    with TestClient(app) as c:
        assert len(c.get("/api/incidents").json()["items"]) == 2
        r = c.post("/api/documents", json=DOC, headers={"Authorization": "Bearer from-env"})
        assert r.status_code != 401 and r.status_code != 403


# --- the page and its headers --------------------------------------------------------------
def test_dashboard_page_and_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    html = r.text
    assert "<script>" not in html.replace("<script defer", "").replace("<script type", "")
    assert "https://" not in html and "http://" not in html  # nothing from a CDN
    for asset in ("/static/dashboard.js", "/static/js/map.js", "/static/vendor/leaflet/leaflet.js",
                  "/static/vendor/leaflet/leaflet.css", "/static/vendor/countries-me.geojson"):
        a = client.get(asset)
        assert a.status_code == 200, asset
        assert a.headers["x-content-type-options"] == "nosniff"


def test_tile_url_goes_to_config_and_csp(ledger: Ledger) -> None:
    app = create_app(ledger=ledger, env={"SIGACT_TILE_URL": "https://tiles.example/{z}/{x}/{y}.png"})
    with TestClient(app) as c:
        r = c.get("/")
    assert "https://tiles.example" in r.headers["content-security-policy"]
    assert "tiles.example" in r.text  # in the data-config attribute, HTML-escaped JSON
    assert "&#34;" in r.text or "&quot;" in r.text


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/incidents", "/api/incidents/{incident_id}", "/api/incidents.geojson",
              "/api/documents", "/api/documents/{doc_id}", "/api/tallies", "/api/timeline",
              "/api/facets", "/api/export.csv", "/api/export.jsonl"):
        assert p in paths, p
        assert paths[p]["get"].get("summary"), p
    assert "post" in paths["/api/documents"]
    err = paths["/api/incidents"]["get"]["responses"]["422"]["content"]["application/json"]
    assert err["schema"]["$ref"].endswith("/ErrorBody")


# --- the command -----------------------------------------------------------------------------
def test_cli_serve_builds_the_app_and_runs_uvicorn(tmp_path, monkeypatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from sigact.cli import app as cli

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: seen.update(app=web, **kw))
    monkeypatch.delenv("SIGACT_TOKEN", raising=False)
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8123",
                                      "--token", "t0k"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    with TestClient(seen["app"]) as c:
        assert c.get("/api/incidents").json()["total"] == 0
        r = c.post("/api/documents", json={"id": "x", "text": "t"},
                   headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401


def test_cli_serve_help_documents_every_setting() -> None:
    from typer.testing import CliRunner

    from sigact.cli import app as cli
    from sigact.serve.settings import SETTINGS

    out = CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"}).output
    for s in SETTINGS:
        if s.name in ("default_page_size", "max_page_size", "tile_attribution"):
            continue  # environment only
        assert s.env in out, s.name


def test_every_endpoint_and_setting_is_documented(client: TestClient) -> None:
    from pathlib import Path

    import sigact.serve
    from sigact.serve.settings import SETTINGS

    readme = (Path(sigact.serve.__file__).parent / "README.md").read_text()
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        for method in ops:
            assert f"| {method.upper()} | `{path}` |" in readme, (method, path)
    for s in SETTINGS:
        assert f"| `{s.name}` | `{s.env}` |" in readme, s.name


def test_closed_reads_without_a_token_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(ledger=ledger, read_token_required=True, env={})
