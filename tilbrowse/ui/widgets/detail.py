"""The detail pane: metadata, one outcome table per cohort, and the article text with evidence."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tilbrowse.export.tables import (
    facts_sentence,
)
from tilbrowse.extract.model import Cohort, Evidence
from tilbrowse.library.library import Record
from tilbrowse.ui.clipboard import CopyRequested
from tilbrowse.ui.detail_text import (
    FigureRow,
    figure_line,
    figure_rows,
    fit_columns,
    head_line,
    paragraphs,
    wrap_cell,
)
from tilbrowse.ui.keys import SCROLL_KEYS, KeysFollowFocus, vim_keys
from tilbrowse.ui.markdown_text import display_text


class CohortTable(KeysFollowFocus, DataTable[Text]):
    """One cohort's figures: stated plain, derived dim and italic, failed checks marked."""

    BINDINGS = [
        *vim_keys("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
        Binding("y", "copy_figure", "Copy", tooltip="Copy the figure, its cohort and the cohort id"),
        Binding("Y", "copy_sentence", "Sentence", show=False, tooltip="Copy the sentence the figure was read from"),
    ]
    COMPONENT_CLASSES = {"cohort-table--warning"}
    DEFAULT_CSS = """
    CohortTable > .cohort-table--warning { color: $warning; }
    """

    class FigureHighlighted(Message):
        """A figure row got the cursor; its evidence should be shown."""

        def __init__(self, table: CohortTable, evidence: Evidence | None) -> None:
            self.table = table
            self.evidence = evidence
            super().__init__()

    def cursor_span(self) -> tuple[int, int]:
        """Where the cursor row is, from the table's top: (first line, lines)."""
        heights = [row.height for row in self.ordered_rows]
        row = max(0, min(self.cursor_row, len(heights) - 1))
        top = (self.header_height if self.show_header else 0) + sum(heights[:row])
        return top, heights[row] if heights else 1

    def __init__(self, cohort: Cohort) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, classes="cohort-table")
        self.cohort = cohort
        self._rows: dict[str, FigureRow] = {}
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
        """One row per figure (`figure_rows`)."""
        return figure_rows(self.cohort)

    def _fill(self) -> None:
        """Lay the figure rows out in the width the table has: figures whole, labels wrapped."""
        rows = self.figure_rows()
        self._rows = {row.key: row for row in rows}
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
            elif row.kind == "candidate":
                styles = ("dim italic", "dim italic", "dim italic")
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

    def current_row(self) -> FigureRow | None:
        """The figure under the cursor."""
        if not (self.row_count and 0 <= self.cursor_row < self.row_count):
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return self._rows.get(key or "")

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the pane which figure's evidence to show."""
        event.stop()
        self.refresh_bindings()  # Y applies only to a figure with a sentence
        if self.has_focus:
            row = self._rows.get(event.row_key.value or "") if event.row_key is not None else None
            self.post_message(self.FigureHighlighted(self, row.evidence if row else None))

    def on_focus(self) -> None:
        """Show the evidence of the figure under the cursor."""
        row = self.current_row()
        if row is not None:
            self.post_message(self.FigureHighlighted(self, row.evidence))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y needs a figure under the cursor; Y a figure read from a sentence (else greyed)."""
        row = self.current_row()
        if action == "copy_figure":
            return True if row is not None else None
        if action == "copy_sentence":
            return True if row is not None and row.evidence is not None else None
        return True

    def action_copy_figure(self) -> None:
        """Ask for the figure under the cursor to be copied as one line."""
        row = self.current_row()
        if row is not None:
            self.post_message(CopyRequested(figure_line(row, self.cohort)))

    def action_copy_sentence(self) -> None:
        """Ask for the sentence of the figure under the cursor to be copied."""
        row = self.current_row()
        if row is not None and row.evidence is not None:
            self.post_message(CopyRequested(row.evidence.text))


def cohort_header(cohort: Cohort, marked: bool, width: int | None = None) -> Content:
    """A cohort's header in the detail pane: mark, label and id, then product · disease · trial · phase
    (packed into `width` cells, see head_line).

    The one builder of this header: it is drawn whole whether or not the cohort is marked."""
    details = head_line(
        (
            cohort.product,
            cohort.indication,
            cohort.trial if cohort.trial and cohort.trial not in cohort.label else "",
            cohort.trial_id,
            f"phase {cohort.phase}" if cohort.phase else "",
        ),
        None if width is None else width - 2,
    )
    return Content.assemble(
        ("✓ " if marked else "  ", "$success bold"),
        (cohort.label, "bold"),
        (f"  {cohort.id}", "dim"),
        ("".join(f"\n  {line}" for line in details), "dim") if details else "",
    )


class CohortHeader(Static):
    """The header above one cohort table; redrawn whole when the cohort is marked or unmarked,
    and at each new width."""

    marked: reactive[bool] = reactive(False)
    """Whether the cohort is marked for comparison."""

    def __init__(self, cohort: Cohort, marked: bool) -> None:
        super().__init__(cohort_header(cohort, marked), classes="cohort-title")
        self.cohort = cohort
        self.set_reactive(CohortHeader.marked, marked)
        self._width: int | None = None

    def watch_marked(self) -> None:
        """Redraw the header with or without its mark."""
        self.update(cohort_header(self.cohort, self.marked, self._width))

    def on_resize(self) -> None:
        """Pack the details line again for the new width."""
        if self.size.width != self._width:
            self._width = self.size.width or None
            self.watch_marked()


def article_head(record: Record, width: int | None = None) -> Content:
    """What the reader needs first: title, date · author · trials · source, tags, the lead, and
    when the article has no figures, that it has none and what it does state (drawn `width` wide)."""
    article, extraction = record.article, record.extraction
    parts: list[str | tuple[str, str]] = [(article.title or article.id, "bold"), "\n"]
    trials = ", ".join(t.strip() for t in article.trial_ids if t.strip())
    fields = (article.date or "no date", article.author, trials, article.source_url)
    parts.append(("\n".join(head_line(fields, width)), "dim"))
    if article.tags:
        parts.append(("\n" + " ".join(f"#{t}" for t in article.tags), "$accent"))
    lead = article.summary or article.standfirst
    if lead:
        parts.append(("\n\n" + lead, "italic"))
    if not extraction.cohorts:
        parts.append(("\n\nNo outcome figures reported.", "bold"))
        stated = facts_sentence(extraction.facts)
        if stated:
            parts.append(f" The article states: {stated}.")
    return Content.assemble(*parts)


def article_notes(record: Record) -> Content:
    """After the figures: the article's warnings, then the feed's other metadata (empty values left out)."""
    article = record.article
    parts: list[str | tuple[str, str]] = []
    for problem in article.problems:
        parts.append((f"⚠ {problem.message}\n", "$warning"))
    shown = [
        (key, str(value))
        for key, value in article.meta.items()
        if isinstance(value, (str, int, float)) and str(value).strip() and len(str(value)) < 120
    ]
    for key, value in shown:
        parts += [(f"{key}: ", "dim"), (value + "\n", "dim")]
    return Content.assemble(*parts).rstrip() if parts else Content("")


def evidence_quote(evidence: Evidence) -> Content:
    """The sentence a figure was read from, its own words marked."""
    text = evidence.text
    lo = max(0, evidence.match_start - evidence.start)
    hi = max(lo, min(len(text), evidence.match_end - evidence.start))
    return Content.assemble(("from the text: ", "dim"), "“", text[:lo], (text[lo:hi], "bold underline"), text[hi:], "”")


class ArticleText(Vertical):
    """The article text, a paragraph per widget, with the selected figure's sentence highlighted."""

    DEFAULT_CSS = """
    ArticleText { height: auto; }
    ArticleText > .paragraph { height: auto; margin-bottom: 1; }
    """

    evidence: reactive[Evidence | None] = reactive(None, init=False)
    """The sentence to highlight (body offsets)."""

    def __init__(self, body: str, *, id: str | None = None) -> None:  # noqa: A002 - Textual's widget id
        super().__init__(id=id)
        self.shown = display_text(body)
        self.parts = paragraphs(self.shown)
        self._lit: set[int] = set()

    def compose(self) -> ComposeResult:
        """A Static per paragraph (text, never markup)."""
        for part in self.parts:
            yield Static(Content.styled(part.text, "bold" if part.heading else ""), classes="paragraph")

    def span(self) -> tuple[int, int] | None:
        """The highlighted span in the shown text."""
        if self.evidence is None:
            return None
        return self.shown.offset(self.evidence.start), self.shown.offset(self.evidence.end)

    @property
    def highlighted_text(self) -> str:
        """The shown text of the highlighted sentence ("" when none)."""
        span = self.span()
        return self.shown.text[span[0] : span[1]] if span else ""

    def watch_evidence(self) -> None:
        """Highlight the paragraphs the sentence is in (the pane's evidence line quotes it, so the
        table the reader is moving through stays in view)."""
        span = self.span()
        widgets = list(self.query(".paragraph").results(Static))
        lit: set[int] = set()
        for i, part in enumerate(self.parts):
            end = part.start + len(part.text)
            if span and span[0] < end and span[1] > part.start:
                lit.add(i)
                lo, hi = max(span[0], part.start) - part.start, min(span[1], end) - part.start
                widgets[i].update(
                    Content.assemble(
                        part.text[:lo], (part.text[lo:hi], "reverse"), part.text[hi:], strip_control_codes=True
                    )
                )
            elif i in self._lit:
                widgets[i].update(Content.styled(part.text, "bold" if part.heading else ""))
        self._lit = lit


