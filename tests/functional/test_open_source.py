"""`o` opens only web addresses (issue 14), driven with Pilot in a forced graphical session.

`webbrowser.open` is replaced by a recorder: it must receive nothing for an article whose
stated source is not a web address, and exactly the accepted address for one whose is.
"""

from __future__ import annotations

import dataclasses
import webbrowser
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from tilbrowse.corpus.models import Source
from tilbrowse.ui.app import TilbrowseApp
from tilbrowse.ui.screens.main import MainScreen

from .test_tui import make_app, open_article, settle

ARTICLES = {
    "good.md": (
        "---\ntitle: Good brief\nsources:\n- feed: F\n  title: S\n"
        '  url: "https://ok.example/trial/ln-144?arm=a&x=%20y#results"\n---\nBody.\n'
    ),
    "port.md": "# Plain with a port\n\nBody.\n\n<http://ok.example:8080/a>\n",
    "idn.md": "# Homograph\n\nBody.\n\n<https://аpple.com/login>\n",
    "fm_bad.md": (
        '---\ntitle: Bad brief\nurl: "file:///etc/passwd"\nlink: "https://ok.example/x\\n; rm -rf ~"\n'
        'sources:\n- feed: F\n  url: "javascript:alert(1)"\n- "vscode://file/home/u/.bashrc"\n---\nBody.\n'
    ),
    "plain_bad.md": "# Plain bad\n\nBody.\n\n<smb://fileserver/share/x>\n",
    "userinfo.md": "# Userinfo\n\nBody.\n\nhttps://bank.com@evil.example/login\n",
}


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `webbrowser.open` was handed, in a session the code takes for graphical."""
    calls: list[str] = []

    def record(url: str, *args: object, **kwargs: object) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return calls


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def notices(app: TilbrowseApp) -> list[tuple[str, str, bool]]:
    return [(n.title, n.message, n.markup) for n in app._notifications]


def links_in(screen: MainScreen) -> list[object]:
    """Every hyperlink the detail pane's metadata would emit."""
    found: list[object] = []
    for part in ("#head", "#meta"):
        shown = screen.query_one(part, Static).render()
        spans = shown.spans if isinstance(shown, Text) else getattr(shown, "spans", [])
        found += [s for s in spans if "link" in str(getattr(s, "style", ""))]
    return found


async def press_o(app: TilbrowseApp, pilot, article_id: str) -> MainScreen:  # type: ignore[no-untyped-def]
    screen = await open_article(app, pilot, article_id)
    screen.query_one("#articles").focus()
    await pilot.press("o")
    await settle(app, pilot)
    return screen


@pytest.mark.parametrize(
    ("article_id", "url"),
    [
        ("good", "https://ok.example/trial/ln-144?arm=a&x=%20y#results"),
        ("port", "http://ok.example:8080/a"),
        ("idn", "https://xn--pple-43d.com/login"),
    ],
)
async def test_o_opens_exactly_the_accepted_address(
    tmp_path: Path, opened: list[str], article_id: str, url: str
) -> None:
    app = make_app(tmp_path, corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await press_o(app, pilot, article_id)
        assert opened == [url]
        assert app.clipboard == url
        assert notices(app)[-1] == (
            "Source",
            f"Opening {url} in your web browser. Sent it to the terminal clipboard (OSC 52); "
            "if nothing arrives, your terminal does not allow OSC 52",
            False,
        )
        assert links_in(screen) == []


@pytest.mark.parametrize("article_id", ["fm_bad", "plain_bad", "userinfo"])
async def test_o_opens_nothing_that_is_not_a_web_address(tmp_path: Path, opened: list[str], article_id: str) -> None:
    app = make_app(tmp_path, corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await press_o(app, pilot, article_id)
        record = screen.library.records[article_id]
        assert record.article.source_url is None
        assert any("is not a web address" in p.message for p in record.article.problems)
        assert opened == [] and app.clipboard == ""
        assert not any(message.startswith("Opening") for _, message, _ in notices(app))
        assert links_in(screen) == []


async def test_o_rechecks_at_the_point_of_opening(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record that skipped the corpus check (say, from an old cache) is still never opened."""
    app = make_app(tmp_path, corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, "good")
        record = screen.library.records["good"]
        for bad in ("file:///etc/passwd", "javascript:alert(1)", "https://ok.example/x\n; rm -rf ~"):
            article = dataclasses.replace(record.article, sources=(Source(url=bad),))
            doctored = dataclasses.replace(record, article=article)
            screen.open_record = doctored  # what the screen opens is the record it shows
            screen.action_open_source()
            await settle(app, pilot)
            title, message, markup = notices(app)[-1]
            assert message.startswith("Not opened: ") and "is not a web address" in message and not markup
            assert "\n" not in message
        assert opened == [] and app.clipboard == ""
        screen._open_in_browser("javascript:alert(1)")  # the worker's own last gate
        await settle(app, pilot)
        assert opened == []


async def test_without_a_graphical_session_the_address_is_copied_not_opened(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY")
    app = make_app(tmp_path, corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await press_o(app, pilot, "good")
        url = "https://ok.example/trial/ln-144?arm=a&x=%20y#results"
        assert opened == [] and app.clipboard == url
        assert notices(app)[-1] == (
            "Source",
            f"No graphical browser here, so it is not opened. Sent {url} to the terminal clipboard (OSC 52); "
            "if nothing arrives, your terminal does not allow OSC 52",
            False,
        )


def test_the_ui_never_builds_a_hyperlink() -> None:
    """No widget or console renderable makes a terminal hyperlink (Rich `[link=…]`, `Style(link=…)`,
    Textual `link` styles): the only way out to a browser is `o`, through `corpus.urls`."""
    ui = Path(__file__).resolve().parents[2] / "tilbrowse" / "ui"
    found = [
        f"{path.name}:{number}"
        for path in sorted(ui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "link=" in line or "[link" in line or "meta={" in line or "link_style" in line
    ]
    assert found == []
