"""A loaded corpus: what the CLI and the TUI work on.

Every article has an `Entry` and a search document in memory; full records (body, every
figure with its evidence) are fetched on demand — from the cache, or by reading the file
again — and the most recently used are kept. So 100,000 articles fit in a few hundred MB.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tilbrowse.corpus.load import Corpus, assign_ids, discover, load_corpus, load_one
from tilbrowse.corpus.models import Article, Problem
from tilbrowse.export.report import with_warnings
from tilbrowse.extract import extract
from tilbrowse.extract.model import Cohort
from tilbrowse.library.cache import Cache, make_row, report_text
from tilbrowse.library.record import Entry, Record, Summary, orr_percent, search_doc, summarise
from tilbrowse.library.schema import CacheRow
from tilbrowse.search.bodies import MemoryBodies, PersistedBodies
from tilbrowse.search.engine import SearchEngine
from tilbrowse.search.index import SearchIndex
from tilbrowse.search.results import Result
from tilbrowse.trials.group import Trial, group_trials
from tilbrowse.trials.readout import Readout

__all__ = [
    "Batch",
    "Entry",
    "Library",
    "Record",
    "Summary",
    "analyse",
    "analyse_corpus",
    "load_in_batches",
    "orr_percent",
    "report_json",
    "search_doc",
]

KEEP = 2000
"""Full records kept in memory (the most recently used)."""


class Records(Mapping[str, Record]):
    """The library's full records by id, fetched on demand (a read-only mapping)."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def __getitem__(self, article_id: str) -> Record:
        record = self._library.fetch(article_id)
        if record is None:
            raise KeyError(article_id)
        return record

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._library.entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._library.entries))

    def __len__(self) -> int:
        return len(self._library.entries)


@dataclass
class Library:
    """Analysed articles by id, the files that failed, and the search index.

    Safe to use from two threads (a loader adding, a search worker reading): both hold `lock`.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    index: SearchEngine = field(default_factory=SearchIndex)
    cache: Cache | None = field(default=None, repr=False)
    """Where full records are fetched from (else the files are read again)."""
    keep: int = KEEP
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    _recent: OrderedDict[str, Record] = field(default_factory=OrderedDict, repr=False, compare=False)
    _warnings: int = field(default=0, repr=False, compare=False)
    """How many warnings the loaded articles carry (kept as they come and go)."""

    def __post_init__(self) -> None:
        # With a cache, the body words' index lives beside it on disk (opened in a millisecond,
        # not rebuilt): see `tilbrowse.search.bodies`.
        index, cache = self.index, self.cache
        fresh = isinstance(index, SearchIndex) and not len(index) and isinstance(index.postings.bodies, MemoryBodies)
        if fresh and cache is not None and cache.enabled:
            bodies = PersistedBodies.open(cache.folder)
            if bodies is not None:
                self.index = SearchIndex(bodies=bodies)

    @property
    def records(self) -> Records:
        """Full records by id (fetched on demand)."""
        return Records(self)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Library:
        """Analyse every article of a loaded corpus."""
        library = cls(problems=list(corpus.problems))
        library.add_all(record_of(a) for a in corpus.articles)
        return library

    @classmethod
    def load(
        cls,
        paths: Sequence[str | os.PathLike[str]],
        *,
        cache: Cache | None = None,
        workers: int | None = None,
        keep: int = KEEP,
        on_progress: OnProgress | None = None,
    ) -> Library:
        """Load and analyse the articles under the paths (through the cache when given);
        `on_progress` hears how far it has come after each batch."""
        if cache is None and workers is None and keep == KEEP and on_progress is None:
            return cls.from_corpus(load_corpus(paths))
        library = cls(cache=cache, keep=keep)
        gc.disable()  # millions of small objects, no cycles: collecting while loading is wasted
        try:
            for batch in load_in_batches(paths, 1000, cache=cache, workers=workers):
                library.add_summaries(batch.summaries)
                library.problems.extend(batch.problems)
                library.index.persist(final=False)
                if on_progress is not None:
                    on_progress(batch.tally)
            library.index.persist()  # body words not on disk yet are written (see search.bodies)
        finally:
            gc.enable()
        return library

    def add_all(self, records: Iterable[Record]) -> None:
        """Add analysed articles (replacing any with the same id)."""
        self.add_summaries([summarise(r) for r in records])

    def add_summaries(self, summaries: Iterable[Summary]) -> None:
        """Add articles by their summaries (replacing any with the same id)."""
        summaries = list(summaries)
        with self.lock:
            for summary in summaries:
                old = self.entries.get(summary.id)
                self._warnings += len(summary.entry.problems) - (len(old.problems) if old else 0)
                self.entries[summary.id] = summary.entry
                self._recent.pop(summary.id, None)
                if summary.record is not None:
                    self._remember(summary.record)
            self.index.add_many(s.doc for s in summaries)

    def _remember(self, record: Record) -> None:
        self._recent[record.id] = record
        self._recent.move_to_end(record.id)
        while len(self._recent) > self.keep:
            self._recent.popitem(last=False)

    def remove(self, article_id: str) -> None:
        """Forget an article."""
        with self.lock:
            old = self.entries.pop(article_id, None)
            self._warnings -= len(old.problems) if old else 0
            self._recent.pop(article_id, None)
            self.index.remove(article_id)

    def kept(self, article_id: str) -> Record | None:
        """The full record of an article if it is in memory (never reads disk)."""
        with self.lock:
            return self._recent.get(article_id)

    def fetch(self, article_id: str) -> Record | None:
        """The full record of an article: kept, cached, or read again (None if it is gone)."""
        with self.lock:
            entry = self.entries.get(article_id)
            if entry is None:
                return None
            record = self._recent.get(article_id)
            if record is not None:
                self._recent.move_to_end(article_id)
                return record
        hit = None
        if self.cache is not None and self.cache.enabled:
            hit = self.cache.get(entry.path, entry.size, entry.mtime_ns, article_id)
        result: Record | Problem = Record(*hit) if hit is not None else analyse(entry.path, article_id)
        if isinstance(result, Problem):
            return None
        with self.lock:
            if article_id in self.entries:
                self._remember(result)
        return result

    def search(self, query: str, limit: int | None = None, sort: str = "relevance", reverse: bool = False) -> Result:
        """Search the library (DESIGN §4), best first (or by date or ORR; `reverse`: oldest, lowest first)."""
        with self.lock:
            return self.index.search(query, limit, sort, reverse)

    def alias_matches(self, article_id: str, result: Result) -> list[str]:
        """How an article named the product a `drug:` filter of the result asked for."""
        with self.lock:
            return self.index.alias_matches(article_id, result.query)

    def cohort(self, cohort_id: str) -> tuple[Record, Cohort] | None:
        """The article and cohort of an id such as `004_e8cdb65b83effc3a#2`."""
        article_id, _, _k = cohort_id.rpartition("#")
        record = self.fetch(article_id)
        if record is None:
            return None
        return next(((record, c) for c in record.cohorts if c.id == cohort_id), None)

    def readouts(self) -> list[Readout]:
        """Every article's readouts (kept in memory: no article is read again)."""
        with self.lock:
            return [r for entry in self.entries.values() for r in entry.readouts]

    def trials(self) -> list[Trial]:
        """The trials the loaded articles report, grouped across articles (`tilbrowse.trials`)."""
        return group_trials(self.readouts())

    def problem_count(self) -> int:
        """Files that failed plus warnings about articles that loaded: what the problems list shows."""
        with self.lock:
            return len(self.problems) + self._warnings

    def article_problems(self) -> list[Problem]:
        """Warnings about articles that did load."""
        with self.lock:
            return [p for e in self.entries.values() for p in e.problems]


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
    extraction = extract(article)
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
    """Discover, load and analyse the articles under the paths, yielding batches as they are ready.

    Cached articles come first (their summaries only); the rest are analysed in order, in
    worker processes when there are many, and stored in the cache. The first batches are
    small so the first rows appear at once. Full records come along from worker processes
    only when `keep` is set (sending them back costs).
    """
    candidates, problems = discover(paths)
    ids = assign_ids(candidates)
    total = len(candidates)
    if not candidates:
        yield Batch((), tuple(problems), 0, 0)
        return
    done = 0
    todo: list[tuple[str, str]] = []
    failed: list[Problem] = list(problems)
    cached: list[Summary] = []
    size = min(10, batch_size)
    for cand, article_id in zip(candidates, ids, strict=True):
        hit = _from_cache(cache, "summary", cand.path, article_id)
        if hit is None:
            todo.append((cand.path, article_id))
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
    for result in _analysed(todo, workers, keep):
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
    if failed or (done == total and not todo and done == 0):
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


