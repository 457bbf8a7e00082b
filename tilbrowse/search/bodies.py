"""The articles' body words in an index on disk (tantivy), queried where they lie.

The body words are nine tenths of what search holds: at 100,000 articles, 600 distinct words
each are 60 million postings — 400 MB as Python arrays, rebuilt at every start. Here they live
in a tantivy index in the cache folder (`search-bodies/`), written once and opened in a
millisecond at the next start; only the short fields (title, tags, entities, ids, summary) stay
in memory (`postings.Postings`). A body query gives the same articles as the in-memory index:
`find` (articles holding any of some words), `terms` (the vocabulary by prefix, for prefixes
and typos) and `containing` (words holding a part, for `'exact`).

An index document is one article's body words, keyed by a 64-bit digest of those words, so
an article whose words are already indexed — under any path, from any folder opened with the
same cache — costs nothing at the next start, and two articles with the same words share one
document. The library's article numbers are mapped to keys in memory (8 bytes an article).

Words not yet written (an article analysed now; another tilbrowse holding the index's writer)
are kept in memory as the in-memory index keeps them, and searched beside the disk's; `flush`
writes them. Any failure of the index on disk — locked, corrupt, unwritable — leaves those words
in memory: search stays whole, only memory grows.
"""

from __future__ import annotations

import hashlib
import shutil
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FOLDER = "search-bodies-1"
"""The index's folder in the cache folder (a new layout takes a new name)."""
FLUSH_AT = 5000
"""Articles' words kept in memory before they are written on their own (a load writes at its end)."""
WRITER_HEAP = 32_000_000
"""Bytes tantivy's writer buffers before it writes a segment."""
STALE_AT = 20_000
"""Documents no loaded article uses (edited files' old words, other folders'…) above which, and
above the loaded ones, they are deleted when the writer is released."""


