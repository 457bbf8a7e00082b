"""What a reader sees at 80×24 and 120×40 (issue 18 item 6): the detail pane's head line has no
stray separator, the footer keeps `q Quit`, `? Help` and `/ Search` on screen, and a table cell
is drawn whole or cut with `…` — never clipped at the screen's or a scrollbar's edge.

The screen is read back as text from Textual's compositor (what a terminal would show)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from tilbrowse.compare.comparison import meta_rows
from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.commands import COMMANDS
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.export import ExportScreen
from tilbrowse.ui.screens.help import KEYS
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.screens.problems import ProblemsScreen
from tilbrowse.ui.widgets.article_list import ArticleList
from tilbrowse.ui.widgets.detail import CohortTable, DetailPane

from ..conftest import SEEDS, TESTS
from .test_tui import settle

GOLD = TESTS / "gold"
SEED = "004_e8cdb65b83effc3a"
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
@pytest.mark.parametrize(
    "article_id", ["abs_16_tilvance301_brief", "004_e8cdb65b83effc3a", "news_19_satricel_randomized_gastric"]
)
async def test_the_head_line_has_no_stray_separator(tmp_path: Path, size: tuple[int, int], article_id: str) -> None:
    """Seen: `2025-09-22 · NCT05727904 ·` with the source URL wrapped onto the next line, and
    `Satricabtagene autoleucel · solid tumors · NCT04581473 ·` above a cohort's table."""
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
        for header in screen.query(".cohort-title"):
            head += [line.strip() for line in _visible(app, header) if line.strip()]
        for line in head:
            assert not line.startswith("·") and not line.endswith("·"), head
            assert "· ·" not in line, head


# 2. The footer -----------------------------------------------------------------------------------


def _drawn_keys(screen: MainScreen) -> dict[str, str]:
    """The footer's keys as drawn, key → description; each must lie whole on the screen, beside the others."""
    footer = screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    for key in keys:
        region = key.region
        where = f"{key.key_display} {key.description} at {region} in a footer {footer.region}"
        assert region.width > 0 and region.x >= footer.region.x and region.right <= footer.region.right, where
        for other in keys:
            assert other is key or not region.overlaps(other.region), f"{where} overlaps {other.key_display}"
    return {key.key_display: key.description for key in keys}


def _footer_must_show(keys: dict[str, str], state: str) -> None:
    for display, description in (("q", "Quit"), ("?", "Help"), ("/", "Search")):
        assert keys.get(display) == description, f"{state}: no '{display} {description}' in {keys}"


