"""The terminal UI driven as a user would, with Textual's Pilot (no sleeps: wait on workers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.help import HelpScreen
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.screens.problems import ProblemsScreen
from tilbrowse.ui.widgets.article_list import ArticleList
from tilbrowse.ui.widgets.detail import CohortTable, DetailPane

from ..conftest import SEEDS, TESTS

PROBLEMS = TESTS / "data" / "problems"


def make_app(tmp_path: Path, *paths: Path) -> TilbrowseApp:
    return TilbrowseApp(
        [str(p) for p in (paths or (SEEDS,))], settings_path=tmp_path / "settings.json", watch_interval=0
    )


async def workers_done(app: TilbrowseApp) -> None:
    """Wait until no worker runs. A search is an exclusive worker: a newer keystroke cancels the
    one being waited for, and Textual's wait then raises WorkerCancelled — wait again for its
    successor instead (on a busy machine, typing during startup does this often)."""
    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def settle(app: TilbrowseApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app's work (workers, then the messages they sent), however long a busy machine takes."""
    await workers_done(app)
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def open_article(app: TilbrowseApp, pilot, article_id: str) -> MainScreen:  # type: ignore[no-untyped-def]
    """Wait for loading, then show one article in the detail pane."""
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_id = article_id
    await pilot.pause()
    return screen


async def test_done_when_flow(tmp_path: Path) -> None:
    """The issue's acceptance flow: sarcoma → cervical+enter → c → ? → q."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = screen.query_one(ArticleList)
        assert len(articles.ids) == 2

        await pilot.press("slash", *"sarcoma")
        await settle(app, pilot)
        assert articles.ids == ["000_895c175884171d6d"]

        screen.query_one("#search", Input).value = ""
        await pilot.press(*"cervical", "enter")
        await settle(app, pilot)
        assert screen.open_id == "004_e8cdb65b83effc3a"
        assert not screen.query_one("#search", Input).has_focus, "enter leaves the search box"
        tables = list(screen.query(CohortTable))
        cervical = next(t for t in tables if t.cohort.label == "Cervical Cancer")
        assert cervical.cohort.product == "LN-145" and cervical.cohort.outcomes["orr"].percent == 44.0  # type: ignore[union-attr]

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison.orr_ci == ((26.2, 50.7), (25.5, 64.7))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0


async def test_mark_cohorts_then_compare(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, "004_e8cdb65b83effc3a")
        table = screen.query(CohortTable).last()
        table.focus()
        await pilot.press("space")
        assert screen.marks == ("004_e8cdb65b83effc3a#2",)
        await pilot.press("space")
        assert screen.marks == ()
        screen.query(CohortTable).first().focus()
        await pilot.press("space")
        screen.query(CohortTable).last().focus()
        await pilot.press("space", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert [c.id for c in app.screen.comparison.columns] == ["004_e8cdb65b83effc3a#1", "004_e8cdb65b83effc3a#2"]


async def test_selecting_a_figure_highlights_its_sentence(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, "004_e8cdb65b83effc3a")
        table = screen.query(CohortTable).first()
        table.focus()
        await pilot.pause()
        row = list(table.rows).index(next(k for k in table.rows if k.value == "pr"))
        table.move_cursor(row=row)
        await pilot.pause()
        assert "23 partial responses (35%)" in screen.query_one(DetailPane).highlighted_text()


async def test_export_writes_a_markdown_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = "004_e8cdb65b83effc3a"
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # "Markdown file": the path, offered
        await settle(app, pilot)
        await pilot.press("enter")  # written there
        await settle(app, pilot)
    written = list(out.glob("tilbrowse-comparison-*.md"))
    assert len(written) == 1 and "25.5–64.7%" in written[0].read_text()


async def test_sort_cycles_and_persists(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.sort == "date"
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.sort == "orr"
        assert screen.query_one(ArticleList).ids[0] == "004_e8cdb65b83effc3a"
    assert json.loads((tmp_path / "settings.json").read_text())["sort"] == "orr"
    again = make_app(tmp_path)
    assert again.settings.sort == "orr"


async def test_problems_screen_lists_bad_files(tmp_path: Path) -> None:
    app = make_app(tmp_path, PROBLEMS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        messages = " ".join(p.message for p in app.screen.problems)
        assert "empty file" in messages and "binary" in messages and "not valid YAML" in messages
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(tmp_path, empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = str(app.screen.query_one("#status").render())
        assert "no articles found" in status


async def test_no_results_say_why(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"orr>99")
        await settle(app, pilot)
        assert "orr>99" in str(app.screen.query_one("#status").render())
        app.screen.query_one("#search", Input).value = "orr>abc"
        await settle(app, pilot)
        assert "a number is needed" in str(app.screen.query_one("#status").render())


async def test_escape_clears_search_then_goes_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"melanoma")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == ""
        assert len(app.screen.query_one(ArticleList).ids) == 2


async def test_untrusted_markup_is_shown_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        "# [bold]Evil[/] [@click=app.quit]title[/]\n\nThe ORR was 30% in 20 patients [link=x].\n"
    )
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.row(0).title == "[bold]Evil[/] [@click=app.quit]title[/]"
        await pilot.click(ArticleList, offset=(5, 0))
        await pilot.pause()
        assert app.is_running


async def test_small_terminal_still_works(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "enter", "tab", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_command_palette_runs_actions(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"problems")
        await settle(app, pilot)  # the palette's search is a worker: wait for it, not for a time
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_live_reload_keeps_query_selection_and_marks(tmp_path: Path) -> None:
    corpus = tmp_path / "live"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Melanoma alpha\n\nThe ORR was 30% in 20 patients with melanoma.\n")
    (corpus / "b.md").write_text("# Melanoma beta\n\nThe ORR was 40% in 25 patients with melanoma.\n")
    app = TilbrowseApp([str(corpus)], settings_path=tmp_path / "settings.json", watch_interval=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        # The watcher polls on a timer: wait for what it does, with a ceiling only on a hang (each
        # wait takes well under a second on an idle machine; up to 600 steps of 0.05 s).
        for _ in range(600):
            await pilot.pause(0.05)
            if len(app.screen.query_one(ArticleList).ids) == 2:
                break
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.query_one("#search", Input).value = "melanoma"
        for _ in range(600):
            await pilot.pause(0.05)
            if screen.results.query == "melanoma":
                break
        articles = screen.query_one(ArticleList)
        articles.cursor = articles.ids.index("b")
        screen.open_id = "b"
        await pilot.pause()
        screen.query(CohortTable).first().focus()
        await pilot.press("space")
        assert screen.marks == ("b#1",)

        (corpus / "c.md").write_text("# Melanoma gamma\n\nThe ORR was 50% in 30 patients with melanoma.\n")
        (corpus / "a.md").unlink()
        for _ in range(600):
            await pilot.pause(0.05)
            if sorted(articles.ids) == ["b", "c"]:
                break
        assert sorted(articles.ids) == ["b", "c"]
        assert articles.highlighted == "b" and screen.open_id == "b"
        assert screen.query_one("#search", Input).value == "melanoma"
        assert screen.marks == ("b#1",)
        app.exit()


async def test_status_says_how_a_drug_alias_was_read(tmp_path: Path) -> None:
    app = make_app(tmp_path, TESTS / "data" / "trials")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"drug:amtagvi")
        await settle(app, pilot)
        status = str(app.screen.query_one("#status").render())
        assert "4 of 8" in status and "drug:amtagvi is lifileucel" in status


async def test_a_restored_image_shows_its_first_part_then_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An image restores in a second or two: the list refreshes with its first part and when it is
    done, never in between (each refresh redraws the list and slows the restore it waits on)."""
    import time

    from tilbrowse.bench.synthetic import generate_corpus
    from tilbrowse.library import image
    from tilbrowse.library.cache import Cache
    from tilbrowse.library.library import Library

    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 40, seed=5)
    monkeypatch.setattr("tilbrowse.search.image.PARTS", (10,))
    Library.load([corpus], cache=Cache(tmp_path / "cache"), workers=1)  # the image, in parts of 10
    part = image.Image._part

    def slow_part(data: object) -> object:  # as a part of 30,000 articles takes
        time.sleep(0.5)
        return part(data)

    monkeypatch.setattr(image.Image, "_part", staticmethod(slow_part))
    refreshed: list[tuple[int, int] | None] = []
    search = MainScreen._search

    def counted(screen: MainScreen) -> None:
        refreshed.append(screen.load_progress)
        search(screen)

    monkeypatch.setattr(MainScreen, "_search", counted)
    app = TilbrowseApp(
        [str(corpus)], settings_path=tmp_path / "settings.json", cache=Cache(tmp_path / "cache"), watch_interval=0
    )
    async with app.run_test() as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert app.library.restored == 40 and len(screen.article_list.ids) == 40
    during = [p for p in refreshed if p is not None and p != (0, 0)]
    assert during == [(10, 40)], refreshed  # the first part; then the end (None: loaded)
    assert refreshed[-1] is None


