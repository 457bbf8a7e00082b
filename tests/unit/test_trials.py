"""Trials across articles: grouping by number, name and alias (never by product), timelines and
the landscape, on readouts built here and on articles written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tilbrowse.library.library import Library
from tilbrowse.trials import Readout, find_trial, group_trials, landscape, timeline
from tilbrowse.trials.formats import (
    forest_items,
    forest_lines,
    landscape_markdown,
    timeline_row,
    trial_csv,
    trial_json,
    trial_markdown,
)
from tilbrowse.trials.group import filter_trials

from ..conftest import SEEDS, TESTS

TRIALS_DIR = TESTS / "data" / "trials"


def readout(cohort_id: str, date: str | None, **fields: object) -> Readout:
    base = Readout(cohort_id=cohort_id, title=f"article {cohort_id}", date=date, label=str(fields.pop("label", "All")))
    return replace(base, **fields)  # type: ignore[arg-type]


def test_one_trial_by_name_in_any_spelling_by_alias_and_by_number() -> None:
    trials = group_trials(
        [
            readout("a#1", "2019-01-01", trial="C-144-01", drug="lifileucel", indication="melanoma"),
            readout("b#1", "2020-01-01", trial="c144-01", drug="lifileucel", indication="melanoma"),
            readout("c#1", "2021-01-01", trial="innovaTIL-01", drug="lifileucel", indication="melanoma"),
            readout("d#1", "2022-01-01", trial_id="NCT02360579", drug="lifileucel", indication="melanoma"),
        ]
    )
    assert [(t.name, len(t.readouts)) for t in trials] == [("C-144-01", 4)]
    assert trials[0].names == ("C-144-01", "c144-01", "innovaTIL-01")


def test_a_cohort_stating_name_and_number_joins_readouts_stating_one_of_them() -> None:
    trials = group_trials(
        [
            readout("a#1", "2021-01-01", trial="TELOS-2", trial_id="NCT09990001", drug="x", linked=True),
            readout("b#1", "2022-01-01", trial_id="NCT09990001", drug="x"),
            readout("c#1", "2023-01-01", trial="TELOS-2", drug="x"),
        ]
    )
    assert [(t.name, len(t.readouts), t.nct_ids) for t in trials] == [("TELOS-2", 3, ("NCT09990001",))]


def test_never_by_product_alone_and_a_mistaken_number_does_not_fold_two_trials() -> None:
    trials = group_trials(
        [
            readout("a#1", "2021-01-01", trial="ALPHA-1", trial_id="NCT01111111", drug="lifileucel", linked=True),
            readout("b#1", "2021-06-01", trial="ALPHA-1", trial_id="NCT01111111", drug="lifileucel", linked=True),
            readout("c#1", "2022-01-01", trial="BETA-2", trial_id="NCT01111111", drug="lifileucel", linked=True),
            readout("d#1", "2022-01-01", trial="GAMMA-3", drug="lifileucel"),
        ]
    )
    by_name = {t.name: len(t.readouts) for t in trials}
    assert by_name == {"ALPHA-1": 2, "BETA-2": 1, "GAMMA-3": 1}


def test_a_number_only_in_passing_joins_nothing() -> None:
    """An article about ALPHA-9 that also gives another trial's NCT id: the id is not ALPHA-9's."""
    trials = group_trials(
        [
            readout("a#1", "2021-01-01", trial="ALPHA-9", trial_id="NCT02222222", drug="x", linked=False),
            readout("b#1", "2022-01-01", trial_id="NCT02222222", drug="x"),
            readout("c#1", "2022-06-01", trial="DELTA-4", trial_id="NCT02222222", drug="x", linked=True),
        ]
    )
    assert {t.name: [r.cohort_id for r in t.readouts] for t in trials} == {"DELTA-4": ["b#1", "c#1"], "ALPHA-9": ["a#1"]}


def test_readouts_naming_no_trial_stay_visible_by_product_and_indication() -> None:
    trials = group_trials(
        [
            readout("a#1", "2024-01-01", drug="IMA203", indication="melanoma"),
            readout("b#1", "2024-02-01", product="IMA203", indication="melanoma"),
            readout("c#1", "2024-02-01", product="IMA203", indication="uveal melanoma"),
            readout("d#1", "2024-03-01", trial="SPEAR-1", product="IMA203", indication="melanoma"),
            readout("e#1", "2024-03-01"),  # neither product nor trial: nothing to follow it by
        ]
    )
    shown = [(t.name, t.named, len(t.readouts)) for t in trials]
    assert shown == [
        ("SPEAR-1", True, 1),
        ("IMA203 · melanoma · no trial named", False, 2),
        ("IMA203 · uveal melanoma · no trial named", False, 1),
    ]


def test_timeline_change_since_the_previous_cut_of_the_same_population() -> None:
    (trial,) = group_trials(
        [
            readout("a#1", "2019-01-01", trial="T-100", drug="p", indication="melanoma", label="Cohort 2", n=60, orr=35.0,
                    months=(None, None, None, 8.5)),
            readout("a#2", "2019-01-01", trial="T-100", drug="p", indication="melanoma", label="Cohort 4", n=20, orr=50.0),
            readout("a#3", "2019-01-01", trial="T-100", drug="docetaxel", indication="melanoma", label="Control", n=50,
                    orr=10.0),
            readout("b#1", "2020-01-01", trial="T-100", drug="p", indication="melanoma", label="Cohort 2", n=66,
                    orr=36.4, months=(None, None, None, 18.7)),
            readout("c#1", "2021-01-01", trial="T-100", drug="p", indication="melanoma", label="All", n=153, orr=31.4),
            readout("c#2", "2021-01-01", trial="T-100", drug="docetaxel", indication="melanoma", label="Control", n=60,
                    orr=12.0),
        ]
    )
    rows = {r.readout.cohort_id: r for r in timeline(trial)}
    assert rows["a#1"].previous is None and rows["a#2"].previous is None
    assert rows["b#1"].previous is not None and rows["b#1"].previous.cohort_id == "a#1"
    assert (rows["b#1"].delta_orr, rows["b#1"].delta_n, rows["b#1"].delta_followup) == (1.4, 6, 10.2)
    assert rows["c#1"].previous is not None and rows["c#1"].previous.cohort_id == "b#1"
    assert rows["c#2"].previous is not None and rows["c#2"].previous.cohort_id == "a#3", "a control arm follows its own"
    assert timeline_row(rows["c#1"])["ΔORR"] == "−5 pt" and timeline_row(rows["c#1"])["Δn"] == "+87"


def test_the_previous_cut_is_not_guessed_when_an_earlier_article_has_two_candidates() -> None:
    (trial,) = group_trials(
        [
            readout("a#1", "2019-01-01", trial="T-100", drug="p", label="Cohort 2", orr=35.0),
            readout("a#2", "2019-01-01", trial="T-100", drug="p", label="Cohort 4", orr=50.0),
            readout("b#1", "2020-01-01", trial="T-100", drug="p", label="All patients", orr=40.0),
        ]
    )
    assert timeline(trial)[-1].previous is None


def test_landscape_is_each_products_latest_stated_orr_highest_first() -> None:
    trials = group_trials(
        [
            readout("a#1", "2019-01-01", trial="T-1", drug="lifileucel", indication="melanoma", n=66, orr=38.0),
            readout("b#1", "2023-01-01", trial="T-1", drug="lifileucel", indication="melanoma", n=153, orr=31.4,
                    orr_ci=(24.1, 39.4)),
            readout("c#1", "2024-01-01", drug="IMA203", indication="melanoma", n=40, orr=50.0),
            readout("d#1", "2024-01-01", drug="tebentafusp", indication="uveal melanoma", n=378, orr=None),
            readout("e#1", "2024-01-01", drug="x", indication="cervical cancer", n=27, orr=44.0),
        ]
    )
    rows = landscape(trials, "Melanoma")
    assert [(r.readout.product_name, r.readout.orr) for r in rows] == [("IMA203", 50.0), ("lifileucel", 31.4)]
    chart = forest_lines(forest_items((r.readout.product_name, r.readout) for r in rows), width=21)
    assert chart[1].startswith("lifileucel") and "├" in chart[1] and "●" in chart[1] and "31.4% n=153" in chart[1]
    assert "●" in chart[0] and "├" not in chart[0], "no interval is drawn where none is known"
    text = landscape_markdown(rows, "melanoma")
    assert "| IMA203 |" in text and "not randomised" in text


def test_forest_plot_labels_never_break_out_of_the_code_fence() -> None:
    (trial,) = group_trials([readout("a#1", "2020-01-01", trial="T-1", label="```\n# evil", orr=20.0, n=10)])
    text = trial_markdown(trial)
    assert text.count("```") == 2


def test_find_trial_by_any_of_its_names() -> None:
    trials = group_trials(
        [
            readout("a#1", "2019-01-01", trial="C-144-01"),
            readout("b#1", "2020-01-01", product="IMA203", indication="melanoma"),
        ]
    )
    for name in ("C-144-01", "c144-01", "innovatil-01", "NCT02360579"):
        found = find_trial(trials, name)
        assert found is not None and found.name == "C-144-01", name
    found = find_trial(trials, "IMA203 · melanoma · no trial named")
    assert found is not None and not found.named
    assert find_trial(trials, "C-145-04") is None and find_trial(trials, "") is None


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load([TRIALS_DIR])


def test_articles_written_for_this_follow_one_trial(library: Library) -> None:
    trials = {t.name: t for t in library.trials()}
    assert set(trials) == {"C-144-01", "TELOS-2", "VELA-04", "IOV-LUN-202", "IMA203 · melanoma · no trial named"}
    c144 = trials["C-144-01"]
    assert [r.date for r in c144.readouts] == ["2019-06-02", "2020-05-29", "2023-03-14"]
    assert {r.drug for r in c144.readouts} == {"lifileucel"}, "Amtagvi, LN-144 and lifileucel are one product"
    assert trials["IOV-LUN-202"].product == "lifileucel", "same product, another trial: never folded into C-144-01"
    first = c144.readouts[0]
    assert (first.label, first.trial) == ("Cohort 2 (C-144-01)", "C-144-01"), "a cohort keeps its parent trial"
    data = trial_json(trials["TELOS-2"], with_timeline=True)
    assert [row["n"] for row in data["timeline"]] == [30, 45]
    assert data["timeline"][1]["change"] == {"orr": 2.2, "n": 15, "median_followup": None}
    assert data["timeline"][1]["derived"]["basis"] == "19/45 stated"
    assert trial_csv(trials["TELOS-2"]).splitlines()[0].startswith("date,cohort,label,n,ORR,95% CI")


def test_the_ci_is_derived_and_says_how(library: Library) -> None:
    trials = {t.name: t for t in library.trials()}
    pooled = trials["C-144-01"].readouts[-1]
    assert pooled.orr == 31.4 and pooled.n == 153 and pooled.orr_count is None
    assert pooled.orr_ci == (24.1, 39.4) and pooled.ci_basis == "31.4% of 153 ≈ 48/153"


def test_seed_cohorts_are_their_registered_trials() -> None:
    trials = {t.name: t for t in Library.load([SEEDS]).trials()}
    assert set(trials) == {"C-144-01", "C-145-04"}, "NCT numbers of the curated table name the trials"


def test_readouts_survive_the_cache(tmp_path: Path) -> None:
    from tilbrowse.library.cache import Cache

    first = Library.load([TRIALS_DIR], cache=Cache(tmp_path), workers=1)
    again = Library.load([TRIALS_DIR], cache=Cache(tmp_path), workers=1)
    assert sorted(first.readouts(), key=lambda r: r.cohort_id) == sorted(again.readouts(), key=lambda r: r.cohort_id)
    assert len(again.readouts()) == 9


def test_drug_filter_finds_a_product_by_any_of_its_names(library: Library) -> None:
    lifileucel = {"2019_til_melanoma", "2020_til_melanoma_update", "2022_lung_til", "2023_amtagvi_pooled"}
    for query in ("drug:amtagvi", "drug:LN-144", "drug:ln144", "drug:lifileucel"):
        result = library.search(query)
        assert set(result.ids) == lifileucel, query
    result = library.search("drug:amtagvi")
    assert result.note == "drug:amtagvi is lifileucel (also LN-144, Amtagvi)"
    assert library.alias_matches("2019_til_melanoma", result) == ["lifileucel (ln-144)", "lifileucel"]
    assert library.alias_matches("2023_amtagvi_pooled", result)[0] == "amtagvi"
    assert library.search("drug:lifileucel").note == "drug:lifileucel is lifileucel (also LN-144, Amtagvi)"
    assert not library.search("drug:tecelra").ids and library.search("drug:zorbacel").note == ""
    assert set(library.search("drug:ima203").ids) == {"2024_tcr_melanoma"}


def test_trial_filter_matches_a_trial_by_any_spelling_alias_or_registry_number(library: Library) -> None:
    c144 = {"2019_til_melanoma", "2020_til_melanoma_update", "2023_amtagvi_pooled"}
    for query in ("trial:C-144-01", "trial:c144-01", "trial:innovaTIL-01", "trial:NCT02360579"):
        assert set(library.search(query).ids) == c144, query
    assert set(library.search("!trial:c-144-01").ids).isdisjoint(c144)
    assert not library.search("trial:c-144").ids, "an identifier matches whole, never as a prefix or typo"
    assert library.search("trial:TELOS-2").ids == ["2021_sarcoma_tcr"]


def test_filter_trials_as_you_type() -> None:
    trials = group_trials(
        [
            readout("a#1", "2019-01-01", trial="C-144-01", drug="lifileucel", indication="melanoma"),
            readout("b#1", "2020-01-01", trial="IOV-LUN-202", drug="lifileucel", indication="non-small cell lung cancer"),
            readout("c#1", "2021-01-01", trial="TELOS-2", drug="zorbacel", indication="synovial sarcoma"),
        ]
    )
    names = lambda q: [t.name for t in filter_trials(trials, q)]  # noqa: E731
    assert names("") == [t.name for t in trials]
    assert names("lifi") == ["C-144-01", "IOV-LUN-202"]
    assert names("lifileucl lung") == ["IOV-LUN-202"], "a close typo of a long word counts"
    assert names("c-144") == ["C-144-01"] and names("NCT") == [] and names("sarc") == ["TELOS-2"]
    assert names("melanoma sarcoma") == []


def test_a_randomised_trial_named_like_a_product_code_is_a_trial(library: Library) -> None:
    vela = next(t for t in library.trials() if t.name == "VELA-04")
    assert [(r.label, r.orr) for r in vela.readouts] == [("Sacituzumab govitecan", 48.0), ("Chemotherapy", 35.0)]
    assert vela.product == "sacituzumab govitecan", "the arm named by a known product is its readout"
    assert vela.indication == "triple-negative breast cancer", "not also 'breast cancer', which it says"
    assert all(r.product != "VELA-04" for r in vela.readouts), "a trial's name is never its product"
