"""The main screen: search box, article list, detail pane.

State lives here, in `var`s, and flows one way: the open record, the marks and the listing are
bound down to the widgets with `data_bind` and drawn by their watchers; widgets post small
messages up. Disk is read only in workers (loading, the watcher, fetching the open record).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from tilbrowse.extract.model import Cohort
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library, Record
from tilbrowse.library.loader import Loader
from tilbrowse.search.query import parse_query
from tilbrowse.search.results import SORTS
from tilbrowse.settings import Settings
from tilbrowse.ui.commands import bindings
from tilbrowse.ui.keys import FocusFollowingScreen, KeysFollowFocus
from tilbrowse.ui.screens.comparing import CompareCommands
from tilbrowse.ui.screens.copying import CopyCommands
from tilbrowse.ui.screens.messages import Fetched, Loaded, Reloaded, Searched
from tilbrowse.ui.source import open_in_browser, open_source
from tilbrowse.ui.widgets.article_list import ArticleList, Listing, Row, row_of
from tilbrowse.ui.widgets.detail import CohortTable, DetailPane
from tilbrowse.ui.widgets.footer import FittingFooter
from tilbrowse.ui.widgets.status import Status, StatusLine

NARROW = 100
"""Below this many columns the list and the detail pane take turns (tab, enter, escape switch)."""


class SearchBox(KeysFollowFocus, Input):
    """The query box (keys that reach it after the focus left, e.g. `escape j`, go on to the list)."""

    def takes_as_text(self, event: events.Key) -> bool:
        """Printable keys are typed (`q` is a letter here, not quit)."""
        return event.is_printable

    async def action_submit(self) -> None:
        """Enter: the screen moves the focus on at once (keys typed behind enter are commands, not
        letters of the query), then the box says it was submitted."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.leave_search()
        await super().action_submit()


@dataclass(frozen=True, eq=False)
class Results:
    """The search whose results the list shows (`query` None before the first). Compared by
    identity: a new search is a new value (comparing 100,000 ids at each refresh cost more than
    redrawing)."""

    query: str | None = None
    ids: Sequence[str] = ()
    message: str = ""
    """Why nothing matched, or what is wrong with the query."""
    note: str = ""
    """How the query was read (an alias)."""


