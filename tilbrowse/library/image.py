"""The library as it stood at the end of a load, written beside the cache: the next start on the
same folders restores it in parts (a few hundred milliseconds at 10,000 articles) instead of
decoding every article's summary and filing its words again, then checks the folders and loads
only what changed since (`loading.Loading`).

An image holds, per article, its `Entry`, its packed readouts and what the search index keeps
of it (`tilbrowse.search.image`), plus the files that failed (tried again at the next start: a
failure may pass). It is written
whole (to a temporary file, then renamed over the old one: a reader never sees half an image),
one per set of folders opened (`IMAGES` most recently used are kept), only when the load found
something the image did not hold. It is fresh while the code that made it is the running code
(the cache's version key, the Python version) and the index of body words on disk holds every
article's words.

Data only: `marshal` of lists, dicts, strings and numbers, compressed, with a checksum per part
read before a byte of it is decoded; never pickle (a cache file is not trusted code). A damaged,
foreign or stale image is ignored (and replaced at the end of the load).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tilbrowse.corpus.models import Problem
from tilbrowse.library.record import Entry
from tilbrowse.library.schema import IMAGES_FOLDER, key_version
from tilbrowse.search import image as search_image

if TYPE_CHECKING:
    from tilbrowse.library.cache import Cache
    from tilbrowse.library.library import Library
    from tilbrowse.library.watch import Signature

FOLDER = IMAGES_FOLDER
"""The images' folder in the cache folder."""
MAGIC = b"tilbrowse library image 2\n"
IMAGES = 8
"""Images kept (of the folders opened most recently)."""
LEVEL = 3
"""zlib level. A part of 30,000 articles (44 MB) is 11.3 MB at level 6 but takes 1.5 s to write;
12.6 MB at level 3 in 0.58 s; 13.3 MB at level 1 in 0.38 s; each is inflated in 0.13–0.15 s. An
image is written after every load that changed the library (at 100,000 articles 6 s of a core at
level 6), and the cache's rows no longer need the bytes."""


