"""The kinds of phrasing that go wrong on real articles, in sentences the team wrote.

Each case is one kind (not one article): the count written as `n` after a rate, `n = a/b`
fractions, blood-cancer remission wording, a percent used as the metric's modifier, and
cohort sizes stated in the ways trade news and abstracts state them.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.extract_helpers import cohorts_of, figures


def only(body: str) -> dict[str, Any]:
    cohorts = cohorts_of(body)
    assert len(cohorts) == 1, cohorts
    return cohorts[0]


# --- A count written as n after a rate -------------------------------------------------------


def test_n_right_after_a_rate_is_the_rates_count_not_the_cohort() -> None:
    c = only("The ORR was 57.1% (n = 8; 95% CI, 28.9%-82.3%) among 14 patients with cervical cancer.")
    assert c["n"] == 14
    assert figures(c)["orr"] == (8, 57.1)


def test_n_after_a_decimal_rate_that_gives_a_whole_count_is_the_cohort_size() -> None:
    # 23.1% of 26 is 6 patients; 26 as a count would need 112.6 patients.
    c = only("The ORR was 23.1% (n=26, two complete responses and four partial responses) and the DCR was 57.7%.")
    assert c["n"] == 26
    assert figures(c) == {"orr": (None, 23.1), "cr": (2, None), "pr": (4, None), "dcr": (None, 57.7)}


def test_n_equals_a_fraction_is_a_count_and_its_denominator() -> None:
    c = only("The ORR was 62% (n=31/50), including a 40% (n=20/50) complete response rate.")
    assert figures(c) == {"orr": (31, 62.0), "cr": (20, 40.0)}
    assert c["n"] == 50


def test_share_of_responders_written_as_n_fraction_is_no_cohort() -> None:
    cohorts = cohorts_of("In cohort 2, the ORR was 50% and 71.4% (n = 5/7) of responders had ongoing responses.")
    assert len(cohorts) == 1
    assert figures(cohorts[0]) == {"orr": (None, 50.0)}
    assert cohorts[0]["n"] is None


def test_a_population_size_in_brackets_is_never_an_outcome_count() -> None:
    c = only("The efficacy-evaluable population (n = 24) had an ORR of 42%.")
    assert c["n"] == 24
    assert figures(c) == {"orr": (None, 42.0)}


# --- Blood-cancer and newer wording ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "key", "expected"),
    [
        ("Among 40 evaluable patients, the overall remission rate was 80%.", "orr", (None, 80.0)),
        ("The CR/CRi rate was 71% among the 48 infused adults.", "orr", (None, 71.0)),
        ("In the updated analysis, 41% of patients achieved stringent complete response.", "cr", (None, 41.0)),
        ("Objective clinical responses were seen in 11 of 16 patients (69%).", "orr", (11, 69.0)),
        ("The company reported a 64% response rate in the expansion cohort.", "orr", (None, 64.0)),
        ("The study showed a 47% complete response rate and a median follow-up of 14 months.", "cr", (None, 47.0)),
        ("The objective response rate in these 52 patients was 71% (44% complete response rate).", "cr", (None, 44.0)),
        ("The ORR was 68%, including a CRR of 31%.", "cr", (None, 31.0)),
    ],
)
def test_remission_and_modifier_wording(sentence: str, key: str, expected: tuple[Any, Any]) -> None:
    assert figures(only(sentence))[key] == expected


# --- Cohort sizes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("The objective response rate in these 52 patients was 71%.", 52),
        ("Among 40 evaluable patients, the overall remission rate was 80%.", 40),
        ("The CR/CRi rate was 71% among the 48 infused adults.", 48),
        ("Of the 27 patients treated, 12 had an objective response.", 27),
        ("Twenty patients were infused and evaluable; the ORR was 45%.", 20),
        ("The ORR was 57.1% (n = 8; 95% CI, 28.9%-82.3%) among 14 patients with cervical cancer.", 14),
    ],
)
def test_cohort_size_phrasings(sentence: str, n: int) -> None:
    assert only(sentence)["n"] == n


# --- Follow-up and durations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "key", "expected"),
    [
        ("With a 16.2-month median follow-up, the median PFS was 7.4 months.", "median_followup", (16.2, False)),
        ("At the 21.3-month median follow-up, the ORR was 44%.", "median_followup", (21.3, False)),
        ("After a median potential follow-up of 26.5 months, the ORR was 39%.", "median_followup", (26.5, False)),
        ("Median OS (95% CI) was 19.3 months among all treated patients.", "median_os", (19.3, False)),
        ("Median response duration for all dosed patients was 16.3 months.", "median_dor", (16.3, False)),
        ("The median DOR was not yet reached at 28.1 months of follow-up.", "median_dor", (None, True)),
        ("Median rPFS was 8.1 months.", "median_pfs", (8.1, False)),
        ("Patients lived a median of 11.2 months without disease progression.", "median_pfs", (11.2, False)),
        ("Patients remained progression-free for a median of 11.2 months.", "median_pfs", (11.2, False)),
        ("The median time without progression was 11.2 months.", "median_pfs", (11.2, False)),
        ("Median PFS was estimated at 11.2 months.", "median_pfs", (11.2, False)),
        ("Median PFS and OS were estimated at 11.2 and 20.1 months.", "median_os", (20.1, False)),
    ],
)
def test_follow_up_and_duration_wording(sentence: str, key: str, expected: tuple[Any, Any]) -> None:
    assert figures(only(sentence))[key] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The PFS rate at 12 months was 45%.",
        "OS at 12 months was 80%.",
        "Patients without disease progression at 6 months made up 45%.",
    ],
)
def test_a_landmark_is_no_median(sentence: str) -> None:
    assert not any(k.startswith("median_") for c in cohorts_of(sentence) for k in c["outcomes"])


def test_abstract_style_metric_value_pairs_make_no_product_label() -> None:
    c = only("ORR 36.4% (95% CI, 20.4-54.9); DCR 72.7%; median PFS 5.5 months.")
    assert figures(c) == {"orr": (None, 36.4), "dcr": (None, 72.7), "median_pfs": (5.5, False)}
    assert c["product"] is None and "36" not in c["label"]


# --- Arms side by side with their sizes ------------------------------------------------------


def test_arm_sizes_in_brackets_after_each_arm() -> None:
    cohorts = cohorts_of(
        "Median PFS was 7.2 months in the TIL arm (n = 168) and 3.1 months in the ipilimumab arm (n = 170)."
    )
    assert [(c["label"], c["n"], figures(c)["median_pfs"]) for c in cohorts] == [
        ("TIL arm", 168, (7.2, False)),
        ("Ipilimumab arm", 170, (3.1, False)),
    ]


# --- Abstract style: slash pairs, elided metrics, values before metrics ------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("ORR/CR was 66.4%/50.2% in the 120 treated patients.", {"orr": (None, 66.4), "cr": (None, 50.2)}),
        (
            "The ORR/≥CR was 71.2%/45.0% with a median follow-up of 20.1 months.",
            {"orr": (None, 71.2), "cr": (None, 45.0), "median_followup": (20.1, False)},
        ),
        (
            "The overall and complete response rates were 61% and 35%, respectively.",
            {"orr": (None, 61.0), "cr": (None, 35.0)},
        ),
        (
            "Of 40 efficacy-evaluable patients, 55% and 25% attained overall and complete responses, respectively.",
            {"orr": (None, 55.0), "cr": (None, 25.0)},
        ),
    ],
)
def test_paired_metrics_and_values(sentence: str, expected: dict[str, tuple[Any, Any]]) -> None:
    assert figures(only(sentence)) == expected


def test_a_ci_between_value_and_metric_is_skipped_and_never_a_count() -> None:
    c = only(
        "At a median follow-up of 10.4 months, 41% (95% confidence interval [CI], 33 to 49) of the patients "
        "had a complete response."
    )
    assert figures(c) == {"median_followup": (10.4, False), "cr": (None, 41.0)}


# --- Not outcomes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The 18-month OS and PFS estimates for complete responders were 84.5% and 66.0%, respectively.",
        "Both figures exceeded published data for docetaxel alone (12.1% and 3.0 months, respectively).",
    ],
)
def test_responder_landmarks_and_published_comparators_are_not_outcomes(sentence: str) -> None:
    assert all(not c["outcomes"] for c in cohorts_of(sentence))


def test_whole_years_of_follow_up_without_a_median_is_only_a_candidate() -> None:
    body = "The ORR was 52% in 40 patients with lymphoma. Here we report outcomes after 4 years of follow-up."
    c = only(body)
    assert "median_followup" not in c["outcomes"]
    assert [(x["key"], x["value"]) for x in c["candidates"]] == [("median_followup", 48.0)]


# --- Randomised arms: control arms are cohorts, values go to the arm they name -----------------


def test_arms_named_at_randomisation_label_later_values() -> None:
    body = (
        "In the phase 3 trial, 300 patients were randomly assigned to receive either drugcel (n=150) or "
        "standard care (n=150). Median overall survival, assessed at the interim analysis, was not reached "
        "for drugcel vs 28.2 months for standard care."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"], figures(c)) for c in cohorts] == [
        ("Drugcel", 150, {"median_os": (None, True)}),
        ("Standard care", 150, {"median_os": (28.2, False)}),
    ]


def test_arm_named_with_its_partner_drug() -> None:
    body = (
        "In the phase 3 trial, patients were randomized to zeta-cel or chemotherapy. "
        "The ORR was 61.5% with zeta-cel plus nivolumab and 30.2% with chemotherapy."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Zeta-cel", {"orr": (None, 61.5)}),
        ("Chemotherapy", {"orr": (None, 30.2)}),
    ]


def test_arms_listed_with_sizes_and_values_side_by_side() -> None:
    body = "Among 500 patients randomized (drug + chemo, n = 330; placebo + chemo, n = 170), median OS was 21.1 vs 11.0 months."
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Drug + chemo", 330, {"median_os": (21.1, False)}),
        ("Placebo + chemo", 170, {"median_os": (11.0, False)}),
    ]


def test_values_before_a_metric_in_each_arm_follow_the_arms_order() -> None:
    body = (
        "In the phase 3 trial of drugcel versus standard regimens, 70% and 30% of patients in each arm had a response."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Drugcel", {"orr": (None, 70.0)}),
        ("Standard regimens", {"orr": (None, 30.0)}),
    ]


def test_values_listed_before_a_metric_with_no_order_are_not_given_to_one_cohort() -> None:
    body = "The trial enrolled 40 patients with melanoma. 70% and 30% of patients had a response."
    assert all("orr" not in c["outcomes"] for c in cohorts_of(body))


def test_months_glued_as_m_and_counts_written_n_after_each_metric() -> None:
    c = only("Among 57 patients who completed two years of therapy, ORR was 81.0% (CR, n = 9; PR, n = 37).")
    assert figures(c) == {"orr": (None, 81.0), "cr": (9, None), "pr": (37, None)}
    # an interval stated without brackets does not break the pair: 1.7 months is the other arm's
    arms = cohorts_of("Arm A improved mPFS (4.3M 95% CI 2.9-5.8 vs 1.7M 95% CI 1.2-3.9; HR 0.51).")
    assert [figures(a)["median_pfs"] for a in arms] == [(4.3, False), (1.7, False)]


def test_money_and_cell_doses_written_with_m_are_not_months() -> None:
    c = only("The company raised $2.5M and dosed 100M cells in 12 patients; the median PFS was 5.0 months.")
    assert figures(c) == {"median_pfs": (5.0, False)}


# --- Labels: a cohort named by trial and cohort ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "label", "trial"),
    [
        (
            "The ORR was 57.1% in 14 patients with cervical cancer who comprised cohort 3 of the phase 2 C-145-04 trial.",
            "Cohort 3 (C-145-04)",
            "C-145-04",
        ),
        (
            "In cohort 1A of IOV-COM-202, 12 patients received lifileucel and the ORR was 67%.",
            "Cohort 1A (IOV-COM-202)",
            "IOV-COM-202",
        ),
        ("C-145-04 cohort 3 enrolled 27 patients; the ORR was 44%.", "Cohort 3 (C-145-04)", "C-145-04"),
    ],
)
def test_cohort_labels_carry_their_trial(sentence: str, label: str, trial: str) -> None:
    c = only(sentence)
    assert (c["label"], c["trial"]) == (label, trial)


def test_protein_and_antigen_names_are_not_trials() -> None:
    c = only("In the Claudin-6 and NY-ESO-1 program, the ORR was 33% among 9 patients with sarcoma.")
    assert c["trial"] is None


# --- Abstract bullets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "• ORR, 61% (95% CI, 50%-71%) at a median follow-up of 14.2 months.",
            {"orr": (None, 61.0), "median_followup": (14.2, False)},
        ),
        ("• 38% complete response (CR).", {"cr": (None, 38.0)}),
        (
            "As of the data cutoff, median follow-up in all patients (N = 64) was 22.4 months.",
            {"median_followup": (22.4, False)},
        ),
        (
            "Among the 36 patients evaluable for response, the objective response rate and disease control rate were 22% (14% confirmed) "
            "and 64%, respectively.",
            {"orr": (None, 22.0), "dcr": (None, 64.0)},
        ),
    ],
)
def test_abstract_bullets_and_brackets(sentence: str, expected: dict[str, tuple[Any, Any]]) -> None:
    assert figures(only(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("As of the data cutoff, median follow-up in all patients (N = 64) was 22.4 months.", 64),
        (
            "The update covers 44 extensively pre-treated advanced sarcoma patients: 48% confirmed objective response rate.",
            44,
        ),
    ],
)
def test_more_cohort_size_phrasings(sentence: str, n: int) -> None:
    assert only(sentence)["n"] == n


def test_two_populations_named_with_sizes_and_compared_are_arms() -> None:
    body = (
        "At a median follow up of 20.1 months, treatment with drugcel (n=200) improved progression-free survival "
        "compared with standard regimens (n=100), with a median PFS of 12.1 months vs 4.0 months."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Drugcel", 200, {"median_followup": (20.1, False), "median_pfs": (12.1, False)}),
        ("Standard regimens", 100, {"median_followup": (20.1, False), "median_pfs": (4.0, False)}),
    ]


# --- Not the cohort, not the figure ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "n"),
    [
        (
            "The ORR was 47% in 30 patients. Of note, 9 of the 14 patients who attained an objective response remain in response.",
            30,
        ),
        ("The ORR was 45% in 20 evaluable patients. The safety analysis included 58 patients.", 20),
    ],
)
def test_responders_and_the_safety_set_are_not_the_cohort_size(body: str, n: int) -> None:
    assert only(body)["n"] == n


def test_one_named_patient_is_not_a_response_count() -> None:
    c = only("The ORR was 30% among 20 patients. In one responding patient, T cells persisted for a year.")
    assert figures(c) == {"orr": (None, 30.0)}


def test_unconfirmed_responses_are_not_counted_and_make_no_cohort() -> None:
    c = only(
        "Per RECIST 1.1, three patients had a partial response, two patients had an unconfirmed partial "
        "response, and five had stable disease."
    )
    assert figures(c) == {"pr": (3, None), "sd": (5, None)}


def test_a_sentence_opening_on_a_subgroup_and_its_size_reports_that_subgroup() -> None:
    body = (
        "The ORR was 70% in 120 patients. For those who received 2 prior lines of therapy (n = 20), the ORR was "
        "80%, including a CRR of 50%, compared with an ORR of 66% in those with more lines."
    )
    cohorts = cohorts_of(body)
    assert (cohorts[0]["n"], figures(cohorts[0])["orr"]) == (120, (None, 70.0))
    sub = next(c for c in cohorts if c["label"] == "Patients who received 2 prior lines of therapy")
    assert sub["n"] == 20
    assert figures(sub) == {"orr": (None, 80.0), "cr": (None, 50.0)}


def test_a_bracketed_list_of_populations_and_values_after_a_metric() -> None:
    body = (
        "After median follow-up of 30.1 months in FL (n = 100) and 25.0 months in MZL (n = 40), the ORR was "
        "similar to the earlier analysis (FL, 93%; MZL, 75%)."
    )
    assert [(c["indication"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("follicular lymphoma", 100, {"orr": (None, 93.0), "median_followup": (30.1, False)}),
        ("marginal zone lymphoma", 40, {"orr": (None, 75.0), "median_followup": (25.0, False)}),
    ]


def test_arm_sizes_stated_as_patients_assigned_to_each_arm() -> None:
    body = (
        "Of 250 patients assigned to drugmab compared with 125 patients assigned to the investigator's choice, "
        "drugmab improved survival. The objective response rate with drugmab was 10% compared with 4% in the "
        "investigator's choice group."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Drugmab", 250, {"orr": (None, 10.0)}),
        ("Investigator's choice", 125, {"orr": (None, 4.0)}),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "With a median follow-up of 15.3 months, median overall survival, progression-free survival and "
            "duration of response have not been reached.",
            {
                "median_dor": (None, True),
                "median_pfs": (None, True),
                "median_os": (None, True),
                "median_followup": (15.3, False),
            },
        ),
        (
            "Median progression-free survival (PFS) and median overall survival (OS) were 10.8, and 24.9 months, respectively.",
            {"median_pfs": (10.8, False), "median_os": (24.9, False)},
        ),
        (
            "Of note, most patients achieved a complete response or better (70 of 100, 70.0 percent).",
            {"cr": (70, 70.0)},
        ),
        ("The ORR was 58.0% (71/122); 33.0% ≥complete response.", {"orr": (71, 58.0), "cr": (None, 33.0)}),
    ],
)
def test_lists_of_medians_and_complete_response_or_better(sentence: str, expected: dict[str, tuple[Any, Any]]) -> None:
    assert figures(only(sentence)) == expected


def test_a_duration_with_its_interval_before_the_unit() -> None:
    body = (
        "Patients were randomized to drug A plus drug B or drug A. "
        "Median (95% CI) PFS was 8.2 (7.1‒9.4) mo vs 4.1 (3.9‒5.0) mo (HR, 0.52; 95% CI, 0.44‒0.61)."
    )
    values = [figures(c).get("median_pfs") for c in cohorts_of(body)]
    assert values == [(8.2, False), (4.1, False)]
    sentence = "Median OS was 48.0 months (95% CI, 33.0 to not reached) and 31.2 (95% CI, 24.1 to 40.3) months."
    assert [figures(c).get("median_os") for c in cohorts_of(sentence)] == [(48.0, False), (31.2, False)]


def test_a_bracketed_value_after_each_named_group() -> None:
    body = (
        "Objective response rates were highest in the combination group (52.1%), followed by the drugmab group "
        "(40.3%) and the comparator group (15.0%)."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Combination group", {"orr": (None, 52.1)}),
        ("Drugmab group", {"orr": (None, 40.3)}),
        ("Comparator group", {"orr": (None, 15.0)}),
    ]


def test_arms_named_by_their_drugs_and_later_values_by_the_same_order() -> None:
    body = (
        "Median PFS was 10.2 months with drugmab plus otherumab and 4.6 months with drugmab; median OS was "
        "51.0 months and 34.1 months, respectively."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Drugmab plus otherumab", {"median_pfs": (10.2, False), "median_os": (51.0, False)}),
        ("Drugmab", {"median_pfs": (4.6, False), "median_os": (34.1, False)}),
    ]


def test_the_combination_and_each_drug_alone() -> None:
    body = (
        "Median progression-free survival was 10.8 months for the combination of drugmab plus otherumab, "
        "compared with 5.9 months for drugmab alone and 2.7 months for otherumab alone."
    )
    assert [figures(c)["median_pfs"] for c in cohorts_of(body)] == [(10.8, False), (5.9, False), (2.7, False)]


def test_one_value_with_a_drug_in_a_single_arm_report_stays_one_cohort() -> None:
    c = only("The ORR was 31% with drugmab in 40 patients with melanoma. The median PFS was 6.2 months.")
    assert figures(c) == {"orr": (None, 31.0), "median_pfs": (6.2, False)}


@pytest.mark.parametrize(
    "second",
    [
        "Among patients who had a 30% or more reduction in tumour size, the median PFS was 11.2 months.",
        "Median DOR was 20.5 months in patients with a CR.",
    ],
)
def test_figures_of_a_response_defined_subgroup_are_only_candidates(second: str) -> None:
    c = only("The ORR was 40% in 30 patients. " + second)
    assert figures(c) == {"orr": (None, 40.0)}
    assert [x["reason"] for x in c["candidates"]] == ["a figure of patients defined by their response"]


def test_a_trial_part_named_at_the_start_of_a_sentence_is_its_own_cohort() -> None:
    body = (
        "In the phase 1 trial, the confirmed ORR was 50% in 24 patients at the target dose. In the dose-escalation "
        "phase, median PFS reached 2.1 months and median OS reached 5.9 months."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Cohort 1", {"orr": (None, 50.0)}),
        ("Dose-escalation phase", {"median_pfs": (2.1, False), "median_os": (5.9, False)}),
    ]


def test_a_trial_part_mentioned_in_passing_starts_no_cohort() -> None:
    body = (
        "The presentation covered results from the 19-patient dose escalation part of the trial. "
        "The ORR was 50% in 12 patients at the target dose."
    )
    assert len(cohorts_of(body)) == 1


@pytest.mark.parametrize(
    ("sentence", "n", "expected"),
    [
        ("- Phase 1b patients had a 75% cORR (6/8), with every response still ongoing at data cut-off.", 8, (6, 75.0)),
        (
            "The ORR for all patients enrolled in the study was 60% (18/30-excluding two patients without measurable "
            "disease).",
            30,
            (18, 60.0),
        ),
    ],
)
def test_fractions_beside_a_rate(sentence: str, n: int, expected: tuple[Any, Any]) -> None:
    c = only(sentence)
    assert (c["n"], figures(c)["orr"]) == (n, expected)


@pytest.mark.parametrize(
    ("body", "n"),
    [
        ("The confirmed ORR was 45.0% in a study subgroup of 20 patients with this cancer.", 20),
        (
            "The trial enrolled 160 patients, with 131 receiving at least one infusion. Among infused patients, the ORR was 70%.",
            131,
        ),
        ("Of these, 54 received a single infusion. At 6 months, the ORR was 65%.", 54),
        ("In the pivotal cohort, 120 patients were enrolled and 100 (83%) patients were dosed. The ORR was 70%.", 100),
    ],
)
def test_the_treated_set_is_the_cohort_size(body: str, n: int) -> None:
    assert only(body)["n"] == n


def test_the_follow_up_of_the_randomisation_sentence_is_each_arms() -> None:
    body = (
        "In the phase 3 trial, 90 patients were randomized (Arm A: 46; Arm B: 44), with a median follow-up of "
        "6.1 months. The ORR was 41.3% in Arm A versus 6.8% in Arm B."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Arm A", 46, {"median_followup": (6.1, False), "orr": (None, 41.3)}),
        ("Arm B", 44, {"median_followup": (6.1, False), "orr": (None, 6.8)}),
    ]


def test_follow_up_of_two_numbered_cohorts_respectively_with_long_intervals() -> None:
    body = (
        "At the 4-year update, the median follow-up of cohorts 1 and 2 reached 49.5 months (95% confidence interval "
        "[CI] = 44.2–53.8 months) and 52.7 months (95% CI = 47.9–58.1 months), respectively."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Cohort 1", {"median_followup": (49.5, False)}),
        ("Cohort 2", {"median_followup": (52.7, False)}),
    ]


def test_a_count_of_patients_is_never_a_population_label() -> None:
    c = only("In cohort 2, the objective response rate was 22.2%, from two partial responses among nine patients.")
    assert figures(c) == {"orr": (None, 22.2), "pr": (2, None)}


def test_subgroups_listed_after_a_colon_each_with_its_value() -> None:
    body = (
        "CR rates were broadly similar across key subgroups: 38% prior autologous stem cell transplant "
        "(ASCT), 27% bulky disease, and 33% elevated baseline LDH."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Prior autologous stem cell transplant (ASCT)", {"cr": (None, 38.0)}),
        ("Bulky disease", {"cr": (None, 27.0)}),
        ("Elevated baseline LDH", {"cr": (None, 33.0)}),
    ]


def test_dose_arms_listed_after_respectively_share_their_words() -> None:
    body = "ORR rates were 44%, 61%, and 75%, respectively, across the 100, 250, and 500 million CAR-T cell dose arms."
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("100 million CAR-T cell dose arm", {"orr": (None, 44.0)}),
        ("250 million CAR-T cell dose arm", {"orr": (None, 61.0)}),
        ("500 million CAR-T cell dose arm", {"orr": (None, 75.0)}),
    ]


def test_arms_listed_after_both_values_label_them_in_order() -> None:
    body = (
        "Among 600 pts randomized (drug + chemo, n = 400; placebo + chemo, n = 200), median OS was 18.3 "
        "(16.0‒20.9) mo vs 11.2 (9.4‒12.8) mo with drug + chemo vs placebo + chemo (HR, 0.64)."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Drug + chemo", 400, {"median_os": (18.3, False)}),
        ("Placebo + chemo", 200, {"median_os": (11.2, False)}),
    ]


def test_a_median_that_was_not_reached() -> None:
    c = only("The regimen yielded a median progression-free survival that was not reached in 40 patients.")
    assert figures(c) == {"median_pfs": (None, True)}


def test_a_figure_stated_for_either_population_is_each_ones() -> None:
    body = (
        "After median follow-up of 30.1 months in FL (n = 100) and 25.0 months in MZL (n = 40), the ORR was "
        "similar (FL, 93%; MZL, 75%). Median overall survival had not yet been reached in both disease types."
    )
    assert [figures(c).get("median_os") for c in cohorts_of(body)] == [(None, True), (None, True)]


# --- The cohort's n is the denominator of its response figures --------------------------------


def test_out_of_fraction_after_a_rate_is_its_count_and_the_cohorts_n() -> None:
    c = only("The confirmed objective response rate was 48% (12 out of 25 patients) in the melanoma cohort.")
    assert figures(c)["orr"] == (12, 48.0)
    assert c["n"] == 25


def test_one_in_three_is_still_a_ratio_not_a_count() -> None:
    c = only("About one in 3 patients responded; the ORR was 33% in 30 evaluable patients.")
    assert figures(c) == {"orr": (None, 33.0)}
    assert c["n"] == 30


def test_stated_denominator_beats_an_early_subset_named_in_passing() -> None:
    body = (
        "The readout covered the dose-escalation part and the first four patients of the expansion. "
        "At the target dose the confirmed ORR was 42% (5/12)."
    )
    c = only(body)
    assert figures(c)["orr"] == (5, 42.0)
    assert c["n"] == 12


def test_an_evaluable_n_is_kept_when_a_fraction_has_another_denominator() -> None:
    c = only("Of 40 patients, 30 were evaluable for response. The ORR was 40% (12/30) and the DCR 70% (21/30).")
    assert c["n"] == 30


def test_size_with_a_long_description_before_the_patient_noun() -> None:
    c = only("Updated data in 28 heavily pretreated metastatic synovial sarcoma patients showed an ORR of 39%.")
    assert c["n"] == 28


def test_size_with_a_comma_in_its_description() -> None:
    c = only("The update covers 13 heavily pretreated, last-line patients. The ORR was 46%.")
    assert c["n"] == 13


def test_size_in_editorial_brackets() -> None:
    c = only("Among [88] patients with a median of four prior lines, the ORR was 81%.")
    assert c["n"] == 88


def test_dose_levels_listed_with_sizes_then_rates_respectively() -> None:
    cohorts = cohorts_of(
        "Patients at dose level 1 (3 x 10^7 cells/m2; n=7) and dose level 2 (9 x 10^7 cells/m2; n=12) "
        "had ORRs of 14.3% and 33.3%, respectively."
    )
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts}
    assert got == {"Dose Level 1": (7, (None, 14.3)), "Dose Level 2": (12, (None, 33.3))}


# --- Arms of a randomised trial, named in several ways -----------------------------------------


def _by_label(body: str) -> dict[str, dict[str, Any]]:
    return {c["label"]: c for c in cohorts_of(body)}


def test_an_abbreviation_defined_once_names_the_same_arm() -> None:
    body = (
        "Patients were randomized to zeta-cel or best supportive care (BSC). "
        "Median OS was not reached in the zeta-cel arm vs 14.2 months in the BSC arm. "
        "Median PFS was 11.0 months with zeta-cel versus 3.1 months with best supportive care."
    )
    got = sorted(figures(c).items() for c in cohorts_of(body))
    assert got == sorted(
        [
            {"median_os": (None, True), "median_pfs": (11.0, False)}.items(),
            {"median_os": (14.2, False), "median_pfs": (3.1, False)}.items(),
        ]
    )


def test_values_for_each_arm_follow_the_arms_named_before_in_order() -> None:
    body = (
        "Median OS was 30.5 months in the drug arm and 19.0 months in the control arm. "
        "Complete responses occurred in 41% and 12% of patients in each arm."
    )
    got = {label: figures(c) for label, c in _by_label(body).items()}
    assert got["Drug arm"]["cr"] == (None, 41.0)
    assert got["Control arm"]["cr"] == (None, 12.0)


def test_an_outcome_compared_versus_an_arm_is_not_an_arm() -> None:
    body = (
        "In the phase 3 study, zeta-cel extended survival and improved symptom outcomes vs standard care. "
        "The ORR was 71% in the zeta-cel arm and 40% in the standard care arm."
    )
    labels = set(_by_label(body))
    assert labels == {"Zeta-cel arm", "Standard care arm"}


def test_each_arms_size_stated_side_by_side() -> None:
    body = (
        "Responses were evaluable in 140 patients in the combination arm and 138 in the control arm. "
        "The ORRs were 60.0% and 50.0%, respectively."
    )
    got = {label: (c["n"], figures(c)["orr"]) for label, c in _by_label(body).items()}
    assert got == {"Combination arm": (140, (None, 60.0)), "Control arm": (138, (None, 50.0))}


def test_the_control_arm_named_again_in_other_words_is_the_same_arm() -> None:
    body = (
        "Median OS was 22.0 months in the combination arm and 21.7 months in the chemotherapy-alone arm. "
        "Responses were evaluable in 100 patients in the combination arm and 98 in the control arm. "
        "The ORRs were 70% and 58%, respectively."
    )
    cohorts = _by_label(body)
    assert set(cohorts) == {"Combination arm", "Chemotherapy-alone arm"}
    assert cohorts["Chemotherapy-alone arm"]["n"] == 98
    assert figures(cohorts["Chemotherapy-alone arm"])["orr"] == (None, 58.0)


def test_a_figure_naming_no_arm_in_a_randomised_trial_is_only_possible() -> None:
    body = (
        "At a median follow-up of 25.0 months, median OS was 22.0 months in the combination arm and 21.7 "
        "months in the control arm. Complete responses occurred in 9 patients (6.0%) who got the new drug."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Combination arm", "Control arm"]
    assert all("cr" not in c["outcomes"] for c in cohorts)
    possible = [x for c in cohorts for x in c.get("candidates", [])]
    assert any(x["key"] == "cr" and "arm" in x["reason"] for x in possible)


# --- Follow-up: written before its noun, shared by a trial's arms, never a minimum ---------------


def test_follow_up_written_as_a_time_point_before_the_noun() -> None:
    c = only("At 40 months follow up in the high-expression population, the median OS was 24.1 months.")
    assert figures(c)["median_followup"] == (40.0, False)


def test_a_minimum_follow_up_is_only_possible() -> None:
    c = only("After a minimum follow-up of 24 months, the ORR was 45% and the median DOR was 14.0 months.")
    assert "median_followup" not in c["outcomes"]
    assert [(x["key"], x["value"]) for x in c["candidates"]] == [("median_followup", 24.0)]


def test_one_trial_follow_up_is_each_arms() -> None:
    body = (
        "In patients with 2 prior regimens (n = 18), the ORR was 72%. Median DOR was 12.4 months, "
        "including 10.6 months for the low-dose arm and 13.7 months for the high-dose arm. "
        "Median follow-up was 21.9 months."
    )
    got = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert got["Low-dose arm"] == {"median_dor": (10.6, False), "median_followup": (21.9, False)}
    assert got["High-dose arm"] == {"median_dor": (13.7, False), "median_followup": (21.9, False)}


def test_a_randomised_trials_follow_up_is_each_arm_of_its_table_though_the_next_trial_is_named() -> None:
    body = (
        "In the randomized phase 2 KESTREL-2 trial (NCT01234567), 120 patients were randomized 1:1. "
        "Median follow-up was 13.8 months.\n\n"
        "| | Zorbamab (n=60) | Chemotherapy (n=60) |\n"
        "|---|---|---|\n"
        "| ORR, % (n) | 40.0 (24) | 16.7 (10) |\n"
        "| Median PFS, mo | 5.6 | 3.2 |\n\n"
        "Zorbamab will be studied in the phase 3 KESTREL-3 trial."
    )
    got = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert set(got) == {"Zorbamab", "Chemotherapy"}, got
    assert got["Zorbamab"]["median_followup"] == got["Chemotherapy"]["median_followup"] == (13.8, False)


def test_dose_levels_of_a_table_do_not_share_the_follow_up() -> None:
    body = (
        "The phase 1 KESTREL-1 trial (NCT01234567) enrolled 30 patients; no control arm was used. "
        "Median follow-up was 10.1 months.\n\n"
        "| | DL1 (n=10) | DL2 (n=20) |\n"
        "|---|---|---|\n"
        "| ORR, % (n) | 20.0 (2) | 45.0 (9) |\n"
    )
    assert all("median_followup" not in figures(c) for c in cohorts_of(body) if c["label"].startswith("DL"))


def test_two_follow_ups_are_not_shared() -> None:
    body = (
        "In the melanoma cohort the ORR was 40% at a median follow-up of 12.0 months. "
        "In the cervical cancer cohort, the ORR was 30% after a median follow-up of 8.0 months."
    )
    got = sorted(figures(c)["median_followup"] for c in cohorts_of(body))
    assert got == [(8.0, False), (12.0, False)]


def test_a_whole_then_its_arms_after_including() -> None:
    body = (
        "The ORR was 70% among 120 treated patients.\n\n"
        "By dose, the ORR was 55% and 80%, respectively, across the 200 and 400 million CAR T cells-dose arms. "
        "Median DOR was 12.5 months (95% CI, 9.0-14.1), including 10.2 months for the 200 million CAR T "
        "cells-dose arm and 13.9 months for the 400 million CAR T cells-dose arm."
    )
    got = {c["label"]: figures(c).get("median_dor") for c in cohorts_of(body)}
    assert list(got.values()) == [(12.5, False), (10.2, False), (13.9, False)]


# --- Sizes that are not the cohort's ------------------------------------------------------------


def test_treated_set_replaces_the_enrolled_intake() -> None:
    body = "The trial enrolled 52 patients. Of these, 47 patients were treated. The ORR was 40%."
    assert only(body)["n"] == 47


def test_a_later_smaller_mention_does_not_replace_a_treated_set_by_a_larger_one() -> None:
    body = "In this study 30 adults were enrolled. One patient was treated at 2 sites. The ORR was 40%."
    assert only(body)["n"] == 30


def test_patients_with_a_harm_are_not_the_cohort() -> None:
    body = "Grade 3 neurotoxicity occurred in 4 patients. The ORR was 50% and the CR rate 20%."
    assert only(body)["n"] is None


def test_excluded_patients_are_not_the_cohort() -> None:
    c = only("The ORR was 60% (18/30, excluding 4 patients who were not evaluable).")
    assert c["n"] == 30
    assert figures(c)["orr"] == (18, 60.0)


def test_one_arms_size_is_not_the_trials() -> None:
    body = "Among 300 patients randomized (drug X + chemo, n = 200; placebo + chemo, n = 100), the ORR was 48%."
    assert all(c["n"] != 200 for c in cohorts_of(body))


def test_sizes_in_a_list_of_prior_therapies_are_not_the_cohort() -> None:
    body = "Prior therapies included checkpoint inhibitors (n=9) and chemotherapy (n=12). The ORR was 25%."
    assert only(body)["n"] is None


def test_a_footnote_of_one_patient_is_not_a_cohort_size() -> None:
    assert only("Patients with acral melanoma (n = 1) were included. The ORR was 25%.")["n"] is None


def test_evaluable_set_beats_the_infused_set() -> None:
    c = only("Nine patients had been infused across three dose levels; seven were evaluable. The ORR was 43%.")
    assert c["n"] == 7


def test_a_subgroup_opened_by_its_size_after_the_whole() -> None:
    body = (
        "The disease control rate was 71.4% among 14 evaluable patients. Among the eight patients whose "
        "cancer was confined to the liver, disease control was seen in seven (87.5%)."
    )
    got = [(c["n"], figures(c)["dcr"]) for c in cohorts_of(body)]
    assert got == [(14, (None, 71.4)), (8, (7, 87.5))]


def test_the_same_opening_before_any_figure_is_the_cohort_itself() -> None:
    c = only("In the 18 patients who received both treatments, the median overall survival was 23.9 months.")
    assert c["n"] == 18


def test_a_value_after_a_cohort_id_is_not_another_id() -> None:
    body = "Median overall survival was 7.2 months in cohort A and 15.8 months in cohort B."
    got = {c["label"]: figures(c)["median_os"] for c in cohorts_of(body)}
    assert got == {"Cohort A": (7.2, False), "Cohort B": (15.8, False)}


# --- Counts said of who responded -------------------------------------------------------------


def test_a_response_verb_is_said_of_the_number_before_it() -> None:
    c = only(
        "Eleven of 31 patients (35.5%) had an objective response, with 3 patients (9.7%) having a complete response."
    )
    assert figures(c) == {"orr": (11, 35.5), "cr": (3, 9.7)}
    assert c["n"] == 31


def test_the_percent_after_a_response_verb_still_joins_its_count() -> None:
    c = only("In that subgroup, 17 of 44 patients responded (39%).")
    assert figures(c)["orr"] == (17, 39.0)


def test_responders_named_by_their_number_are_the_orr_count() -> None:
    assert figures(only("Of the 9 responders, 6 are still responding."))["orr"] == (9, None)
    assert figures(only("The median DOR was not reached, with 3 of 7 responders in response."))["orr"] == (7, None)


def test_responders_of_a_kind_are_not_the_orr_count() -> None:
    assert figures(only("The ORR was 40%, including three responders with PD-L1-low tumours."))["orr"] == (None, 40.0)


def test_objective_tumour_regression_is_an_objective_response() -> None:
    assert figures(only("Objective tumor regression occurred in 5 of 20 patients (25%)."))["orr"] == (5, 25.0)


def test_complete_and_partial_rates_sharing_one_noun() -> None:
    c = only("The complete and partial response rates were 4.0% and 28.0%, respectively.")
    assert figures(c) == {"cr": (None, 4.0), "pr": (None, 28.0)}


def test_one_in_five_is_a_ratio_not_a_cohort_size() -> None:
    c = only("Fewer than one in five children whose osteosarcoma relapses will survive. The ORR was 40%.")
    assert c["n"] is None


def test_a_trial_design_sentence_states_no_figure() -> None:
    body = "The study has 90% power to distinguish a true objective response rate of 35% from a null rate of 15%."
    assert cohorts_of(body) == []


def test_doses_listed_then_values_respectively() -> None:
    body = "Median PFS was 2.9 months and 5.8 months at the low and high doses, respectively."
    got = {c["label"]: figures(c)["median_pfs"] for c in cohorts_of(body)}
    assert got == {"Low dose": (2.9, False), "High dose": (5.8, False)}


# --- A subgroup of a randomised trial, compared arm against arm -------------------------------


def test_a_subgroup_compared_across_arms_is_one_cohort_per_arm() -> None:
    body = (
        "A total of 90 patients were randomized (Arm A: 46; Arm B: 44). Arm A improved mPFS (4.4M vs 1.9M) "
        "and ORR (40.0% vs 7.0%). In acral melanoma (n=7 per arm), mPFS was not reached vs 1.5M, with DCR "
        "of 85.7% vs 28.6%."
    )
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert got == {
        "Arm A": (46, {"median_pfs": (4.4, False), "orr": (None, 40.0)}),
        "Arm B": (44, {"median_pfs": (1.9, False), "orr": (None, 7.0)}),
        "Acral melanoma, Arm A": (7, {"median_pfs": (None, True), "dcr": (None, 85.7)}),
        "Acral melanoma, Arm B": (7, {"median_pfs": (1.5, False), "dcr": (None, 28.6)}),
    }


def test_an_opening_phrase_that_names_no_population_is_no_subgroup() -> None:
    body = (
        "Patients were randomized to drug X or placebo. In addition, the ORR was 52% vs 18% and the CR rate "
        "was 20% vs 6%."
    )
    assert len(cohorts_of(body)) == 2


# --- A web table copied one cell per line -----------------------------------------------------


CELL_LINES_TABLE = """The phase 3 trial involved 420 patients.

