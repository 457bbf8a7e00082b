"""The article text as shown: Markdown a reader does not see hidden, every other character kept,
and evidence offsets (into the body as written) still landing on their words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilbrowse.corpus.markdown import hidden_spans
from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.ui.markdown_text import display_text


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("## Melanoma\n\nText.", "Melanoma\n\nText."),
        ("Only HLA-A\\*02:01 carriers.", "Only HLA-A*02:01 carriers."),
        ("Only HLA-A*02:01 carriers, 2 * 3 arms.", "Only HLA-A*02:01 carriers, 2 * 3 arms."),
        ("The **ORR** was *high* in [study X](#).", "The ORR was high in study X."),
        ("* a bullet\n* another", "* a bullet\n* another"),
        ("file_name_with_underscores", "file_name_with_underscores"),
        ("A **bold\nacross lines** stays", "A **bold\nacross lines** stays"),
    ],
)
def test_display_text_hides_only_markdown_syntax(body: str, shown: str) -> None:
    assert display_text(body).text == shown


def test_evidence_lands_on_its_words_when_shown() -> None:
    body = (
        "## HLA-A\\*02:01 cohort\n\n"
        "In **HLA-A\\*02:01** patients (n=40), the objective response rate was **38%** "
        "with *afami-cel* in 2 * 3 dose arms.\n"
    )
    extraction = extract(Article(id="t", path="t.md", title="T", body=body))
    evidences = [o.evidence for c in extraction.cohorts for o in c.outcomes.values()]
    assert evidences, "the ORR is read"
    shown = display_text(body)
    for ev in evidences:
        figure = body.index("38%", ev.match_start)
        assert figure < ev.match_end
        start = shown.offset(figure)
        assert shown.text[start : start + 3] == "38%"
        assert shown.text[shown.offset(ev.start) : shown.offset(ev.end)].startswith("In HLA-A*02:01 patients")
    assert "HLA-A*02:01 patients" in shown.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_`[]()\\ab 2\n", max_size=80))
def test_markup_is_hidden_without_losing_or_inventing_characters(body: str) -> None:
    spans = hidden_spans(body)
    assert all(a < b <= c < d for (a, b), (c, d) in zip(spans, spans[1:], strict=False)), spans
    bounds = [(0, 0), *spans, (len(body), len(body))]
    kept = "".join(body[end:start] for (_, end), (start, _) in zip(bounds, bounds[1:], strict=False))
    shown = display_text(body)
    assert shown.text == kept
    for offset in range(len(body) + 1):
        assert 0 <= shown.offset(offset) <= len(shown.text)
