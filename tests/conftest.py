"""Shared fixtures: the bundled seeds and small article writers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def skipped_with(folder: Path, name: str, content: bytes, message: str) -> None:
    """A file of this content is not loaded: one problem, whose message says `message` and that
    it was skipped."""
    from tilbrowse.corpus.load import load_one
    from tilbrowse.corpus.models import Problem

    path = folder / name
    path.write_bytes(content)
    problem = load_one(str(path), path.stem)
    assert isinstance(problem, Problem), problem
    assert message in problem.message and problem.message.endswith("skipped"), problem.message
TESTS = REPO / "tests"
"""The corpora live here: gold/, heldout/, heldout2/, data/ and the hostile generator."""
SEED_BRIEF = SEEDS / "000_895c175884171d6d.txt"
SEED_NEWS = SEEDS / "004_e8cdb65b83effc3a.txt"

GOOD_ARTICLE = """# A Good Article About TIL Therapy

March 3, 2024 By [Jane Doe](#)

---

Researchers reported that the objective response rate was 31% in 40 patients.
"""


@pytest.fixture
def seeds_dir() -> Path:
    """The bundled seed folder of the repository."""
    return SEEDS


@pytest.fixture
def good_article(tmp_path: Path) -> Path:
    """A well-formed plain article inside tmp_path/corpus."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "good.md"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's cache and settings untouched: every test gets its own XDG folders."""
    base = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))


@pytest.fixture(autouse=True)
def _no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's clipboard untouched: no system clipboard tool is found (OSC 52 only goes
    to the test's headless terminal); clipboard tests put their own fake tool in its place."""
    monkeypatch.setattr("tilbrowse.ui.clipboard.system_command", lambda: None)
    monkeypatch.delenv("TMUX", raising=False)  # the notification's advice depends on it
