"""The ASGI app of `sigact serve`: JSON API under /api, the dashboard at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

import sigact
from sigact.serve import api, dashboard
from sigact.serve.errors import install_error_handlers
from sigact.serve.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from sigact.serve.settings import ServeSettings
from sigact.serve.source import LedgerLike, LedgerSource

HERE = Path(__file__).parent


def create_app(ledger_url: str | None = None, token: str | None = None,
               read_token_required: bool = False, *, ledger: LedgerLike | None = None,
               env: dict[str, str] | None = None, **settings: Any) -> FastAPI:
    """Build the app over the ledger at ``ledger_url`` (a SQLite path or an SQLAlchemy
    URL; None: ``$SIGACT_DB`` or the default path), or over an open ``ledger``.

    Other keyword arguments are the settings of ``settings.SETTINGS``; a setting not given
    is read from its environment variable, else its default.
    """
    source = LedgerSource(ledger) if ledger is not None else LedgerSource.open(ledger_url)
    conf = ServeSettings.build(env=env, token=token,
                               read_token_required=read_token_required or None, **settings)
    if conf.read_token_required and not conf.token:
        raise ValueError("read_token_required needs a token (SIGACT_TOKEN)")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if ledger is None:  # we opened it, we close it
            source.close()

    app = FastAPI(
        lifespan=lifespan,
        title="sigact",
        version=getattr(sigact, "__version__", "0"),
        summary="An evidence-backed ledger of conflict incidents, from news reports.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
    )
    app.state.source = source
    app.state.settings = conf
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(dashboard.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    tile_origin = _origin(conf.tile_url)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(BodyLimitMiddleware, max_bytes=conf.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware,
                       img_sources=(tile_origin,) if tile_origin else ())
    return app


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"
