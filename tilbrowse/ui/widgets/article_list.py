"""The article list: a line-API virtual list, so 100,000 rows cost what the visible rows cost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tilbrowse.library.record import Entry
from tilbrowse.search.highlight import highlight_spans
from tilbrowse.ui.clipboard import CopyRequested
from tilbrowse.ui.keys import KeysFollowFocus


@dataclass(frozen=True)
class Row:
    """What one list row shows."""

    id: str
    title: str
    date: str
    has_figures: bool
    best_orr: float | None
    spans: tuple[tuple[int, int], ...] = ()
    """Matched characters of the title, highlighted."""
    problems: bool = False


@dataclass(frozen=True, eq=False)
class Listing:
    """What the list shows: article ids in order, and the query words to highlight (compared
    by identity, as `MainScreen.results`)."""

    ids: Sequence[str] = ()
    terms: tuple[str, ...] = ()


RowMaker = Callable[[str, Sequence[str]], Row]
"""Builds the row of an article id, highlighting the given query words."""


def row_of(article_id: str, entry: Entry | None, terms: Sequence[str]) -> Row:
    """The list row of an article: its title with the query's terms marked, date, best ORR."""
    if entry is None:
        return Row(article_id, article_id, "", False, None)
    title = entry.title or article_id
    return Row(
        id=article_id,
        title=title,
        date=entry.date or "",
        has_figures=bool(entry.cohorts),
        best_orr=entry.best_orr,
        spans=tuple(highlight_spans(title, terms)),
        problems=bool(entry.problems),
    )


@dataclass(frozen=True)
class RowLayout:
    """How many cells each part of a list row gets (0: left out)."""

    marker: int
    date: int
    title: int
    orr: str
    orr_width: int
    problem: int


def best_orr_text(value: float | None) -> str:
    """The best ORR as the list shows it: whole, never rounded away ("57.8%")."""
    return f"{value:g}%" if value is not None else ""


def row_layout(row: Row, width: int) -> RowLayout:
    """Share a row's width out by priority: the ORR is never cut; label text goes first."""
    orr = best_orr_text(row.best_orr)
    if len(orr) > width:
        orr = ""  # a cell too narrow for the whole number shows none of it, never part of it
    orr_width = max(len(orr), 6) + 1 if width >= 24 else len(orr) + (1 if orr else 0)
    left = width - orr_width
    problem = 2 if row.problems and left >= 6 else 0
    left -= problem
    marker = 2 if left >= 4 else 0
    left -= marker
    # The date column is the width's to keep or drop, not the row's: an undated article keeps
    # it blank, so every title starts in the same column.
    date = 11 if left - 11 >= 16 else 0
    left -= date
    return RowLayout(marker, date, max(0, left), orr, orr_width, problem)