def words_key(words: str) -> int:
    """The 64-bit key of an article's body words."""
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class PersistedBodies:
    """Body words → article numbers, on disk with what is not written yet in memory."""

    def __init__(self, folder: Path, index: Any, schema: Any) -> None:
        import tantivy

        self.folder = folder
        self._tv = tantivy
        self._index = index
        self._schema = schema
        self._writer: Any = None
        self._writable = True
        self.warning: str | None = None
        """Why words stay in memory, if they do."""
        self._ords: dict[int, int] = {}
        """Key → the article number using it (the first, when several do)."""
        self._more: dict[int, set[int]] = {}
        """Key → further article numbers using it."""
        self._key_of: dict[int, int] = {}
        """Article number → its key."""
        self._on_disk: set[int] = set(self._disk_keys())
        self._pending: dict[int, str] = {}
        """Keys to write → their words."""
        self._memory: dict[str, array[int]] = {}
        """Words of the articles whose words are not on disk yet → their numbers."""

    @classmethod
    def open(cls, cache_folder: Path) -> PersistedBodies | None:
        """The index in a cache folder (made when missing, made again when unreadable), or None
        when there is none to be had (tantivy missing, the folder unwritable)."""
        try:
            import tantivy
        except ImportError:
            return None
        builder = tantivy.SchemaBuilder()
        builder.add_unsigned_field("key", indexed=True, fast=True)
        builder.add_text_field("body", tokenizer_name="whitespace", index_option="basic")
        schema = builder.build()
        folder = cache_folder / FOLDER
        for attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(schema, path=str(folder), reuse=True)
                index.reload()
                return cls(folder, index, schema)
            except (ValueError, OSError):
                if attempt == 0:
                    shutil.rmtree(folder, ignore_errors=True)  # ours, in the cache: made again
        return None

    # What is on disk

    def _searcher(self) -> Any:
        return self._index.searcher()

    def _disk_keys(self) -> list[int]:
        searcher = self._searcher()
        count = searcher.num_docs
        if not count:
            return []
        hits = searcher.search(self._tv.Query.all_query(), count, count=False).hits
        return [k for k in searcher.fast_field_values("key", [a for _s, a in hits]) if k is not None]

    def _disk_find(self, make_query: Callable[[], Any]) -> set[int]:
        searcher = self._searcher()
        if not searcher.num_docs:
            return set()
        try:
            hits = searcher.search(make_query(), searcher.num_docs, count=False).hits
            keys = searcher.fast_field_values("key", [a for _s, a in hits]) if hits else []
        except ValueError as exc:  # never seen; a search must not raise
            self.warning = f"the search index {self.folder} failed a query ({exc})"
            return set()
        found = set(map(self._ords.get, keys))
        found.discard(None)
        if self._more:
            for key in keys:
                found.update(self._more.get(key, ()))
        return found  # type: ignore[return-value]

    # Articles coming and going

    def add(self, o: int, words: str) -> None:
        """File article number `o`'s body words (space-separated, distinct)."""
        if not words:
            return
        key = words_key(words)
        self._key_of[o] = key
        if key in self._ords:
            self._more.setdefault(key, set()).add(o)
        else:
            self._ords[key] = o
        if key in self._on_disk:
            return
        self._pending[key] = words
        memory = self._memory
        for word in words.split():
            postings = memory.get(word)
            if postings is None:
                memory[word] = postings = array("I")
            postings.append(o)

    def retire(self, o: int) -> None:
        """Article number `o` is replaced or gone."""
        key = self._key_of.pop(o, None)
        if key is None:
            return
        more = self._more.get(key)
        if self._ords.get(key) == o:
            if more:
                self._ords[key] = more.pop()
            else:
                del self._ords[key]
        elif more is not None:
            more.discard(o)
        if more is not None and not more:
            del self._more[key]

    def pending(self) -> int:
        """Articles' words not written yet."""
        return len(self._pending)

    def flush(self, release: bool = False) -> None:
        """Write the words kept in memory (one commit); `release`: also let go of the writer
        (so another tilbrowse can write) and delete documents no loaded article uses when they
        have piled up."""
        if self._pending and self._writable:
            try:
                writer = self._writer_now()
                for key, words in self._pending.items():
                    doc = self._tv.Document()
                    doc.add_unsigned("key", key)
                    doc.add_text("body", words)
                    writer.add_document(doc)
                writer.commit()
                self._index.reload()
            except (ValueError, OSError) as exc:
                self._give_up(exc)
            else:
                self._on_disk.update(self._pending)
                self._pending.clear()
                self._memory.clear()
        if release:
            self._collect()
            self._release()

    def _writer_now(self) -> Any:
        if self._writer is None:
            self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        return self._writer

    def _give_up(self, exc: Exception) -> None:
        """The index cannot be written (another process holds it, a full disk…): words stay in
        memory for this run."""
        self._writable = False
        self.warning = f"the search index {self.folder} cannot be written ({exc}); new articles' words kept in memory"
        self._release()

    def _release(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.wait_merging_threads()
            except (ValueError, OSError):
                pass

    def _collect(self) -> None:
        stale = self._on_disk - self._ords.keys()
        if len(stale) <= max(STALE_AT, len(self._ords)) or not self._writable:
            return
        try:
            writer = self._writer_now()
            # By a query: tantivy-py's delete_documents_by_term takes a Python int as a signed
            # term and silently deletes nothing from an unsigned field.
            writer.delete_documents_by_query(self._tv.Query.term_set_query(self._schema, "key", list(stale)))
            writer.commit()
            self._index.reload()
        except (ValueError, OSError) as exc:
            self._give_up(exc)
        else:
            self._on_disk -= stale

    # Queries

    def find(self, words: Iterable[str]) -> set[int]:
        """Articles whose body holds any of the words."""
        words = list(dict.fromkeys(words))
        if not words:
            return set()
        found = self._disk_find(lambda: self._tv.Query.term_set_query(self._schema, "body", words))
        memory = self._memory
        for word in words:
            postings = memory.get(word)
            if postings is not None:
                found.update(postings)
        return found

    def terms(self, prefix: str) -> list[str]:
        """The body words starting with `prefix`."""
        try:
            found = {t for t, _count in self._searcher().terms_with_prefix("body", prefix)}
        except ValueError as exc:  # never seen; a search must not raise
            self.warning = f"the search index {self.folder} failed a query ({exc})"
            found = set()
        found.update(t for t in self._memory if t.startswith(prefix))
        return list(found)

    def containing(self, part: str) -> set[int]:
        """Articles with a body word holding `part` anywhere."""
        pattern = ".*" + "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):X}}}" for c in part) + ".*"
        found = self._disk_find(lambda: self._tv.Query.regex_query(self._schema, "body", pattern))
        for word, postings in self._memory.items():
            if part in word:
                found.update(postings)
        return found
