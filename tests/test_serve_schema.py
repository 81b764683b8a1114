"""Property-based tests of the HTTP API from its own OpenAPI schema (schemathesis), in
process: whatever a client sends, the server never answers 5xx, and its answers match
the schema (status codes, content types, bodies)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sigact.serve import create_app
from sigact.serve.samples import fill, sample_items
from sigact.store import Ledger

TOKEN = "schema-token"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]

# Built at import: schemathesis' lazy pytest fixtures do not run on this pytest.
_dir = Path(tempfile.mkdtemp(prefix="sigact-schema-"))
_ledger = Ledger(str(_dir / "ledger.db"))
fill(_ledger, sample_items())
atexit.register(lambda: (_ledger.close(), shutil.rmtree(_dir, ignore_errors=True)))
APP = create_app(ledger=_ledger, token=TOKEN, env={})
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPERATIONS = [(op.path, op.method.upper()) for op in
              (r.ok() for r in SCHEMA.get_all_operations())]


def test_openapi_schema_is_valid() -> None:
    raw = SCHEMA.raw_schema
    assert raw["openapi"].startswith("3.1")
    try:  # the OpenAPI 3.1 meta-schema that schemathesis ships
        from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR
    except ImportError:  # pragma: no cover - moved in another schemathesis release
        pytest.skip("schemathesis' OpenAPI meta-schema not found")
    OPENAPI_31_VALIDATOR.validate(raw)
    assert len(OPERATIONS) >= 11
    assert ("/api/documents", "POST") in OPERATIONS


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_api_never_fails(path: str, method: str) -> None:
    operation = SCHEMA[path][method]

    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                      operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases, auth=st.booleans())
    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case, auth: bool) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"} if auth else None
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
