"""The detail pane's plain display logic (no Textual): figure rows, column widths that never cut
a figure, wrapping, copy lines, paragraphs."""

from __future__ import annotations

import pytest

from tilbrowse.corpus.load import load_corpus
from tilbrowse.extract import extract
from tilbrowse.extract.model import Candidate, Check, Cohort, Evidence, Rate
from tilbrowse.ui.detail_text import (
    MIN_LABEL,
    FigureRow,
    figure_line,
    figure_rows,
    fit_columns,
    location,
    paragraphs,
    wrap_cell,
)
from tilbrowse.ui.markdown_text import display_text

from ..conftest import SEED_NEWS

EVIDENCE = Evidence("The ORR was 38%.", 0, 16)


@pytest.fixture(scope="module")
def melanoma() -> Cohort:
    article = next(a for a in load_corpus([SEED_NEWS]).articles)
    return extract(article).cohorts[0]


def test_figure_rows_of_a_cohort_in_reading_order(melanoma: Cohort) -> None:
    rows = figure_rows(melanoma)
    keys = [r.key for r in rows]
    assert keys[:3] == ["n", "age", "orr"]
    orr = next(r for r in rows if r.key == "orr")
    assert (orr.label, orr.stated) == ("ORR", "38%") and "25" in orr.derived and orr.evidence is not None
    assert all(r.kind == "outcome" for r in rows if r.key in ("n", "orr", "cr", "pr"))


def test_possible_figures_and_failed_checks_are_rows_of_their_own() -> None:
    cohort = Cohort(
        id="a#1",
        label="Melanoma",
        n=10,
        outcomes={"orr": Rate(count=None, percent=30.0, evidence=EVIDENCE)},
        candidates=(Candidate("cr", "percent", 100.0, "said of the responders", EVIDENCE),),
        checks=(Check("warning", "CR + PR is more than the ORR"), Check("ok", "fine")),
    )
    rows = figure_rows(cohort)
    candidate = next(r for r in rows if r.kind == "candidate")
    assert candidate.label.startswith("? ") and candidate.derived == "possible: said of the responders"
    warnings = [r for r in rows if r.kind == "warning"]
    assert [w.derived for w in warnings] == ["CR + PR is more than the ORR"], "only failed checks are shown"


@pytest.mark.parametrize("width", [30, 44, 60, 90, 140])
def test_columns_never_cut_a_figure(melanoma: Cohort, width: int) -> None:
    rows = figure_rows(melanoma)
    label, stated, derived = fit_columns(rows, width)
    assert stated >= max(len(r.stated) for r in rows), "a stated figure is never cut"
    assert derived >= max(len(w) for r in rows for w in r.derived.split()), "nor a word of a derived one"
    assert label >= min(MIN_LABEL, max(len(r.label) for r in rows))
    if width >= 90:
        assert label + stated + derived + 6 <= width, "with room, the table fits the width"


def test_wrap_cell_breaks_between_words_only() -> None:
    assert wrap_cell("exact 95% CI 26.2–50.7%", 10) == ["exact 95%", "CI", "26.2–50.7%"]
    assert wrap_cell("1234567890123 x", 5) == ["1234567890123", "x"], "a long word keeps a line of its own"
    assert wrap_cell("", 5) == [""]


def test_figure_line_says_what_it_is_and_whose() -> None:
    cohort = Cohort(id="a#1", label="Melanoma")
    assert figure_line(FigureRow("orr", "ORR", "38%", "25/66"), cohort) == "ORR 38% — Melanoma (a#1)"
    assert figure_line(FigureRow("orr", "ORR", "—", "37.9%"), cohort) == "ORR 37.9% (derived) — Melanoma (a#1)"
    warning = FigureRow("check0", "⚠ check", "", "CR + PR > ORR", kind="warning")
    assert figure_line(warning, cohort) == "check failed: CR + PR > ORR — Melanoma (a#1)"


def test_paragraphs_split_at_blank_lines_and_mark_headings() -> None:
    shown = display_text("## Melanoma\n\nFirst line\nstill first.\n\n\nSecond.")
    parts = paragraphs(shown)
    assert [(p.text, p.heading) for p in parts] == [
        ("Melanoma", True),
        ("First line\nstill first.", False),
        ("Second.", False),
    ]
    assert shown.text[parts[2].start :].startswith("Second.")


def test_location_of_an_offset() -> None:
    assert location("ab\ncd\nef", 4) == (1, 1)
    assert location("ab", 99) == (0, 2) and location("ab", -3) == (0, 0)
