"""Untrusted text renders literally on every screen: Rich markup, Textual actions and
terminal escapes in titles, tags, summaries, bodies, cohort labels and file names."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tilbrowse.compare.comparison import columns_for, compare
from tilbrowse.compare.formats import comparison_csv, comparison_markdown
from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.help import HelpScreen
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.screens.problems import ProblemsScreen

from .test_tui import workers_done

EVIL = """---
title: "[bold red]Evil[/] [@click=app.quit]quit[/] \\e[2J"
tags: ["[@click=app.quit]tag", "[link=https://x.example]link[/link]"]
summary: "[reverse]summary[/] $x"
---
[b]Arm [@click=app.quit]A[/][/]: the objective response rate was 45% (9 of 20 patients) in arm A.
[b]Arm B[/]: the objective response rate was 20% (4 of 20 patients) in arm B.
"""


def _screen_text(app: TilbrowseApp) -> str:
    """What the screen shows, as text (the SVG's text runs in order)."""
    svg = app.export_screenshot()
    body = svg[svg.index("<g class") :] if "<g class" in svg else svg
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


async def test_markup_and_escapes_show_literally_everywhere(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil.md").write_text(EVIL)
    (corpus / "[@click=app.quit]bad.md").write_bytes(b"")
    app = TilbrowseApp([str(corpus)], settings_path=tmp_path / "s.json", watch_interval=0)
    async with app.run_test(size=(160, 50)) as pilot:
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = "evil"
        await pilot.pause()
        text = _screen_text(app)
        assert "[bold red]Evil[/]" in text and "[@click=app.quit]quit[/]" in text  # list and detail
        assert "\x1b" not in app.export_screenshot()
        await pilot.click("#articles", offset=(6, 0))  # clicking a would-be action runs nothing
        await pilot.pause()
        assert app.is_running

        await pilot.press("space")  # marks the cohorts; the notification names them
        await pilot.pause()
        assert app.is_running
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "[bold red]" in _screen_text(app)  # the article title, cut to its column, still literal
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "[@click=app.quit]bad.md" in _screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"evil")
        await workers_done(app)  # the palette's search is a worker: wait for it, not for a time
        await pilot.pause()
        shown = _screen_text(app)
        assert "[bold red]Evil[/]" in shown, [line for line in shown.splitlines() if "jump" in line or "vil" in line]
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running

        record = screen.library.records["evil"]
        comparison = compare(columns_for([(record, c) for c in record.cohorts]))
        markdown = comparison_markdown(comparison)
        assert "\\[bold red\\]Evil" in markdown or "[bold red]Evil" in markdown
        assert "\x1b" not in markdown and "\x1b" not in comparison_csv(comparison)
        await pilot.press("q")
    assert app.return_code == 0
