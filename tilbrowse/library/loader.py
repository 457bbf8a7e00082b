"""Loading a corpus into a library in the background, then watching its folders.

The browser runs `Loader.run` in a worker thread; what happens is told through two callbacks
(`on_progress`, `on_change`) that the UI turns into its own messages. No UI code here: the
same loader serves any face that wants a live library.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tilbrowse.corpus.models import Problem
from tilbrowse.library import image
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library, Summary, analyse_summary
from tilbrowse.library.loading import Loading
from tilbrowse.library.watch import Signature, compare, snapshot


@dataclass(frozen=True)
class Progress:
    """A batch of articles is in the library (counts only: a queue of big batches would hold memory)."""

    done: int
    total: int
    added: int
    restored: int = 0
    """Of those added, the articles restored from the library's image (a second or two for all)."""
    checked: bool = False
    """The last word of a load: the folders were checked against what it restored (`Loader.checked`)."""

    @property
    def finished(self) -> bool:
        """Every file found has been read."""
        return self.done >= self.total


@dataclass(frozen=True)
class FolderChange:
    """Files changed on disk: these articles are new or updated, these ids are gone."""

    changed: tuple[str, ...]
    removed: tuple[str, ...]
    problems: tuple[Problem, ...]


class Loader:
    """Fills a library from paths in batches, then polls the paths for changes until stopped."""

    def __init__(
        self,
        library: Library,
        paths: Sequence[str | os.PathLike[str]],
        *,
        on_progress: Callable[[Progress], object],
        on_change: Callable[[FolderChange], object],
        cache: Cache | None = None,
        watch_interval: float = 1.5,
        batch_size: int = 250,
    ) -> None:
        self.library = library
        self.paths = list(paths)
        self.cache = cache
        self.watch_interval = watch_interval
        """Seconds between looks at the folder for new, changed and deleted files (0: never)."""
        self.batch_size = batch_size
        self._on_progress = on_progress
        self._on_change = on_change
        self._stop = threading.Event()
        self.checked = threading.Event()
        """Set once every article is in the library and the folders were checked against an image
        restored (the watching, if any, goes on after)."""

    def stop(self) -> None:
        """End the watching (and a load between two batches)."""
        self._stop.set()

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Load every article, then watch the folders until stopped or `cancelled()`."""
        library, cache = self.library, self.cache
        loading = Loading(self.paths, batch_size=self.batch_size, cache=cache, into=library)
        gc.disable()  # millions of small objects, no cycles: collecting while loading is wasted
        try:
            for batch in loading:
                if cancelled() or self._stop.is_set():
                    return
                library.add_summaries(batch.summaries)
                with library.lock:
                    library.problems.extend(batch.problems)
                library.index.persist(final=False)  # outside the lock: searches go on
                self._on_progress(
                    Progress(batch.done, batch.total, len(batch.summaries) + batch.restored, batch.restored)
                )
                del batch
            # Outside the lock (at 100,000 articles the orders take most of a second, and a
            # search waiting on them is a stalled keystroke): this thread is the only one that
            # changes the library; a search meanwhile reads the same documents, and either
            # stores the same orders.
            library.index.prepare()
            library.index.persist()
            library.restored = loading.restored
            if loading.changed or loading.removed:  # since the image restored was written
                self._on_change(FolderChange(loading.changed, loading.removed, ()))
            self.checked.set()
            total = len(library.entries)
            self._on_progress(Progress(total, total, 0, checked=True))
            if loading.stale and cache is not None:
                image.write(library, cache, self.paths, loading.seen)
        finally:
            gc.enable()
            gc.freeze()  # what was loaded stays: keep it out of later collections
        if self.watch_interval > 0:
            self._watch(loading.seen, cancelled)

    def _watch(self, seen: dict[str, Signature], cancelled: Callable[[], bool]) -> None:
        """Poll the corpus and apply what changed to the library."""
        interval = self.watch_interval
        while not cancelled() and interval > 0:
            started = time.monotonic()
            if self._stop.wait(interval):
                return
            now = snapshot(self.paths)
            changes = compare(seen, now)
            seen = now
            if changes:
                self._on_change(self._apply(changes.changed, changes.removed))
            # A big corpus is looked at less often: never more than a quarter of the time.
            interval = max(interval, 4 * (time.monotonic() - started - interval))

    def _apply(self, changed: Sequence[tuple[str, str]], removed: Sequence[str]) -> FolderChange:
        summaries: list[Summary] = []
        problems: list[Problem] = []
        for path, article_id in changed:
            result = analyse_summary(path, article_id)
            if isinstance(result, Problem):
                problems.append(result)
            else:
                summaries.append(result)
        if self.cache is not None:
            self.cache.put_rows(s.row for s in summaries if s.row is not None)
        fresh = {s.id for s in summaries}
        gone = [i for i in removed if i not in fresh]
        library = self.library
        for article_id in gone:
            library.remove(article_id)
        library.add_summaries(summaries)
        library.index.persist()
        with library.lock:
            known = {(p.path, p.message) for p in library.problems}
            library.problems.extend(p for p in problems if (p.path, p.message) not in known)
        return FolderChange(tuple(sorted(fresh)), tuple(gone), tuple(problems))
