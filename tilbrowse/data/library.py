"""A loaded corpus with its extractions and search index: what the CLI and the TUI work on."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tilbrowse.data.cache import Cache
from tilbrowse.data.corpus import Corpus, assign_ids, discover, load_corpus, load_one
from tilbrowse.data.extract import extract
from tilbrowse.data.extract.model import Cohort, Extraction, Rate
from tilbrowse.data.models import Article, Problem
from tilbrowse.data.search import Result, SearchDoc, SearchIndex, make_doc


@dataclass(frozen=True)
class Record:
    """An article and what was extracted from it."""

    article: Article
    extraction: Extraction

    @property
    def id(self) -> str:
        """The article id."""
        return self.article.id

    @property
    def cohorts(self) -> tuple[Cohort, ...]:
        """The article's cohorts."""
        return self.extraction.cohorts

    @property
    def best_orr(self) -> float | None:
        """The highest ORR of any cohort, stated or else derived from counts (percent)."""
        values = [v for c in self.cohorts if (v := orr_percent(c)) is not None]
        return max(values) if values else None


def orr_percent(cohort: Cohort) -> float | None:
    """The cohort's ORR in percent: stated, else derived."""
    rate = cohort.outcomes.get("orr")
    if isinstance(rate, Rate) and rate.percent is not None:
        return rate.percent
    derived = cohort.derived.get("orr")
    if derived is not None and derived.percent is not None:
        return derived.percent
    if derived is not None and derived.count is not None and cohort.n:
        return round(100 * derived.count / cohort.n, 1)
    return None


def search_doc(record: Record) -> SearchDoc:
    """The search document of an analysed article."""
    article, facts = record.article, record.extraction.facts
    numbers: dict[str, float] = {}
    for cohort in record.cohorts:
        for key in ("orr", "cr", "pr", "sd", "pd", "dcr"):
            rate = cohort.outcomes.get(key)
            value = rate.percent if isinstance(rate, Rate) else None
            if key == "orr":
                value = orr_percent(cohort)
            if value is not None:
                numbers[key] = max(numbers.get(key, value), value)
        if cohort.n is not None:
            numbers["n"] = max(numbers.get("n", cohort.n), cohort.n)
    drugs = [*article.entity_names("drug"), *facts.products, *(c.product for c in record.cohorts if c.product)]
    diseases = [*article.entity_names("disease"), *facts.indications]
    return make_doc(
        id=article.id,
        title=article.title,
        date=article.date,
        summary=" ".join(x for x in (article.standfirst, article.summary) if x),
        body=article.body,
        tags=article.tags,
        entities=[e.name for e in article.entities],
        trial_ids=article.trial_ids,
        sources=[s for src in article.sources for s in (src.url, src.feed, src.title) if s],
        drugs=drugs,
        diseases=diseases,
        numbers=numbers,
    )


@dataclass
class Library:
    """Analysed articles by id, the files that failed, and the search index.

    Safe to use from two threads (a loader adding, a search worker reading): both hold `lock`.
    """

    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    index: SearchIndex = field(default_factory=SearchIndex)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Library:
        """Analyse every article of a loaded corpus."""
        library = cls(problems=list(corpus.problems))
        library.add_all(Record(a, extract(a)) for a in corpus.articles)
        return library

    @classmethod
    def load(
        cls, paths: Sequence[str | os.PathLike[str]], *, cache: Cache | None = None, workers: int | None = None
    ) -> Library:
        """Load and analyse the articles under the paths (through the cache when given)."""
        if cache is None and workers is None:
            return cls.from_corpus(load_corpus(paths))
        library = cls()
        for batch in load_in_batches(paths, 1000, cache=cache, workers=workers):
            library.add_all(batch.records)
            library.problems.extend(batch.problems)
        return library

    def add_all(self, records: Iterable[Record]) -> None:
        """Add analysed articles (replacing any with the same id)."""
        docs = [(record, search_doc(record)) for record in records]
        with self.lock:
            for record, doc in docs:
                self.records[record.id] = record
                self.index.add(doc)

    def remove(self, article_id: str) -> None:
        """Forget an article."""
        with self.lock:
            self.records.pop(article_id, None)
            self.index.remove(article_id)

    def search(self, query: str, limit: int | None = None) -> Result:
        """Search the library (DESIGN §4)."""
        with self.lock:
            return self.index.search(query, limit)

    def cohort(self, cohort_id: str) -> tuple[Record, Cohort] | None:
        """The article and cohort of an id such as `004_e8cdb65b83effc3a#2`."""
        article_id, _, _k = cohort_id.rpartition("#")
        record = self.records.get(article_id)
        if record is None:
            return None
        return next(((record, c) for c in record.cohorts if c.id == cohort_id), None)


