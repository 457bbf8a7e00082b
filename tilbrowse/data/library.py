"""A loaded corpus with its extractions and search index: what the CLI and the TUI work on."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tilbrowse.data.corpus import Corpus, load_corpus
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
    """Analysed articles by id, the files that failed, and the search index."""

    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    index: SearchIndex = field(default_factory=SearchIndex)

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
        for record in records:
            self.records[record.id] = record
            self.index.add(search_doc(record))

    def remove(self, article_id: str) -> None:
        """Forget an article."""
        self.records.pop(article_id, None)
        self.index.remove(article_id)

    def search(self, query: str, limit: int | None = None) -> Result:
        """Search the library (DESIGN §4)."""
        return self.index.search(query, limit)

    def cohort(self, cohort_id: str) -> tuple[Record, Cohort] | None:
        """The article and cohort of an id such as `004_e8cdb65b83effc3a#2`."""
        article_id, _, _k = cohort_id.rpartition("#")
        record = self.records.get(article_id)
        if record is None:
            return None
        return next(((record, c) for c in record.cohorts if c.id == cohort_id), None)
