"""The JSON contract of `tilbrowse extract --format json` (DESIGN.md §6).

The schema is public: it may only grow by adding keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import tilbrowse.extract
from tilbrowse import __version__
from tilbrowse.corpus.load import Corpus
from tilbrowse.corpus.models import Article, Problem
from tilbrowse.extract.model import Extraction


def with_warnings(article: Article, extraction: Extraction) -> Article:
    """The article with what its extraction left unread among its warnings (each once)."""
    known = {p.message for p in article.problems}
    extra = tuple(Problem(article.path, w, "warning") for w in extraction.warnings if w not in known)
    return replace(article, problems=(*article.problems, *extra)) if extra else article


def article_json(article: Article, extraction: Extraction | None = None) -> dict[str, Any]:
    """One article, with its cohorts, as a JSON-ready dict."""
    extraction = extraction or tilbrowse.extract.extract(article)
    article = with_warnings(article, extraction)
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date,
        "source_url": article.source_url,
        "trial_ids": list(article.trial_ids),
        "problems": [p.to_json() for p in article.problems],
        "cohorts": [c.to_json() for c in extraction.cohorts],
        "facts": extraction.facts.to_json(),
        "author": article.author or None,
        "timestamp": article.timestamp,
        "standfirst": article.standfirst or None,
        "summary": article.summary or None,
        "tags": list(article.tags),
        "entities": [{"name": e.name, "type": e.type} for e in article.entities],
        "sources": [{"url": s.url, "title": s.title, "feed": s.feed} for s in article.sources],
        "sections": [s.title for s in article.sections],
        "meta": article.meta,
    }


def corpus_json(corpus: Corpus, extractions: dict[str, Extraction] | None = None) -> dict[str, Any]:
    """The whole extract output: version, articles, and files that failed to load."""
    found = extractions or {}
    return {
        "tilbrowse_version": __version__,
        "articles": [article_json(a, found.get(a.id)) for a in corpus.articles],
        "problems": [p.to_json() for p in corpus.problems],
    }


def corpus_json_text(fragments: Sequence[str], problems: Sequence[Problem]) -> str:
    """`json.dumps(corpus_json(…), indent=2)` assembled from articles already rendered (each as
    `tilbrowse.library.record.report_fragment` makes it), so a warm cache need not re-encode."""
    found = json.dumps([p.to_json() for p in problems], indent=2, ensure_ascii=False).replace("\n", "\n  ")
    articles = "[\n" + ",\n".join(fragments) + "\n  ]" if fragments else "[]"
    return (
        f'{{\n  "tilbrowse_version": {json.dumps(__version__)},\n  "articles": {articles},\n  "problems": {found}\n}}\n'
    )
