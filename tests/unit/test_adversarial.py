"""Adversarial texts: extraction stays bounded in time whatever the article holds."""

from __future__ import annotations

import time

import pytest

from tilbrowse.corpus.parse import parse_article
from tilbrowse.extract import extract

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
    started = time.monotonic()
    extraction = extract(parse_article(body, article_id="x", path="x.md"))
    assert time.monotonic() - started < 5
    assert len(extraction.cohorts) <= 200
