"""Invariants before a figure is stated: impossible figures go to candidates, never to outcomes."""

from __future__ import annotations

from typing import Any

import pytest

from tilbrowse.corpus.models import Article
from tilbrowse.extract import propose
from tilbrowse.extract.guards import guard, n_problem, repeated_digits
from tilbrowse.extract.model import Duration, Evidence, Rate

EV = Evidence("x", 0, 1)


def cohorts_of(body: str) -> list[dict[str, Any]]:
    article = Article(id="t", path="t.md", title="T", body=body)
    return [c.to_json() for c in propose(article).cohorts]


def test_percent_outside_0_100_is_a_candidate() -> None:
    out = guard({"pd": Rate(None, 11111111111.0, EV), "orr": Rate(None, 140.0, EV)}, None, None, None)
    assert out.outcomes == {}
    assert {(c.key, c.part) for c in out.candidates} == {("pd", "percent"), ("orr", "percent")}
    assert all(c.reason for c in out.candidates)


def test_count_larger_than_n_is_a_candidate() -> None:
    out = guard({"cr": Rate(46, None, EV), "orr": Rate(12, 35.3, EV)}, 34, EV, None)
    assert "cr" not in out.outcomes
    assert out.outcomes["orr"].count == 12  # type: ignore[union-attr]
    assert [(c.key, c.value) for c in out.candidates] == [("cr", 46)]


def test_count_and_percent_that_disagree_with_n_keep_only_the_percent() -> None:
    out = guard({"orr": Rate(12, 67.0, EV), "cr": Rate(3, 25.0, EV)}, 12, EV, None)
    orr = out.outcomes["orr"]
    assert isinstance(orr, Rate) and orr.count is None and orr.percent == 67.0
    assert [(c.key, c.part, c.value) for c in out.candidates] == [("orr", "count", 12)]
    assert out.n == 12


def test_an_n_that_several_figures_contradict_is_the_candidate() -> None:
    # 3 (16%), 9 (47%) and 4 (21%) all fit 19 patients, not the 21 enrolled.
    rates = {"pr": Rate(3, 16.0, EV), "sd": Rate(9, 47.0, EV), "pd": Rate(4, 21.0, EV), "cr": Rate(1, 5.0, EV)}
    out = guard(rates, 21, EV, None)
    assert out.n is None
    assert set(out.outcomes) == set(rates)
    assert [(c.key, c.value) for c in out.candidates] == [("n", 21)]


def test_months_outside_the_range_are_candidates() -> None:
    out = guard({"median_os": Duration(300.0, False, EV), "median_pfs": Duration(0.0, False, EV)}, None, None, None)
    assert out.outcomes == {}
    assert {c.key for c in out.candidates} == {"median_os", "median_pfs"}


@pytest.mark.parametrize("value", [11111, 222222, 7777777])
def test_runs_of_one_digit_are_not_figures(value: int) -> None:
    assert repeated_digits(float(value))


def test_ordinary_numbers_are_not_runs() -> None:
    assert not repeated_digits(1111.0)
    assert not repeated_digits(38.5)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Data were presented on June 15, 2024 in Chicago.", 15),
        ("Enrollment began in 2019 and results came in 2023.", 2019),
        ("The dose was 50 mg given twice.", 50),
        ("Funding of $25 million was raised.", 25),
        ("The ORR was 40% (95% CI, 22-61).", 22),
    ],
)
def test_n_is_never_a_date_year_dose_money_or_ci_bound(sentence: str, value: int) -> None:
    start = sentence.index(str(value))
    ev = Evidence(sentence, 0, len(sentence), start, start + len(str(value)))
    assert n_problem(value, ev)


def test_a_plain_n_passes() -> None:
    sentence = "The trial enrolled 48 patients with melanoma."
    start = sentence.index("48")
    assert not n_problem(48, Evidence(sentence, 0, len(sentence), start, start + 2))


def test_impossible_percent_in_an_article_never_reaches_outcomes() -> None:
    body = (
        "The phase 2 study treated 30 patients with sarcoma. The objective response rate was 40%. "
        "Progressive disease was seen in 11111111111% of patients."
    )
    cohorts = cohorts_of(body)
    assert cohorts and cohorts[0]["outcomes"]["orr"]["percent"] == 40.0
    assert "pd" not in cohorts[0]["outcomes"]
    assert any(c["key"] == "pd" and c["part"] == "percent" for c in cohorts[0]["candidates"])


def test_candidates_are_in_the_json_of_every_cohort() -> None:
    cohorts = cohorts_of("The objective response rate was 40% in 20 patients with melanoma.")
    assert cohorts and cohorts[0]["candidates"] == []


def test_one_pair_that_fits_a_smaller_set_moves_the_enrolled_n_to_candidates() -> None:
    # 14 (9.2%) fits 152 evaluable patients; the 166 enrolled is not this figure's n.
    out = guard({"cr": Rate(14, 9.2, EV)}, 166, EV, None)
    assert out.n is None
    assert out.outcomes["cr"].count == 14  # type: ignore[union-attr]
    assert [(c.key, c.value) for c in out.candidates] == [("n", 166)]


@pytest.mark.parametrize("animals", ["mice bearing xenografts", "tumour-bearing mice", "monkeys"])
def test_a_count_of_animals_is_never_a_cohorts_size(animals: str) -> None:
    text = f"The drug induced complete regressions in 7 of 8 {animals} at 0.3 mg/kg."
    at = text.index("8 ")
    evidence = Evidence(text, 0, len(text), at, at + 1)
    assert n_problem(8, evidence) == "n = 8 counts animals, not patients"
    people = "The drug induced responses in 7 of 8 patients at 0.3 mg/kg."
    at = people.index("8 ")
    assert n_problem(8, Evidence(people, 0, len(people), at, at + 1)) == ""
