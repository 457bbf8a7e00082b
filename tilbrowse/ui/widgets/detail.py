"""The detail pane: metadata, one outcome table per cohort, and the article text with evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
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


@dataclass(frozen=True)
class FigureRow:
    """One row of a cohort table, as text: label, stated value, derived value (or note)."""

    key: str
    label: str
    stated: str
    derived: str
    evidence: Evidence | None = None
    kind: Literal["outcome", "other", "warning"] = "outcome"
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
    derived_full = max([derived_min, *(len(r.derived) for r in rows)])
    label_full = max([len("figure"), *(len(r.label) for r in rows)])
    room = width - 3 * padding - stated
    label = min(label_full, max(MIN_LABEL, room - derived_full))
    derived = max(derived_min, min(derived_full, room - label))
    label = max(min(label_full, room - derived), min(MIN_LABEL, label_full))
    return label, stated, derived


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


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


class CohortTable(DataTable[Text]):
    """One cohort's figures: stated plain, derived dim and italic, failed checks marked."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]
    COMPONENT_CLASSES = {"cohort-table--warning"}
    DEFAULT_CSS = """
    CohortTable > .cohort-table--warning { color: $warning; }
    """

    class FigureHighlighted(Message):
        """A figure row got the cursor; its evidence should be shown."""

        def __init__(self, evidence: Evidence | None) -> None:
            self.evidence = evidence
            super().__init__()

    def __init__(self, cohort: Cohort) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, classes="cohort-table")
        self.cohort = cohort
        self._evidence: dict[str, Evidence | None] = {}
        self._width = 0
        """The width the columns were last sized for."""

    def on_mount(self) -> None:
        """Fill the table, and fill it again in the colours of a new theme."""
        self._fill()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())

    def on_resize(self) -> None:
        """Columns are sized to the width the table has: fill it again when that changes."""
        if self.scrollable_content_region.width != self._width:
            self._fill()

    def figure_rows(self) -> list[FigureRow]:
        """One row per figure: n, age, each outcome, other figures, failed checks."""
        cohort = self.cohort
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
        for i, check in enumerate(cohort.checks):
            if check.level == "warning":
                rows.append(FigureRow(f"check{i}", "⚠ check", "", check.message, kind="warning"))
        return rows

    def _fill(self) -> None:
        """Lay the figure rows out in the width the table has: figures whole, labels wrapped."""
        rows = self.figure_rows()
        self._evidence = {row.key: row.evidence for row in rows}
        self._width = width = self.scrollable_content_region.width
        widths = fit_columns(rows, width, padding=2 * self.cell_padding)
        cursor = self.cursor_row
        self.clear(columns=True)
        for title, column_width in zip(("figure", "stated", "derived"), widths, strict=True):
            self.add_column(Text(title), width=column_width)
        warning = self.get_component_rich_style("cohort-table--warning", partial=True)
        for row in rows:
            styles: tuple[str | Style, str | Style, str | Style]
            if row.kind == "warning":
                styles = (warning, "", warning)
            elif row.kind == "other":
                styles = ("dim", "dim", "dim")
            else:
                styles = ("", row.stated_style, "dim italic")
            cells = [wrap_cell(text, w) for text, w in zip((row.label, row.stated, row.derived), widths, strict=True)]
            height = max(len(c) for c in cells)
            self.add_row(
                *(Text("\n".join(cell), style=styles[i]) for i, cell in enumerate(cells)),
                key=row.key,
                height=height,
            )
        if 0 <= cursor < self.row_count:
            self.move_cursor(row=cursor, animate=False)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the pane which figure's evidence to show."""
        event.stop()
        if self.has_focus:
            key = event.row_key.value if event.row_key is not None else None
            self.post_message(self.FigureHighlighted(self._evidence.get(key or "")))

    def on_focus(self) -> None:
        """Show the evidence of the figure under the cursor."""
        if self.row_count and 0 <= self.cursor_row < self.row_count:
            key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
            self.post_message(self.FigureHighlighted(self._evidence.get(key or "")))


def cohort_header(cohort: Cohort, marked: bool) -> Content:
    """A cohort's header in the detail pane: mark, label and id, then product · disease · trial · phase.

    The one builder of this header: it is drawn whole whether or not the cohort is marked."""
    details = " · ".join(
        x
        for x in (cohort.product, cohort.indication, cohort.trial_id, f"phase {cohort.phase}" if cohort.phase else "")
        if x
    )
    return Content.assemble(
        ("✓ " if marked else "  ", "$success bold"),
        (cohort.label, "bold"),
        (f"  {cohort.id}", "dim"),
        ("\n  " + details, "dim") if details else "",
    )


