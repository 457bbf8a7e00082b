"""SVG snapshots of the main screens at 120×40 and 80×24 (regenerate with --snapshot-update after looking)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.widgets.detail import CohortTable

from ..conftest import SEEDS, TESTS
from .test_tui import workers_done

PROBLEMS = TESTS / "data" / "problems"
SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])


def _app(tmp_path: Path, *paths: Path) -> TilbrowseApp:
    rel = [str(Path(p).relative_to(Path.cwd())) if Path(p).is_relative_to(Path.cwd()) else str(p) for p in paths]
    return TilbrowseApp(rel or ["seeds"], settings_path=tmp_path / "settings.json", watch_interval=0)


async def _ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    await workers_done(app)
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    app.screen.refresh_bindings()
    await pilot.pause()


@SIZES
def test_main(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path, SEEDS), terminal_size=size, run_before=_ready)


@SIZES
def test_detail_with_evidence(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        table = pilot.app.screen.query(CohortTable).first()
        table.move_cursor(row=4)  # PR: 23 partial responses (35%)
        await pilot.pause()
        await _ready(pilot)

    assert snap_compare(_app(tmp_path, SEEDS), terminal_size=size, run_before=run_before)


@SIZES
def test_compare(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("j", "c")
        await pilot.pause()

    assert snap_compare(_app(tmp_path, SEEDS), terminal_size=size, run_before=run_before)


@SIZES
def test_help(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(tmp_path, SEEDS), terminal_size=size, run_before=run_before)


@SIZES
def test_problems(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(_app(tmp_path, PROBLEMS), terminal_size=size, run_before=run_before)


@SIZES
def test_empty(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    empty = TESTS / "data" / "empty"
    empty.mkdir(exist_ok=True)
    assert snap_compare(_app(tmp_path, empty), terminal_size=size, run_before=_ready)
