"""`sigact serve`: the HTTP API and the dashboard over a ledger."""

from sigact.serve.app import create_app

__all__ = ["create_app"]
