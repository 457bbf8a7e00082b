"""The domain is plain Python: it never imports Textual or Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

PROBE = """
import importlib, pkgutil, sys
import tilbrowse.data
for info in pkgutil.walk_packages(tilbrowse.data.__path__, "tilbrowse.data."):
    importlib.import_module(info.name)
import tilbrowse.cli
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_domain_and_cli_import_neither_textual_nor_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"domain imported: {result.stdout.strip()}"
