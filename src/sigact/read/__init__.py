"""Documents in: files, folders, HTML, JSONL, feeds and WARC to Documents and Rejections.

>>> from sigact.read import read_paths
>>> docs, rejections = read_paths(["corpus/"])  # doctest: +SKIP
"""

from sigact.read.dates import find_published_date
from sigact.read.files import iter_documents, read_file, read_paths
from sigact.read.language import is_english, language_profile
from sigact.read.options import ReadOptions
from sigact.read.outlets import find_outlet
from sigact.read.text import read_text_document

__all__ = [
    "ReadOptions",
    "find_outlet",
    "find_published_date",
    "is_english",
    "iter_documents",
    "language_profile",
    "read_file",
    "read_paths",
    "read_text_document",
]
