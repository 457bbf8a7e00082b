"""The acceptance example of DESIGN §3: seed 004 gives exactly this table; seed 000 reports none."""

from __future__ import annotations

from typing import Any

import pytest

from tilbrowse.corpus.load import load_corpus
from tilbrowse.extract import extract, propose
from tilbrowse.extract.model import Cohort

from ..conftest import SEEDS

EXPECTED: list[dict[str, Any]] = [
    {
        "label": "Melanoma",
        "indication": "melanoma",
        "product": "lifileucel (LN-144)",
        "trial_id": "NCT02360579",
        "phase": "2",
        "n": 66,
        "median_age": 55,
        "outcomes": {
            "orr": {"count": None, "percent": 38.0},
            "cr": {"count": 2, "percent": 3.0},
            "pr": {"count": 23, "percent": 35.0},
            "sd": {"count": 28, "percent": 42.0},
            "pd": {"count": 9, "percent": 14.0},
            "tumor_reduction": {"count": None, "percent": 81.0},
            "median_ttr": {"months": 2.0, "not_reached": False},
            "median_dor": {"months": None, "not_reached": True},
            "median_followup": {"months": 8.8, "not_reached": False},
        },
    },
    {
        "label": "Cervical Cancer",
        "indication": "cervical cancer",
        "product": "LN-145",
        "trial_id": "NCT03108495",
        "phase": "2",
        "n": 27,
        "median_age": 45,
        "outcomes": {
            "orr": {"count": None, "percent": 44.0},
            "cr": {"count": 3, "percent": 11.0},
            "pr": {"count": 9, "percent": 33.0},
            "sd": {"count": 11, "percent": 41.0},
            "pd": {"count": 4, "percent": 15.0},
            "tumor_reduction": {"count": None, "percent": 78.0},
            "median_ttr": {"months": 2.0, "not_reached": False},
            "median_dor": {"months": None, "not_reached": True},
            "median_followup": {"months": 7.4, "not_reached": False},
        },
    },
]


def _stated(cohort: Cohort) -> dict[str, Any]:
    data = cohort.to_json()
    parts = ("count", "percent", "months", "not_reached")
    return {
        "label": data["label"],
        "indication": data["indication"],
        "product": data["product"],
        "trial_id": data["trial_id"],
        "phase": data["phase"],
        "n": data["n"],
        "median_age": data["median_age"],
        "outcomes": {k: {p: v[p] for p in parts if p in v} for k, v in data["outcomes"].items()},
    }


@pytest.fixture(scope="module")
def seeds() -> dict[str, Any]:
    corpus = load_corpus([SEEDS])
    return {a.id: (a, extract(a)) for a in corpus.articles}


def test_seed_004_is_exactly_the_design_table(seeds: dict[str, Any]) -> None:
    """The readers propose exactly DESIGN's acceptance table."""
    article, _ = seeds["004_e8cdb65b83effc3a"]
    proposal = propose(article)
    assert [_stated(c) for c in proposal.cohorts] == EXPECTED
    assert [c.id for c in proposal.cohorts] == ["004_e8cdb65b83effc3a#1", "004_e8cdb65b83effc3a#2"]


def test_seed_004_every_figure_is_stated_or_possible_never_changed(seeds: dict[str, Any]) -> None:
    """After the weight table's decision, each figure of the table is stated or, when its reading
    scores below the calibrated line, offered as possible with the same value: none is lost,
    none changes, nothing else is stated."""
    _, extraction = seeds["004_e8cdb65b83effc3a"]
    for cohort, expected in zip(extraction.cohorts, EXPECTED, strict=True):
        stated = _stated(cohort)
        possible = {(c.key, c.part): c.value for c in cohort.candidates}
        for key, parts in expected["outcomes"].items():
            if key in stated["outcomes"]:
                assert stated["outcomes"][key] == parts
            else:
                for part, value in parts.items():
                    if value is None or (part == "not_reached" and value is False):
                        continue
                    assert possible[(key, part)] == value, (cohort.label, key, part)
                assert any(c.reason.startswith("not sure: scored ") for c in cohort.candidates if c.key == key)
        assert set(stated["outcomes"]) <= set(expected["outcomes"])
        assert stated["n"] in (expected["n"], None)
        if stated["n"] is None:
            assert possible[("n", "value")] == expected["n"]


def test_seed_004_derived_values_and_checks(seeds: dict[str, Any]) -> None:
    _, extraction = seeds["004_e8cdb65b83effc3a"]
    melanoma, cervical = extraction.cohorts
    assert melanoma.derived["orr"].count == 25 and melanoma.derived["orr"].ci95 == (26.2, 50.7)
    assert cervical.derived["orr"].count == 12 and cervical.derived["orr"].ci95 == (25.5, 64.7)
    assert melanoma.outcomes["orr"].count is None, "a derived count never leaks into the stated figures"
    assert all(c.level == "ok" for c in melanoma.checks + cervical.checks)
    assert any("23/66 = 34.8%" in c.message for c in melanoma.checks)


def test_seed_004_distractors_are_other_figures_not_outcomes(seeds: dict[str, Any]) -> None:
    _, extraction = seeds["004_e8cdb65b83effc3a"]
    melanoma, cervical = extraction.cohorts
    assert melanoma.other["men"].percent == 60.0
    assert melanoma.other["longest response"].value == 19.8
    assert any(f.percent == 68.0 for f in melanoma.other.values()), "68% still responding is shown, as other"
    assert any(f.percent == 82.0 for name, f in cervical.other.items() if name.startswith("prior"))
    # "three to five months" about other treatments never becomes a DOR.
    assert cervical.outcomes["median_dor"].not_reached is True


def test_every_figure_has_evidence_in_the_body(seeds: dict[str, Any]) -> None:
    article, extraction = seeds["004_e8cdb65b83effc3a"]
    for cohort in extraction.cohorts:
        for outcome in cohort.outcomes.values():
            ev = outcome.evidence
            assert article.body[ev.start : ev.end] == ev.text
            assert ev.start <= ev.match_start < ev.match_end <= ev.end


def test_seed_000_reports_no_figures_but_states_its_study(seeds: dict[str, Any]) -> None:
    _, extraction = seeds["000_895c175884171d6d"]
    assert extraction.cohorts == ()
    assert "2" in extraction.facts.phases
    assert any("lifileucel" in p.lower() for p in extraction.facts.products)
    assert any("sarcoma" in d for d in extraction.facts.indications)
