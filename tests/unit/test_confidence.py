"""The weight table's decision (`tilbrowse.extract.confidence`): stated, possible, never lost."""

from __future__ import annotations

import math

from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract, propose
from tilbrowse.extract.confidence import Weights, decide, load_weights, readings
from tilbrowse.extract.fit import CUTS, calibrate

BODY = (
    "The phase 2 trial enrolled 40 patients with melanoma. Of 40 evaluable patients, 16 (40%) had an "
    "objective response, including 4 (10%) complete responses. The median progression-free survival "
    "was 5.1 months."
)


def _article(body: str = BODY) -> Article:
    return Article(id="t", path="t.md", title="T", body=body)


def test_the_weight_table_ships_inside_the_package_with_a_calibrated_threshold() -> None:
    weights = load_weights()
    assert weights is not None, "weights.json must be in the package (the wheel too)"
    assert 0.5 <= weights.threshold < 1.0
    assert all(math.isfinite(v) for v in weights.weights.values()) and len(weights.weights) >= 20


def test_every_reading_carries_how_it_was_read() -> None:
    proposal = propose(_article())
    found = readings(proposal.cohorts, proposal.trials, proposal.routes)
    by_key = {r.key: set(r.features) for r in found}
    assert {"orr", "cr", "median_pfs", "n"} <= set(by_key)
    assert any(f.startswith("how_cue_") for f in by_key["median_pfs"])
    assert any(f.startswith("how_gap_") for f in by_key["median_pfs"])
    assert any(f.startswith("how_target_") for f in by_key["orr"])
    assert "fits_n" in by_key["cr"], "4 (10%) of 40 agrees with the cohort's n"
    assert "n_confirmed" in by_key["n"]


def test_a_reading_below_the_line_moves_to_candidates_with_its_reason_and_its_value() -> None:
    proposal = propose(_article())
    doubt = Weights(bias=4.0, weights={"key_median_pfs": -8.0}, threshold=0.5)
    (cohort,) = decide(proposal.cohorts, proposal.trials, proposal.routes, doubt)
    assert "median_pfs" not in cohort.outcomes
    assert {"orr", "cr"} <= set(cohort.outcomes) and cohort.n == 40
    (held,) = [c for c in cohort.candidates if c.key == "median_pfs"]
    assert held.part == "months" and held.value == 5.1
    assert held.reason.startswith("not sure: scored 0.01 of the 0.50 needed")
    assert held.evidence.text.startswith("The median progression-free survival")


def test_a_size_held_back_leaves_the_cohort_without_n_and_its_checks_follow() -> None:
    proposal = propose(_article())
    doubt = Weights(bias=4.0, weights={"key_n": -8.0}, threshold=0.5)
    (cohort,) = decide(proposal.cohorts, proposal.trials, proposal.routes, doubt)
    assert cohort.n is None
    assert [(c.key, c.value) for c in cohort.candidates if c.key == "n"] == [("n", 40)]
    assert not any("/40" in c.message for c in cohort.checks), "checks are worked out from what stays stated"


def test_sure_readings_stay_as_proposed() -> None:
    proposal = propose(_article())
    sure = Weights(bias=8.0, weights={}, threshold=0.5)
    assert decide(proposal.cohorts, proposal.trials, proposal.routes, sure) == proposal.cohorts


def test_extract_is_the_decision_over_the_proposal_and_loses_no_figure() -> None:
    article = _article()
    proposed = propose(article).cohorts
    (decided,) = extract(article).cohorts
    (before,) = proposed
    offered = {(c.key, c.part, c.value) for c in decided.candidates}
    for key, value in before.outcomes.items():
        if key in decided.outcomes:
            assert decided.outcomes[key] == value
        else:
            parts = value.to_json()
            assert any(
                (key, p, parts[p]) in offered for p in ("count", "percent", "months") if parts.get(p) is not None
            )


def test_calibration_takes_the_lowest_cut_whose_figures_above_are_right_often_enough() -> None:
    scored = [(0.55, False), (0.6, True), (0.72, False), (0.8, True), (0.9, True), (0.95, True), (0.99, True)]
    assert calibrate(scored, 0.85) == 0.73  # above 0.73: 4 of 4 right; above 0.61: 4 of 5; above 0.56: 5 of 6
    assert calibrate(scored, 0.8) == 0.56
    assert calibrate(scored, 0.7) == 0.5  # all seven: 5 right
    assert calibrate([(0.7, False)], 0.9) == 1.0, "no cut reaches the target: nothing is stated"
    assert CUTS[0] == 0.5 and CUTS[-1] == 0.99


def test_a_held_back_figure_already_offered_is_not_offered_twice() -> None:
    proposal = propose(_article())
    (cohort,) = proposal.cohorts
    from dataclasses import replace

    from tilbrowse.extract.model import Candidate

    pfs = cohort.outcomes["median_pfs"]
    offered = replace(cohort, candidates=(Candidate("median_pfs", "months", 5.1, "read twice", pfs.evidence),))
    doubt = Weights(bias=4.0, weights={"key_median_pfs": -8.0}, threshold=0.5)
    (decided,) = decide((offered,), proposal.trials, proposal.routes, doubt)
    assert [c.reason for c in decided.candidates if c.key == "median_pfs"] == ["read twice"]


def test_a_size_read_in_the_sentence_of_the_cohorts_figures_says_so() -> None:
    body = "The phase 2 trial of XR-9 treated patients with melanoma. The ORR was 22% among 45 evaluable patients."
    proposal = propose(_article(body))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert "n_with_figures" in n.features
    proposal = propose(_article("The phase 2 trial treated 45 patients with melanoma.\n\nThe ORR was 22%."))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert "n_with_figures" not in n.features


