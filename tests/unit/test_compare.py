"""Comparison: rows × columns, best values, CIs from counts, Fisher's test, exports."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from tilbrowse.compare.comparison import columns_for, compare, fisher_sentence
from tilbrowse.compare.formats import comparison_csv, comparison_markdown
from tilbrowse.library.library import Library

from ..conftest import REPO, SEEDS

IDS = ("004_e8cdb65b83effc3a#1", "004_e8cdb65b83effc3a#2")


def _comparison():  # type: ignore[no-untyped-def]
    library = Library.load([SEEDS])
    pairs = [library.cohort(i) for i in IDS]
    assert all(pairs)
    return compare(columns_for(pairs))  # type: ignore[arg-type]


def test_orr_intervals_from_cr_plus_pr() -> None:
    comparison = _comparison()
    assert comparison.orr_ci == ((26.2, 50.7), (25.5, 64.7))
    assert "CR + PR" in comparison.orr_basis[0]


def test_best_values_marked() -> None:
    rows = {row.key: row for row in _comparison().rows}
    assert [c.best for c in rows["orr"].cells] == [False, True]
    assert [c.best for c in rows["pd"].cells] == [True, False]  # lower progression is better
    assert not any(c.best for c in rows["sd"].cells)  # 'best' SD means nothing
    assert not any(c.best for c in rows["median_dor"].cells)  # both not reached


def test_fisher_and_caveat() -> None:
    comparison = _comparison()
    assert comparison.fisher is not None and round(comparison.fisher.p_value, 3) == 0.643
    assert "25/66 vs 12/27" in fisher_sentence(comparison)
    assert "not randomised" in comparison.caveat


def test_composition_includes_not_evaluable_remainder() -> None:
    melanoma = _comparison().compositions[0]
    assert (melanoma.cr, melanoma.pr, melanoma.sd, melanoma.pd, melanoma.ne) == (3.0, 35.0, 42.0, 14.0, 6.0)


def test_exports() -> None:
    comparison = _comparison()
    md = comparison_markdown(comparison)
    assert "| ORR 95% CI (exact) | 26.2–50.7% | 25.5–64.7% |" in md and "not randomised" in md
    rows = list(csv.reader(io.StringIO(comparison_csv(comparison))))
    assert rows[0][0] == "metric" and ["n", "66", "27"] in rows


def test_compare_cli_formats() -> None:
    for fmt in ("table", "csv", "markdown"):
        result = subprocess.run(
            [sys.executable, "-m", "tilbrowse", "compare", *IDS, "--corpus", str(SEEDS), "--format", fmt],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "26.2" in result.stdout and "25.5" in result.stdout


def test_compare_cli_unknown_cohort() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tilbrowse", "compare", "004_e8cdb65b83effc3a#9", "--corpus", str(SEEDS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "004_e8cdb65b83effc3a#1" in result.stderr


def test_a_possible_figure_is_shown_after_a_question_mark_and_never_ranked() -> None:
    from tilbrowse.compare.comparison import Column, compare
    from tilbrowse.extract.model import Candidate, Cohort, Duration, Evidence

    ev = Evidence("x", 0, 1)
    sure = Cohort(id="a#1", label="A", n=20, outcomes={"median_pfs": Duration(3.0, False, ev)})
    offered = (Candidate("median_pfs", "months", 9.9, "why", ev), Candidate("n", "value", 30, "why", ev))
    doubt = Cohort(id="b#1", label="B", candidates=offered)
    comparison = compare([Column(sure, "A", None), Column(doubt, "B", None)])
    rows = {row.key: row for row in comparison.rows}
    a, b = rows["median_pfs"].cells
    assert (b.text, b.value, b.possible, b.best) == ("? 9.9 mo", None, True, False)
    assert not a.best, "one stated value alone is not best against a possible one"
    assert rows["n"].cells[1].text == "? 30" and comparison.fisher is None
