"""The comparison screen: metric rows × cohort columns, CIs, composition bars, Fisher's test."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tilbrowse.compare.comparison import Column, Comparison, compare, fisher_sentence, meta_rows
from tilbrowse.export.tables import fmt_number
from tilbrowse.ui.console import BAR_GLYPHS, cell_text, column_header, composition_bar
from tilbrowse.ui.keys import SCROLL_KEYS
from tilbrowse.ui.palette import bar_styles, theme_style


class CompareBody(VerticalScroll, can_focus=True):
    """The comparison in one scroll: j/k and arrows scroll it; h/l and ←/→ move the table's
    cohort columns sideways while the metric column stays put."""

    BINDINGS = [
        *SCROLL_KEYS,
        Binding("h", "scroll_left", "Left", show=False),
        Binding("l", "scroll_right", "Right", show=False),
    ]

    def action_scroll_left(self) -> None:
        """Show the cohort columns to the left."""
        self.query_one(DataTable).scroll_left(animate=False)

    def action_scroll_right(self) -> None:
        """Show the cohort columns to the right."""
        self.query_one(DataTable).scroll_right(animate=False)


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
            yield DataTable(
                id="compare-table", cursor_type="none", zebra_stripes=True, fixed_columns=1, header_height=2
            )
            yield Static(id="bars")
            yield Static(id="fisher")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and the notes below it; old notifications do not follow the user here."""
        self.app.clear_notifications()
        comparison = self.comparison
        table: DataTable[Text] = self.query_one("#compare-table", DataTable)
        table.can_focus = False  # the scroll around it takes the keys
        widths = spread(figure_widths(comparison), comparison, self.size.width)
        table.add_column(Text("metric"), key="metric")
        for i, column in enumerate(comparison.columns):
            head = column_header(column, source=False)  # the source has its own row; a date is never cut
            lines = head.split("\n")
            lines[0].truncate(widths[i], overflow="ellipsis")
            head = Text("\n").join(lines)
            table.add_column(head, key=f"c{i}", width=widths[i])
        for name, values in meta_rows(comparison):
            if name == "cohort id":  # pasted into `tilbrowse compare`: folded onto lines, never cut
                folded = [[v[k : k + widths[i]] for k in range(0, len(v), widths[i])] for i, v in enumerate(values)]
                cells = [Text("\n".join(lines), style="dim") for lines in folded]
                table.add_row(Text(name, style="dim"), *cells, height=max(len(lines) for lines in folded))
                continue
            cells = [Text(_short(v, widths[i]) or "—", style="dim") for i, v in enumerate(values)]
            table.add_row(Text(name, style="dim"), *cells)
        best = theme_style(self.app, "success", bold=True)
        for row in comparison.rows:
            table.add_row(Text(row.label), *(cell_text(cell, best) for cell in row.cells))
        table.add_row(
            Text("ORR 95% CI (exact)"),
            *(
                Text(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else "—", style=theme_style(self.app, "accent"))
                for ci in comparison.orr_ci
            ),
        )
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
        notes = Text("★ best value in the row · dim italic = derived from stated counts, not stated\n", style="dim")
        for column, basis in zip(comparison.columns, comparison.orr_basis, strict=True):
            if basis:
                notes.append(f"{column.cohort.label}: ORR interval from {basis}\n", style="dim")
        sentence = fisher_sentence(comparison)
        if sentence:
            notes.append(sentence + "\n", style="bold")
        notes.append(comparison.caveat, style=theme_style(self.app, "warning", italic=True))
        self.query_one("#fisher", Static).update(notes)
        self.query_one(CompareBody).focus()

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


def spread(widths: list[int], comparison: Comparison, screen_width: int) -> list[int]:
    """Share the screen's spare width among the cohort columns, each up to its longest text."""
    labels = max([len("ORR 95% CI (exact)"), *(len(r.label) for r in comparison.rows)])
    spare = screen_width - 4 - (labels + 2) - sum(w + 2 for w in widths)
    if spare <= 0 or not widths:
        return widths
    wants = [
        max([len(v[i]) for _, v in meta_rows(comparison)] + [len(c.cohort.label)])
        for i, c in enumerate(comparison.columns)
    ]
    share = spare // len(widths)
    return [max(w, min(want, w + share)) for w, want in zip(widths, wants, strict=True)]


def _short(text: str, width: int = 30) -> str:
    """Text cut to `width` characters with "…" (label text only: figures are never passed here)."""
    return text if len(text) <= width else text[: width - 1] + "…"
