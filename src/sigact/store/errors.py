"""The ledger's named exceptions: one line each, for the CLI and the HTTP layer."""

from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the ledger raises on purpose.  ``str(err)`` is one line."""

    #: HTTP status a web layer may map this error to
    status: int = 500


class DatabaseUnavailable(LedgerError):
    """The database URL is malformed, the server is unreachable or the file unwritable."""

    status = 503


class NotFound(LedgerError, KeyError):
    """No incident / document with that id."""

    status = 404

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class UnknownFormat(LedgerError, ValueError):
    """An export format, sort key or filter value the ledger does not know."""

    status = 400
