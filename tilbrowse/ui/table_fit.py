"""Column widths for the browser's tables of figures (no Textual): a figure is never cut.

A column holds figures (ids, dates, numbers: drawn whole, or the table scrolls sideways) or
labels (titles, products: cut with `…` when there is no room). Label columns share what the
figures leave, none narrower than `LABEL_MIN` unless its text is shorter; a column empty in
every row is left out; when the labels still do not fit, the droppable ones go first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

LABEL_MIN = 8
GAP = 2
"""Cells between two columns (DataTable's cell padding, one each side)."""


@dataclass(frozen=True)
class Col:
    """A column: its name (the row key and header), whether it holds a label, and whether it may
    be left out when narrow (a label the rest of the screen repeats)."""

    name: str
    label: bool = False
    droppable: bool = False


def fit_widths(columns: Sequence[Col], rows: Sequence[Mapping[str, str]], width: int) -> list[tuple[Col, int]]:
    """The columns to draw and their widths within `width` cells (wider only when the figures
    alone need more: then the table scrolls sideways, figures whole)."""
    shown = [c for c in columns if any(row.get(c.name) for row in rows) or c is columns[0]]

    def natural(column: Col) -> int:
        return max([cell_len(column.name), *(cell_len(row.get(column.name, "")) for row in rows)])

    while True:
        figures = sum(natural(c) for c in shown if not c.label)
        labels = [c for c in shown if c.label]
        room = width - GAP * len(shown) - figures
        least = sum(min(LABEL_MIN, natural(c)) for c in labels)
        droppable = [c for c in labels if c.droppable]
        if room >= least or not droppable:
            break
        shown.remove(droppable[-1])
    widths: dict[str, int] = {c.name: natural(c) for c in shown if not c.label}
    wanted = {c.name: natural(c) for c in labels}
    left = max(room, 0)
    # Labels take what they need, the shortest first, then share what is left evenly.
    for count, column in enumerate(sorted(labels, key=lambda c: wanted[c.name])):
        share = left // (len(labels) - count)
        widths[column.name] = max(min(LABEL_MIN, wanted[column.name]), min(wanted[column.name], share))
        left -= widths[column.name]
    return [(c, widths[c.name]) for c in shown]


def clip(text: str, width: int) -> str:
    """A label cut to `width` cells with `…` (whole when it fits)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"
