"""Search: every word required (exact, prefix, typo), fzf tokens, filters, ranking, narrowing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tilbrowse.search.document import SearchDoc, make_doc
from tilbrowse.search.highlight import highlight_spans
from tilbrowse.search.index import SearchIndex
from tilbrowse.search.query import parse_query

from .search_engines import ENGINES, build


def make_docs() -> list[SearchDoc]:
    return [
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


@pytest.fixture(params=ENGINES)
def index(request: pytest.FixtureRequest, tmp_path: Path) -> SearchIndex:
    return build(make_docs(), request.param, tmp_path)


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
    assert seen[-1] == ids(SearchIndex(make_docs()), "cervical")
    # Deleting back out must widen again.
    assert ids(index, "c") == ids(SearchIndex(make_docs()), "c")


def test_highlight_spans_mark_word_starts() -> None:
    assert highlight_spans("Lifileucel in melanoma", ["melan", "lif"]) == [(0, 3), (14, 19)]
    assert highlight_spans("premelanoma", ["melan"]) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_query_parser_never_raises(text: str) -> None:
    parse_query(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="abc!'\":<>=0123456789 tagorn", max_size=40))
def test_search_never_raises(text: str) -> None:
    index = SearchIndex([make_doc(id="a", title="abc", date=None, body="a b c")])
    index.search(text)


# The index against a plain model of the rules, on random corpora and typing ------------------

VOCAB = [
    *("melanoma", "melan", "mel", "cervical", "cervix", "cancer", "ca", "til", "lifileucel", "orr", "sarcoma", "m"),
    *("3", "30", "2023", "2024", "b"),
]


def _reference(docs: list[tuple[str, list[str], list[str]]], query: str) -> set[str]:
    """Which documents the rules of the module docstring accept (words only, and !words)."""
    from rapidfuzz.distance import Levenshtein

    found = set()
    for doc_id, head, body in docs:
        everything = head + body
        ok = True
        for token in query.split():
            if token.startswith("!"):
                word = token[1:]
                if word and any(w.startswith(word) for w in everything):
                    ok = False
                continue
            number = not any(ch.isalpha() for ch in token)
            budget = 0 if number or len(token) < 4 else 1 if len(token) < 8 else 2
            if len(token) < 3:  # a whole word anywhere; or, unless a number, a short-field word start
                hit = token in everything or (not number and any(w.startswith(token) for w in head))
                ok = ok and hit
                continue
            hit = any(w.startswith(token) for w in everything) or (
                budget > 0
                and any(
                    w[:1] == token[:1]
                    and not w.startswith(token)
                    and abs(len(w) - len(token)) <= budget
                    and Levenshtein.distance(w, token) <= budget
                    for w in everything
                )
            )
            ok = ok and hit
        if ok:
            found.add(doc_id)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(VOCAB), max_size=4), st.lists(st.sampled_from(VOCAB), max_size=6)),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.sampled_from([*VOCAB, "!mel", "!c", "cervcal", "melanom", "zzz"]), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=7),
    st.sampled_from(ENGINES),
)
def test_index_agrees_with_the_rules_while_typing(
    raw: list[tuple[list[str], list[str]]], words: list[str], drop: int, engine: str
) -> None:
    docs = [(f"d{i}", head, body) for i, (head, body) in enumerate(raw)]
    with tempfile.TemporaryDirectory() as folder:
        made = [make_doc(id=d, title=" ".join(h), date=None, body=" ".join(b)) for d, h, b in docs]
        _agrees_while_typing(build(made, engine, Path(folder)), docs, words, drop)


def _agrees_while_typing(
    index: SearchIndex, docs: list[tuple[str, list[str], list[str]]], words: list[str], drop: int
) -> None:
    if drop < len(docs) and len(docs) > 1:
        index.remove(docs[drop][0])  # a deleted file
        docs = [d for d in docs if d[0] != docs[drop][0]]
    # Ids are words too (they are a short field): keep them out of the way.
    docs = [(d, [*h, d], b) for d, h, b in docs]
    typed = " ".join(words)
    for i in range(1, len(typed) + 1):
        prefix = typed[:i]
        assert set(index.search(prefix).ids) == _reference(docs, prefix), prefix


# Numbers and one-letter words (issue 18) ------------------------------------------------------


def short_word_docs() -> list[SearchDoc]:
    return [
        make_doc(
            id="ph3",
            title="Ipilimumab after TIL therapy",
            date="2024-02-01",
            body="The phase 3 trial compared ipilimumab with TIL in 168 patients.",
        ),
        make_doc(
            id="pct",
            title="Ipilimumab in 2023: 30% respond",
            date="2023-06-01",
            summary="Responses of 30% and 31%.",
            body="In 2023 the ORR was 30% with ipilimumab; 3.5 months of follow-up; phase 2.",
        ),
        make_doc(
            id="vit",
            title="Vitamin D and hepatitis B in TIL patients",
            date="2022-01-01",
            body="Screening for hepatitis b before lifileucel.",
        ),
        make_doc(
            id="tag",
            title="Grade three events",
            date="2021-01-01",
            tags=["phase 3"],
            entities=["type 1 diabetes"],
            summary="A phase 3 summary.",
        ),
    ]


@pytest.fixture(params=ENGINES)
def short_index(request: pytest.FixtureRequest, tmp_path: Path) -> SearchIndex:
    return build(short_word_docs(), request.param, tmp_path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase 3 ipilimumab", ["ph3"]),  # "3" is in the body only
        ("3 ipilimumab", ["ph3"]),  # not "30%", "2023" nor "3.5"
        ("3", ["ph3", "tag"]),  # body, tags and summary
        ("phase 3", ["ph3", "tag"]),
        ("phase 2", ["pct"]),
        ("1 diabetes", ["tag"]),  # an entity
        ("30 ipilimumab", ["pct"]),  # a two-digit number in the title and body
        ("31", ["pct"]),  # in the summary only
        ("168", ["ph3"]),  # a longer number in the body
        ("hepatitis b", ["vit"]),  # a one-letter word, in the title or the body
        ("d vitamin", ["vit"]),
        ("2022", []),  # a number is not a typo of another number ("2023")
        ("2024", []),
    ],
)
def test_numbers_and_one_letter_words_are_found_anywhere(
    short_index: SearchIndex, query: str, expected: list[str]
) -> None:
    assert sorted(ids(short_index, query)) == sorted(expected)


def test_a_one_letter_body_word_counts_in_the_body_only_as_a_whole_word() -> None:
    index = SearchIndex(
        [
            make_doc(id="with", title="Hepatitis screening", date=None, body="Hepatitis b was excluded."),
            make_doc(id="without", title="Hepatitis screening", date=None, body="Hepatitis excluded by blood tests."),
        ]
    )
    assert ids(index, "hepatitis b") == ["with"]


def test_while_typing_a_letter_still_finds_title_words_starting_with_it(short_index: SearchIndex) -> None:
    assert set(ids(short_index, "v")) >= {"vit"}
    assert set(ids(short_index, "ipilimumab g")) == set()
    assert set(ids(short_index, "g")) >= {"tag"}


def test_a_number_in_the_title_ranks_above_one_in_the_body(short_index: SearchIndex) -> None:
    index = SearchIndex(
        [
            *short_word_docs(),
            make_doc(id="t3", title="Phase 3 ipilimumab readout", date="2020-01-01", body="Readout."),
        ]
    )
    assert ids(index, "phase 3 ipilimumab") == ["t3", "ph3"]


def test_numbers_highlight_as_whole_words() -> None:
    text = "Phase 3 in 2023: 30% of 3 arms"
    assert highlight_spans(text, ["3"]) == [(6, 7), (24, 25)]


@pytest.mark.parametrize("engine", ENGINES)
def test_typos_are_looked_for_in_the_vocabulary_as_it_is_now(engine: str, tmp_path: Path) -> None:
    """What a loader prepares (the vocabulary by letter and length) follows every change after it."""
    index = build(make_docs(), engine, tmp_path)
    index.prepare()
    assert ids(index, "cervcal") == ["cer", "mel"]
    assert ids(index, "glioblastma") == []
    index.add_many([make_doc(id="gbm", title="TIL in glioblastoma", date="2024-01-01", body="Recurrent glioblastoma.")])
    assert ids(index, "glioblastma") == ["gbm"]  # a word new since the vocabulary was prepared
    index.remove("cer")
    assert ids(index, "cervcal") == ["mel"]
