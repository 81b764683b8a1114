"""`sigact places`: what a name resolves to, and the gazetteer listing."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from sigact.cli import app, console
from sigact.places import Place, load_gazetteer


@app.command("places")
def places_command(
    query: str = typer.Argument("", help="A place name, e.g. 'Ayn al-Assad'."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (or null)."),
    list_: bool = typer.Option(False, "--list", help="List the gazetteer's sites."),
    all_: bool = typer.Option(False, "--all", help="With --list: towns and governorates too."),
) -> None:
    """Resolve a place name against the gazetteer, or list the gazetteer."""
    gaz = load_gazetteer()
    if list_:
        rows = [p for p in gaz.places if all_ or p.precision == "site"]
        if as_json:
            typer.echo(json.dumps([_as_dict(p) for p in rows], ensure_ascii=False))
            return
        table = Table("id", "name", "kind", "country", "admin1", "lat", "lon")
        for p in rows:
            table.add_row(
                p.id, p.name, p.kind, p.country, p.admin1 or "", f"{p.lat:.4f}", f"{p.lon:.4f}"
            )
        console.print(table)
        return
    if not query:
        raise typer.BadParameter("give a QUERY or --list")
    match = gaz.resolve(query)
    if as_json:
        obj = None if match is None else {**_as_dict(match.place), "score": match.score}
        typer.echo(json.dumps(obj, ensure_ascii=False))
        return
    if match is None:
        console.print(f"[yellow]no place fits[/] {query!r}")
        raise typer.Exit(1)
    p = match.place
    console.print(
        f"[bold]{p.name}[/] ({p.id}) {p.kind}, {p.admin1 or '-'}, {p.country} "
        f"at {p.lat:.5f}, {p.lon:.5f}\n  score {match.score:.2f}: {match.why}\n  source {p.source}"
    )


def _as_dict(p: Place) -> dict[str, object]:
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat,
        "lon": p.lon,
    }