def _cut(text: str, width: int) -> str:
    """Text cut to `width` cells with "…" when it does not fit."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class ArticleList(KeysFollowFocus, ScrollView, can_focus=True):
    """Rows of articles with a cursor; posts Highlighted and Selected with the article id."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", tooltip="Open the highlighted article"),
        Binding("y", "copy_article_id", "Copy", tooltip="Copy the highlighted article's id"),
    ]
    DEFAULT_CSS = """
    ArticleList { background: $surface; }
    ArticleList > .article-list--figures { color: $success; }
    ArticleList > .article-list--problem { color: $warning; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)
    """Index of the highlighted row (-1 when the list is empty)."""
    listing: reactive[Listing] = reactive(Listing, init=False)
    """The articles shown (bound from the screen); the cursor stays on the same article."""

    class Highlighted(Message):
        """The cursor moved to an article."""

        def __init__(self, article_id: str | None) -> None:
            self.article_id = article_id
            super().__init__()

    class Selected(Message):
        """An article was chosen (enter or click)."""

        def __init__(self, article_id: str) -> None:
            self.article_id = article_id
            super().__init__()

    def __init__(self, row_for: RowMaker, *, id: str | None = None) -> None:  # noqa: A002 - Textual's widget id
        super().__init__(id=id)
        self._row_for = row_for
        self._ids: Sequence[str] = []
        self._cache: dict[str, Row] = {}
        self.highlighted_before: str | None = None

    def watch_listing(self, listing: Listing) -> None:
        """Show these articles; rows are built lazily, only when drawn. The cursor stays on the
        article it was on if the user had moved it down; at the top it stays at the top (so a
        cold load that brings newer articles keeps the newest highlighted, as fzf does)."""
        keep = self.highlighted if self.cursor > 0 else None
        self._ids = listing.ids
        self._cache = {}
        self.virtual_size = Size(self.size.width, len(self._ids))
        target = self._ids.index(keep) if keep is not None and keep in self._ids else (0 if self._ids else -1)
        before = self.highlighted_before = keep
        self.set_reactive(ArticleList.cursor, target)
        if self.highlighted != before:
            self.post_message(self.Highlighted(self.highlighted))
        if target >= 0 and not (self.scroll_offset.y <= target < self.scroll_offset.y + max(1, self.size.height)):
            self._scroll_cursor_visible(center=True)
        self.refresh()

    @property
    def ids(self) -> Sequence[str]:
        """The article ids shown, in order."""
        return self._ids

    @property
    def highlighted(self) -> str | None:
        """The article under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def row(self, index: int) -> Row:
        """The row at an index (built on first use)."""
        article_id = self._ids[index]
        found = self._cache.get(article_id)
        if found is None:
            found = self._cache[article_id] = self._row_for(article_id, self.listing.terms)
        return found

    def watch_cursor(self, old: int, new: int) -> None:
        """Tell the screen which article is highlighted."""
        if old != new:
            self.post_message(self.Highlighted(self.highlighted))
        if (old < 0) != (new < 0):
            self.refresh_bindings()  # y applies only with an article under the cursor
        self.refresh()

    def _scroll_cursor_visible(self, center: bool = False) -> None:
        """Scroll so the cursor row is in view."""
        if self.cursor >= 0:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, center=center, force=True)

    def action_cursor_down(self) -> None:
        """Next article."""
        if self.cursor < len(self._ids) - 1:
            self.cursor += 1
            self._scroll_cursor_visible()

    def action_cursor_up(self) -> None:
        """Previous article."""
        if self.cursor > 0:
            self.cursor -= 1
            self._scroll_cursor_visible()

    def action_first(self) -> None:
        """First article."""
        if self._ids:
            self.cursor = 0
            self._scroll_cursor_visible()

    def action_last(self) -> None:
        """Last article."""
        if self._ids:
            self.cursor = len(self._ids) - 1
            self._scroll_cursor_visible()

    def action_page_down(self) -> None:
        """A page down."""
        if self._ids:
            self.cursor = min(len(self._ids) - 1, self.cursor + max(1, self.size.height - 1))
            self._scroll_cursor_visible()

    def action_page_up(self) -> None:
        """A page up."""
        if self._ids:
            self.cursor = max(0, self.cursor - max(1, self.size.height - 1))
            self._scroll_cursor_visible()

    def action_select(self) -> None:
        """Open the highlighted article."""
        if self.highlighted is not None:
            self.post_message(self.Selected(self.highlighted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y needs an article under the cursor (else greyed)."""
        if action == "copy_article_id":
            return True if self.highlighted is not None else None
        return True

    def action_copy_article_id(self) -> None:
        """Ask for the highlighted article's id to be copied."""
        if self.highlighted is not None:
            self.post_message(CopyRequested(self.highlighted, f"the article id {self.highlighted}"))

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a double click opens it."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._ids):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def render_line(self, y: int) -> Strip:
        """Draw one visible row (the line API: only visible rows cost anything)."""
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width  # never under the scrollbar
        base = self.rich_style
        if index >= len(self._ids) or width <= 0:
            return Strip.blank(width, base)
        row = self.row(index)
        text = self._row_text(row, width)
        if index == self.cursor:
            cursor = (
                self.get_component_rich_style("article-list--cursor")
                if self.has_focus
                else Style(reverse=True, dim=True)
            )
            text.stylize(cursor)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).crop_extend(0, width, base)
        return strip.apply_style(base) if index != self.cursor else strip

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--match",
        "article-list--figures",
        "article-list--problem",
    }

    def _row_text(self, row: Row, width: int) -> Text:
        """One row: figures marker, date, title with matches, best ORR, problem mark.

        Laid out right to left by priority, so the row never exceeds `width`: the best ORR is
        always whole; then the marker and problem mark; then the date (dropped when it would
        leave the title under 16 characters); the title takes what is left, cut with "…"."""
        layout = row_layout(row, width)
        line = Text(no_wrap=True)
        if layout.marker:
            figures = self.get_component_rich_style("article-list--figures", partial=True)
            line.append("● " if row.has_figures else "· ", style=figures if row.has_figures else "dim")
        if layout.date:
            line.append((row.date or "")[:10].ljust(10) + " ", style="dim")
        if layout.title:
            title = Text(_cut(row.title or row.id, layout.title), no_wrap=True)
            match_style = self.get_component_rich_style("article-list--match")
            for start, end in row.spans:
                if start < layout.title - 1:
                    title.stylize(match_style, start, min(end, layout.title - 1))
            title.pad_right(layout.title - len(title.plain))
            line.append_text(title)
        line.append(layout.orr.rjust(layout.orr_width), style="bold" if layout.orr else "")
        if layout.problem:
            line.append(" !", style=self.get_component_rich_style("article-list--problem", partial=True))
        return line

    def on_resize(self) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(self.size.width, len(self._ids))


__all__ = ["ArticleList", "Row", "Segment"]
