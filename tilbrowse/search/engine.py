"""The search engine as the library sees it: one small interface, whatever holds the index.

`index.SearchIndex` is the one engine: the short fields in memory (rebuilt from the cache's rows
at each start), the body words in memory or, with a cache, in a tantivy index on disk beside it
(`bodies.PersistedBodies`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from tilbrowse.search.document import SearchDoc
from tilbrowse.search.query import Query
from tilbrowse.search.results import Result


class SearchEngine(Protocol):
    """Add, replace and remove articles' search documents; run queries (never raising)."""

    def __len__(self) -> int: ...

    def get(self, doc_id: str) -> SearchDoc | None:
        """The document of an id (its short fields: what a list row and highlighting need)."""
        ...

    def add_many(self, docs: Iterable[SearchDoc]) -> None:
        """Add or replace articles."""
        ...

    def remove(self, doc_id: str) -> None:
        """Forget one article."""
        ...

    def prepare(self) -> None:
        """Do now, in the background, what the first queries after a change would pay for."""
        ...

    def persist(self, final: bool = True) -> None:
        """Write to disk what is kept there (from the loading thread, searches going on): all
        of it when `final`, else only when enough has gathered."""
        ...

    def image(self) -> Iterator[tuple[list[str], dict[str, Any]]] | None:
        """The index as plain data in parts (ids of each part's articles, its data), to be
        restored at the next start; None when it cannot be (see `search.image`)."""
        ...

    def restore(self, part: Any) -> list[str]:
        """Add a part of an image, as `image` gave it or decoded (into an index filled by its
        earlier parts only); the ids added. Raises ValueError (TypeError, KeyError) on a part
        that does not fit."""
        ...

    def search(self, text: str, limit: int | None = None, sort: str = "relevance", reverse: bool = False) -> Result:
        """Run a query (README "Search" semantics) over all articles."""
        ...

    def alias_matches(self, doc_id: str, query: Query) -> list[str]:
        """Under which names an article holds the product a `drug:` filter named by an alias."""
        ...