Response rates in the high-expression population
|
Drug X monotherapy
(n= 150) |
Chemotherapy
(n=148) |
ORR, % (95% CI) |
41 (33–49) |
18 (12–25) |
Median PFS, months |
7.9 |
5.1 ("""


def test_a_table_copied_one_cell_per_line() -> None:
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(CELL_LINES_TABLE)}
    assert got == {
        "Drug X monotherapy": (150, {"orr": (None, 41.0), "median_pfs": (7.9, False)}),
        "Chemotherapy": (148, {"orr": (None, 18.0), "median_pfs": (5.1, False)}),
    }


def test_one_cell_per_line_needs_a_sized_header() -> None:
    body = "Key results |\nORR 40% |\nDCR 80% |\nMedian PFS 5.1 months |"
    got = [figures(c) for c in cohorts_of(body)]
    assert got == [{"orr": (None, 40.0), "dcr": (None, 80.0), "median_pfs": (5.1, False)}]


def test_follow_up_before_its_noun_with_an_aside() -> None:
    body = (
        "At 40 months follow up (three years after the first analysis) in the high-expression population, "
        "the median OS in the drug X group was 24.1 months and 12.9 months in the chemotherapy group."
    )
    got = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert got == {
        "Drug X group": {"median_os": (24.1, False), "median_followup": (40.0, False)},
        "Chemotherapy group": {"median_os": (12.9, False), "median_followup": (40.0, False)},
    }


# --- A randomised trial's abstract, arms named by their treatment -----------------------------


RANDOMISED_ABSTRACT = (
    "Between Jan 4, 2022, and Feb 9, 2024, 110 patients were randomly assigned, 55 to each group; 50 patients "
    "in the TIL group and 52 in the chemotherapy group were evaluable for response. After a median follow-up "
    "of 20.1 months (IQR 14.0–26.3), median progression-free survival was 6.2 months (95% CI 4.1–7.7) with "
    "TIL therapy and 3.4 months (2.5–4.0) with chemotherapy (hazard ratio 0.61). An objective response was "
    "recorded in 17 (34%) of 50 patients in the TIL group and eight (15%) of 52 in the chemotherapy group; "
    "complete responses occurred in four patients and two patients, respectively. Median overall survival "
    "was 19.0 months (15.2–NR) versus 14.4 months (11.9–17.0)."
)


def test_a_randomised_abstract_gives_each_arm_its_figures() -> None:
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(RANDOMISED_ABSTRACT)}
    assert got == {
        "TIL group": (
            50,
            {
                "median_followup": (20.1, False),
                "median_pfs": (6.2, False),
                "orr": (17, 34.0),
                "cr": (4, None),
                "median_os": (19.0, False),
            },
        ),
        "Chemotherapy group": (
            52,
            {
                "median_followup": (20.1, False),
                "median_pfs": (3.4, False),
                "orr": (8, 15.0),
                "cr": (2, None),
                "median_os": (14.4, False),
            },
        ),
    }


def test_an_interval_ending_not_reached_is_no_figure() -> None:
    c = only("Median overall survival was 19.0 months (15.2–NR) in 40 patients.")
    assert figures(c) == {"median_os": (19.0, False)}


def test_m_prefixed_os_in_a_bullet_list() -> None:
    body = (
        "## Sarcoma cohort (n=12)\n\n- ORR: 41.7% (5/12)\n- mOS: NR\n\n## Ovarian cohort (n=10)\n\n- mOS: 11.9 months\n"
    )
    got = {c["label"]: figures(c)["median_os"] for c in cohorts_of(body)}
    assert list(got.values()) == [(None, True), (11.9, False)]


def test_a_follow_up_across_all_cohorts_is_each_cohorts() -> None:
    body = (
        "Median follow-up across both cohorts was 9.6 months.\n\n## Sarcoma cohort (n=12)\n\n- ORR: 41.7% (5/12)\n\n"
        "## Ovarian cohort (n=10)\n\n- ORR: 20.0% (2/10)\n"
    )
    assert [figures(c)["median_followup"] for c in cohorts_of(body)] == [(9.6, False), (9.6, False)]


def test_a_count_restated_as_a_percent_after_its_population() -> None:
    body = (
        "Patients were randomized to drug X plus chemotherapy or chemotherapy alone. Tumors shrank by at least "
        "30% in 18 of the 50 patients given drug X, or 36.0%, compared with 7 of 49, or 14.3%, in the control group."
    )
    got = sorted(figures(c)["orr"] for c in cohorts_of(body))
    assert got == [(7, 14.3), (18, 36.0)]


def test_an_evaluative_adjective_and_a_bracketed_abbreviation_between_metric_and_value() -> None:
    c = only("Among 80 patients, the complete response [CR] rate was a remarkable 91% [(95% CI, 83.0-96.0)].")
    assert figures(c) == {"cr": (None, 91.0)}


def test_a_metric_inside_an_aside_does_not_take_the_value_after_it() -> None:
    body = (
        "The ORR was 70% in 90 patients, including a 30% CR rate (counting any complete response [sCR too]), "
        "18% with a very good partial response, and 22% who had a partial response."
    )
    assert figures(only(body)) == {"orr": (None, 70.0), "cr": (None, 30.0), "pr": (None, 22.0)}


def test_a_size_stated_with_the_later_analysis_moves_with_its_figures() -> None:
    body = (
        "Primary results (median follow-up, 9.8 months) were reported last year. We report long-term results "
        "in patients with LBCL (N = 140; 26.0-month median follow-up). The ORR was 61.4% and the CR rate 38.6%."
    )
    got = [(c["n"], figures(c)) for c in cohorts_of(body)]
    assert (140, {"median_followup": (26.0, False), "orr": (None, 61.4), "cr": (None, 38.6)}) in got
    assert all(n != 140 for n, f in got if f == {"median_followup": (9.8, False)})


def test_a_headline_restating_a_subgroups_figures_is_not_the_whole_populations() -> None:
    body = (
        "- Drug X shows a 71.2% overall response rate in adults with relapsed B-ALL.\n\n"
        "Results showed a 71.2% overall response rate in the pivotal cohort (n = 80), with a median follow-up "
        "of 18.0 months. Among all 110 infused patients the ORR was 69.1%."
    )
    got = [(c["n"], figures(c)) for c in cohorts_of(body)]
    assert got.count((80, {"orr": (None, 71.2), "median_followup": (18.0, False)})) == 1
    assert not any(f.get("orr") == (None, 71.2) and n != 80 for n, f in got)


def test_best_responses_listed_as_cases_of_each() -> None:
    body = (
        "Of the 14 patients enrolled, 10 were evaluable. The best responses were 2 partial responses (20%), "
        "5 cases of stable disease (50%), and 3 of progressive disease (30%), for a disease control rate of 70%."
    )
    assert figures(only(body)) == {"pr": (2, 20.0), "sd": (5, 50.0), "pd": (3, 30.0), "dcr": (None, 70.0)}


def test_other_treatments_named_as_examples_are_not_this_trials() -> None:
    body = (
        'The ORR was 40% in 20 patients. "Later-line inhibitors like drugnib give response rates under 10% and a '
        'median overall survival of about 9 months," the investigator said.'
    )
    assert figures(only(body)) == {"orr": (None, 40.0)}


# --- The same cohort at two time points: the latest is its figures -------------------------------


def test_an_earlier_analysis_of_the_same_cohort_is_only_possible() -> None:
    body = (
        "Updated three-year results of the phase 2 trial in mantle cell lymphoma were presented today. "
        "In the primary analysis, 50 evaluable patients had an ORR of 84% and a median PFS of 11.0 months.\n\n"
        "In the three-year analysis of 70 evaluable patients, the ORR was 86% and the median PFS was 25.4 months."
    )
    c = only(body)
    assert figures(c) == {"orr": (None, 86.0), "median_pfs": (25.4, False)}
    assert c["n"] == 70
    assert {(x["key"], x["value"]) for x in c["candidates"]} >= {("orr", 84.0), ("median_pfs", 11.0)}


def test_an_earlier_analysis_of_a_population_later_split_by_disease_is_its_own_cohort() -> None:
    body = (
        "The single-arm trial enrolled patients with indolent lymphoma (N = 90). In the primary analysis, the "
        "ORR was 90% (complete response rate, 70%). Here we report long-term outcomes. After a median "
        "follow-up of 40.0 months, the ORR was 93% in follicular lymphoma (n = 75) and 74% in marginal zone "
        "lymphoma (n = 15)."
    )
    got = sorted((c["n"], figures(c)["orr"]) for c in cohorts_of(body))
    assert got == [(15, (None, 74.0)), (75, (None, 93.0)), (90, (None, 90.0))]


def test_a_primary_analysis_in_an_article_without_an_update_is_the_cohort() -> None:
    c = only("In the primary analysis, 40 evaluable patients had an ORR of 45% and a median PFS of 6.1 months.")
    assert figures(c) == {"orr": (None, 45.0), "median_pfs": (6.1, False)}


def test_the_count_before_a_rate_is_who_was_measured_not_the_rates_count() -> None:
    c = only("In this study, 40 evaluable patients had an ORR of 45%.")
    assert figures(c) == {"orr": (None, 45.0)}


def test_named_cohorts_listed_with_their_sizes() -> None:
    body = (
        "At data cutoff, 40 pts had been infused and 36 were evaluable for efficacy (cohort A, n = 16; "
        "cohort B, n = 20). In cohort A, ORR was 50.0%. In cohort B, ORR was 30.0%."
    )
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts_of(body)}
    assert got == {"Cohort A": (16, (None, 50.0)), "Cohort B": (20, (None, 30.0))}


def test_evaluable_after_an_aside() -> None:
    body = (
        "Nineteen patients were enrolled, and 15 had a baseline scan and were evaluable for response. The ORR was 40%."
    )
    assert only(body)["n"] == 15


def test_a_size_for_the_patients_a_follow_up_is_of() -> None:
    assert only("Median follow-up was 2.5 years for the 64 efficacy-evaluable patients. The ORR was 75%.")["n"] == 64


def test_additional_patients_are_an_increment_not_the_cohort() -> None:
    body = "The update includes 12 additional patients treated after the first cutoff. The ORR was 80% in 52 patients."
    assert only(body)["n"] == 52


def test_values_each_said_of_a_sized_subgroup() -> None:
    body = "The ORR was 29.0% among 55 patients with prior ipilimumab and 41.3% among 46 patients without it."
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts_of(body)}
    assert got == {
        "Patients with prior ipilimumab": (55, (None, 29.0)),
        "Patients without it": (46, (None, 41.3)),
    }


def test_values_each_said_of_a_sized_disease_group() -> None:
    body = "The ORR was 36% in 22 patients with melanoma and 21% in 14 patients with head and neck cancer."
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts_of(body)}
    assert got == {"Melanoma": (22, (None, 36.0)), "Head and neck cancer": (14, (None, 21.0))}


def test_one_value_said_of_a_sized_group_is_the_sentences_own_population() -> None:
    c = only("ORR was 44% in 9 evaluable patients with anti-PD-1-resistant melanoma.")
    assert (c["n"], figures(c)) == (9, {"orr": (None, 44.0)})


def test_a_subgroup_named_by_a_relative_clause_before_the_response_verb() -> None:
    body = "The ORR was 70% among 80 treated patients. Seven of 10 patients (70 percent) who had prior CAR T-cell treatment responded."
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts_of(body)}
    assert got["Patients who had prior CAR T-cell treatment"] == (10, (7, 70.0))
    assert (80, (None, 70.0)) in got.values()


def test_any_treatment_response_from_each_arm() -> None:
    body = (
        "Patients were randomized to drug X or standard of care (SOC). Median OS was not reached in the drug X arm "
        "vs 30.1 months in the SOC arm. Additionally, 84% vs 66% from each arm had any treatment response."
    )
    got = sorted(figures(c)["orr"] for c in cohorts_of(body))
    assert got == [(None, 66.0), (None, 84.0)]


def test_a_split_of_the_treated_into_named_cohorts() -> None:
    body = (
        "Eleven patients were treated: five in cohort A and six in cohort B. Median overall survival was "
        "6.9 months in cohort A and 14.1 months in cohort B."
    )
    got = {c["label"]: (c["n"], figures(c)["median_os"]) for c in cohorts_of(body)}
    assert got == {"Cohort A": (5, (6.9, False)), "Cohort B": (6, (14.1, False))}


def test_a_follow_up_across_the_study_is_every_cohorts() -> None:
    body = (
        "## Melanoma\n\nThree of the five melanoma patients had a partial response (60%).\n\n"
        "## Lung cancer\n\nOne of four lung cancer patients had a partial response (25%).\n\n"
        "Median follow-up across the study was about six months."
    )
    assert [figures(c).get("median_followup") for c in cohorts_of(body)] == [(6.0, False), (6.0, False)]


def test_sentences_opening_on_a_dose_level_report_that_dose() -> None:
    body = (
        "The phase 1 study tested 100, 200 and 400 million CAR-positive cells in 30 patients. "
        "At 400 million cells, the ORR was 90% (9 of 10). At 200 million cells, the ORR was 70% (7 of 10)."
    )
    got = {c["label"]: (c["n"], figures(c)["orr"]) for c in cohorts_of(body)}
    assert got == {"400 million cells": (10, (9, 90.0)), "200 million cells": (10, (7, 70.0))}


def test_a_stringent_cr_beside_a_cr_in_one_sentence_is_a_part_of_it() -> None:
    c = only(
        "Of 20 patients, 15 (75%) achieved a complete response or better; nine were in stringent complete response."
    )
    assert figures(c)["cr"] == (15, 75.0)


def test_a_stringent_cr_alone_is_the_cr() -> None:
    assert figures(only("In 40 patients, 31 (77.5%) achieved a stringent complete response."))["cr"] == (31, 77.5)


# --- Two arms compared, each pair of values in the sentence's order ----------------------------


def test_a_sentence_comparing_two_arms_gives_each_arm_its_value_of_every_pair() -> None:
    body = (
        "Drugzumab showed a higher ORR than docetaxel, with response rates in the drugzumab arm twice those in "
        "the docetaxel arm (31% versus 14%, respectively; P < 0.001), and improved disease control rate (DCR; 81% "
        "versus 58%, respectively); faster time to response (TTR; 1.3 versus 2.6 months, respectively); and longer "
        "duration of response (DOR; 8.1 versus 6.2 months, respectively)."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Drugzumab", "Docetaxel"]
    assert figures(cohorts[0]) == {
        "orr": (None, 31.0),
        "dcr": (None, 81.0),
        "median_ttr": (1.3, False),
        "median_dor": (8.1, False),
    }
    assert figures(cohorts[1]) == {
        "orr": (None, 14.0),
        "dcr": (None, 58.0),
        "median_ttr": (2.6, False),
        "median_dor": (6.2, False),
    }


def test_the_arms_compared_in_two_sentences_are_the_same_two_cohorts() -> None:
    body = (
        "Drugzumab significantly improved PFS as assessed by blinded central review (BICR) compared to docetaxel "
        "(median PFS of 5.9 vs 4.1 months respectively; HR, 0.68).\n\n"
        "Drugzumab demonstrated a higher ORR than docetaxel with response rates in the drugzumab arm "
        "(30% versus 12%, respectively; P < 0.001)."
    )
    cohorts = cohorts_of(body)
    assert len(cohorts) == 2
    assert figures(cohorts[0]) == {"median_pfs": (5.9, False), "orr": (None, 30.0)}
    assert figures(cohorts[1]) == {"median_pfs": (4.1, False), "orr": (None, 12.0)}


# --- A metric no reading tied to a number: the number beside it is possible, not lost ---------


def test_a_number_beside_a_metric_that_no_reading_ties_is_offered_as_possible() -> None:
    body = (
        "Forty patients were treated with zetacel. The ORR was 45% (18 of 40). Response rates among patients "
        "with visceral disease appeared lower, 30% in this small group per the investigators."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort)["orr"] == (18, 45.0)
    possible = [(c["key"], c["part"], c["value"]) for c in cohort["candidates"]]
    assert ("orr", "percent", 30.0) in possible
    reason = next(c["reason"] for c in cohort["candidates"] if c["value"] == 30.0)
    assert "Response rates" in reason


# --- The analysed population written between a metric and its value -----------------------------


@pytest.mark.parametrize(
    "body",
    [
        "The ORR among the 40 evaluable patients treated at the recommended dose was 42%.",
        "The ORR for all treated patients was 42%.",
        "The ORR at the recommended phase 2 dose was 42%.",
    ],
)
def test_the_analysed_population_between_a_metric_and_its_value_keeps_the_tie(body: str) -> None:
    assert figures(only(body)) == {"orr": (None, 42.0)}


def test_a_subgroup_between_a_metric_and_its_value_still_breaks_the_tie() -> None:
    cohorts = cohorts_of("The ORR was 40% in 30 patients. The ORR for patients who received prior ipilimumab was 25%.")
    # the subgroup's figure is its own, never the whole cohort's
    assert [(c["label"], figures(c)) for c in cohorts] == [
        ("Cohort 1", {"orr": (None, 40.0)}),
        ("Patients who received prior ipilimumab", {"orr": (None, 25.0)}),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The trial enrolled 50 patients, of whom 42 received zetacel. The ORR was 45%.",
        "Zetacel was given to 42 patients with melanoma. The ORR was 45%.",
        "Results were reported for 42 patients. The ORR was 45%.",
    ],
)
def test_the_treated_set_is_the_cohort_size_however_it_is_introduced(body: str) -> None:
    c = only(body)
    assert c["n"] == 42 and figures(c) == {"orr": (None, 45.0)}


def test_a_randomised_trial_that_compared_two_treatments_names_its_arms() -> None:
    body = (
        "The randomized trial compared zetamab with chemotherapy in 509 patients. "
        "The median PFS was 4.2 months with zetamab vs 3.2 months with chemotherapy (HR, 0.71)."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], figures(c)) for c in cohorts] == [
        ("Zetamab", {"median_pfs": (4.2, False)}),
        ("Chemotherapy", {"median_pfs": (3.2, False)}),
    ]


def test_a_number_read_as_another_figure_is_not_offered_as_possible_too() -> None:
    (cohort,) = cohorts_of(
        "The ORR was 40% in 30 patients. The median duration of response was not reached, and the longest "
        "response duration at that point was 19.8 months."
    )
    assert figures(cohort) == {"orr": (None, 40.0), "median_dor": (None, True)}
    assert not [c for c in cohort["candidates"] if c["value"] == 19.8]


def test_possible_figures_of_a_population_that_states_none_are_kept_beside_a_cohort() -> None:
    body = (
        "## Melanoma\n\nIn 40 patients with melanoma, the ORR was 45%.\n\n## Sarcoma\n\nIn 20 patients with "
        "sarcoma, among those who had a complete response, the median PFS was 20.1 months."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"orr": (None, 45.0)}
    (possible,) = cohort["candidates"]
    assert (possible["key"], possible["value"]) == ("median_pfs", 20.1) and "(said of Sarcoma)" in possible["reason"]


def test_a_second_number_after_a_tied_metric_is_offered_as_possible_of_that_metric() -> None:
    (cohort,) = cohorts_of(
        "Forty patients were treated. The ORR was 45% overall and looked lower (30%) where liver metastases were present."
    )
    assert figures(cohort) == {"orr": (None, 45.0)}
    assert [(c["key"], c["value"]) for c in cohort["candidates"]] == [("orr", 30.0)]


def test_a_time_point_is_never_offered_as_a_duration() -> None:
    (cohort,) = cohorts_of(
        "The ORR was 44% in 27 patients. Median duration of response has not yet been reached at a median of "
        "7.4 months following treatment."
    )
    assert not [c for c in cohort["candidates"] if c["value"] == 7.4 and c["key"] == "median_dor"]


def test_a_cohort_with_no_size_read_is_offered_the_size_the_article_states_before_it() -> None:
    (cohort,) = cohorts_of("## Design\n\nThe study enrolled 60 patients.\n\n## Melanoma\n\nThe ORR was 45%.")
    assert cohort["n"] is None and figures(cohort) == {"orr": (None, 45.0)}
    assert [(c["key"], c["value"]) for c in cohort["candidates"]] == [("n", 60)]


@pytest.mark.parametrize(
    "body",
    [
        "Zorbamab had a higher ORR than placebo at 12 months and 24 months (ORR, 31% vs 40%, respectively).",
        "Drugzumab led to longer PFS than docetaxel in patients with liver metastases (median PFS, 5.1 vs 3.2 "
        "months, respectively).",
    ],
)
def test_a_pair_said_of_a_subgroup_or_a_time_point_is_not_given_to_the_named_arms(body: str) -> None:
    labels = [c["label"] for c in cohorts_of(body)]
    assert not {"Placebo", "Docetaxel"} & set(labels), labels


def test_a_subgroup_by_prior_or_bridging_therapy_is_not_the_treated_set() -> None:
    c = only("Fifty patients were enrolled, among whom 12 received prior ipilimumab. The ORR was 40% (20 of 50).")
    assert c["n"] == 50 and figures(c) == {"orr": (20, 40.0)}


def test_with_or_without_names_one_arm_not_two() -> None:
    body = (
        "The randomized phase 3 trial evaluated zetacel with or without pembrolizumab in 300 patients. The ORR was 40%."
    )
    assert not [c for c in cohorts_of(body) if c["label"].lower().startswith("or ")]


def test_names_of_arms_padded_with_spaces_do_not_make_a_pattern_backtrack() -> None:
    """Backtracking happens inside one regex call, which a call count cannot see: a clock, as a
    ceiling far above the time it takes (0.08 s on the 2-core dev machine; before the fix the arm
    pattern alone took minutes on this sentence)."""
    import time

    from tilbrowse.extract.figures import read_sentence

    pad = " " * 400
    sentence = f"The ORR was 31% versus 14%, respectively, in the zeta{pad}beta{pad}gamma{pad}delta cohorts."
    started = time.monotonic()
    read_sentence(sentence)
    assert time.monotonic() - started < 10


def test_a_number_before_a_percent_shares_its_sign_in_a_pair_of_arms() -> None:
    """`ORR was 31.5 and 6.4%`, `40 vs 22%`: the first value is a percent too, the arms' in order."""
    body = (
        "Of 300 patients, 200 were assigned to drugamab and 100 to chemotherapy. "
        "The ORR was 31.5 and 6.4%. The DCR was 61 vs 40%."
    )
    by_label = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert by_label["Drugamab"]["orr"] == (None, 31.5) and by_label["Chemotherapy"]["orr"] == (None, 6.4)
    assert by_label["Drugamab"]["dcr"] == (None, 61.0) and by_label["Chemotherapy"]["dcr"] == (None, 40.0)


def test_an_integer_and_a_percent_stay_a_count_and_a_percent() -> None:
    (cohort,) = cohorts_of("Of 40 patients, 12 and 30% had partial and complete responses.") or [{"outcomes": {}}]
    assert all(v.get("percent") != 12.0 for v in cohort["outcomes"].values())


def test_a_metric_that_names_the_analysis_is_not_the_figure() -> None:
    """`Median follow-up in the final OS analysis was 40 months` states a follow-up, not an OS."""
    for body in (
        "Median follow-up in the final OS analysis was 40 months.",
        "Median follow-up for the primary PFS analysis was 14.2 months.",
    ):
        (cohort,) = cohorts_of(body)
        assert set(figures(cohort)) == {"median_followup"}, body
    (cohort,) = cohorts_of("At the final OS analysis, median OS was 23.3 months.")
    assert figures(cohort) == {"median_os": (23.3, False)}


def test_a_sentence_that_also_speaks_of_other_results_offers_its_figures_as_possible() -> None:
    """`…, against … previously reported`: the figures may be this trial's or the earlier ones;
    they are shown as possible with the words that raised the doubt, never dropped. (Earlier
    results named after every figure, with no number of their own, leave the figures stated:
    `test_other_results_set_against_every_figure_after_them_leave_the_figures_this_reports`.)"""
    body = (
        "The phase 2 trial treated 60 patients with melanoma. The median OS was 14.0 months. "
        "The updated ORR was 41.7% and the DCR was 80.0%, against 35.0% previously reported."
    )
    (cohort,) = cohorts_of(body)
    assert "orr" not in cohort["outcomes"] and "dcr" not in cohort["outcomes"]
    offered = {(c["key"], c["value"]): c["reason"] for c in cohort["candidates"]}
    assert "previously reported" in offered[("orr", 41.7)]
    assert ("dcr", 80.0) in offered


LISTED = """\
# Drugcel in gastric cancer

What the study found
- The trial randomised 150 patients to drugcel or a chemotherapy of the doctor's choice.
- Progression-free survival (PFS) – how long before the cancer grew – was longer with drugcel:
- 4.1 months with drugcel
- 2.0 months with chemotherapy
- Overall survival was also longer:
- 8.2 months with drugcel
- 5.0 months with chemotherapy

Response rates:
- Drugcel: 31%
- Chemotherapy: 12%

Key eligibility criteria:
- 2 or more prior lines
- ECOG 0 to 1
"""


def test_a_line_that_introduces_a_list_lends_its_metric_to_the_items() -> None:
    """`PFS was longer with X:` then `- 4.1 months with X`, `- 2.0 months with Y`; a heading
    `Response rates:` then `- X: 31%`: each item is the metric of its lead, for the population it names."""
    by_label = {c["label"].lower(): figures(c) for c in cohorts_of(LISTED)}
    drug = next(v for k, v in by_label.items() if "drugcel" in k)
    chemo = by_label["chemotherapy"]
    assert drug["median_pfs"] == (4.1, False) and chemo["median_pfs"] == (2.0, False)
    assert drug["median_os"] == (8.2, False) and chemo["median_os"] == (5.0, False)
    assert drug["orr"] == (None, 31.0) and chemo["orr"] == (None, 12.0)
    assert all("sd" not in v and "pd" not in v for v in by_label.values()), "an aside is not the lead's metric"


def test_a_list_under_a_line_without_a_metric_gives_no_figures() -> None:
    body = "The trial treated 40 patients.\n\nKey eligibility criteria:\n- 2 or more prior lines\n- 3 months since surgery\n"
    assert all(not c["outcomes"] for c in cohorts_of(body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The ORR and DCR were 40% and 80%.", {"orr": (None, 40.0), "dcr": (None, 80.0)}),
        ("Median PFS and OS were 5.1 and 12.0 months.", {"median_pfs": (5.1, False), "median_os": (12.0, False)}),
        (
            "Median duration of response and progression-free survival were 14.5 months (95% CI, 9.1-20.2) "
            "and 8.3 months (95% CI, 6.0-11.4).",
            {"median_dor": (14.5, False), "median_pfs": (8.3, False)},
        ),
    ],
)
def test_two_metrics_then_two_values_pair_in_order(body: str, expected: dict[str, Any]) -> None:
    """The "respectively" a writer leaves out: never the second metric twice in two cohorts."""
    assert figures(only(body)) == expected


def test_a_sentence_opening_on_a_biomarker_subgroup_reports_that_subgroup() -> None:
    """`Among patients with PD-L1 expression of 50% or more, the ORR was 55%`: a subgroup, even
    without its size; `In patients with melanoma` in a melanoma trial is still the whole cohort."""
    body = (
        "The trial enrolled 80 patients with melanoma. The ORR was 40% (32/80). Among patients with "
        "PD-L1 expression of 50% or more, the ORR was 55%. In patients with melanoma, the DCR was 70%."
    )
    by_label = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert by_label["Melanoma"] == (80, {"orr": (32, 40.0), "dcr": (None, 70.0)})
    assert by_label["Patients with PD-L1 expression of 50% or more"] == (None, {"orr": (None, 55.0)})


def test_a_control_arm_named_after_its_value_is_an_arm_not_other_results() -> None:
    """`25.8 months with the combination versus 18.9 months with chemotherapy`: 'with chemotherapy'
    names the second value's arm; the sentence is the trial's own comparison."""
    body = (
        "The phase 3 trial randomised 400 patients. Median OS was 25.8 months with the combination "
        "versus 18.9 months with chemotherapy (HR 0.72)."
    )
    by_label = {c["label"].lower(): figures(c) for c in cohorts_of(body)}
    assert by_label["combination"]["median_os"] == (25.8, False)
    assert by_label["chemotherapy"]["median_os"] == (18.9, False)
    (benchmark,) = cohorts_of(
        "The trial treated 30 patients; ORR was 40%. Standard options yield responses in 10% with chemotherapy."
    )
    assert figures(benchmark) == {"orr": (None, 40.0)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ORR per RECIST 1.1 was 31.4% (22/70).", {"orr": (22, 31.4)}),
        ("The ORR by independent central review was 36%.", {"orr": (None, 36.0)}),
        (
            "The ORR was 36%, with 2 complete and 22 partial responses.",
            {"orr": (None, 36.0), "cr": (2, None), "pr": (22, None)},
        ),
        ("There were five partial and two complete responses.", {"pr": (5, None), "cr": (2, None)}),
    ],
)
def test_who_assessed_a_figure_and_counted_adjectives_do_not_hide_it(body: str, expected: dict[str, Any]) -> None:
    assert figures(only(body)) == expected


