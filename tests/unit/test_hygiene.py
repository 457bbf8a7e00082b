"""The house by role: each part imports only the parts below it, and the domain is plain Python.

Layers, lowest first (README "Layout"):
catalog, corpus, stats ← extract ← export, search ← trials ← library ← compare ← settings ← cli, ui;
bench on top.
The JSON report is rendered once per article and cached, so `export` sits below `library`;
the search index is built while loading, so `search` does too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO

PACKAGE = REPO / "tilbrowse"

ALLOWED: dict[str, set[str]] = {
    "catalog": set(),
    "corpus": set(),
    "stats": set(),
    "extract": {"catalog", "corpus", "stats"},
    "search": {"catalog"},
    "export": {"corpus", "stats", "extract"},
    "trials": {"catalog", "corpus", "stats", "extract", "export"},
    "library": {"catalog", "corpus", "stats", "extract", "search", "export", "trials"},
    "compare": {"catalog", "corpus", "stats", "extract", "search", "export", "library", "trials"},
    "settings": {"export", "search"},
    "scoring": {"extract"},
    "cli": {"catalog", "corpus", "stats", "extract", "search", "export", "trials", "library", "compare", "settings", "ui"},
    "ui": {"catalog", "corpus", "stats", "extract", "search", "export", "trials", "library", "compare", "settings"},
    "bench": {
        "catalog", "corpus", "stats", "extract", "search", "export", "trials", "library", "compare", "settings", "ui"
    },
    "__main__": {"cli"},
}
"""For each part, the other parts it may import (the package root, for its version, is always allowed)."""
DOMAIN = ("catalog", "corpus", "stats", "extract", "search", "export", "trials", "library", "compare", "settings")


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every `tilbrowse.X` a module imports, at any depth of the module (lazy imports count)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "tilbrowse" else [f"tilbrowse.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [(node.lineno, n.split(".")[1]) for n in names if n.startswith("tilbrowse.")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name != "__init__.py")


def test_every_part_has_a_place_in_the_layers() -> None:
    parts = {_part(p) for p in MODULES}
    assert parts <= set(ALLOWED), f"parts with no rule: {parts - set(ALLOWED)}"


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_point_down_the_layers(path: Path) -> None:
    part = _part(path)
    allowed = ALLOWED[part] | {part, "__version__", "__file__"}
    wrong = [f"line {line}: tilbrowse.{target}" for line, target in _imports(path) if target not in allowed]
    assert not wrong, f"{path.relative_to(REPO)} ({part}) may not import: {', '.join(wrong)}"


def test_nothing_outside_bench_imports_bench() -> None:
    users = [str(p.relative_to(REPO)) for p in MODULES if _part(p) != "bench" and any(t == "bench" for _, t in _imports(p))]
    assert users == []


PROBE = """
import importlib, pkgutil, sys
import tilbrowse
for part in {parts!r}:
    module = importlib.import_module("tilbrowse." + part)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
        importlib.import_module(info.name)
import tilbrowse.cli
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_domain_and_cli_import_neither_textual_nor_rich() -> None:
    """Checked in a fresh interpreter, as harlequin does: importing every domain module and the
    CLI loads neither Textual nor Rich (the CLI's tables are drawn by `ui`, imported lazily)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(parts=DOMAIN)], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"domain imported: {result.stdout.strip()}"


def test_a_start_from_the_cache_does_not_load_the_extractor() -> None:
    """The readers' patterns (a quarter of a second and 15 MB to import) load on the first
    article analysed, not when the browser or the CLI starts: a warm start never needs them."""
    import subprocess
    import sys

    code = (
        "import sys, tilbrowse.ui.app, tilbrowse.cli, tilbrowse.library.loader; "
        "print(sorted(m for m in sys.modules if m.startswith('tilbrowse.extract'))); "
        "import tilbrowse.extract as e; print(e.cohorts.__name__, e.extract.__module__, 'propose' in dir(e))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == [
        "['tilbrowse.extract', 'tilbrowse.extract.model']",
        "tilbrowse.extract.cohorts tilbrowse.extract.pipeline True",
    ]
