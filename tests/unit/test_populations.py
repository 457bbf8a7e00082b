"""How a sentence says who a figure is about: the size it gives a cohort."""

from __future__ import annotations

import pytest

from tilbrowse.extract.populations import read_population


@pytest.mark.parametrize(
    "text",
    [
        "The trial treated 153 patients across two cohorts: second-line LBCL and relapse after CAR-T.",
        "Results: 72 pts were randomized (48 XR-9 + P; 24 P); responses were assessed by investigators.",
        "The phase 2 study of XR-9 in 115 adults with DLBCL (99 main cohort, 16 cohort A) was updated.",
        "The trial treated 35 patients with colorectal cancer in two sequential groups.",
    ],
)
def test_a_size_the_sentence_splits_into_parts_is_no_cohorts_size(text: str) -> None:
    assert read_population(text).n is None


def test_a_size_split_by_sex_is_still_the_cohorts() -> None:
    assert read_population("The trial enrolled 40 patients (22 men, 18 women).").n == 40


def test_an_arm_named_with_its_dose_is_named_without_it() -> None:
    text = (
        "The trial randomized 604 patients with NSCLC to either XR-9 (6 mg/kg) or docetaxel (75 mg/m2) every 3 weeks."
    )
    assert read_population(text).arms == ["XR-9", "docetaxel"]


@pytest.mark.parametrize(
    "text",
    ["Nine of the 12 MRD-evaluable patients were MRD-negative.", "Of the 20 safety-evaluable patients, 3 had CRS."],
)
def test_evaluable_for_something_other_than_response_is_no_size(text: str) -> None:
    assert read_population(text).n is None


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("There were 2 CRs among 44 evaluable patients.", 44),
        ("In the 50-patient cohort, the ORR was 40%.", 50),
        ("Fifty patients (median age, 57 years) received XR-9.", 50),
        ("The trial evaluated XR-9 in 45 patients with melanoma.", 45),
        ("The study recruited 45 patients.", 45),
        ("Researchers studied 45 patients.", 45),
        ("The trial accrued 45 patients across 10 sites.", 45),
        ("The efficacy population consisted of 45 patients.", 45),
    ],
)
def test_sizes_in_more_shapes(text: str, n: int) -> None:
    assert read_population(text).n == n


def test_responders_of_a_stated_denominator_give_the_cohort_its_size() -> None:
    from tests.unit.extract_helpers import cohorts_of

    body = "The phase 2 trial of XR-9 was reported.\n\nOf the patients with mantle cell lymphoma, 13 of 15 responded (87%)."
    (cohort,) = cohorts_of(body)
    assert cohort["n"] == 15


def test_a_combination_versus_a_combination_names_two_whole_arms() -> None:
    text = "Results came from the phase 3 trial of XR-9 plus pembrolizumab versus pembrolizumab plus chemotherapy."
    assert read_population(text).arms == ["XR-9 plus pembrolizumab", "pembrolizumab plus chemotherapy"]


def test_sizes_listed_by_name_in_brackets_are_no_sentence_size() -> None:
    text = "As of the data cutoff, 212 pts were response-evaluable (ALPHA-101, n = 58; ALPHA-201, n = 154)."
    assert read_population(text).n != 58


@pytest.mark.parametrize("adj", ["response-evaluable", "efficacy-evaluable", "evaluable"])
def test_who_was_evaluable_for_response_is_the_size(adj: str) -> None:
    assert read_population(f"Of 45 {adj} patients, 18 (40%) responded.").n == 45


def test_responders_are_not_the_size() -> None:
    assert read_population("Of the 12 responders, 5 had a complete response.").n is None


@pytest.mark.parametrize(
    "text",
    [
        "In the phase 3 trial, 302 patients received zorbamab and 300 received docetaxel.",
        "The phase 3 trial enrolled 602 patients, randomized 1:1 to zorbamab (302) or docetaxel (300).",
    ],
)
def test_each_arm_with_its_size(text: str) -> None:
    pop = read_population(text)
    assert pop.arms == ["zorbamab", "docetaxel"] and pop.arm_n == [302, 300]


