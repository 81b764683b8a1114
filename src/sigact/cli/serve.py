"""`sigact serve`: the HTTP API and the dashboard over a ledger, with uvicorn."""

from __future__ import annotations

import ipaddress

import typer

from sigact.cli import app, console
from sigact.serve.settings import SETTINGS

_HELP = {s.name: f"{s.help} (env: {s.env})" for s in SETTINGS}


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str = typer.Option(None, "--db", envvar="SIGACT_DB",
                           help="Ledger: a SQLite path or an SQLAlchemy URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: str = typer.Option(None, "--token", envvar="SIGACT_TOKEN", help=_HELP["token"],
                              show_envvar=False),
    read_token_required: bool = typer.Option(False, "--read-token-required",
                                             help=_HELP["read_token_required"]),
    max_body_bytes: int = typer.Option(None, "--max-body-bytes", min=1,
                                       help=_HELP["max_body_bytes"]),
    tile_url: str = typer.Option(None, "--tile-url", help=_HELP["tile_url"]),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn's log level."),
) -> None:
    """Serve the JSON API (/api, /openapi.json) and the dashboard (/)."""
    import uvicorn

    from sigact.serve import create_app
    from sigact.store import LedgerError

    if read_token_required and not token:
        console.print("[red]--read-token-required needs --token (or SIGACT_TOKEN)[/red]")
        raise typer.Exit(2)
    try:
        web = create_app(db, token=token, read_token_required=read_token_required,
                         max_body_bytes=max_body_bytes, tile_url=tile_url)
    except LedgerError as err:
        console.print(f"[red]sigact serve: {err}[/red]")
        raise typer.Exit(1) from err
    if not _loopback(host) and not token:
        console.print(f"[yellow]listening on {host} with reads open to all; "
                      "POST /api/documents is disabled (no token)[/yellow]")
    console.print(f"sigact serve: http://{host}:{port}/  (API: /api, schema: /openapi.json)")
    uvicorn.run(web, host=host, port=port, log_level=log_level, proxy_headers=False)
