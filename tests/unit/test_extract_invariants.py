"""Every stated number obeys the invariants (issue 19, item 3): `other` figures too, spelled numbers
read as their words, indications never read from an antigen's name, a trial's phase as its lead states."""

from __future__ import annotations

from typing import Any

import pytest

from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.extract.guards import guard_other
from tilbrowse.extract.lexicon import diseases_in
from tilbrowse.extract.model import Candidate, Evidence, OtherFigure
from tilbrowse.extract.quantities import scan

EV = Evidence("x", 0, 1)


def cohorts_of(body: str, title: str = "T") -> list[dict[str, Any]]:
    article = Article(id="t", path="t.md", title=title, body=body)
    return [c.to_json() for c in extract(article).cohorts]


# -- `other` figures obey the invariants ----------------------------------------------------------


def test_other_figures_out_of_bounds_are_candidates() -> None:
    other = {
        "men": OtherFigure("men", EV, percent=140.0),
        "responses ongoing": OtherFigure("responses ongoing", EV, percent=111111111.0),
        "grade ≥3 adverse events": OtherFigure("grade ≥3 adverse events", EV, percent=65.0, count=52),
        "longest response": OtherFigure("longest response", EV, value=30.0, unit="years"),
        "manufacturing time": OtherFigure("manufacturing time", EV, value=16.0, unit="days"),
    }
    candidates: list[Candidate] = []
    kept = guard_other(other, 40, candidates)
    assert set(kept) == {"grade ≥3 adverse events", "manufacturing time"}
    ae = kept["grade ≥3 adverse events"]
    assert ae.percent == 65.0 and ae.count is None  # 52 patients cannot be of a cohort of 40
    assert kept["manufacturing time"].value == 16.0
    assert {(c.key, c.part, c.value) for c in candidates} == {
        ("other:men", "percent", 140.0),
        ("other:responses ongoing", "percent", 111111111.0),
        ("other:grade ≥3 adverse events", "count", 52),
        ("other:longest response", "value", 30.0),
    }
    assert all(c.reason for c in candidates)


def test_an_other_count_larger_than_the_cohort_is_only_possible() -> None:
    body = (
        "The phase 2 study treated 40 patients with advanced melanoma. The objective response rate was "
        "50% (20 of 40). Grade 3 or higher adverse events occurred in 52 patients (65%)."
    )
    (cohort,) = cohorts_of(body)
    assert cohort["n"] == 40
    assert cohort["other"]["grade ≥3 adverse events"].get("count") is None
    assert cohort["other"]["grade ≥3 adverse events"]["percent"] == 65.0
    assert ("other:grade ≥3 adverse events", "count", 52) in {
        (c["key"], c["part"], c["value"]) for c in cohort["candidates"]
    }


# -- spelled numbers are read as their words, never digit by digit ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Forty-two percent of responders were still responding.", 42.0),
        ("Sixty-one percent of the participants were women.", 61.0),
        ("Disease control was reached in one hundred percent of the evaluable group.", 100.0),
        ("Nine per cent stopped treatment for toxicity.", 9.0),
        ("About twenty-five percent had stable disease.", 25.0),
    ],
)
def test_a_spelled_percent_is_its_words(sentence: str, value: float) -> None:
    (q,) = [q for q in scan(sentence).quantities if q.kind == "pct"]
    assert q.value == value


def test_a_spelled_interval_and_duration_are_their_words() -> None:
    (q,) = scan("Median survival was twelve (95% CI, ten to fifteen) months.").quantities
    assert q.kind == "dur" and q.value == 12.0 and q.ci == (10.0, 15.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "One third of patients had grade 3 fatigue.",
        "One quarter of patients needed steroids.",
    ],
)
def test_a_share_in_words_is_not_a_count(sentence: str) -> None:
    assert [q for q in scan(sentence).quantities if q.kind in ("cnt", "frac", "pct")] == []


def test_spelled_other_figures_are_stated_values() -> None:
    body = (
        "The phase 2 trial enrolled 48 patients with metastatic uveal melanoma. The objective response "
        "rate was 25% (12 of 48). Forty-two percent of responders had responses ongoing at the data cutoff. "
        "Sixty-one percent of patients were men."
    )
    (cohort,) = cohorts_of(body)
    assert cohort["other"]["responses ongoing"]["percent"] == 42.0
    assert cohort["other"]["men"]["percent"] == 61.0


def test_a_spelled_percent_of_progression_is_a_percentage() -> None:
    body = (
        "Twenty patients with refractory sarcoma were treated in the phase 1 study. The overall response "
        "rate was 10% (2 of 20). Progressive disease was the best response in sixty percent of patients."
    )
    (cohort,) = cohorts_of(body)
    assert cohort["outcomes"]["pd"]["percent"] == 60.0
    assert all(c["value"] != 11111111111.0 for c in cohort["candidates"])


