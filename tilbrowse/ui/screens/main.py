"""The main screen: search box, article list, detail pane."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
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
from tilbrowse.ui.widgets.article_list import ArticleList, Row
from tilbrowse.ui.widgets.detail import CohortTable, DetailPane


def graphical_session() -> bool:
    """True where `webbrowser` would start a graphical browser rather than take over the terminal."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class MainScreen(Screen[None]):
    """Find an article, read its figures, mark cohorts to compare."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", tooltip="Type to search (fuzzy)"),
        Binding("tab", "cycle_pane", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("space", "mark", "Mark", tooltip="Mark the cohort (or all cohorts of the article) for comparison"),
        Binding("c", "compare", "Compare", tooltip="Compare marked cohorts, or the cohorts of this article"),
        Binding("e", "export", "Export", tooltip="Export the comparison as Markdown or CSV"),
        Binding("o", "open_source", "Source", tooltip="Open the article's source URL"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by relevance, date or ORR"),
        Binding("p", "problems", "Problems", tooltip="Files that failed to load and why"),
        Binding("escape", "back", "Back", show=False),
    ]

    query_text: var[str] = var("")
    """The current search query."""
    sort: var[str] = var("relevance")
    open_id: var[str | None] = var(None)
    """The article shown in the detail pane."""

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

    class Searched(Message):
        """A search finished (possibly stale: compare its query with the box)."""

        def __init__(self, query: str, ids: Sequence[str], message: str, total: int) -> None:
            self.query = query
            self.ids = ids
            self.message = message
            self.total = total
            super().__init__()

    def __init__(
        self, paths: Sequence[str | os.PathLike[str]], library: Library, *, cache: Cache | None = None
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.cache = cache
        self.library = library
        self.marks: list[str] = []
        self.is_loading = True
        self.loaded_files = 0
        self.total_files = 0
        self._ids: Sequence[str] = []
        self._last_search = 0.0
        self._message = ""
        self._shown_query: str | None = None
        self._stop = threading.Event()
        self._open_top = False

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search: words, 'exact, !not, tag: drug: disease: nct: after: orr>30 n>=50", id="search"
        )
        yield Static(id="status")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sort = getattr(self.app, "settings_sort", "relevance")
        self._update_status()
        self.query_one(ArticleList).focus()
        self._load()

    # Loading ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        worker = get_current_worker()
        watching = float(getattr(self.app, "watch_interval", 1.5)) > 0
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
        interval = float(getattr(self.app, "watch_interval", 1.5))
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
        self._stop.set()

    @on(Reloaded)
    def _reloaded(self, event: Reloaded) -> None:
        with self.library.lock:
            known = {(p.path, p.message) for p in self.library.problems}
            self.library.problems.extend(p for p in event.problems if (p.path, p.message) not in known)
        self._search()
        if self.open_id is not None and (self.open_id in event.removed or self.open_id in event.changed):
            record = self.library.records.get(self.open_id)
            self.query_one(DetailPane).show(record, set(self.marks))
        self.notify(
            f"{len(event.changed)} new or changed, {len(event.removed)} removed", title="Folder changed", timeout=3
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
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
        self.query_text = event.value
        self._search()

    def _search(self) -> None:
        self._run_search(self.query_text, self.sort)

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, query: str, sort: str) -> None:
        result = self.library.search(query, sort=sort)
        self.post_message(self.Searched(query, result.ids, result.message, result.total))

    @on(Searched)
    def _searched(self, event: Searched) -> None:
        if event.query != self.query_one("#search", Input).value:
            return  # stale: the user typed on
        self._ids = event.ids
        self._message = event.message
        self._shown_query = event.query
        keep = self.query_one(ArticleList).highlighted
        terms = parse_query(event.query).terms()
        self.query_one(ArticleList).set_rows(event.ids, lambda i: self._row(i, terms), keep=keep)
        self._update_status()
        if (self.open_id is None or self._open_top) and event.ids:
            self.query_one(ArticleList).cursor = 0
            self.open_id = event.ids[0]
        self._open_top = False

    def _row(self, article_id: str, terms: Sequence[str]) -> Row:
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
        status = Text()
        total = len(self.library.entries)
        status.append(f"{len(self._ids)} of {total}", style="bold")
        status.append(" articles")
        if self.is_loading:
            status.append(f"  · loading {self.loaded_files:,}/{self.total_files:,} files…", style="yellow")
        status.append(f"  · sort: {self.sort}", style="dim")
        if self.marks:
            status.append(f"  · {len(self.marks)} marked", style="green")
        problems = len(self.library.problems)
        if problems:
            status.append(f"  · {problems} problem{'s' if problems != 1 else ''} (p)", style="yellow")
        if not self.is_loading and total == 0:
            status.append("  · no articles found in " + ", ".join(map(str, self.paths)), style="bold red")
        elif self._message:
            status.append(f"  · {self._message}", style="bold yellow")
        self.query_one("#status", Static).update(status)

    # Selection ----------------------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        if event.article_id is not None:
            self.open_id = event.article_id

    @on(ArticleList.Selected)
    def _selected(self, event: ArticleList.Selected) -> None:
        self.open_id = event.article_id
        table = self.query_one(DetailPane).first_table()
        if table is not None:
            table.focus()

    def watch_open_id(self, article_id: str | None) -> None:
        record = self.library.records.get(article_id) if article_id else None
        self.query_one(DetailPane).show(record, set(self.marks))
        self.refresh_bindings()

    @on(CohortTable.FigureHighlighted)
    def _figure(self, event: CohortTable.FigureHighlighted) -> None:
        self.query_one(DetailPane).show_evidence(event.evidence)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        articles = self.query_one(ArticleList)
        if self._shown_query != self.query_one("#search", Input).value:
            self._open_top = True  # results are still coming: open the top one when they arrive
        elif articles.ids:
            articles.cursor = 0
            self.open_id = articles.ids[0]
        articles.focus()

    # Actions ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.library.entries.get(self.open_id or "")
        if action == "open_source":
            return bool(entry and entry.source_url)
        if action in ("compare", "export"):
            return bool(self.marks or (entry and entry.cohorts))
        if action == "mark":
            return bool(entry and entry.cohorts)
        return True

    def _open_cohorts(self) -> tuple[Cohort, ...]:
        record = self.library.records.get(self.open_id or "")
        return record.cohorts if record else ()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_cycle_pane(self, step: int = 1) -> None:
        order = [self.query_one("#search", Input), self.query_one(ArticleList)]
        order += list(self.query(CohortTable))
        from textual.widgets import TextArea

        order.append(self.query_one("#body", TextArea))
        focused = self.focused
        index = next((i for i, w in enumerate(order) if w is focused), -1)
        order[(index + step) % len(order)].focus()

    def action_mark(self) -> None:
        detail = self.query_one(DetailPane)
        cohort = detail.focused_cohort()
        targets = [cohort] if cohort else list(self._open_cohorts())
        if not targets:
            return
        ids = [c.id for c in targets]
        if all(i in self.marks for i in ids):
            self.marks = [m for m in self.marks if m not in ids]
            self.notify(f"Unmarked {len(ids)} cohort{'s' if len(ids) > 1 else ''}", markup=False)
        else:
            self.marks += [i for i in ids if i not in self.marks]
            self.notify(
                f"Marked {', '.join(c.label for c in targets)} · {len(self.marks)} marked · c compares", markup=False
            )
        detail.mark_titles(set(self.marks))
        self._update_status()
        self.refresh_bindings()

    def _comparison_pairs(self) -> list[tuple[Record, Cohort]]:
        if self.marks:
            pairs = [self.library.cohort(i) for i in self.marks]
            return [p for p in pairs if p is not None]
        record = self.library.records.get(self.open_id or "")
        return [(record, c) for c in record.cohorts] if record else []

    def action_compare(self) -> None:
        from tilbrowse.ui.screens.compare import CompareScreen

        pairs = self._comparison_pairs()
        if not pairs:
            self.notify(
                "Nothing to compare: mark cohorts with space, or open an article with figures.", severity="warning"
            )
            return
        self.app.push_screen(CompareScreen(columns_for(pairs), [str(p) for p in self.paths]))

    def action_export(self) -> None:
        from tilbrowse.compare.comparison import compare
        from tilbrowse.ui.screens.export import ExportScreen

        pairs = self._comparison_pairs()
        if pairs:
            self.app.push_screen(ExportScreen(compare(columns_for(pairs)), [str(p) for p in self.paths]))

    def action_open_source(self) -> None:
        """Open the source in the web browser, only ever a web address (`corpus.urls`)."""
        record = self.library.records.get(self.open_id or "")
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
        self.app.copy_to_clipboard(url)
        if graphical_session():
            self.notify(
                f"Opening {url} in your web browser (also copied to the clipboard)", title="Source", markup=False
            )
            self._open_in_browser(url)
        else:
            # A text-mode browser would take over this terminal: show and copy the URL instead.
            self.notify(
                f"Copied {url} to the clipboard; no graphical browser here, so it is not opened",
                title="Source",
                markup=False,
            )

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        import webbrowser

        if web_url(url) != url:  # the last gate before another program gets the text
            return
        try:
            webbrowser.open(url)
        except Exception:  # noqa: BLE001 - a missing browser is not worth a traceback
            pass

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)] if self.sort in SORTS else SORTS[0]
        setter = getattr(self.app, "remember_sort", None)
        if setter:
            setter(self.sort)
        self._search()
        self._update_status()

    def action_problems(self) -> None:
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
            self.query_one(ArticleList).focus()
            return
        if search.has_focus:
            self.query_one(ArticleList).focus()