def test_arms_sized_before_their_names_with_an_article() -> None:
    pop = read_population(
        "The sponsor randomized 169 patients at 41 sites: 86 to the cell therapy and 83 to ipilimumab."
    )
    assert (pop.arms, pop.arm_n) == (["cell therapy", "ipilimumab"], [86, 83])


@pytest.mark.parametrize(
    ("text", "arms"),
    [
        ("The randomized trial compared zorbamab with docetaxel in 300 patients.", ["zorbamab", "docetaxel"]),
        ("The phase 3 trial is testing zorbamab against docetaxel in 300 patients.", ["zorbamab", "docetaxel"]),
        ("A second phase 3 is testing zorbamab with pembrolizumab in the front-line setting.", []),
    ],
)
def test_testing_one_drug_with_another_is_a_combination_not_two_arms(text: str, arms: list[str]) -> None:
    assert read_population(text).arms == arms


def test_t_cell_engagers_are_products_by_their_names() -> None:
    pop = read_population(
        "Teclistamab and the investigational orvetamig were given every two weeks; pembrolizumab was not."
    )
    assert pop.products == ["Teclistamab", "orvetamig"]


def test_disease_cohorts_listed_with_their_sizes() -> None:
    pop = read_population(
        "Of 61 patients infused, 54 were evaluable and analyzed in 3 disease cohorts: cervical cancer (n = 24), "
        "head and neck squamous cell carcinoma (HNSCC; n = 19), and anal squamous cell carcinoma (n = 11)."
    )
    assert pop.subgroups == [(24, "cervical cancer"), (19, "head and neck cancer"), (11, "anal cancer")]
    assert pop.n in (None, 54), "one disease's size is not the whole study's"


@pytest.mark.parametrize(
    ("text", "disease"),
    [
        ("Patients with relapsed or refractory acute myeloid leukemia were treated.", "acute myeloid leukemia"),
        ("Patients with R/R AML were treated.", "acute myeloid leukemia"),
        ("Men with mCRPC were treated.", "prostate cancer"),
        ("Patients with anal carcinoma were treated.", "anal cancer"),
        ("Patients with classical Hodgkin lymphoma were treated.", "Hodgkin lymphoma"),
        ("Patients with non-Hodgkin lymphoma were treated.", "lymphoma"),
        ("Patients with CLL or small lymphocytic lymphoma were treated.", "chronic lymphocytic leukemia"),
    ],
)
def test_more_diseases_by_their_names(text: str, disease: str) -> None:
    assert read_population(text).diseases[0] == disease


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("The 33 patients with cholangiocarcinoma had a median PFS of 3.6 months and a median OS of 9.8 months.", 33),
        ("All 40 evaluable patients had an ORR of 30%.", 40),
        ("Results: Of 29 patients, ORR was 31.0%.", 29),
        # who responded, or who had a response, is a share of the cohort, never its size
        ("The 12 patients who responded had a median DOR of 8 months.", None),
        ("The 5 patients with a CR had a median DOR of 20 months.", None),
        ("Twelve patients had a partial response.", None),
    ],
)
def test_a_population_with_its_figures_as_the_subject_is_sized(text: str, n: int | None) -> None:
    assert read_population(text).n == n


def test_either_group_names_no_group() -> None:
    assert read_population("Median overall survival had not been reached in either group.").named_groups == []


def test_a_subgroups_arm_sizes_in_its_brackets_are_not_the_arms_own() -> None:
    pop = read_population(
        "In patients with PD-L1 of 50% or more (B, n = 121; A, n = 118), median OS was 22.1 months in arm A "
        "versus 15.3 months in arm B."
    )
    assert pop.arm_n == []
    pop = read_population("Among 412 pts randomized (A, n = 206; B, n = 206), mPFS was 7.4 vs 3.9 mo.")
    assert pop.arm_n == [206, 206]
