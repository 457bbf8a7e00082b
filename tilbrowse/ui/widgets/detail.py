"""The detail pane: metadata, one outcome table per cohort, and the article text with evidence."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Static, TextArea
from textual.widgets.text_area import Selection

from tilbrowse.export.tables import facts_sentence, fmt_number, format_derived, format_outcome, other_value
from tilbrowse.extract.model import OUTCOME_KEYS, OUTCOME_LABELS, Cohort, Evidence
from tilbrowse.library.library import Record


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset in text."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return row, column


class CohortTable(DataTable[Text]):
    """One cohort's figures: stated plain, derived dim and italic, failed checks marked."""

    class FigureHighlighted(Message):
        """A figure row got the cursor; its evidence should be shown."""

        def __init__(self, evidence: Evidence | None) -> None:
            self.evidence = evidence
            super().__init__()

    def __init__(self, cohort: Cohort) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, classes="cohort-table")
        self.cohort = cohort
        self._evidence: dict[str, Evidence | None] = {}

    def on_mount(self) -> None:
        self.add_columns(Text("figure"), Text("stated"), Text("derived"))
        cohort = self.cohort
        if cohort.n is not None:
            self._evidence["n"] = cohort.n_evidence
            self.add_row(Text("n"), Text(str(cohort.n)), Text(""), key="n")
        if cohort.median_age is not None:
            self.add_row(Text("median age"), Text(fmt_number(cohort.median_age)), Text(""), key="age")
        for key in OUTCOME_KEYS:
            outcome, derived = cohort.outcomes.get(key), cohort.derived.get(key)
            if outcome is None and derived is None:
                continue
            self._evidence[key] = outcome.evidence if outcome else None
            stated = Text(format_outcome(outcome)) if outcome else Text("—", style="dim")
            self.add_row(
                Text(OUTCOME_LABELS[key]),
                stated,
                Text(format_derived(derived), style="dim italic"),
                key=key,
            )
        for name, other in cohort.other.items():
            value = other_value(other)
            self._evidence[f"other:{name}"] = other.evidence
            self.add_row(
                Text(name, style="dim"),
                Text(value, style="dim"),
                Text("other figure", style="dim"),
                key=f"other:{name}",
            )
        for i, check in enumerate(cohort.checks):
            if check.level == "warning":
                self.add_row(
                    Text("⚠ check", style="yellow"), Text(""), Text(check.message, style="yellow"), key=f"check{i}"
                )

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.has_focus:
            key = event.row_key.value if event.row_key is not None else None
            self.post_message(self.FigureHighlighted(self._evidence.get(key or "")))

    def on_focus(self) -> None:
        if self.row_count and 0 <= self.cursor_row < self.row_count:
            key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
            self.post_message(self.FigureHighlighted(self._evidence.get(key or "")))


class DetailPane(Vertical):
    """Metadata, cohort tables and the text of the open article."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="facts"):
            yield Static(id="meta")
            yield Vertical(id="cohorts")
        yield TextArea(id="body", read_only=True, soft_wrap=True, show_line_numbers=False)

    def show(self, record: Record | None, marks: set[str]) -> None:
        """Show an article (or the empty state)."""
        meta = self.query_one("#meta", Static)
        cohorts = self.query_one("#cohorts", Vertical)
        body = self.query_one("#body", TextArea)
        cohorts.remove_children()
        if record is None:
            meta.update(Text("No article selected.", style="italic"))
            body.load_text("")
            return
        article, extraction = record.article, record.extraction
        text = Text()
        text.append(article.title or article.id, style="bold")
        text.append("\n")
        line = " · ".join(
            x
            for x in (
                article.date or "no date",
                article.author,
                ", ".join(article.trial_ids),
                article.source_url or "",
            )
            if x
        )
        text.append(line, style="dim")
        if article.tags:
            text.append("\n" + " ".join(f"#{t}" for t in article.tags), style="cyan")
        lead = article.summary or article.standfirst
        if lead:
            text.append("\n\n" + lead, style="italic")
        for key, value in article.meta.items():
            if isinstance(value, (str, int, float)) and len(str(value)) < 120:
                text.append(f"\n{key}: ", style="dim")
                text.append(str(value))
        for problem in article.problems:
            text.append(f"\n⚠ {problem.message}", style="yellow")
        if not extraction.cohorts:
            stated = facts_sentence(extraction.facts)
            text.append("\n\nNo outcome figures reported.", style="bold")
            if stated:
                text.append(f" The article states: {stated}.")
        meta.update(text)
        widgets = []
        for cohort in extraction.cohorts:
            title = Text("✓ " if cohort.id in marks else "  ", style="green bold")
            title.append(cohort.label, style="bold")
            title.append(f"  {cohort.id}", style="dim")
            details = " · ".join(
                x
                for x in (
                    cohort.product,
                    cohort.indication,
                    cohort.trial_id,
                    f"phase {cohort.phase}" if cohort.phase else "",
                )
                if x
            )
            if details:
                title.append("\n  " + details, style="dim")
            widgets += [Static(title, classes="cohort-title"), CohortTable(cohort)]
        cohorts.mount_all(widgets)
        body.load_text(article.body)
        self.query_one("#facts", VerticalScroll).scroll_home(animate=False)

    def mark_titles(self, marks: set[str]) -> None:
        """Refresh the ✓ marks of the cohort titles."""
        for table in self.query(CohortTable):
            index = list(table.parent.children).index(table) if table.parent else 0
            if table.parent is None or index == 0:
                continue
            title = table.parent.children[index - 1]
            if isinstance(title, Static):
                text = Text("✓ " if table.cohort.id in marks else "  ", style="green bold")
                text.append(table.cohort.label, style="bold")
                text.append(f"  {table.cohort.id}", style="dim")
                title.update(text)

    def show_evidence(self, evidence: Evidence | None) -> None:
        """Select the evidence in the article text and scroll it into view."""
        body = self.query_one("#body", TextArea)
        if evidence is None:
            body.selection = Selection.cursor((0, 0))
            return
        text = body.text
        body.selection = Selection(location(text, evidence.start), location(text, evidence.end))
        body.scroll_cursor_visible(center=True, animate=False)

    def focused_cohort(self) -> Cohort | None:
        """The cohort whose table has focus, if any."""
        focused = self.app.focused
        return focused.cohort if isinstance(focused, CohortTable) else None

    def first_table(self) -> CohortTable | None:
        """The first cohort table, if any."""
        tables = list(self.query(CohortTable))
        return tables[0] if tables else None
