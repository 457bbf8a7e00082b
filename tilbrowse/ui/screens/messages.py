"""The messages of the main screen: what its workers found (posted from threads, handled on the
event loop)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from tilbrowse.extract.model import Cohort
from tilbrowse.library.library import Record
from tilbrowse.library.loader import FolderChange, Progress
from tilbrowse.trials.group import Trial


class Loaded(Message):
    """A batch of articles arrived from the background loader."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        super().__init__()


class Reloaded(Message):
    """Files changed on disk (the library already holds the change)."""

    def __init__(self, change: FolderChange) -> None:
        self.change = change
        super().__init__()


class Fetched(Message):
    """The record of an article was read (from memory, the cache or its file)."""

    def __init__(self, article_id: str, record: Record | None) -> None:
        self.article_id = article_id
        self.record = record
        super().__init__()


class Searched(Message):
    """A search finished (possibly stale: compare its query with the box)."""

    def __init__(self, query: str, ids: Sequence[str], message: str, total: int, note: str = "") -> None:
        self.query = query
        self.ids = ids
        self.message = message
        self.total = total
        self.note = note
        super().__init__()


class PairsReady(Message):
    """The cohorts to compare or export were read."""

    def __init__(self, then: str, pairs: list[tuple[Record, Cohort]]) -> None:
        self.then = then
        self.pairs = pairs
        super().__init__()


class TrialsReady(Message):
    """The readouts were grouped into trials."""

    def __init__(self, trials: list[Trial]) -> None:
        self.trials = trials
        super().__init__()
