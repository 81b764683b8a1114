"""Settings of `sigact serve`: one declarative table, read the same way from the CLI and Python.

Each setting has a name, a default, an environment variable and a line of help; the CLI
documents its options from this table (`sigact serve --help`) and ``create_app`` takes the
same names as keyword arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    env: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("token", None, "SIGACT_TOKEN",
            "Bearer token that POST /api/documents requires; with none set, POST is disabled."),
    Setting("read_token_required", False, "SIGACT_READ_TOKEN_REQUIRED",
            "Also require the token for every read (GET) of /api."),
    Setting("max_body_bytes", 2_000_000, "SIGACT_MAX_BODY_BYTES",
            "Largest request body accepted, in bytes; larger ones get 413."),
    Setting("default_page_size", 50, "SIGACT_PAGE_SIZE",
            "Rows per page of /api/incidents and /api/documents when no limit is given."),
    Setting("max_page_size", 1000, "SIGACT_MAX_PAGE_SIZE",
            "Largest limit a client may ask for."),
    Setting("tile_url", None, "SIGACT_TILE_URL",
            "Optional map tile URL template ({z}/{x}/{y}); without it the map shows only "
            "the vendored country outlines and needs no internet."),
    Setting("tile_attribution", "", "SIGACT_TILE_ATTRIBUTION",
            "Attribution text shown for the tile layer."),
)


@dataclass(frozen=True, slots=True)
class ServeSettings:
    token: str | None = None
    read_token_required: bool = False
    max_body_bytes: int = 2_000_000
    default_page_size: int = 50
    max_page_size: int = 1000
    tile_url: str | None = None
    tile_attribution: str = ""

    @classmethod
    def build(cls, env: dict[str, str] | None = None, **given: Any) -> ServeSettings:
        """Defaults, then environment variables, then explicit values (not None) win."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for s in SETTINGS:
            raw = env.get(s.env)
            if raw is not None and raw != "":
                values[s.name] = _coerce(s.default, raw)
            if given.get(s.name) is not None:
                values[s.name] = given[s.name]
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown serve setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw
