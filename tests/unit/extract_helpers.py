"""Helpers for the extraction tests: an article from a body, and its figures as plain tuples."""

from __future__ import annotations

from typing import Any

from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract, propose


def cohorts_of(body: str) -> list[dict[str, Any]]:
    """The JSON form of every cohort the readers propose for an article with this body: what
    these tests check is how a phrasing is read (`propose`); whether a reading is sure enough to
    be stated is the weight table's decision (`test_confidence.py`)."""
    article = Article(id="t", path="t.md", title="T", body=body)
    return [c.to_json() for c in propose(article).cohorts]


def decided_of(body: str) -> list[dict[str, Any]]:
    """The JSON form of every cohort `extract` returns (after the weight table's decision)."""
    article = Article(id="t", path="t.md", title="T", body=body)
    return [c.to_json() for c in extract(article).cohorts]


def figures(cohort: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each outcome as (count, percent) or (months, not_reached)."""
    out = {}
    for key, value in cohort["outcomes"].items():
        out[key] = (value["count"], value["percent"]) if "percent" in value else (value["months"], value["not_reached"])
    return out
