"""The read stage: RSS/Atom feeds and WARC archives."""

from __future__ import annotations

import hashlib
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sigact.models import Document, Rejection
from sigact.read import iter_documents, read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "read"

PAGE = """<!DOCTYPE html><html><head><title>Shelling reported near a river town</title>
<meta name="date" content="2024-05-14"></head><body><nav>Menu Login Search</nav><article>
<h1>Shelling reported near a river town</h1>
<p>Artillery shells landed on the outskirts of a river town on Tuesday, according to two
residents, who said the firing came from positions across the water.</p>
<p>A local clinic treated three people for light wounds, a nurse said, and several shops
closed early as families stayed indoors until the evening.</p>
</article><footer>All rights reserved.</footer></body></html>"""


def sha16(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


# --- feeds ------------------------------------------------------------------------------


def test_rss_feed() -> None:
    items = list(iter_documents([FIXTURES / "feed.rss"]))
    assert len(items) == 2
    doc, short = items
    assert isinstance(doc, Document)
    link = "https://desk.example.net/2024/03/mortar-rounds"
    assert doc.id == sha16(link)
    assert doc.url == link
    assert doc.outlet == "Example Desk"
    assert doc.title == "Mortar rounds fall inside a base perimeter"
    assert (doc.published, doc.published_source) == (date(2024, 3, 5), "given")
    assert doc.text.startswith("Mortar rounds fall inside a base perimeter\n\nThree mortar")
    assert "<p>" not in doc.text
    assert "\n\nThe source said" in doc.text  # one paragraph per <p>
    assert isinstance(short, Rejection) and short.reason == "too-short"
    assert short.source.endswith("feed.rss#https://desk.example.net/2024/03/note")


def test_atom_feed_prefers_published_over_updated() -> None:
    doc = next(iter(iter_documents([FIXTURES / "feed.atom"])))
    assert isinstance(doc, Document)
    assert doc.id == sha16("https://monitor.example.org/entries/drone-checkpoint")
    assert doc.published == date(2024, 4, 10)
    assert doc.outlet == "Sample Atom Monitor"
    assert "&lt;" not in doc.text and "<p>" not in doc.text


def test_feed_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "latest"
    path.write_bytes((FIXTURES / "feed.atom").read_bytes())
    docs, rejections = read_paths([path])
    assert len(docs) == 1 and not rejections


def test_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Half a feed</title><ite")
    docs, rejections = read_paths([path])
    assert not docs
    assert [r.reason for r in rejections] == ["malformed-feed"]


def test_feed_entry_without_link_or_id(tmp_path: Path) -> None:
    path = tmp_path / "nolink.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>No address</title><description>Words words.</description></item>"
        "</channel></rss>"
    )
    docs, rejections = read_paths([path])
    assert not docs and [r.reason for r in rejections] == ["missing-id"]


# --- WARC -------------------------------------------------------------------------------


def write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        records = [
            ("https://river.example.com/news/shelling", "200 OK", "text/html; charset=utf-8", PAGE),
            ("https://river.example.com/logo.png", "200 OK", "image/png", "\x89PNG...."),
            ("https://river.example.com/gone", "404 Not Found", "text/html", "<p>gone</p>"),
            ("https://river.example.com/moved", "301 Moved Permanently", "text/html", ""),
        ]
        for uri, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=BytesIO(body.encode("latin-1")), http_headers=headers
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://river.example.com/news/shelling",
                "request",
                payload=BytesIO(b"GET /news/shelling HTTP/1.1\r\n\r\n"),
            )
        )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip=name.endswith(".gz"))
    items = list(iter_documents([path]))
    assert len(items) == 2, items
    doc, gone = items
    assert isinstance(doc, Document)
    uri = "https://river.example.com/news/shelling"
    assert doc.id == sha16(uri)
    assert doc.url == uri
    assert doc.path == str(path)
    assert doc.title == "Shelling reported near a river town"
    assert (doc.published, doc.published_source) == (date(2024, 5, 14), "html-meta")
    assert doc.text.startswith("Shelling reported near a river town\n\nArtillery shells")
    assert "Menu Login" not in doc.text
    assert isinstance(gone, Rejection)
    assert (gone.reason, gone.source) == ("http-error", f"{path}#https://river.example.com/gone")


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip=name.endswith(".gz"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 5])  # inside the first record's payload
    items = list(iter_documents([path]))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].reason == "malformed-warc" and "truncated" in items[0].detail


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_damaged_warc_never_raises(tmp_path: Path, fraction: float) -> None:
    for gzip in (False, True):
        path = tmp_path / ("damaged.warc.gz" if gzip else "damaged.warc")
        write_warc(path, gzip=gzip)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])
        items = list(iter_documents([path]))
        assert all(isinstance(i, Document | Rejection) for i in items)


def test_an_archive_with_no_record_is_a_rejection(tmp_path) -> None:
    from sigact.read import iter_documents

    path = tmp_path / "truncated.warc"
    path.write_bytes(b"\x1f\x8b")  # a gzip magic number and nothing more
    items = list(iter_documents([path]))
    assert [(i.stage, i.reason) for i in items] == [("read", "no-articles")]
