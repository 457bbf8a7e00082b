"""The search index in each of its forms, for tests that must hold in all of them.

- memory:   every word in memory (no cache);
- disk:     the body words written to the index on disk (`tilbrowse.search.bodies`);
- pending:  the body words given to the disk index but not written yet (kept in memory);
- reopened: written by one run, then the same articles added by a new run that finds their
            words already on disk (a warm start).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tilbrowse.search.bodies import PersistedBodies
from tilbrowse.search.document import SearchDoc
from tilbrowse.search.index import SearchIndex

ENGINES = ("memory", "disk", "pending", "reopened")


def build(docs: Iterable[SearchDoc], engine: str, folder: Path) -> SearchIndex:
    docs = list(docs)
    if engine == "memory":
        return SearchIndex(docs)
    bodies = PersistedBodies.open(folder)
    assert bodies is not None
    index = SearchIndex(docs, bodies=bodies)
    if engine == "pending":
        assert bodies.pending() == len({d.body for d in docs if d.body})
        return index
    index.persist()
    assert bodies.pending() == 0
    if engine == "disk":
        return index
    again = PersistedBodies.open(folder)
    assert again is not None
    index = SearchIndex(docs, bodies=again)
    assert again.pending() == 0  # every body's words found on disk
    return index
