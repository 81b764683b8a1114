"""The outlet named in an article's header ("By Al Mayadeen English", "The Cradle")."""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib import resources

from sigact.read.dates import HAS_YEAR, dates_in, header_lines

logger = logging.getLogger(__name__)

# names that end like an outlet's ("Orinoco Tribune", "Shafaq News", "Press TV")
_OUTLET_WORDS = (
    r"News|Tribune|Times|Post|Press|Journal|Herald|Gazette|Network|Media|TV|Agency|"
    r"Monitor|Observer|Daily|Telegraph|Chronicle|Wire|Today|English|Cradle|Reuters|"
    r"Mayadeen|Jazeera|Arabiya|Rudaw|Almanar|Al-Manar|Xinhua|Sputnik|TASS|AFP|IRNA|Tasnim"
)
_OUTLET_NAME = re.compile(
    rf"(?:The\s+)?(?:[A-Z][\w.'&-]*\s+){{0,4}}(?:{_OUTLET_WORDS})(?:\s+\d+)?", re.UNICODE
)
_BYLINE = re.compile(r"\A(?:by|from|source|via)\s*:?\s+(?P<name>.+?)\s*\Z", re.I)
_MAX_WORDS = 5


@cache
def _codebook_names() -> dict[str, str]:
    """Lower-cased alias -> canonical name from the codebook's outlets.yaml, if present."""
    try:
        import yaml

        raw = resources.files("sigact.codebook").joinpath("outlets.yaml").read_text("utf-8")
        data = yaml.safe_load(raw) or {}
    except Exception as exc:  # the codebook is optional here: fall back on patterns
        logger.debug("no outlet codebook: %s", exc)
        return {}
    names: dict[str, str] = {}
    for entry in data.get("outlets", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        for alias in [entry["name"], *entry.get("aliases", [])]:
            if isinstance(alias, str) and len(alias) > 3:  # "AP", "INA": too ambiguous alone
                names[alias.lower()] = entry["name"]
    return names


def _as_outlet(name: str) -> str | None:
    """``name`` if it reads as an outlet's name (canonical when the codebook knows it)."""
    name = name.strip(" ,;:|-–—")
    if not name or len(name.split()) > _MAX_WORDS:
        return None
    known = _codebook_names().get(name.lower())
    if known:
        return known
    return name if _OUTLET_NAME.fullmatch(name) else None


def find_outlet(text: str, max_lines: int = 8, max_chars: int = 600) -> str | None:
    """The outlet the header of ``text`` names, or None when unsure."""
    for line in header_lines(text, max_lines, max_chars):
        byline = _BYLINE.match(line)
        candidate = byline["name"] if byline else line
        found = dates_in(candidate) if HAS_YEAR.search(candidate) else []
        if found:  # "Orinoco Tribune, November 1, 2023 —": the words before the date
            candidate = candidate[: found[0][0].start()]
            if not candidate.rstrip().endswith(","):
                continue
        outlet = _as_outlet(candidate)
        if outlet:
            return outlet
    return None
