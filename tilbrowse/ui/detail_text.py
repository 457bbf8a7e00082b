"""What the detail pane shows, as plain text (no Textual): a cohort's figure rows, column widths
that never cut a figure, wrapping, the head line, the article's paragraphs.

The widgets in `ui.widgets.detail` draw these; the functions are tested on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len

from tilbrowse.export.tables import (
    candidate_label,
    candidate_value,
    fmt_number,
    format_derived,
    format_outcome,
    other_value,
)
from tilbrowse.extract.model import OUTCOME_KEYS, OUTCOME_LABELS, Cohort, Evidence
from tilbrowse.ui.markdown_text import DisplayText


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset in text."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return row, column


@dataclass(frozen=True)
class FigureRow:
    """One row of a cohort table, as text: label, stated value, derived value (or note)."""

    key: str
    label: str
    stated: str
    derived: str
    evidence: Evidence | None = None
    kind: Literal["outcome", "other", "candidate", "warning"] = "outcome"
    stated_style: str = ""


MIN_LABEL = 10
"""A label column narrower than this wraps too much to read; figures still come first."""


def fit_columns(rows: Sequence[FigureRow], width: int, padding: int = 2) -> tuple[int, int, int]:
    """Widths of the figure, stated and derived columns so that no figure is ever cut.

    The stated and derived columns are never narrower than their longest word (a number is
    never split); the derived column takes its whole text when it can; the label column takes
    what is left (at least MIN_LABEL) and wraps. If the table cannot fit at all, it is wider
    than `width` and scrolls sideways, figures still whole."""
    stated = max([len("stated"), *(len(r.stated) for r in rows)])
    derived_min = max([len("derived"), *(_longest_word(r.derived) for r in rows)])
    # Derived figures are kept on one line when they can be; notes (reasons, checks) wrap.
    derived_full = max([derived_min, *(len(r.derived) for r in rows if r.kind == "outcome")])
    label_full = max([len("figure"), *(len(r.label) for r in rows)])
    room = width - 3 * padding - stated
    label = min(label_full, max(MIN_LABEL, room - derived_full))
    derived = max(derived_min, min(derived_full, room - label))
    label = max(min(label_full, room - derived), min(MIN_LABEL, label_full))
    # A note (a possible figure's reason, a failed check) takes the room the figures leave, so it
    # reads as a line rather than a column of single words.
    notes_full = max([0, *(len(r.derived) for r in rows if r.kind != "outcome")])
    derived = max(derived, min(notes_full, room - label))
    return label, stated, derived


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def figure_line(row: FigureRow, cohort: Cohort) -> str:
    """One figure as a line to paste: `ORR 38% — Melanoma (004_e8cdb65b83effc3a#1)`.

    The stated value when there is one, else the derived one, said to be derived."""
    if row.kind == "warning":
        value = f"check failed: {row.derived}"
    elif row.stated and row.stated != "—":
        value = f"{row.label} {row.stated}"
    else:
        value = f"{row.label} {row.derived} (derived)"
    return f"{value} — {cohort.label} ({cohort.id})"


def wrap_cell(text: str, width: int) -> list[str]:
    """Text wrapped at spaces into lines of at most `width` (a longer word keeps a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def figure_rows(cohort: Cohort) -> list[FigureRow]:
    """One row per figure of a cohort: n, age, each outcome (stated, derived), other figures,
    possible figures with their reason, failed checks."""
    rows: list[FigureRow] = []
    if cohort.n is not None:
        rows.append(FigureRow("n", "n", str(cohort.n), "", evidence=cohort.n_evidence))
    if cohort.median_age is not None:
        rows.append(FigureRow("age", "median age", fmt_number(cohort.median_age), ""))
    for key in OUTCOME_KEYS:
        outcome, derived = cohort.outcomes.get(key), cohort.derived.get(key)
        if outcome is None and derived is None:
            continue
        stated = format_outcome(outcome) if outcome else "—"
        rows.append(
            FigureRow(
                key,
                OUTCOME_LABELS[key],
                stated,
                format_derived(derived),
                evidence=outcome.evidence if outcome else None,
                stated_style="" if outcome else "dim",
            )
        )
    for name, other in cohort.other.items():
        rows.append(
            FigureRow(
                f"other:{name}", name, other_value(other), "other figure", evidence=other.evidence, kind="other"
            )
        )
    for i, candidate in enumerate(cohort.candidates):
        label = candidate_label(candidate)
        rows.append(
            FigureRow(
                f"candidate{i}",
                f"? {label}",
                candidate_value(candidate),
                f"possible: {candidate.reason}",
                evidence=candidate.evidence,
                kind="candidate",
            )
        )
    for i, check in enumerate(cohort.checks):
        if check.level == "warning":
            rows.append(FigureRow(f"check{i}", "⚠ check", "", check.message, kind="warning"))
    return rows



SEPARATOR = " · "
"""Between the fields of the head line."""


def head_line(fields: Sequence[str | None], width: int | None = None) -> list[str]:
    """Fields joined by ` · `, packed into lines of `width` cells: a separator stands only between
    two fields on the same line, so no line starts or ends with one and none is doubled, whatever
    fields are missing or blank. A field that does not fit after another starts a line of its own
    (a long one, a URL, wraps there by itself). No `width`: one line."""
    lines: list[str] = []
    for field in (" ".join(f.split()) for f in fields if f):
        if not field:
            continue
        if lines and (width is None or cell_len(lines[-1]) + cell_len(SEPARATOR) + cell_len(field) <= width):
            lines[-1] += SEPARATOR + field
        else:
            lines.append(field)
    return lines


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the shown article text, and where it starts in that text."""

    start: int
    text: str
    heading: bool = False


def paragraphs(shown: DisplayText) -> list[Paragraph]:
    """The shown text split at blank lines (headings marked, so they can be drawn bold)."""
    out: list[Paragraph] = []
    for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", shown.text):
        text = match.group().rstrip()
        if text.strip():
            out.append(Paragraph(match.start(), text, any(match.start() <= h < match.end() for h in shown.headings)))
    return out
