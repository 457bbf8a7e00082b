"""On-disk cache of parsed and extracted articles (SQLite, in the user cache folder).

Keyed by the file's absolute path, size and mtime, and by the extractor and tilbrowse
versions, so a changed file or a new extractor is read again. Entries are JSON (never
pickle: a cache file is not trusted code), compressed. A corrupt, truncated or foreign
cache file is detected and rebuilt; a cache that cannot be opened or written is skipped
with one warning — tilbrowse then simply works without it. Concurrent runs are safe
(SQLite WAL, busy timeout, one transaction per batch).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from tilbrowse import __version__
from tilbrowse.data.extract import EXTRACTOR_VERSION
from tilbrowse.data.extract.model import (
    ArticleFacts,
    Check,
    Cohort,
    Derived,
    Duration,
    Evidence,
    Extraction,
    OtherFigure,
    Outcome,
    Rate,
)
from tilbrowse.data.models import Article, Entity, Problem, Section, Source
from tilbrowse.data.record import Entry, Record, Summary, report_fragment, summarise
from tilbrowse.data.search import SearchDoc

APPLICATION_ID = 0x54494C42  # "TILB"
SCHEMA = 2
KEY_VERSION = f"{__version__}/{EXTRACTOR_VERSION}/{SCHEMA}"


def default_cache_dir() -> Path:
    """`~/.cache/tilbrowse` on Linux (XDG_CACHE_HOME moves it)."""
    return Path(user_cache_dir("tilbrowse", appauthor=False))


# Encoding ----------------------------------------------------------------------------------------


def _ev(e: Evidence | None) -> list[Any] | None:
    return None if e is None else [e.text, e.start, e.end, e.match_start, e.match_end]


def _unev(v: Any) -> Evidence | None:
    return None if v is None else Evidence(v[0], v[1], v[2], v[3], v[4])


def _outcome(o: Outcome) -> dict[str, Any]:
    if isinstance(o, Rate):
        return {
            "t": "r",
            "c": o.count,
            "p": o.percent,
            "e": _ev(o.evidence),
            "ci": list(o.ci95) if o.ci95 else None,
            "a": o.approximate,
            "d": o.denominator,
        }
    return {
        "t": "d",
        "m": o.months,
        "nr": o.not_reached,
        "e": _ev(o.evidence),
        "v": o.value,
        "u": o.unit,
        "ci": list(o.ci95) if o.ci95 else None,
        "a": o.approximate,
    }


def _unoutcome(d: dict[str, Any]) -> Outcome:
    evidence = _unev(d["e"])
    assert evidence is not None
    if d["t"] == "r":
        return Rate(d["c"], d["p"], evidence, tuple(d["ci"]) if d["ci"] else None, d["a"], d["d"])
    return Duration(d["m"], d["nr"], evidence, d["v"], d["u"], tuple(d["ci"]) if d["ci"] else None, d["a"])


def encode(article: Article, extraction: Extraction) -> dict[str, Any]:
    """An analysed article as JSON-ready data."""
    return {
        "a": {
            "id": article.id,
            "path": article.path,
            "title": article.title,
            "body": article.body,
            "date": article.date,
            "timestamp": article.timestamp,
            "author": article.author,
            "standfirst": article.standfirst,
            "summary": article.summary,
            "tags": list(article.tags),
            "entities": [[e.name, e.type] for e in article.entities],
            "sources": [[s.url, s.title, s.feed] for s in article.sources],
            "trial_ids": list(article.trial_ids),
            "sections": [[s.title, s.start, s.end] for s in article.sections],
            "meta": article.meta,
            "shape": article.shape,
            "problems": [[p.path, p.message, p.level] for p in article.problems],
            "size": article.size,
            "mtime_ns": article.mtime_ns,
        },
        "x": {
            "cohorts": [
                {
                    "id": c.id,
                    "label": c.label,
                    "indication": c.indication,
                    "product": c.product,
                    "trial_id": c.trial_id,
                    "phase": c.phase,
                    "n": c.n,
                    "age": c.median_age,
                    "o": {k: _outcome(v) for k, v in c.outcomes.items()},
                    "d": {
                        k: [v.count, v.percent, list(v.ci95) if v.ci95 else None, v.basis] for k, v in c.derived.items()
                    },
                    "other": {k: [_ev(v.evidence), v.percent, v.count, v.value, v.unit] for k, v in c.other.items()},
                    "checks": [[ch.level, ch.message] for ch in c.checks],
                    "ne": _ev(c.n_evidence),
                }
                for c in extraction.cohorts
            ],
            "facts": [
                list(extraction.facts.products),
                list(extraction.facts.indications),
                list(extraction.facts.phases),
                list(extraction.facts.trial_ids),
            ],
        },
    }


def decode(data: dict[str, Any]) -> tuple[Article, Extraction]:
    """The inverse of `encode`; raises KeyError/TypeError/ValueError on foreign data."""
    a = data["a"]
    article = Article(
        id=a["id"],
        path=a["path"],
        title=a["title"],
        body=a["body"],
        date=a["date"],
        timestamp=a["timestamp"],
        author=a["author"],
        standfirst=a["standfirst"],
        summary=a["summary"],
        tags=tuple(a["tags"]),
        entities=tuple(Entity(n, t) for n, t in a["entities"]),
        sources=tuple(Source(u, t, f) for u, t, f in a["sources"]),
        trial_ids=tuple(a["trial_ids"]),
        sections=tuple(Section(t, s, e) for t, s, e in a["sections"]),
        meta=dict(a["meta"]),
        shape=a["shape"],
        problems=tuple(Problem(p, m, lv) for p, m, lv in a["problems"]),
        size=a["size"],
        mtime_ns=a["mtime_ns"],
    )
    x = data["x"]
    cohorts = []
    for c in x["cohorts"]:
        cohorts.append(
            Cohort(
                id=c["id"],
                label=c["label"],
                indication=c["indication"],
                product=c["product"],
                trial_id=c["trial_id"],
                phase=c["phase"],
                n=c["n"],
                median_age=c["age"],
                outcomes={k: _unoutcome(v) for k, v in c["o"].items()},
                derived={k: Derived(v[0], v[1], tuple(v[2]) if v[2] else None, v[3]) for k, v in c["d"].items()},
                other={k: OtherFigure(k, _unev(v[0]), v[1], v[2], v[3], v[4]) for k, v in c["other"].items()},  # type: ignore[arg-type]
                checks=tuple(Check(lv, m) for lv, m in c["checks"]),
                n_evidence=_unev(c["ne"]),
            )
        )
    f = x["facts"]
    facts = ArticleFacts(tuple(f[0]), tuple(f[1]), tuple(f[2]), tuple(f[3]))
    return article, Extraction(article.id, tuple(cohorts), facts)


def encode_summary(summary: Summary) -> list[Any]:
    """The in-memory part of an analysed article as JSON-ready data (id, path, size and mtime
    are the row's)."""
    e, d = summary.entry, summary.doc
    return [
        e.title,
        e.date,
        e.cohorts,
        e.best_orr,
        e.source_url,
        d.title,
        d.text,
        list(d.bounds),
        list(d.tags),
        list(d.drugs),
        list(d.diseases),
        list(d.trial_ids),
        list(d.sources),
        d.numbers,
        d.body,
    ]


def decode_summary(v: list[Any], article_id: str, path: str, size: int, mtime_ns: int, problems: list[Any]) -> Summary:
    """The inverse of `encode_summary`."""
    entry = Entry(
        id=article_id,
        path=path,
        title=v[0],
        date=v[1],
        size=size,
        mtime_ns=mtime_ns,
        cohorts=v[2],
        best_orr=v[3],
        problems=tuple(Problem(path, m, lv) for m, lv in problems),
        source_url=v[4],
    )
    doc = SearchDoc(
        id=article_id,
        title=v[5],
        date=v[1],
        text=v[6],
        bounds=tuple(v[7]),
        tags=tuple(v[8]),
        drugs=tuple(v[9]),
        diseases=tuple(v[10]),
        trial_ids=tuple(v[11]),
        sources=tuple(v[12]),
        numbers=dict(v[13]),
        body=v[14],
    )
    return Summary(entry, doc)


def _pack(data: Any) -> bytes:
    # surrogatepass: a file name with undecodable bytes is kept exactly (lone surrogates).
    return zlib.compress(
        json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass"), 1
    )


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


def _key(path: str) -> bytes:
    """The row key of a file: its absolute path as the OS spells it (any bytes)."""
    return os.fsencode(os.path.abspath(path))


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def make_row(record: Record, summary: Summary | None = None) -> tuple[object, ...]:
    """Everything the cache keeps of an analysed article, ready to store (made in worker
    processes too): key, size, mtime, version, id, path, problems, summary, record, report."""
    article = record.article
    summary = summary or summarise(record, keep=False)
    return (
        _key(article.path),
        article.size,
        article.mtime_ns,
        KEY_VERSION,
        _text(article.id),
        _text(article.path),
        json.dumps([[p.message, p.level] for p in article.problems]),
        _pack(encode_summary(summary)),
        _pack(encode(article, record.extraction)),
        zlib.compress(_text(report_fragment(record)), 1),
    )


# The store ---------------------------------------------------------------------------------------


class Cache:
    """A SQLite file of analysed articles; every failure degrades to 'not cached'."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()
        self.path = self.folder / "articles.sqlite3"
        self.warning: str | None = None
        """Why the cache is not in use, if it is not (shown once to the user)."""
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
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
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and (app_id != APPLICATION_ID or "entries" not in tables):
                raise ValueError("not a tilbrowse cache")
            if tables and db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                db.execute("DROP TABLE entries")  # ours, from another version: rebuilt
                tables = set()
            if not tables:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                db.execute(f"PRAGMA user_version={SCHEMA}")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                    "version TEXT, id BLOB, rpath BLOB, problems TEXT, summary BLOB, record BLOB, report BLOB)"
                )
            db.execute("PRAGMA quick_check").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self) -> bool:
        """Remove a corrupt or foreign cache file (it is ours to rebuild)."""
        try:
            for suffix in ("", "-wal", "-shm"):
                candidate = Path(str(self.path) + suffix)
                if candidate.exists():
                    candidate.unlink()
            return True
        except OSError:
            return False

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
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute(
                    f"SELECT size, mtime_ns, version, {columns} FROM entries WHERE path=?",  # noqa: S608 - fixed names
                    (_key(path),),
                ).fetchone()
        except (sqlite3.Error, AttributeError) as exc:
            self._fail(exc)
            return None
        if row is None or row[0] != size or row[1] != mtime_ns or row[2] != KEY_VERSION:
            return None
        return tuple(row[3:])

    def get(
        self, path: str, size: int, mtime_ns: int, article_id: str | None = None
    ) -> tuple[Article, Extraction] | None:
        """The cached analysis of a file, if it is fresh; None otherwise (or on any error)."""
        row = self._row("record", path, size, mtime_ns)
        if row is None:
            return None
        try:
            article, extraction = decode(_unpack(row[0]))
        except (ValueError, KeyError, TypeError, IndexError, AssertionError, zlib.error):
            return None
        return rebind(article, extraction, article_id or article.id, path)

    def summary(self, path: str, size: int, mtime_ns: int, article_id: str) -> Summary | None:
        """The cached entry and search document of a file, if fresh and stored under this id."""
        row = self._row("id, problems, summary", path, size, mtime_ns)
        if row is None:
            return None
        if row[0] != _text(article_id):
            hit = self.get(path, size, mtime_ns, article_id)  # the id is in the search text
            return None if hit is None else summarise(Record(*hit))
        try:
            return decode_summary(_unpack(row[2]), article_id, path, size, mtime_ns, json.loads(row[1]))
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None

    def report(self, path: str, size: int, mtime_ns: int, article_id: str) -> tuple[str, list[Problem]] | None:
        """The cached `extract --format json` object of a file and its warnings, if it was made
        for this id and path."""
        row = self._row("id, rpath, problems, report", path, size, mtime_ns)
        if row is None or row[0] != _text(article_id) or row[1] != _text(path):
            return None
        try:
            problems = [Problem(path, m, lv) for m, lv in json.loads(row[2])]
            return zlib.decompress(row[3]).decode("utf-8", "surrogatepass"), problems
        except (ValueError, TypeError, zlib.error, UnicodeDecodeError):
            return None

    def put_many(self, items: Iterable[tuple[Article, Extraction]]) -> None:
        """Store analyses (one transaction); errors only disable the cache."""
        if self._db is not None:
            self.put_rows([make_row(Record(article, extraction)) for article, extraction in items])

    def put_rows(self, rows: Iterable[tuple[object, ...]]) -> None:
        """Store rows made by `make_row` (one transaction); errors only disable the cache."""
        rows = list(rows)
        if self._db is None or not rows:
            return
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self._db.execute("COMMIT")
        except (sqlite3.Error, AttributeError) as exc:
            try:
                if self._db is not None:
                    self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.warning = f"cache {self.path} failed ({exc}); working without cache"
        self._close()


def rebind(article: Article, extraction: Extraction, article_id: str, path: str) -> tuple[Article, Extraction]:
    """A cached analysis under this run's id and path (they depend on how the folder was named)."""
    if article.id == article_id and article.path == path:
        return article, extraction
    from dataclasses import replace

    article = replace(
        article,
        id=article_id,
        path=path,
        problems=tuple(replace(p, path=path) for p in article.problems),
    )
    cohorts = tuple(replace(c, id=f"{article_id}#{c.id.rsplit('#', 1)[-1]}") for c in extraction.cohorts)
    return article, replace(extraction, article_id=article_id, cohorts=cohorts)
