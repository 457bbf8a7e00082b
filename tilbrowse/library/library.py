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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tilbrowse.corpus.load import Corpus, assign_ids, discover, load_corpus
from tilbrowse.corpus.models import Problem
from tilbrowse.extract.model import Cohort, Extraction
from tilbrowse.library import image
from tilbrowse.library.cache import Cache, report_text
from tilbrowse.library.loading import (
    PARALLEL_FROM,
    Batch,
    Loading,
    OnProgress,
    Tally,
    _analysed,
    _from_cache,
    analyse,
    analyse_summary,
    load_in_batches,
    record_of,
)
from tilbrowse.library.record import Entry, Record, Summary, orr_percent, search_doc, summarise
from tilbrowse.library.schema import CacheRow
from tilbrowse.search.bodies import MemoryBodies, PersistedBodies
from tilbrowse.search.engine import SearchEngine
from tilbrowse.search.image import Decoded
from tilbrowse.search.index import SearchIndex
from tilbrowse.search.results import Result
from tilbrowse.trials.group import Trial, group_trials
from tilbrowse.trials.readout import Readout
from tilbrowse.trials.readout import pack as pack_readouts
from tilbrowse.trials.readout import unpack as unpack_readouts

__all__ = [
    "PARALLEL_FROM",
    "Batch",
    "Loading",
    "OnProgress",
    "Tally",
    "analyse_summary",
    "record_of",
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
    restored: int = field(default=0, compare=False)
    """Articles its load restored from an image of the library (`library.image`), not from the cache."""
    _readouts: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    """Each article's readouts, packed (`trials.readout.pack`: a third of their memory as
    objects); its entry keeps none."""
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
        loading = Loading(paths, 1000, cache=cache, workers=workers, into=library)
        gc.disable()  # millions of small objects, no cycles: collecting while loading is wasted
        try:
            for batch in loading:
                library.add_summaries(batch.summaries)
                library.problems.extend(batch.problems)
                library.index.persist(final=False)
                if on_progress is not None:
                    on_progress(batch.tally)
            library.index.persist()  # body words not on disk yet are written (see search.bodies)
            library.restored = loading.restored
            if loading.stale and cache is not None:
                image.write(library, cache, paths, loading.seen)
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
                entry = summary.entry
                self._warnings += len(entry.problems) - (len(old.problems) if old else 0)
                if entry.readouts:
                    self._readouts[entry.id] = pack_readouts(entry.readouts)
                    entry = replace(entry, readouts=())
                else:
                    self._readouts.pop(entry.id, None)
                self.entries[summary.id] = entry
                self._recent.pop(summary.id, None)
                if summary.record is not None:
                    self._remember(summary.record)
            self.index.add_many(s.doc for s in summaries)

    def restore(self, entries: Sequence[Entry], readouts: Sequence[bytes], part: Decoded) -> None:
        """Add a part of an image of the library (`library.image`): its entries, their packed
        readouts, and the search index's part, in the same order. Raises ValueError (TypeError,
        KeyError) when the part does not fit; the library must then be `reset`."""
        if len(readouts) != len(entries) or [e.id for e in entries] != part.ids:
            raise ValueError("an image part's entries and documents differ")
        with self.lock:
            self.index.restore(part)
            for entry, packed in zip(entries, readouts, strict=True):
                self.entries[entry.id] = entry
                if packed:
                    self._readouts[entry.id] = packed
                self._warnings += len(entry.problems)

    def reset(self) -> None:
        """Forget every article and problem (after an image failed to restore)."""
        with self.lock:
            self.entries = {}
            self._readouts = {}
            self.problems = []
            self._recent.clear()
            self._warnings = 0
            bodies = self.index.postings.bodies if isinstance(self.index, SearchIndex) else None
            if isinstance(bodies, PersistedBodies):
                bodies = PersistedBodies.open(bodies.folder.parent)
            self.index = SearchIndex(bodies=bodies if isinstance(bodies, PersistedBodies) else None)

    def _remember(self, record: Record) -> None:
        self._recent[record.id] = record
        self._recent.move_to_end(record.id)
        while len(self._recent) > self.keep:
            self._recent.popitem(last=False)

    def remove(self, article_id: str) -> None:
        """Forget an article."""
        with self.lock:
            old = self.entries.pop(article_id, None)
            self._readouts.pop(article_id, None)
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

    def extraction(self, article_id: str) -> Extraction | None:
        """An article's extraction alone: kept, cached (its file is not read), or read again."""
        record = self._without_text(article_id)
        return record.extraction if record is not None else None

    def _without_text(self, article_id: str) -> Record | None:
        """An article's record, from the cache without reading its file (a text file's body is
        then empty): for what needs only the figures and the article's facts. Never kept."""
        with self.lock:
            entry = self.entries.get(article_id)
            record = self._recent.get(article_id)
        if entry is None:
            return None
        if record is not None:
            return record
        if self.cache is not None and self.cache.enabled:
            hit = self.cache.get(entry.path, entry.size, entry.mtime_ns, article_id, text=False)
            if hit is not None:
                return Record(*hit)
        return self.fetch(article_id)

    def search(self, query: str, limit: int | None = None, sort: str = "relevance", reverse: bool = False) -> Result:
        """Search the library (DESIGN §4), best first (or by date or ORR; `reverse`: oldest, lowest first)."""
        with self.lock:
            return self.index.search(query, limit, sort, reverse)

    def alias_matches(self, article_id: str, result: Result) -> list[str]:
        """How an article named the product a `drug:` filter of the result asked for."""
        with self.lock:
            return self.index.alias_matches(article_id, result.query)

    def cohort(self, cohort_id: str) -> tuple[Record, Cohort] | None:
        """The article and cohort of an id such as `004_e8cdb65b83effc3a#2` (from the cache without
        reading the article's file: a comparison needs its figures and facts, not its text)."""
        article_id, _, _k = cohort_id.rpartition("#")
        record = self._without_text(article_id)
        if record is None:
            return None
        return next(((record, c) for c in record.cohorts if c.id == cohort_id), None)

    def readouts(self) -> list[Readout]:
        """Every article's readouts (kept in memory, packed: no article is read again)."""
        with self.lock:
            packed = [(e, p) for e in self.entries.values() if (p := self._readouts.get(e.id))]
        return [r for entry, p in packed for r in unpack_readouts(p, entry.title, entry.date)]

    def packed_readouts(self, article_id: str) -> bytes:
        """An article's readouts as the library keeps them (`trials.readout.pack`; b"" for none)."""
        return self._readouts.get(article_id, b"")

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


def analyse_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    on_progress: OnProgress | None = None,
    texts: bool = True,
) -> tuple[list[Record], list[Problem]]:
    """Every analysed article (full records) in discovery order, and the problems, through the
    cache when given; `on_progress` hears how far it has come after each batch. `texts=False`:
    an article served by the cache comes without its text (its body is empty, its file not read
    again), for exports, which print the figures and the article's facts only."""
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
            record = found[article_id] or (library.fetch(article_id) if texts else library._without_text(article_id))
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