async def test_while_the_folders_are_checked_after_an_image_the_status_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every article is listed from the image at once; until the folders were looked at for
    changes since, the status line says it is checking (a few seconds at 100,000 articles)."""
    import threading

    from tilbrowse.bench.synthetic import generate_corpus
    from tilbrowse.library import loading
    from tilbrowse.library.cache import Cache
    from tilbrowse.library.library import Library
    from tilbrowse.ui.widgets.status import status_content

    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 12, seed=7)
    Library.load([corpus], cache=Cache(tmp_path / "cache"), workers=1)  # writes the image
    (corpus / "later.md").write_text("# Later\n\nThe ORR was 33% in 30 patients.\n", "utf-8")
    release = threading.Event()
    scan = loading.scan

    def held_scan(paths):  # type: ignore[no-untyped-def]
        assert release.wait(60)
        return scan(paths)

    monkeypatch.setattr(loading, "scan", held_scan)
    app = TilbrowseApp(
        [str(corpus)], settings_path=tmp_path / "settings.json", cache=Cache(tmp_path / "cache"), watch_interval=0
    )
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(600):
            await pilot.pause(0.05)
            if screen.checking:
                break
        assert len(screen.article_list.ids) == 12 and screen.load_progress is None
        assert "checking the folders for changes" in status_content(screen.status).plain
        release.set()
        await settle(app, pilot)
        assert not screen.checking and len(screen.article_list.ids) == 13
        assert "checking" not in status_content(screen.status).plain