def test_a_subgroup_named_after_its_value_is_not_the_whole_cohort() -> None:
    """`56% in patients aged 65 or older and 40% in younger patients`: two subgroups' figures."""
    body = "The trial treated 80 patients. The ORR was 45%. Response rates were 56% in patients aged 65 or older and 40% in younger patients."
    by_label = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert by_label["Cohort 1"] == {"orr": (None, 45.0)}
    assert by_label["Patients aged 65 or older"] == {"orr": (None, 56.0)}
    assert by_label["Younger patients"] == {"orr": (None, 40.0)}


def test_clauses_that_each_open_on_their_population_are_those_populations() -> None:
    """`In the melanoma cohort, ORR was 36%; in the sarcoma cohort, ORR was 12%`: two cohorts, each
    with its own disease (the second was a clash of the first, labelled melanoma)."""
    body = "The trial enrolled 93 patients. In the melanoma cohort, ORR was 36%; in the sarcoma cohort, ORR was 12%."
    by_label = {c["label"]: (c["indication"], figures(c)) for c in cohorts_of(body)}
    assert by_label["Melanoma cohort"] == ("melanoma", {"orr": (None, 36.0)})
    assert by_label["Sarcoma cohort"] == ("sarcoma", {"orr": (None, 12.0)})


def test_a_value_seen_in_a_population_names_it_for_the_values_beside_it() -> None:
    """`An ORR of 50% was seen at dose level 3 (n = 6) and 67% at dose level 4 (n = 9)`."""
    body = "An ORR of 50% was seen at dose level 3 (n = 6) and 67% at dose level 4 (n = 9)."
    by_label = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert by_label["Dose Level 3"] == (6, {"orr": (None, 50.0)})
    assert by_label["Dose Level 4"] == (9, {"orr": (None, 67.0)})


