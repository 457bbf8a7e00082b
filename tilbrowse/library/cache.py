"""On-disk cache of parsed and extracted articles (SQLite, in the user cache folder): reads and writes.

A row is keyed by the file's absolute path and is fresh while the file's size and mtime and the
code's version key match (`tilbrowse.library.schema`: the key is a digest of the code, so a new
extractor never reads an old one's figures). Rows hold JSON by field name (`codec`), never
pickle: a cache file is not trusted code. A row does not copy a text file's article (a fifth of
the row, compressed): it keeps the text's digest, and a full record is read from the file again
and served only if the file still holds that text. A PDF's or a web page's text, made at some
cost, is kept. A corrupt, truncated or foreign cache file is
detected and rebuilt; a cache that cannot be opened or written is skipped with one warning —
tilbrowse then simply works without it. Concurrent runs are safe (SQLite WAL, busy timeout,
one transaction per batch).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import struct
import sys
import threading
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tilbrowse.corpus.load import WEB_PAGES, load_one
from tilbrowse.corpus.models import Article, Problem
from tilbrowse.extract.model import Extraction
from tilbrowse.library.codec import dumps, from_data, loads, pack_parts, to_data, unpack_part
from tilbrowse.library.record import Entry, Record, Summary, report_fragment, summarise
from tilbrowse.library.schema import (
    INSERT,
    RECORD,
    REPORT,
    SUMMARY,
    CacheRow,
    connect,
    damaged,
    default_cache_dir,
    discard,
    key_version,
)
from tilbrowse.search.document import SearchDoc

__all__ = ["Cache", "default_cache_dir", "make_row", "rebind", "report_text"]


def body_digest(body: str) -> str:
    """What a row keeps of a text file's article: enough to know the file still holds its text."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


READ_AGAIN_COSTLY = (".pdf", *WEB_PAGES)
"""Files whose text is made, not read (a PDF's text layer, a page's main text): a row keeps it."""


def encode(article: Article, extraction: Extraction) -> dict[str, Any]:
    """An analysed article as JSON-ready data. A text file's article is kept without its text
    (the file has it: the row keeps its digest, and `Cache.get` reads the text again); a PDF's or
    a web page's is kept whole."""
    if article.path.lower().endswith(READ_AGAIN_COSTLY):
        return {"article": to_data(article), "body": None, "extraction": to_data(extraction)}
    data = to_data(replace(article, body=""))
    return {"article": data, "body": body_digest(article.body), "extraction": to_data(extraction)}


def decode(data: dict[str, Any]) -> tuple[Article, Extraction, str | None]:
    """The inverse of `encode`: the article (without its text when the digest is given), the
    extraction, and the text's digest; raises KeyError/TypeError/ValueError on foreign data."""
    digest = data["body"]
    if digest is not None and not isinstance(digest, str):
        raise TypeError("a body digest is a string")
    return from_data(Article, data["article"]), from_data(Extraction, data["extraction"]), digest


def encode_summary(summary: Summary) -> dict[str, Any]:
    """The in-memory part of an analysed article as JSON-ready data."""
    return {"entry": to_data(summary.entry), "doc": to_data(summary.doc)}


def decode_summary(
    data: dict[str, Any], article_id: str, path: str, size: int, mtime_ns: int, problems: list[Any]
) -> Summary:
    """The inverse of `encode_summary`, under this run's id and path and the row's size, mtime
    and problems (the id depends on how the folder was named)."""
    entry = dict(data["entry"])
    entry.update(
        id=article_id,
        path=path,
        size=size,
        mtime_ns=mtime_ns,
        problems=[{"path": path, "message": m, "level": lv} for m, lv in problems],
    )
    doc = dict(data["doc"], id=article_id)
    # The title and date are read once per article and shared by the entry, the search document
    # and each readout (JSON gives each occurrence its own string: a tenth of a summary's memory).
    # Names every article repeats (a readout's phase, drug, label; the numbers' keys) are one
    # string each for the whole corpus.
    title, date = entry.get("title"), entry.get("date")
    for part in (doc, *(r for r in entry.get("readouts") or () if isinstance(r, dict))):
        if part.get("title") == title:
            part["title"] = title
        if part.get("date") == date:
            part["date"] = date
        for name in _SHARED:
            value = part.get(name)
            if isinstance(value, str) and len(value) <= 40:
                part[name] = sys.intern(value)
    numbers = doc.get("numbers")
    if isinstance(numbers, dict):
        doc["numbers"] = {sys.intern(k): v for k, v in numbers.items()}
    return Summary(from_data(Entry, entry), from_data(SearchDoc, doc))


