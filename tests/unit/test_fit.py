"""The CLI's table layout (`tilbrowse.ui.fit`): what may break, what may not."""

from __future__ import annotations

import pytest
from rich.console import Console

from tilbrowse.ui.fit import Cell, Column, Grid, prose, prose_spans, wrap


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in prose_spans(text)]


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("afami-cel in synovial sarcoma (n = 14) of whom", "(n = 14)"),
        ("ORR 20/52 = 38.5% but the text states 39%", "20/52 = 38.5%"),
        ("a PR in 23 (35%) of them", "23 (35%)"),
        ("time to response 1.1 mo (4.9 weeks) overall", "1.1 mo (4.9 weeks)"),
        ("in the phase 2 trial", "phase 2"),
        ("median age 55 years", "age 55 years"),
        ("ORR was 38%, 95% CI 26.2–50.7% in all", "95% CI 26.2–50.7%"),
        ("Fisher's test: p < 0.001 (two-sided); a difference", "p < 0.001 (two-sided);"),
    ],
)
def test_a_figure_is_one_span(text: str, whole: str) -> None:
    assert whole in spans(text), spans(text)


def test_words_without_figures_stay_apart() -> None:
    assert spans("Cross-trial comparisons are not randomised") == [
        "Cross-trial",
        "comparisons",
        "are",
        "not",
        "randomised",
    ]


@pytest.mark.parametrize("width", range(8, 50, 3))
def test_wrap_breaks_only_between_atoms_and_never_cuts(width: int) -> None:
    text = "Afami-cel · synovial sarcoma (n = 14) · ORR 6/14 (43%) · 004_sitc2022-afami-cel-synovial-sarcoma#1"
    flow = prose(text)
    lines = [line.plain for line in wrap(flow, width, indent=2)]
    assert " ".join(line.strip() for line in lines) == text
    atoms = {atom.plain for _, atom in flow}
    for line in lines:
        assert len(line) <= width or line.strip() in atoms, "only a single atom may be wider than the line"


def test_a_grid_gives_titles_the_rest_and_stacks_when_ids_do_not_fit() -> None:
    long_id = "x" * 45
    grid = Grid(
        [Column("title"), Column("n", justify="right"), Column("id")],
        [[Cell.label("A very long title " * 4), Cell.figure("n = 14"), Cell.figure(long_id)]],
    )
    widths = grid.widths(80)
    assert widths is not None and widths[1:] == [6, 45] and sum(widths) + 6 == 80
    assert grid.widths(59) is None, "below 60 columns: records"
    assert grid.widths(62) is None, "the id and the title's 8 cells do not fit: records"
    console = Console(width=62, record=True)
    with console.capture() as capture:
        console.print(grid, crop=False)
    out = capture.get()
    assert f"  id: {long_id}" in out and "  n: n = 14" in out
