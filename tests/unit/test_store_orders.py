"""The store's orders: stable sorts by one number each give the order the README promises (by
date newest first, or by ORR highest first; unknowns last either way; ties by date, then id)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tilbrowse.search.document import make_doc
from tilbrowse.search.store import DocStore

DATES = st.one_of(st.none(), st.sampled_from(["2019-05-01", "2021-01-01", "2021-01-01", "2024-12-31", "2024"]))
ORRS = st.one_of(st.none(), st.sampled_from([0.0, 12.5, 31.4, 31.4, 100.0]))


def _reference(store: DocStore, sort: str, reverse: bool) -> list[int]:
    """The order by whole keys, as the rule reads."""

    def key(o: int) -> tuple[Any, ...]:
        d = store.docs[o]
        assert d is not None
        dated, orr = d.date_key != 0, d.numbers.get("orr")
        newest_first = (not dated, -d.date_key, d.id)
        if sort == "date":
            return (not dated, d.date_key, d.id) if reverse else newest_first
        if reverse:
            return (orr is None, orr or 0.0, *newest_first)
        return (orr is None, -(orr or 0.0), *newest_first)

    return sorted(store.ord.values(), key=key)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), DATES, ORRS), min_size=0, max_size=25),
    st.lists(st.integers(0, 30), max_size=6),
)
def test_orders_follow_the_rule(articles: list[tuple[int, str | None, float | None]], removed: list[int]) -> None:
    store = DocStore()
    for name, date, orr in articles:  # a name twice: the later replaces the earlier (its number retired)
        numbers = {} if orr is None else {"orr": orr}
        store.add(make_doc(id=f"a{name:02d}", title="t", date=date, numbers=numbers))
    for name in removed:
        store.remove(f"a{name:02d}")
    for sort in ("date", "orr"):
        for reverse in (False, True):
            order, rank = store.order(sort, reverse)
            assert order == _reference(store, sort, reverse), (sort, reverse)
            assert all(rank[o] == position for position, o in enumerate(order))