@pytest.mark.parametrize(
    "body",
    [
        "44% of 27 patients with cervical cancer responded.",
        "Forty-four percent of 27 patients responded.",
        "44% of the 27 patients responded.",
    ],
)
def test_a_percent_of_a_count_is_the_rate_and_the_count_its_size(body: str) -> None:
    """The 27 are who was counted, never 27 responders."""
    cohort = only(body)
    assert (cohort["n"], figures(cohort)) == (27, {"orr": (None, 44.0)})


@pytest.mark.parametrize(
    ("body", "cr"),
    [
        ("In the pivotal cohort (n=97), ORR was 97% and sCR rate was 82.5%.", (None, 82.5)),
        ("Of 97 patients infused, 94 (97%) responded and 65 (67%) achieved sCR.", (65, 67.0)),
        ("The ORR was 73%, including sCR in 20% and CR in 33%.", (None, 33.0)),
        ("The ORR was 95.2% (40/42), with 33 patients (78.6%) achieving sCR/CR.", (33, 78.6)),
        ("Of 42 patients, 40 responded; 33 (78.6%) reached CR/sCR.", (33, 78.6)),
    ],
)
def test_a_stringent_cr_written_sCR_is_the_cr_unless_the_sentence_gives_its_own(body: str, cr: Any) -> None:
    assert figures(only(body))["cr"] == cr


