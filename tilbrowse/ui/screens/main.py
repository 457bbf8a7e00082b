"""The main screen: search box, article list, detail pane.

State lives here, in `var`s, and flows one way: the open record, the marks and the listing are
bound down to the widgets with `data_bind` and drawn by their watchers; widgets post small
messages up. Disk is read only in workers (loading, the watcher, fetching the open record).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from tilbrowse.compare.comparison import columns_for
from tilbrowse.corpus.models import Problem
from tilbrowse.corpus.urls import check_url, shown_value, web_url
from tilbrowse.extract.model import Cohort
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library, Record, Summary, analyse_summary, load_in_batches
from tilbrowse.library.watch import Signature, snapshot
from tilbrowse.library.watch import compare as compare_snapshots
from tilbrowse.search.highlight import highlight_spans
from tilbrowse.search.query import parse_query
from tilbrowse.search.results import SORTS
from tilbrowse.settings import Settings
from tilbrowse.ui.clipboard import CopyRequested, copy_text
from tilbrowse.ui.keys import KeysFollowFocus, passed_on, reached_directly
from tilbrowse.ui.widgets.article_list import ArticleList, Listing, Row
from tilbrowse.ui.widgets.detail import CohortTable, DetailPane
from tilbrowse.ui.widgets.footer import FittingFooter
from tilbrowse.ui.widgets.status import Status, StatusLine

NARROW = 100
"""Below this many columns the list and the detail pane take turns (tab, enter, escape switch)."""


def graphical_session() -> bool:
    """True where `webbrowser` would start a graphical browser rather than take over the terminal."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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


