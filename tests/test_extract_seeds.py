"""The floor on the seed articles (a development set: the same code is measured on others)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "gold.jsonl").exists(), reason="no shared corpus")


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("seeds") / "out.jsonl"
    # the folder as a user would pass it: gold.jsonl inside is skipped with a reason
    proc = subprocess.run(
        [sys.executable, "-m", "sigact.cli", "extract", str(SEEDS), "--out", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert "5 documents read" in proc.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_seed_score_floor(extracted: list[dict]) -> None:
    score = _scorer()
    gold = score.load(SEEDS / "gold.jsonl")
    result = score.score(gold, extracted, per_doc=True)
    assert result["f1"] >= 0.85, result
    for name in ("weapons", "perpetrator", "outcome"):
        a = result["attributes"][name]
        assert a["judged"] and a["correct"] / a["judged"] >= 0.8, (name, a)


def test_undated_seed_has_no_invented_date(extracted: list[dict]) -> None:
    undated = [r for r in extracted if r["doc_id"].startswith("003_")]
    assert undated, "seed 003 reports an attack"
    assert all(r["date"] is None and r["date_precision"] == "unknown" for r in undated)


def test_every_record_has_evidence_and_scorer_fields(extracted: list[dict]) -> None:
    for r in extracted:
        assert r["docs"] == [r["doc_id"]]
        assert r["event_type"] in {"remote_attack", "air_strike", "armed_clash"}
        assert r["lat"] is not None and r["lon"] is not None
        assert r["evidence"] and all(e["text"] for e in r["evidence"])
