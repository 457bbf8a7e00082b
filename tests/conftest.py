"""Shared fixtures: the bundled seeds and small article writers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
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
