"""HTML pages: main text through trafilatura, metadata and date through htmldate."""

from __future__ import annotations

import logging
import re
from datetime import date

import lxml.html
import trafilatura
from lxml.etree import ParserError

from sigact.models import Document, Rejection
from sigact.read.dates import parse_date
from sigact.read.decoding import decode_bytes
from sigact.read.options import ReadOptions
from sigact.read.rejections import reject
from sigact.read.text import build_document

logger = logging.getLogger(__name__)

#: htmldate without its extensive search, which falls back on a copyright year
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BLOCK_TAGS = (
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header "
    "footer figure figcaption dd dt"
)
_BLOCKS = frozenset(_BLOCK_TAGS.split())


def decode_html(data: bytes, declared: str | None = None) -> tuple[str | None, str]:
    """Decode HTML bytes, honouring a charset from the HTTP header or a <meta> tag."""
    if declared is None:
        meta = _META_CHARSET.search(data[:4096])
        if meta:
            declared = meta.group(1).decode("ascii", "replace")
    return decode_bytes(data, declared)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry), one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError) as exc:
        logger.debug("unparseable HTML fragment: %s", exc)
        return re.sub(r"<[^>]*>", " ", fragment)
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n\n" + (el.text or "")
    text = root.text_content()
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _meta_date(value: str | None, html: str, source: str) -> date | None:
    """The metadata date, unless it is a bare copyright year (YYYY-01-01 nowhere in the page)."""
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        return None
    if (day.month, day.day) == (1, 1) and day.isoformat() not in html:
        logger.info("%s: ignored %s, a year without a day (copyright line?)", source, day)
        return None
    return day


def _paragraphs(text: str) -> str:
    """trafilatura puts one block a line: make each a paragraph (blank line between)."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_html(
    html: str,
    doc_id: str,
    *,
    source: str,
    url: str | None = None,
    path: str | None = None,
    options: ReadOptions | None = None,
) -> Document | Rejection:
    """A Document from an HTML page: title, then main text; date from metadata first."""
    if not html.strip():
        return reject("empty", source, "no HTML")
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise assorted errors on broken markup
        return reject("no-main-text", source, f"trafilatura failed: {exc!r}")
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        return reject("no-main-text", source, "trafilatura found no main text")
    title = (getattr(result, "title", None) or "").strip() or None
    text = _paragraphs(body)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    published = _meta_date(getattr(result, "date", None), html, source)
    return build_document(
        text,
        doc_id,
        source=source,
        url=url or getattr(result, "url", None),
        title=title,
        outlet=(getattr(result, "sitename", None) or "").strip() or None,
        published=published,
        published_source="html-meta" if published is not None else None,
        path=path,
        options=options,
    )
