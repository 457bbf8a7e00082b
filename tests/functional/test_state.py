"""State flows one way in the browser: the screen's vars are drawn by the widgets bound to them,
and disk is read only in workers."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Input

from tilbrowse.library.library import Library
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.widgets.detail import CohortHeader, CohortTable, DetailPane

from .test_tui import make_app, open_article, settle

SEED = "004_e8cdb65b83effc3a"


def _headers(screen: MainScreen) -> list[str]:
    return [str(h.render()) for h in screen.query(CohortHeader)]


async def test_marking_a_cohort_keeps_every_header_whole(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, SEED)
        before = _headers(screen)
        assert before[0].startswith("  Melanoma") and "lifileucel (LN-144) · melanoma · NCT02360579 · phase 2" in before[0]
        assert before[1].startswith("  Cervical Cancer") and "LN-145" in before[1]
        screen.query(CohortTable).first().focus()
        await pilot.press("space")
        await pilot.pause()
        after = _headers(screen)
        assert after[0] == "✓" + before[0][1:], "the mark is added; the details line stays"
        assert after[1] == before[1]
        assert screen.query_one(DetailPane).marks == screen.marks == (f"{SEED}#1",)
        await pilot.press("space")
        await pilot.pause()
        assert _headers(screen) == before


async def test_opening_an_article_never_waits_on_disk(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A fetch that blocks (a slow disk) leaves the UI answering keys; the article shows when it comes."""
    release = threading.Event()
    started = threading.Event()
    real_fetch = Library.fetch

    def slow_fetch(self: Library, article_id: str):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(30), "the test never released the fetch"
        return real_fetch(self, article_id)

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = None
        await pilot.pause()
        screen.library._recent.clear()  # noqa: SLF001 - force a read from disk
        monkeypatch.setattr(Library, "fetch", slow_fetch)
        screen.open_id = SEED
        await pilot.pause()
        assert started.wait(10), "the fetch ran"
        # The fetch is blocked; the event loop is not.
        await pilot.press("slash", *"melan")
        await pilot.pause()
        assert screen.query_one("#search", Input).value == "melan"
        assert screen.open_record is None and screen.query_one(DetailPane).record is None
        release.set()
        await settle(app, pilot)
        assert screen.open_record is not None and screen.open_record.id == SEED
        assert screen.query_one(DetailPane).record is screen.open_record


async def test_no_results_shows_no_stale_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, SEED)
        assert screen.query_one(DetailPane).record is not None
        await pilot.press("slash", *"zzzzqqq")
        await settle(app, pilot)
        assert screen.open_id is None
        assert screen.query_one(DetailPane).record is None
        assert not list(screen.query(CohortTable))


async def test_the_status_counts_what_the_problems_list_shows(tmp_path: Path) -> None:
    from tilbrowse.ui.screens.problems import ProblemsScreen

    from .test_tui import PROBLEMS

    app = make_app(tmp_path, PROBLEMS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        counted = screen.status.problems
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert counted == len(app.screen.problems) > 0


async def test_the_comparison_scrolls_by_keyboard_to_its_caveat(tmp_path: Path) -> None:
    from tilbrowse.ui.screens.compare import CompareBody, CompareScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(app, pilot, SEED)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        body = app.screen.query_one(CompareBody)
        assert app.screen.focused is body
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert body.scroll_y == 3
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0, "the Fisher test and caveat are reachable"
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
