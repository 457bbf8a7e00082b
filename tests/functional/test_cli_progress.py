"""Progress on long work: on a terminal the CLI shows files done, the rate and the time left on
stderr, and a one-line summary at the end; piped, redirected or with --quiet, nothing but the
output and the errors. The library reports how far a load has come."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from tilbrowse import cli
from tilbrowse.bench.synthetic import generate_corpus
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library, Tally, analyse_corpus, report_json
from tilbrowse.ui import progress


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus")
    generate_corpus(path, 60, seed=7)
    return path


def test_the_library_tells_how_far_a_load_has_come(folder: Path, tmp_path: Path) -> None:
    for load in (
        lambda cache, hear: Library.load([folder], cache=cache, workers=1, on_progress=hear),
        lambda cache, hear: analyse_corpus([folder], cache=cache, workers=1, on_progress=hear),
        lambda cache, hear: report_json([folder], cache=cache, workers=1, on_progress=hear),
    ):
        cache = Cache(tmp_path / f"cache-{id(load)}")
        cold: list[Tally] = []
        load(cache, cold.append)
        assert cold and cold[-1] == Tally(total=60, done=60, analysed=60)
        assert [t.done for t in cold] == sorted(t.done for t in cold), "it only goes forward"
        warm: list[Tally] = []
        load(cache, warm.append)
        assert warm[-1].done == 60 and warm[-1].analysed == 0 and warm[-1].cached == 60


def test_the_display_draws_progress_and_a_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    with progress.LoadProgress(console) as display:
        display.update(Tally(total=3000, done=120, analysed=0))
        display.update(Tally(total=3000, done=900, analysed=780))
        assert display._progress is not None
        display._progress.refresh()
        drawn = out.getvalue()
        assert "900/3000" in drawn and "files" in drawn
        display.update(Tally(total=3000, done=3000, analysed=2880))
    last = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", out.getvalue().strip().splitlines()[-1])  # the bar erased
    assert last.startswith("tilbrowse: 3,000 files in ") and "2,880 analysed" in last and "120 from the cache" in last


def test_piped_there_is_nothing_but_output_and_errors(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", str(folder), "--format", "json", "--cache-dir", str(tmp_path / "c")]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["articles"]
    assert "files in" not in captured.err and "analysing" not in captured.err


@pytest.mark.parametrize("quiet", [False, True])
def test_on_a_terminal_a_summary_unless_quiet(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    monkeypatch.setattr(cli, "stderr_is_terminal", lambda: True)
    for command in (["extract", "--format", "json"], ["extract", "--format", "csv"], ["search", "melanoma"]):
        argv = [*command, str(folder), "--cache-dir", str(tmp_path / "c"), *(["--quiet"] if quiet else [])]
        assert cli.main(argv) == 0
        captured = capsys.readouterr()
        assert captured.out, "the output itself is unchanged"
        assert ("tilbrowse: 60 files in " in captured.err) is not quiet, command
