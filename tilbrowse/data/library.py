"""A loaded corpus with its extractions and search index: what the CLI and the TUI work on."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

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
    def load(cls, paths: Sequence[str | os.PathLike[str]]) -> Library:
        """Load and analyse the articles under the paths."""
        return cls.from_corpus(load_corpus(paths))

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


def load_in_batches(paths: Sequence[str | os.PathLike[str]], batch_size: int = 200) -> Iterator[Batch]:
    """Discover, load and analyse the articles under the paths, yielding batches as they are ready.

    The first batches are small so the first rows appear at once; later ones grow to `batch_size`.
    """
    candidates, problems = discover(paths)
    ids = assign_ids(candidates)
    total = len(candidates)
    records: list[Record] = []
    failed: list[Problem] = list(problems)
    done = 0
    size = min(10, batch_size)
    if not candidates:
        yield Batch((), tuple(failed), 0, 0)
        return
    for cand, article_id in zip(candidates, ids, strict=True):
        result = load_one(cand.path, article_id)
        done += 1
        if isinstance(result, Problem):
            failed.append(result)
        else:
            records.append(Record(result, extract(result)))
        if len(records) + len(failed) >= size or done == total:
            yield Batch(tuple(records), tuple(failed), done, total)
            records, failed = [], []
            size = min(batch_size, size * 2)