_SHARED = ("label", "indication", "product", "drug", "trial", "trial_id", "phase")
"""A readout's fields that name what many articles name."""


def _key(path: str) -> bytes:
    """The row key of a file: its absolute path as the OS spells it (any bytes)."""
    return os.fsencode(os.path.abspath(path))


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def report_text(packed: bytes) -> str:
    """The `extract --format json` object of a row's packed parts."""
    return unpack_part(packed, REPORT).decode("utf-8", "surrogatepass")


def make_row(record: Record, summary: Summary | None = None) -> CacheRow:
    """Everything the cache keeps of an analysed article, ready to store (made in worker
    processes too)."""
    article = record.article
    summary = summary or summarise(record, keep=False)
    return CacheRow(
        path=_key(article.path),
        size=article.size,
        mtime_ns=article.mtime_ns,
        version=key_version(),
        id=_text(article.id),
        rpath=_text(article.path),
        problems=json.dumps([[p.message, p.level] for p in article.problems]),
        packed=pack_parts(
            (dumps(encode_summary(summary)), dumps(encode(article, record.extraction)), _text(report_fragment(record)))
        ),
    )


class Cache:
    """A SQLite file of analysed articles; every failure degrades to 'not cached'."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()
        self.path = self.folder / "articles.sqlite3"
        self.warning: str | None = None
        """Why the cache is not in use, if it is not (shown once to the user)."""
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._remade = False
        """Whether the file, found damaged while in use, was made again (only once a run)."""
        self._open()

    @property
    def enabled(self) -> bool:
        """Whether the cache is usable."""
        return self._db is not None

    def _open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.warning = f"cache folder {self.folder} cannot be created ({exc.strerror}); working without cache"
            return
        for attempt in range(2):
            try:
                self._db = self._connect()
                return
            except (sqlite3.DatabaseError, OSError, ValueError) as exc:
                self._close()
                if attempt == 0 and self._discard():
                    continue
                self.warning = f"cache {self.path} is unusable ({exc}); working without cache"
                return

    def _connect(self) -> sqlite3.Connection:
        return connect(self.path)

    def _discard(self) -> bool:
        return discard(self.path)

    def _close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def close(self) -> None:
        """Close the database."""
        self._close()

    def _row(self, columns: str, path: str, size: int, mtime_ns: int) -> tuple[Any, ...] | None:
        """The fresh row of a file (selected columns after the key ones), or None."""
        db = self._db
        if db is None:
            return None
        try:
            with self._lock:
                row = db.execute(
                    f"SELECT size, mtime_ns, version, {columns} FROM entries WHERE path=?",  # noqa: S608 - fixed names
                    (_key(path),),
                ).fetchone()
        except (sqlite3.Error, AttributeError) as exc:
            self._fail(exc, db)
            return None
        if row is None or row[0] != size or row[1] != mtime_ns or row[2] != key_version():
            return None
        return tuple(row[3:])

    def get(
        self, path: str, size: int, mtime_ns: int, article_id: str | None = None, *, text: bool = True
    ) -> tuple[Article, Extraction] | None:
        """The cached analysis of a file, if it is fresh and the file still holds the text it
        was made from (read again: a row keeps only its digest); None otherwise, or on any error.

        `text=False`: the file is not read (the article's body is empty, unless the row keeps the
        text: a PDF's, a page's), for what needs only the figures and the article's facts
        (exports, a cohort list)."""
        found = self._record(path, size, mtime_ns)
        if found is None:
            return None
        article, extraction, digest = found
        if text and digest is not None:
            again = load_one(path, article.id)
            if isinstance(again, Problem):
                return None  # unreadable now: the caller reads it again and says why
            if (again.size, again.mtime_ns) != (size, mtime_ns) or body_digest(again.body) != digest:
                return None  # changed since (even if its size and time were put back): analysed again
            article = replace(article, body=again.body)
        return rebind(article, extraction, article_id or article.id, path)

    def _record(self, path: str, size: int, mtime_ns: int) -> tuple[Article, Extraction, str | None] | None:
        row = self._row("packed", path, size, mtime_ns)
        if row is None:
            return None
        try:
            return decode(loads(unpack_part(row[0], RECORD)))
        except (ValueError, KeyError, TypeError, IndexError, AssertionError, zlib.error, struct.error):
            return None

    def summary(self, path: str, size: int, mtime_ns: int, article_id: str) -> Summary | None:
        """The cached entry and search document of a file, if fresh and stored under this id."""
        row = self._row("id, problems, packed", path, size, mtime_ns)
        if row is None:
            return None
        if row[0] != _text(article_id):
            hit = self.get(path, size, mtime_ns, article_id)  # the id is in the search text
            return None if hit is None else summarise(Record(*hit))
        try:
            data = loads(unpack_part(row[2], SUMMARY))
            return decode_summary(data, article_id, path, size, mtime_ns, json.loads(row[1]))
        except (ValueError, KeyError, TypeError, IndexError, zlib.error, struct.error):
            return None

    def report(self, path: str, size: int, mtime_ns: int, article_id: str) -> tuple[str, list[Problem]] | None:
        """The cached `extract --format json` object of a file and its warnings, if it was made
        for this id and path."""
        row = self._row("id, rpath, problems, packed", path, size, mtime_ns)
        if row is None or row[0] != _text(article_id) or row[1] != _text(path):
            return None
        try:
            problems = [Problem(path, m, lv) for m, lv in json.loads(row[2])]
            return report_text(row[3]), problems
        except (ValueError, TypeError, zlib.error, struct.error):
            return None

    def put_many(self, items: Iterable[tuple[Article, Extraction]]) -> None:
        """Store analyses (one transaction); errors only disable the cache."""
        if self._db is not None:
            self.put_rows([make_row(Record(article, extraction)) for article, extraction in items])

    def put_rows(self, rows: Iterable[CacheRow]) -> None:
        """Store rows made by `make_row` (one transaction); errors only disable the cache."""
        rows = list(rows)
        db = self._db
        if db is None or not rows:
            return
        try:
            with self._lock:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(INSERT, rows)
                db.execute("COMMIT")
        except (sqlite3.Error, AttributeError) as exc:
            with self._lock:
                try:
                    if self._db is db:
                        db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self._fail(exc, db)

    def _fail(self, exc: Exception, db: sqlite3.Connection) -> None:
        """A read or write on `db` failed: a damaged file (met now: it is not checked whole at
        open) is made again, once; anything else disables the cache for this run. A failure met
        on a connection already replaced (another thread's, made again meanwhile) changes nothing."""
        with self._lock:
            if self._db is not db:
                return
            self._close()
            if damaged(exc) and not self._remade and self._discard():
                self._remade = True
                self._open()
                if self._db is not None:
                    self.warning = f"cache {self.path} was damaged ({exc}); it is made again"
                    return
            self.warning = f"cache {self.path} failed ({exc}); working without cache"


def rebind(article: Article, extraction: Extraction, article_id: str, path: str) -> tuple[Article, Extraction]:
    """A cached analysis under this run's id and path (they depend on how the folder was named)."""
    if article.id == article_id and article.path == path:
        return article, extraction
    article = replace(
        article,
        id=article_id,
        path=path,
        problems=tuple(replace(p, path=path) for p in article.problems),
    )
    cohorts = tuple(replace(c, id=f"{article_id}#{c.id.rsplit('#', 1)[-1]}") for c in extraction.cohorts)
    return article, replace(extraction, article_id=article_id, cohorts=cohorts)
