"""Adversarial texts: extraction's work stays bounded whatever the article holds."""

from __future__ import annotations

import time

import pytest

from tilbrowse.corpus.parse import parse_article
from tilbrowse.extract import extract

from ..conftest import TESTS
from ..work import steady_calls

ORDINARY = (TESTS / "gold" / "pr_17_biontech_bnt211_cldn6.txt").read_text()

CASES = {
    "10k percent signs": "%" * 10_000,
    "numbers everywhere": " ".join(
        f"{i}% of {i + 1} patients (n={i}) had ORR {i}.{i}% (95% CI {i}-{i + 5})" for i in range(3000)
    ),
    "5000 cohorts": "\n\n".join(
        f"In cohort {i}, the ORR was {i % 90}% and {i} patients had stable disease." for i in range(5000)
    ),
    "1 MB sentence": ("word " * 200_000) + "ORR was 30%",
    "1 MB of digits": "1" * 1_000_000,
    "deep parentheses": "(" * 50_000 + "ORR 30%" + ")" * 50_000,
    "spelled numbers": " ".join(["twenty-one"] * 50_000),
    "dashes": "-" * 500_000,
    "decimal points": "3." * 200_000,
    "ranges": " ".join(["1-2-3-4-5%"] * 20_000),
    "markup": "[bold]ORR[/] was [@click=app.quit]30%[/] " * 5000,
}


@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_extraction_is_bounded(body: str) -> None:
    article = parse_article(body, article_id="x", path="x.md")
    ordinary = parse_article(ORDINARY, article_id="o", path="o.md")
    per_char = steady_calls(lambda: extract(ordinary)) / len(ORDINARY)
    # Work in calls, as a machine-independent count: no more per character than an ordinary article.
    assert steady_calls(lambda: extract(article)) <= per_char * len(body)
    # What calls cannot see is a pattern backtracking inside one call: a clock, as a ceiling far
    # above the slowest case's time (0.17 s, "1 MB sentence", on the 2-core dev machine at load 3).
    started = time.monotonic()
    extraction = extract(article)
    assert time.monotonic() - started < 30
    assert len(extraction.cohorts) <= 200
