"""A search index as plain data, in parts: written beside the cache at the end of a load and read
back at the next start (`tilbrowse.library.image`), so a start files nobody's words again.

Filing an article's short fields costs about 85 µs (8.5 s at 100,000 articles); taking the same
postings back as bytes costs about 2 µs. An image holds the live documents renumbered from 0
(numbers of replaced or removed articles are dropped), the in-memory postings (title, labels,
summary, the one- and two-letter starts, the facets) as arrays of article numbers cut into parts
of `PART` articles, and the key of each article's body words in the index on disk
(`bodies.PersistedBodies`). Only an index whose body words are all on disk has an image.

Parts are plain data (lists, dicts, strings, numbers, bytes): the library writes them with
`marshal`, which builds data and never runs code.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tilbrowse.search.bodies import PersistedBodies
from tilbrowse.search.document import TIERS, SearchDoc
from tilbrowse.search.index import SearchIndex
from tilbrowse.search.postings import FACETS, Postings

PART = 10_000
"""Articles a part holds: a part is restored in about 0.1 s, so the list fills as they come."""
LAYOUT = f"{sys.byteorder}/{array('I').itemsize}/{len(TIERS)}/{','.join(FACETS)}"
"""What the bytes of a part's arrays mean on this machine; an image of another layout is not read."""

Part = dict[str, Any]
"""One part: `docs` (document tuples), `keys` (body-word keys, 0 for none), `tiers`, `short`,
`facets` (word → bytes of an array of article numbers)."""


def export(index: SearchIndex, part: int | None = None) -> Iterator[tuple[list[str], Part]] | None:
    """The index in parts of `part` articles — each the ids of its articles in order and its
    data — or None when it cannot be imaged (body words in memory only, a failed body index)."""
    bodies = index.postings.bodies
    if not isinstance(bodies, PersistedBodies):
        return None
    key_of = bodies.keys()
    if key_of is None:
        return None
    store = index.store
    live = sorted(store.ord.values())
    return _parts(index, live, key_of, part or PART)


def _parts(index: SearchIndex, live: list[int], key_of: dict[int, int], part: int) -> Iterator[tuple[list[str], Part]]:
    store, postings = index.store, index.postings
    compact = len(live) == len(store.names)
    renumber: list[int] = []
    if not compact:
        renumber = [-1] * len(store.names)
        for new, old in enumerate(live):
            renumber[old] = new
    tiers = [_renumbered(t, renumber) for t in postings.tiers[: Postings.BODY]]
    short = _renumbered(postings.short, renumber)
    facets = {name: _renumbered(postings.facets[name], renumber) for name in FACETS}
    for start in range(0, len(live), part):
        end = min(start + part, len(live))
        olds = live[start:end]
        docs = [store.docs[o] for o in olds]
        yield (
            [store.names[o] for o in olds],
            {
                "docs": [_doc_tuple(d) for d in docs if d is not None],  # live: never None
                "keys": [key_of.get(o, 0) for o in olds],
                "tiers": [_cut(t, start, end) for t in tiers],
                "short": _cut(short, start, end),
                "facets": {name: _cut(f, start, end) for name, f in facets.items()},
            },
        )


def _renumbered(post: Mapping[str, array[int]], renumber: list[int]) -> dict[str, array[int]]:
    """The postings with live articles renumbered (as they are when nothing was removed)."""
    if not renumber:
        return dict(post)
    out: dict[str, array[int]] = {}
    for word, numbers in post.items():
        kept = array("I", [n for o in numbers if (n := renumber[o]) >= 0])
        if kept:
            out[word] = kept
    return out


def _cut(post: Mapping[str, array[int]], start: int, end: int) -> dict[str, bytes]:
    """Of each word's (ascending) article numbers, those in [start, end), as bytes."""
    out: dict[str, bytes] = {}
    for word, numbers in post.items():
        lo = bisect_left(numbers, start) if start else 0
        if lo == len(numbers) or numbers[lo] >= end:
            continue
        hi = bisect_left(numbers, end, lo)
        out[word] = numbers[lo:hi].tobytes()
    return out


def _doc_tuple(doc: SearchDoc) -> tuple[Any, ...]:
    # What the store keeps of a document (`store.DocStore.add`): no body, no facet values.
    return (doc.id, doc.title, doc.date, doc.text, doc.bounds, doc.drugs, doc.numbers, doc.date_key)


def restore(index: SearchIndex, part: Part) -> list[str]:
    """Add one part of an image to an index that holds exactly the parts before it; return the
    ids it added. Raises ValueError (or TypeError, KeyError) on a part that does not fit, after
    which the index must be thrown away."""
    store, postings = index.store, index.postings
    bodies = postings.bodies
    keys: Sequence[int] = part["keys"]
    docs = [_doc(t) for t in part["docs"]]
    if len(keys) != len(docs) or not isinstance(bodies, PersistedBodies):
        raise ValueError("an image part that does not fit this index")
    if not bodies.holds(k for k in keys if k):
        raise ValueError("body words missing from the index on disk")
    start = len(store.names)
    if store.dead or len(store) != start:
        raise ValueError("an image is restored only into an index filled by its earlier parts")
    for doc, key in zip(docs, keys, strict=True):
        if doc.id in store.ord:
            raise ValueError(f"article {doc.id!r} twice in an image")
        o = store.restore(doc)
        if key:
            bodies.adopt(o, key)
    end = len(store.names)
    by2 = postings.by2
    cuts = part["tiers"]
    if len(cuts) != Postings.BODY:
        raise ValueError("an image part of another layout")
    for tier, cut in zip(postings.tiers, cuts, strict=False):
        _merge(tier, cut, start, end, by2)
    _merge(postings.short, part["short"], start, end, None)
    for name, cut in part["facets"].items():
        _merge(postings.facets[name], cut, start, end, None)
    index._changed()
    return [d.id for d in docs]


def _merge(
    post: dict[str, array[int]], cut: Mapping[str, bytes], start: int, end: int, by2: dict[str, set[str]] | None
) -> None:
    for word, raw in cut.items():
        numbers = array("I")
        numbers.frombytes(raw)
        if numbers and (numbers[0] < start or numbers[-1] >= end):
            raise ValueError("an image part's postings point outside it")
        found = post.get(word)
        if found is None:
            post[word] = numbers
            if by2 is not None:
                by2.setdefault(word[:2], set()).add(word)
        else:
            found.extend(numbers)


def _doc(t: Sequence[Any]) -> SearchDoc:
    doc_id, title, date, text, bounds, drugs, numbers, date_key = t
    if not (isinstance(doc_id, str) and isinstance(text, str) and isinstance(numbers, dict)):
        raise TypeError("not a search document")
    return SearchDoc(
        id=doc_id,
        title=title,
        date=date,
        text=text,
        bounds=tuple(bounds),
        drugs=tuple(drugs),
        numbers=numbers,
        date_key=date_key,
    )
