"""A search index as plain data, in parts: written beside the cache at the end of a load and read
back at the next start (`tilbrowse.library.image`), so a start files nobody's words again.

Filing an article's short fields costs about 85 µs (8.5 s at 100,000 articles); taking the same
postings back as bytes costs about 2 µs. An image holds the live documents renumbered from 0
(numbers of replaced or removed articles are dropped), the in-memory postings (title, labels,
summary, the one- and two-letter starts, the facets) as arrays of article numbers cut into parts
(`PARTS`), and the key of each article's body words in the index on disk
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

PARTS = (2_000, 4_000, 8_000, 16_000, 30_000)
"""Articles each part holds (the last size repeats): the first is restored in a few tens of
milliseconds, so the list shows at once. Each size after doubles the one before: a part is read
and inflated in a thread while the one before is restored, which takes about as long as
inflating twice as many (so restoring never waits; with 8,000 then 30,000 it waited 0.13 s at
100,000 articles); and no bigger than 30,000, for a part's bytes are all in memory while it is
decoded (about 45 MB)."""
LAYOUT = f"{sys.byteorder}/{array('I').itemsize}/{len(TIERS)}/{','.join(FACETS)}"
"""What the bytes of a part's arrays mean on this machine; an image of another layout is not read."""

Part = dict[str, Any]
"""One part: `docs` (document tuples), `keys` (body-word keys, 0 for none), `tiers`, `short`,
`facets` (word → bytes of an array of article numbers)."""


def export(index: SearchIndex, sizes: Sequence[int] | None = None) -> Iterator[tuple[list[str], Part]] | None:
    """The index in parts of `sizes` articles (default `PARTS`; the last size repeats) — each
    the ids of its articles in order and its data — or None when it cannot be imaged (body
    words in memory only, a failed body index)."""
    bodies = index.postings.bodies
    if not isinstance(bodies, PersistedBodies):
        return None
    key_of = bodies.keys()
    if key_of is None:
        return None
    store = index.store
    live = sorted(store.ord.values())
    return _parts(index, live, key_of, sizes or PARTS)


def bounds(count: int, sizes: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of each part of `count` articles cut in `sizes` (the last size repeats)."""
    out: list[tuple[int, int]] = []
    start, step = 0, 0
    while start < count:
        end = min(count, start + sizes[min(step, len(sizes) - 1)])
        out.append((start, end))
        start, step = end, step + 1
    return out


def _parts(
    index: SearchIndex, live: list[int], key_of: dict[int, int], sizes: Sequence[int]
) -> Iterator[tuple[list[str], Part]]:
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
    for start, end in bounds(len(live), sizes):
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


class Decoded:
    """A part of an image made into documents and arrays (`decode`: no lock needed), ready to
    be added to an index (`restore`)."""

    __slots__ = ("docs", "facets", "keys", "short", "tiers")

    def __init__(self, part: Part) -> None:
        self.docs = [_doc(t) for t in part["docs"]]
        self.keys: Sequence[int] = part["keys"]
        if len(self.keys) != len(self.docs) or len(part["tiers"]) != Postings.BODY:
            raise ValueError("an image part of another layout")
        self.tiers = [_arrays(cut) for cut in part["tiers"]]
        self.short = _arrays(part["short"])
        self.facets = {name: _arrays(cut) for name, cut in part["facets"].items() if name in FACETS}

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.docs]


def decode(part: Part) -> Decoded:
    """A part of an image as documents and arrays; raises ValueError (TypeError, KeyError) on
    one that is not a part."""
    return Decoded(part)


def restore(index: SearchIndex, part: Part | Decoded) -> list[str]:
    """Add one part of an image to an index that holds exactly the parts before it; return the
    ids it added. Raises ValueError (or TypeError, KeyError) on a part that does not fit, after
    which the index must be thrown away."""
    decoded = part if isinstance(part, Decoded) else Decoded(part)
    store, postings = index.store, index.postings
    bodies = postings.bodies
    keys, docs = decoded.keys, decoded.docs
    if not isinstance(bodies, PersistedBodies):
        raise ValueError("an image is restored only into an index with its body words on disk")
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
    for tier, arrays in zip(postings.tiers, decoded.tiers, strict=False):
        _merge(tier, arrays, start, end, by2)
    _merge(postings.short, decoded.short, start, end, None)
    for name, arrays in decoded.facets.items():
        _merge(postings.facets[name], arrays, start, end, None)
    index._changed()
    return decoded.ids


def _arrays(cut: Mapping[str, bytes]) -> dict[str, array[int]]:
    out: dict[str, array[int]] = {}
    for word, raw in cut.items():
        numbers = out[word] = array("I")
        numbers.frombytes(raw)
    return out


def _merge(
    post: dict[str, array[int]], arrays: Mapping[str, array[int]], start: int, end: int, by2: dict[str, set[str]] | None
) -> None:
    for word, numbers in arrays.items():
        if not numbers or numbers[0] < start or numbers[-1] >= end:
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
