"""A number on screen is never cut: what the screen shows equals the model's value, at 120×40 and
80×24, in the list (with its scrollbar), every cohort table and the comparison.

The screen is read back as text from Textual's compositor (what a terminal would show), and
every number in a widget's region must be a whole number of the model's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from tilbrowse.compare.comparison import Comparison
from tilbrowse.export.tables import fmt_number, format_derived, format_outcome, other_value
from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.widgets.article_list import ArticleList, best_orr_text
from tilbrowse.ui.widgets.detail import CohortTable

from ..conftest import SEEDS, TESTS
from .test_tui import settle

NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
SIZES = [(120, 40), (80, 24)]


def _lines(app: TilbrowseApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]  # noqa: SLF001 - the screen as shown


def _visible(app: TilbrowseApp, widget: Widget, region: Region | None = None) -> list[str]:
    """The text of a widget's visible region, line by line."""
    region = (region or widget.region).intersection(app.screen.region)
    lines = _lines(app)
    return [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]


def _numbers(texts: list[str]) -> set[str]:
    return {n for text in texts for n in NUMBER.findall(text)}


def _comparison_numbers(comparison: Comparison, with_text: bool = False) -> set[str]:
    """Every whole number the comparison's model holds (with its labels, titles and diseases too)."""
    cols = comparison.columns
    texts = [cell.text for row in comparison.rows for cell in row.cells]
    texts += [f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" for ci in comparison.orr_ci if ci]
    texts += [row.label for row in comparison.rows] + [c.id for c in cols] + [c.article_date or "" for c in cols]
    texts += [c.cohort.trial_id or "" for c in cols] + [c.cohort.product or "" for c in cols]
    if with_text:
        texts += [c.cohort.label for c in cols] + [c.article_title for c in cols]
        texts += [c.cohort.indication or "" for c in cols]
    return _numbers([*texts, "ORR 95% CI (exact)"])


def _app(tmp_path: Path, *paths: Path) -> TilbrowseApp:
    return TilbrowseApp([str(p) for p in paths], settings_path=tmp_path / "s.json", watch_interval=0)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_list_rows_show_the_whole_best_orr_beside_the_scrollbar(tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, TESTS / "gold", SEEDS)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = screen.query_one(ArticleList)
        for _ in range(3):  # scrolled, so the scrollbar shows and rows move under it
            assert articles.max_scroll_y > 0, "the list must scroll for this test to mean anything"
            content = articles.scrollable_content_region
            rows = _visible(app, articles, content)
            for y, text in enumerate(rows):
                index = articles.scroll_offset.y + y
                if index >= len(articles.ids):
                    break
                entry = screen.library.entries[articles.ids[index]]
                shown = text.rstrip().removesuffix("!").rstrip()
                expected = best_orr_text(entry.best_orr)
                if expected:
                    assert shown.endswith(" " + expected), (size, index, text)
                else:
                    assert not re.search(r"\d%$", shown), (size, index, text)
            await pilot.press("pagedown")
            await pilot.pause()


def _model_numbers(table: CohortTable) -> set[str]:
    cohort = table.cohort
    texts = [str(cohort.n or ""), fmt_number(cohort.median_age) if cohort.median_age is not None else ""]
    texts += [format_outcome(o) for o in cohort.outcomes.values()]
    texts += [format_derived(d) for d in cohort.derived.values()]
    texts += [other_value(o) for o in cohort.other.values()] + [o for o in cohort.other]
    texts += [c.message for c in cohort.checks] + [r.label for r in table.figure_rows()]
    texts += [r.stated + " " + r.derived for r in table.figure_rows() if r.kind == "candidate"]
    return _numbers(texts)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_every_cohort_table_cell_on_screen_is_a_whole_model_value(tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, TESTS / "gold", SEEDS)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        checked = 0
        for article_id in list(screen.library.entries)[:40]:
            screen.open_id = article_id
            await settle(app, pilot)
            tables = list(screen.query(CohortTable))
            if not tables:
                continue
            tables[0].focus()  # narrow terminals show the detail pane when it has the focus
            await settle(app, pilot)
            for table in tables:
                table.scroll_visible(animate=False)
                await pilot.pause()
                region = table.region
                evidence = screen.query_one("#evidence")
                if evidence.display and evidence.region.height:  # the quote docked over the pane's foot
                    region = region.intersection(Region(0, 0, app.screen.size.width, evidence.region.y))
                shown = _numbers(_visible(app, table, region))
                wrong = shown - _model_numbers(table)
                assert not wrong, (size, article_id, table.cohort.id, sorted(wrong), _visible(app, table))
                stated = [r.stated for r in table.figure_rows() if r.stated]
                assert all(len(word) <= table.columns[list(table.columns)[1]].width for s in stated for word in s.split())
                checked += 1
            screen.query_one(ArticleList).focus()
        assert checked > 30


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_every_comparison_cell_on_screen_is_a_whole_model_value(tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, SEEDS)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = "004_e8cdb65b83effc3a"
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        comparison = compare.comparison
        model = _comparison_numbers(comparison)
        table = compare.query_one("#compare-table")
        shown = _visible(app, table)
        assert not _numbers(shown) - model, (size, sorted(_numbers(shown) - model), shown)
        for row in comparison.rows:  # the rows on screen carry every cohort's figure, whole
            line = next((t for t in shown if t.startswith(row.label)), None)
            if line is not None:
                for cell in row.cells:
                    assert cell.text in line, (size, row.label, cell.text, line)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_many_cohorts_show_only_whole_columns_and_page_sideways(tmp_path: Path, size: tuple[int, int]) -> None:
    """More cohorts than fit: the columns shown are whole; h/l bring the others, never a part of one."""
    app = _app(tmp_path, TESTS / "gold")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        ids = []
        for article_id, entry in screen.library.entries.items():
            if entry.cohorts:
                ids += [c.id for c in screen.library.records[article_id].cohorts]
            if len(ids) >= 9:
                break
        screen.marks = tuple(ids[:9])
        await pilot.press("c")
        await settle(app, pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        comparison = compare.comparison
        model = _comparison_numbers(comparison, with_text=True)
        seen: set[int] = set()
        for _ in range(len(comparison.columns)):
            shown = compare.window()
            assert len(shown) < len(comparison.columns), "the test needs more cohorts than fit"
            seen.update(shown)
            table = compare.query_one("#compare-table")
            lines = _visible(app, table)
            assert not _numbers(lines) - model, (size, sorted(_numbers(lines) - model), lines)
            assert table.virtual_size.width <= table.size.width, "every column shown fits whole"
            for row in comparison.rows:
                line = next((t for t in lines if t.startswith(row.label)), None)
                if line is not None:
                    for i in shown:
                        assert row.cells[i].text in line, (size, row.label, row.cells[i].text, line)
            await pilot.press("l")
            await pilot.pause()
        assert seen == set(range(len(comparison.columns))), "h/l reach every cohort"
