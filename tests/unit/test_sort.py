"""Sorting the list: date and ORR, either way round; articles without a date or an ORR stay last."""

from __future__ import annotations

from pathlib import Path

import pytest

from tilbrowse.library.library import Library
from tilbrowse.search.document import make_doc
from tilbrowse.search.index import SearchIndex
from tilbrowse.settings import Settings

from ..conftest import SEEDS


@pytest.fixture
def index() -> SearchIndex:
    docs = [
        ("old", "2019-07-16", 44.0),
        ("mid", "2023-05-01", 31.4),
        ("new", "2026-03-15", None),
        ("undated", "", 60.0),
        ("twin", "2023-05-01", 31.4),
    ]
    return SearchIndex(
        make_doc(id=i, title=f"TIL therapy {i}", date=d, body="melanoma", numbers={"orr": o} if o is not None else {})
        for i, d, o in docs
    )


@pytest.mark.parametrize(
    ("sort", "reverse", "expected"),
    [
        ("date", False, ["new", "mid", "twin", "old", "undated"]),
        ("date", True, ["old", "mid", "twin", "new", "undated"]),
        ("orr", False, ["undated", "old", "mid", "twin", "new"]),
        ("orr", True, ["mid", "twin", "old", "undated", "new"]),
    ],
)
def test_date_and_orr_either_way(index: SearchIndex, sort: str, reverse: bool, expected: list[str]) -> None:
    assert list(index.search("", sort=sort, reverse=reverse).ids) == expected
    assert list(index.search("melanoma", sort=sort, reverse=reverse).ids) == expected, "a query keeps the order"
    assert list(index.search("til", sort=sort, reverse=reverse).ids) == expected, "a one-word (lazy) query too"
    assert list(index.search("", limit=2, sort=sort, reverse=reverse).ids) == expected[:2]


def test_relevance_has_one_order(index: SearchIndex) -> None:
    for query in ("", "til", "therapy old"):
        assert index.search(query, reverse=True).ids == index.search(query).ids


def test_orders_follow_changes(index: SearchIndex) -> None:
    assert index.search("", sort="date", reverse=True).ids[0] == "old"
    index.add(make_doc(id="older", title="TIL older", date="2001-01-01", body="", numbers={"orr": 1.0}))
    assert index.search("", sort="date", reverse=True).ids[0] == "older"
    assert index.search("", sort="orr", reverse=True).ids[0] == "older"
    index.remove("older")
    assert index.search("", sort="date", reverse=True).ids[0] == "old"


def test_the_library_passes_the_direction_on() -> None:
    library = Library.load([SEEDS])
    newest = list(library.search("", sort="date").ids)
    assert len(newest) >= 2
    assert list(library.search("", sort="date", reverse=True).ids) == newest[::-1]


def test_the_direction_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path).reverse is False, "no file: newest first"
    Settings(sort="date", reverse=True).save(path)
    again = Settings.load(path)
    assert (again.sort, again.reverse) == ("date", True)


@pytest.mark.parametrize("stored", ['{"reverse": "yes", "sort": "orr"}', '{"reverse": 1}', '{"sort": 3}', "[]", "{"])
def test_a_bad_settings_file_gives_defaults(tmp_path: Path, stored: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(stored, encoding="utf-8")
    settings = Settings.load(path)
    assert settings.reverse is False
    assert settings.sort in ("relevance", "orr")
