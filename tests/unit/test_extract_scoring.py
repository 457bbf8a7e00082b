"""The scorer counts what users read: outcomes, n and median age; candidates are never scored."""

from __future__ import annotations

import re

from tilbrowse.extract.model import Candidate, Cohort, Evidence, Rate
from tilbrowse.extract.scoring import Result, figures_of_cohort, main, report, score_article

from ..conftest import TESTS

EV = Evidence("x", 0, 1)


def test_n_and_median_age_are_figures() -> None:
    cohort = Cohort(id="a#1", label="A", n=20, median_age=61, outcomes={"orr": Rate(None, 40.0, EV)})
    assert set(figures_of_cohort(cohort)) == {("orr", "percent", 40.0), ("n", "value", 20), ("median_age", "value", 61)}


def test_candidates_are_not_scored_but_counted_when_they_hold_a_missed_figure() -> None:
    cohort = Cohort(id="a#1", label="A", n=20, candidates=(Candidate("cr", "percent", 10.0, "why", EV),))
    truth = {"cohorts": [{"label": "A", "n": 20, "outcomes": {"cr": {"count": None, "percent": 10.0}}}]}
    result = Result()
    score_article(truth, [cohort], "a", result)
    assert result.tp["n"] == 1 and result.fn["cr"] == 1 and result.in_candidates == 1


def test_quiet_report_keeps_the_overall_line_format() -> None:
    text = report(Result(), verbose=False)
    line = next(x for x in text.splitlines() if re.match(r"^ *overall", x))
    assert line.split()[0] == "overall" and len(line.split()) == 6


def test_all_sets_side_by_side(capsys: object) -> None:
    gold = TESTS / "gold"
    assert main(["--all", str(gold)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "gold" in out.splitlines()[0] and any(x.startswith("outcomes only") for x in out.splitlines())


def test_an_earlier_analysis_marked_background_counts_when_found_and_is_never_missed() -> None:
    """realdev's convention, as the blind gauge scores it: a BACKGROUND cohort is optional."""
    later = Cohort(id="a#1", label="Later", n=40, outcomes={"orr": Rate(None, 50.0, EV)})
    earlier = Cohort(id="a#2", label="Earlier", n=30, outcomes={"orr": Rate(None, 45.0, EV)})
    truth = {
        "cohorts": [
            {"label": "Later", "n": 40, "outcomes": {"orr": {"count": None, "percent": 50.0}}},
            {"label": "BACKGROUND: earlier cut", "n": 30, "outcomes": {"orr": {"count": None, "percent": 45.0}}},
            {"label": "x", "ambiguity": "BACKGROUND: first look", "n": 12, "outcomes": {"cr": {"percent": 9.0}}},
        ]
    }
    found, absent = Result(), Result()
    score_article(truth, [later, earlier], "a", found)
    score_article(truth, [later], "a", absent)
    assert (found.tp["orr"], found.tp["n"], found.fn["cr"], found.fn["n"]) == (2, 2, 0, 0)
    assert (absent.tp["orr"], absent.fn["orr"], absent.fn["n"], absent.fn["cr"]) == (1, 0, 0, 0)


def test_pairing_by_labels_lets_a_missing_cohort_cost_its_neighbour_as_the_gauge_does() -> None:
    truth = {
        "cohorts": [
            {"label": "Dose level 1", "n": 6, "outcomes": {"sd": {"count": 4, "percent": None}}},
            {"label": "Dose level 3", "n": 12, "outcomes": {"orr": {"count": 6, "percent": 50.0}}},
        ]
    }
    only_dl3 = [Cohort(id="a#1", label="Dose level 3", outcomes={"orr": Rate(6, 50.0, EV)})]  # n not stated
    by_figures, by_labels = Result(), Result()
    score_article(truth, only_dl3, "a", by_figures)
    score_article(truth, only_dl3, "a", by_labels, pairing="labels")
    assert by_figures.tp["orr"] == 2 and by_figures.fp["orr"] == 0
    # the first truth cohort takes the only extracted one: its right figures count as false
    assert by_labels.tp["orr"] == 0 and by_labels.fp["orr"] == 2
