"""`sigact extract` end to end: formats, bad input, exit codes, Dask."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sigact.run import extract_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def sigact(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sigact.cli", *args], capture_output=True,
                          text=True)


def test_bundled_examples(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = sigact("extract", str(EXAMPLES), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    docs = {r["doc_id"] for r in rows}
    # every format gave incidents; the threats-only report gave none
    assert {"ain-al-asad-missiles", "wire-brief", "undated-roundup", "ex-tower22"} <= docs
    assert "ex-threats-only" not in docs
    assert all(r["date"] is None for r in rows if r["doc_id"] == "undated-roundup")


def test_bad_inputs_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 ".encode("latin-1") * 3 + b"\xff\xfe\x00")
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "x"\nnot json\n')
    (tmp_path / "arabic.txt").write_text("استهدفت طائرة مسيرة قاعدة عين الأسد " * 20)
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed")
    (tmp_path / "good.txt").write_text(
        "January 9, 2024\n\nA drone attack targeted the Al-Tanf garrison on Monday, "
        "officials said, without reporting any casualties among the troops there.")
    out = tmp_path / "out.jsonl"
    proc = sigact("extract", str(tmp_path), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "1 documents read" in proc.stderr
    for reason in ("empty", "binary", "malformed-json", "not-english"):
        assert reason in proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["place_id"], r["date"]) for r in rows] == [("al-tanf", "2024-01-08")]


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    proc = sigact("extract", str(tmp_path))
    assert proc.returncode == 1
    assert "0 documents read" in proc.stderr


def test_dask_gives_the_same_result_as_one_process() -> None:
    pytest.importorskip("dask.bag")
    one = extract_paths([EXAMPLES])
    many = extract_paths([EXAMPLES], workers=2, partition_size=2)
    assert [[r.to_dict() for r in e.reports] for e in one.extractions] == [
        [r.to_dict() for r in e.reports] for e in many.extractions]


def test_an_extractor_failure_is_a_logged_skip_of_that_document(tmp_path: Path, monkeypatch, caplog) -> None:
    import sigact.run as run_mod

    real = run_mod.extract_document

    def flaky(doc):  # fails on one document only
        if doc.id == "bad":
            raise KeyError("mayadin")
        return real(doc)

    monkeypatch.setattr(run_mod, "extract_document", flaky)
    text = ("January 9, 2024\n\nA drone attack targeted the Al-Tanf garrison on Monday, officials said, "
            "without reporting any casualties among the troops there.")
    (tmp_path / "bad.txt").write_text(text.replace("Al-Tanf garrison", "Conoco gas field"))
    (tmp_path / "good.txt").write_text(text)
    result = extract_paths([tmp_path])
    assert [e.document.id for e in result.extractions if e.reports] == ["good"]
    assert [(r.stage, r.reason, r.source) for r in result.rejections] == [("extract", "error", "bad")]
    assert "KeyError" in result.rejections[0].detail
    assert "skipped bad" in caplog.text
