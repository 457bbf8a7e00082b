"""Keys that arrive together (typed fast, `tmux send-keys -l`, a paste) land where the first one
sent them; enter in the search box opens the article; the status line and list say what they mean.

A burst is sent the way a terminal delivers it: every key queued before the app handles the
first, not one key per idle cycle as `pilot.press` does (which would hide a deferred focus).
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.widgets.article_list import Row, row_layout
from tilbrowse.ui.widgets.detail import CohortTable
from tilbrowse.ui.widgets.status import Status, status_content

from .test_tui import make_app, settle

KEY_NAMES = {"/": "slash", " ": "space", "-": "minus", ":": "colon", "'": "apostrophe"}


def burst(app: TilbrowseApp, *parts: str) -> None:
    """Queue keys at once, as a terminal does for a paste: each character of a text, or a key by its
    name when a part is one (`escape`)."""
    driver = app._driver
    assert driver is not None
    for part in parts:
        keys = [(part, None)] if part in ("escape", "enter", "tab") else [(KEY_NAMES.get(c, c), c) for c in part]
        for key, char in keys:
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)


def search_box(app: TilbrowseApp) -> Input:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.query_one("#search", Input)


async def test_slash_and_a_word_sent_at_once_all_land_in_the_box(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "/melanoma")
        await settle(app, pilot)
        assert search_box(app).value == "melanoma"
        assert isinstance(app.screen, MainScreen), "no letter was taken for a command (e: export, c: compare)"


async def test_a_burst_at_startup_lands_in_the_box(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "/cervical lifileucel")
        await settle(app, pilot)
        assert search_box(app).value == "cervical lifileucel"
        assert search_box(app).has_focus


async def test_a_burst_after_leaving_the_box_goes_to_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "/lifileucel", "escape", "escape", "jk")  # type, clear, leave the box, move in the list
        await settle(app, pilot)
        assert search_box(app).value == ""
        assert not search_box(app).has_focus


async def test_a_bracketed_paste_on_the_list_is_a_search(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.focused.post_message(events.Paste("/cervical\nsecond line"))  # type: ignore[union-attr]
        await settle(app, pilot)
        assert search_box(app).value == "cervical"
        assert search_box(app).has_focus


async def test_a_paste_in_the_box_is_typed_where_the_cursor_is(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"orr")
        search_box(app).post_message(events.Paste(" melanoma"))
        await settle(app, pilot)
        assert search_box(app).value == "orr melanoma"


async def test_enter_in_the_box_opens_the_article_when_one_pane_fits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"cervical", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.open_id == "004_e8cdb65b83effc3a"
        assert isinstance(screen.focused, CohortTable), "the article, not the list, after enter"
        assert screen.has_class("-show-detail")
        await pilot.press("escape")
        assert not isinstance(screen.focused, CohortTable)


async def test_enter_in_the_box_keeps_the_list_beside_the_article_when_both_fit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"cervical", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.open_id == "004_e8cdb65b83effc3a"
        assert screen.focused is not None and screen.focused.id == "articles"


def test_while_loading_with_no_query_the_status_says_loading() -> None:
    text = status_content(Status(shown=65, total=65, loading=(65, 555))).plain
    assert text.startswith("loading 65/555 files")
    assert "65 of" not in text


def test_while_loading_a_query_says_how_many_of_those_loaded_match() -> None:
    text = status_content(Status(shown=3, total=65, loading=(65, 555), filtered=True)).plain
    assert text.startswith("3 of 65 articles") and "loading 65/555 files" in text


def test_an_undated_title_starts_where_the_dated_ones_do() -> None:
    dated = row_layout(Row("a", "A title", "2024-01-02", True, 31.0), 60)
    undated = row_layout(Row("b", "Another title", "", True, 31.0), 60)
    assert undated.date == dated.date == 11
    assert undated.title == dated.title


async def test_keys_behind_enter_in_the_box_are_commands_not_letters(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "/cervical", "enter", "j")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert search_box(app).value == "cervical"
        assert screen.focused is not None and screen.focused.id == "articles"


async def test_a_burst_that_opens_an_article_leaves_the_focus_on_a_live_widget(tmp_path: Path) -> None:
    """`j k enter` sent at once: the focus never lands on the table of the article before (being
    removed), which would take every later key with it — `q` must still quit."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "jk", "enter")
        await settle(app, pilot)
        focused = app.screen.focused
        assert focused is not None and focused.is_attached
        burst(app, "q")
        await pilot.pause()
        await settle(app, pilot)
        assert not app.is_running


async def test_a_paste_on_the_list_replaces_the_query(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"melanoma", "tab")
        app.screen.focused.post_message(events.Paste("lifileucel"))  # type: ignore[union-attr]
        await settle(app, pilot)
        assert search_box(app).value == "lifileucel"


def test_the_status_says_why_nothing_matched_and_how_the_query_was_read() -> None:
    # "nothing found" must not hide that the body index failed (nor how an alias was read).
    note = "the search index of article bodies failed (PanicException)"
    text = status_content(Status(shown=0, total=65, message="No article contains “x”.", note=note)).plain
    assert "No article contains “x”." in text and note in text


def test_after_an_image_the_status_says_the_folders_are_being_checked() -> None:
    text = status_content(Status(shown=65, total=65, checking=True)).plain
    assert text.startswith("65 of 65 articles") and "checking the folders for changes" in text
    assert "checking" not in status_content(Status(shown=65, total=65, loading=(65, 555), checking=True)).plain
