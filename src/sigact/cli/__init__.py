"""The `sigact` command: thin shells over the library, one module per group of commands."""

from __future__ import annotations

import logging

import typer
from rich.console import Console

app = typer.Typer(
    name="sigact",
    help="Turn news reports into an evidence-backed ledger of conflict incidents.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every skip and decision."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    app()


# Each module registers its commands on `app`.
from sigact.cli import extract as _extract  # noqa: E402,F401
from sigact.cli import ledger as _ledger  # noqa: E402,F401
from sigact.cli import places as _places  # noqa: E402,F401
from sigact.cli import serve as _serve  # noqa: E402,F401
