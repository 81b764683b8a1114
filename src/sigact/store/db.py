"""Engines and migrations: where the ledger lives and how its schema gets there."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from sigact.store.errors import DatabaseUnavailable

ENV_VAR = "SIGACT_DB"
MIGRATIONS = Path(__file__).parent / "migrations"


def default_path() -> Path:
    """``platformdirs.user_data_dir("sigact")/ledger.db``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("sigact")) / "ledger.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """An explicit path or URL, else ``$SIGACT_DB``, else the default SQLite file.
    Strings with ``://`` are URLs; anything else is a SQLite path (folder created)."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or None
    if value and "://" in value:
        return value
    path = Path(value).expanduser() if value else default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatabaseUnavailable(f"cannot create {path.parent}: {e.strerror}") from e
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    # a 64 MB page cache (default 2 MB): merge look-ups stay in memory as the ledger grows
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and write-locking BEGINs."""
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise DatabaseUnavailable(f"not a database URL: {url!r}") from e
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, echo=echo)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(parsed, echo=echo, pool_pre_ping=True)
    except (ArgumentError, ImportError) as e:
        raise DatabaseUnavailable(f"cannot use {parsed.render_as_string()}: {e}") from e
    return engine


def alembic_config() -> Config:
    """An Alembic Config built in code, scripts inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision."""
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as e:
        raise DatabaseUnavailable(_one_line(e)) from e
    except SQLAlchemyError as e:
        raise DatabaseUnavailable(_one_line(e)) from e


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("incidents")


def _one_line(e: BaseException) -> str:
    msg = str(getattr(e, "orig", None) or e).strip().splitlines()
    return msg[0] if msg else type(e).__name__