class MainScreen(CopyCommands, CompareCommands, FocusFollowingScreen):
    """Find an article, read its figures, mark cohorts to compare."""

    AUTO_FOCUS = "#articles"
    """Focused as the screen is composed, before any key is handled (a deferred `focus()` in
    `on_mount` could land after a fast `/` and take the box's focus away)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("screen")
    """From the one command table (`ui.commands.TABLE`), which the palette lists too."""

    query_text: var[str] = var("")
    """The current search query."""
    sort: var[str] = var("relevance", init=False)
    """The list's order: relevance, date or ORR (saved in the settings)."""
    reverse: var[bool] = var(False, init=False)
    """Date and ORR turned round: oldest, lowest ORR first (saved in the settings)."""
    open_id: var[str | None] = var(None)
    """The article chosen for the detail pane."""
    open_record: var[Record | None] = var(None)
    """The chosen article's record, once fetched (bound to the detail pane)."""
    listing: var[Listing] = var(Listing)
    """The search results shown (bound to the article list)."""
    load_progress: var[tuple[int, int] | None] = var((0, 0))
    """(files read, files found) while the corpus loads; None once every file is read."""
    checking: var[bool] = var(False)
    """Every article is listed from the library's image and the folders are being checked for
    changes since (the status line says so)."""
    results: var[Results] = var(lambda: Results())
    """The last search whose results are shown."""
    status: var[Status] = var(Status)
    """What the status line says: computed from the state above (bound to the status line)."""

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        library: Library,
        *,
        settings: Settings,
        settings_path: Path | None = None,
        cache: Cache | None = None,
        watch_interval: float = 1.5,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.library = library
        self.settings = settings
        self.settings_path = settings_path
        self.loader = Loader(
            library,
            self.paths,
            cache=cache,
            watch_interval=watch_interval,
            on_progress=lambda progress: self.post_message(Loaded(progress)),
            on_change=lambda change: self.post_message(Reloaded(change)),
        )
        self._last_search = 0.0
        self._search_took = 0.0
        """Seconds the last search took (a refresh while loading waits ten times as long)."""
        self._open_top = False
        self._focus_table = False

    # The widgets, by type -------------------------------------------------------------------------

    @property
    def search_box(self) -> SearchBox:
        """The query box."""
        return self.query_one("#search", SearchBox)

    @property
    def article_list(self) -> ArticleList:
        """The list of results."""
        return self.query_one("#articles", ArticleList)

    @property
    def detail(self) -> DetailPane:
        """The open article."""
        return self.query_one("#detail", DetailPane)

    @property
    def footer(self) -> FittingFooter:
        """The keys that apply now."""
        return self.query_one(FittingFooter)

    # Loading state, as tests and the hostile soak read it -----------------------------------------

    @property
    def is_loading(self) -> bool:
        """Files are still being read."""
        return self.load_progress is not None

    @property
    def loaded_files(self) -> int:
        """Files read so far (all of them once loaded)."""
        return self.load_progress[0] if self.load_progress is not None else len(self.library.entries)

    @property
    def total_files(self) -> int:
        """Files found."""
        return self.load_progress[1] if self.load_progress is not None else self.loaded_files

    def compose(self) -> ComposeResult:
        """Search box, status line, the two panes and the footer."""
        yield SearchBox(
            placeholder="Search: words, 'exact, !not, tag: drug: disease: nct: trial: after: orr>30 n>=50", id="search"
        )
        yield StatusLine(id="status").data_bind(MainScreen.status)
        with Horizontal(id="panes"):
            yield ArticleList(self._row, id="articles").data_bind(MainScreen.listing)
            yield DetailPane(id="detail").data_bind(record=MainScreen.open_record, marks=MainScreen.marks)
        yield FittingFooter()

    def on_mount(self) -> None:
        """Take the saved sort, focus the list, start loading."""
        self.set_reactive(MainScreen.sort, self.settings.sort)
        self.set_reactive(MainScreen.reverse, self.settings.reverse)
        if self.focused is None:  # AUTO_FOCUS waits for the terminal's focus; the list needs it now
            self._focus(self.article_list)
        self._load()

    def on_resize(self) -> None:
        """Below 100 columns one pane shows at a time (TCSS decides what narrow looks like)."""
        narrow = self.size.width < NARROW
        self.set_class(narrow, "-narrow")
        footer = self.footer
        footer.compact = narrow
        footer.show_command_palette = not narrow

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        """The pane with the focus is the one shown when only one fits."""
        detail = self.detail
        self.set_class(event.widget is detail or detail in event.widget.ancestors, "-show-detail")

    # Loading ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Load the corpus in batches, then watch the folder (`library.loader`, in a worker)."""
        worker = get_current_worker()
        self.loader.run(lambda: worker.is_cancelled)

    def on_unmount(self) -> None:
        """Stop the folder watcher."""
        self.loader.stop()

    @on(Reloaded)
    def _reloaded(self, event: Reloaded) -> None:
        """Files changed on disk: search again, and fetch the open article again if it changed."""
        change = event.change
        self._search()
        if self.open_id is not None and (self.open_id in change.removed or self.open_id in change.changed):
            self._fetch(self.open_id)
        self.notify(
            f"{len(change.changed)} new or changed, {len(change.removed)} removed", title="Folder changed", timeout=3
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        """A batch arrived: count it, and refresh the list a few times a second at most."""
        progress = event.progress
        if progress.checked:
            self.checking = False
            return
        self.load_progress = None if progress.finished else (progress.done, progress.total)
        if progress.restored and progress.finished and not self.loader.checked.is_set():
            self.checking = True  # the image is all listed; what changed on disk since is looked for now
        # While a big corpus loads, the list is refreshed a few times a second, not per batch —
        # and never so often that refreshing takes more than a tenth of the time (at 100,000
        # articles a refresh sorts them all: about 0.1 s).
        if progress.restored and progress.done > progress.restored and not progress.finished:
            # An image restores the whole library in a second or two: the list shows its first
            # part at once and every article when it is done. A refresh between redraws the list
            # for nothing and slows the restore it waits on (0.35 s of 2.5 s at 100,000 articles).
            return
        now = time.monotonic()
        wait = min(2.0, max(0.4, 10 * self._search_took))  # (a search may have waited on a load's lock)
        if progress.finished or (progress.added and now - self._last_search > wait):
            self._last_search = now
            self._search()

    # Searching ----------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        self.query_text = event.value
        self._search()

    def _search(self) -> None:
        """Run the current query in the background."""
        self._run_search(self.query_text, self.sort, self.reverse)

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, query: str, sort: str, reverse: bool) -> None:
        """Search the library (a worker; only the newest search posts its result)."""
        started = time.perf_counter()
        result = self.library.search(query, sort=sort, reverse=reverse)
        self._search_took = time.perf_counter() - started
        self.post_message(Searched(query, result.ids, result.message, result.total, result.note))

    @on(Searched)
    def _searched(self, event: Searched) -> None:
        """Show fresh results; with none, the detail pane shows nothing (never a stale article)."""
        if event.query != self.search_box.value:
            return  # stale: the user typed on
        self.results = Results(event.query, event.ids, event.message, event.note)
        self.listing = Listing(event.ids, parse_query(event.query).terms())
        if not event.ids:
            self.open_id = None
            self._focus_table = False
        elif self.open_id is None or self._open_top:
            self.article_list.cursor = 0
            if self._focus_table and self.open_id == event.ids[0] and self._record_shown():
                self._focus_first_table()  # already open: no new record will ask for it
            self.open_id = event.ids[0]
        self._open_top = False

    def _row(self, article_id: str, terms: Sequence[str]) -> Row:
        """The list row of an article (built only when drawn)."""
        return row_of(article_id, self.library.entries.get(article_id), terms)

    def compute_status(self) -> Status:
        """The status line, from the state: what the list holds, loading, sort, marks, problems,
        why nothing matched (Textual computes it again whenever a reactive of the screen changes)."""
        total = len(self.library.entries)
        results = self.results
        return Status(
            shown=len(results.ids),
            total=total,
            loading=self.load_progress,
            sort=self.sort,
            reverse=self.reverse,
            marked=len(self.marks),
            problems=self.library.problem_count(),
            message=(
                "no articles found in " + ", ".join(map(str, self.paths))
                if self.load_progress is None and total == 0
                else results.message
            ),
            filtered=bool((results.query or "").strip()),
            note=results.note,
            checking=self.checking,
        )

    # Selection ----------------------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        """The list's cursor chooses the open article."""
        if event.article_id is not None:
            self.open_id = event.article_id

    @on(ArticleList.Selected)
    def _selected(self, event: ArticleList.Selected) -> None:
        """Enter on an article: open it and go to its first cohort table."""
        self._focus_table = True
        if event.article_id == self.open_id and self._record_shown():
            self._focus_first_table()
        self.open_id = event.article_id

    def _record_shown(self) -> bool:
        """Whether the open record is the chosen article's (not the one before, while fetching)."""
        record = self.open_record
        return record is not None and record.article.id == self.open_id

    def _focus_first_table(self) -> None:
        """Focus the open article's first cohort table (or its text, when it has none)."""
        self._focus_table = False
        detail = self.detail
        stops = detail.focus_stops()
        self.add_class("-show-detail")
        self._focus(detail.first_table() or stops[-1])

    def watch_open_id(self, article_id: str | None) -> None:
        """Fetch the chosen article's record off the event loop (it may be read from disk)."""
        self.refresh_bindings()
        if article_id is None:
            self.open_record = None
            return
        record = self.library.kept(article_id)
        if record is not None:  # already in memory: no disk, no wait
            self.open_record = record
            return
        self._fetch(article_id)

    @work(thread=True, exclusive=True, group="fetch")
    def _fetch(self, article_id: str) -> None:
        """Read a record (cache or file) in a worker and post it."""
        self.post_message(Fetched(article_id, self.library.records.get(article_id)))

    @on(Fetched)
    def _fetched(self, event: Fetched) -> None:
        """Show the fetched record if it is still the one chosen."""
        if event.article_id == self.open_id:
            self.open_record = event.record

    def watch_open_record(self, record: Record | None) -> None:
        """A new open article: its keys may now apply; enter asked for its first table."""
        self.refresh_bindings()
        if self._focus_table and record is not None:
            self.call_after_refresh(self._focus_first_table)

    def watch_marks(self) -> None:
        """Marks changed: the keys that apply follow (the status is computed)."""
        self.refresh_bindings()

    def watch_sort(self, sort: str) -> None:
        """Save the new order and search again in it (S applies to date and ORR only)."""
        self.settings.sort = sort
        self.settings.save(self.settings_path)
        self._search()
        self.refresh_bindings()

    def watch_reverse(self, reverse: bool) -> None:
        """Save the new direction and search again in it."""
        self.settings.reverse = reverse
        self.settings.save(self.settings_path)
        self._search()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        """Enter in the search box: open the top result and leave the box, so the next keys are
        commands: for the list beside the article when both show, for the article itself when
        only one pane fits (the list alone would hide what enter opened)."""
        articles = self.article_list
        narrow = self.has_class("-narrow")
        self._focus(articles)
        if self.results.query != self.search_box.value:
            self._open_top = True  # results are still coming: open the top one when they arrive
            self._focus_table = narrow
        elif articles.ids:
            articles.cursor = 0
            self._focus_table = narrow
            if self.open_id == articles.ids[0] and self._record_shown() and narrow:
                self._focus_first_table()
            self.open_id = articles.ids[0]

    def leave_search(self) -> None:
        """Enter in the search box: the list has the focus from now on."""
        self._focus(self.article_list)

    # Actions ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what does not apply to the open article and the marks."""
        entry = self.library.entries.get(self.open_id or "")
        if action == "open_source":
            return bool(entry and entry.source_url)
        if action in ("compare", "export"):
            return bool(self.marks or (entry and entry.cohorts))
        if action == "mark":
            return bool(entry and entry.cohorts)
        if action == "reverse_sort":
            return None if self.sort == "relevance" else True  # shown, greyed: relevance has one order
        return True

    def _open_cohorts(self) -> tuple[Cohort, ...]:
        """The cohorts of the open article (none while it is being fetched)."""
        return self.open_record.cohorts if self.open_record else ()

    def action_focus_search(self) -> None:
        """Go to the search box (at once: `/melanoma` typed or pasted in one go all lands there)."""
        self._focus(self.search_box)

    def on_paste(self, event: events.Paste) -> None:
        """A paste outside the search box is a search: it goes to the box (a leading `/`, the
        search key, is not part of the query)."""
        search = self.search_box
        line = next((part.strip() for part in event.text.splitlines() if part.strip()), "")
        if search.has_focus or not line:
            return
        event.stop()
        self._focus(search)
        search.value = line.removeprefix("/")  # a new search, not letters added to the last one
        search.cursor_position = len(search.value)

    def action_cycle_pane(self, step: int = 1) -> None:
        """Tab through search box, list, cohort tables and the article text."""
        stops = self.detail.focus_stops()
        order: list[Widget] = [self.search_box, self.article_list, *stops]
        focused = self.focused
        index = next((i for i, w in enumerate(order) if w is focused), -1)
        target = order[(index + step) % len(order)]
        self.set_class(target in stops, "-show-detail")
        self._focus(target)

    def action_open_source(self) -> None:
        """Open the source in the web browser, only ever a web address (`ui.source`)."""
        record = self.open_record
        open_source(self.app, record.article.source_url if record else None, self._open_in_browser)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """Hand the URL to the system's web browser (a worker: it may block)."""
        open_in_browser(url)

    def action_cycle_sort(self) -> None:
        """Next order: relevance, date, ORR."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)] if self.sort in SORTS else SORTS[0]

    def action_reverse_sort(self) -> None:
        """Turn the date or ORR order round: newest/oldest, highest/lowest ORR first."""
        if self.sort != "relevance":
            self.reverse = not self.reverse

    def action_trials(self) -> None:
        """Every trial of the corpus, grouped across articles; a trial's timeline; a landscape."""
        from tilbrowse.ui.screens.trials import TrialsScreen

        self.app.push_screen(TrialsScreen(self))

    def action_problems(self) -> None:
        """List the files that failed to load and the warnings of those that did."""
        from tilbrowse.ui.screens.problems import ProblemsScreen

        with self.library.lock:
            problems = list(self.library.problems) + self.library.article_problems()
        self.app.push_screen(ProblemsScreen(problems))

    def jump_to(self, article_id: str) -> None:
        """Show an article (from the command palette), clearing a search that hides it."""
        articles = self.article_list
        if article_id not in articles.ids:
            self.search_box.value = ""
        self.open_id = article_id
        if article_id in articles.ids:
            articles.cursor = articles.ids.index(article_id)

    def action_back(self) -> None:
        """Escape: clear the search, then step back a pane."""
        search = self.search_box
        if search.has_focus and search.value:
            search.value = ""
            return
        if (
            search.value
            and not isinstance(self.focused, (CohortTable,))
            and self.focused is not None
            and self.focused.id == "articles"
        ):
            search.value = ""
            return
        if isinstance(self.focused, CohortTable) or (self.focused is not None and self.focused.id == "body"):
            self._focus(self.article_list)
            return
        if search.has_focus:
            self._focus(self.article_list)
