"""Build sigact: the extraction modules compiled to C with mypyc, or pure Python.

The metadata is in pyproject.toml; this file only decides the extension modules.

- By default the hot extraction modules (``COMPILED`` below) are compiled with mypyc
  (about twice the articles/s, see README "Speed"). mypy is a build requirement
  (``[build-system] requires``); a C compiler must be on the machine.
- ``SIGACT_PURE_PYTHON=1`` builds pure Python: same behaviour, same output, slower.
- Without mypyc or without a working C compiler the build falls back to pure Python
  and says so; it never fails for want of them.

Next to the compiled modules the build writes ``sigact/_compiled.py``: the SHA-256 of
each module's source as compiled. At import, :mod:`sigact._native` compares it with the
``.py`` files; after an edit (an editable install keeps the ``.so`` files beside the
sources) it warns, names the rebuild command, and runs the pure Python modules instead
of stale compiled ones.
"""

from __future__ import annotations

import glob
import hashlib
import os
import runpy
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")

# The modules to compile: sigact/_native.py lists them (and checks them at import).
COMPILED = [
    name.replace(".", "/") + ".py"
    for name in runpy.run_path(os.path.join(SRC, "sigact", "_native.py"))["COMPILED"]
]
# setup.py is run once for the metadata and once to build: compile only in the latter
_BUILDING = any(cmd in sys.argv for cmd in (
    "build", "build_ext", "bdist_wheel", "editable_wheel", "install", "develop", "bdist"))
GROUP = "sigact._compiled"  # the shared library: sigact/_compiled__mypyc.*.so
RECORD = os.path.join(SRC, "sigact", "_compiled.py")


def _say(msg: str) -> None:
    # pip shows a build backend's output only with -v; stderr too, but keep it short
    print(f"sigact: {msg}", file=sys.stderr, flush=True)


def _remove_artefacts() -> None:
    """Compiled modules of an earlier build left in the source tree (editable installs)."""
    pkg = os.path.join(SRC, "sigact")
    for path in [
        *glob.glob(os.path.join(pkg, "_compiled__mypyc.*")),
        *(p for rel in COMPILED for p in glob.glob(os.path.join(SRC, rel[:-3] + ".*.so"))),
        *(p for rel in COMPILED for p in glob.glob(os.path.join(SRC, rel[:-3] + ".*.pyd"))),
        RECORD,
    ]:
        if os.path.exists(path):
            os.remove(path)


def _compiler_works() -> str | None:
    """None when a C extension can be built here, else why not."""
    import tempfile
    from distutils import ccompiler, sysconfig  # setuptools' own copy

    try:
        cc = ccompiler.new_compiler()
        sysconfig.customize_compiler(cc)
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "probe.c")
            with open(src, "w") as f:
                f.write("#include <Python.h>\nint probe(void) { return 0; }\n")
            cc.compile([src], output_dir=tmp, include_dirs=[sysconfig.get_python_inc()])
    except Exception as e:  # CompileError, DistutilsExecError, a missing compiler...
        return f"{type(e).__name__}: {e}"
    return None


def _write_record() -> None:
    hashes = {}
    for rel in COMPILED:
        with open(os.path.join(SRC, rel), "rb") as f:
            hashes[rel[:-3].replace("/", ".")] = hashlib.sha256(f.read()).hexdigest()
    lines = ['"""Written by setup.py: the sources the compiled modules were built from."""', "",
             "SOURCES = {"]
    lines += [f'    "{name}": "{digest}",' for name, digest in sorted(hashes.items())]
    lines += ["}", ""]
    with open(RECORD, "w") as f:
        f.write("\n".join(lines))


class BuildExt(build_ext):
    """build_ext that falls back to pure Python when a compiled module fails to build."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:
            _say(f"compiling the extraction modules failed ({type(e).__name__}: {e}); "
                 "installing pure Python (slower, same results)")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            _remove_artefacts()
            self.extensions = []


def _ext_modules() -> list:
    if not _BUILDING:
        return []  # metadata only (pip asks for it first): nothing to compile yet
    if os.environ.get("SIGACT_PURE_PYTHON", "") not in ("", "0"):
        _say("SIGACT_PURE_PYTHON is set: installing pure Python")
        _remove_artefacts()
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as e:
        _say(f"mypyc is not available ({e}); installing pure Python (slower, same results)")
        _remove_artefacts()
        return []
    why = _compiler_works()
    if why is not None:
        _say(f"no working C compiler ({why}); installing pure Python (slower, same results)")
        _remove_artefacts()
        return []
    _say(f"compiling {len(COMPILED)} extraction modules with mypyc "
         "(SIGACT_PURE_PYTHON=1 to skip)")
    cwd = os.getcwd()
    os.chdir(SRC)  # mypyc names modules by their paths
    try:
        # only the compiled modules are checked; the others (and third-party packages,
        # absent from pip's build environment) are read for their types
        exts = mypycify([*COMPILED, "--ignore-missing-imports", "--follow-imports=silent",
                         "--cache-dir", os.path.join(HERE, "build", "mypy_cache")], opt_level="3", debug_level="0", group_name=GROUP,
                        target_dir=os.path.join(HERE, "build", "mypyc"))
    except (Exception, SystemExit) as e:  # mypy reports type errors and exits
        _say(f"mypyc could not compile the extraction modules ({type(e).__name__}: {e}; see the "
             "errors above); installing pure Python (slower, same results)")
        _remove_artefacts()
        return []
    finally:
        os.chdir(cwd)
    _write_record()
    return exts


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": BuildExt})
