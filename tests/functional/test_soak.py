"""A soak: hundreds of random keys and resizes on the seeds, the gold corpus and bad files.

No exception, no hang, the app still answers `q`, and not one corpus file changes.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from tilbrowse.ui.app import TilbrowseApp

from ..conftest import SEEDS, TESTS
from .test_tui import workers_done

HERE = TESTS
KEYS = list("jkgGcespa/?o xz") + [
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "space",
    "down",
    "up",
    "pageup",
    "pagedown",
    "ctrl+p",
    "backspace",
    "f1",
]


def _sums(folders: list[Path]) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_never_break_the_app(seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # exports land here, never in the corpus
    folders = [SEEDS, HERE / "gold", HERE / "data" / "problems"]
    before = _sums(folders)
    rnd = random.Random(seed)
    app = TilbrowseApp([str(f) for f in folders], settings_path=tmp_path / "settings.json", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        for i in range(250):
            await pilot.press(rnd.choice(KEYS))
            if i % 50 == 0:
                await pilot.resize_terminal(rnd.randint(40, 160), rnd.randint(10, 50))
            assert app.is_running
        await workers_done(app)
        while len(app.screen_stack) > 1:
            app.pop_screen()
            await pilot.pause()
        await pilot.press("escape", "escape", "q")
    assert app.return_code == 0
    assert _sums(folders) == before
