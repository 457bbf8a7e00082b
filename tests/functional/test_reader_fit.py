"""What a reader sees at 80×24 and 120×40 (issue 18 item 6): the detail pane's head line has no
stray separator, the footer keeps `q Quit`, `? Help` and `/ Search` on screen, and a table cell
is drawn whole or cut with `…` — never clipped at the screen's or a scrollbar's edge.

The screen is read back as text from Textual's compositor (what a terminal would show)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.widgets.detail import DetailPane

from ..conftest import SEEDS, TESTS
from .test_tui import settle

GOLD = TESTS / "gold"
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def _app(tmp_path: Path, *paths: Path) -> TilbrowseApp:
    return TilbrowseApp([str(p) for p in paths], settings_path=tmp_path / "s.json", watch_interval=0)


def _lines(app: TilbrowseApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]  # noqa: SLF001 - the screen as shown


def _visible(app: TilbrowseApp, widget: Widget) -> list[str]:
    """The text of a widget's visible region, line by line."""
    region = widget.region.intersection(app.screen.region)
    lines = _lines(app)
    return [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]


# 1. The detail pane's head line ----------------------------------------------------------------


@SIZES
@pytest.mark.parametrize("article_id", ["abs_16_tilvance301_brief", "004_e8cdb65b83effc3a"])
async def test_the_head_line_has_no_stray_separator(tmp_path: Path, size: tuple[int, int], article_id: str) -> None:
    """Seen: `2025-09-22 · NCT05727904 ·` with the source URL wrapped onto the next line."""
    app = _app(tmp_path, SEEDS, GOLD)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = article_id
        await settle(app, pilot)
        detail = screen.query_one(DetailPane)
        detail.focus()  # below 100 columns the pane shows when it has the focus
        await settle(app, pilot)
        head = [line.strip() for line in _visible(app, screen.query_one("#head")) if line.strip()]
        assert head, "the head must be on screen"
        assert any(line[:4].isdigit() for line in head), head  # the date line is drawn
        for line in head:
            assert not line.startswith("·") and not line.endswith("·"), head
            assert "· ·" not in line, head
