"""The articles' search documents by number, and the orders and values sorting and range
filters read: articles are numbered as they are added; a replaced or removed article's number
is retired (its document dropped), never reused."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import replace
from typing import Any

from tilbrowse.search.document import NUMERIC, SearchDoc


class DocStore:
    """Search documents (without their body words and facet values, which only the postings
    need) by number."""

    def __init__(self) -> None:
        self.names: list[str] = []
        """Article id of each number."""
        self.docs: list[SearchDoc | None] = []
        self.ord: dict[str, int] = {}
        """Number of each live article id."""
        self.dead: set[int] = set()
        self._orders: dict[tuple[str, bool], tuple[list[int], list[int]]] = {}
        self._ranges: dict[str, tuple[list[Any], list[int]]] = {}

    def __len__(self) -> int:
        return len(self.ord)

    def get(self, doc_id: str) -> SearchDoc | None:
        o = self.ord.get(doc_id)
        return None if o is None else self.docs[o]

    def by_id(self) -> dict[str, SearchDoc]:
        """The live documents by id (built on demand: O(n))."""
        return {self.names[o]: d for o, d in enumerate(self.docs) if d is not None}

    def live(self) -> set[int]:
        return set(self.ord.values())

    def add(self, doc: SearchDoc) -> int:
        """Number a document (retiring the number of the one it replaces); return its number."""
        old = self.ord.get(doc.id)
        if old is not None:
            self._retire(old)
        o = len(self.names)
        self.names.append(doc.id)
        self.ord[doc.id] = o
        # Kept: what ranking, sorting, range filters and alias notes read. The body's words and
        # the facet values are filed in the postings and are not needed again.
        self.docs.append(replace(doc, body="", tags=(), diseases=(), trial_ids=(), sources=(), trials=()))
        return o

    def restore(self, doc: SearchDoc) -> int:
        """Number a document as it was stored (by `add`, in an image of the index: see
        `search.image`); return its number."""
        o = len(self.names)
        self.names.append(doc.id)
        self.ord[doc.id] = o
        self.docs.append(doc)
        return o

    def remove(self, doc_id: str) -> bool:
        """Forget one article; whether it was there."""
        o = self.ord.pop(doc_id, None)
        if o is None:
            return False
        self._retire(o)
        return True

    def _retire(self, o: int) -> None:
        self.dead.add(o)
        self.docs[o] = None

    def changed(self) -> None:
        """Forget the orders and values worked out for the articles as they were."""
        self._orders.clear()
        self._ranges.clear()

    def values(self, name: str) -> tuple[list[Any], list[int]]:
        """A numeric field's (or the date's) values in order, and the articles holding them."""
        found = self._ranges.get(name)
        if found is None:
            docs = self.docs
            by_ord: list[Any]
            if name in NUMERIC:
                by_ord = [d.numbers.get(name) if d is not None else None for d in docs]
            else:
                by_ord = [d.date or None if d is not None else None for d in docs]
            ords = [o for o, v in enumerate(by_ord) if v is not None]
            ords.sort(key=by_ord.__getitem__)
            found = self._ranges[name] = (list(map(by_ord.__getitem__, ords)), ords)
        return found

    def order(self, sort: str, reverse: bool = False) -> tuple[list[int], list[int]]:
        """Every live article in date (or ORR) order, and each article number's rank in it.

        Newest (highest ORR) first; `reverse`: oldest (lowest ORR) first. Either way articles
        without a date (an ORR) come last: reversing the list never puts the unknowns on top.
        Ties: by date, newest first, for ORR; then by id."""
        found = self._orders.get((sort, reverse))
        if found is None:
            # Stable sorts by one number each, over an order that already breaks their ties (a
            # third of the time of one sort by tuples at 100,000 articles): dates over the ids
            # (numbered in path order, so nearly sorted already), ORRs over the date order.
            docs = self.docs
            key: list[float]
            if sort == "orr":
                base = self.order("date")[0]
                orrs = [d.numbers.get("orr") if d is not None else None for d in docs]
                if reverse:
                    key = [math.inf if orr is None else orr for orr in orrs]
                else:
                    key = [1.0 if orr is None else -orr for orr in orrs]
            else:
                base = sorted(self.ord.values(), key=self.names.__getitem__)
                if reverse:
                    key = [d.date_key or math.inf if d is not None else 0 for d in docs]
                else:
                    key = [-d.date_key if d is not None else 0 for d in docs]
            order = sorted(base, key=key.__getitem__)
            rank = [0] * len(self.names)
            deque(map(rank.__setitem__, order, range(len(order))), maxlen=0)  # rank[o] = position
            found = self._orders[(sort, reverse)] = (order, rank)
        return found

    def prepare(self) -> None:
        """Work out now the orders and filter values the first queries after a change need."""
        for sort in ("date", "orr"):
            self.order(sort, False)
            self.order(sort, True)
        for name in (*sorted(NUMERIC), "date"):
            self.values(name)
