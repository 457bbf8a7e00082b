"""Best first: each query word scores by the most important field it is found in (title 4,
tags/entities/ids 2.5, summary 1.6, body 1; half for a typo), an exact phrase by where it is
(title 3, other short fields 1.5, body 1); then the query's closeness to the title reorders the
best 200."""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from tilbrowse.search.matching import Weights
from tilbrowse.search.query import Query
from tilbrowse.search.store import DocStore

RERANKED = 200
"""Results whose order the query's closeness to their title refines."""


def scores(store: DocStore, query: Query, found: set[int] | Weights, word_weights: list[Weights]) -> dict[int, float]:
    """Each found article's score."""
    if len(word_weights) == 1 and not query.exact:
        weights = word_weights[0]
        return dict(weights) if weights is found else {o: weights[o] for o in found}
    out = dict.fromkeys(found, 0.0)
    for weights in word_weights:
        for o in found:
            out[o] += weights[o]
    for phrase in query.exact:
        for o in found:
            doc = store.docs[o]
            if doc is None:
                continue
            out[o] += 3.0 if phrase in doc.field_text(0) else 1.5 if phrase in doc.text else 1.0
    return out


def closest_titles_first(store: DocStore, query: Query, ordered: list[int], score: dict[int, float]) -> None:
    """Add the query's closeness to the title to the scores of the best results and reorder
    them (in place)."""
    top = ordered[:RERANKED]
    phrase = " ".join(query.words)
    for o in top:
        doc = store.docs[o]
        if doc is not None:
            score[o] += fuzz.partial_ratio(phrase, doc.field_text(0), processor=utils.default_process) / 100
    top.sort(key=score.__getitem__, reverse=True)
    ordered[: len(top)] = top
