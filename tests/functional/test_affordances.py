"""Issue 8's affordances, driven with Pilot: y/Y copy, a clipboard that works beyond OSC 52, an
export that asks where, S reverses the sort, and a palette whose every command names its key."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Footer, Input, OptionList

from tilbrowse.ui import clipboard
from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.commands import COMMANDS, TilbrowseCommands
from tilbrowse.ui.screens.compare import CompareScreen
from tilbrowse.ui.screens.export import ExportScreen, with_format
from tilbrowse.ui.screens.main import MainScreen
from tilbrowse.ui.widgets.article_list import ArticleList
from tilbrowse.ui.widgets.detail import CohortTable

from .test_tui import make_app, open_article, settle

SEED = "004_e8cdb65b83effc3a"


def last_notice(app: TilbrowseApp) -> tuple[str, str]:
    notice = list(app._notifications)[-1]
    assert notice.markup is False, "copied text is data, never markup"
    return notice.title, notice.message


def footer_keys(screen: MainScreen) -> dict[str, str]:
    """The footer's key → description, as drawn now."""
    return {
        key.key_display or key.key: key.description
        for key in screen.query_one(Footer).query("FooterKey")  # type: ignore[attr-defined]
    }


async def table_at(app: TilbrowseApp, pilot, key: str) -> CohortTable:  # type: ignore[no-untyped-def]
    """Focus the first cohort table of the seed article, cursor on a figure."""
    screen = await open_article(app, pilot, SEED)
    table = screen.query(CohortTable).first()
    table.focus()
    table.move_cursor(row=[k.value for k in table.rows].index(key))
    await pilot.pause()
    return table


# y, Y ---------------------------------------------------------------------------------------------