# Cases a review found in the rules above (each failed on their first version).


def test_a_follow_up_before_the_cohort_ids_does_not_stop_the_split() -> None:
    body = (
        "The phase 1/2 trial enrolled 38 patients. With a median follow-up of 12 months, Cohort A (n = 20) had "
        "an ORR of 50% and a median PFS of 6.1 months, and Cohort B (n = 18) had an ORR of 30% and a median PFS "
        "of 3.2 months."
    )
    by_label = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert by_label["Cohort B"] == (18, {"orr": (None, 30.0), "median_pfs": (3.2, False)})


def test_a_list_item_with_an_interval_keeps_its_population_and_an_unnamed_one_is_only_possible() -> None:
    body = (
        "The phase 3 trial randomized 168 patients to drugcel or ipilimumab. Median progression-free survival "
        "was longer with drugcel:\n- 7.2 months with drugcel (95% CI, 4.2 to 13.1)\n"
        "- 3.1 months with ipilimumab (95% CI, 3.0 to 4.3)\n- 2.0 months\n"
    )
    by_label = {c["label"].lower(): c for c in cohorts_of(body)}
    assert figures(by_label["ipilimumab"])["median_pfs"] == (3.1, False)
    assert figures(by_label["drugcel"])["median_pfs"] == (7.2, False)
    assert all(figures(c).get("median_pfs") != (2.0, False) for c in by_label.values())


def test_a_list_under_a_description_of_who_is_not_a_list_of_figures() -> None:
    body = (
        "The phase 2 trial enrolled 60 patients with melanoma. The ORR was 40%. Among the patients who achieved "
        "a complete response:\n- 67% had received prior anti-PD-1 therapy\n- 50% had BRAF mutations\n"
    )
    assert [figures(c) for c in cohorts_of(body)] == [{"orr": (None, 40.0)}]


def test_another_drugs_pair_set_against_chemotherapy_stays_possible() -> None:
    body = (
        "The phase 2 trial of drugcel enrolled 60 patients with melanoma. The ORR was 31%. By comparison, "
        "pembrolizumab produced a response rate of 21% versus 4% with chemotherapy."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"orr": (None, 31.0)}
    assert {c["value"] for c in cohort["candidates"] if c["key"] == "orr"} == {21.0, 4.0}


def test_a_restated_whole_population_is_not_a_subgroup() -> None:
    body = (
        "The trial enrolled 153 patients with melanoma previously treated with anti-PD-1 therapy. Among patients "
        "with melanoma previously treated with anti-PD-1, the ORR was 31.4%. A response rate of 25% was seen in "
        "patients whose disease had progressed on a PD-1 or PD-L1 inhibitor."
    )
    assert len(cohorts_of(body)) <= 2
    assert figures(cohorts_of(body)[0])["orr"] == (None, 31.4)


def test_a_subgroup_label_never_renames_the_whole_cohort() -> None:
    body = "The trial enrolled 97 patients. The ORR was 97% in patients aged 65 or older and 90% in younger patients."
    labels = [c["label"] for c in cohorts_of(body)]
    assert "Patients aged 65 or older" in labels and all(c["n"] != 97 for c in cohorts_of(body))


def test_a_ratio_or_a_share_of_patients_does_not_share_a_percent_sign() -> None:
    for body in (
        "The hazard ratio for death was 0.62 vs 45% with chemotherapy.",
        "Median PFS was 5.5 and 12% of patients had a complete response.",
    ):
        for cohort in cohorts_of(body):
            assert all(c["value"] not in (0.62, 5.5) for c in cohort["candidates"] if c["part"] == "percent")
            assert all(v.get("percent") not in (0.62, 5.5) for v in cohort["outcomes"].values())


@pytest.mark.parametrize(
    ("body", "key", "months"),
    [
        ("Efficacy (N=38): ORR 34.2%; CR 5.3%; median DoR 9.4 m.", "median_dor", 9.4),
        ("mPFS was 5.6m (95%CI 3.1-8.2) and mOS NR.", "median_pfs", 5.6),
    ],
)
def test_an_abstracts_lower_case_m_after_a_time_metric_is_months(body: str, key: str, months: float) -> None:
    assert figures(only(body))[key] == (months, False)


def test_a_lower_case_m_far_from_any_time_metric_is_not_months() -> None:
    assert cohorts_of("The trial site is 400 m from the hospital; 12 patients were treated.") == []


def test_a_count_right_after_a_numbered_label_is_a_count() -> None:
    body = "The phase 1 trial of XR-9 enrolled patients with solid tumors.\n\nAt dose level 3, 3 of 5 patients responded (60.0%)."
    (cohort,) = cohorts_of(body)
    assert figures(cohort)["orr"] == (3, 60.0)
    # a list of labels is still one label, not counts
    assert [figures(c) for c in cohorts_of("In cohorts 1, 2 and 3, the ORR was 40%.")] == [{"orr": (None, 40.0)}]


def test_a_named_cohort_is_kept_beside_its_siblings_whatever_diseases_the_trial_spans() -> None:
    body = (
        "Key findings from the phase 1 trial of XR-9 in solid tumors, including ovarian cancer and sarcoma:\n\n"
        "* Dose level 2: ORR of 33.3% (3/9)\n"
        "* Dose level 1: stable disease in four of six patients\n"
        "* Among ovarian cancer patients treated at dose level 2, two of three responded (66.7%)\n"
    )
    by_label = {c["label"]: c for c in cohorts_of(body)}
    assert figures(by_label["Dose Level 1"])["sd"] == (4, None)


def test_a_population_that_says_more_than_its_disease_is_not_any_cohort_of_that_disease() -> None:
    body = (
        "The trial of XR-9 enrolled patients with advanced melanoma. The ORR was 33.9% among 112 patients.\n\n"
        "The ORR was 31.1% among 61 patients with primary resistance to anti-PD-1 and 37.3% among 51 patients "
        "with acquired resistance. In patients with BRAF V600-mutant melanoma (n = 30), the ORR was 40.0%."
    )
    by_label = {c["label"]: c for c in cohorts_of(body)}
    assert figures(by_label["Patients with acquired resistance"]) == {"orr": (None, 37.3)}
    braf = by_label["Patients with BRAF V600-mutant melanoma"]
    assert (braf["n"], figures(braf)) == (30, {"orr": (None, 40.0)})


def test_a_second_value_for_a_named_arm_is_offered_not_lost() -> None:
    body = (
        "The randomised trial compared XR-9 with chemotherapy in 200 patients with melanoma.\n\n"
        "The ORR was 40% in the XR-9 arm and 12% in the chemotherapy arm. In a sensitivity analysis, the ORR "
        "was 44% in the XR-9 arm and 13% in the chemotherapy arm."
    )
    xr9, chemo = cohorts_of(body)
    assert figures(xr9) == {"orr": (None, 40.0)} and figures(chemo) == {"orr": (None, 12.0)}
    assert ("orr", "percent", 44.0) in [(c["key"], c["part"], c["value"]) for c in xr9["candidates"]]
    assert ("orr", "percent", 13.0) in [(c["key"], c["part"], c["value"]) for c in chemo["candidates"]]


def test_a_rate_said_to_be_higher_at_a_value_is_that_value() -> None:
    body = (
        "The phase 2 trial enrolled patients with NSCLC.\n\nAmong 78 patients with high MET expression, the "
        "response rate was slightly higher at 34.6 percent."
    )
    (cohort,) = cohorts_of(body)
    assert (cohort["n"], figures(cohort)) == (78, {"orr": (None, 34.6)})


def test_lived_a_median_of_is_overall_survival_unless_it_is_without_progression() -> None:
    lead = "The phase 3 trial randomly assigned 612 patients with gastric cancer to XR-9 or placebo.\n\n"
    body = (
        lead + "Patients in the XR-9 arm lived a median of 18.4 months, compared with 14.1 months in the placebo arm."
    )
    assert [figures(c) for c in cohorts_of(body)] == [{"median_os": (18.4, False)}, {"median_os": (14.1, False)}]
    body = lead + "Patients in the XR-9 arm lived a median of 7.4 months without their cancer progressing."
    assert [figures(c) for c in cohorts_of(body)] == [{"median_pfs": (7.4, False)}]


def test_a_rate_among_sized_patients_set_apart_by_a_marker_is_their_subgroup() -> None:
    lead = "The phase 2 trial enrolled 161 patients with NSCLC. The ORR was 28.6%.\n\n"
    cohorts = cohorts_of(lead + "The ORR was 34.6% among 78 patients with high MET expression.")
    assert [(c["label"], c["n"], figures(c)) for c in cohorts][1] == (
        "Patients with high MET expression",
        78,
        {"orr": (None, 34.6)},
    )
    # a population described by its disease is the sentence's own, not a subgroup
    (cohort,) = cohorts_of(
        "The phase 2 trial of XR-9 was reported.\n\nThe ORR was 44% in 9 evaluable patients with anti-PD-1-resistant melanoma."
    )
    assert figures(cohort) == {"orr": (None, 44.0)}


def test_three_randomised_arms_and_a_monotherapy_arm_that_is_not_the_combination() -> None:
    body = (
        "The phase 3 trial randomly assigned 1,000 patients with EGFR-mutated NSCLC to XR-9 plus ZT-4, "
        "osimertinib alone or ZT-4 alone.\n\n"
        "The combination reduced the risk of progression or death by 30% compared with osimertinib (HR 0.70), "
        "with median PFS values of 23.7 months versus 16.6 months. Median PFS in the ZT-4 monotherapy arm "
        "reached 18.5 months."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("XR-9 plus ZT-4", {"median_pfs": (23.7, False)}),
        ("Osimertinib alone", {"median_pfs": (16.6, False)}),
        ("ZT-4 monotherapy arm", {"median_pfs": (18.5, False)}),
    ]


def test_values_before_respectively_count_the_metric_after_it() -> None:
    body = (
        "The randomized phase 3 trial compared XR-9 with GM-CSF in 436 patients with melanoma.\n\n"
        "Forty (14.2%) and 2 (1.1%) patients in the XR-9 and GM-CSF arms, respectively, achieved a CR."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("XR-9", {"cr": (40, 14.2)}),
        ("GM-CSF", {"cr": (2, 1.1)}),
    ]


def test_a_rate_of_the_patients_who_received_an_arm_is_that_arms() -> None:
    body = (
        "The randomized phase 3 trial compared XR-9 with T-DM1 in 524 patients with breast cancer.\n\n"
        "An objective response occurred in 79.7% (95% CI, 74.3 to 84.4) of the patients who received XR-9 and "
        "in 34.2% (95% CI, 28.5 to 40.3) of those who received T-DM1."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("XR-9", {"orr": (None, 79.7)}),
        ("T-DM1", {"orr": (None, 34.2)}),
    ]


def test_sizes_given_per_cohort_beside_a_total_go_to_each_cohort_not_the_total() -> None:
    body = (
        "The phase 2 study of XR-9 has two cohorts. Cohort A enrolled pts with no prior anti-PD-1; cohort B "
        "enrolled pts whose disease progressed on anti-PD-1 therapy.\n\n"
        "At data cutoff, 44 pts had been infused and 39 were evaluable for efficacy (cohort A, n = 18; "
        "cohort B, n = 21).\n\nIn cohort A, ORR was 50.0% (n = 9). In cohort B, ORR was 28.6% (n = 6)."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Cohort A", 18, {"orr": (9, 50.0)}),
        ("Cohort B", 21, {"orr": (6, 28.6)}),
    ]


