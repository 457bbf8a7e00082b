"""The search index in each of its forms, for tests that must hold in all of them.

- memory:   every word in memory (no cache);
- disk:     the body words written to the index on disk (`tilbrowse.search.bodies`);
- pending:  the body words given to the disk index but not written yet (kept in memory);
- reopened: written by one run, then the same articles added by a new run that finds their
            words already on disk (a warm start);
- imaged:   written by one run (which also added and removed another article, so the image
            renumbers), its image taken in parts of two, then three articles (through `marshal`, as the
            library writes it) and restored by a new run (`tilbrowse.search.image`).

The last three are then prepared as a loader prepares them when it is done (`SearchIndex.prepare`:
orders, filter values, and where typos are looked for worked out ahead); the first two work
those out on demand.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from pathlib import Path

from tilbrowse.search import image
from tilbrowse.search.bodies import PersistedBodies
from tilbrowse.search.document import SearchDoc, make_doc
from tilbrowse.search.index import SearchIndex

ENGINES = ("memory", "disk", "pending", "reopened", "imaged")


def build(docs: Iterable[SearchDoc], engine: str, folder: Path) -> SearchIndex:
    docs = list(docs)
    if engine == "memory":
        return SearchIndex(docs)
    bodies = PersistedBodies.open(folder)
    assert bodies is not None
    if engine == "imaged":
        return _imaged(docs, bodies, folder)
    index = SearchIndex(docs, bodies=bodies)
    if engine == "pending":
        assert bodies.pending() == len({d.body for d in docs if d.body})
        index.prepare()
        return index
    index.persist()
    assert bodies.pending() == 0
    if engine == "disk":
        return index
    again = PersistedBodies.open(folder)
    assert again is not None
    index = SearchIndex(docs, bodies=again)
    assert again.pending() == 0  # every body's words found on disk
    index.prepare()
    return index


def _imaged(docs: list[SearchDoc], bodies: PersistedBodies, folder: Path) -> SearchIndex:
    ghost = make_doc(id="zz-ghost", title="Zzghost", date="2020-01-01")
    index = SearchIndex([ghost], bodies=bodies)
    index.add_many(docs)
    index.remove(ghost.id)
    index.persist()
    parts = image.export(index, sizes=(2, 3))
    assert parts is not None
    again = PersistedBodies.open(folder)
    assert again is not None
    restored = SearchIndex(bodies=again)
    for ids, part in parts:
        assert restored.restore(marshal.loads(marshal.dumps(part))) == ids
    assert len(restored) == len({d.id for d in docs})
    restored.prepare()
    return restored