async def _footer_states(app: TilbrowseApp, pilot) -> list[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The footer with the list focused on an article with cohorts, then with a cohort table focused."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    states = []
    screen.query_one(ArticleList).focus()
    await settle(app, pilot)
    states.append(("list", _drawn_keys(screen)))
    screen.query(CohortTable).first().focus()
    await settle(app, pilot)
    states.append(("cohort table", _drawn_keys(screen)))
    return states


@SIZES
async def test_the_footer_keeps_quit_help_and_search_on_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    """Seen at 80 columns: `q Quit` and `? Help` pushed off the right edge."""
    app = _app(tmp_path, SEEDS)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = SEED  # figures: Mark, Compare and Export apply, the footer is at its fullest
        await settle(app, pilot)
        for state, keys in await _footer_states(app, pilot):
            _footer_must_show(keys, f"{size} {state}")
            if size[0] >= 120:
                assert {"c", "space"} <= keys.keys(), f"{state}: at 120 columns Compare and Mark are shown"


async def test_the_footer_fits_at_every_width_from_80(tmp_path: Path) -> None:
    app = _app(tmp_path, SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = SEED
        await settle(app, pilot)
        for width in (80, 84, 90, 99, 100, 105, 110, 119, 120, 140, 200):
            await pilot.resize_terminal(width, 30)
            await settle(app, pilot)
            for state, keys in await _footer_states(app, pilot):
                _footer_must_show(keys, f"{width} columns, {state}")


async def test_a_key_left_out_of_the_footer_still_works_and_is_listed(tmp_path: Path) -> None:
    app = _app(tmp_path, SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = SEED
        screen.query_one(ArticleList).focus()
        await settle(app, pilot)
        drawn = _drawn_keys(screen)
        wanted: dict[str, list[Binding]] = {}  # action → its keys (`?` and `f1` are one footer key)
        for _node, binding, enabled, _tip in screen.active_bindings.values():
            if binding.show and enabled:
                wanted.setdefault(binding.action, []).append(binding)
        hidden = {
            action: bindings[0]
            for action, bindings in wanted.items()
            if not any(app.get_key_display(b) in drawn for b in bindings)
        }
        assert hidden, "at 80 columns with every key applicable, some give way"
        helped = {part.strip() for keys, _what in KEYS for part in keys.split("/")}
        for action, binding in hidden.items():
            display = app.get_key_display(binding)
            assert display in helped, f"{display} is in the help"
            assert any(c.action == action and c.key == binding.key for c in COMMANDS), f"{display} in the palette"
        hidden_keys = {binding.key for binding in hidden.values()}
        assert "e" in hidden_keys, "Export gives way before Quit, Help and Search"
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen), "a key left out of the footer still works"


# 3. Tables: a cell is drawn whole, or cut with `…` ---------------------------------------------


def _cell_lines(cell: object) -> list[str]:
    return str(getattr(cell, "plain", cell)).split("\n")


def _assert_cells_drawn_whole(app: TilbrowseApp, table: DataTable[object]) -> int:
    """Every line of every cell the table holds is drawn as it is, in its column, on the table's
    lines that are on screen: nothing clipped by the screen's edge or a scrollbar. Returns the
    number of cell lines checked."""
    content = table.scrollable_content_region
    assert table.virtual_size.width <= content.width and content.right <= app.size.width, (
        f"the table's columns take {table.virtual_size.width} cells in {content.width} "
        f"(x {content.x}–{content.right} of {app.size.width}): the last one is clipped"
    )
    columns = table.ordered_columns
    starts, x = [], content.x - int(table.scroll_x)
    for column in columns:
        starts.append(x + table.cell_padding)
        x += column.get_render_width(table)
    header = [_cell_lines(column.label) for column in columns]
    drawn_rows = [[h[k] if k < len(h) else "" for h in header] for k in range(table.header_height)]
    body: list[list[str]] = []
    for index, row in enumerate(table.ordered_rows):
        texts = [_cell_lines(cell) for cell in table.get_row_at(index)]
        body += [[t[k] if k < len(t) else "" for t in texts] for k in range(row.height)]
    drawn_rows += body[int(table.scroll_y) :]
    bottom = min(content.bottom, app.screen.query_one(Footer).region.y, app.size.height)
    lines = _lines(app)
    checked = 0
    for k, row_lines in enumerate(drawn_rows):
        y = content.y + k
        if y >= bottom:
            break
        for start, column, expected in zip(starts, columns, row_lines, strict=True):
            assert len(expected) <= column.width, f"{expected!r} is wider than its column ({column.width})"
            drawn = lines[y][start : start + column.width].rstrip()
            assert drawn == expected.rstrip(), f"line {y}: drawn {drawn!r}, the cell holds {expected!r}"
            checked += 1
    return checked


def _cut_with_ellipsis(shown: str, full: str) -> bool:
    """`shown` is `full`, or the start of it ending in `…`."""
    return shown == full or (shown.endswith("…") and full.startswith(shown[:-1].rstrip()))


# Four cohorts whose ids fold onto several lines: at 80×24 the table outgrew the screen's height,
# took a scrollbar of its own and lost its last column's last two cells of width (`Myxoid/roun`).
MARKED = (
    "pr_10_iovance_lun202_nsclc#1",
    "news_01_lifileucel_pooled_followup#1",
    "news_15_e7_tcr_hpv_brief#2",
    "news_14_til_nivolumab_lung#2",
)


@SIZES
async def test_the_comparison_draws_each_cell_whole_or_cut_with_an_ellipsis(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = _app(tmp_path, SEEDS, GOLD)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.marks = MARKED
        await pilot.press("c")
        await settle(app, pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        table = compare.query_one("#compare-table", DataTable)
        assert _assert_cells_drawn_whole(app, table) > 40
        comparison = compare.comparison
        shown = compare.window()
        for i, column in zip(shown, table.ordered_columns[1:], strict=True):
            label = _cell_lines(column.label)[0]
            assert _cut_with_ellipsis(label, comparison.columns[i].cohort.label), label
        for row_index, (name, values) in enumerate(meta_rows(comparison)):
            if name == "cohort id":
                continue  # folded onto lines, never cut: checked above, line by line
            cells = table.get_row_at(row_index)[1:]
            for i, cell in zip(shown, cells, strict=True):
                text = _cell_lines(cell)[0]
                assert _cut_with_ellipsis(text, values[i] or "—"), (name, text, values[i])


@SIZES
async def test_the_problems_table_draws_each_cell_whole(tmp_path: Path, size: tuple[int, int]) -> None:
    """Seen at 80×24: `2 MB limi`, the problem column clipped by the scrollbars of a list too long
    for the screen."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"empty{i:02}.md").write_text("")
    (corpus / "blob.md").write_bytes(b"\x00\x01binary\x00")
    with (corpus / "huge.md").open("wb") as big:
        big.truncate(3 * 1024 * 1024)  # sparse: over the 2 MB limit without writing it
    (corpus / ("a-file-name-much-longer-than-the-file-column-" * 2 + ".md")).write_text("")
    (corpus / "good.md").write_text("# A title\n\nThe response rate was 31% in 40 patients.\n")
    long_url = "file:///home/someone/articles/2024/melanoma/lifileucel-pooled-analysis-of-153-patients.html"
    (corpus / "zz-url.md").write_text(f"---\ntitle: A title\nsource_url: {long_url}\n---\n\nORR was 31% (n = 40).\n")
    app = _app(tmp_path, corpus)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one(DataTable)
        assert _assert_cells_drawn_whole(app, table) > 20
        table.move_cursor(row=table.row_count - 1)  # the last rows scrolled into view
        await settle(app, pilot)
        screen_text = "\n".join(_lines(app))
        assert "MB limit" in screen_text, "the 2 MB problem is on screen"
        assert "lifileucel-pooled" in screen_text, "the URL's warning is on screen"
        assert _assert_cells_drawn_whole(app, table) > 20
