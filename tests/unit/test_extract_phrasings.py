"""Per-phrasing tests: how trial news states each figure, and the distractors that are not figures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract, propose
from tilbrowse.extract.checks import check, derive
from tilbrowse.extract.cohorts import Builder
from tilbrowse.extract.figures import read_sentence
from tilbrowse.extract.model import Duration, Evidence, Rate
from tilbrowse.extract.pipeline import _merge_unsized_restatement
from tilbrowse.stats.exact import ci95_percent, clopper_pearson, fisher_exact

from ..work import calls_made
from .extract_helpers import decided_of, figures


def cohorts_of(body: str) -> list[dict[str, Any]]:
    article = Article(id="t", path="t.md", title="T", body=body)
    return [c.to_json() for c in propose(article).cohorts]


def stated(body: str) -> list[dict[str, tuple[Any, ...]]]:
    """Each cohort's outcomes as {key: (count, percent)} or {key: (months, not_reached)} (a cohort
    that only offers possible figures states none and is left out)."""
    out = []
    for cohort in cohorts_of(body):
        if not cohort["outcomes"] and cohort["n"] is None:
            continue
        figures = {}
        for key, value in cohort["outcomes"].items():
            if "percent" in value:
                figures[key] = (value["count"], value["percent"])
            else:
                figures[key] = (value["months"], value["not_reached"])
        out.append(figures)
    return out


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # ORR
        ("The ORR was 38% among the 66 treated patients.", "orr", (None, 38.0)),
        ("The trial showed an objective response rate of 36.4%.", "orr", (None, 36.4)),
        ("Forty-eight of 153 patients (31.4%) achieved an objective response.", "orr", (48, 31.4)),
        ("Confirmed ORR was 12/27 (44%).", "orr", (12, 44.0)),
        ("ORR: 36.4% (n=66)", "orr", (None, 36.4)),
        ("The overall response rate was 21.4 percent (95% CI, 8.3-41.0).", "orr", (None, 21.4)),
        ("In total, 31.4% of patients responded to the treatment.", "orr", (None, 31.4)),
        ("Five of the 12 patients had a confirmed response (41.7%).", "orr", (5, 41.7)),
        # CR
        ("There were two complete remissions (3%) in the cohort.", "cr", (2, 3.0)),
        ("Overall, 4.5% of patients experienced a complete response.", "cr", (None, 4.5)),
        ("The trial recorded 8 complete responses and 40 partial responses.", "cr", (8, None)),
        ("Best overall response: CR 2 (3%), PR 23 (35%), SD 28 (42%), PD 9 (14%).", "cr", (2, 3.0)),
        ("The CR rate was 20%.", "cr", (None, 20.0)),
        # PR
        ("The ORR was 38%, including 23 partial responses (35%).", "pr", (23, 35.0)),
        ("The trial recorded 8 complete responses and 40 partial responses.", "pr", (40, None)),
        ("Eight patients (5.2%) achieved a complete response and 40 (26.1%) a partial response.", "pr", (40, 26.1)),
        ("Best overall response: CR 2 (3%), PR 23 (35%), SD 28 (42%), PD 9 (14%).", "pr", (23, 35.0)),
        ("Three had complete responses and 12 had partial responses.", "pr", (12, None)),
        # SD
        ("In addition, 28 people (42%) had stable disease.", "sd", (28, 42.0)),
        ("Stable disease was the best response for 14 patients (50.0 percent).", "sd", (14, 50.0)),
        ("SD 11 (41%); PD 3 (11%).", "sd", (11, 41.0)),
        ("- Stable disease (SD) in 10 patients (40%)", "sd", (10, 40.0)),
        ("Eleven patients had stable disease as their best response.", "sd", (11, None)),
        # PD
        ("Meanwhile nine (14%) experienced cancer progression.", "pd", (9, 14.0)),
        ("SD 11 (41%); PD 3 (11%).", "pd", (3, 11.0)),
        ("And four patients (40%) progressed.", "pd", (4, 40.0)),
        ("Progressive disease as best response occurred in 22% of patients.", "pd", (None, 22.0)),
        ("Another five (13.9%) saw their cancer progress.", "pd", (5, 13.9)),
        # DCR
        ("The disease control rate of 80.3% was encouraging.", "dcr", (None, 80.3)),
        ("- Disease control rate (DCR): 77.8%", "dcr", (None, 77.8)),
        ("DCR was 85%.", "dcr", (None, 85.0)),
        ("Eight of the nine patients achieved disease control (89%).", "dcr", (8, 89.0)),
        ("A DCR of approximately 56% was reported.", "dcr", (None, 56.0)),
        # tumour reduction
        (
            "The researchers noted that 81% of patients saw some reduction in tumor burden.",
            "tumor_reduction",
            (None, 81.0),
        ),
        ("Tumor shrinkage in 78%.", "tumor_reduction", (None, 78.0)),
        ("Target lesions shrank to some degree in 79% of patients.", "tumor_reduction", (None, 79.0)),
        ("Any reduction in the target lesion sum occurred in 81% of pts.", "tumor_reduction", (None, 81.0)),
        ("Seven of nine (78%) saw their target tumors shrink.", "tumor_reduction", (7, 78.0)),
        # durations
        ("The median duration of response was not reached.", "median_dor", (None, True)),
        ("mDOR 11.6 mo (95% CI 4.6–NR).", "median_dor", (11.6, False)),
        ("Median DOR was NR.", "median_dor", (None, True)),
        (
            "The median duration of response had not been reached after a median follow-up of 10.3 months.",
            "median_dor",
            (None, True),
        ),
        ("The median DOR was 36.5 months.", "median_dor", (36.5, False)),
        ("Median PFS was 7.2 months.", "median_pfs", (7.2, False)),
        ("mPFS 4.4 mo; mOS 13.9 mo.", "median_pfs", (4.4, False)),
        ("Median progression-free survival reached 5.6 months.", "median_pfs", (5.6, False)),
        ("mPFS 4.4 mo; mOS 13.9 mo.", "median_os", (13.9, False)),
        ("The median overall survival was 13.9 months (95% CI 10.2–17.1).", "median_os", (13.9, False)),
        ("Median OS was not reached.", "median_os", (None, True)),
        ("The median time to response was about two months.", "median_ttr", (2.0, False)),
        ("Median TTR 6 wks.", "median_ttr", (1.4, False)),
        ("Responses came after a median of 1.5 months.", "median_ttr", (1.5, False)),
        ("The median time to response was 42 days.", "median_ttr", (1.4, False)),
        ("After 8.8 months of follow-up, the median DOR was not reached.", "median_followup", (8.8, False)),
        ("At a median follow-up of 28.1 months, the median DOR was not reached.", "median_followup", (28.1, False)),
        ("With a median follow-up of 2.1 years, the trial continues.", "median_followup", (25.2, False)),
        ("Median follow-up was 34 weeks.", "median_followup", (7.8, False)),
    ],
)
def test_phrasing(text: str, key: str, expected: tuple[Any, Any]) -> None:
    found = stated(text)
    assert found, f"no cohort from: {text}"
    assert found[0].get(key) == expected, found


@pytest.mark.parametrize(
    "text",
    [
        "In this cohort, 60% were men and 44% had melanoma that had spread to their liver or brain.",
        "Over two thirds of responders (68%) were still responding at the time of the analysis.",
        "The duration of response of current second-line treatments is in the range of three to five months.",
        "The 12-month OS rate was 80% and the 5-year survival rate was 19.7%.",
        "The hazard ratio for progression or death was 0.50 (95% CI, 0.35 to 0.72; P<0.001).",
        "The company plans to enroll approximately 670 patients and has $420.3 million in cash.",
        "Iovance cut 17% of its workforce and its shares fell 44%.",
        "Patients received up to six doses of IL-2 and a median of 21.1 x 10^9 cells.",
        "Grade 3 or higher adverse events occurred in 97% of patients.",
        "Second-line chemotherapy yields ORR <10% and mPFS of 3–5 months.",
        "Standard third-line therapies produce responses in fewer than 5% of patients, and median survival is around five months.",
        "82% had previously received anti-PD-1 therapy and 15% had used checkpoint inhibitors.",
        "The manufacturing process generally takes 22 days.",
        "Nearly one in three patients responded, and many responses lasted for years.",
    ],
)
def test_distractors_are_not_outcomes(text: str) -> None:
    assert stated(text) == [], stated(text)


def test_parallel_arms_become_cohorts() -> None:
    body = (
        "The ORR was 48.8% in the TIL arm and 21.4% in the ipilimumab arm. "
        "CR rates in the TIL and ipilimumab arms were 20.2% and 7.1%, respectively. "
        "Median PFS was 7.2 vs 3.1 months."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["TIL arm", "Ipilimumab arm"]
    til, ipi = stated(body)
    assert til == {"orr": (None, 48.8), "cr": (None, 20.2), "median_pfs": (7.2, False)}
    assert ipi == {"orr": (None, 21.4), "cr": (None, 7.1), "median_pfs": (3.1, False)}


def test_arm_named_between_a_count_and_its_verb() -> None:
    # The value first, then the arm, then the metric with its own verb; the other arm in parallel.
    body = (
        "The randomised phase 3 trial compared ardelucel with investigator's choice of therapy in 172 "
        "patients. Thirty-nine of 86 patients (45%) on ardelucel had an objective response, against 15 "
        "of 86 (17%) on investigator's choice. The complete response rate was 12% in the ardelucel arm "
        "and 4% in the control arm."
    )
    assert [(c["label"], c["n"]) for c in cohorts_of(body)] == [("Ardelucel", 86), ("Investigator's choice", 86)]
    # the control arm named again by its role is the same cohort, not a third one
    assert stated(body) == [{"orr": (39, 45.0), "cr": (None, 12.0)}, {"orr": (15, 17.0), "cr": (None, 4.0)}]


def test_arm_keeps_its_bracketed_name() -> None:
    body = (
        "Results came from the phase 3 VELA-3 study of Corvexa (tenlimab-rvz) versus standard chemotherapy "
        "in 540 patients with metastatic urothelial cancer. Median OS was 15.1 months vs. 11.9 months."
    )
    labels = [c["label"] for c in cohorts_of(body)]
    assert labels == ["Corvexa (tenlimab-rvz)", "Standard chemotherapy"]


def test_arms_named_by_drugs_then_by_ids_are_two_cohorts() -> None:
    # A title names the arms by their drugs; the methods call them arm A and arm B, with doses.
    body = (
        "Dravolimab plus ketrelimab versus dravolimab alone in untreated advanced gastric cancer: a "
        "randomized phase II study\n\n"
        "Methods: Patients were randomized 1:1 to receive dravolimab 240 mg plus ketrelimab 400 mg Q3W "
        "(arm A) or dravolimab 240 mg Q3W (arm B).\n\n"
        "Results: The ORR of arm A was 41.0% (25/61) versus 22.6% (14/62) of arm B. "
        "mPFS was 8.1 mo vs 4.9 mo."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [("Dravolimab plus ketrelimab", 61), ("Dravolimab alone", 62)]
    assert stated(body) == [
        {"orr": (25, 41.0), "median_pfs": (8.1, False)},
        {"orr": (14, 22.6), "median_pfs": (4.9, False)},
    ]


def test_not_reach_as_written_in_a_terse_abstract() -> None:
    body = (
        "Patients were randomized to receive dravolimab plus ketrelimab (arm A) or dravolimab (arm B). "
        "The ORR of arm A was 41.0% (25/61) versus 22.6% (14/62) of arm B. mOS not reach in arm A and "
        "19.8 mo in arm B."
    )
    assert [o["median_os"] for o in stated(body)] == [(None, True), (19.8, False)]


@pytest.mark.parametrize(
    "text",
    [
        "In the trial of dravolimab, median OS did not reach statistical significance.",
        "In the trial of dravolimab, the OS analysis has not reached the prespecified boundary.",
    ],
)
def test_not_reaching_significance_is_no_value(text: str) -> None:
    assert all("median_os" not in c["outcomes"] for c in cohorts_of(text))
    assert all(x["key"] != "median_os" for c in cohorts_of(text) for x in c["candidates"])


@pytest.mark.parametrize(
    ("sentence", "label", "sizes"),
    [
        ("In subgroup of TPS >=80% (n=24 and n=20), ORR was 58.3% and 30.0%, respectively.", "TPS >=80%", [24, 20]),
        (
            "In patients with liver metastases, the ORR was 58.3% versus 30.0%.",
            "Patients with liver metastases",
            [None, None],
        ),
    ],
)
def test_a_subgroup_compared_arm_against_arm(sentence: str, label: str, sizes: list[int | None]) -> None:
    body = (
        "Patients were randomized to receive dravolimab plus ketrelimab (arm A) or dravolimab (arm B). "
        "The ORR of arm A was 41.0% (25/61) versus 22.6% (14/62) of arm B. " + sentence
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [
        ("Arm A", 61),
        ("Arm B", 62),
        (f"{label}, Arm A", sizes[0]),
        (f"{label}, Arm B", sizes[1]),
    ]
    assert [c["outcomes"]["orr"]["percent"] for c in cohorts] == [41.0, 22.6, 58.3, 30.0]


def test_to_one_value_from_another_gives_each_arm_its_own() -> None:
    body = (
        "The trial randomized 412 patients: 206 to sorvantamig and 206 to the investigator's choice of "
        "topotecan or lurbinectedin. Sorvantamig improved median overall survival to 12.4 months from 8.1 "
        "months with chemotherapy. The bispecific also extended median progression-free survival to 4.6 "
        "months from 3.2 months."
    )
    assert [(c["label"], c["n"]) for c in cohorts_of(body)] == [("Sorvantamig", 206), ("Investigator's choice", 206)]
    assert stated(body) == [
        {"median_os": (12.4, False), "median_pfs": (4.6, False)},
        {"median_os": (8.1, False), "median_pfs": (3.2, False)},
    ]


def test_a_value_after_a_dose_levels_name_is_no_part_of_it() -> None:
    # "DL2 and 58.3%" is no list of dose levels 2 and 58
    body = "The phase 1 trial of velnatecel enrolled 26 patients. ORR was 10% at DL1, 25.0% at DL2 and 58.3% at DL3."
    assert [c["outcomes"]["orr"]["percent"] for c in cohorts_of(body) if c["outcomes"]] == [10.0, 25.0, 58.3]


def test_three_arms_named_by_ids_in_a_randomisation_count() -> None:
    body = (
        "In this randomised phase 2 trial, 150 patients were randomised (60 to arm A, 60 to arm B, 30 to arm C). "
        "The ORR was 40.0% (24/60) in arm A, 25.0% (15/60) in arm B and 10.0% (3/30) in arm C. "
        "CR was achieved in 6 (10.0%), 3 (5.0%) and 1 (3.3%) patients, respectively."
    )
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Arm A", "Arm B", "Arm C"]
    assert [figures(c)["cr"] for c in cohorts] == [(6, 10.0), (3, 5.0), (1, 3.3)]


def test_ages_in_two_cohorts_are_no_sizes() -> None:
    body = (
        "In the first cohort, 20 of 30 evaluable patients responded (66.7%). The median age was 66 in the "
        "BTK-only cohort and 64 in the double-exposed cohort. Median PFS was 26.8 months in the BTK-only "
        "cohort and 15.9 months in the double-exposed cohort."
    )
    assert all(c["n"] not in (66, 64) for c in cohorts_of(body))
    assert all(x["value"] not in (66, 64) for c in cohorts_of(body) for x in c["candidates"] if x["key"] == "n")


@pytest.mark.parametrize("versus", ["v", "v.", "vs", "versus"])
def test_two_arms_values_set_against_with_v(versus: str) -> None:
    body = (
        "In the randomized phase 3 trial, 300 patients were assigned to zorbamab (n = 150) or docetaxel "
        f"(n = 150). Zorbamab significantly improved PFS (5.6 {versus} 3.4 months; HR, 0.66)."
    )
    assert stated(body) == [{"median_pfs": (5.6, False)}, {"median_pfs": (3.4, False)}]


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS: zorbamab 5.6 months, docetaxel 3.4 months.",
        "Median PFS was 5.6 months for zorbamab-treated patients and 3.4 months for docetaxel-treated patients.",
    ],
)
def test_each_arm_named_by_its_drug_beside_its_value(sentence: str) -> None:
    body = "In the randomized phase 3 trial, 300 patients were assigned to zorbamab (n = 150) or docetaxel (n = 150). "
    assert stated(body + sentence) == [{"median_pfs": (5.6, False)}, {"median_pfs": (3.4, False)}]


def test_an_arm_named_by_the_last_word_of_its_name() -> None:
    body = (
        "The randomized phase 3 trial enrolled 509 patients with small cell lung cancer. Patients were assigned to "
        "the bispecific T-cell engager (n = 254) or to standard chemotherapy (n = 255). Median overall survival was "
        "13.6 months with the engager compared with 8.3 months with chemotherapy (HR 0.60)."
    )
    by_label = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert by_label == {
        "Bispecific T-cell engager": (254, {"median_os": (13.6, False)}),
        "Standard chemotherapy": (255, {"median_os": (8.3, False)}),
    }


def test_a_last_word_two_arms_share_names_neither() -> None:
    sentence = "Median OS was 13.6 months with the engager versus 8.3 months with chemotherapy."
    one = read_sentence(sentence, ("bispecific T-cell engager", "chemotherapy"), randomised=True)
    assert [h.label for h in one.hits] == ["bispecific T-cell engager", "chemotherapy"]
    two = read_sentence(sentence, ("bispecific T-cell engager", "trispecific T-cell engager"), randomised=True)
    assert "bispecific T-cell engager" not in [h.label for h in two.hits]


def test_arms_with_doses_and_subgroups_with_each_arms_size() -> None:
    body = (
        "A total of 420 patients were randomized 1:1 to Velmora 8 mg/kg every three weeks (n=211) or docetaxel "
        "75 mg/m² every three weeks (n=209). Median PFS was 6.1 months with Velmora versus 3.9 months with "
        "docetaxel. In patients with non-squamous histology (n=150 Velmora; n=148 docetaxel), median PFS was "
        "6.8 months versus 4.0 months. In the squamous subgroup (n=61 and n=61), median PFS was 5.0 months "
        "with Velmora compared with 3.5 months with docetaxel."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts][:2] == [("Velmora", 211), ("Docetaxel", 209)]
    assert [(c["n"], figures(c)["median_pfs"]) for c in cohorts[2:]] == [
        (150, (6.8, False)),
        (148, (4.0, False)),
        (61, (5.0, False)),
        (61, (3.5, False)),
    ]


def test_a_cohort_named_as_a_sentences_subject_is_what_follows() -> None:
    body = (
        "The basket trial of nirvaleucel treated patients in three cohorts. In melanoma, the ORR was 45% (9/20). "
        "In cervical cancer, the ORR was 44% (8/18). The head and neck cohort was the smallest. Its median PFS "
        "was 3.9 months."
    )
    cohorts = cohorts_of(body)
    held = [
        c["label"]
        for c in cohorts
        for x in [*c["candidates"], *c["outcomes"]]
        if x == "median_pfs" or (isinstance(x, dict) and x["key"] == "median_pfs")
    ]
    assert held == ["Head and neck cohort"]


def test_dose_and_schedule_bullets_are_cohorts_and_or_better_is_cr() -> None:
    body = (
        "The phase 1/2 study of velotamab enrolled patients with myeloma.\n\n"
        "- At 0.4 mg/kg weekly (n = 30), the ORR was 70.0% (21/30), with 40.0% (12/30) achieving a complete "
        "response or better.\n"
        "- At 0.8 mg/kg every two weeks (n = 34), ORR was 79.4% (27/34) and 44.1% (15/34) reached >=CR.\n"
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [("0.4 mg/kg weekly", 30), ("0.8 mg/kg every two weeks", 34)]
    assert [(figures(c)["orr"], figures(c)["cr"]) for c in cohorts] == [
        ((21, 70.0), (12, 40.0)),
        ((27, 79.4), (15, 44.1)),
    ]


def test_the_whole_study_keeps_the_size_its_parts_add_up_to() -> None:
    body = (
        "CERVA is a two-cohort phase II study. Cohort A enrolled patients without prior anti-PD-1 therapy. "
        "At data cutoff, 40 patients had been infused and 35 were evaluable (cohort A, n = 15; cohort B, n = 20). "
        "Median age was 48 years in cohort A and 52 years in cohort B. Across both cohorts, ORR was 40.0% (n = 14). "
        "In cohort A, ORR was 53.3% (n = 8). The median DOR in this cohort was not reached. "
        "In cohort B, ORR was 30.0% (n = 6)."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [("All patients", 35), ("Cohort A", 15), ("Cohort B", 20)]
    assert figures(cohorts[0])["orr"] == (14, 40.0)


def test_three_arms_one_named_in_five_words() -> None:
    body = (
        "Patients were randomized (2:2:1) to receive velotinib in combination with zarivamab, osimertinib "
        "monotherapy, or velotinib monotherapy. Median PFS was 23.1, 16.2 and 17.9 months, respectively."
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["outcomes"]["median_pfs"]["months"]) for c in cohorts] == [
        ("Velotinib in combination with zarivamab", 23.1),
        ("Osimertinib monotherapy", 16.2),
        ("Velotinib monotherapy", 17.9),
    ]


def test_values_between_the_arms_in_the_arms_order() -> None:
    body = (
        "In the randomized phase 3 trial, 300 patients were assigned to zorbamab (n = 150) or docetaxel (n = 150). "
        "Overall survival (OS; a secondary endpoint) did not differ between treatment arms (12.2 versus 11.8 months, "
        "respectively; HR, 0.97)."
    )
    assert stated(body) == [{"median_os": (12.2, False)}, {"median_os": (11.8, False)}]


def test_a_counted_rate_across_tumour_types_is_the_whole_populations() -> None:
    body = (
        "Forty patients were evaluable for response. The ORR across tumour types was 35.0% (14/40).\n\n"
        "Synovial sarcoma (n=15): ORR 53.3% (8/15)\nOvarian carcinoma (n=10): ORR 30.0% (3/10)\n"
    )
    cohorts = cohorts_of(body)
    assert (cohorts[0]["label"], cohorts[0]["n"], figures(cohorts[0])["orr"]) == ("All patients", 40, (14, 35.0))


def test_a_doublet_named_by_its_first_drug_and_a_pair_before_its_metric() -> None:
    body = (
        "The trial randomized 400 adults to selvatamab plus daratumumab (n = 200) or DPd (n = 200). "
        "The overall response rate was 90.0% with the selvatamab doublet and 70.5% with DPd, and 55.0% versus "
        "21.0% of patients reached a complete response or better."
    )
    assert stated(body) == [
        {"orr": (None, 90.0), "cr": (None, 55.0)},
        {"orr": (None, 70.5), "cr": (None, 21.0)},
    ]


def _all_figures(body: str) -> list[tuple[str, int | None, dict[str, tuple[Any, Any]]]]:
    return [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)]


def test_a_cohorts_value_said_overall_stays_the_cohorts() -> None:
    body = (
        "The phase 2 trial of lumacitamab enrolled 80 patients with melanoma or sarcoma. In the melanoma cohort "
        "(n = 50), the ORR was 36% overall and the median PFS was 5.5 months overall. In the sarcoma cohort "
        "(n = 30), the ORR was 10%."
    )
    assert _all_figures(body) == [
        ("Melanoma cohort", 50, {"orr": (None, 36.0), "median_pfs": (5.5, False)}),
        ("Sarcoma cohort", 30, {"orr": (None, 10.0)}),
    ]


def test_a_rate_pooled_across_other_trials_is_no_cohort_of_this_one() -> None:
    body = (
        "The phase 2 FOO-1 trial enrolled 50 patients with ovarian cancer who received korvalimab. The ORR was "
        "40% (20/50). Across three earlier trials of korvalimab in other tumour types, the ORR was 31% (62/200)."
    )
    assert _all_figures(body) == [("Ovarian cancer", 50, {"orr": (20, 40.0)})]


def test_to_and_from_in_a_single_arm_trial_is_no_second_arm() -> None:
    body = (
        "The single-arm phase 2 trial of velorafenib enrolled 48 patients with thyroid cancer. The ORR was 42% "
        "(20/48). With longer follow-up, the updated analysis extended median duration of response to 14.2 "
        "months from 11.0 months at the prior data cut."
    )
    assert [label for label, _n, _f in _all_figures(body)] == ["Thyroid cancer"]


def test_the_regimen_of_a_shared_backbone_names_no_arm() -> None:
    body = (
        "In the randomized phase 3 ZEN-6 trial, 300 patients with NSCLC were assigned to docetaxel plus zorbamab "
        "or docetaxel alone. Median PFS was 4.1 months with the docetaxel regimen versus 7.9 months with "
        "zorbamab added."
    )
    assert ("Docetaxel plus zorbamab", None, {"median_pfs": (4.1, False)}) not in _all_figures(body)


def test_an_arm_of_chemotherapy_is_not_the_control_by_its_name() -> None:
    body = (
        "In the randomized phase 3 ADJ-7 trial, 300 patients with resected gastric cancer were randomized to "
        "chemotherapy (n=150) or observation (n=150). The control arm had a median overall survival of 38.0 months."
    )
    assert all(label != "Chemotherapy" for label, _n, f in _all_figures(body) if "median_os" in f)


def test_a_pair_said_of_one_arm_is_not_the_two_arms() -> None:
    body = (
        "In the randomized phase 3 ZEN-5 trial, 300 patients with NSCLC were assigned to zorbamab or docetaxel. "
        "The ORR was 30% with zorbamab and 12% with docetaxel. With zorbamab, 8% versus 5% of patients achieved a "
        "complete response at the first and second assessments."
    )
    assert all("cr" not in f for _label, _n, f in _all_figures(body))


def test_counts_of_events_in_brackets_are_no_cohort_sizes() -> None:
    body = (
        "The phase 1 study enrolled patients in two cohorts. Grade 3 events (cohort A: 7; cohort B: 4) were "
        "manageable. In cohort A, the ORR was 40%. In cohort B, the ORR was 25%."
    )
    assert [n for _label, n, _f in _all_figures(body)] == [None, None]


def test_headline_across_cohorts_is_not_a_cohort() -> None:
    body = (
        "TIL therapy led to complete or partial tumor shrinkage in about 40% of people with melanoma or cervical "
        "cancer.\n\n## Melanoma\n\nThe ORR was 38% in 66 patients with melanoma.\n\n## Cervical cancer\n\n"
        "The ORR was 44% in 27 women with cervical cancer."
    )
    assert stated(body) == [{"orr": (None, 38.0)}, {"orr": (None, 44.0)}]


def test_subgroups_are_separate_cohorts() -> None:
    body = "ORR was 39% overall (20/52), 41% in SS (18/44) and 25% in MRCLS (2/8)."
    assert stated(body) == [{"orr": (20, 39.0)}, {"orr": (18, 41.0)}, {"orr": (2, 25.0)}]


def test_cohort_labels_in_one_sentence() -> None:
    body = "By dose level: DL1 (n=3): SD 3 (100%); DL2 (n=6): ORR 17% (1/6); DL3 (n=6): ORR 50% (3/6)."
    cohorts = cohorts_of(body)
    assert [c["label"] for c in cohorts] == ["Dose Level 1", "Dose Level 2", "Dose Level 3"]
    assert [c["n"] for c in cohorts] == [3, 6, 6]


# Derived values and checks -------------------------------------------------------------------------

EV = Evidence("x", 0, 1)


def test_clopper_pearson_matches_published_values() -> None:
    assert ci95_percent(48, 153) == (24.1, 39.4)
    assert ci95_percent(25, 66) == (26.2, 50.7)
    assert ci95_percent(12, 27) == (25.5, 64.7)
    assert ci95_percent(0, 10) == (0.0, 30.8)
    assert ci95_percent(10, 10) == (69.2, 100.0)
    with pytest.raises(ValueError):
        clopper_pearson(5, 3)


def test_fisher_exact_matches_published_values() -> None:
    # R: fisher.test(matrix(c(8, 1, 2, 5), 2)) -> p = 0.03497
    assert round(fisher_exact(8, 2, 1, 5).p_value, 5) == 0.03497
    # The lady tasting tea: [[3, 1], [1, 3]] -> p = 0.4857
    assert round(fisher_exact(3, 1, 1, 3).p_value, 4) == 0.4857
    assert fisher_exact(3, 1, 1, 3).odds_ratio == 9.0


def test_derived_orr_from_cr_plus_pr_is_derived_not_stated() -> None:
    outcomes = {"cr": Rate(2, 3.0, EV), "pr": Rate(23, 35.0, EV), "orr": Rate(None, 38.0, EV)}
    derived = derive(outcomes, 66)
    assert derived["orr"].count == 25 and derived["orr"].ci95 == (26.2, 50.7)
    assert "CR + PR" in derived["orr"].basis
    assert outcomes["orr"].count is None


def test_derived_percent_from_count_and_n() -> None:
    derived = derive({"sd": Rate(14, None, EV)}, 28)
    assert derived["sd"].percent == 50.0


def test_checks_flag_inconsistencies() -> None:
    outcomes = {
        "cr": Rate(2, 3.0, EV),
        "pr": Rate(23, 40.0, EV),
        "orr": Rate(30, 38.0, EV),
        "sd": Rate(80, 121.0, EV),
        "pd": Rate(9, 14.0, EV),
    }
    messages = {c.message: c.level for c in check(outcomes, 66)}
    assert messages["PR 23/66 = 34.8% but the text states 40%"] == "warning"
    assert messages["CR + PR = 2 + 23 = 25 does not match the ORR count 30"] == "warning"
    assert messages["SD 121% is not a percentage between 0 and 100"] == "warning"
    assert messages["SD count 80 is larger than n = 66"] == "warning"
    assert messages["CR 2/66 = 3.0% matches the stated 3%"] == "ok"


def test_checks_ok_remainder_is_not_evaluable() -> None:
    outcomes = {"orr": Rate(None, 38.0, EV), "sd": Rate(None, 42.0, EV), "pd": Rate(None, 14.0, EV)}
    assert [c.message for c in check(outcomes, None)] == ["ORR + SD + PD = 94%; not evaluable: 6%"]


def test_weeks_keep_the_stated_unit() -> None:
    article = Article(id="t", path="t.md", title="T", body="Median TTR was 6 weeks.")
    (cohort,) = propose(article).cohorts
    ttr = cohort.outcomes["median_ttr"]
    assert isinstance(ttr, Duration) and ttr.months == 1.4 and ttr.value == 6 and ttr.unit == "weeks"


# Robustness -------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=1500),
        st.lists(
            st.sampled_from(
                [
                    "ORR",
                    "was",
                    "38%",
                    "(95% CI",
                    "24.1-39.4)",
                    "23",
                    "partial responses",
                    "(35%)",
                    "median",
                    "DOR",
                    "not reached",
                    "of",
                    "patients",
                    "vs",
                    "respectively",
                    ",",
                    ";",
                    "Cohort 2",
                    "n=66",
                    "months",
                    "two",
                    "had",
                    "stable disease",
                    "in the",
                    "arm",
                    "and",
                    ".",
                    "\n\n## Melanoma\n\n",
                    "complete",
                ]
            ),
            max_size=120,
        ).map(" ".join),
    )
)
def test_arbitrary_text_never_raises_and_evidence_contains_the_figure(body: str) -> None:
    article = Article(id="f", path="f.md", title="F", body=body)
    # Work in calls, not seconds (the machine may be busy): bounded by the text's length.
    assert calls_made(lambda: extract(article)) <= 50_000 + 300 * len(body)  # several times the most seen
    extraction = extract(article)
    for cohort in extraction.cohorts:
        for outcome in cohort.outcomes.values():
            ev = outcome.evidence
            assert body[ev.start : ev.end] == ev.text
            span = body[ev.match_start : ev.match_end]
            assert ev.start <= ev.match_start <= ev.match_end <= ev.end
            assert (
                any(ch.isdigit() for ch in span)
                or "reach" in span.lower()
                or "NR" in span
                or any(
                    w in span.lower()
                    for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
                )
            )


def test_pipe_table_rows_are_metrics_columns_are_cohorts() -> None:
    body = (
        "Metric | TIL + pembro (n=23) | TIL mono (n=12)\n"
        "ORR | 60.9% (14/23) | 33.3% (4/12)\n"
        "mPFS | NR | 5.3 mo\n"
        "Gr 3+ TRAE | 96% | 100%"
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [("TIL + pembro", 23), ("TIL mono", 12)]
    assert stated(body) == [
        {"orr": (14, 60.9), "median_pfs": (None, True)},
        {"orr": (4, 33.3), "median_pfs": (5.3, False)},
    ]
    ev = cohorts[0]["outcomes"]["orr"]["evidence"]
    assert body[ev["start"] : ev["end"]] == ev["text"] and body[ev["match"][0] : ev["match"][1]] == "60.9% (14/23)"


def test_a_table_with_infused_and_evaluable_columns_takes_the_evaluable_as_n() -> None:
    body = (
        "The basket trial of calvatecel reported by cohort.\n\n"
        "| Cohort | Infused | Evaluable | ORR, n (%) | CR |\n|---|---|---|---|---|\n"
        "| Melanoma | 30 | 28 | 12 (42.9) | 3 |\n| Cervical | 16 | 15 | 6 (40.0) | 1 |\n"
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"], figures(c)["orr"]) for c in cohorts] == [
        ("Melanoma", 28, (12, 42.9)),
        ("Cervical", 15, (6, 40.0)),
    ]


def test_pipe_table_rows_are_cohorts() -> None:
    body = "Dose level | n | ORR | DCR\nDL1 | 4 | — | 50.0% (2/4)\nDL2 | 13 | 38.5% (5/13) | 84.6%"
    assert stated(body) == [{"dcr": (2, 50.0)}, {"orr": (5, 38.5), "dcr": (None, 84.6)}]
    assert [c["n"] for c in cohorts_of(body)] == [4, 13]


def test_comparator_tables_are_not_figures() -> None:
    body = "Comparator | ORR | mPFS\nPembrolizumab (KEYNOTE-006) | ~33% | ~8.4 mo\nNivolumab + ipilimumab | ~58% | ~11.5 mo"
    assert stated(body) == []


@pytest.mark.parametrize(
    ("high", "low", "later"),
    [
        ("high-dose group", "low-dose group", "in the high-dose group and 3.7 months in the low-dose group"),
        ("10-mg group", "30-mg group", "at 10 mg and 3.7 months at 30 mg"),
    ],
)
def test_a_group_named_at_the_head_of_a_sentence_is_its_cohort(high: str, low: str, later: str) -> None:
    body = (
        "The phase 2 trial treated 102 patients at two doses.\n\n"
        f"In the {high}, the ORR was 35.9% (23/64) and the DCR was 65.6%. In the {low}, the ORR was 28.9% "
        "(11/38), and the DCR was 55.3%.\n\n"
        f"Median PFS was 4.4 months {later}."
    )
    by_label = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert by_label == {
        high[:1].upper() + high[1:]: (64, {"orr": (23, 35.9), "dcr": (None, 65.6), "median_pfs": (4.4, False)}),
        low[:1].upper() + low[1:]: (38, {"orr": (11, 28.9), "dcr": (None, 55.3), "median_pfs": (3.7, False)}),
    }


def test_a_cohort_called_a_group_later_is_the_same_cohort() -> None:
    body = (
        "In the BTK-only cohort, 24 of 34 evaluable patients responded (70.6%). In the double-exposed cohort, "
        "27 of 46 evaluable patients responded (58.7%).\n\n"
        "In the BTK-only group, the median duration of response was 14.0 months."
    )
    labels = [c["label"] for c in cohorts_of(body)]
    assert labels == ["BTK-only cohort", "Double-exposed cohort"]
    assert figures(cohorts_of(body)[0])["median_dor"] == (14.0, False)


@pytest.mark.parametrize(
    "cue",
    ["An academic phase 3 run by a cancer institute", "A trial published in 2022 at another center"],
)
def test_another_studys_figures_are_possible_though_they_name_this_trials_arms(cue: str) -> None:
    body = (
        "The randomized phase 3 trial assigned 169 patients to zorbacel (n = 86) or ipilimumab (n = 83). "
        "The ORR was 44% with zorbacel and 14% with ipilimumab.\n\n"
        f"{cue} reported a median PFS of 7.2 months for zorbacel versus 3.1 months for ipilimumab."
    )
    assert all("median_pfs" not in c["outcomes"] for c in cohorts_of(body))


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        (
            "Median OS was 6.0, 10.3, and 9.1 months at DL1, DL2, and DL3, respectively.",
            ["Dose Level 1", "Dose Level 2", "Dose Level 3"],
        ),
        (
            "Median OS was 6.0, 10.3 and 9.1 months for the low, middle and high dose groups, respectively.",
            ["low dose group", "middle dose group", "high dose group"],
        ),
    ],
)
def test_values_respectively_of_ids_or_doses_named_in_full(sentence: str, labels: list[str]) -> None:
    facts = read_sentence(sentence)
    assert [(h.label, h.group.months) for h in facts.hits] == list(zip(labels, [6.0, 10.3, 9.1], strict=True))


def test_figures_of_the_few_options_patients_have_are_not_this_trials() -> None:
    body = (
        "Patients whose cancer progresses after two lines have few options; third-line trifluridine-tipiracil "
        "yields response rates below 5% and median overall survival of about 5 months.\n\n"
        "In this trial of 30 patients, the ORR was 40% and median OS was 9.1 months."
    )
    assert [figures(c).get("median_os") for c in cohorts_of(body)] == [(9.1, False)]


def test_highlights_that_restate_the_study_before_it_is_sized_are_the_study() -> None:
    """The highlights' figures are the later sized cohort's when two of them are the same numbers; a
    subgroup that agrees only by leaving figures out (a count where the study gives a percent) is not."""
    ev = Evidence("x", 0, 1, 0, 1)
    highlights = Builder(0, first_figure=10)
    highlights.outcomes = {
        "orr": Rate(None, 87.2, ev),
        "median_pfs": Duration(19.6, False, ev),
        "median_followup": Duration(16.3, False, ev),
    }
    subgroup = Builder(1, n=21, first_figure=20)
    subgroup.outcomes = {"orr": Rate(15, None, ev), "median_followup": Duration(16.3, False, ev)}
    study = Builder(2, n=94, first_figure=30)
    study.outcomes = {"orr": Rate(82, 87.2, ev), "median_pfs": Duration(19.6, False, ev)}
    live = [highlights, subgroup, study]
    _merge_unsized_restatement(live, set())
    assert live == [subgroup, study]
    assert study.outcomes["median_followup"] == Duration(16.3, False, ev)


def test_subgroups_led_by_their_size_and_what_sets_them_apart() -> None:
    body = (
        "The ORR was 87.2% (82/94) among 94 evaluable patients with multiple myeloma.\n\n"
        "Of the 21 patients with extramedullary disease at baseline, 15 responded (71.4%). "
        "In the 56 BCMA-naive patients, the ORR was 92.9%."
    )
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body)}
    assert got["Patients with extramedullary disease at baseline"] == (21, {"orr": (15, 71.4)})
    assert got["BCMA-naive patients"][1] == {"orr": (None, 92.9)}


def test_who_could_be_evaluated_is_the_population_not_a_part_of_it() -> None:
    body = "The trial treated 21 patients. Of the 20 patients who could be evaluated, seven (35%) had a response."
    (cohort,) = cohorts_of(body)
    assert figures(cohort) == {"orr": (7, 35.0)} and not cohort["label"].startswith("Patients who")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The proportion who achieved complete response or better (≥CR, including sCR and CR) reached 81.6% (31/38).",
            [("cr", 31, 81.6)],
        ),
        (
            "Of 60 patients, the ORR was 63.3%, including a complete response (CR) or better in 23.3%.",
            [("orr", None, 63.3), ("cr", None, 23.3)],
        ),
        ("Of 94 patients, 56 (59.6%) achieved a stringent complete response or complete response.", [("cr", 56, 59.6)]),
        (
            "The median duration of response (mDOR) and median progression-free survival (mPFS) were both not reached.",
            [("median_dor", None, True), ("median_pfs", None, True)],
        ),
        ("Median radiographic progression-free survival (rPFS, PCWG3) was 7.4 months.", [("median_pfs", 7.4, False)]),
        ("The median follow-up period was 9.8 months for total patients.", [("median_followup", 9.8, False)]),
        ("Median follow-up across the expansion cohorts was 13.2 months.", [("median_followup", 13.2, False)]),
        ("The ORR among the five patients with RECIST-measurable disease was 40% (2/5).", [("orr", 2, 40.0)]),
    ],
)
def test_a_metric_named_again_in_its_brackets_or_described_before_its_value(
    sentence: str, expected: list[tuple[str, Any, Any]]
) -> None:
    facts = read_sentence(sentence)
    got = [
        (h.key, h.group.count, h.group.percent)
        if h.group.percent is not None
        else (h.key, h.group.months, h.group.not_reached)
        for h in facts.hits
        if h.key != "n"
    ]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_a_dose_named_after_on_labels_each_value() -> None:
    facts = read_sentence("Complete response or better: 36.1% on 120 mg, 29.3% on 40 mg.")
    assert [(h.label, h.group.percent) for h in facts.hits] == [("120 mg", 36.1), ("40 mg", 29.3)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The median duration of response was 7.9 months at 10 mg and had not been reached at 30 mg.",
        "Median DOR was 7.9 months in cohort A but was not reached in cohort B.",
    ],
)
def test_a_second_value_said_not_reached_is_the_second_populations(sentence: str) -> None:
    facts = read_sentence(sentence)
    assert [(h.group.months, h.group.not_reached, h.slot) for h in facts.hits] == [(7.9, False, 0), (None, True, 1)]
    assert all(h.label for h in facts.hits)


def test_arms_named_by_their_doses_and_then_by_their_rank() -> None:
    body = (
        "The randomized phase 2 enrolled 119 patients and split them between orvetamig at 40 mg (58 patients) and "
        "120 mg (61 patients).\n\n"
        "At the higher dose, 44 of 61 patients responded, for an overall response rate of 72.1%. "
        "Complete response or better: 36.1% on 120 mg, 29.3% on 40 mg."
    )
    got = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert got == {"120 mg": {"orr": (44, 72.1), "cr": (None, 36.1)}, "40 mg": {"cr": (None, 29.3)}}
    sizes = {c["label"]: c["n"] for c in cohorts_of(body)}
    assert sizes == {"120 mg": 61, "40 mg": 58}


def test_a_dose_rank_names_no_cohort_when_the_doses_are_not_comparable() -> None:
    body = (
        "Patients received 40 mg (n = 20) or 3 mg/kg (n = 22).\n\n"
        "At the higher dose, 10 of 20 patients responded, for an overall response rate of 50%."
    )
    assert all(c["label"] != "3 mg/kg" or "orr" not in c["outcomes"] for c in cohorts_of(body))


def test_each_trial_of_a_pooled_analysis_in_two_diseases_is_a_cohort() -> None:
    body = (
        "Kestrelumab is a CD20xCD3 bispecific antibody in development for lymphoma. Investigators pooled patients "
        "with relapsed/refractory follicular lymphoma (R/R FL) from the phase 1/2 "
        "KESTREL-101 study and the phase 2 KESTREL-201 study.\n\n"
        "- Pooled population: 142 patients (KESTREL-101, n = 74; KESTREL-201, n = 68)\n"
        "- CR rate: 94/142 (66.2%)\n"
        "- CR rate by study: 64.9% (48/74) in KESTREL-101 and 67.6% (46/68) in KESTREL-201\n"
        "- POD24 (n = 61): ORR 80.3% (49/61), CR 60.7% (37/61)\n\n"
        "Approved bispecifics have reported CR rates of approximately 60% in third-line FL."
    )
    got = {c["label"]: figures(c).get("cr") for c in cohorts_of(body)}
    assert got.get("KESTREL-101") == (48, 64.9) and got.get("KESTREL-201") == (46, 67.6)


@pytest.mark.parametrize(
    "sentence",
    [
        "The overall ORR was 37.1% (n = 99) with responses seen in all cohorts.",
        "The ORR was 40% with responses observed across both cohorts.",
    ],
)
def test_a_value_said_across_every_cohort_names_none_of_them(sentence: str) -> None:
    assert [h.label for h in read_sentence(sentence).hits if h.key == "orr"] == [""]


@pytest.mark.parametrize(("a", "b"), [("TIL", "ipilimumab"), ("40 mg", "120 mg")])
def test_a_sentence_that_opens_on_an_arm_reports_that_arm(a: str, b: str) -> None:
    body = (
        f"The randomized trial assigned 169 patients to {a} (n = 86) or {b} (n = 83).\n\n"
        f"In the {a.replace(' ', '-')} arm, the ORR was 49%. In the {b.replace(' ', '-')} arm, the ORR was 21%."
    )
    got = {c["label"].lower(): (c["n"], figures(c)) for c in cohorts_of(body)}
    assert got[a.lower()] == (86, {"orr": (None, 49.0)})
    assert got[b.lower()] == (83, {"orr": (None, 21.0)})


def test_subgroups_named_by_a_score_after_their_values() -> None:
    facts = read_sentence("ORR was 47.4% in pts with CPS ≥20 (n = 19) and 28.0% in pts with CPS 1–19 (n = 25).")
    assert [(h.label, h.label_n) for h in facts.hits] == [("Patients with CPS ≥20", 19), ("Patients with CPS 1–19", 25)]


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("Median progression-free survival across the group was 3.9 months.", "median_pfs", 3.9),
        ("The median follow-up for the study population as a whole was 1.1 years.", "median_followup", 13.2),
        ("Median follow-up for surviving patients was 412 days.", "median_followup", 13.5),
        ("The ORR was 91% (10 of 11), with a CR-or-better rate of 55% (6 of 11).", "cr", 55.0),
    ],
)
def test_who_a_figure_covers_written_between_its_metric_and_value(sentence: str, key: str, value: float) -> None:
    (cohort,) = cohorts_of(sentence)
    got = figures(cohort)[key]
    assert (got[1] if key == "cr" else got[0]) == value


def test_another_companys_brand_with_its_generic_name_reports_another_product() -> None:
    body = (
        "Tessaly said the FDA placed a clinical hold on its CD20xCD3 bispecific velgotamab after a patient died.\n\n"
        "Genmab and AbbVie's Epkinly (epcoritamab) posted a 63% overall response rate and a 39% complete response "
        "rate in relapsed large B-cell lymphoma in the study that supported its approval."
    )
    assert all(not c["outcomes"] for c in cohorts_of(body))


# Cases a review found in this session's rules (each stated a wrong figure before its fix).


def test_a_summary_across_a_basket_is_not_merged_into_one_of_its_cohorts() -> None:
    body = (
        "Across the basket, kelcel produced an ORR of 50% and a CR rate of 25%, with a median DOR of 10.0 months.\n\n"
        "In the melanoma cohort (n = 20), the ORR was 50% and the CR rate was 25%. In the sarcoma cohort (n = 12), "
        "the ORR was 33% and the CR rate was 8%."
    )
    melanoma = [c for c in cohorts_of(body) if c["label"] == "Melanoma cohort"]
    assert melanoma and all("median_dor" not in figures(c) for c in melanoma)


@pytest.mark.parametrize(
    "sentence",
    [
        "The CR rate was 80% in the pediatric ALL cohort and 60% in the adult ALL cohort.",
        "The ORR was 25% in the all-comers cohort and 40% in the biomarker cohort.",
    ],
)
def test_a_cohort_named_all_or_all_comers_is_still_named(sentence: str) -> None:
    assert all(h.label for h in read_sentence(sentence).hits)


def test_responders_progression_free_for_a_median_is_no_cohort_pfs() -> None:
    body = "Of 27 patients treated, 11 responded. Responders remained progression-free for a median of 11.2 months."
    assert all("median_pfs" not in c["outcomes"] for c in cohorts_of(body))


def test_a_table_among_responders_under_its_caption_gives_no_cohort_figures() -> None:
    body = (
        "Zorbacel was infused at two dose levels: DL1 (n = 9) and DL2 (n = 10). At DL1, the ORR was 44% (4/9); at "
        "DL2, it was 60% (6/10).\n\n"
        "Table 3. Depth of response among responders\n"
        "Dose level | CR | PR\n"
        "DL1 (n = 4) | 2 (50%) | 2 (50%)\n"
        "DL2 (n = 6) | 3 (50%) | 3 (50%)\n"
    )
    assert all(figures(c).get("cr") not in ((3, 50.0), (None, 50.0)) for c in cohorts_of(body))
    assert all(c["n"] != 6 for c in cohorts_of(body))


def test_a_ledes_two_values_set_against_each_other_are_the_arms_named_after() -> None:
    body = (
        "Median progression-free survival of 8.6 months versus 3.5 months. That is the number the company put "
        "before investors.\n\n"
        "The phase 3 trial randomized 169 patients with melanoma: 86 to lorvatucel and 83 to ipilimumab. The ORR "
        "was 44% with lorvatucel and 14% with ipilimumab."
    )
    got = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert got == {
        "Lorvatucel": {"orr": (None, 44.0), "median_pfs": (8.6, False)},
        "Ipilimumab": {"orr": (None, 14.0), "median_pfs": (3.5, False)},
    }


def test_a_whole_trials_own_figure_does_not_make_it_an_arm() -> None:
    body = (
        "In the phase 3 trial, the ORR was 30% and median PFS was 8.6 months versus 3.5 months.\n\n"
        "The trial randomized 169 patients with melanoma: 86 to lorvatucel and 83 to ipilimumab."
    )
    labels = [c["label"] for c in cohorts_of(body) if "orr" in c["outcomes"]]
    assert labels and "Lorvatucel" not in labels


@pytest.mark.parametrize("drug", ["adagrasib", "sacituzumab govitecan", "enfortumab vedotin", "olaparib"])
def test_an_arm_named_by_a_drug_of_another_class_is_that_arm(drug: str) -> None:
    body = (
        f"In the randomized phase 3 trial in colorectal cancer, the median PFS was 10.9 months (95% CI, 8.3-13.5) with zanotamab plus {drug} and 6.7 months "
        f"(95% CI, 5.4-8.0) with {drug} alone."
    )
    got = {c["label"].lower(): figures(c) for c in cohorts_of(body) if c["outcomes"]}
    assert got[f"{drug} alone"] == {"median_pfs": (6.7, False)}


@pytest.mark.parametrize(
    ("sentence", "names", "want"),
    [
        # a comparator's value in brackets after the arm's own
        (
            "Zanotamab delivered a median PFS of 7.2 months (vs. 4.5 months for placebo).",
            (),
            [("7.2 months", 0, ""), ("4.5 months", 1, "placebo")],
        ),
        # the arm a survival favoured, its value and the other arm's in brackets after it
        (
            "Progression-free survival favored the TCR-T arm (median, 5.6 months vs 2.8 months).",
            ("TCR-T", "chemotherapy"),
            [("5.6 months", 0, "TCR-T"), ("2.8 months", 1, "")],
        ),
        # arms named by what they are (the triplet, the doublet)
        (
            "Median progression-free survival was 12.4 months in patients receiving the triplet, versus 8.3 "
            "months with the doublet.",
            (),
            [("12.4 months", 0, "triplet"), ("8.3 months", 1, "doublet")],
        ),
        # living without progression for a median: the PFS of each group
        (
            "Patients in the cell therapy group lived without progression for a median of 8.0 months, against "
            "4.6 months in the control group.",
            (),
            [("8.0 months", 0, "cell therapy group"), ("4.6 months", 1, "control group")],
        ),
    ],
)
def test_two_arms_set_against_each_other_in_trade_news_phrasings(
    sentence: str, names: tuple[str, ...], want: list[tuple[str, int, str]]
) -> None:
    facts = read_sentence(sentence, names, None, True)
    got = [
        (sentence[h.group.start : h.group.end].rstrip(")"), h.slot, h.label)
        for h in facts.hits
        if h.key == "median_pfs"
    ]
    assert got == want


def test_a_subgroup_of_sites_and_a_subgroup_named_with_its_arm_are_each_arms_own() -> None:
    body = (
        "The phase 3 trial randomized 400 patients with small cell lung cancer to rovelstamig or investigator's "
        "choice chemotherapy. Median OS was 13.1 months with rovelstamig and 8.6 months with investigator's "
        "choice (HR 0.62).\n\n"
        "At Asian sites, where enrollment ran heavier, median OS was 14.9 months vs 9.1 months. And among the 71 "
        "patients with treated brain metastases at baseline who got rovelstamig, median OS was 11.8 months, "
        "compared with 7.0 months for the 68 such patients in the chemo arm."
    )
    got = {c["label"]: (c["n"], figures(c).get("median_os")) for c in cohorts_of(body)}
    assert got["Rovelstamig"][1] == (13.1, False) and got["Investigator's choice"][1] == (8.6, False)
    assert got["Asian sites, rovelstamig"][1] == (14.9, False)
    assert got["Asian sites, investigator's choice"][1] == (9.1, False)
    assert got["Patients with treated brain metastases at baseline, rovelstamig"] == (71, (11.8, False))
    assert got["Patients with treated brain metastases at baseline, investigator's choice"] == (68, (7.0, False))


def test_a_value_raised_to_from_the_control_arms_in_a_randomised_trial_is_the_arms() -> None:
    body = (
        "The bispecific rovelstamig improved median overall survival to 13.1 months from 8.6 months with "
        "chemotherapy in patients with relapsed small cell lung cancer, according to the phase 3 study.\n\n"
        "The trial randomized 509 patients: 254 to rovelstamig and 255 to the investigator's choice of "
        "topotecan or lurbinectedin."
    )
    got = {c["label"]: figures(c).get("median_os") for c in cohorts_of(body)}
    assert got == {"Rovelstamig": (13.1, False), "Investigator's choice": (8.6, False)}


def test_a_subgroup_named_by_its_marker_is_its_own_population_with_its_size() -> None:
    body = (
        "The phase 2 trial enrolled 161 patients with c-MET-overexpressing lung cancer. The objective response "
        "rate was 28.6 percent.\n\n"
        "Among 78 patients with high c-MET expression, the response rate was 34.6 percent, compared with 22.9 "
        "percent among 83 intermediate expressers."
    )
    got = {c["label"]: (c["n"], figures(c).get("orr")) for c in cohorts_of(body)}
    assert got["Intermediate expressers"] == (83, (None, 22.9))
    assert got["Patients with high c-MET expression"] == (78, (None, 34.6))


@pytest.mark.parametrize(
    "sentence",
    [
        "The overall response rate, including partial responses, was 81%.",
        "The overall remission rate, including complete remission with incomplete hematologic recovery, was 81%.",
    ],
)
def test_a_metric_in_an_aside_of_what_a_rate_includes_does_not_take_its_value(sentence: str) -> None:
    facts = read_sentence(sentence)
    assert [(h.key, sentence[h.group.start : h.group.end]) for h in facts.hits] == [("orr", "81%")]


def test_values_of_the_two_cohorts_respectively_name_no_cohort_called_two() -> None:
    sentence = "Complete remission rates were 70% and 55% in the two cohorts, respectively."
    assert [h.label for h in read_sentence(sentence).hits] == ["", ""]
    sentence = "Median PFS was 11.2 months in the weekly cohort and was not reached in the every-two-week cohort."
    assert [h.label for h in read_sentence(sentence).hits] == ["weekly cohort", "every-two-week cohort"]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("The responses proved durable, with a median duration of 22.1 months.", [("median_dor", "22.1 months")]),
        ("Responses were durable, with a median duration of treatment of 8 months.", []),
        (
            "Median follow-up for survival was 41 months, and median OS was 45.3 months.",
            [("median_followup", "41 months"), ("median_os", "45.3 months")],
        ),
        ("The median follow-up for overall survival was 41 months.", [("median_followup", "41 months")]),
    ],
)
def test_durable_responses_median_duration_and_follow_up_for_survival(
    sentence: str, want: list[tuple[str, str]]
) -> None:
    got = [(h.key, sentence[h.group.start : h.group.end]) for h in read_sentence(sentence).hits]
    assert got == want


def test_a_design_with_a_null_and_a_hypothesised_response_rate_states_no_figure() -> None:
    body = (
        "The phase 2 trial is enrolling patients with pancreatic cancer (cohort A) or colorectal cancer "
        "(cohort B). In cohort A, 60 evaluable pts will be enrolled to test a null ORR of 10% against a "
        "hypothesised ORR of 25% (one-sided alpha 0.05, 85% power). Cohort B will enroll 40 evaluable pts "
        "(null ORR 5%, alternative 20%; 90% power)."
    )
    assert all(not c["outcomes"] for c in decided_of(body))


def test_a_company_reporting_its_own_product_reports_another_product() -> None:
    body = (
        "Thornbury Bio dosed the first patient with kelvatamab in its phase 1/2 trial in pancreatic cancer.\n\n"
        "The field has drawn attention after Vireo Cell Therapeutics reported in May that its CDH17-directed "
        "CAR T-cell therapy, VCT-17, produced an objective response rate of 22% (4 of 18 patients) in "
        "colorectal cancer."
    )
    cohorts = decided_of(body)
    assert all(not c["outcomes"] for c in cohorts)
    reasons = {k["reason"] for c in cohorts for k in c["candidates"] if k["key"] == "orr"}
    assert reasons == {"its sentence reports another product (VCT-17)"}


def test_levels_named_in_escalation_and_the_expansion_after_them_are_each_a_cohort() -> None:
    body = (
        "Results: 42 pts had been infused: 15 in escalation (DL1, n = 3; DL2, n = 6; DL3, n = 6) and 27 in "
        "expansion. DL3 was declared the RP2D. Confirmed ORR in escalation was 0% (0/3) at DL1, 33.3% (2/6) "
        "at DL2 and 50.0% (3/6) at DL3. In the expansion, 24 of 27 infused pts were evaluable for efficacy. "
        "ORR was 41.7% (10/24; 1 CR, 9 PR)."
    )
    got = {c["label"]: (c["n"], figures(c).get("orr")) for c in cohorts_of(body)}
    assert got == {
        "Dose Level 1": (3, (0, 0.0)),
        "Dose Level 2": (6, (2, 33.3)),
        "Dose Level 3": (6, (3, 50.0)),
        "Expansion cohort": (24, (10, 41.7)),
    }


def test_a_randomised_trials_control_of_chemotherapy_drugs_is_the_arm_chemotherapy_names() -> None:
    body = (
        "Of the 421 patients randomized, 212 were assigned to velrotamig, given intravenously every two weeks "
        "after a single step-up dose, and 209 to paclitaxel or irinotecan at the investigator's discretion.\n\n"
        "Velrotamig patients went a median 5.6 months before their disease worsened or they died (vs. 3.2 "
        "months for chemotherapy; HR 0.57). Confirmed objective responses were seen in 29% of the engager arm, "
        "compared with 11% on chemotherapy."
    )
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body) if c["outcomes"]}
    assert got == {
        "Velrotamig": (212, {"median_pfs": (5.6, False), "orr": (None, 29.0)}),
        "Paclitaxel": (209, {"median_pfs": (3.2, False), "orr": (None, 11.0)}),
    }


def test_analysis_sets_reported_side_by_side_are_each_a_cohort_and_one_set_alone_is_the_cohort() -> None:
    body = (
        "Results: 96 pts were leukapheresed (ITT set; median age 63 y) and 84 received kestra-cel (infused "
        "set). ORR in the infused set was 86.9% (73/84) with a CR rate of 66.7% (56/84). In the ITT set, ORR "
        "was 76.0% (73/96) and CR rate 58.3% (56/96). In the infused set, median DOR was not reached."
    )
    got = {c["label"]: (c["n"], figures(c)) for c in cohorts_of(body) if c["outcomes"]}
    assert got["Infused set"] == (
        84,
        {"orr": (73, 86.9), "cr": (56, 66.7), "median_dor": (None, True)},
    )
    assert got["ITT set"] == (96, {"orr": (73, 76.0), "cr": (56, 58.3)})
    one = "The phase 2 trial treated 40 patients. ORR in the efficacy-evaluable set was 40% (16/40)."
    assert [c["label"] for c in cohorts_of(one) if c["outcomes"]] != ["Efficacy-evaluable set"]


@pytest.mark.parametrize(
    "sentence",
    [
        "ORR by tumor type: cervical (n = 17) 41.2%, HNSCC (n = 15) 26.7%, NSCLC (n = 14) 21.4%.",
        "ORR by tumor type: cervical (n = 17), 41.2%; HNSCC (n = 15), 26.7%; NSCLC (n = 14), 21.4%.",
    ],
)
def test_populations_listed_by_name_and_size_each_with_its_value(sentence: str) -> None:
    got = [(h.key, h.label, h.label_n, sentence[h.group.start : h.group.end]) for h in read_sentence(sentence).hits]
    assert got == [
        ("orr", "cervical cancer", 17, "41.2%"),
        ("orr", "head and neck cancer", 15, "26.7%"),
        ("orr", "non-small cell lung cancer", 14, "21.4%"),
    ]


def test_a_table_cell_not_reached_under_a_label_with_its_unit_is_a_median_not_reached() -> None:
    body = (
        "The phase 3 trial randomized 300 patients with melanoma to lorvatucel or ipilimumab.\n\n"
        "| Outcome | Lorvatucel (n=150) | Ipilimumab (n=150) |\n"
        "|---|---|---|\n"
        "| Median OS, months | NR | 19.8 |\n"
    )
    got = {c["label"]: figures(c).get("median_os") for c in cohorts_of(body) if c["outcomes"]}
    assert got == {"Lorvatucel": (None, True), "Ipilimumab": (19.8, False)}


def test_a_count_of_them_with_its_percent_is_one_figure() -> None:
    sentence = "Responses were seen in 22 of them (44%)."
    got = [(h.key, sentence[h.group.start : h.group.end]) for h in read_sentence(sentence).hits]
    assert got == [("orr", "22 of them (44%)")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Eleven of the 27 patients in the cervical cancer cohort of the study, called TILUMEN-2 (NCT05877160), "
        "had a confirmed objective response, three of them complete.",
        "Eleven of the 27 patients in the cervical cancer cohort had a confirmed objective response, three of them complete.",
    ],
)
def test_responders_three_of_them_complete_and_the_study_named_in_an_aside(sentence: str) -> None:
    got = [(h.key, sentence[h.group.start : h.group.end]) for h in read_sentence(sentence).hits]
    assert got == [("orr", "Eleven of the 27"), ("cr", "three")]


def test_a_subgroups_arm_sizes_given_by_arm_id_size_each_arm() -> None:
    body = (
        "Methods: 412 pts were randomized 1:1 to obrenaleucel (A) or chemotherapy (B).\n\n"
        "Results: Among 412 pts randomized (A, n = 206; B, n = 206), mPFS was 7.4 vs 3.9 mo (HR 0.52). "
        "In the prespecified PD-L1 CPS ≥1 subgroup (A, n = 118; B, n = 121), mPFS was 8.3 vs 3.7 mo (HR 0.45)."
    )
    got = {(c["n"], figures(c).get("median_pfs")) for c in cohorts_of(body) if c["label"].startswith("Prespecified")}
    assert got == {(118, (8.3, False)), (121, (3.7, False))}


# A review of this session's readers (each body a probe the review wrote; each once read a wrong figure).
_KEST = (
    "In the phase 3 KESTREL-4 trial, 520 patients with previously treated non-small cell lung cancer were "
    "enrolled: 262 were assigned to velrotamig and 258 to docetaxel. "
)


@pytest.mark.parametrize(
    "tail",
    [
        "Median overall survival was 14.2 months with velrotamig (and 10.3 months in patients with liver metastases).",
        "Median overall survival was 14.2 months with velrotamig (vs. 10.3 months in the earlier phase 2 study).",
        "Median overall survival was 14.2 months with velrotamig (vs. 10.3 months with docetaxel in REVEL).",
    ],
)
def test_a_bracket_that_sets_a_value_against_another_study_or_subgroup_gives_no_arm_its_value(tail: str) -> None:
    got = {c["label"]: figures(c).get("median_os") for c in decided_of(_KEST + tail)}
    assert (10.3, False) not in got.values()


def test_chemotherapy_against_observation_is_not_the_control() -> None:
    body = (
        "In the randomized phase 3 ADJUNCT trial, 400 patients with resected biliary tract cancer were enrolled: "
        "201 were assigned to capecitabine and 199 to observation. Median overall survival was 51.1 months in the "
        "chemotherapy group and 36.4 months in the observation group."
    )
    got = {c["label"]: figures(c).get("median_os") for c in decided_of(body) if c["outcomes"]}
    assert got.get("Observation") in (None, (36.4, False))


def test_an_analysis_sets_name_after_a_value_is_not_given_to_the_value_before_it() -> None:
    body = (
        "In the phase 2 study of zel-cel in myeloma, 96 patients were leukapheresed (ITT set) and 84 received "
        "zel-cel (infused set). The complete response rate was 66.7% among the 84 infused patients, and the ORR "
        "was 76.0% in the ITT set."
    )
    itt = [c for c in cohorts_of(body) if c["label"] == "ITT set"]
    assert all("cr" not in c["outcomes"] for c in itt)


def test_a_breakdown_of_responders_by_type_is_no_response_rate_of_each_type() -> None:
    body = (
        "The phase 1 basket study of tivazumab enrolled 60 patients with HPV-associated cancers. The objective "
        "response rate was 28.3%. Among the 17 patients with an objective response, tumor types were cervical "
        "(n = 7) 41.2%, HNSCC (n = 4) 23.5%, and anal (n = 6) 35.3%."
    )
    assert all(figures(c).get("orr") != (None, 41.2) for c in cohorts_of(body))


@pytest.mark.parametrize(
    "sentence",
    [
        "Disease control was durable, with a median duration of 9.2 months.",
        "Stable disease was durable, with a median duration of 6.1 months.",
    ],
)
def test_a_durable_disease_control_is_no_duration_of_response(sentence: str) -> None:
    assert not [h for h in read_sentence(sentence).hits if h.key == "median_dor"]


@pytest.mark.parametrize(
    "text",
    [
        "The 12 patients with stable disease had a median progression-free survival of 5.1 months.",
        "Results: Of 29 patients with a confirmed response, median duration of response was 11.0 months.",
        "The 14 patients with prior ipilimumab exposure had a median PFS of 4 months.",
    ],
)
def test_a_subgroup_as_subject_is_not_the_cohorts_size(text: str) -> None:
    from tilbrowse.extract.populations import read_population

    assert read_population(text).n is None


def test_a_subgroup_by_origin_that_received_one_arm_is_that_arms_subgroup() -> None:
    body = (
        "In the phase 3 KESTREL-4 trial, 520 patients with previously treated non-small cell lung cancer were "
        "randomized to velrotamig or docetaxel.\n\n"
        "Among the 88 Japanese participants who received velrotamig, median overall survival was 17.9 months, "
        "compared with 8.2 months for the 90 such participants in the docetaxel arm."
    )
    got = {c["label"]: (c["n"], figures(c).get("median_os")) for c in cohorts_of(body) if c["outcomes"]}
    assert got == {
        "Japanese participants, velrotamig": (88, (17.9, False)),
        "Japanese participants, docetaxel": (90, (8.2, False)),
    }


def test_patients_after_dose_escalation_are_not_the_escalation_cohort() -> None:
    body = (
        "The first-in-human phase 1 study of KTX-301 enrolled 64 patients with advanced solid tumors. Following "
        "dose escalation, 40 patients with ovarian cancer were treated at the recommended dose; the objective "
        "response rate was 35%."
    )
    assert "Dose-escalation cohort" not in [c["label"] for c in cohorts_of(body)]


def test_patients_in_a_group_who_lived_without_progression_are_that_groups() -> None:
    body = (
        "In the randomized phase 3 TILT-3 trial, 168 patients with advanced melanoma were enrolled: 84 were "
        "assigned to TIL therapy and 84 to ipilimumab. Patients in the ipilimumab group lived without "
        "progression for a median of 3.1 months, while those in the TIL group lived without progression for a "
        "median of 7.2 months."
    )
    got = {c["label"]: figures(c).get("median_pfs") for c in cohorts_of(body) if c["outcomes"]}
    assert got == {"TIL therapy": (7.2, False), "Ipilimumab": (3.1, False)}


@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        (
            "Median PFS was 7.6 months in the overall population and 9.2 months in patients with PD-L1 expression "
            "of 1% or more.",
            "Patients with PD-L1 expression of 1% or more",
        ),
        ("The ORR was 32% overall and 45% in patients aged 65 or older.", "Patients aged 65 or older"),
    ],
)
def test_the_whole_populations_value_then_a_subgroups_are_each_their_own(sentence: str, second: str) -> None:
    # the first is the population the sentence is about (no name of its own), the second its subgroup
    assert [(h.slot, h.label) for h in read_sentence(sentence).hits] == [(0, ""), (1, second)]


def test_all_but_one_of_them_responding_is_no_count_of_one() -> None:
    sentence = "All but one of the 27 patients with FL responded, 23 of them completely."
    got = [(h.key, h.group.count) for h in read_sentence(sentence).hits]
    assert ("orr", 1) not in got and ("cr", 23) in got


# A second review, of the rules added after the first (each body a probe the review wrote).
def test_a_cohorts_overall_value_beside_its_subgroup_stays_the_cohorts() -> None:
    body = (
        "The phase 2 KESTREL-2 trial enrolled 120 patients in two cohorts. In the melanoma cohort (n = 60), the ORR "
        "was 30% in the overall population and 45% in patients with BRAF mutations, and the median PFS was 6.0 "
        "months. In the lung cancer cohort (n = 60), the ORR was 20% and the median PFS was 4.0 months."
    )
    got = {c["label"]: figures(c).get("orr") for c in decided_of(body) if c["outcomes"]}
    assert got.get("Melanoma cohort") == (None, 30.0) and "All patients" not in got


def test_a_subgroups_arm_ids_out_of_the_arms_order_size_no_arm() -> None:
    body = (
        "The phase 3 KESTREL-3 trial randomized 600 patients with lung cancer to zorvatinib plus chemotherapy (arm "
        "A) or placebo plus chemotherapy (arm B). Median OS was 18.0 months in arm A and 14.0 months in arm B. In "
        "patients with PD-L1 of 50% or more (B, n = 121; A, n = 118), median OS was 22.1 months in arm A versus "
        "15.3 months in arm B."
    )
    sizes = {c["label"]: c["n"] for c in cohorts_of(body) if c["label"].startswith("Patients with PD-L1")}
    assert sizes.get("Patients with PD-L1 of 50% or more, Arm A") != 121


def test_a_table_cell_nr_not_reported_or_under_a_follow_up_is_no_median_not_reached() -> None:
    body = (
        "The phase 2 trial of zorvatinib enrolled 40 patients with sarcoma.\n\n"
        "| Outcome | Zorvatinib (n=40) |\n|---|---|\n| ORR, % | 30 |\n"
        "| Median PFS, months | NR (not reported) |\n| Median follow-up, months | NR |\n"
    )
    (cohort,) = [c for c in cohorts_of(body) if c["outcomes"]]
    assert set(cohort["outcomes"]) == {"orr"}


def test_complete_scans_are_no_complete_responses() -> None:
    sentence = "Of these, 96 patients had scans, 90 of them complete, and the ORR was 30%."
    assert [h.key for h in read_sentence(sentence).hits] == ["orr"]


def test_a_tables_difference_column_is_no_cohort() -> None:
    body = (
        "The phase 3 trial randomized 300 patients with lung cancer to zorvatinib or placebo.\n\n"
        "| Endpoint | Zorvatinib | Placebo | Difference |\n|---|---|---|---|\n| ORR, % | 41 | 12 | 29 |\n"
    )
    assert "Difference" not in [c["label"] for c in cohorts_of(body)]
