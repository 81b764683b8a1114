"""Tunables of the read stage, with environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: environment variables that override the defaults (see ``ReadOptions.from_env``)
ENV_MAX_BYTES = "SIGACT_READ_MAX_BYTES"
ENV_MIN_WORDS = "SIGACT_READ_MIN_WORDS"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How the reader treats its input."""

    #: a single-document file (or a JSONL line, a WARC record) larger than this is
    #: rejected as "too-large" without being read; JSONL and WARC files themselves are
    #: streamed, so only their records are held to it
    max_bytes: int = 10_000_000
    #: fewer words than this after extraction -> "too-short"
    min_words: int = 20
    #: reject text that is not English ("not-english")
    check_language: bool = True
    #: the header the publication date is looked for in
    header_lines: int = 8
    header_chars: int = 600

    @classmethod
    def from_env(cls) -> ReadOptions:
        """Defaults, overridden by ``SIGACT_READ_MAX_BYTES`` / ``SIGACT_READ_MIN_WORDS``."""
        kwargs: dict[str, int] = {}
        for env, name in ((ENV_MAX_BYTES, "max_bytes"), (ENV_MIN_WORDS, "min_words")):
            value = os.environ.get(env, "").strip()
            if value.isdigit():
                kwargs[name] = int(value)
        return cls(**kwargs)
