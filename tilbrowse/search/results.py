"""Ranked results: ids and scores read lazily, and big result sets put in order only as far as they are shown."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import overload

from tilbrowse.search.query import Query


class IdList(Sequence[str]):
    """Result ids in order; article numbers are turned into ids only when read."""

    __slots__ = ("_order", "_names", "_list")

    def __init__(self, order: Sequence[int], names: list[str]) -> None:
        self._order = order
        self._names = names
        self._list: list[str] | None = None

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._names[o] for o in self._order[index]]
        return self._names[self._order[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self._names.__getitem__, self._order)

    def _materialised(self) -> list[str]:
        if self._list is None:
            self._list = list(self)
        return self._list

    def __contains__(self, value: object) -> bool:
        return value in self._materialised()

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        """Position of an id (ValueError when absent)."""
        return self._materialised().index(value, start, len(self) if stop is None else stop)  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IdList | list | tuple):
            return self._materialised() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = self[:5]
        return f"IdList({shown}{'…' if len(self) > 5 else ''}, {len(self)} ids)"


class Scores(Mapping[str, float]):
    """Scores of a result by article id."""

    def __init__(self, by_ord: dict[int, float], ords: dict[str, int], names: list[str]) -> None:
        self._by_ord = by_ord
        self._ords = ords
        self._names = names

    def __getitem__(self, key: str) -> float:
        o = self._ords.get(key)
        if o is None or o not in self._by_ord:
            raise KeyError(key)
        return self._by_ord[o]

    def __iter__(self) -> Iterator[str]:
        return (self._names[o] for o in self._by_ord)

    def __len__(self) -> int:
        return len(self._by_ord)


@dataclass
class Result:
    """A ranked search result."""

    ids: Sequence[str]
    scores: Mapping[str, float]
    query: Query
    total: int
    """How many articles were searched."""
    message: str = ""
    """Why there are no results, or what was wrong with the query (empty when all is well)."""
    note: str = ""
    """How the query was read where that is not plain: a product named by an alias
    ("drug:amtagvi is lifileucel (also LN-144, Amtagvi)")."""


SORTS = ("relevance", "date", "orr")

LAZY_FROM = 6
"""A tier holding more than 1/LAZY_FROM of all articles is put in order lazily."""


class _Scan:
    """A big set's members in the global order, found as they are asked for."""

    __slots__ = ("members", "order", "pos", "out", "size")

    def __init__(self, members: set[int], order: list[int]) -> None:
        self.members, self.order, self.pos, self.size = members, order, 0, len(members)
        self.out: list[int] = []

    def fill(self, upto: int) -> list[int]:
        out, order, members = self.out, self.order, self.members
        if len(out) < upto:
            pos, end = self.pos, len(order)
            step = max(256, upto - len(out))
            while len(out) < upto and pos < end:
                chunk = order[pos : pos + step]
                out.extend(compress(chunk, map(members.__contains__, chunk)))
                pos += step
            self.pos = pos
        return out


def in_order(members: set[int], order: list[int], rank: list[int]) -> list[int] | _Scan:
    if len(members) * LAZY_FROM > len(order):
        return _Scan(members, order)
    return sorted(members, key=rank.__getitem__)


class Ordered(Sequence[int]):
    """Article numbers tier after tier, each tier in the global order; big tiers are scanned
    only as far as the rows asked for. The first rows can be replaced (re-ranked)."""

    def __init__(self, parts: list[list[int] | _Scan]) -> None:
        self._parts = parts
        self._len = sum(p.size if isinstance(p, _Scan) else len(p) for p in parts)
        self._head: list[int] = []

    def __len__(self) -> int:
        return self._len

    def _upto(self, count: int) -> list[int]:
        """The first `count` numbers (fewer at the end)."""
        if len(self._head) >= count or len(self._head) >= self._len:
            return self._head
        out: list[int] = []
        for part in self._parts:
            need = count - len(out)
            if need <= 0:
                break
            out.extend((part.fill(need) if isinstance(part, _Scan) else part)[:need])
        head = self._head
        self._head = head + out[len(head) :] if head else out
        return self._head

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            start, stop, _step = index.indices(self._len)
            return self._upto(stop)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        return self._upto(index + 1)[index]

    def __setitem__(self, index: slice, values: list[int]) -> None:
        """Replace the first rows by the same rows re-ranked."""
        start, stop, _step = index.indices(self._len)
        head = self._upto(stop)
        head[start:stop] = values

    def __iter__(self) -> Iterator[int]:
        return iter(self._upto(self._len))