def test_a_partial_fit_learns_only_the_named_features_on_top_of_the_table() -> None:
    from tilbrowse.extract.fit import Example, fit

    base = Weights(bias=0.5, weights={"key_orr": 1.0, "hedge": -1.0}, threshold=0.9)
    examples = [Example("x", ("key_orr", "new_cue"), True)] * 30 + [Example("x", ("key_orr",), False)] * 10
    fitted = fit(examples, base=base, only=frozenset({"new_cue"}))
    assert fitted.bias == base.bias and fitted.threshold == base.threshold
    assert fitted.weights["key_orr"] == 1.0 and fitted.weights["hedge"] == -1.0
    assert fitted.weights["new_cue"] > 0.5, "a feature seen only with right figures earns weight"


def test_the_one_size_an_article_states_for_its_one_cohort_says_so() -> None:
    proposal = propose(_article("The phase 2 trial treated 45 patients with melanoma.\n\nThe ORR was 22%."))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert "how_n_sole_size" in n.features
    two = "The trial enrolled 50 patients with melanoma.\n\nOf them, 45 were evaluable. The ORR was 22%."
    proposal = propose(_article(two))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert "how_n_sole_size" not in n.features


def test_a_size_is_confirmed_by_a_figure_counted_out_of_it() -> None:
    body = (
        "The phase 2 trial treated 31 patients with melanoma. Tumors responded in 11 of 31 patients. "
        "The median progression-free survival was 5.1 months."
    )
    proposal = propose(_article(body))
    by_key = {r.key: set(r.features) for r in readings(proposal.cohorts, proposal.trials, proposal.routes)}
    assert "n_confirmed" in by_key["n"], "11 of 31 is counted out of the cohort's 31"


def test_a_population_with_no_sure_figure_does_not_count_among_the_articles_cohorts() -> None:
    body = (
        "The phase 2 trial treated patients with melanoma and cervical cancer.\n\n"
        "In the melanoma cohort, the ORR was 40% and the median PFS was 5.0 months.\n\n"
        "In the cervical cohort, the ORR was 30%.\n\n"
        "In the uveal cohort, the median OS was 9.0 months."
    )
    proposal = propose(_article(body))
    assert len(proposal.cohorts) == 3
    weights = Weights(
        bias=4.0, weights={"cohorts_3": -3.0, "key_median_pfs": -1.5, "key_median_os": -10.0}, threshold=0.7
    )
    melanoma, cervical, uveal = decide(proposal.cohorts, proposal.trials, proposal.routes, weights)
    # the uveal cohort states nothing sure, so the melanoma PFS is read in an article of two cohorts
    assert "median_pfs" in melanoma.outcomes and "orr" in cervical.outcomes
    assert not uveal.outcomes and [c.key for c in uveal.candidates] == ["median_os"]


def test_a_cohort_labelled_by_its_disease_is_named_by_the_abbreviation_that_named_it() -> None:
    body = (
        "The phase 1/2 study of a CD19 CAR-T in relapsed lymphoma reported an ORR of 82% and a CR rate of 64%. "
        "Median PFS was 15.1 months.\n\n"
        "In the DLBCL subgroup (n = 31), ORR was 77% and median PFS reached 9.2 months."
    )
    proposal = propose(_article(body))
    found = readings(proposal.cohorts, proposal.trials, proposal.routes)
    (dlbcl,) = [i for i, c in enumerate(proposal.cohorts) if c.indication == "large B-cell lymphoma"]
    ours = [r for r in found if r.cohort == dlbcl]
    assert {r.key for r in ours} == {"orr", "median_pfs", "n"}
    assert all("named_here" in r.features for r in ours), [r.features for r in ours]


def test_a_size_that_opens_the_sentence_of_its_figures_says_so() -> None:
    body = "The phase 2 trial of XR-9 treated patients with melanoma. Among 45 evaluable patients, the ORR was 22%."
    proposal = propose(_article(body))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert {"n_with_figures", "n_frame"} <= set(n.features)
    body = "The phase 2 trial of XR-9 treated patients with melanoma. The ORR was 22% among 45 evaluable patients."
    proposal = propose(_article(body))
    (n,) = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "n"]
    assert "n_frame" not in n.features


def test_the_arms_of_a_randomised_trial_set_against_each_other_in_one_sentence_say_so() -> None:
    body = (
        "The phase 3 trial randomized 350 patients with lung cancer to zanotamab or docetaxel. Median PFS was "
        "6.8 months with zanotamab and 4.1 months with docetaxel (HR 0.61)."
    )
    proposal = propose(_article(body))
    pfs = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "median_pfs"]
    assert len(pfs) == 2 and all("arm_pair" in r.features for r in pfs)
    body = (
        "The phase 2 basket trial treated 60 patients. In the melanoma cohort, median PFS was 6.8 months. "
        "In the sarcoma cohort, median PFS was 4.1 months."
    )
    proposal = propose(_article(body))
    pfs = [r for r in readings(proposal.cohorts, proposal.trials, proposal.routes) if r.key == "median_pfs"]
    assert len(pfs) == 2 and not any("arm_pair" in r.features for r in pfs)


def test_figures_of_a_table_whose_columns_are_the_arms_are_stated() -> None:
    body = (
        "The phase 3 trial randomized 300 patients with melanoma to lorvatucel or ipilimumab.\n\n"
        "Outcome\tLorvatucel (n=150)\tIpilimumab (n=150)\n"
        "ORR, %\t44\t14\n"
        "Median PFS, months\t8.6\t3.5\n"
    )
    got = {
        c.label: {k: o.months for k, o in c.outcomes.items() if k == "median_pfs"}
        for c in extract(_article(body)).cohorts
    }
    assert got == {"Lorvatucel": {"median_pfs": 8.6}, "Ipilimumab": {"median_pfs": 3.5}}
