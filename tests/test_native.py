"""The compiled build (mypyc, see setup.py) and the pure one: the same results, no stale code."""

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigact import _native

ROOT = Path(__file__).resolve().parents[1]

# extraction of the bundled examples, printed as JSON (run here and in a pure-Python child)
_EXTRACT = """
import json, sys
from pathlib import Path
from sigact import _native
from sigact.extract import extract_document
from sigact.read import read_paths
docs, _ = read_paths([Path(sys.argv[1])])
out = [[r.to_dict() for r in extract_document(d).reports] for d in docs]
out += [[t.to_dict() for t in extract_document(d).tallies] for d in docs]
print(json.dumps({"status": _native.STATUS, "out": out}, sort_keys=True, default=str))
"""


def _extract(env: dict[str, str]) -> dict:
    res = subprocess.run([sys.executable, "-c", _EXTRACT, str(ROOT / "examples")], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_the_compiled_build_is_there_when_expected() -> None:
    """CI sets SIGACT_EXPECT_COMPILED=1: a build that fell back to pure Python fails there."""
    if os.environ.get("SIGACT_EXPECT_COMPILED") != "1":
        pytest.skip("SIGACT_EXPECT_COMPILED is not set")
    assert _native.compiled(), f"the extraction modules run as {_native.STATUS}"


def test_compiled_and_pure_python_give_the_same_results() -> None:
    if not _native.compiled():
        pytest.skip(f"not compiled: {_native.STATUS}")
    env = {k: v for k, v in os.environ.items() if k != "SIGACT_PURE_PYTHON"}
    fast = _extract(env)
    pure = _extract({**env, "SIGACT_PURE_PYTHON": "1"})
    assert fast["status"] == "compiled (mypyc)"
    assert pure["status"].startswith("pure Python")
    assert fast["out"] and fast["out"] == pure["out"]


def _fake_build(tmp_path: Path, source: str) -> str:
    pkg = tmp_path / "pkg"
    pkg.mkdir(exist_ok=True)
    (pkg / "mod.py").write_text(source)
    (pkg / ("mod" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"not really")
    return hashlib.sha256(source.encode()).hexdigest()


def test_a_compiled_module_built_from_other_source_is_stale(tmp_path: Path) -> None:
    digest = _fake_build(tmp_path, "X = 1\n")
    assert _native.stale(["pkg.mod"], {"pkg.mod": digest}, tmp_path) == []
    (tmp_path / "pkg" / "mod.py").write_text("X = 2\n")  # edited after the build
    assert _native.stale(["pkg.mod"], {"pkg.mod": digest}, tmp_path) == ["pkg.mod"]
    assert _native.stale(["pkg.mod"], None, tmp_path) == ["pkg.mod"]  # no record of the build
    # a module compiled beside one that is not (added to the list since the build)
    (tmp_path / "pkg" / "other.py").write_text("Y = 1\n")
    assert _native.stale(["pkg.mod", "pkg.other"], {"pkg.mod": digest}, tmp_path) == [
        "pkg.mod", "pkg.other"]


def test_no_compiled_module_is_not_stale(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("X = 1\n")
    assert _native.stale(["pkg.mod"], None, tmp_path) == []


def test_stale_compiled_modules_are_not_run(tmp_path: Path) -> None:
    """After an edit the .py files run, with a warning that names the rebuild command."""
    if not _native.compiled():
        pytest.skip(f"not compiled: {_native.STATUS}")
    # a copy of the installed package whose record no longer matches one source
    import shutil

    src = Path(_native.__file__).resolve().parent
    shutil.copytree(src, tmp_path / "sigact", ignore=shutil.ignore_patterns("__pycache__"))
    frames = tmp_path / "sigact" / "extract" / "frames.py"
    frames.write_text(frames.read_text() + "\n# edited\n")
    code = ("import warnings, sigact, sigact.extract.frames as f, sigact._native as n; "
            "print(n.STATUS); print(f.__file__)")
    env = {k: v for k, v in os.environ.items() if k != "SIGACT_PURE_PYTHON"}
    env["PYTHONPATH"] = str(tmp_path)
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    status, path = res.stdout.splitlines()
    assert status.startswith("pure Python (compiled modules stale: sigact.extract.frames")
    assert path.endswith("frames.py")
    assert "Rebuild with" in res.stderr
