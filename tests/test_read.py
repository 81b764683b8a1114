"""The read stage: seeds, text, HTML, JSONL and every kind of bad input."""

from __future__ import annotations

import json
import logging
import os
import re
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from sigact.models import Document, Rejection
from sigact.read import (
    ReadOptions,
    find_published_date,
    is_english,
    iter_documents,
    read_paths,
    read_text_document,
)

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

ENGLISH = (
    "Officials said a small drone was shot down near the airfield on Monday night. "
    "There were no injuries, and the debris was taken away for examination by a team "
    "of specialists who arrived from the capital the next morning."
)


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("seed corpus not present")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not present")
    return matches[0]


def only(items: list[Document | Rejection]) -> Document | Rejection:
    assert len(items) == 1, items
    return items[0]


def read_one(path: Path, options: ReadOptions | None = None) -> Document | Rejection:
    return only(list(iter_documents([path], options)))


# --- seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected", "how"),
    [
        ("000", date(2023, 11, 9), "dateline"),
        ("001", date(2023, 11, 1), "dateline"),
        ("002", date(2023, 10, 24), "dateline"),
        ("003", None, None),
        ("004", date(2023, 12, 15), "crawler-prefix"),
    ],
)
def test_seed_header_dates(prefix: str, expected: date | None, how: str | None) -> None:
    path = seed(prefix)
    text = path.read_text("utf-8")
    assert find_published_date(text) == (expected, how)
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.id == path.stem
    assert doc.published == expected
    assert doc.published_source == ("text-header" if expected else None)
    assert doc.lang == "en"


@pytest.mark.parametrize(
    ("prefix", "outlet"),
    [
        ("000", "The Cradle"),
        ("001", "Orinoco Tribune"),
        ("002", None),
        ("003", None),
        ("004", "Al Mayadeen"),
    ],
)
def test_seed_outlets(prefix: str, outlet: str | None) -> None:
    doc = read_one(seed(prefix))
    assert isinstance(doc, Document)
    if outlet == "Al Mayadeen":  # canonical name via the codebook, else as written
        assert doc.outlet in ("Al Mayadeen", "Al Mayadeen English")
    else:
        assert doc.outlet == outlet


def test_seed_text_is_the_file_text_normalised() -> None:
    path = seed("002")
    doc = read_one(path)
    assert isinstance(doc, Document)
    raw = path.read_text("utf-8")
    expected = "\n".join(line.rstrip() for line in raw.splitlines()).strip()
    assert doc.text == re.sub(r"\n{3,}", "\n\n", expected)  # trailing spaces, blank runs
    assert "\n\n" in doc.text and "\r" not in doc.text


def test_seed_folder_is_deterministic() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed corpus not present")
    files = sorted(SEEDS.glob("*.txt"))
    first = [d.id for d in read_paths(files)[0]]
    second = [d.id for d in read_paths(list(reversed(files)))[0]]
    assert first == [p.stem for p in files]
    assert second == list(reversed(first))


# --- plain text -------------------------------------------------------------------------


def test_text_file_with_labels_prefers_published(tmp_path: Path) -> None:
    doc = read_one(FIXTURES / "header_dates.txt")
    assert isinstance(doc, Document)
    assert doc.published == date(2024, 3, 3)
    assert doc.published_source == "text-header"


def test_text_without_extension_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_bytes(("October 2, 2023\r\n\r\n\r\n\r\n" + ENGLISH + "\r\nEnd.\x00").encode())
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.id == "article"
    assert doc.text.startswith("October 2, 2023\n\nOfficials said")
    assert "\r" not in doc.text and "\x00" not in doc.text and "\n\n\n" not in doc.text
    assert doc.published == date(2023, 10, 2)


def test_read_text_document_in_memory() -> None:
    doc = read_text_document(ENGLISH, "posted-1", url="https://x.example/1", published="2024-01-05")
    assert isinstance(doc, Document)
    assert (doc.id, doc.published, doc.published_source) == ("posted-1", date(2024, 1, 5), "given")
    assert doc.url == "https://x.example/1"


def test_read_text_document_undated_and_unreadable_given_date() -> None:
    doc = read_text_document(ENGLISH, "posted-2", published="sometime soon")
    assert isinstance(doc, Document)
    assert doc.published is None and doc.published_source is None


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(("\u201cA drone\u201d \u2013 " + ENGLISH).encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text.startswith("\u201cA drone\u201d \u2013 Officials")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ENGLISH.encode())
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.text == ENGLISH


# --- HTML -------------------------------------------------------------------------------


def test_html_meta_date_title_outlet_url() -> None:
    doc = read_one(FIXTURES / "dated_meta.html")
    assert isinstance(doc, Document)
    assert doc.id == "dated_meta"
    assert doc.published == date(2024, 1, 20)
    assert doc.published_source == "html-meta"
    assert doc.title == "Drone strikes near a desert garrison"
    assert doc.outlet == "Example Wire"
    assert doc.url == "https://wire.example.org/world/garrison-drones"
    assert doc.text.startswith("Drone strikes near a desert garrison\n\nTwo small drones")
    assert "newsletter" not in doc.text and "Sport" not in doc.text  # boilerplate gone
    assert "\n\nOne of the aircraft" in doc.text  # paragraphs kept


