"""Splitting a body into sentences (`tilbrowse.extract.sentences`): lines that stand alone, and
hard-wrapped prose that does not."""

from __future__ import annotations

from tests.unit.extract_helpers import cohorts_of, figures
from tilbrowse.extract.sentences import sentences_of


def _texts(body: str) -> list[str]:
    return [s.text for s in sentences_of(body, 0, len(body))]


def test_highlight_lines_without_full_stops_are_sentences_of_their_own() -> None:
    body = (
        "XR-9 more than doubled progression-free survival compared with docetaxel\n"
        "Safety results were consistent with earlier studies\n"
        "Data will be presented at a medical meeting"
    )
    assert len(_texts(body)) == 3


def test_label_lines_of_a_summary_are_sentences_of_their_own() -> None:
    body = "ORR: 48% vs 46%\nmPFS: 9.7 mos vs 6.9 mos (HR 0.62)\nmOS: 21.5 mos vs 20.2 mos"
    assert _texts(body) == ["ORR: 48% vs 46%", "mPFS: 9.7 mos vs 6.9 mos (HR 0.62)", "mOS: 21.5 mos vs 20.2 mos"]


def test_a_sentence_hard_wrapped_over_lines_stays_one() -> None:
    body = (
        "The phase 2 trial enrolled patients with advanced melanoma whose disease had progressed on\n"
        "anti-PD-1 therapy, and the objective response rate among the 40 evaluable patients was 35% at\n"
        "the data cutoff, with responses ongoing in most of them."
    )
    assert len(_texts(body)) == 1


def test_values_listed_with_their_populations_in_brackets_and_the_lines_after_them() -> None:
    body = (
        "The phase 1/2 study of XR-9 in relapsed multiple myeloma tested two schedules.\n\n"
        "ORR: 72% vs. 65% vs. 60% (weekly dosing vs. biweekly dosing vs. prior BCMA therapy)\n"
        "mPFS: 7.1 mos vs. 10.4 mos vs. 6.3 mos\n"
        "mDoR: 10.2 mos vs. 15.0 mos"
    )
    cohorts = {c["label"]: figures(c) for c in cohorts_of(body)}
    assert cohorts["Weekly dosing"] == {"orr": (None, 72.0), "median_pfs": (7.1, False), "median_dor": (10.2, False)}
    assert cohorts["Biweekly dosing"] == {"orr": (None, 65.0), "median_pfs": (10.4, False), "median_dor": (15.0, False)}
    assert cohorts["Prior BCMA therapy"] == {"orr": (None, 60.0), "median_pfs": (6.3, False)}


def test_an_arms_letter_ends_a_sentence_an_initial_does_not() -> None:
    body = "The ORR was 41% in arm A and 23% in arm B. In Part C. Results were 10%. Dr. J. Smith presented it."
    assert _texts(body) == [
        "The ORR was 41% in arm A and 23% in arm B.",
        "In Part C.",
        "Results were 10%.",
        "Dr. J. Smith presented it.",
    ]


def test_a_flattened_table_row_ending_in_nr_is_a_line_of_its_own() -> None:
    body = (
        "Myxoid/round cell liposarcoma (n=10): ORR 50.0% (5/10); mPFS 8.1 mo (95% CI 5.6-NR); mOS NR\n"
        "Ovarian carcinoma (n=11): ORR 27.3% (3/11); DCR 72.7% (8/11)"
    )
    assert len(_texts(body)) == 2


def test_a_pipe_table_under_a_caption_is_found_by_its_lines_in_one_pass() -> None:
    from tilbrowse.extract.sentences import _pipe_table_after

    caption = "Table 1. Response by dose level\n"
    rows = "\n".join("DL1 | 8 | 5 (62.5%)" for _ in range(20_000))
    assert _pipe_table_after(caption + "Dose | n | ORR\n" + rows) == len(caption)
    assert _pipe_table_after(caption + rows + "\nSource: company data") == 0, "a table that a line without pipes ends"
    assert _pipe_table_after("Dose | n | ORR\n" + rows) == 0, "a table with no caption is a block already"
    assert _pipe_table_after(caption + "Only | one") == 0
