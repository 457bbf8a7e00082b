"""The comparison screen: metric rows × cohort columns, CIs, composition bars, Fisher's test."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tilbrowse.compare.comparison import Column, Comparison, compare, fisher_sentence, meta_rows
from tilbrowse.export.tables import fmt_number
from tilbrowse.trials.formats import ForestItem
from tilbrowse.ui.console import BAR_GLYPHS, cell_text, composition_bar
from tilbrowse.ui.keys import SCROLL_KEYS
from tilbrowse.ui.palette import bar_styles, theme_style
from tilbrowse.ui.widgets.footer import FittingFooter
from tilbrowse.ui.widgets.forest import ForestChart


class CompareBody(VerticalScroll, can_focus=True):
    """The comparison in one scroll: j/k and arrows scroll it; h/l and ←/→ move the table's
    cohort columns sideways while the metric column stays put."""

    BINDINGS = [
        *SCROLL_KEYS,
        Binding("h", "scroll_left", "Left", show=False),
        Binding("l", "scroll_right", "Right", show=False),
    ]

    def action_scroll_left(self) -> None:
        """Show the cohort column to the left (when not all fit)."""
        screen = self.screen
        if isinstance(screen, CompareScreen):
            screen.shift(-1)

    def action_scroll_right(self) -> None:
        """Show the cohort column to the right (when not all fit)."""
        screen = self.screen
        if isinstance(screen, CompareScreen):
            screen.shift(1)


class CompareScreen(Screen[None]):
    """Cohorts side by side."""

    BINDINGS = [
        Binding("e", "export", "Export", tooltip="Export as Markdown or CSV (file or clipboard)"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self, columns: Sequence[Column], corpus_paths: Sequence[str]) -> None:
        super().__init__()
        self.comparison: Comparison = compare(columns)
        self.corpus_paths = list(corpus_paths)

    def compose(self) -> ComposeResult:
        """The comparison table, composition bars, Fisher test and caveat, in one scroll."""
        with CompareBody(id="compare"):
            yield Static(Text("Cohort comparison", style="bold"), id="compare-title")
            yield DataTable(id="compare-table", cursor_type="none", zebra_stripes=True, header_height=2)
            yield Static(id="bars")
            yield ForestChart(self._forest(), title="ORR with its exact 95% interval", id="compare-forest")
            yield Static(id="fisher")
        yield FittingFooter()

    def on_mount(self) -> None:
        """Fill the table and the notes below it; old notifications do not follow the user here."""
        self.app.clear_notifications()
        self.first = 0
        """The first cohort column shown (when not all fit, h/l move by whole columns)."""
        self.query_one("#compare-table", DataTable).can_focus = False  # the scroll around it takes the keys
        self._fill_table()
        self._fill_notes()
        self.query_one(CompareBody).focus()

    def on_resize(self) -> None:
        """Lay the columns out again for the new width."""
        self._fill_table()

    def shift(self, step: int) -> None:
        """Show the next (or previous) cohort column when they do not all fit."""
        shown = len(self.window())
        last_first = max(0, len(self.comparison.columns) - shown)
        self.first = max(0, min(last_first, self.first + step))
        self._fill_table()

    def window(self) -> range:
        """The cohort columns that fit whole beside the metric column, from `first`."""
        comparison = self.comparison
        widths = figure_widths(comparison)
        room = self.size.width - 4 - (metric_width(comparison) + 2)
        end = self.first
        while end < len(widths) and room - (widths[end] + 2) >= 0:
            room -= widths[end] + 2
            end += 1
        return range(self.first, max(end, self.first + 1))

    def _fill_table(self) -> None:
        """Metric rows × the cohort columns that fit whole: a figure is never shown in part."""
        comparison = self.comparison
        table: DataTable[Text] = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        shown = self.window()
        all_widths = spread(figure_widths(comparison), comparison, self.size.width, shown)
        widths = {i: all_widths[i] for i in shown}
        title = Text("Cohort comparison", style="bold")
        if len(shown) < len(comparison.columns):
            title.append(
                f"  cohorts {shown.start + 1}–{shown.stop} of {len(comparison.columns)} (h/l for the others)",
                style="dim",
            )
        self.query_one("#compare-title", Static).update(title)
        table.add_column(Text("metric"), key="metric", width=metric_width(comparison))
        for i in shown:
            column = comparison.columns[i]
            head = Text(_short(column.cohort.label, widths[i]), style="bold")
            head.append("\n" + (column.article_date or ""), style="dim")  # the source has its own row
            table.add_column(head, key=f"c{i}", width=widths[i])
        for name, values in meta_rows(comparison):
            if name == "cohort id":  # pasted into `tilbrowse compare`: folded onto lines, never cut
                folded = [fold_id(values[i], widths[i]) for i in shown]
                cells = [Text("\n".join(lines), style="dim") for lines in folded]
                table.add_row(Text(name, style="dim"), *cells, height=max(len(lines) for lines in folded))
                continue
            table.add_row(
                Text(name, style="dim"), *(Text(_short(values[i], widths[i]) or "—", style="dim") for i in shown)
            )
        best = theme_style(self.app, "success", bold=True)
        for row in comparison.rows:
            table.add_row(Text(row.label), *(cell_text(row.cells[i], best) for i in shown))
        accent = theme_style(self.app, "accent")
        intervals = [comparison.orr_ci[i] for i in shown]
        table.add_row(
            Text("ORR 95% CI (exact)"),
            *(Text(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else "—", style=accent) for ci in intervals),
        )

    def _forest(self) -> list[ForestItem]:
        """The forest plot's lines: each cohort's stated ORR and its interval."""
        items = []
        for column, ci in zip(self.comparison.columns, self.comparison.orr_ci, strict=True):
            rate = column.cohort.rate("orr")
            items.append(ForestItem(column.cohort.label, rate.percent if rate else None, ci, column.cohort.n))
        return items

    def _fill_notes(self) -> None:
        """Composition bars, the interval bases, Fisher's test and the caveat."""
        comparison = self.comparison
        styles = bar_styles(self.app)
        bars = Text("Response composition  ", style="bold")
        for name, style in styles.items():
            bars.append(f"{BAR_GLYPHS[name] * 2} ", style=style)
            bars.append(f"{name}  ", style="dim")
        bars.append("\n")
        for column, comp in zip(comparison.columns, comparison.compositions, strict=True):
            bars.append(Text(f"{_short(column.cohort.label, 28):<30}"))
            bars.append_text(composition_bar(comp, width=40, styles=styles))
            bars.append("\n")
        self.query_one("#bars", Static).update(bars)
        notes = Text(
            "★ best value in the row · dim italic = derived from stated counts, not stated · "
            "? = possible (read, not sure enough to state), never ranked\n",
            style="dim",
        )
        for column, basis in zip(comparison.columns, comparison.orr_basis, strict=True):
            if basis:
                notes.append(f"{column.cohort.label}: ORR interval from {basis}\n", style="dim")
        sentence = fisher_sentence(comparison)
        if sentence:
            notes.append(sentence + "\n", style="bold")
        notes.append(comparison.caveat, style=theme_style(self.app, "warning", italic=True))
        self.query_one("#fisher", Static).update(notes)

    def action_export(self) -> None:
        """Export this comparison as Markdown or CSV."""
        from tilbrowse.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.comparison, self.corpus_paths))

    def action_close(self) -> None:
        """Back to the main screen."""
        self.app.clear_notifications()
        self.app.pop_screen()