def test_html_copyright_year_is_not_a_date() -> None:
    doc = read_one(FIXTURES / "copyright_only.html")
    assert isinstance(doc, Document)
    assert doc.published is None
    assert doc.published_source is None


def test_html_without_main_text_is_rejected(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        item = read_one(FIXTURES / "no_text.html")
    assert isinstance(item, Rejection)
    assert (item.stage, item.reason) == ("read", "no-main-text")
    assert "no-main-text" in caplog.text


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines() -> None:
    items = list(iter_documents([FIXTURES / "articles.jsonl"]))
    path = str(FIXTURES / "articles.jsonl")
    got = [(i.id, i.path) if isinstance(i, Document) else (i.reason, i.source) for i in items]
    assert got == [
        ("wire-001", f"{path}:1"),
        ("malformed-json", f"{path}:2"),
        ("missing-id", f"{path}:3"),
        ("wire-003", f"{path}:5"),
        ("malformed-json", f"{path}:6"),
        ("too-short", f"{path}:7"),
    ]
    first = items[0]
    assert isinstance(first, Document)
    assert first.published == date(2024, 2, 2) and first.published_source == "given"
    assert (first.title, first.outlet, first.url) == (
        "Rocket near airfield",
        "Example News",
        "https://news.example.com/a1",
    )


def test_jsonl_long_line_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    good = json.dumps({"id": "ok", "text": ENGLISH}) + "\n"
    path.write_text('{"id": "big", "text": "' + "word " * 400 + '"}\n' + good)
    items = list(iter_documents([path], ReadOptions(max_bytes=1000)))
    assert [getattr(i, "reason", None) or i.id for i in items] == ["too-large", "ok"]


# --- bad input --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n")
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "empty"


@pytest.mark.parametrize(
    "payload",
    [
        b"\x00\x01\x02\x03" * 300,
        b"%PDF-1.7\n" + b"stream of bytes " * 20,
        bytes(range(256)) * 8,
    ],
)
def test_binary_file(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(payload)
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "binary"


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "koi8.txt"
    path.write_bytes(("Ракеты упали недалеко от базы. " * 10).encode("koi8-r"))
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "encoding"


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        item = read_one(path)  # default limit: 10 MB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Rejection) and item.reason == "too-large"
    assert "50000000" in item.detail
    assert peak < 1_000_000  # the file was not read into memory


def test_max_bytes_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGACT_READ_MAX_BYTES", "1234")
    assert ReadOptions.from_env().max_bytes == 1234


def test_too_short(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Drone attack reported near a base.")
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "too-short"


def test_not_english_latin_script() -> None:
    item = read_one(FIXTURES / "not_english.txt")
    assert isinstance(item, Rejection)
    assert (item.stage, item.reason) == ("language", "not-english")
    assert "script=Latin" in item.detail


def test_not_english_arabic_script(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text("سقطت صواريخ قرب قاعدة عسكرية في شرق البلاد ليلة الثلاثاء " * 5)
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "not-english"
    assert "script=Arabic" in item.detail


def test_is_english() -> None:
    assert is_english(ENGLISH)
    assert not is_english((FIXTURES / "not_english.txt").read_text("utf-8"))
    assert not is_english("")


def test_nonexistent_path(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        item = read_one(Path("/nonexistent/sigact/nothing.txt"))
    assert isinstance(item, Rejection) and item.reason == "not-found"
    assert "not-found" in caplog.text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ENGLISH)
    path.chmod(0)
    try:
        item = read_one(path)
    finally:
        path.chmod(0o644)
    assert isinstance(item, Rejection) and item.reason == "unreadable"


def test_unreadable_file_via_open_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ENGLISH)

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    item = read_one(path)
    assert isinstance(item, Rejection) and item.reason == "unreadable"
    assert "Permission denied" in item.detail


def test_folder_walk_recursive_sorted_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "one.txt").write_text(ENGLISH)
    (tmp_path / "a" / "two.txt").write_text(ENGLISH)
    (tmp_path / "a" / "one.txt").write_text(ENGLISH)
    (tmp_path / ".hidden.txt").write_text(ENGLISH)
    docs, rejections = read_paths([tmp_path])
    assert [d.id for d in docs] == ["one", "two"]
    assert [r.reason for r in rejections] == ["duplicate-id"]
    assert rejections[0].source.endswith("b/one.txt")


def test_never_raises_on_a_mixed_folder(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ENGLISH)
    (tmp_path / "bin.dat").write_bytes(os.urandom(4096))
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "plain.xml").write_text("<config><key>value</key></config>")
    (tmp_path / "bad.warc").write_text("this is not an archive at all")
    docs, rejections = read_paths([tmp_path, tmp_path / "missing"])
    assert [d.id for d in docs] == ["ok"]
    reasons = {Path(r.source).name: r.reason for r in rejections}
    assert reasons == {
        "bad.warc": "malformed-warc",
        "bin.dat": "binary",
        "empty.html": "empty",
        "missing": "not-found",
        "plain.xml": "unsupported-format",
    }


def test_blank_jsonl_is_an_empty_rejection(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\t\n\n  \n")
    (item,) = list(iter_documents([path]))
    assert isinstance(item, Rejection) and item.reason == "empty"