@pytest.mark.parametrize(
    ("sentence", "label", "n", "figure"),
    [
        (
            "The ORR in patients with liver metastases was 29% (6 of 21).",
            "Patients with liver metastases",
            21,
            ("orr", (6, 29.0)),
        ),
        (
            "The median PFS in patients with brain metastases was 4.1 months.",
            "Patients with brain metastases",
            None,
            ("median_pfs", (4.1, False)),
        ),
    ],
)
def test_a_subgroup_named_between_metric_and_value_is_that_subgroups(
    sentence: str, label: str, n: int | None, figure: tuple[str, tuple[object, object]]
) -> None:
    body = "The phase 2 trial of XR-9 enrolled 80 patients with melanoma. The ORR was 36%.\n\n" + sentence
    whole, sub = cohorts_of(body)
    assert (whole["n"], figures(whole)) == (80, {"orr": (None, 36.0)})
    assert (sub["label"], sub["n"], figures(sub)) == (label, n, dict([figure]))


def test_the_current_study_is_this_study_not_a_comparator() -> None:
    lead = "The phase 2 trial of XR-9 enrolled patients with melanoma.\n\n"
    (cohort,) = cohorts_of(lead + "In the current study, XR-9 yielded an ORR of 36% among 50 patients.")
    assert (cohort["n"], figures(cohort)) == (50, {"orr": (None, 36.0)})
    assert all(not c["outcomes"] for c in cohorts_of(lead + "Current treatments yield response rates of about 10%."))


def test_a_pair_said_to_be_similar_between_arms_goes_to_the_arms_and_a_code_names_digit_is_no_percent() -> None:
    lead = "The randomized phase 3 trial compared XR-9 with docetaxel in 400 patients with NSCLC.\n\n"
    cohorts = cohorts_of(lead + "Median PFS was similar between arms (5.4 vs 5.1 months; HR 0.94).")
    assert [(c["label"], figures(c)) for c in cohorts] == [
        ("XR-9", {"median_pfs": (5.4, False)}),
        ("Docetaxel", {"median_pfs": (5.1, False)}),
    ]
    cohorts = cohorts_of(lead + "The confirmed ORR was 44.1% (95% CI, 37.2-51.2) with XR-9 vs 29.8% with docetaxel.")
    assert all(c["value"] != 9.0 for cohort in cohorts for c in cohort["candidates"])


@pytest.mark.parametrize(
    "joiner",
    [". In", "; in"],
)
def test_cohorts_named_by_what_they_hold_keep_their_names_and_sizes(joiner: str) -> None:
    body = (
        "The phase 2 trial of XR-9 enrolled patients with B-cell lymphoma.\n\n"
        f"In the DLBCL cohort (n=62), the ORR was 71% and the CR rate was 45%{joiner} the follicular lymphoma "
        "cohort (n=31), the ORR was 94% and the CR rate was 81%."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("DLBCL cohort", 62, {"orr": (None, 71.0), "cr": (None, 45.0)}),
        ("Follicular lymphoma cohort", 31, {"orr": (None, 94.0), "cr": (None, 81.0)}),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "By comparison, the ABC-100 trial of another drug showed an ORR of 37% and a median PFS of 6.8 months.",
        "A rival TIL therapy from another company reported an ORR of 21% in 28 patients.",
        "Real-world data suggest a median survival of 7.5 months in this setting.",
        "Approved anti-PD-1 agents achieve response rates of about 40% in first-line melanoma.",
    ],
)
def test_another_companys_or_outside_figures_are_only_possible(sentence: str) -> None:
    body = "The phase 2 trial of XR-9 enrolled 50 patients with NSCLC. The ORR was 45%.\n\n" + sentence
    cohorts = cohorts_of(body)
    assert [figures(c) for c in cohorts] == [{"orr": (None, 45.0)}]
    assert cohorts[0]["candidates"]


def test_an_arm_that_is_the_subject_of_its_clause_is_the_figures_cohort() -> None:
    body = (
        "The randomized phase 2 trial compared XR-9 plus placebo with XR-9 plus ZT-4 in 118 patients with NSCLC.\n\n"
        "The combination arm (n = 60) had an ORR of 52%, while the monotherapy arm (n = 58) had an ORR of 31%."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("XR-9 plus ZT-4", 60, {"orr": (None, 52.0)}),
        ("Monotherapy arm", 58, {"orr": (None, 31.0)}),
    ]


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("Responses occurred in 13 patients (25%).", "orr", (13, 25.0)),
        ("Response was observed in 18/50 patients (36%).", "orr", (18, 36.0)),
        ("Responses lasted a median of 14 months.", "median_dor", (14.0, False)),
        ("Median time to best response was 1.5 months.", "median_ttr", (1.5, False)),
        ("mFU: 36.5 mos.", "median_followup", (36.5, False)),
        ("Median follow-up (data cutoff 1 Feb 2024) was 15.6 mo.", "median_followup", (15.6, False)),
    ],
)
def test_verbs_and_abbreviations_that_name_a_metric(sentence: str, key: str, value: tuple[object, object]) -> None:
    body = "The phase 2 trial of XR-9 enrolled 52 patients with melanoma. The DCR was 70%.\n\n" + sentence
    (cohort,) = cohorts_of(body)
    assert figures(cohort)[key] == value


def test_a_best_response_of_progression_is_not_a_response_and_5_fu_is_no_follow_up() -> None:
    lead = "The phase 2 trial of XR-9 enrolled 9 patients with melanoma. The ORR was 22%.\n\n"
    (cohort,) = cohorts_of(lead + "Progressive disease as best response was seen in 22%.")
    assert figures(cohort) == {"orr": (None, 22.0), "pd": (None, 22.0)}
    (cohort,) = cohorts_of(lead + "Patients had received 5-FU for 6 months before enrolment.")
    assert "median_followup" not in figures(cohort)


def test_a_dates_day_is_no_count() -> None:
    from tilbrowse.extract.quantities import scan

    text = "As of April 30, 2025, 44 patients were treated; at the 15 March 2024 cutoff, 40% had responded."
    assert [text[q.start : q.end] for q in scan(text).quantities] == ["44", "40%"]


def test_a_pair_of_arm_sizes_in_brackets_is_no_count_of_the_value_before_it() -> None:
    body = (
        "The randomized phase 2 trial compared XR-9 with chemotherapy in 238 patients with myeloma.\n\n"
        "ORR was 36% and 21% (n = 120 and 118) for XR-9 and chemotherapy, respectively."
    )
    assert [figures(c) for c in cohorts_of(body)] == [{"orr": (None, 36.0)}, {"orr": (None, 21.0)}]


def test_who_is_still_in_remission_at_a_time_point_is_only_possible() -> None:
    body = (
        "The phase 2 trial of XR-9 enrolled 98 patients with myeloma. The ORR was 70%.\n\n"
        "At 24 months, 40% of patients remained in complete remission."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"orr": (None, 70.0)}
    assert ("cr", "percent", 40.0) in [(c["key"], c["part"], c["value"]) for c in cohort["candidates"]]


def test_a_response_category_that_is_no_outcome_breaks_a_run_of_values() -> None:
    body = (
        "The phase 2 trial of XR-9 enrolled 98 patients with myeloma.\n\n"
        "Of 98 patients, 80 (82%) had a stringent complete response, 12 (12%) a very good partial response and "
        "4 (4%) a partial response."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"cr": (80, 82.0), "pr": (4, 4.0)}
    assert all(c["value"] != 12 for c in cohort["candidates"])


def test_two_sized_subgroups_by_prior_therapy_are_subgroups_not_arms() -> None:
    body = (
        "The phase 2 trial of XR-9 enrolled 98 patients with myeloma. The ORR was 30%.\n\n"
        "In patients who had received at least 3 prior lines of therapy (n=24), the ORR was 21%, compared with 35% "
        "in those with 1-2 prior lines (n=40)."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Cohort 1", 98, {"orr": (None, 30.0)}),
        ("Patients who had received at least 3 prior lines of therapy", 24, {"orr": (None, 21.0)}),
        ("Patients with 1-2 prior lines", 40, {"orr": (None, 35.0)}),
    ]


def test_values_each_named_by_a_dose_after_them_are_the_dose_levels() -> None:
    body = (
        "The phase 1 trial of XR-9 enrolled 21 patients with solid tumors. The DCR was 60%.\n\n"
        "The ORR by dose level was 0/3 at 1 mg/kg, 1/6 (17%) at 3 mg/kg, and 5/12 (42%) at 10 mg/kg."
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Solid tumors", 21, {"dcr": (None, 60.0)}),
        ("1 mg/kg", 3, {"orr": (0, None)}),
        ("3 mg/kg", 6, {"orr": (1, 17.0)}),
        ("10 mg/kg", 12, {"orr": (5, 42.0)}),
    ]


def test_an_article_whose_every_figure_is_only_possible_keeps_them_in_one_cohort_stating_nothing() -> None:
    body = (
        "The phase 2 trial enrolled 40 patients with NSCLC.\n\n"
        "The objective response rate with XR-9 was 28.6%. Real-world data suggest a median survival of 7.5 months."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {} and cohort["n"] is None
    offered = {(c["key"], c["part"], c["value"]) for c in cohort["candidates"]}
    assert {("orr", "percent", 28.6), ("median_os", "months", 7.5), ("n", "value", 40)} <= offered


def test_what_is_said_of_all_patients_beside_dose_levels_is_no_dose_levels() -> None:
    body = (
        "The phase 1 study of XR-9 evaluated three dose levels in hepatocellular carcinoma.\n\n"
        "Twenty-four patients were infused (DL1, n = 6; DL2, n = 9; DL3, n = 9). Median age was 55 (range 31-72).\n\n"
        "- DL1: 3 SD, 3 PD (DCR 50%)\n- DL2: 2 PR (22%), 5 SD, 2 PD (DCR 78%)\n"
        "- DL3: 1 CR, 4 PR (ORR 56%), 3 SD, 1 PD (DCR 89%)\n\nAmong all patients, median OS was 11.3 months."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Dose Level 1", "Dose Level 2", "Dose Level 3", "All patients"]
    assert [c["median_age"] for c in cohorts] == [None, None, None, 55]  # the trial's age is no dose level's
    assert cohorts[-1]["n"] == 24
    assert figures(cohorts[-1]) == {"median_os": (11.3, False)}
    assert all("median_os" not in figures(c) for c in cohorts[:3])


@pytest.mark.parametrize(
    "sentence",
    [
        "She noted that a 2019 trial of a similar approach at another centre reported responses in five of 18 patients.",
        "Those numbers compare with a 31% response rate and a 13.9-month median overall survival reported for the "
        "first approved TIL therapy.",
    ],
)
def test_a_quoted_other_trials_figures_are_only_possible(sentence: str) -> None:
    body = "Twenty-two women were treated in the phase 2 study of XR-9. Nine of the 22 responded (41%).\n\n" + sentence
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"orr": (9, 41.0)}


def test_a_figure_in_either_arm_is_each_arms_not_an_either_arm_cohort() -> None:
    body = (
        "In the phase 3 study, 340 patients were randomized to the combination (n=171) or nivolumab monotherapy "
        "(n=169). Median PFS was 21.7 and 11.2 months, respectively.\n\n"
        "Median overall survival was not reached in either arm."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Combination", "Nivolumab monotherapy"]
    assert all(figures(c)["median_os"] == (None, True) for c in cohorts)


_MELANOMA_40 = "The phase 2 ZT-101 trial tested zorbacel in 40 patients with advanced melanoma.\n\n"
_TWO_ARMS = "The phase 3 trial randomized 200 patients with melanoma to zorbamab or placebo.\n\n"


@pytest.mark.parametrize(
    "body",
    [
        # the metric after 'respectively' goes on ('… of stable disease or better', '… at 12 months')
        _TWO_ARMS + "Forty (40%) and 10 (10%) patients in the zorbamab and placebo arms, respectively, achieved a "
        "best overall response of stable disease or better.",
        _TWO_ARMS + "Forty (40%) and 10 (10%) patients in the zorbamab and placebo arms, respectively, were in "
        "complete remission at 12 months.",
        # responses that are not objective responses, or 'responses' of dose levels
        _MELANOMA_40 + "Minor responses occurred in 6 patients (15%).",
        _MELANOMA_40 + "Pathologic responses occurred in 12 patients (30%).",
        # responders' survival is no cohort's
        _MELANOMA_40 + "Patients who responded lived a median of 30 months.",
        # a surname is no follow-up
        _MELANOMA_40 + "Lead author Jun Fu was 12 months into the study when the first complete response was seen.",
    ],
)
def test_phrases_that_only_look_like_a_metric_state_nothing(body: str) -> None:
    assert all(not c["outcomes"] for c in cohorts_of(body))


def test_a_planned_study_of_n_patients_gives_no_size() -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + "The ORR was 45%. A confirmatory 300-patient study will start in 2026.")
    assert cohort["n"] == 40


def test_a_dose_after_a_value_in_a_trial_of_one_dose_names_no_cohort() -> None:
    body = (
        "The phase 2 trial tested zorbacel at 10 mg/kg in a melanoma cohort (n = 30) and a sarcoma cohort (n = 25).\n\n"
        "In the melanoma cohort, the ORR was 40% at 10 mg/kg. In the sarcoma cohort, the ORR was 16% at 10 mg/kg."
    )
    assert [(c["label"], figures(c)) for c in cohorts_of(body)] == [
        ("Melanoma cohort", {"orr": (None, 40.0)}),
        ("Sarcoma cohort", {"orr": (None, 16.0)}),
    ]


def test_an_aside_between_commas_is_no_third_arm() -> None:
    body = (
        "The phase 3 trial enrolled 300 patients with lung cancer.\n\nPatients were randomly assigned to zorbamab, "
        "at the approved dose, or docetaxel. The ORR was 30% versus 12%."
    )
    assert all(not c["label"].lower().startswith("at ") for c in cohorts_of(body))


def test_a_later_clauses_size_is_its_cohorts_only_right_after_its_name() -> None:
    body = (
        "The phase 2 trial tested zorbacel in lymphoma.\n\nIn the DLBCL cohort (n=40), the ORR was 50%; in the FL "
        "cohort, the ORR was 70% and the CR rate among 12 patients with bulky disease was 60%."
    )
    got = [(c["label"], c["n"]) for c in cohorts_of(body)]
    assert got[:2] == [("DLBCL cohort", 40), ("FL cohort", None)]
    # the CR rate "among 12 patients with bulky disease" is that subgroup's, never the FL cohort's
    assert got[2:] in ([], [("Patients with bulky disease", None)], [("Patients with bulky disease", 12)])


def test_all_patients_of_a_named_cohort_are_that_cohort() -> None:
    body = _MELANOMA_40 + (
        "In cohort A (n = 12), the ORR was 25%. In cohort B (n = 10), the ORR was 30%. In cohort B, all evaluable "
        "patients had tumor shrinkage and the median PFS was 8.2 months."
    )
    cohorts = cohorts_of(body)
    # "the ZT-101 trial" names the trial, so a bare "Cohort A" says which trial it belongs to
    assert [c["label"] for c in cohorts] == ["Cohort A (ZT-101)", "Cohort B (ZT-101)"]
    assert figures(cohorts[1])["median_pfs"] == (8.2, False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ORR was 45% among 40 patients with prior anti-PD-1 therapy, and median PFS was 7.1 months.",
        "The ORR was 45%. Patients in the treatment group had a median overall survival of 14 months.",
        "The ORR in patients with measurable disease was 45%.",
        "The ORR was 45% in patients whose disease had progressed on approved PD-1 inhibitors.",
        "At 18 months, the confirmed ORR was 45% with a CR rate of 10%, and responses were maintained in most patients.",
    ],
)
def test_the_whole_population_described_is_no_subgroup_and_its_figures_are_stated(sentence: str) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert cohort["n"] == 40 and figures(cohort)["orr"] == (None, 45.0)


def test_a_subgroups_name_ends_on_a_whole_word() -> None:
    cohorts = cohorts_of(_MELANOMA_40 + "The ORR was 36%. The ORR in patients with brain metastasis was 30%.")
    assert "Patients with brain metastasis" in [c["label"] for c in cohorts]


def test_two_medians_not_reached_each_named_with_median() -> None:
    body = _MELANOMA_40 + "The ORR was 45%. Median PFS and median OS were not yet reached."
    (cohort,) = cohorts_of(body)
    assert figures(cohort)["median_pfs"] == (None, True) and figures(cohort)["median_os"] == (None, True)
    body = (
        _MELANOMA_40
        + "The ORR was 45%. At 18.6 months of follow-up, the median duration of response had not been reached."
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort)["median_followup"] == (18.6, False)


