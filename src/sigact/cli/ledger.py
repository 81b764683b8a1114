"""`sigact ingest | incidents | export | tallies`: thin shells over ``sigact.store.Ledger``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from sigact.cli import app, console

T = TypeVar("T")

_DB_HELP = "Ledger: a SQLite path or an SQLAlchemy URL (default: the user data folder)."


def _db_option() -> Any:
    return typer.Option(None, "--db", envvar="SIGACT_DB", help=_DB_HELP, show_envvar=True)


def _run(command: str, fn: Callable[[], T]) -> T:
    """Call the library; a LedgerError becomes one red line and exit status 1."""
    from sigact.store import LedgerError

    try:
        return fn()
    except LedgerError as err:
        console.print(f"[red]sigact {command}: {err}[/red]")
        raise typer.Exit(1) from err


def _open(command: str, db: str | None) -> Any:
    from sigact.store import Ledger

    return _run(command, lambda: Ledger(db))


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders of documents."),
    db: str = _db_option(),
) -> None:
    """Read, extract and store documents; merge their reports into incidents."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]sigact ingest: no such file: {', '.join(missing)}[/red]")
        raise typer.Exit(2)
    ledger = _open("ingest", db)
    with ledger, Progress(TextColumn("[progress.description]{task.description}"),
                          BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[doc]}"), console=console,
                          transient=True) as bar:
        task = bar.add_task("ingesting", total=None, doc="")

        def progress(n: int, doc_id: str) -> None:
            bar.update(task, completed=n, doc=doc_id[:40])

        summary = _run("ingest", lambda: ledger.ingest_paths(paths, progress=progress))
    skipped = summary.skipped_by_reason()
    console.print(
        f"documents read: {summary.read} (added {summary.added}, replaced "
        f"{summary.replaced}, unchanged {summary.unchanged}, older {summary.older}); "
        f"skipped: {sum(skipped.values())}")
    for reason, n in skipped.items():
        console.print(f"  skipped {n} × {reason}")
    console.print(f"reports stored: {summary.reports}; tallies: {summary.tallies}; "
                  f"incidents in ledger: {summary.incidents}")


@app.command()
def incidents(
    db: str = _db_option(),
    date_from: str = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", help="Last day (YYYY-MM-DD)."),
    country: str = typer.Option(None, "--country", help="ISO2 code: IQ, SY, JO."),
    place: str = typer.Option(None, "--place", help="Part of the place name, or a place id."),
    event_type: str = typer.Option(None, "--type", help="remote_attack|air_strike|armed_clash"),
    actor: str = typer.Option(None, "--actor", help="Part of the perpetrator or target."),
    sort: str = typer.Option("date", "--sort", help="date, -date, n_reports, -n_reports, ..."),
    limit: int = typer.Option(50, "--limit", min=1, help="Rows to show."),
) -> None:
    """List incidents in a table."""
    from sigact.store import IncidentFilter

    f = IncidentFilter(date_from=date_from, date_to=date_to, country=country, place=place,
                       event_type=event_type, actor=actor)
    with _open("incidents", db) as ledger:
        rows, total = _run("incidents", lambda: ledger.incidents(f, sort=sort, limit=limit))
    table = Table(title=f"{len(rows)} of {total} incidents")
    for col in ("id", "date", "country", "place", "type", "weapons", "perpetrator",
                "outcome", "docs", "disputed"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], r["date"] or "?", r["country"] or "", r["place"] or "",
                      r["event_type"], ",".join(r["weapons"]), r["perpetrator"] or "",
                      r["outcome"], str(r["n_docs"]),
                      ",".join(d["field"] for d in r["disagreements"]))
    from rich.console import Console

    Console().print(table)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | geojson"),
    out: Path = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    db: str = _db_option(),
    date_from: str = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", help="Last day (YYYY-MM-DD)."),
    country: str = typer.Option(None, "--country", help="ISO2 code: IQ, SY, JO."),
) -> None:
    """Export incidents: JSONL (scorer schema), CSV (ACLED columns) or GeoJSON."""
    from sigact.store import IncidentFilter

    f = IncidentFilter(date_from=date_from, date_to=date_to, country=country)
    with _open("export", db) as ledger:
        if out is None:
            _run("export", lambda: ledger.export(fmt, f, stream=sys.stdout))
            return
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            _run("export", lambda: ledger.export(fmt, f, stream=fh))
        tmp.replace(out)
    console.print(f"wrote {out}")


@app.command()
def tallies(
    db: str = _db_option(),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per tally."),
) -> None:
    """Stated tallies ("97 attacks since 17 October") next to the ledger's own count."""
    with _open("tallies", db) as ledger:
        rows = _run("tallies", ledger.tallies)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    table = Table(title="Tallies vs ledger")
    for col in ("doc", "since", "as of", "stated", "by country", "ledger", "ledger by country"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["doc_id"], r["window_since"] or "?", r["as_of"] or "?",
                      str(r["total"]), _fmt_counts(r["by_country"]), str(r["ledger_count"]),
                      _fmt_counts(r["ledger_by_country"]))
    from rich.console import Console

    Console().print(table)


def _fmt_counts(d: dict[str, int]) -> str:
    return " ".join(f"{k} {v}" for k, v in d.items())
