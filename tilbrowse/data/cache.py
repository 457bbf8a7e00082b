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

APPLICATION_ID = 0x54494C42  # "TILB"
SCHEMA = 1
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


# The store ---------------------------------------------------------------------------------------


class Cache:
    """A SQLite file of analysed articles; every failure degrades to 'not cached'."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()
        self.path = self.folder / "articles.sqlite3"
        self.warning: str | None = None
        """Why the cache is not in use, if it is not (shown once to the user)."""
        self._db: sqlite3.Connection | None = None
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
            if not tables:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                    "version TEXT, data BLOB)"
                )
            elif app_id != APPLICATION_ID or "entries" not in tables:
                raise ValueError("not a tilbrowse cache")
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

    def get(
        self, path: str, size: int, mtime_ns: int, article_id: str | None = None
    ) -> tuple[Article, Extraction] | None:
        """The cached analysis of a file, if it is fresh; None otherwise (or on any error)."""
        if self._db is None:
            return None
        key = os.path.abspath(path)
        try:
            row = self._db.execute("SELECT size, mtime_ns, version, data FROM entries WHERE path=?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None or row[0] != size or row[1] != mtime_ns or row[2] != KEY_VERSION:
            return None
        try:
            article, extraction = decode(json.loads(zlib.decompress(row[3])))
        except (ValueError, KeyError, TypeError, IndexError, AssertionError, zlib.error):
            return None
        return rebind(article, extraction, article_id or article.id, path)

    def put_many(self, items: Iterable[tuple[Article, Extraction]]) -> None:
        """Store analyses (one transaction); errors only disable the cache."""
        if self._db is None:
            return
        rows = []
        for article, extraction in items:
            data = zlib.compress(json.dumps(encode(article, extraction), separators=(",", ":")).encode(), 1)
            rows.append((os.path.abspath(article.path), article.size, article.mtime_ns, KEY_VERSION, data))
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
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