@dataclass(frozen=True)
class Batch:
    """Part of a corpus loaded so far, for loading in the background with progress."""

    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    done: int
    """Files processed so far."""
    total: int
    """Files discovered."""


def analyse(path: str, article_id: str) -> Record | Problem:
    """Load and extract one file (runs in worker processes too)."""
    result = load_one(path, article_id)
    if isinstance(result, Problem):
        return result
    return Record(result, extract(result))


def _analyse_chunk(chunk: list[tuple[str, str]]) -> list[Record | Problem]:
    return [analyse(path, article_id) for path, article_id in chunk]


PARALLEL_FROM = 400
"""Files to analyse above which a process pool uses every core."""


def load_in_batches(
    paths: Sequence[str | os.PathLike[str]],
    batch_size: int = 200,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
) -> Iterator[Batch]:
    """Discover, load and analyse the articles under the paths, yielding batches as they are ready.

    Cached analyses come first (at once); the rest are analysed in order, in worker processes
    when there are many. The first batches are small so the first rows appear at once.
    """
    candidates, problems = discover(paths)
    ids = assign_ids(candidates)
    total = len(candidates)
    if not candidates:
        yield Batch((), tuple(problems), 0, 0)
        return
    done = 0
    todo: list[tuple[str, str]] = []
    cached: list[Record] = []
    for cand, article_id in zip(candidates, ids, strict=True):
        hit = None
        if cache is not None and cache.enabled:
            try:
                st = os.stat(cand.path)
                hit = cache.get(cand.path, st.st_size, st.st_mtime_ns, article_id)
            except OSError:
                hit = None
        if hit is not None:
            cached.append(Record(*hit))
        else:
            todo.append((cand.path, article_id))
    failed: list[Problem] = list(problems)
    for start in range(0, len(cached), max(batch_size, 1000)):
        chunk = cached[start : start + max(batch_size, 1000)]
        done += len(chunk)
        yield Batch(tuple(chunk), tuple(failed), done, total)
        failed = []
    records: list[Record] = []
    size = min(10, batch_size)
    for result in _analysed(todo, workers):
        done += 1
        if isinstance(result, Problem):
            failed.append(result)
        else:
            records.append(result)
        if len(records) + len(failed) >= size or done == total:
            if cache is not None:
                cache.put_many((r.article, r.extraction) for r in records)
            yield Batch(tuple(records), tuple(failed), done, total)
            records, failed = [], []
            size = min(batch_size, size * 2)
    if failed or (done == total and not todo and not cached):
        yield Batch((), tuple(failed), done, total)


def _analysed(todo: list[tuple[str, str]], workers: int | None) -> Iterator[Record | Problem]:
    """Analyse files in order; with many files, in a pool of processes (one per core)."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(todo) < PARALLEL_FROM:
        for path, article_id in todo:
            yield analyse(path, article_id)
        return
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [todo[i : i + 50] for i in range(0, len(todo), 50)]
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for results in pool.map(_analyse_chunk, chunks):
                yield from results
                done += len(results)
    except (BrokenProcessPool, OSError, RuntimeError, pickle.PicklingError):
        # Worker processes cannot run here (e.g. no importable main module): go on in this one.
        for path, article_id in todo[done:]:
            yield analyse(path, article_id)


def analyse_corpus(
    paths: Sequence[str | os.PathLike[str]], *, cache: Cache | None = None, workers: int | None = None
) -> tuple[list[Record], list[Problem]]:
    """Every analysed article in discovery order, and the problems, through the cache when given."""
    records: list[Record] = []
    problems: list[Problem] = []
    for batch in load_in_batches(paths, 1000, cache=cache, workers=workers):
        records.extend(batch.records)
        problems.extend(batch.problems)
    candidates, _ = discover(paths)
    order = {article_id: i for i, article_id in enumerate(assign_ids(candidates))}
    records.sort(key=lambda r: order.get(r.id, len(order)))
    return records, problems
