"""The dashboard page at /. Its data comes from the JSON API; its config rides in a
``data-`` attribute, so the page needs no inline script."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    s = request.app.state.settings
    config = {"api": "/api", "tile_url": s.tile_url, "tile_attribution": s.tile_attribution,
              "page_size": 25}
    html = _env.get_template("index.html").render(config=json.dumps(config))
    return HTMLResponse(html)


@router.get("/favicon.ico")
def favicon() -> Response:
    svg = (Path(__file__).parent / "static" / "favicon.svg").read_bytes()
    return Response(svg, media_type="image/svg+xml")