@pytest.mark.parametrize(
    "pooled",
    [
        "Across both cohorts, the ORR was 32.7% (n = 17).",
        "The ORR across both cohorts combined was 32.7% (n = 17).",
        "In the two cohorts pooled, the ORR was 32.7% (n = 17).",
    ],
)
def test_a_figure_of_both_cohorts_together_is_the_whole_populations_and_its_size_is_their_sum(pooled: str) -> None:
    body = (
        "The phase 2 study of XR-9 TIL in head and neck cancer has two cohorts: cohort 1 took patients naive to "
        "checkpoint inhibitors, cohort 2 patients who progressed on one.\n\n"
        f"In all, 52 patients were evaluable (cohort 1, n = 24; cohort 2, n = 28). {pooled}\n\n"
        "In cohort 1, the ORR was 45.8% (n = 11). In cohort 2, the ORR was 21.4% (n = 6)."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert set(cohorts) == {"All patients", "Cohort 1", "Cohort 2"}
    assert cohorts["All patients"]["n"] == 52 and figures(cohorts["All patients"]) == {"orr": (17, 32.7)}
    assert figures(cohorts["Cohort 1"]) == {"orr": (11, 45.8)} and cohorts["Cohort 2"]["n"] == 28


def test_the_list_under_a_pooled_figure_is_the_whole_populations_and_a_headline_across_trials_is_no_cohort() -> None:
    body = (
        "# XR-9 shows responses at both dose levels, with a complete response at dose level 2\n\n"
        "- Twelve patients were evaluable across two dose levels\n- ORR of 33% (4/12) across both dose levels\n"
        "- Median duration of response not reached\n\n"
        "Dose level 1 (n = 5): one partial response (ORR 20%). Dose level 2 (n = 7): three responses (ORR 43%).\n\n"
        "Across its three trials, the company's TIL products have shown an ORR of 41%."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["All patients"]) == {"orr": (4, 33.0), "median_dor": (None, True)}
    assert all(c["outcomes"].get("orr", {}).get("percent") != 41.0 for c in cohorts.values())


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        (
            "The confirmed ORR was 37.1% and the DCR 80.6%, with four complete responses, compared to previously "
            "reported results.",
            True,
        ),
        ("The ORR was 40.0%, better than what standard second-line chemotherapy produces.", True),
        ("The ORR was 40.0%, consistent with previously reported data.", True),
        ("The ORR was 20.0% in prior trials of chemotherapy.", False),
        ("The ORR was 40.0% versus 20.0% in prior trials.", False),
        (
            "The ORR was 40.0% and the median OS 12 months, compared with 20.0% and 8 months with standard chemotherapy.",
            False,
        ),
    ],
)
def test_other_results_set_against_every_figure_after_them_leave_the_figures_this_reports(
    sentence: str, stated: bool
) -> None:
    body = (
        "The two-year analysis of the phase 2 trial of XR-9 covers 60 evaluable patients with melanoma.\n\n" + sentence
    )
    (cohort,) = cohorts_of(body)
    orr = figures(cohort).get("orr")
    assert (orr is not None and orr[1] in (37.1, 40.0)) is stated
    if not stated:
        assert any(c["key"] == "orr" for c in cohort["candidates"])


def test_a_subgroup_named_with_its_size_and_a_definition_between_metric_and_value_keeps_its_figures() -> None:
    body = (
        "Among all 90 treated patients with melanoma, the ORR was 30.0% (n = 27). The ORR among patients with "
        "palpable lesions (n = 60), defined as those whose lesions could be reached with a standard needle under "
        "ultrasound or by touch alone, was 35.0% (n = 21), with 15.0% (n = 9) achieving a CR."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    sub = cohorts["Patients with palpable lesions"]
    assert sub["n"] == 60 and figures(sub) == {"orr": (21, 35.0), "cr": (9, 15.0)}
    (whole,) = [c for c in cohorts.values() if c is not sub]
    assert whole["n"] == 90 and figures(whole) == {"orr": (27, 30.0)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ORR was 63% (6 complete responses; 19 partial responses).",
            {"orr": (None, 63.0), "cr": (6, None), "pr": (19, None)},
        ),
        ("The ORR was 63% (6 CRs and 19 PRs).", {"orr": (None, 63.0), "cr": (6, None), "pr": (19, None)}),
        ("The ORR was 13% (2 partial responses).", {"orr": (None, 13.0), "pr": (2, None)}),
        ("The CR rate was 15% (6 CRs).", {"cr": (6, 15.0)}),
        ("The ORR was 40% (16 responses).", {"orr": (16, 40.0)}),
        ("Median PFS was 14.2 (95% CI: 5.6–not estimated) months.", {"median_pfs": (14.2, False)}),
        ("Median PFS was 14.2 (95% CI, 5.6–NA) months.", {"median_pfs": (14.2, False)}),
    ],
)
def test_what_the_brackets_after_a_value_hold(sentence: str, expected: dict[str, tuple[object, object]]) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


def test_not_reached_with_its_abbreviation_and_a_code_name_before_versus_are_one_value_each() -> None:
    body = (
        "The phase 3 trial randomised 400 patients with NSCLC to XR-9 or docetaxel.\n\n"
        "Median OS was not reached (NR) (95% CI, 34.2 to NR) with XR-9 versus 34.1 months (95% CI, 25.2 to NR) "
        "with docetaxel."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["XR-9"]) == {"median_os": (None, True)}
    assert figures(cohorts["Docetaxel"]) == {"median_os": (34.1, False)}
    offered = [c["value"] for c in cohorts["XR-9"]["candidates"]]
    assert 9.0 not in offered, "the 9 of XR-9 is no duration"


@pytest.mark.parametrize(
    "earlier",
    [
        "## Earlier results\n\nAfter a median follow-up of 14.0 months, median OS was 15.1 months in the XR-9 arm vs "
        "11.9 months in the placebo arm.",
        "At the prespecified interim analysis, median OS was 15.1 months in the XR-9 arm vs 11.9 months in the "
        "placebo arm.",
        "At that time, median OS was 15.1 months in the XR-9 arm vs 11.9 months in the placebo arm.",
    ],
)
def test_an_earlier_analysis_of_named_arms_is_shown_beside_each_arms_final_figures(earlier: str) -> None:
    body = (
        "The phase 3 trial randomly assigned 600 patients with gastric cancer to XR-9 (n = 300) or placebo "
        "(n = 300), each with chemotherapy.\n\n"
        f"{earlier}\n\n"
        "## Final analysis\n\n"
        "The final analysis showed median OS of 17.0 months with XR-9 vs 12.4 months with placebo."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["XR-9"])["median_os"] == (17.0, False)
    assert figures(cohorts["Placebo"])["median_os"] == (12.4, False)
    offered = {(c["value"], c["reason"]) for c in cohorts["XR-9"]["candidates"]}
    assert (15.1, "an earlier analysis of this cohort") in offered
    assert all(c["value"] != 15.1 for c in cohorts["Placebo"]["candidates"])


def test_the_response_evaluable_set_of_each_arm_is_the_arm_and_a_subgroup_compares_arms_named_by_value() -> None:
    body = (
        "The phase 3 trial randomly assigned 600 patients with gastric cancer to XR-9 every 3 weeks (n = 300) or "
        "placebo (n = 300), each with chemotherapy.\n\n"
        "Among patients with measurable disease at baseline (XR-9, n = 251; placebo, n = 249), ORRs were 58% and "
        "44%, respectively.\n\n"
        "Among the 350 patients whose tumors had a CPS of 5 or higher, median OS was 18.8 months with XR-9 vs "
        "12.2 months with placebo."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    arm = next(c for label, c in cohorts.items() if label.startswith("XR-9"))
    assert arm["n"] == 251 and figures(arm)["orr"] == (None, 58.0)
    assert cohorts["Placebo"]["n"] == 249 and figures(cohorts["Placebo"])["orr"] == (None, 44.0)
    assert "median_os" not in figures(arm), "the subgroup's OS is not the arm's"
    sub = {label: figures(c) for label, c in cohorts.items() if "CPS of 5 or higher" in label}
    assert sorted(f["median_os"][0] for f in sub.values()) == [12.2, 18.8]


def test_the_articles_own_headline_names_no_cohort() -> None:
    body = (
        "# Five-year data: bispecific XR-9 keeps its survival edge over nivolumab in advanced melanoma\n\n"
        "At a median follow-up of 60.1 months, median OS was 66.2 months in the XR-9 arm compared with 40.3 months "
        "in the nivolumab arm."
    )
    labels = [c["label"] for c in cohorts_of(body)]
    assert labels == ["XR-9 arm", "Nivolumab arm"]


def test_a_basket_table_with_its_pooled_population_described_first() -> None:
    body = (
        "The phase 1/2 basket study of XR-9 TIL enrols four disease cohorts.\n\n"
        "## Study population\n\n"
        "At the data cutoff, 80 patients were evaluable for efficacy; their median age was 57 years.\n\n"
        "Across the study, median follow-up was 12.9 months.\n\n"
        "## Efficacy by cohort\n\n"
        "| Cohort | Evaluable patients | ORR, n (%) | Median DOR |\n|---|---|---|---|\n"
        "| Melanoma, post-anti-PD-1 | 30 | 12 (40.0%) | Not reached |\n"
        "| NSCLC | 20 | 5 (25.0%) | 8.8 months |\n"
        "| Cervical cancer | 18 | 7 (38.9%) | Not reached |\n"
        "| HNSCC | 12 | 3 (25.0%) | 5.9 months |\n\n"
        "Pooled across the four cohorts, the ORR was 33.8% (27 of 80 patients), and the pooled median duration of "
        "response has not been reached. Among patients with PD-L1 expression below 1% (n = 22), the ORR was 27.3%.\n\n"
        "In the melanoma cohort, median progression-free survival was 6.9 months."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["All patients"])["orr"] == (27, 33.8)
    assert figures(cohorts["All patients"])["median_dor"] == (None, True)
    assert not any(label in cohorts for label in ("Solid tumors", "Melanoma cohort"))
    assert figures(cohorts["Melanoma, post-anti-PD-1"])["median_pfs"] == (6.9, False)
    sub = next(c for label, c in cohorts.items() if "PD-L1" in label)
    assert sub["n"] == 22 and figures(sub)["orr"] == (None, 27.3)


@pytest.mark.parametrize(
    "sentence",
    [
        "Median progression-free and overall survival were 5.6 and 14.3 months, respectively.",
        "Median PFS and OS were 5.6 (95% CI, 4.1-8.3) and 14.3 (95% CI, 11.0-17.5) months, respectively.",
    ],
)
def test_two_survival_medians_in_one_breath(sentence: str) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == {"median_pfs": (5.6, False), "median_os": (14.3, False)}


def test_an_interval_between_value_and_unit_may_be_written_with_a_comma() -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + "Median PFS (95% CI) was 5.6 (4.1, 8.3) months.")
    assert figures(cohort) == {"median_pfs": (5.6, False)}


@pytest.mark.parametrize(
    "sentence",
    [
        "As of the data cutoff, 40 patients had received at least one dose.",
        "Forty (40) patients with melanoma were enrolled.",
        "There were 40 evaluable patients at the time of analysis.",
    ],
)
def test_more_ways_to_state_a_cohorts_size(sentence: str) -> None:
    (cohort,) = cohorts_of("# XR-9 in melanoma\n\n" + sentence + " The ORR was 40%.")
    assert cohort["n"] == 40


def test_patients_who_had_received_a_prior_therapy_are_no_cohort_size() -> None:
    (cohort,) = cohorts_of("# XR-9 in melanoma\n\n30 patients had received prior ipilimumab. The ORR was 40%.")
    assert cohort["n"] is None


def test_a_basket_story_with_journalists_headings_a_rival_read_against_and_a_disease_lead() -> None:
    body = (
        "The phase 1/2 trial of XR-9, a TCR bispecific, enrolled patients with cutaneous melanoma, uveal melanoma and "
        "squamous NSCLC.\n\n"
        "Across the 60 response-evaluable patients in the three expansion cohorts, the objective response rate was "
        "25.0%.\n\n"
        "## Melanoma leads the way\n\n"
        "Nine of 30 evaluable patients (30%) responded.\n\n"
        "## Uveal: control more than shrinkage\n\n"
        "Among 14 patients with uveal melanoma, the ORR was 14% and median overall survival was 16.9 months.\n\n"
        "The cohort will be read against a rival bispecific that extended median overall survival to 21.7 months "
        "in first-line uveal melanoma.\n\n"
        "## Lung: a foothold\n\n"
        "In squamous NSCLC, four of 18 patients responded (22.2%)."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["All patients"]) == {"orr": (None, 25.0)}
    assert figures(cohorts["Melanoma"])["orr"] == (9, 30.0)
    assert figures(cohorts["Uveal melanoma"]) == {"orr": (None, 14.0), "median_os": (16.9, False)}
    assert figures(cohorts["Non-small cell lung cancer"])["orr"] == (4, 22.2)
    assert all(c["outcomes"].get("median_os", {}).get("months") != 21.7 for c in cohorts.values())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Median PFS was 8,3 months and the ORR 44,1%.", {"median_pfs": (8.3, False), "orr": (None, 44.1)}),
        (
            "The 8.3-month median PFS and 19.2-month median OS were encouraging.",
            {"median_pfs": (8.3, False), "median_os": (19.2, False)},
        ),
        ("Median survival without progression was 8.3 months.", {"median_pfs": (8.3, False)}),
        ("The median progression-free survival time was 8.3 months.", {"median_pfs": (8.3, False)}),
        ("Progression-free survival was prolonged to a median of 8.3 months.", {"median_pfs": (8.3, False)}),
        (
            "The ORR was 87%, with 61% of patients reaching a stringent complete response or better.",
            {"orr": (None, 87.0), "cr": (None, 61.0)},
        ),
    ],
)
def test_survival_medians_written_in_other_ways(sentence: str, expected: dict[str, tuple[object, object]]) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS was significantly longer with XR-9 (8.3 months) than with docetaxel (4.1 months).",
        "Median PFS: XR-9 (8.3 months) vs docetaxel (4.1 months).",
        "Median PFS was 8.3 months in patients treated with XR-9 and 4.1 months in those receiving docetaxel.",
    ],
)
def test_each_arm_named_with_its_value(sentence: str) -> None:
    body = "The phase 3 trial randomised 400 patients with NSCLC to XR-9 or docetaxel.\n\n" + sentence
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert cohorts["XR-9"]["outcomes"]["median_pfs"]["months"] == 8.3
    assert cohorts["Docetaxel"]["outcomes"]["median_pfs"]["months"] == 4.1


def test_a_target_named_like_a_dose_level_is_no_dose_level_and_a_sized_study_gives_n() -> None:
    body = (
        "# Brisa's DLL3-targeting bispecific in small cell lung cancer\n\n"
        "The DLL3-targeting bispecific produced an overall response rate of 40% in a 45-patient phase 1 study."
    )
    (cohort,) = cohorts_of(body)
    assert "Dose Level" not in cohort["label"]
    assert cohort["n"] == 45 and figures(cohort) == {"orr": (None, 40.0)}


