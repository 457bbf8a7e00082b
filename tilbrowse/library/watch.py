"""Noticing new, changed and deleted files in a corpus (polling: portable, no dependencies)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from tilbrowse.corpus.load import assign_ids, discover
from tilbrowse.corpus.models import Problem

Signature = tuple[int, int, str]
"""(size, mtime_ns, article id) of a file."""


@dataclass(frozen=True)
class Changes:
    """What changed between two looks at a corpus."""

    changed: tuple[tuple[str, str], ...]
    """(path, article id) of files that are new or whose size, mtime or id changed."""
    removed: tuple[str, ...]
    """Article ids that are gone."""

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def snapshot(paths: Sequence[str | os.PathLike[str]]) -> dict[str, Signature]:
    """Every article file under the paths with its size, mtime and id."""
    return scan(paths)[0]


def scan(paths: Sequence[str | os.PathLike[str]]) -> tuple[dict[str, Signature], list[Problem]]:
    """Every article file under the paths with its size, mtime and id, and the problems met
    finding them."""
    candidates, problems = discover(paths)
    out: dict[str, Signature] = {}
    for cand, article_id in zip(candidates, assign_ids(candidates), strict=True):
        try:
            st = os.stat(cand.path)
        except OSError:
            continue
        out[cand.path] = (st.st_size, st.st_mtime_ns, article_id)
    return out, problems


def compare(before: dict[str, Signature], after: dict[str, Signature]) -> Changes:
    """The files to (re)load and the ids to drop."""
    changed = tuple((path, sig[2]) for path, sig in after.items() if before.get(path) != sig)
    kept_ids = {sig[2] for sig in after.values()}
    removed = tuple(sorted({sig[2] for path, sig in before.items() if sig[2] not in kept_ids}))
    renamed = tuple(
        sorted({before[path][2] for path, sig in after.items() if path in before and before[path][2] != sig[2]})
    )
    return Changes(changed, tuple(sorted(set(removed) | set(renamed))))
