"""Every command and setting is documented in the README (a test notices when one isn't)."""

import re
from pathlib import Path

from sigact.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert names, "no commands registered"
    missing = [n for n in names if f"sigact {n}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_environment_setting_is_in_the_readme() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "sigact"
    used = set()
    for f in src.rglob("*.py"):
        used |= set(re.findall(r"\bSIGACT_[A-Z_]+\b", f.read_text(encoding="utf-8")))
    missing = sorted(v for v in used if v not in README)
    assert not missing, f"undocumented settings: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert "sigact extract examples" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci
