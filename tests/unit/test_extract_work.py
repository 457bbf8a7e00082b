"""Extraction work is bounded by the article's size, whatever its shape (issue 19).

Work is counted in function calls made while extracting (`tests.work.steady_calls`), never in seconds: the
count is the same on an idle laptop and on a busy CI machine. Before the fix, a pipe table whose
rows each name a cohort cost the square of its rows (4,000 rows: 3× the calls of 2,000 and 18 s);
past the limits (a table's first 500 rows, a sentence's first 10,000 characters, 120 cohorts,
2,000 sentences and table cells with figures) the rest is not read and the article says so.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.extract_helpers import cohorts_of
from tests.work import steady_calls
from tilbrowse.corpus.load import load_corpus
from tilbrowse.corpus.models import Article
from tilbrowse.export.report import article_json
from tilbrowse.extract import extract
from tilbrowse.extract.cohorts import MAX_COHORTS, MAX_READINGS
from tilbrowse.extract.sentences import MAX_SENTENCE_READ
from tilbrowse.extract.tables import MAX_TABLE_ROWS
from tilbrowse.library.library import record_of

from ..conftest import TESTS

ORDINARY = (TESTS / "gold" / "pr_17_biontech_bnt211_cldn6.txt").read_text()


def pipe_cohorts(rows: int) -> str:
    """A pipe table with a cohort per row, each with its own figures."""
    head = "| Cohort | ORR | CR |\n|---|---|---|\n"
    return head + "".join(f"| Group {i} (n={i % 50 + 5}) | {i % 90}% | {i % 20}% |\n" for i in range(rows))


def pipe_metrics(rows: int) -> str:
    """A pipe table of two arms, the same outcome on every row."""
    return "| Outcome | Arm A (n=20) | Arm B (n=22) |\n|---|---|---|\n" + "| ORR | 45% | 30% |\n" * rows


def run_on(chars: int) -> str:
    """One sentence of figures, never ended."""
    unit = "ORR 45% (9/20), CR 10%, median PFS 5.1 months, n=20, "
    return unit * (chars // len(unit))


def prose(sentences: int) -> str:
    return "The ORR was 45% (9/20) and the median PFS was 5.1 months. " * sentences


def items(count: int) -> str:
    return "".join(f"- Cohort {i}: ORR {i % 90}% (n={i % 40 + 5})\n" for i in range(count))


def work(body: str) -> int:
    """Calls made extracting the body, the same whatever ran before (the suite's order,
    hypothesis's random examples): the body is extracted once first, so every pattern is compiled
    and every memo (the lexicon's lookups, the exact intervals) holds what this body asks of it —
    a memo warmed or not by an earlier test made one count differ by 3× between two runs of the
    suite. What is counted is the extraction's own work."""
    article = Article(id="t", path="t.md", title="T", body=body)
    return steady_calls(lambda: extract(article))


# (shape, size, twice the size): below the limits, where every row and sentence is read, and far past them.
GROWTH = [
    (pipe_cohorts, 40, 80),
    (pipe_cohorts, 2000, 4000),
    (pipe_metrics, 100, 200),
    (pipe_metrics, 2000, 4000),
    (run_on, 2500, 5000),
    (run_on, 1_000_000, 2_000_000),
    (prose, 250, 500),
    (prose, 4000, 8000),
    (items, 30, 60),
    (items, 1000, 2000),
]


@pytest.mark.parametrize(("shape", "size", "twice"), GROWTH, ids=[f"{s.__name__}-{n}" for s, n, _ in GROWTH])
def test_work_grows_no_faster_than_the_text(shape: Callable[[int], str], size: int, twice: int) -> None:
    assert work(shape(twice)) <= 2.5 * work(shape(size))


def test_a_file_of_figures_within_the_size_limit_costs_a_bounded_amount_of_work() -> None:
    # A file of 0.6–2 MB, of any of these shapes, costs less per character than an ordinary article.
    ordinary = work(ORDINARY) / len(ORDINARY)
    for body in (pipe_cohorts(20_000), pipe_metrics(40_000), run_on(2_000_000), prose(34_000), items(60_000)):
        assert len(body) > 600_000
        assert work(body) <= ordinary * len(body)


def _warnings(body: str) -> tuple[str, ...]:
    return extract(Article(id="t", path="t.md", title="T", body=body)).warnings


def test_rows_past_the_table_limit_are_not_read_and_the_article_says_so() -> None:
    body = pipe_metrics(MAX_TABLE_ROWS + 100) + "| CR | 10% | 5% |\n"
    assert all("cr" not in c["outcomes"] for c in cohorts_of(body))
    assert _warnings(body) == (
        f"1 table longer than {MAX_TABLE_ROWS} rows: figures were read from the first {MAX_TABLE_ROWS} rows of each, "
        "101 rows not read",
    )
    assert "cr" in cohorts_of(pipe_metrics(10) + "| CR | 10% | 5% |\n")[0]["outcomes"]
    assert _warnings(pipe_metrics(MAX_TABLE_ROWS)) == ()


def test_a_flattened_table_is_read_for_its_first_rows_too() -> None:
    head = "## Table 2: Efficacy\n\nEndpointAll treatedN = 48Squamousn = 30\n"
    row = "ORR (95% CI), %37.5 (24.0–52.6)43.3 (25.5–62.6)\n"
    last = "DCR (95% CI), %70.8 (55.9–83.0)76.7 (57.7–90.1)\n"
    assert "dcr" in cohorts_of(head + row * 10 + last)[0]["outcomes"]
    long = head + row * (MAX_TABLE_ROWS + 5) + last
    assert all("dcr" not in c["outcomes"] for c in cohorts_of(long))
    assert _warnings(long)[0].startswith(f"1 table longer than {MAX_TABLE_ROWS} rows")


def test_the_end_of_a_run_on_sentence_is_not_read_and_the_article_says_so() -> None:
    body = "word " * (MAX_SENTENCE_READ // 5 + 100) + "and the ORR was 30%"
    assert cohorts_of(body) == []
    (warning,) = _warnings(body)
    assert warning.startswith(f"1 sentence longer than {MAX_SENTENCE_READ:,} characters")
    assert _warnings("word " * 300_000) == ()  # nothing left unread that could hold a figure
    assert cohorts_of("word " * (MAX_SENTENCE_READ // 5 - 100) + "and the ORR was 30%")


def test_the_bounds_of_the_article_hold_inside_a_table() -> None:
    body = pipe_cohorts(MAX_COHORTS + 80)
    assert len(cohorts_of(body)) <= MAX_COHORTS
    assert f"more than {MAX_COHORTS} populations: the rest of the article was not read" in _warnings(body)


def test_an_article_is_read_for_a_bounded_number_of_figure_sentences() -> None:
    body = prose(MAX_READINGS + 50) + "\n\n## Melanoma\n\nIn melanoma, the ORR was 77%."
    assert all("77" not in str(c["outcomes"]) for c in cohorts_of(body))
    assert _warnings(body) == (
        f"more than {MAX_READINGS:,} sentences and table cells with figures: the rest of the article was not read",
    )


def test_what_was_left_unread_is_a_warning_on_the_article() -> None:
    article = Article(id="t", path="t.md", title="T", body=pipe_metrics(MAX_TABLE_ROWS + 1))
    record = record_of(article)
    assert [(p.path, p.level) for p in record.article.problems] == [("t.md", "warning")]
    assert "1 row not read" in record.article.problems[0].message
    assert article_json(article)["problems"] == [p.to_json() for p in record.article.problems]
    assert article_json(record.article, record.extraction)["problems"] == article_json(article)["problems"]


@pytest.mark.parametrize("folder", ["gold", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10"])
def test_real_articles_are_read_whole(folder: str) -> None:
    for article in load_corpus([TESTS / folder]).articles:
        assert extract(article).warnings == (), article.id