def test_all_patients_across_tumor_types_after_one_diseases_figures_are_the_whole_trial() -> None:
    body = (
        "In a phase 1 study of XR-9, a TCR-T therapy, six of 14 patients with synovial sarcoma had a partial "
        "response (43%). Among all 25 patients treated across tumor types, the response rate was 28%."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert cohorts["All patients"]["n"] == 25 and figures(cohorts["All patients"]) == {"orr": (None, 28.0)}
    assert "orr" not in figures(cohorts["Synovial sarcoma"])


def test_a_rate_stated_then_counted_in_a_later_sentence_is_one_figure_of_one_cohort() -> None:
    body = (
        "# XR-9 dose escalation\n\n"
        "- Nine of 30 efficacy-evaluable patients (30%) responded across three dose levels.\n"
        "- At the highest dose level (DL3), the objective response rate was 40.0%, including two complete "
        "responses.\n\n"
        "## Efficacy by dose level\n\n"
        "At DL2, three of 10 evaluable patients responded (30.0%).\n\n"
        "At DL3, six of 15 evaluable patients responded (40.0%): two complete responses and four partial responses."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["All patients"])["orr"] == (9, 30.0)
    dl3 = next(c for label, c in cohorts.items() if label.startswith("Dose Level 3"))
    assert figures(dl3) == {"orr": (6, 40.0), "cr": (2, None), "pr": (4, None)}
    assert len(cohorts) == 3


def test_the_til_arm_is_the_experimental_arm_and_a_rivals_product_is_no_cohort() -> None:
    body = (
        "In the phase 3 trial, Norvane's tumor-infiltrating lymphocyte (TIL) product vortecel produced a median PFS "
        "of 7.0 months vs 3.0 months for patients randomized to investigator's choice of therapy.\n\n"
        "Eighty were assigned to vortecel and 80 to the control arm.\n\n"
        "Complete responses were seen in 16 patients (20%) in the TIL arm and five patients (6%) in the comparator "
        "arm. After a median follow-up of 25.0 months, median OS was 24.1 months in the TIL group and 18.2 months "
        "in the comparator group.\n\n"
        "Norvane isn't alone in the space. Harrow Therapeutics' harrowcel posted a 31.4% response rate in a "
        "single-arm phase 2 study."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    til = cohorts["Vortecel"]
    assert figures(til)["cr"] == (16, 20.0) and figures(til)["median_os"] == (24.1, False)
    # the lead's figures, read before the arms were named, are the arms' own
    assert set(cohorts) == {"Vortecel", "Control"} and til["n"] == 80
    assert figures(til)["median_pfs"] == (7.0, False) and figures(cohorts["Control"])["median_pfs"] == (3.0, False)
    assert not any(label.lower().startswith("til") for label in cohorts)
    assert all(c["outcomes"].get("orr", {}).get("percent") != 31.4 for c in cohorts.values())
    offered = [x["reason"] for c in cohorts.values() for x in c["candidates"] if x["value"] == 31.4]
    assert offered and "another product (harrowcel)" in offered[0]


def test_an_interim_analysis_is_the_current_one_when_the_final_analysis_is_still_to_come() -> None:
    body = (
        "The company announced results from the phase 3 trial evaluating zorba ravtecan (XR-9) versus docetaxel in "
        "non-small cell lung cancer.\n\n"
        "- At the prespecified interim analysis, median OS was 14.8 months with zorba ravtecan vs 11.6 months with "
        "docetaxel.\n- The ORR was 36.1% with zorba ravtecan compared with 13.9% with docetaxel.\n\n"
        "The OS analysis will be updated at the final analysis, expected in 2026."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert figures(cohorts["Zorba ravtecan"]) == {"median_os": (14.8, False), "orr": (None, 36.1)}
    assert figures(cohorts["Docetaxel"]) == {"median_os": (11.6, False), "orr": (None, 13.9)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Twelve patients responded, two of them completely.", {"orr": (12, None), "cr": (2, None)}),
        ("Nine of 31 patients responded, one of them completely.", {"orr": (9, None), "cr": (1, None)}),
        ("18 patients responded, 8 of them with a complete response.", {"orr": (18, None), "cr": (8, None)}),
        (
            "The best overall response was complete response in 8 patients and partial response in 10.",
            {"cr": (8, None), "pr": (10, None)},
        ),
    ],
)
def test_the_complete_responders_among_the_responders(
    sentence: str, expected: dict[str, tuple[object, object]]
) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


def test_doses_in_micrograms_name_their_cohorts() -> None:
    body = (
        "The bispecific XR-9 was given at two doses in melanoma.\n\n"
        "Confirmed ORR was 20.8% at 40 µg and 36.0% at 80 µg. mPFS was 2.8 mo (95% CI 1.9–4.1) at 40 µg and 4.6 mo "
        "(95% CI 2.7–6.9) at 80 µg."
    )
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert cohorts["40 µg"] == {"orr": (None, 20.8), "median_pfs": (2.8, False)}
    assert cohorts["80 µg"] == {"orr": (None, 36.0), "median_pfs": (4.6, False)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Complete responses were seen in 4 patients.", {"cr": (4, None)}),
        ("Stable disease occurred in 13 patients.", {"sd": (13, None)}),
        ("The disease stopped growing in 13 patients.", {"sd": (13, None)}),
        (
            "Complete responses occurred in 3, partial responses in 9 and stable disease in 11.",
            {"cr": (3, None), "pr": (9, None), "sd": (11, None)},
        ),
        (
            "Two patients saw their cancer disappear on scans, and in another 13 the disease stopped growing.",
            {"cr": (2, None)},
        ),
        ("Patients went a median of 5.1 months before their cancer worsened.", {"median_pfs": (5.1, False)}),
        # living a median before progression is the progression-free survival, not the overall survival
        ("Patients lived a median of 7.3 months before their cancer progressed.", {"median_pfs": (7.3, False)}),
        ("Responses were seen in 14 patients (35%).", {"orr": (14, 35.0)}),
    ],
)
def test_events_counted_in_patients_and_plain_words_for_outcomes(
    sentence: str, expected: dict[str, tuple[object, object]]
) -> None:
    """Journalists' words: an event seen in N patients counts them; 'saw their cancer disappear' is
    a complete response; 'a median of 5.1 months before their cancer worsened' is the median PFS."""
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


def test_paragraphs_led_by_a_named_cohort_and_a_count_said_again_in_total() -> None:
    """A release that gives each disease a paragraph led by 'X cohort (…):', one of them by an
    abbreviation ('CSCC cohort:'), and restates a rate as a count with no size stated."""
    body = (
        "Nordlys Oncology today announced updated phase II data for NL-77 with nivolumab in melanoma and "
        "cutaneous squamous cell carcinoma after anti-PD-1 therapy.\n\n"
        "Melanoma cohort (38 evaluable patients, median age 66 years): the objective response rate was 31,6 per "
        "cent, including five complete responses (13,2 per cent). Twelve patients responded in total. The disease "
        "control rate was 57,9 per cent.\n\n"
        "CSCC cohort: of the 14 evaluable patients, six responded (42,9 per cent).\n"
    )
    cohorts = cohorts_of(body)
    assert [(c["indication"], c["n"]) for c in cohorts] == [("melanoma", 38), ("squamous cell carcinoma", 14)]
    assert figures(cohorts[0]) == {"orr": (12, 31.6), "cr": (5, 13.2), "dcr": (None, 57.9)}
    assert cohorts[0]["median_age"] == 66
    assert figures(cohorts[1]) == {"orr": (6, 42.9)}


@pytest.mark.parametrize(
    ("count", "percent", "whole"),
    [(12, 31.6, True), (13, 31.6, False), (12, 32.0, True), (1, 31.6, False)],
)
def test_a_count_joins_a_rate_only_if_some_whole_number_of_patients_gives_it(
    count: int, percent: float, whole: bool
) -> None:
    from tilbrowse.extract.cohorts import _whole_size_for

    assert _whole_size_for(count, percent) is whole


def test_a_paragraph_led_by_a_cohort_named_by_what_it_is_not_a_disease() -> None:
    body = (
        "The phase 2 ZT-101 trial tested zorbacel in patients with advanced melanoma.\n\n"
        "Treatment-naive cohort (22 evaluable patients): the ORR was 45.5%.\n\n"
        "PD-1-refractory cohort (30 evaluable patients): the ORR was 30.0%.\n"
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert {k: (c["n"], figures(c)) for k, c in cohorts.items()} == {
        "Treatment-naive cohort": (22, {"orr": (None, 45.5)}),
        "PD-1-refractory cohort": (30, {"orr": (None, 30.0)}),
    }


def test_arms_named_in_apposition_and_another_trial_quoted_for_comparison() -> None:
    body = (
        "Vaccine plus pembrolizumab doubles responses\n\n"
        "Response rate 38% vs 22% with pembrolizumab alone in randomized phase 2 VERITAS-HN\n\n"
        "In VERITAS-HN (NCT06124479), 111 patients were randomly assigned 2:1 to the vaccine, ONV-16, plus "
        "pembrolizumab (n = 74) or to pembrolizumab alone (n = 37) as first-line therapy.\n\n"
        "Confirmed objective responses occurred in 38% and 22% of patients, respectively.\n\n"
        "A discussant noted that the control arm performed about as expected; in KEYNOTE-048, pembrolizumab "
        "monotherapy yielded a median OS of 14.9 months in patients with a CPS of 20 or more."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert {k: c["n"] for k, c in cohorts.items()} == {"ONV-16 plus pembrolizumab": 74, "Pembrolizumab alone": 37}
    assert figures(cohorts["Pembrolizumab alone"]) == {"orr": (None, 22.0)}
    quoted = [x for c in cohorts.values() for x in c["candidates"] if x["value"] == 14.9]
    assert quoted and "another trial KEYNOTE-048" in quoted[0]["reason"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Median OS came in at 18 mo.", {"median_os": (18.0, False)}),
        ("Median progression-free survival stood at 6.9 months.", {"median_pfs": (6.9, False)}),
        ("The ORR was 45%.\n\n* Median f/u 16.8 mo.", {"orr": (None, 45.0), "median_followup": (16.8, False)}),
        ("Twenty-one patients achieved CR or CRi; 17 of them were CR.", {"orr": (21, None), "cr": (17, None)}),
        ("Seven achieved remission.", {"orr": (7, None)}),
        (
            "With a median observation period of 9.6 months, median duration of remission has not been reached.",
            {"median_followup": (9.6, False), "median_dor": (None, True)},
        ),
    ],
)
def test_more_ways_of_stating_a_figure(sentence: str, expected: dict[str, tuple[object, object]]) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


def test_figures_of_arm_a_and_of_arm_b() -> None:
    body = (
        "Patients with NSCLC were randomized to sorelimab plus vantoplimab (arm A) or sorelimab alone (arm B).\n\n"
        "The ORR of arm A was 47.6% (30/63) versus 28.1% (18/64) of arm B (P=0.03)."
    )
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert {k: v.get("orr") for k, v in cohorts.items()} == {"Arm A": (30, 47.6), "Arm B": (18, 28.1)}


def test_a_figure_counted_out_of_another_populations_size_is_that_populations() -> None:
    body = (
        "XR-9 was tested at three dose levels in HPV16-positive cancers.\n\n"
        "Highlights\n"
        "* Confirmed objective responses in 7 of 18 evaluable patients (39%) across all dose levels\n"
        "* At dose level 3 (DL3), the planned Phase 2 dose, ORR was 67%\n"
        "* Disease control in 15 of 18 patients\n"
    )
    cohorts = cohorts_of(body)
    dl3 = next(c for c in cohorts if "3" in c["label"])
    assert dl3["n"] != 18, "15 of 18 is not counted out of the dose level"
    whole = next(c for c in cohorts if c["n"] == 18)
    assert whole["outcomes"].get("dcr", {}).get("count") == 15 or any(
        x["key"] == "dcr" and x["value"] == 15 for x in whole["candidates"]
    )


@pytest.mark.parametrize(
    "report",
    [
        "There was also a subgroup of interest: 11 patients who had relapsed after a prior CD19-directed CAR-T. "
        "In that group the response rate was 64%, with four complete responses.",
        "Eleven patients had relapsed after a prior CD19 CAR-T. Among them, the response rate was 64%, with four "
        "complete responses.",
    ],
)
def test_a_subgroup_named_in_one_sentence_and_reported_in_the_next(report: str) -> None:
    body = "The trial treated 72 patients with large B-cell lymphoma. The ORR was 83%.\n\n" + report
    whole, sub = cohorts_of(body)
    assert whole["n"] == 72 and figures(whole) == {"orr": (None, 83.0)}
    assert sub["label"].startswith("Patients who had relapsed after a prior CD19") and sub["n"] == 11
    assert figures(sub) == {"orr": (None, 64.0), "cr": (4, None)}


def test_a_product_ending_in_a_capital_letter_ends_its_sentence() -> None:
    from tilbrowse.extract.sentences import sentences_of

    body = "Eleven had relapsed after a prior CAR-T. In that group the ORR was 64%."
    assert [s.text for s in sentences_of(body, 0, len(body))] == [
        "Eleven had relapsed after a prior CAR-T.",
        "In that group the ORR was 64%.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The median follow-up was approximately 2.5 years (29.1 months).", {"median_followup": (29.1, False)}),
        ("Median duration of response was 40 weeks (9.2 months).", {"median_dor": (9.2, False)}),
    ],
)
def test_a_duration_restated_in_months_in_brackets_is_read_in_its_months(
    sentence: str, expected: dict[str, tuple[object, object]]
) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival was not significantly different between treatment arms (10.6 versus 11.3 months, "
        "respectively).",
        "Median OS was 10.6 months 95% CI 8.2-12.9 vs 11.3 months 95% CI 9.0-14.0.",
    ],
)
def test_both_arms_values_when_they_do_not_differ_or_carry_bare_intervals(sentence: str) -> None:
    body = "The phase 3 trial randomized 345 patients with NSCLC to zorbasib or docetaxel.\n\n" + sentence
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert cohorts == {"Zorbasib": {"median_os": (10.6, False)}, "Docetaxel": {"median_os": (11.3, False)}}


@pytest.mark.parametrize(
    "body",
    [
        "The phase 3 trial randomized 500 patients with gastric cancer to zolbetamab plus chemotherapy or placebo "
        "plus chemotherapy.\n\nMedian OS was 18.2 months versus 15.5 months with chemotherapy alone.",
        "Zolbetamab plus chemotherapy reduced the risk of death by 25% in the phase 3 trial of 500 patients with "
        "gastric cancer.\n\nMedian OS was 18.2 months versus 15.5 months with chemotherapy alone.",
        "In the randomized trial, zolbetamab plus chemotherapy achieved a median OS of 18.2 months vs 15.5 months "
        "for chemotherapy.",
    ],
)
def test_in_a_randomised_trial_the_value_set_against_with_chemotherapy_is_the_control_arms(body: str) -> None:
    values = sorted(figures(c)["median_os"][0] for c in cohorts_of(body) if "median_os" in c["outcomes"])
    assert values == [15.5, 18.2]


def test_a_single_arm_trial_set_against_chemotherapy_historically_states_no_chemotherapy_cohort() -> None:
    body = (
        "The single-arm trial of zorbacel in 40 patients with melanoma reported an ORR of 40%, compared with 10% "
        "historically with chemotherapy."
    )
    cohorts = cohorts_of(body)
    assert not any(c["outcomes"].get("orr", {}).get("percent") == 10.0 for c in cohorts)
    assert any(x["value"] == 10.0 for c in cohorts for x in c["candidates"])
    # the value before the comparison is this trial's own, stated
    (own,) = [c for c in cohorts if c["outcomes"]]
    assert figures(own) == {"orr": (None, 40.0)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The ORR was 40%, far better than the 10% typically seen with chemotherapy.",
        "The ORR was 40%, compared with 10% historically with chemotherapy.",
    ],
)
def test_a_single_arm_trials_own_value_before_what_it_is_set_against_is_stated(sentence: str) -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + sentence)
    assert figures(cohort) == {"orr": (None, 40.0)}
    assert [x["value"] for x in cohort["candidates"] if x["key"] == "orr"] == [10.0]


@pytest.mark.parametrize(
    ("sentence", "control"),
    [
        ("Median OS was 14.1 months, versus 11.2 months for patients on standard of care.", "Standard of care"),
        ("Median OS was 14.1 months, compared to 11.2 months among patients receiving docetaxel.", "Docetaxel"),
        ("Patients on zorbamab lived a median of 14.1 months, compared with 11.2 months on placebo.", "Placebo"),
        (
            "Patients who received zorbamab had a median OS of 14.1 months versus 11.2 months for patients who "
            "received chemotherapy.",
            "Chemotherapy",
        ),
        (
            "The median OS was 14.1 months for patients treated with zorbamab compared to 11.2 months for those "
            "treated with chemotherapy.",
            "Chemotherapy",
        ),
        (
            "Median OS was 14.1 months with zorbamab and 11.2 months with investigator's choice of chemotherapy.",
            "Investigator's choice of chemotherapy",
        ),
    ],
)
def test_the_control_arm_named_by_who_received_it(sentence: str, control: str) -> None:
    body = "Zorbamab reduced the risk of death by 30% (HR 0.70) in the phase 3 trial in NSCLC.\n\n" + sentence
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert cohorts[control] == {"median_os": (11.2, False)}
    assert {"median_os": (14.1, False)} in cohorts.values()


def test_a_subgroup_named_by_a_threshold_compared_arm_against_arm() -> None:
    body = (
        "The phase 3 trial randomized 600 patients to zorbamab or docetaxel. In patients with PD-L1 of 50% or "
        "more, median OS was 20.1 months vs 12.3 months."
    )
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert cohorts == {
        "Patients with PD-L1 of 50% or more, zorbamab": {"median_os": (20.1, False)},
        "Patients with PD-L1 of 50% or more, docetaxel": {"median_os": (12.3, False)},
    }


def test_a_count_spelled_in_the_teens_opens_its_sentence() -> None:
    (cohort,) = cohorts_of(_MELANOMA_40 + "Eighteen patients had a partial or complete response.")
    assert figures(cohort)["orr"] == (18, None) or any(
        x["key"] == "orr" and x["value"] == 18 for x in cohort["candidates"]
    )


def test_dose_levels_named_in_turn_leave_the_whole_study_to_what_follows() -> None:
    # Methods name the dose levels; results give the whole study's rate "overall", then one rate per
    # dose level, then more of the whole study's figures with no name.
    body = (
        "Patients received a single infusion of velnatecel at DL1 (1 x 10^9 cells), DL2 (3 x 10^9) or "
        "DL3 (6 x 10^9).\n\n"
        "Twenty-six patients were evaluable for response (DL1, 6; DL2, 8; DL3, 12). The ORR was 34.6% "
        "(9/26) overall, with one complete response at DL3. By dose level, ORR was 0% (0/6) at DL1, "
        "25.0% (2/8) at DL2 and 58.3% (7/12) at DL3. The disease control rate was 69.2% (18/26)."
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    whole = next(c for c in cohorts.values() if not c["label"].startswith("Dose Level"))
    assert figures(whole)["orr"] == (9, 34.6)
    assert figures(whole)["dcr"] == (18, 69.2)
    assert [figures(cohorts[f"Dose Level {i}"])["orr"] for i in (1, 2, 3)] == [(0, 0.0), (2, 25.0), (7, 58.3)]
    assert all("dcr" not in figures(cohorts[f"Dose Level {i}"]) for i in (1, 2, 3))