async def test_y_copies_the_figure_under_the_cursor(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await table_at(app, pilot, "orr")
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == f"ORR 38% — Melanoma ({SEED}#1)"
        assert last_notice(app)[1].startswith(f"Sent “ORR 38% — Melanoma ({SEED}#1)” to the terminal clipboard")


async def test_shift_y_copies_the_sentence(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await table_at(app, pilot, "pr")
        row = table.current_row()
        assert row is not None and row.evidence is not None
        await pilot.press("Y")
        await settle(app, pilot)
        assert app.clipboard == row.evidence.text and "23 partial responses (35%)" in app.clipboard


async def test_shift_y_is_greyed_for_a_figure_without_a_sentence(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await table_at(app, pilot, "age")  # median age: no sentence recorded
        assert table.check_action("copy_sentence", ()) is None
        assert table.check_action("copy_figure", ()) is True
        await pilot.press("Y")
        await settle(app, pilot)
        assert app.clipboard == ""
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == f"median age 55 — Melanoma ({SEED}#1)"


async def test_y_in_the_list_copies_the_article_id(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        articles.focus()
        await pilot.press("j")
        await pilot.pause()
        expected = articles.highlighted
        assert expected is not None
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == expected
        assert f"the article id {expected}" in last_notice(app)[1]


async def test_the_footer_shows_y_where_it_applies(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await table_at(app, pilot, "orr")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.pause()
        keys = footer_keys(screen)
        assert keys.get("y") == "Copy" and "Y" not in keys  # Y is in help and the palette: 80 columns stay whole
        screen.query_one(ArticleList).focus()
        await pilot.pause()
        keys = footer_keys(screen)
        assert keys.get("y") == "Copy" and "Y" not in keys
        screen.query_one("#search", Input).focus()
        await pilot.pause()
        assert "y" not in footer_keys(screen), "typing y in the box types it"


async def test_the_palette_copies_cohort_ids(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, SEED)
        screen.query_one(ArticleList).focus()
        screen.action_copy_cohort_id()  # no table focused: the open article's cohorts
        await settle(app, pilot)
        assert app.clipboard == f"{SEED}#1 {SEED}#2"
        screen.query(CohortTable).last().focus()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"cohort: copy id")
        await settle(app, pilot)  # the palette's search is a worker: wait for it, not for a time
        await pilot.press("enter")
        await settle(app, pilot)
        assert not CommandPalette.is_open(app)
        assert app.clipboard == f"{SEED}#2", "the focused table's cohort"


# The clipboard ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "system", "release", "tools", "expected"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", "", {"wl-copy", "xclip"}, ["wl-copy"]),
        (
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            "linux",
            "",
            {"xclip"},
            ["xclip", "-selection", "clipboard"],
        ),
        ({"DISPLAY": ":0"}, "linux", "", {"xsel"}, ["xsel", "--clipboard", "--input"]),
        ({"DISPLAY": ":0"}, "linux", "", set(), None),
        ({}, "linux", "6.1.0", {"xclip", "wl-copy", "clip.exe"}, None),
        ({}, "darwin", "23.0", {"pbcopy"}, ["pbcopy"]),
        ({}, "linux", "5.15.90.1-microsoft-standard-WSL2", {"clip.exe"}, ["clip.exe"]),
        ({"WSL_DISTRO_NAME": "Ubuntu"}, "linux", "", {"clip.exe"}, ["clip.exe"]),
    ],
)
def test_the_system_tool_is_found_by_session(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    system: str,
    release: str,
    tools: set[str],
    expected: list[str] | None,
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}" if name in tools else None)
    found = clipboard.find_command(env, system, release)
    assert found == (None if expected is None else [f"/usr/bin/{expected[0]}", *expected[1:]])


class FakeRun:
    """`subprocess.run` replaced: records what a tool was given, answers as told."""

    def __init__(self, returncode: int = 0, raises: BaseException | None = None) -> None:
        self.calls: list[tuple[list[str], bytes, dict[str, object]]] = []
        self.returncode, self.raises = returncode, raises

    def __call__(self, command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        data = kwargs.get("input")
        assert isinstance(data, bytes)
        self.calls.append((command, data, kwargs))
        if self.raises is not None:
            raise self.raises
        return subprocess.CompletedProcess(command, self.returncode)


def test_pipe_never_raises_and_never_waits_on_the_tool_s_output(monkeypatch: pytest.MonkeyPatch) -> None:
    run = FakeRun()
    monkeypatch.setattr("subprocess.run", run)
    assert clipboard.pipe(["/usr/bin/xclip", "-selection", "clipboard"], "ORR 38% — x") is None
    command, data, kwargs = run.calls[-1]
    assert data == "ORR 38% — x".encode()
    assert kwargs["stdout"] is subprocess.DEVNULL and kwargs["stderr"] is subprocess.DEVNULL
    assert kwargs["timeout"] == clipboard.TIMEOUT
    assert clipboard.pipe(["/mnt/c/Windows/system32/clip.exe"], "—") is None
    assert run.calls[-1][1] == "\ufeff—".encode("utf-16-le"), "clip.exe gets UTF-16 with a byte order mark"
    monkeypatch.setattr("subprocess.run", FakeRun(returncode=1))
    assert clipboard.pipe(["/usr/bin/xclip"], "x") == "xclip failed (exit status 1)"
    monkeypatch.setattr("subprocess.run", FakeRun(raises=subprocess.TimeoutExpired("xclip", 2)))
    assert clipboard.pipe(["/usr/bin/xclip"], "x") == "xclip did not answer within 2 s"
    monkeypatch.setattr("subprocess.run", FakeRun(raises=FileNotFoundError(2, "gone")))
    assert clipboard.pipe(["/usr/bin/xclip"], "x") == "xclip could not be run (FileNotFoundError)"


@pytest.mark.parametrize(
    ("run", "tmux", "message", "severity"),
    [
        (FakeRun(), False, "Copied “ORR 38% — Melanoma ({id}#1)” (system clipboard)", "information"),
        (
            FakeRun(returncode=1),
            False,
            "Sent “ORR 38% — Melanoma ({id}#1)” to the terminal clipboard (OSC 52); xclip failed (exit status 1); "
            "if nothing arrives, your terminal does not allow OSC 52",
            "warning",
        ),
        (
            FakeRun(raises=subprocess.TimeoutExpired("xclip", 2)),
            True,
            "Sent “ORR 38% — Melanoma ({id}#1)” to the terminal clipboard (OSC 52); xclip did not answer within 2 s; "
            "under tmux set `set -g set-clipboard on` if nothing arrives",
            "warning",
        ),
    ],
)
async def test_y_uses_the_system_tool_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: FakeRun, tmux: bool, message: str, severity: str
) -> None:
    monkeypatch.setattr(clipboard, "system_command", lambda: ["/usr/bin/xclip", "-selection", "clipboard"])
    monkeypatch.setattr("subprocess.run", run)
    if tmux:
        monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await table_at(app, pilot, "orr")
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == f"ORR 38% — Melanoma ({SEED}#1)", "OSC 52 is sent either way"
        assert [c[1] for c in run.calls] == [app.clipboard.encode()]
        notice = list(app._notifications)[-1]
        assert (notice.message, notice.severity, notice.markup) == (message.format(id=SEED), severity, False)


async def test_without_a_tool_the_notification_says_osc_52(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await table_at(app, pilot, "orr")
        await pilot.press("y")
        await settle(app, pilot)
        assert last_notice(app)[1] == (
            f"Sent “ORR 38% — Melanoma ({SEED}#1)” to the terminal clipboard (OSC 52); "
            "under tmux set `set -g set-clipboard on` if nothing arrives"
        )


# Export asks where --------------------------------------------------------------------------------


async def export_dialog(app: TilbrowseApp, pilot) -> ExportScreen:  # type: ignore[no-untyped-def]
    await open_article(app, pilot, SEED)
    await pilot.press("c")
    await settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)
    await pilot.press("e")
    await settle(app, pilot)
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def test_export_offers_the_default_path_and_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_dialog(app, pilot)
        box = dialog.query_one("#export-path", Input)
        assert box.value.startswith(str(out / "tilbrowse-comparison-")) and box.value.endswith(".md")
        await pilot.press("down")  # CSV file: the extension follows
        await pilot.pause()
        assert box.value.endswith(".csv")
        await pilot.press("up", "enter")  # Markdown file: to the path
        await pilot.pause()
        assert box.value.endswith(".md") and box.has_focus
        await pilot.press("enter")
        await settle(app, pilot)
        written = Path(box.value)
        assert isinstance(app.screen, CompareScreen), "closed once written"
        assert last_notice(app) == ("Exported", f"Wrote {written}")
    assert list(out.iterdir()) == [written]
    assert "25.5–64.7%" in written.read_text(encoding="utf-8")


async def test_export_writes_an_edited_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_dialog(app, pilot)
        await pilot.press("down", "enter")  # CSV file
        await pilot.pause()
        box = dialog.query_one("#export-path", Input)
        box.value = ""
        await pilot.press(*"reports/melanoma vs cervical.csv", "enter")
        await settle(app, pilot)
        target = tmp_path / "reports" / "melanoma vs cervical.csv"
        assert last_notice(app) == ("Exported", f"Wrote {target}")
    text = target.read_text(encoding="utf-8")
    assert "," in text.splitlines()[0] and "25.5" in text, "CSV, as chosen"


async def test_export_never_replaces_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    taken = tmp_path / "taken.md"
    taken.write_text("mine\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_dialog(app, pilot)
        await pilot.press("enter")
        box = dialog.query_one("#export-path", Input)
        box.value = str(taken)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog, "the dialog stays open for another name"
        assert last_notice(app) == ("Not exported", f"{taken} already exists: choose another name (nothing replaced).")
        assert box.has_focus and not box.disabled
        assert taken.read_text(encoding="utf-8") == "mine\n"
        box.value = str(tmp_path / "fresh.md")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
    assert (tmp_path / "fresh.md").exists()


async def test_export_never_writes_inside_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "# Melanoma trial\n\nThe ORR was 30% (6 of 20 patients) with melanoma.\n", encoding="utf-8"
    )
    monkeypatch.chdir(corpus)  # the working folder is in the corpus: the home folder is offered
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_id = "a"
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        box = dialog.query_one("#export-path", Input)
        assert box.value.startswith(str(tmp_path / "home" / "tilbrowse-comparison-"))
        await pilot.press("enter")
        box.value = "inside.md"  # relative: in the working folder, which is the corpus
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        title, message = last_notice(app)
        assert title == "Not exported" and "inside the corpus folder" in message
    assert sorted(p.name for p in corpus.iterdir()) == ["a.md"]


async def test_export_to_the_clipboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await export_dialog(app, pilot)
        dialog.query_one(OptionList).highlighted = 3  # Copy CSV to the clipboard
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert "25.5–64.7%" in app.clipboard and "," in app.clipboard.splitlines()[0]
        assert last_notice(app)[1].startswith("Sent the comparison as CSV to the terminal clipboard (OSC 52)")


@pytest.mark.parametrize(
    ("typed", "fmt", "expected"),
    [("a.md", "csv", "a.csv"), ("a.csv", "md", "a.md"), ("a.txt", "csv", "a.txt"), ("a", "csv", "a"), ("", "md", "")],
)
def test_the_extension_follows_the_format(typed: str, fmt: str, expected: str) -> None:
    assert with_format(typed, fmt) == expected


# S reverses the sort --------------------------------------------------------------------------------


async def test_shift_s_reverses_the_sort_and_is_remembered(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        status = screen.query_one("#status")
        assert "sort: relevance" in str(status.render()) and "↓" not in str(status.render())
        assert screen.check_action("reverse_sort", ()) is None, "greyed: relevance has one order"
        await pilot.press("S")
        await settle(app, pilot)
        assert screen.reverse is False
        await pilot.press("s")
        await settle(app, pilot)
        articles = screen.query_one(ArticleList)
        newest = list(articles.ids)
        assert "sort: date ↓" in str(status.render())
        await pilot.press("S")
        await settle(app, pilot)
        assert screen.reverse is True and "sort: date ↑" in str(status.render())
        assert list(articles.ids) == newest[::-1]
        await pilot.press("s")
        await settle(app, pilot)
        assert "sort: ORR ↑" in str(status.render())
        # Lowest ORR first; an article without an ORR stays last either way (the brief has none).
        assert list(articles.ids) == [SEED, "000_895c175884171d6d"]
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert (saved["sort"], saved["reverse"]) == ("orr", True)
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert "sort: ORR ↑" in str(again.screen.query_one("#status").render())
        assert again.screen.query_one(ArticleList).ids[0] == SEED


# The palette -----------------------------------------------------------------------------------


def test_every_palette_command_names_a_key_that_is_bound() -> None:
    from tilbrowse.ui.widgets.detail import CohortTable as Table

    bound: dict[str, set[str]] = {}
    for owner in (MainScreen, TilbrowseApp, Table, ArticleList):
        for binding in owner.BINDINGS:
            assert not isinstance(binding, tuple)
            for key in binding.key.split(","):  # type: ignore[union-attr]
                prefix = "app." if owner is TilbrowseApp else ""
                bound.setdefault(prefix + binding.action, set()).add(key.strip())  # type: ignore[union-attr]
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    for command in COMMANDS:
        assert command.name is not None
        group, _, verb = command.name.partition(": ")
        assert group and verb and command.name == command.name.lower(), command.name
        assert hasattr(MainScreen, f"action_{command.action}") or command.action.startswith("app."), command
        if command.key is None:
            assert command.name == "cohort: copy id", "only this one is palette-only (no key was wanted for it)"
            continue
        for key in command.key.split(","):
            assert key in bound.get(command.action, set()), f"{command.name}: {key} is not bound"


async def test_the_palette_shows_each_key(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        provider = TilbrowseCommands(app.screen)
        helps = {hit.text: hit.help async for hit in provider.discover()}
        assert helps["search: focus"] == "/"
        assert helps["app: help"] == "?"
        assert helps["list: reverse sort"] == "S"
        assert helps["figure: copy"] == "y (in a cohort table)"
        assert helps["cohort: copy id"] == "no key"
        found = {hit.text: hit.help async for hit in provider.search("reverse")}
        assert found.get("list: reverse sort") == "S"
