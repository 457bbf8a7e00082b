"""An analysed article (`Record`), and the small part of it every article keeps in memory.

A corpus of 100,000 articles cannot keep every body and every figure's evidence in memory.
What the list, sorting, filters, search and the watcher need is an `Entry` and a `SearchDoc`
(a few hundred bytes and the article's words in the search index); the full `Record` is
fetched when an article is opened or compared (from the cache, or by reading the file again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tilbrowse.catalog.products import products_in
from tilbrowse.catalog.trials import trial_of_nct
from tilbrowse.corpus.models import Article, Problem
from tilbrowse.export.report import article_json
from tilbrowse.extract.model import Cohort, Extraction, Rate
from tilbrowse.library.schema import CacheRow
from tilbrowse.search.document import SearchDoc, make_doc
from tilbrowse.trials.readout import Readout, readouts_of


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


@dataclass(frozen=True, slots=True)
class Entry:
    """What the list, sorting and the watcher need of an article."""

    id: str
    path: str
    title: str
    date: str | None
    size: int
    mtime_ns: int
    cohorts: int
    """How many cohorts have figures."""
    best_orr: float | None
    problems: tuple[Problem, ...] = ()
    """Warnings about the article (it loaded)."""
    source_url: str | None = None
    readouts: tuple[Readout, ...] = ()
    """Its cohorts as the trials view follows them (`tilbrowse.trials`)."""


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


def entry_of(record: Record) -> Entry:
    """The in-memory summary of an analysed article."""
    article = record.article
    return Entry(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        size=article.size,
        mtime_ns=article.mtime_ns,
        cohorts=len(record.cohorts),
        best_orr=record.best_orr,
        problems=article.problems,
        source_url=article.source_url,
        readouts=readouts_of(article, record.cohorts, record.extraction.facts.trials),
    )


LEAD_CHARS = 4000
"""How much of the body is searched for the products an article is about."""


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
    # Every known product named where an article says what it is about, by its canonical name
    # too, so `drug:amtagvi` (resolved to lifileucel) finds an article that says "LN-144".
    lead = " ".join((article.title, article.standfirst, article.summary, article.body[:LEAD_CHARS], *drugs))
    drugs += [product.name for product, _written in products_in(lead)]
    trials = [*(c.trial for c in record.cohorts if c.trial), *facts.trials]
    trials += [known.name for nct in (*article.trial_ids, *facts.trial_ids) if (known := trial_of_nct(nct))]
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
        trials=trials,
        diseases=diseases,
        numbers=numbers,
    )


def report_fragment(record: Record) -> str:
    """The article's object in `extract --format json` output, indented as it appears there."""
    text = json.dumps(article_json(record.article, record.extraction), indent=2, ensure_ascii=False)
    return "    " + text.replace("\n", "\n    ")


@dataclass(frozen=True, slots=True)
class Summary:
    """An article as the library keeps it: its entry and search document (and, when at hand,
    the full record; a cache row when it was just analysed)."""

    entry: Entry
    doc: SearchDoc
    record: Record | None = None
    row: CacheRow | None = None
    """The cache row of a fresh analysis (see `tilbrowse.library.cache.Cache.put_rows`)."""

    @property
    def id(self) -> str:
        """The article id."""
        return self.entry.id


def summarise(record: Record, *, keep: bool = True) -> Summary:
    """Entry and search document of a record (keeping the record itself when `keep`)."""
    return Summary(entry_of(record), search_doc(record), record if keep else None)
