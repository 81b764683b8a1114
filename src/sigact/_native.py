"""Compiled or pure Python: which extraction modules run, and a guard against stale ones.

``setup.py`` compiles the modules of :data:`COMPILED` with mypyc (unless
``SIGACT_PURE_PYTHON=1``) and records the SHA-256 of each source it compiled in
``sigact/_compiled.py``. An editable install leaves the compiled ``.so`` files beside the
``.py`` sources, and Python imports the ``.so`` first: after an edit it would silently run
the old code. :func:`check` (run when :mod:`sigact` is imported) compares the record with
the sources; when they differ it warns, names the rebuild command, and has every module
of :data:`COMPILED` imported from its ``.py`` instead (the compiled modules call each
other directly, so they are used all together or not at all). ``SIGACT_PURE_PYTHON=1``
at run time does the same without a warning. Both ways give the same results.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "STATUS", "check", "compiled"]

# The modules setup.py compiles (it reads this list). extract/endings.py stays Python: it
# reads re's private parser.
COMPILED: tuple[str, ...] = (
    "sigact.extract.agents",
    "sigact.extract.clauses",
    "sigact.extract.context",
    "sigact.extract.dates",
    "sigact.extract.frames",
    "sigact.extract.gates",
    "sigact.extract.incidents",
    "sigact.extract.lexicon",
    "sigact.extract.pipeline",
    "sigact.extract.roles",
    "sigact.extract.scan",
    "sigact.extract.sentences",
    "sigact.extract.tallies",
    "sigact.places.matcher",
)
REBUILD = 'pip install -e ".[dev]"  (or SIGACT_PURE_PYTHON=1 to run and build pure Python)'

#: what runs: "compiled (mypyc)", "pure Python", or "pure Python (...why)"
STATUS = "pure Python"

_ROOT = Path(__file__).resolve().parent.parent  # the directory holding the sigact package


def _source(name: str, root: Path = _ROOT) -> Path:
    return root.joinpath(*name.split(".")).with_suffix(".py")


def _extension(name: str, root: Path = _ROOT) -> Path | None:
    """The compiled module beside the source, if any."""
    base = root.joinpath(*name.split("."))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = base.with_name(base.name + suffix)
        if path.exists():
            return path
    return None


def stale(names: Sequence[str], sources: dict[str, str] | None, root: Path = _ROOT) -> list[str]:
    """The modules whose compiled form is missing or was built from another source than
    the ``.py`` beside it; [] when all are up to date or none is compiled."""
    present = [n for n in names if _extension(n, root) is not None]
    if not present:
        return []
    out = []
    for name in names:
        recorded = (sources or {}).get(name)
        if name not in present or recorded is None:
            out.append(name)
            continue
        digest = hashlib.sha256(_source(name, root).read_bytes()).hexdigest()
        if digest != recorded:
            out.append(name)
    return out


class _FromSource(importlib.abc.MetaPathFinder):
    """Imports the modules of COMPILED from their ``.py`` files."""

    def __init__(self, names: Sequence[str], root: Path) -> None:
        self.names = frozenset(names)
        self.root = root

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _source(fullname, self.root))


def _use_sources(names: Sequence[str], root: Path) -> None:
    if not any(isinstance(f, _FromSource) for f in sys.meta_path):
        sys.meta_path.insert(0, _FromSource(names, root))


def check(root: Path = _ROOT) -> str:
    """Decide what runs (see the module doc) and set :data:`STATUS`."""
    global STATUS
    if not any(_extension(n, root) is not None for n in COMPILED):
        STATUS = "pure Python"
        return STATUS
    if os.environ.get("SIGACT_PURE_PYTHON", "") not in ("", "0"):
        _use_sources(COMPILED, root)
        STATUS = "pure Python (SIGACT_PURE_PYTHON is set; compiled modules not used)"
        return STATUS
    try:
        from sigact._compiled import SOURCES  # written by setup.py
    except ImportError:
        SOURCES = None
    old = stale(COMPILED, SOURCES, root)
    if old:
        _use_sources(COMPILED, root)
        STATUS = f"pure Python (compiled modules stale: {', '.join(old)})"
        warnings.warn(
            f"sigact: the compiled extraction modules were built from other sources than the .py "
            f"files now beside them ({', '.join(old)}); running the .py files (slower). "
            f"Rebuild with: {REBUILD}",
            RuntimeWarning,
            stacklevel=2,
        )
        return STATUS
    STATUS = "compiled (mypyc)"
    return STATUS


def compiled() -> bool:
    """Whether the extraction modules run compiled."""
    return STATUS.startswith("compiled")