def analyse_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    on_progress: OnProgress | None = None,
) -> tuple[list[Record], list[Problem]]:
    """Every analysed article (full records) in discovery order, and the problems, through the
    cache when given; `on_progress` hears how far it has come after each batch."""
    library = Library(cache=cache, keep=0)
    problems: list[Problem] = []
    found: dict[str, Record | None] = {}
    keep = cache is None or not cache.enabled
    for batch in load_in_batches(paths, 1000, cache=cache, workers=workers, keep=keep):
        library.add_summaries(batch.summaries)
        library.index.persist(final=False)
        found.update((s.id, s.record) for s in batch.summaries)
        problems.extend(batch.problems)
        if on_progress is not None:
            on_progress(batch.tally)
    library.index.persist()
    candidates, _ = discover(paths)
    records = []
    for article_id in assign_ids(candidates):
        if article_id in found:
            record = found[article_id] or library.fetch(article_id)
            if record is not None:
                records.append(record)
    return records, problems


def report_json(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    on_progress: OnProgress | None = None,
) -> tuple[list[str], list[Problem], list[Problem]]:
    """What `extract --format json` prints, fast: each article's JSON object (from the cache
    when fresh) in discovery order, the articles' warnings, and the files that failed;
    `on_progress` hears how far it has come as files are done."""
    candidates, problems = discover(paths)
    ids = assign_ids(candidates)
    fragments: list[str | None] = [None] * len(candidates)
    warnings: list[list[Problem]] = [[] for _ in candidates]
    todo: list[tuple[str, str]] = []
    where: list[int] = []
    for i, (cand, article_id) in enumerate(zip(candidates, ids, strict=True)):
        hit = _from_cache(cache, "report", cand.path, article_id)
        if hit is None:
            todo.append((cand.path, article_id))
            where.append(i)
        else:
            fragments[i], warnings[i] = hit
    failed: list[Problem] = []
    rows: list[CacheRow] = []
    cached = len(candidates) - len(todo)
    if on_progress is not None:
        on_progress(Tally(len(candidates), cached, 0))
    for analysed, (i, result) in enumerate(zip(where, _analysed(todo, workers), strict=True), start=1):
        if on_progress is not None and (analysed % 50 == 0 or analysed == len(todo)):
            on_progress(Tally(len(candidates), cached + analysed, analysed))
        if isinstance(result, Problem):
            failed.append(result)
            continue
        assert result.row is not None
        rows.append(result.row)
        fragments[i] = report_text(result.row.packed)
        warnings[i] = list(result.entry.problems)
        if cache is not None and len(rows) >= 500:
            cache.put_rows(rows)
            rows = []
    if cache is not None:
        cache.put_rows(rows)
    return [f for f in fragments if f is not None], [p for w in warnings for p in w], [*problems, *failed]
