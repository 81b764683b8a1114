"""The ledger commands through Typer's runner: ingest, incidents, export, tallies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gen_docs import generate, truth_extractor, write_jsonl

cli = pytest.importorskip("sigact.cli")


@pytest.fixture()
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    docs = generate(40, seed=3)
    write_jsonl(docs, tmp_path / "docs")
    monkeypatch.setattr("sigact.extract.extract_document",
                        truth_extractor(tmp_path / "docs-truth.json"))
    db = str(tmp_path / "cli.db")
    res = CliRunner().invoke(cli.app, ["ingest", str(tmp_path / "docs"), "--db", db])
    assert res.exit_code == 0, res.output
    assert "documents read: 40" in res.output
    return db


def test_ingest_is_idempotent_from_the_cli(filled: str, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli.app, ["ingest", str(tmp_path / "docs"), "--db", filled])
    assert res.exit_code == 0 and "unchanged 40" in res.output


def test_export_incidents_tallies(filled: str, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli.app, ["export", "--format", "jsonl", "--db", filled])
    assert res.exit_code == 0
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert lines and all("evidence" in x for x in lines)
    out = tmp_path / "x.geojson"
    res = runner.invoke(cli.app, ["export", "-f", "geojson", "--out", str(out), "--db", filled])
    assert res.exit_code == 0 and json.loads(out.read_text())["type"] == "FeatureCollection"
    res = runner.invoke(cli.app, ["incidents", "--db", filled, "--country", "IQ",
                                  "--limit", "5"])
    assert res.exit_code == 0 and "incidents" in res.output
    res = runner.invoke(cli.app, ["tallies", "--db", filled, "--json"])
    assert res.exit_code == 0


def test_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli.app, ["export", "--format", "xml", "--db", str(tmp_path / "e.db")])
    assert res.exit_code == 1 and "unknown export format" in res.output
    res = runner.invoke(cli.app, ["incidents", "--db", "postgresql+psycopg://x@127.0.0.1:1/y"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    res = runner.invoke(cli.app, ["ingest", str(tmp_path / "missing"), "--db",
                                  str(tmp_path / "e.db")])
    assert res.exit_code == 2