MIN_COLUMN = 12
"""A cohort column is at least this wide (its label and article are cut to fit, never its figures)."""


def figure_widths(comparison: Comparison) -> list[int]:
    """Each cohort column's width: its longest figure (never cut, with the ★ of a best value),
    at least MIN_COLUMN; header and article text are cut to it, so columns fit side by side."""
    widths = [MIN_COLUMN] * len(comparison.columns)
    for row in comparison.rows:
        for i, cell in enumerate(row.cells):
            widths[i] = max(widths[i], len(cell.text) + (2 if cell.best else 0))
    for i, ci in enumerate(comparison.orr_ci):
        if ci:
            widths[i] = max(widths[i], len(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%"))
    return widths


def fold_id(cohort_id: str, width: int) -> list[str]:
    """A cohort id on lines of `width`, broken after `_` or before `#` (never inside a number)."""
    pieces = re.findall(r"[^_#]+_?|#[^_#]*", cohort_id)
    lines = [""]
    for piece in pieces:
        while len(piece) > width:  # a piece longer than the column: cut it, there is no other way
            if lines[-1]:
                lines.append("")
            lines[-1], piece = piece[:width], piece[width:]
            lines.append("")
        if len(lines[-1]) + len(piece) > width and lines[-1]:
            lines.append(piece)
        else:
            lines[-1] += piece
    return [line for line in lines if line] or [""]


def metric_width(comparison: Comparison) -> int:
    """The metric column: as wide as its longest label."""
    return max([len("ORR 95% CI (exact)"), *(len(r.label) for r in comparison.rows)])


def spread(widths: list[int], comparison: Comparison, screen_width: int, shown: range | None = None) -> list[int]:
    """Share the screen's spare width among the shown cohort columns, each up to its longest text."""
    shown = shown if shown is not None else range(len(widths))
    spare = screen_width - 4 - (metric_width(comparison) + 2) - sum(widths[i] + 2 for i in shown)
    if spare <= 0 or not len(shown):
        return widths
    wants = [
        max([len(v[i]) for _, v in meta_rows(comparison)] + [len(c.cohort.label)])
        for i, c in enumerate(comparison.columns)
    ]
    share = spare // len(shown)
    return [
        max(w, min(want, w + share)) if i in shown else w for i, (w, want) in enumerate(zip(widths, wants, strict=True))
    ]


def _short(text: str, width: int = 30) -> str:
    """Text cut to `width` characters with "…" (label text only). A word holding a digit is
    dropped whole rather than cut, so a label never shows part of a number ("C-144" is never "C-14…")."""
    if len(text) <= width:
        return text
    cut = text[: max(0, width - 1)]
    rest = text[len(cut) :]
    if rest[:1].isalnum() or rest[:1] in "-./":
        start = max(cut.rfind(" "), cut.rfind("("), cut.rfind("/")) + 1
        if any(ch.isdigit() for ch in cut[start:] + rest.split(" ", 1)[0]):
            cut = cut[:start]
    return cut.rstrip() + "…"
