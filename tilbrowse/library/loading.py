"""Loading a corpus in batches: from an image of the library when there is a fresh one, then
from the cache, and by analysing the rest (in worker processes when there are many).

No UI here: `Library.load` (the CLI) and `loader.Loader` (the browser, in a thread) both run a
`Loading` and add its batches to a library.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import tilbrowse.extract
from tilbrowse.corpus.load import assign_ids, discover, load_one
from tilbrowse.corpus.models import Article, Problem
from tilbrowse.export.report import with_warnings
from tilbrowse.library.cache import Cache, make_row
from tilbrowse.library.image import Image
from tilbrowse.library.image import read as read_image
from tilbrowse.library.record import Record, Summary, summarise
from tilbrowse.library.watch import Signature, compare, scan

if TYPE_CHECKING:
    from tilbrowse.library.library import Library


@dataclass(frozen=True)
class Tally:
    """How far a load has come, for a progress display: files found, and of them done so far
    (read from the cache, or read and analysed now — the slow part)."""

    total: int
    done: int
    analysed: int

    @property
    def cached(self) -> int:
        return self.done - self.analysed


OnProgress = Callable[[Tally], None]
"""Called as a load goes on (from the loading thread), with a tally each time."""


@dataclass(frozen=True)
class Batch:
    """Part of a corpus loaded so far, for loading in the background with progress."""

    summaries: tuple[Summary, ...]
    problems: tuple[Problem, ...]
    done: int
    """Files processed so far."""
    total: int
    """Files discovered."""
    analysed: int = 0
    """Of the files done, those read and analysed now (not from the cache)."""
    restored: int = 0
    """Articles this batch restored into the library from an image (`library.image`)."""

    @property
    def tally(self) -> Tally:
        """How far the load has come with this batch."""
        return Tally(self.total, self.done, self.analysed)

    @property
    def records(self) -> tuple[Record, ...]:
        """The full records at hand in this batch (those analysed in this process)."""
        return tuple(s.record for s in self.summaries if s.record is not None)


def analyse(path: str, article_id: str) -> Record | Problem:
    """Load and extract one file (runs in worker processes too)."""
    result = load_one(path, article_id)
    if isinstance(result, Problem):
        return result
    return record_of(result)


def record_of(article: Article) -> Record:
    """An article extracted; what the extraction left unread is a warning on the article."""
    extraction = tilbrowse.extract.extract(article)  # the readers load on first use
    return Record(with_warnings(article, extraction), extraction)


def analyse_summary(path: str, article_id: str, keep: bool = True) -> Summary | Problem:
    """Load, extract and summarise one file, with its cache row (runs in worker processes too)."""
    result = analyse(path, article_id)
    if isinstance(result, Problem):
        return result
    summary = summarise(result, keep=False)
    return Summary(summary.entry, summary.doc, result if keep else None, make_row(result, summary))


def _analyse_chunk(chunk: list[tuple[str, str]], keep: bool = False) -> list[Summary | Problem]:
    return [analyse_summary(path, article_id, keep=keep) for path, article_id in chunk]


PARALLEL_FROM = 400
"""Files to analyse above which a process pool uses every core."""


def load_in_batches(
    paths: Sequence[str | os.PathLike[str]],
    batch_size: int = 200,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    keep: bool = False,
) -> Iterator[Batch]:
    """Discover, load and analyse the articles under the paths, yielding batches as they are
    ready (a `Loading` without an image)."""
    return iter(Loading(paths, batch_size, cache=cache, workers=workers, keep=keep))


class Loading:
    """One load of a corpus, in batches as they are ready (iterate once), and what it found.

    Cached articles come first (their summaries only); the rest are analysed in order, in
    worker processes when there are many, and stored in the cache. The first batches are
    small so the first rows appear at once. Full records come along from worker processes
    only when `keep` is set (sending them back costs).

    Loading `into` a library with a cache, a fresh image of the library for these folders
    (`library.image`) is restored first, part by part (its batches carry no summaries: the
    articles are in the library already); then the folders are looked at, the articles gone
    since are removed from the library and those new or changed are loaded as above.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        batch_size: int = 200,
        *,
        cache: Cache | None = None,
        workers: int | None = None,
        keep: bool = False,
        into: Library | None = None,
    ) -> None:
        self.paths = list(paths)
        self.batch_size = batch_size
        self.cache = cache
        self.workers = workers
        self.keep = keep
        self.into = into
        self.seen: dict[str, Signature] = {}
        """Each file as it was when read (size, mtime, id): what the folder watcher compares
        against (files that failed included, so they are not read again at every look)."""
        self.restored = 0
        """Articles restored from an image (and unchanged since it was written)."""
        self.changed: tuple[str, ...] = ()
        """Of an image's folders, the articles new or changed since it was written."""
        self.removed: tuple[str, ...] = ()
        """Of an image's folders, the articles gone since it was written."""
        self.stale = True
        """Whether an image would hold more than the one restored (or none was)."""

    def __iter__(self) -> Iterator[Batch]:
        into, cache = self.into, self.cache
        if into is not None and cache is not None:
            image = read_image(cache, self.paths)
            if image is not None and (yield from self._restore(into, image)):
                yield from self._verify(into, image)
                return
        candidates, problems = discover(self.paths)
        ids = assign_ids(candidates)
        pairs = [(cand.path, article_id) for cand, article_id in zip(candidates, ids, strict=True)]
        yield from self._batches(pairs, problems, 0, len(pairs))

    def _restore(self, into: Library, image: Image) -> Generator[Batch, None, bool]:
        """Restore the image part by part; whether it was (else the library is left empty)."""
        if into.entries or len(into.index):
            return False
        done = 0
        try:
            for entries, readouts, part in image.decoded():
                into.restore(entries, readouts, part)
                done += len(entries)
                yield Batch((), (), done, image.count, restored=len(entries))
        except Exception:  # noqa: BLE001 - whatever is wrong with an image, the folders are read as without one
            into.reset()
            return False
        finally:
            image.close()
        self.restored = done
        return True

    def _verify(self, into: Library, image: Image) -> Iterator[Batch]:
        """After an image: what changed in the folders since it was written is applied."""
        now, problems = scan(self.paths)
        with into.lock:
            then = {e.path: (e.size, e.mtime_ns, e.id) for e in into.entries.values()}
        self.restored = sum(1 for path, sig in then.items() if now.get(path) == sig)
        changes = compare(then, now)
        # Changed files are read again (one failing now is no longer an article). Files that
        # failed are tried again at every start, as without an image (a failure may have been
        # passing: a read error, a permission since given), and their problems met again.
        for article_id in (*changes.removed, *(i for _path, i in changes.changed)):
            into.remove(article_id)
        failed = image.failed
        retried = {path for path, _id in changes.changed if path in failed and now[path] == failed[path]}
        self.seen = now
        self.changed = tuple(article_id for path, article_id in changes.changed if path not in retried)
        self.removed = changes.removed
        done = len(now) - len(changes.changed)
        yield from self._batches(list(changes.changed), problems, done, len(now))
        # Written again when the library differs from the image: an article came or went, or a
        # file that failed loads now.
        self.stale = bool(self.changed or self.removed or any(failed[p][2] in into.entries for p in retried))

    def _batches(self, pairs: list[tuple[str, str]], problems: list[Problem], done: int, total: int) -> Iterator[Batch]:
        """Load files (path, id) through the cache, analysing the rest; `done` of `total` are
        in the library already."""
        if not pairs:
            yield Batch((), tuple(problems), done, total)
            return
        cache, seen, batch_size = self.cache, self.seen, self.batch_size
        caching = cache is not None and cache.enabled
        todo: list[tuple[str, str]] = []
        failed: list[Problem] = list(problems)
        cached: list[Summary] = []
        size = min(10, batch_size)
        for path, article_id in pairs:
            try:
                st = os.stat(path)
            except OSError:
                todo.append((path, article_id))  # reading it says why it cannot be read
                continue
            seen[path] = (st.st_size, st.st_mtime_ns, article_id)
            hit = cache.summary(path, st.st_size, st.st_mtime_ns, article_id) if caching and cache else None
            if hit is None:
                todo.append((path, article_id))
                continue
            cached.append(hit)
            if len(cached) >= size:
                done += len(cached)
                yield Batch(tuple(cached), tuple(failed), done, total)
                cached, failed = [], []
                size = min(max(batch_size, 1000), size * 2)
        if cached or failed:
            done += len(cached)
            yield Batch(tuple(cached), tuple(failed), done, total)
            failed = []
        from_cache = done
        summaries: list[Summary] = []
        size = min(10, batch_size)
        for result in _analysed(todo, self.workers, self.keep):
            done += 1
            if isinstance(result, Problem):
                failed.append(result)
            else:
                summaries.append(result)
            if len(summaries) + len(failed) >= size or done == total:
                if cache is not None:
                    cache.put_rows(s.row for s in summaries if s.row is not None)
                yield Batch(tuple(_without_row(s) for s in summaries), tuple(failed), done, total, done - from_cache)
                summaries, failed = [], []
                size = min(batch_size, size * 2)
        if failed:
            yield Batch((), tuple(failed), done, total, done - from_cache)


def _from_cache(cache: Cache | None, what: str, path: str, article_id: str) -> Any:
    """The cache's `summary` or `report` of a file as it is now on disk, or None."""
    if cache is None or not cache.enabled:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return getattr(cache, what)(path, st.st_size, st.st_mtime_ns, article_id)


def _without_row(summary: Summary) -> Summary:
    return Summary(summary.entry, summary.doc, summary.record) if summary.row is not None else summary


def _analysed(todo: list[tuple[str, str]], workers: int | None, keep: bool = False) -> Iterator[Summary | Problem]:
    """Analyse files in order; with many files, in a pool of processes (one per core)."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(todo) < PARALLEL_FROM:
        for path, article_id in todo:
            yield analyse_summary(path, article_id)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [todo[i : i + 50] for i in range(0, len(todo), 50)]
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for results in pool.map(_analyse_chunk, chunks, [keep] * len(chunks)):
                yield from results
                done += len(results)
    except Exception:  # noqa: BLE001 - any failure to run workers only costs speed
        # Worker processes cannot run here (no importable main module, no usable file
        # descriptors under a test harness, a broken pool…): go on in this one.
        for path, article_id in todo[done:]:
            yield analyse_summary(path, article_id)