class MainScreen(Screen[None]):
    """Find an article, read its figures, mark cohorts to compare."""

    AUTO_FOCUS = "#articles"
    """Focused as the screen is composed, before any key is handled (a deferred `focus()` in
    `on_mount` could land after a fast `/` and take the box's focus away)."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", tooltip="Type to search (fuzzy)"),
        Binding("tab", "cycle_pane", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("space", "mark", "Mark", tooltip="Mark the cohort (or all cohorts of the article) for comparison"),
        Binding("c", "compare", "Compare", tooltip="Compare marked cohorts, or the cohorts of this article"),
        Binding("e", "export", "Export", tooltip="Export the comparison as Markdown or CSV"),
        Binding("o", "open_source", "Source", tooltip="Open the article's source URL"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by relevance, date or ORR"),
        # Not in the footer, which has no room left at 120 columns: the status line's arrow,
        # the help screen and the palette ("list: reverse sort  S") make it known.
        Binding("S", "reverse_sort", "Reverse", show=False, tooltip="Oldest or lowest ORR first, or back"),
        Binding("p", "problems", "Problems", tooltip="Files that failed to load and why"),
        Binding("escape", "back", "Back", show=False),
    ]

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
    marks: var[tuple[str, ...]] = var(())
    """Cohort ids marked for comparison, in marking order (bound to the detail pane)."""
    listing: var[Listing] = var(Listing)
    """The search results shown (bound to the article list)."""
    status: var[Status] = var(Status)
    """What the status line says (bound to it)."""

    class Loaded(Message):
        """A batch of articles arrived from the background loader (counts only: the articles
        are already in the library, and a queue of big batches would hold memory)."""

        def __init__(self, done: int, total: int, added: int) -> None:
            self.done = done
            self.total = total
            self.added = added
            super().__init__()

    class Reloaded(Message):
        """Files changed on disk: these records are new or updated, these ids are gone."""

        def __init__(self, changed: list[str], removed: list[str], problems: list[Problem]) -> None:
            self.changed = changed
            self.removed = removed
            self.problems = problems
            super().__init__()

    class Fetched(Message):
        """The record of an article was read (from memory, the cache or its file)."""

        def __init__(self, article_id: str, record: Record | None) -> None:
            self.article_id = article_id
            self.record = record
            super().__init__()

    class Searched(Message):
        """A search finished (possibly stale: compare its query with the box)."""

        def __init__(self, query: str, ids: Sequence[str], message: str, total: int, note: str = "") -> None:
            self.query = query
            self.ids = ids
            self.message = message
            self.total = total
            self.note = note
            super().__init__()

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
        self.cache = cache
        self.library = library
        self.settings = settings
        self.settings_path = settings_path
        self.watch_interval = watch_interval
        """Seconds between looks at the folder for new, changed and deleted files (0: never)."""
        self.is_loading = True
        self.loaded_files = 0
        self.total_files = 0
        self._ids: Sequence[str] = []
        self._last_search = 0.0
        self._message = ""
        self._note = ""
        self._shown_query: str | None = None
        self._stop = threading.Event()
        self._open_top = False
        self._focus_table = False

    def compose(self) -> ComposeResult:
        """Search box, status line, the two panes and the footer."""
        yield SearchBox(
            placeholder="Search: words, 'exact, !not, tag: drug: disease: nct: after: orr>30 n>=50", id="search"
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
        self._update_status()
        if self.focused is None:  # AUTO_FOCUS waits for the terminal's focus; the list needs it now
            self._focus(self.query_one(ArticleList))
        self._load()

    def on_resize(self) -> None:
        """Below 100 columns one pane shows at a time (TCSS decides what narrow looks like)."""
        narrow = self.size.width < NARROW
        self.set_class(narrow, "-narrow")
        footer = self.query_one(FittingFooter)
        footer.compact = narrow
        footer.show_command_palette = not narrow

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        """The pane with the focus is the one shown when only one fits."""
        detail = self.query_one(DetailPane)
        self.set_class(event.widget is detail or detail in event.widget.ancestors, "-show-detail")

    # Loading ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Load the corpus in batches (a worker), then watch the folder."""
        worker = get_current_worker()
        watching = self.watch_interval > 0
        # What the watcher compares against: the folder as it was before reading (files that
        # fail to load included, so they are not read again at every look).
        seen = snapshot(self.paths) if watching else {}
        gc.disable()  # millions of small objects, no cycles: collecting while loading is wasted
        try:
            for batch in load_in_batches(self.paths, batch_size=250, cache=self.cache):
                if worker.is_cancelled:
                    return
                self.library.add_summaries(batch.summaries)
                with self.library.lock:
                    self.library.problems.extend(batch.problems)
                self.post_message(self.Loaded(batch.done, batch.total, len(batch.summaries)))
                del batch
            with self.library.lock:
                self.library.index.prepare()
        finally:
            gc.enable()
            gc.freeze()  # what was loaded stays: keep it out of later collections
        if watching:
            self._watch(seen)

    def _watch(self, seen: dict[str, Signature]) -> None:
        """Poll the corpus; post what changed. Runs until the screen's workers are cancelled."""
        worker = get_current_worker()
        interval = self.watch_interval
        while not worker.is_cancelled and interval > 0:
            started = time.monotonic()
            if self._stop.wait(interval):
                return
            now = snapshot(self.paths)
            changes = compare_snapshots(seen, now)
            seen = now
            if changes:
                summaries: list[Summary] = []
                problems: list[Problem] = []
                for path, article_id in changes.changed:
                    result = analyse_summary(path, article_id)
                    if isinstance(result, Problem):
                        problems.append(result)
                    else:
                        summaries.append(result)
                if self.cache is not None:
                    self.cache.put_rows(s.row for s in summaries if s.row is not None)
                changed = {s.id for s in summaries}
                gone = [i for i in changes.removed if i not in changed]
                for article_id in gone:
                    self.library.remove(article_id)
                self.library.add_summaries(summaries)
                self.post_message(self.Reloaded(sorted(changed), gone, problems))
            # A big corpus is looked at less often: never more than a quarter of the time.
            interval = max(interval, 4 * (time.monotonic() - started - interval))

    def on_unmount(self) -> None:
        """Stop the folder watcher."""
        self._stop.set()

    @on(Reloaded)
    def _reloaded(self, event: Reloaded) -> None:
        """Files changed on disk: search again, and fetch the open article again if it changed."""
        with self.library.lock:
            known = {(p.path, p.message) for p in self.library.problems}
            self.library.problems.extend(p for p in event.problems if (p.path, p.message) not in known)
        self._search()
        if self.open_id is not None and (self.open_id in event.removed or self.open_id in event.changed):
            self._fetch(self.open_id)
        self.notify(
            f"{len(event.changed)} new or changed, {len(event.removed)} removed", title="Folder changed", timeout=3
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        """A batch arrived: count it, and refresh the list a few times a second at most."""
        self.loaded_files, self.total_files = event.done, event.total
        self.is_loading = event.done < event.total
        # While a big corpus loads, the list is refreshed a few times a second, not per batch.
        now = time.monotonic()
        if not self.is_loading or (event.added and now - self._last_search > 0.4):
            self._last_search = now
            self._search()
        self._update_status()

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
        result = self.library.search(query, sort=sort, reverse=reverse)
        self.post_message(self.Searched(query, result.ids, result.message, result.total, result.note))

    @on(Searched)
    def _searched(self, event: Searched) -> None:
        """Show fresh results; with none, the detail pane shows nothing (never a stale article)."""
        if event.query != self.query_one("#search", Input).value:
            return  # stale: the user typed on
        self._ids = event.ids
        self._message = event.message
        self._note = event.note
        self._shown_query = event.query
        self.listing = Listing(event.ids, parse_query(event.query).terms())
        self._update_status()
        if not event.ids:
            self.open_id = None
            self._focus_table = False
        elif self.open_id is None or self._open_top:
            self.query_one(ArticleList).cursor = 0
            if self._focus_table and self.open_id == event.ids[0] and self._record_shown():
                self._focus_first_table()  # already open: no new record will ask for it
            self.open_id = event.ids[0]
        self._open_top = False

    def _row(self, article_id: str, terms: Sequence[str]) -> Row:
        """The list row of an article (built only when drawn)."""
        entry = self.library.entries.get(article_id)
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

    def _update_status(self) -> None:
        """Say what the list holds: counts, loading, sort, marks, problems, why nothing matched."""
        total = len(self.library.entries)
        self.status = Status(
            shown=len(self._ids),
            total=total,
            loading=(self.loaded_files, self.total_files) if self.is_loading else None,
            sort=self.sort,
            reverse=self.reverse,
            marked=len(self.marks),
            problems=self.library.problem_count(),
            message=(
                "no articles found in " + ", ".join(map(str, self.paths))
                if not self.is_loading and total == 0
                else self._message
            ),
            filtered=bool((self._shown_query or "").strip()),
            note=self._note,
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
        detail = self.query_one(DetailPane)
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
        self.post_message(self.Fetched(article_id, self.library.records.get(article_id)))

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
        """Marks changed: the status and the keys that apply follow."""
        self._update_status()
        self.refresh_bindings()

    def watch_sort(self, sort: str) -> None:
        """Save the new order and search again in it (S applies to date and ORR only)."""
        self.settings.sort = sort
        self.settings.save(self.settings_path)
        self._search()
        self._update_status()
        self.refresh_bindings()

    def watch_reverse(self, reverse: bool) -> None:
        """Save the new direction and search again in it."""
        self.settings.reverse = reverse
        self.settings.save(self.settings_path)
        self._search()
        self._update_status()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        """Enter in the search box: open the top result and leave the box, so the next keys are
        commands: for the list beside the article when both show, for the article itself when
        only one pane fits (the list alone would hide what enter opened)."""
        articles = self.query_one(ArticleList)
        narrow = self.has_class("-narrow")
        self._focus(articles)
        if self._shown_query != self.query_one("#search", Input).value:
            self._open_top = True  # results are still coming: open the top one when they arrive
            self._focus_table = narrow
        elif articles.ids:
            articles.cursor = 0
            self._focus_table = narrow
            if self.open_id == articles.ids[0] and self._record_shown() and narrow:
                self._focus_first_table()
            self.open_id = articles.ids[0]

    def _focus(self, widget: Widget) -> None:
        """Focus a widget now, not after the messages already queued: keys typed or pasted
        right behind the key that moved the focus must land where it went. Never one that is
        leaving the screen (it would take every later key with it)."""
        if widget.is_attached and not widget._pruning:
            self.set_focus(widget)

    def leave_search(self) -> None:
        """Enter in the search box: the list has the focus from now on."""
        self._focus(self.query_one(ArticleList))

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
        self._focus(self.query_one("#search", Input))

    async def _on_key(self, event: events.Key) -> None:
        """A key sent to the screen while nothing had the focus (typed before the first paint): it
        goes to the widget focused since, so `/melanoma` typed at startup lands in the box."""
        if reached_directly(event) and self.focused is not None:
            event.prevent_default()
            event.stop()
            self.focused.post_message(passed_on(event))

    def on_paste(self, event: events.Paste) -> None:
        """A paste outside the search box is a search: it goes to the box (a leading `/`, the
        search key, is not part of the query)."""
        search = self.query_one("#search", Input)
        line = next((part.strip() for part in event.text.splitlines() if part.strip()), "")
        if search.has_focus or not line:
            return
        event.stop()
        self._focus(search)
        search.value = line.removeprefix("/")  # a new search, not letters added to the last one
        search.cursor_position = len(search.value)

    def action_cycle_pane(self, step: int = 1) -> None:
        """Tab through search box, list, cohort tables and the article text."""
        order: list[Widget] = [self.query_one("#search", Input), self.query_one(ArticleList)]
        order += self.query_one(DetailPane).focus_stops()
        focused = self.focused
        index = next((i for i, w in enumerate(order) if w is focused), -1)
        target = order[(index + step) % len(order)]
        self.set_class(target in self.query_one(DetailPane).focus_stops(), "-show-detail")
        self._focus(target)

    def action_mark(self) -> None:
        """Mark (or unmark) the focused cohort, or every cohort of the open article."""
        cohort = self.query_one(DetailPane).focused_cohort()
        targets = [cohort] if cohort else list(self._open_cohorts())
        if not targets:
            return
        ids = [c.id for c in targets]
        if all(i in self.marks for i in ids):
            self.marks = tuple(m for m in self.marks if m not in ids)
            self.notify(f"Unmarked {len(ids)} cohort{'s' if len(ids) > 1 else ''}", markup=False)
        else:
            self.marks = (*self.marks, *(i for i in ids if i not in self.marks))
            self.notify(
                f"Marked {', '.join(c.label for c in targets)} · {len(self.marks)} marked · c compares", markup=False
            )

    @work(thread=True, group="compare")
    def _with_pairs(self, then: str) -> None:
        """Read the marked cohorts' records (or the open article's) in a worker, then compare or export."""
        if self.marks:
            found = [self.library.cohort(i) for i in self.marks]
            pairs = [p for p in found if p is not None]
        else:
            record = self.open_record
            pairs = [(record, c) for c in record.cohorts] if record else []
        self.post_message(self.PairsReady(then, pairs))

    class PairsReady(Message):
        """The cohorts to compare or export were read."""

        def __init__(self, then: str, pairs: list[tuple[Record, Cohort]]) -> None:
            self.then = then
            self.pairs = pairs
            super().__init__()

    @on(PairsReady)
    def _pairs_ready(self, event: PairsReady) -> None:
        """Open the comparison or the export dialog on the cohorts read."""
        from tilbrowse.compare.comparison import compare
        from tilbrowse.ui.screens.compare import CompareScreen
        from tilbrowse.ui.screens.export import ExportScreen

        if not event.pairs:
            self.notify(
                "Nothing to compare: mark cohorts with space, or open an article with figures.", severity="warning"
            )
        elif event.then == "compare":
            self.app.push_screen(CompareScreen(columns_for(event.pairs), [str(p) for p in self.paths]))
        else:
            self.app.push_screen(ExportScreen(compare(columns_for(event.pairs)), [str(p) for p in self.paths]))

    def action_compare(self) -> None:
        """Compare the marked cohorts, or the open article's."""
        self._with_pairs("compare")

    def action_export(self) -> None:
        """Export the comparison of the marked cohorts, or the open article's."""
        self._with_pairs("export")

    def action_open_source(self) -> None:
        """Open the source in the web browser, only ever a web address (`corpus.urls`)."""
        record = self.open_record
        stated = record.article.source_url if record else None
        if not stated:
            return
        # The corpus layer already refused anything else; checked again here, where it would
        # leave tilbrowse, in case a record came from somewhere that did not (an old cache).
        verdict = check_url(stated)
        url = verdict.url
        if url is None:
            self.notify(
                f"Not opened: {shown_value(stated)} is not a web address: {verdict.reason}.",
                title="Source",
                severity="warning",
                markup=False,
            )
            return
        if graphical_session():
            copy_text(self.app, url, "it", title="Source", before=f"Opening {url} in your web browser. ")
            self._open_in_browser(url)
        else:
            # A text-mode browser would take over this terminal: show and copy the URL instead.
            copy_text(self.app, url, url, title="Source", before="No graphical browser here, so it is not opened. ")

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """Hand the URL to the system's web browser (a worker: it may block)."""
        import webbrowser

        if web_url(url) != url:  # the last gate before another program gets the text
            return
        try:
            webbrowser.open(url)
        except Exception:  # noqa: BLE001 - a missing browser is not worth a traceback
            pass

    def action_cycle_sort(self) -> None:
        """Next order: relevance, date, ORR."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)] if self.sort in SORTS else SORTS[0]

    def action_reverse_sort(self) -> None:
        """Turn the date or ORR order round: newest/oldest, highest/lowest ORR first."""
        if self.sort != "relevance":
            self.reverse = not self.reverse

    # Copying ------------------------------------------------------------------------------------

    @on(CopyRequested)
    def _copy_requested(self, event: CopyRequested) -> None:
        """A widget asked for text to be copied (y, Y)."""
        event.stop()
        copy_text(self.app, event.text, event.what)

    def action_copy_figure(self) -> None:
        """The palette's y: the figure under the cursor of the focused cohort table."""
        focused = self.focused
        if isinstance(focused, CohortTable) and focused.current_row() is not None:
            focused.action_copy_figure()
        else:
            self.notify("Go to a cohort table first (enter or tab), then y copies its figure.", markup=False)

    def action_copy_sentence(self) -> None:
        """The palette's Y: the sentence of the figure under the cursor."""
        focused = self.focused
        row = focused.current_row() if isinstance(focused, CohortTable) else None
        if isinstance(focused, CohortTable) and row is not None and row.evidence is not None:
            focused.action_copy_sentence()
        else:
            self.notify("Go to a figure read from a sentence (in a cohort table) first.", markup=False)

    def action_copy_article_id(self) -> None:
        """The open article's id."""
        if self.open_id is not None:
            copy_text(self.app, self.open_id, f"the article id {self.open_id}")

    def action_copy_cohort_id(self) -> None:
        """The focused cohort's id, else the open article's cohort ids (ready for `tilbrowse compare`)."""
        focused = self.focused
        cohorts = [focused.cohort] if isinstance(focused, CohortTable) else list(self._open_cohorts())
        if not cohorts:
            self.notify("The open article has no cohorts.", markup=False)
            return
        ids = " ".join(c.id for c in cohorts)
        copy_text(self.app, ids, f"the cohort id{'s' if len(cohorts) > 1 else ''} {ids}")

    def action_problems(self) -> None:
        """List the files that failed to load and the warnings of those that did."""
        from tilbrowse.ui.screens.problems import ProblemsScreen

        with self.library.lock:
            problems = list(self.library.problems) + self.library.article_problems()
        self.app.push_screen(ProblemsScreen(problems))

    def jump_to(self, article_id: str) -> None:
        """Show an article (from the command palette), clearing a search that hides it."""
        articles = self.query_one(ArticleList)
        if article_id not in articles.ids:
            self.query_one("#search", Input).value = ""
        self.open_id = article_id
        if article_id in articles.ids:
            articles.cursor = articles.ids.index(article_id)

    def action_back(self) -> None:
        """Escape: clear the search, then step back a pane."""
        search = self.query_one("#search", Input)
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
            self._focus(self.query_one(ArticleList))
            return
        if search.has_focus:
            self._focus(self.query_one(ArticleList))
