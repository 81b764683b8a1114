"""Property tests: the reader never raises, whatever the bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigact.models import Document, Rejection
from sigact.read import find_published_date, iter_documents, read_text_document

SUFFIXES = ["txt", "html", "jsonl", "xml", "rss", "warc", "warc.gz", "bin"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_documents_or_rejections(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"sample.{suffix}"
    path.write_bytes(data)
    items = list(iter_documents([path]))
    assert items
    assert all(isinstance(item, Document | Rejection) for item in items)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000))
def test_any_text_gives_a_document_or_a_rejection(text: str) -> None:
    item = read_text_document(text, "doc")
    assert isinstance(item, Document | Rejection)
    if isinstance(item, Document):
        assert "\r" not in item.text and "\x00" not in item.text


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=1000))
def test_date_finder_never_raises(text: str) -> None:
    found, how = find_published_date(text)
    assert (found is None) == (how is None)
    assert found is None or isinstance(found, date)


def test_html_falls_back_on_the_text_header(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    paragraph = (
        "Residents reported hearing several loud blasts near the edge of the town in the "
        "early hours, and said that emergency vehicles were seen driving toward the area."
    )
    path.write_text(
        "<html><head><title>Blasts heard near a town</title></head><body><article>"
        f"<p>March 2, 2024</p><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    )
    doc = next(iter(iter_documents([path])))
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_source) == (date(2024, 3, 2), "text-header")