def image_path(cache: Cache, paths: Sequence[str | os.PathLike[str]]) -> Path:
    """Where the image of a set of folders (as named, from where they were named) lives."""
    roots = [os.fspath(p) for p in paths]
    named = "\0".join([*roots, "", *(os.path.abspath(r) for r in roots)])
    digest = hashlib.blake2b(named.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return cache.folder / FOLDER / f"{digest}.img"


def _roots(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    roots = [os.fspath(p) for p in paths]
    return [*roots, *(os.path.abspath(r) for r in roots)]


# Writing ----------------------------------------------------------------------------------------


def write(library: Library, cache: Cache, paths: Sequence[str | os.PathLike[str]], seen: dict[str, Signature]) -> bool:
    """Write the image of a library loaded from `paths` (`seen`: its files as read); whether it
    was written. Called by the thread that fills the library, once it is filled (nothing changes
    the library meanwhile; searches only read it)."""
    if not cache.enabled:
        return False
    try:
        return _write(library, cache, paths, seen)
    except Exception:  # noqa: BLE001 - an image only saves time; failing to write one never fails a load
        return False


def _write(library: Library, cache: Cache, paths: Sequence[str | os.PathLike[str]], seen: dict[str, Signature]) -> bool:
    exported = library.index.image()
    if exported is None:
        return False
    entries = library.entries
    failed = {p: sig for p, sig in seen.items() if (e := entries.get(sig[2])) is None or e.path != p}
    meta = {"failed": failed}
    blobs = [_pack(meta)]
    count = 0
    for ids, part in exported:
        blobs.append(_pack(([_entry_tuple(entries[i], library.packed_readouts(i)) for i in ids], part)))
        count += len(ids)
    header = marshal.dumps(
        {
            "version": key_version(),
            "python": list(sys.version_info[:2]),
            "layout": search_image.LAYOUT,
            "roots": _roots(paths),
            "count": count,
            "blobs": [(len(b), hashlib.blake2b(b, digest_size=16).digest()) for b in blobs],
        }
    )
    target = image_path(cache, paths)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".writing-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + struct.pack("<I", len(header)) + header)
                for blob in blobs:
                    out.write(blob)
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        return False  # an image only saves time: without one the next start reads the cache
    _prune(target.parent)
    return True


def _pack(data: Any) -> bytes:
    return zlib.compress(marshal.dumps(data), LEVEL)


def _entry_tuple(e: Entry, readouts: bytes) -> tuple[Any, ...]:
    return (
        e.id,
        e.path,
        e.title,
        e.date,
        e.size,
        e.mtime_ns,
        e.cohorts,
        e.best_orr,
        [astuple(p) for p in e.problems],
        e.source_url,
        readouts,
    )


def _prune(folder: Path) -> None:
    """Keep the images used most recently (reading one marks it used)."""
    try:
        images = sorted(folder.glob("*.img"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in images[IMAGES:]:
            old.unlink()
        for stray in folder.glob(".writing-*"):  # a write cut short long ago
            if stray.stat().st_mtime < time.time() - 3600:
                stray.unlink()
    except OSError:
        pass


# Reading ----------------------------------------------------------------------------------------


class Image:
    """An image found fresh for these folders: its counts, failures and problems, and its parts
    (decoded one at a time, each checked against its checksum first)."""

    def __init__(self, path: Path, fd: int, count: int, blobs: list[tuple[int, bytes]], offset: int) -> None:
        self.path = path
        self._fd = fd
        """The image file, open from `read` until `close`: read through it, an image another
        tilbrowse replaces meanwhile (renamed over this one) is still this one."""
        self.count = count
        """Articles it holds."""
        self._blobs = blobs
        self._offset = offset
        meta = self._read(0)
        self.failed: dict[str, Signature] = {
            str(p): (int(s[0]), int(s[1]), str(s[2])) for p, s in dict(meta["failed"]).items()
        }
        """Files that failed to load, with the signature they had (tried again at the next
        start: a failure may pass)."""

    def close(self) -> None:
        """Let go of the file."""
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def _raw(self, index: int) -> bytes:
        """Blob `index` read, checked against its checksum and inflated (zlib and the checksum
        let go of the interpreter's lock: this runs beside the restoring)."""
        start = self._offset + sum(length for length, _ in self._blobs[:index])
        length, digest = self._blobs[index]
        blob = os.pread(self._fd, length, start)
        if len(blob) != length or hashlib.blake2b(blob, digest_size=16).digest() != digest:
            raise ValueError("damaged image")
        return zlib.decompress(blob)

    def _read(self, index: int) -> Any:
        return marshal.loads(self._raw(index))

    def decoded(self) -> Iterator[tuple[list[Entry], list[bytes], search_image.Decoded]]:
        """Every part in order (from the first): its entries, their packed readouts
        (`trials.readout.pack`) and the search index's part, in the same order, decoded (the
        library's lock is needed only to add them). The next part's bytes are read and inflated
        in a thread while one is decoded and added. Raises ValueError (TypeError, KeyError,
        EOFError, zlib.error, OSError) on a damaged part."""
        from concurrent.futures import ThreadPoolExecutor

        last = len(self._blobs) - 1
        with ThreadPoolExecutor(1, thread_name_prefix="tilbrowse-image") as pool:
            ahead = pool.submit(self._raw, 1) if last >= 1 else None
            for index in range(1, last + 1):
                assert ahead is not None
                raw = ahead.result()
                ahead = pool.submit(self._raw, index + 1) if index < last else None
                yield self._part(marshal.loads(raw))

    @staticmethod
    def _part(data: Any) -> tuple[list[Entry], list[bytes], search_image.Decoded]:
        rows, part = data
        readouts = [r[10] for r in rows]
        if not all(isinstance(r, bytes) for r in readouts):
            raise TypeError("not packed readouts")
        return [_entry(r) for r in rows], readouts, search_image.decode(part)


def read(cache: Cache, paths: Sequence[str | os.PathLike[str]]) -> Image | None:
    """The image of these folders if there is a fresh one, else None (never raises)."""
    if not cache.enabled:
        return None
    path = image_path(cache, paths)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        head = os.pread(fd, len(MAGIC) + 4, 0)
        if len(head) != len(MAGIC) + 4 or not head.startswith(MAGIC):
            raise ValueError("not an image")
        (size,) = struct.unpack("<I", head[len(MAGIC) :])
        header = marshal.loads(os.pread(fd, size, len(MAGIC) + 4))
        if (
            header.get("version") != key_version()
            or header.get("python") != list(sys.version_info[:2])
            or header.get("layout") != search_image.LAYOUT
            or header.get("roots") != _roots(paths)
        ):
            raise ValueError("an image of other code or other folders")
        blobs = [(int(n), d) for n, d in header["blobs"]]
        if not blobs or any(n < 0 or not isinstance(d, bytes) or len(d) != 16 for n, d in blobs):
            raise ValueError("not an image")
        if os.fstat(fd).st_size != len(MAGIC) + 4 + size + sum(n for n, _ in blobs):
            raise ValueError("a truncated image")
        image = Image(path, fd, int(header["count"]), blobs, len(MAGIC) + 4 + size)
    except Exception:  # noqa: BLE001 - a damaged or foreign image is only not used
        os.close(fd)
        return None
    try:
        os.utime(path)  # used: kept when others are pruned
    except OSError:
        pass
    return image


def _entry(t: Sequence[Any]) -> Entry:
    eid, path, title, date, size, mtime_ns, cohorts, best_orr, problems, source_url, _readouts = t
    return Entry(
        id=eid,
        path=path,
        title=title,
        date=date,
        size=size,
        mtime_ns=mtime_ns,
        cohorts=cohorts,
        best_orr=best_orr,
        problems=tuple(Problem(*p) for p in problems),
        source_url=source_url,
    )


__all__ = ["FOLDER", "Image", "image_path", "read", "write"]
