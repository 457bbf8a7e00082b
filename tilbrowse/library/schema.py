"""The cache file's layout, and the version key no one has to remember to bump.

A row is fresh only when its file's size and mtime match and its `version` equals
`KEY_VERSION`: the schema number beside a digest of every source file and data table of the
parts whose output the cache stores (reading, extraction, statistics, the JSON report, the
search document, the library itself). Any change to that code — a new phrasing, a changed
table, a new field — changes the digest, so a newer tilbrowse never serves an older
extractor's figures, whatever its `__version__` says. The digest is computed once per process.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import sqlite3
from functools import cache
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_cache_dir

import tilbrowse

APPLICATION_ID = 0x54494C42  # "TILB"
SCHEMA = 5
"""The table layout and row encoding; a file of another schema is dropped and rebuilt."""

PAGE_SIZE = 65536
"""A row (4–10 KB packed) would take a 4 KB page and an overflow page of its own; 64 KB pages
hold a dozen rows each (measured on the bench corpus: 5.1 KB an article on disk with 4 KB pages,
4.7 KB with 64 KB)."""

DIGESTED = ("__init__.py", "catalog", "corpus", "extract", "stats", "export", "search", "trials", "library")
"""The parts of the package (below its folder) whose code decides what a cache row holds."""


class CacheRow(NamedTuple):
    """One cached article, as stored (made in worker processes too, so plain values only)."""

    path: bytes
    """The file's absolute path as the OS spells it (the key)."""
    size: int
    mtime_ns: int
    version: str
    id: bytes
    rpath: bytes
    """The path as the run named it (the report embeds it)."""
    problems: str
    """JSON `[[message, level], …]`: the article's warnings."""
    packed: bytes
    """`codec.pack_parts` of three parts: SUMMARY (JSON of the `Entry` and `SearchDoc`: what
    the browser keeps in memory), RECORD (JSON of the `Article` — a text file's without its
    text, which is read from the file again, with the text's digest — and the `Extraction`: the
    detail pane, comparison, exports) and REPORT (the `extract --format json` object of the article)."""


SUMMARY, RECORD, REPORT = range(3)
"""The parts of `CacheRow.packed`, in stream order."""


COLUMNS = CacheRow._fields
_TYPES = {"path": "BLOB PRIMARY KEY", "size": "INTEGER", "mtime_ns": "INTEGER", "version": "TEXT", "problems": "TEXT"}
CREATE = "CREATE TABLE IF NOT EXISTS entries ({})".format(", ".join(f"{c} {_TYPES.get(c, 'BLOB')}" for c in COLUMNS))
INSERT = "INSERT OR REPLACE INTO entries VALUES ({})".format(", ".join("?" for _ in COLUMNS))


def code_digest(root: Path | None = None) -> str:
    """A digest of the files under `root` (default: this package) named in `DIGESTED`."""
    root = root or Path(tilbrowse.__file__).parent
    digest = hashlib.sha256()
    for relative in sorted(_files(root)):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update((root / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _files(root: Path) -> list[str]:
    found = []
    for part in DIGESTED:
        top = root / part
        if top.is_file():
            found.append(part)
            continue
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                if not name.endswith((".pyc", ".pyo")):
                    found.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return found


@cache
def key_version() -> str:
    """The version every fresh row carries: schema and code digest (computed once per process).

    If the package's files cannot be read, a token of this process only: nothing is reused."""
    try:
        return f"{SCHEMA}/{code_digest()}"
    except OSError:
        return f"{SCHEMA}/unread-{secrets.token_hex(8)}"


def default_cache_dir() -> Path:
    """`~/.cache/tilbrowse` on Linux (XDG_CACHE_HOME moves it)."""
    return Path(user_cache_dir("tilbrowse", appauthor=False))


def connect(path: Path) -> sqlite3.Connection:
    """Open the cache file, creating its table; raises ValueError for a foreign file and
    sqlite3.DatabaseError for one that is not a database or is of another schema (`Cache`
    discards those and makes the file again)."""
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and (app_id != APPLICATION_ID or "entries" not in tables):
            raise ValueError("not a tilbrowse cache")
        if tables and db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
            # Ours, from another version: the file is made again (its page size is set only
            # before its first table).
            raise sqlite3.DatabaseError("a cache of another layout")
        if not tables:
            db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute(CREATE)
        # No integrity check here: it reads the whole file (3.5 s for a cache of 100,000 articles
        # on a disk not read since the machine started). A damaged page is met when it is read,
        # and the cache is then made again (`Cache`).
    except BaseException:
        db.close()
        raise
    return db


CORRUPT = (11, 26)
"""SQLITE_CORRUPT, SQLITE_NOTADB: the file is damaged (not busy, locked or read-only)."""


def damaged(exc: BaseException) -> bool:
    """Whether an error says the cache file itself is damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.DatabaseError) and isinstance(code, int) and code & 0xFF in CORRUPT


IMAGES_FOLDER = "images"
"""The folder beside the cache file that holds the library's images (`library.image`)."""


def discard(path: Path) -> bool:
    """Remove a corrupt or foreign cache file and its journals (it is ours to rebuild), and the
    library's images beside it: a start that restores an image reads no row, so rows lost with
    the file would never be written again (every article opened would be analysed again)."""
    try:
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(str(path) + suffix)
            if candidate.exists():
                candidate.unlink()
    except OSError:
        return False
    shutil.rmtree(path.parent / IMAGES_FOLDER, ignore_errors=True)
    return True
