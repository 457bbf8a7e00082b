"""Search: every word required (exact, prefix, typo), fzf tokens, filters, ranking, narrowing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilbrowse.data.search import SearchIndex, highlight_spans, make_doc, parse_query


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(
        [
            make_doc(
                id="mel",
                title="Lifileucel shows durable responses in advanced melanoma",
                date="2023-05-01",
                body="Melanoma patients after anti-PD-1 therapy. Cervical is not mentioned here.",
                tags=["melanoma", "til"],
                drugs=["lifileucel"],
                diseases=["melanoma"],
                trial_ids=["NCT02360579"],
                sources=["https://example.org/a"],
                numbers={"orr": 31.4, "n": 153},
            ),
            make_doc(
                id="cer",
                title="LN-145 in cervical cancer",
                date="2019-07-16",
                body="Women with recurrent cervical cancer responded to TIL therapy.",
                tags=["cervical cancer"],
                drugs=["ln-145"],
                diseases=["cervical cancer"],
                trial_ids=["NCT03108495"],
                sources=["https://news.example.com/b"],
                numbers={"orr": 44.0, "n": 27},
            ),
            make_doc(
                id="sar",
                title="Iovance reports early sarcoma data",
                date="2026-03-15",
                summary="Phase 2 study of lifileucel in advanced sarcomas.",
                body="No response figures were given for the sarcoma cohorts.",
                tags=["sarcoma", "lifileucel"],
                drugs=["lifileucel"],
                diseases=["sarcomas"],
                sources=["yahoo-finance"],
            ),
        ]
    )


def ids(index: SearchIndex, query: str) -> list[str]:
    return index.search(query).ids


def test_empty_query_lists_all_newest_first(index: SearchIndex) -> None:
    assert ids(index, "") == ["sar", "mel", "cer"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sarcoma", ["sar"]),
        ("cervical", ["cer", "mel"]),  # title match ranks above a body mention
        ("cervcal", ["cer", "mel"]),  # one typo
        ("lifileucle", ["mel", "sar"]),  # transposition: two edits, allowed for long words
        ("melan", ["mel"]),  # prefix
        ("lifileucel melanoma", ["mel"]),  # every word required
        ("lifileucel zebra", []),
        ("'early sarcoma", ["sar"]),
        ('"durable responses"', ["mel"]),
        ("lifileucel !sarcoma", ["mel"]),
        ("tag:til", ["mel"]),
        ("drug:lifileucel", ["sar", "mel"]),
        ("disease:cervical", ["cer"]),
        ("nct:NCT02360579", ["mel"]),
        ("source:yahoo", ["sar"]),
        ("after:2020-01-01", ["sar", "mel"]),
        ("before:2020", ["cer"]),
        ("orr>40", ["cer"]),
        ("orr>=31.4", ["cer", "mel"]),
        ("orr<40", ["mel"]),
        ("n>=50", ["mel"]),
        ("n<50 cervical", ["cer"]),
    ],
)
def test_queries(index: SearchIndex, query: str, expected: list[str]) -> None:
    assert sorted(ids(index, query)) == sorted(expected)
    if len(expected) > 1 and query in ("cervical", "cervcal"):
        assert ids(index, query) == expected


def test_scattered_letters_are_not_a_match(index: SearchIndex) -> None:
    assert ids(index, "mlnm") == []


def test_short_words_need_exact_or_prefix(index: SearchIndex) -> None:
    assert ids(index, "ln") == ["cer"]
    assert ids(index, "lx") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("orr>abc", "a number is needed"),
        ("tag:", "needs a value"),
        ("after:yesterday", "dates are written"),
    ],
)
def test_invalid_filters_are_messages(index: SearchIndex, query: str, message: str) -> None:
    result = index.search(query)
    assert result.ids == [] and message in result.message


def test_no_results_say_why(index: SearchIndex) -> None:
    assert "orr>90" in index.search("orr>90").message
    assert "zebra" in index.search("melanoma zebra").message


def test_typing_narrows_and_stays_correct(index: SearchIndex) -> None:
    seen = []
    for i in range(1, len("cervical") + 1):
        seen.append(ids(index, "cervical"[:i]))
    assert seen[-1] == ids(SearchIndex(index.docs.values()), "cervical")
    # Deleting back out must widen again.
    assert ids(index, "c") == ids(SearchIndex(index.docs.values()), "c")


def test_highlight_spans_mark_word_starts() -> None:
    assert highlight_spans("Lifileucel in melanoma", ["melan", "lif"]) == [(0, 3), (14, 19)]
    assert highlight_spans("premelanoma", ["melan"]) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_query_parser_never_raises(text: str) -> None:
    parse_query(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc!'\":<>=0123456789 tagorn", max_size=40))
def test_search_never_raises(text: str) -> None:
    index = SearchIndex([make_doc(id="a", title="abc", date=None, body="a b c")])
    index.search(text)