# -- an indication is never read from an antigen or gene name --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "diseases"),
    [
        (
            "The receptor recognises NY-ESO-1 (New York esophageal squamous cell carcinoma 1) on synovial sarcoma.",
            ["synovial sarcoma"],
        ),
        ("It targets melanoma-associated antigen A4 (MAGE-A4) in solid tumors.", ["solid tumors"]),
        ("PRAME (preferentially expressed antigen in melanoma) is common in ovarian cancers.", ["ovarian cancer"]),
        ("Cancer-testis antigens such as the melanoma antigen gene family are targets.", []),
        ("Anaplastic lymphoma kinase (ALK) fusions drive some NSCLC.", ["non-small cell lung cancer"]),
        ("Venetoclax blocks B-cell lymphoma 2 in CLL.", ["chronic lymphocytic leukemia"]),
        ("Kirsten rat sarcoma viral oncogene homolog (KRAS) mutations in colorectal cancer.", ["colorectal cancer"]),
        ("GD2, claudin 18.2 and CD19 are the targets of three CAR-T products.", []),
    ],
)
def test_antigen_and_gene_names_are_not_diseases(sentence: str, diseases: list[str]) -> None:
    assert [name for _s, _e, name in diseases_in(sentence)] == diseases


def test_diseases_beside_antigen_names_are_still_read() -> None:
    found = [
        n
        for _s, _e, n in diseases_in(
            "Squamous cell carcinoma of the skin and melanoma; anaplastic large cell lymphoma."
        )
    ]
    assert found == ["squamous cell carcinoma", "melanoma", "lymphoma"]


def test_a_ny_eso_1_trial_is_of_its_disease_not_of_the_antigen() -> None:
    body = (
        "The engineered T cells recognise NY-ESO-1, the New York esophageal squamous cell carcinoma-1 antigen, "
        "a cancer-testis antigen. In the phase 1 study, 15 patients with synovial sarcoma were treated, and the "
        "objective response rate was 40% (6 of 15)."
    )
    article = Article(id="t", path="t.md", title="NY-ESO-1 T cells in sarcoma", body=body)
    extraction = extract(article)
    (cohort,) = extraction.cohorts
    assert cohort.indication == "synovial sarcoma"
    assert "squamous cell carcinoma" not in extraction.facts.indications
    assert "esophageal cancer" not in extraction.facts.indications


# -- a trial's phase is never lower than its lead states --------------------------------------------


def test_a_phase_3_trial_is_not_shown_as_the_earlier_phase_1_2_study() -> None:
    body = (
        "The randomized trial enrolled 300 patients with advanced melanoma. An earlier phase 1/2 study had shown "
        "activity of zelatamab. In the zelatamab arm (n = 150), the objective response rate was 45%. In the "
        "chemotherapy arm (n = 150), the objective response rate was 20%."
    )
    cohorts = cohorts_of(body, title="Phase 3 trial of zelatamab in melanoma meets its primary endpoint")
    assert [c["phase"] for c in cohorts] == ["3", "3"]


def test_a_figure_stated_with_the_earlier_phase_keeps_it() -> None:
    body = (
        "The randomized trial enrolled 300 patients with advanced melanoma. In the zelatamab arm (n = 150), the "
        "objective response rate was 45%. In the chemotherapy arm (n = 150), the objective response rate was 20%. "
        "In the earlier phase 1/2 study, the objective response rate was 38% in 40 patients."
    )
    cohorts = cohorts_of(body, title="Phase 3 trial of zelatamab in melanoma meets its primary endpoint")
    assert [c["phase"] for c in cohorts] == ["3", "3", "1/2"]


def test_a_phase_the_trial_moves_on_to_is_not_its_phase() -> None:
    body = (
        "In the phase 1 dose-escalation study, 24 patients with synovial sarcoma were treated; the objective "
        "response rate was 33% (8 of 24)."
    )
    (cohort,) = cohorts_of(body, title="Biotech advances to phase 3 with its TCR after sarcoma results")
    assert cohort["phase"] == "1"


def test_a_cohort_of_the_lead_trial_takes_its_phase_when_the_body_states_several() -> None:
    body = (
        "A phase 3 trial is being planned. In the study, 36 patients with head and neck cancer received the "
        "TIL product; the objective response rate was 28% (10 of 36)."
    )
    (cohort,) = cohorts_of(body, title="Randomised phase 2 trial of TIL therapy in head and neck cancer")
    assert cohort["phase"] == "2"