class ArticleHead(Static):
    """The article's head, drawn again at each new width so its head line is packed to fit."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's widget id
        super().__init__(id=id)
        self.record: Record | None = None
        self._width: int | None = None

    def show(self, record: Record | None) -> None:
        """Draw this article's head (or the empty state)."""
        self.record = record
        self._draw()

    def on_resize(self) -> None:
        """Pack the head line again for the new width."""
        if self.size.width != self._width:
            self._draw()

    def _draw(self) -> None:
        self._width = self.size.width or None
        if self.record is None:
            self.update(Content.styled("No article selected.", "italic"))
        else:
            self.update(article_head(self.record, self._width))


class DetailPane(KeysFollowFocus, VerticalScroll, can_focus=True):
    """The open article in one scroll: head, cohort tables, notes and metadata, then its text.

    Draws what the screen binds (`record`, `marks`)."""

    BINDINGS = SCROLL_KEYS

    record: reactive[Record | None] = reactive(None, init=False)
    """The open article (None: nothing selected)."""
    marks: reactive[tuple[str, ...]] = reactive((), init=False)
    """Cohort ids marked for comparison."""

    def compose(self) -> ComposeResult:
        """Head, cohorts, notes; the text is mounted with each article."""
        yield ArticleHead(id="head")
        yield Vertical(id="cohorts")
        yield Static(id="meta")
        yield Vertical(id="text")
        yield Static(id="evidence", classes="-empty")

    def on_mount(self) -> None:
        """Draw the empty state."""
        self.watch_record(self.record)

    def watch_record(self, record: Record | None) -> None:
        """Draw an article (or the empty state)."""
        head = self.query_one("#head", ArticleHead)
        cohorts = self.query_one("#cohorts", Vertical)
        notes = self.query_one("#meta", Static)
        text = self.query_one("#text", Vertical)
        cohorts.remove_children()
        text.remove_children()
        self.query_one("#evidence", Static).add_class("-empty")
        head.show(record)
        if record is None:
            notes.update("")
            return
        widgets: list[Static | CohortTable] = []
        for cohort in record.cohorts:
            widgets += [CohortHeader(cohort, cohort.id in self.marks), CohortTable(cohort)]
        cohorts.mount_all(widgets)
        notes.update(article_notes(record))
        notes.set_class(not article_notes(record).plain, "-empty")
        text.mount(ArticleText(record.article.body))
        self.scroll_home(animate=False)

    def watch_marks(self, marks: tuple[str, ...]) -> None:
        """Mark or unmark the cohort headers."""
        for header in self.query(CohortHeader):
            header.marked = header.cohort.id in marks

    @on(CohortTable.FigureHighlighted)
    def _figure_highlighted(self, event: CohortTable.FigureHighlighted) -> None:
        """Keep the figure in view, quote its sentence under the pane, highlight it in the text."""
        table = event.table
        if isinstance(table.parent, Widget):
            top, lines = table.cursor_span()
            y = table.parent.virtual_region.y + table.virtual_region.y + top
            self.scroll_to_region(Region(0, y, 1, lines), animate=False, force=True, spacing=Spacing(1, 0, 7, 0))
        for body in self.query(ArticleText):
            body.evidence = event.evidence
        line = self.query_one("#evidence", Static)
        line.set_class(event.evidence is None, "-empty")
        line.update(evidence_quote(event.evidence) if event.evidence else "")

    def highlighted_text(self) -> str:
        """The article text of the highlighted figure's sentence ("" when none)."""
        return "".join(body.highlighted_text for body in self.query(ArticleText))

    def focused_cohort(self) -> Cohort | None:
        """The cohort whose table has focus, if any."""
        focused = self.app.focused
        return focused.cohort if isinstance(focused, CohortTable) else None

    def tables(self) -> list[CohortTable]:
        """The open article's cohort tables — not those of the article before, still being removed
        (focused, one would take every later key with it)."""
        return [t for t in self.query(CohortTable) if t.is_attached and not t._pruning]

    def first_table(self) -> CohortTable | None:
        """The first cohort table, if any."""
        tables = self.tables()
        return tables[0] if tables else None

    def focus_stops(self) -> list[Widget]:
        """The pane's parts that take focus, in tab order: each cohort table, then the pane (to scroll the text)."""
        return [*self.tables(), self]