class CohortHeader(Static):
    """The header above one cohort table; redrawn whole when the cohort is marked or unmarked."""

    marked: reactive[bool] = reactive(False)
    """Whether the cohort is marked for comparison."""

    def __init__(self, cohort: Cohort, marked: bool) -> None:
        super().__init__(cohort_header(cohort, marked), classes="cohort-title")
        self.cohort = cohort
        self.set_reactive(CohortHeader.marked, marked)

    def watch_marked(self, marked: bool) -> None:
        """Redraw the header with or without its mark."""
        self.update(cohort_header(self.cohort, marked))


def article_facts(record: Record) -> Content:
    """The article's metadata, lead, warnings and, with no figures, what it does state."""
    article, extraction = record.article, record.extraction
    parts: list[str | tuple[str, str]] = [(article.title or article.id, "bold"), "\n"]
    line = " · ".join(
        x
        for x in (article.date or "no date", article.author, ", ".join(article.trial_ids), article.source_url or "")
        if x
    )
    parts.append((line, "dim"))
    if article.tags:
        parts.append(("\n" + " ".join(f"#{t}" for t in article.tags), "$accent"))
    lead = article.summary or article.standfirst
    if lead:
        parts.append(("\n\n" + lead, "italic"))
    for key, value in article.meta.items():
        if isinstance(value, (str, int, float)) and len(str(value)) < 120:
            parts += [(f"\n{key}: ", "dim"), str(value)]
    for problem in article.problems:
        parts.append((f"\n⚠ {problem.message}", "$warning"))
    if not extraction.cohorts:
        parts.append(("\n\nNo outcome figures reported.", "bold"))
        stated = facts_sentence(extraction.facts)
        if stated:
            parts.append(f" The article states: {stated}.")
    return Content.assemble(*parts)


class DetailPane(Vertical):
    """Metadata, cohort tables and the text of the open article; draws what the screen binds."""

    record: reactive[Record | None] = reactive(None, init=False)
    """The open article (None: nothing selected)."""
    marks: reactive[tuple[str, ...]] = reactive((), init=False)
    """Cohort ids marked for comparison."""

    def compose(self) -> ComposeResult:
        """Facts and cohort tables above, the article text below."""
        with VerticalScroll(id="facts"):
            yield Static(id="meta")
            yield Vertical(id="cohorts")
        yield TextArea(id="body", read_only=True, soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        """Draw the empty state."""
        self.watch_record(self.record)

    def watch_record(self, record: Record | None) -> None:
        """Draw an article (or the empty state)."""
        meta = self.query_one("#meta", Static)
        cohorts = self.query_one("#cohorts", Vertical)
        body = self.query_one("#body", TextArea)
        cohorts.remove_children()
        if record is None:
            meta.update(Content.styled("No article selected.", "italic"))
            body.load_text("")
            return
        meta.update(article_facts(record))
        widgets: list[Static | CohortTable] = []
        for cohort in record.cohorts:
            widgets += [CohortHeader(cohort, cohort.id in self.marks), CohortTable(cohort)]
        cohorts.mount_all(widgets)
        body.load_text(record.article.body)
        self.query_one("#facts", VerticalScroll).scroll_home(animate=False)

    def watch_marks(self, marks: tuple[str, ...]) -> None:
        """Mark or unmark the cohort headers."""
        for header in self.query(CohortHeader):
            header.marked = header.cohort.id in marks

    @on(CohortTable.FigureHighlighted)
    def _figure_highlighted(self, event: CohortTable.FigureHighlighted) -> None:
        """Select the figure's evidence in the article text and scroll it into view."""
        body = self.query_one("#body", TextArea)
        if event.evidence is None:
            body.selection = Selection.cursor((0, 0))
            return
        text = body.text
        body.selection = Selection(location(text, event.evidence.start), location(text, event.evidence.end))
        body.scroll_cursor_visible(center=True, animate=False)

    def focused_cohort(self) -> Cohort | None:
        """The cohort whose table has focus, if any."""
        focused = self.app.focused
        return focused.cohort if isinstance(focused, CohortTable) else None

    def first_table(self) -> CohortTable | None:
        """The first cohort table, if any."""
        tables = list(self.query(CohortTable))
        return tables[0] if tables else None

    def focus_stops(self) -> list[Widget]:
        """The pane's parts that take focus, in tab order: each cohort table, then the text."""
        return [*self.query(CohortTable), self.query_one("#body", TextArea)]
