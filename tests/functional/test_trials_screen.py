"""The trials screen (`t`), a trial's timeline and a landscape, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.screens.trials import LandscapeScreen, TimelineScreen, TrialsScreen

from ..conftest import TESTS
from .test_snapshots import SIZES, _app, _ready
from .test_tui import settle

TRIALS = TESTS / "data" / "trials"


def make_app(tmp_path: Path) -> TilbrowseApp:
    return TilbrowseApp([str(TRIALS)], settings_path=tmp_path / "settings.json", watch_interval=0)


def table_text(screen: object) -> list[str]:
    table = screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def open_trials(app: TilbrowseApp, pilot: Pilot[None]) -> TrialsScreen:
    await settle(app, pilot)
    await pilot.press("t")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, TrialsScreen)
    return screen


async def test_trials_list_filters_as_you_type_and_escape_steps_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trials(app, pilot)
        rows = table_text(screen)
        assert [r.split()[0] for r in rows] == ["C-144-01", "TELOS-2", "VELA-04", "IOV-LUN-202", "(no"]
        assert "IMA203" in rows[-1] and "melanoma" in rows[-1]
        assert "31.4%" in rows[0] and "153" in rows[0] and "2019-06-02" in rows[0] and "2023-03-14" in rows[0]
        status = str(screen.query_one("#trials-status", Static).render())
        assert "4 trials" in status and "1 product reported without a trial's name" in status
        await pilot.press("slash", *"sarcma")  # a typo of a long word still finds it
        await settle(app, pilot)
        assert [r.split()[0] for r in table_text(screen)] == ["TELOS-2"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_one(Input).value == "" and len(table_text(screen)) == 5
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_timeline_marks_compares_and_opens_the_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        await open_trials(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen) and timeline.trial.name == "C-144-01"
        rows = table_text(timeline)
        assert [r.split()[0] for r in rows] == ["2019-06-02", "2020-05-29", "2023-03-14"]
        assert "24.1–39.4%*" in rows[2] and "−5 pt" in rows[2] and "+87" in rows[2]
        line = str(timeline.query_one("#readout-line", Static).render())
        assert line.startswith("2019_til_melanoma#1") and "CI from CR + PR" in line
        chart = str(timeline.query_one("#timeline-chart", Static).render())
        assert "●" in chart and "31.4% n=153" in chart
        await pilot.press("j", "space")
        await settle(app, pilot)
        assert main.marks == ("2020_til_melanoma_update#1",)
        assert "✓ marked" in str(timeline.query_one("#readout-line", Static).render())
        await pilot.press("c")
        await settle(app, pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert [c.id for c in compare.comparison.columns] == ["2020_til_melanoma_update#1"]
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("space", "c")  # nothing marked now: the readouts shown are compared
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen) and len(app.screen.comparison.columns) == 3
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("G", "enter")
        await settle(app, pilot)
        assert app.screen is main and main.open_id == "2023_amtagvi_pooled"


async def test_landscape_from_the_list_and_from_a_timeline(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_trials(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        landscape = app.screen
        assert isinstance(landscape, LandscapeScreen) and landscape.indication == "melanoma"
        rows = table_text(landscape)
        assert [r.split()[0] for r in rows] == ["IMA203", "lifileucel"]
        assert "not randomised" in str(landscape.query_one("#landscape-caveat", Static).render())
        await pilot.press("escape", "enter", "l")
        await settle(app, pilot)
        assert isinstance(app.screen, LandscapeScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_figure_is_cut_on_the_trials_screens(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_trials(app, pilot)
        text = "\n".join(app.screen.query_one(DataTable).render_line(y).text for y in range(8))
        for figure in ("31.4%", "19 (42.2%)", "21.4%", "50%", "153", "2019-06-02", "2024-05-20"):
            assert figure in text, (size, figure)
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        text = "\n".join(table.render_line(y).text for y in range(5))
        for figure in ("35%", "24 (36.4%)", "31.4%", "23.1–48.4%*", "24.1–39.4%*"):
            assert figure in text, (size, figure)


@SIZES
def test_trials_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("t")
        await _ready(pilot)

    assert snap_compare(_app(tmp_path, TRIALS), terminal_size=size, run_before=run_before)


@SIZES
def test_timeline_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("t")
        await _ready(pilot)
        await pilot.press("enter")
        await _ready(pilot)

    assert snap_compare(_app(tmp_path, TRIALS), terminal_size=size, run_before=run_before)


@SIZES
def test_landscape_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("t")
        await _ready(pilot)
        await pilot.press("l")
        await _ready(pilot)

    assert snap_compare(_app(tmp_path, TRIALS), terminal_size=size, run_before=run_before)
