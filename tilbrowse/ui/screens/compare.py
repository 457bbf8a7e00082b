"""The comparison screen: metric rows × cohort columns, CIs, composition bars, Fisher's test."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tilbrowse.compare.comparison import Column, Comparison, compare, fisher_sentence
from tilbrowse.export.tables import fmt_number
from tilbrowse.ui.console import BAR_GLYPHS, cell_text, composition_bar
from tilbrowse.ui.palette import bar_styles, theme_style


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
        """The comparison table, composition bars, Fisher test and caveat."""
        with VerticalScroll(id="compare"):
            yield Static(Text("Cohort comparison", style="bold"), id="compare-title")
            yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="bars")
            yield Static(id="fisher")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and the notes below it."""
        comparison = self.comparison
        table: DataTable[Text] = self.query_one("#compare-table", DataTable)
        table.add_column(Text("metric"), key="metric")
        for i, column in enumerate(comparison.columns):
            head = Text(column.cohort.label, style="bold")
            table.add_column(head, key=f"c{i}")
        table.add_row(Text("cohort id", style="dim"), *(Text(c.id, style="dim") for c in comparison.columns))
        table.add_row(
            Text("article", style="dim"), *(Text(_short(c.article_title), style="dim") for c in comparison.columns)
        )
        table.add_row(
            Text("date", style="dim"), *(Text(c.article_date or "—", style="dim") for c in comparison.columns)
        )
        table.add_row(Text("product", style="dim"), *(Text(c.cohort.product or "—") for c in comparison.columns))
        table.add_row(Text("indication", style="dim"), *(Text(c.cohort.indication or "—") for c in comparison.columns))
        for row in comparison.rows:
            best = theme_style(self.app, "success", bold=True)
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
            bars.append(Text(f"{column.cohort.label[:28]:<30}"))
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
        table.focus()

    def action_export(self) -> None:
        """Export this comparison as Markdown or CSV."""
        from tilbrowse.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.comparison, self.corpus_paths))

    def action_close(self) -> None:
        """Back to the main screen."""
        self.app.pop_screen()


def _short(text: str, width: int = 40) -> str:
    """A title cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
