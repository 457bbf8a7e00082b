"""The articles' body words in an index on disk (tantivy), queried where they lie.

The body words are nine tenths of what search holds: at 100,000 articles, 600 distinct words
each are 60 million postings — 400 MB as Python arrays, rebuilt at every start. Here they live
in a tantivy index in the cache folder (`search-bodies-1/`), written once and opened at the
next start (reading which words it holds: a tenth of a second at 200,000 articles); only the
short fields (title, tags, entities, ids, summary) stay in memory (`postings.Postings`). A body
query gives the same articles as the in-memory index: `find` (articles holding any of some
words), `terms` (the vocabulary by prefix, for prefixes and typos) and `containing` (words
holding a part, for `'exact`).

An index document is one article's body words, keyed by a 64-bit digest of those words, so
an article whose words are already indexed — under any path, from any folder opened with the
same cache — costs nothing at the next start, and two articles with the same words share one
document. The library's article numbers are mapped to keys in memory (8 bytes an article).

Words not yet written (an article analysed now; another tilbrowse holding the index's writer)
are kept in memory as the in-memory index keeps them, and searched beside the disk's; `flush`
writes them (from the loading thread, while searches go on: the words in memory are swapped
for an empty table only once the disk holds them, never emptied in place). A writer refused
(another tilbrowse is writing) is asked again at the next flush; words stay in memory meanwhile.

Nothing is ever deleted: the cache folder is shared by every folder a user opens and by every
tilbrowse running, so words no article of this run uses may be another's. The words of files
since edited or removed stay (the bench's synthetic corpora: 2.4 MB for 10,000 articles, 23 MB
for 100,000 — a few hundred bytes an article ever seen; it is a cache: removing
`search-bodies-1/` costs one rebuild from the cache's rows).

A damaged index (tantivy panics on some damaged files instead of raising) is made again when it
is opened; one found damaged by a query is marked (`failure`, shown in the search's note) and
made again at the next start — search goes on with the words in memory only.
"""

from __future__ import annotations

import hashlib
import shutil
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any

FOLDER = "search-bodies-1"
"""The index's folder in the cache folder (a new layout takes a new name)."""
DAMAGED = "damaged"
"""A file in the folder saying a query found it damaged: it is made again at the next open."""
FLUSH_AT = 5000
"""Articles' words kept in memory before a load writes them (it writes the rest at its end)."""
WRITER_HEAP = 32_000_000
"""Bytes tantivy's writer buffers before it writes a segment."""
ONE_BY_ONE = 4
"""More words than this not looked up yet are looked up in one query (and not kept)."""
LETTER_KEPT = 100_000
"""A first letter's words are kept (until the next write) when there are no more than this."""
KEPT = 1_000_000
"""Article numbers kept of the words looked up last (about 40 MB at most)."""
REGEX_PART = 200
"""Longer `'exact` parts are looked for by scanning the vocabulary (tantivy's regex automaton
refuses parts of about 480 characters)."""


def words_key(words: str) -> int:
    """The 64-bit key of an article's body words."""
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def _fatal(exc: BaseException) -> bool:
    """Whether an exception must go on up (tantivy's panics are BaseExceptions; these are not)."""
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


class MemoryBodies:
    """Body words → article numbers in memory, with the words by their first two letters (for
    prefixes): the body tier without a cache, and the words an index on disk has not written yet.
    Both kinds answer the same questions (`add`, `retire`, `find`, `terms`, `containing`)."""

    __slots__ = ("by2", "post")

    failure: str | None = None
    """Never: nothing on disk to fail."""

    def __init__(self) -> None:
        self.post: dict[str, array[int]] = {}
        self.by2: dict[str, set[str]] = {}

    def add(self, o: int, words: str) -> None:
        """File article number `o`'s body words (space-separated, distinct)."""
        post, by2 = self.post, self.by2
        for word in words.split():
            postings = post.get(word)
            if postings is None:
                post[word] = postings = array("I")
                by2.setdefault(word[:2], set()).add(word)
            postings.append(o)

    def retire(self, o: int) -> None:
        """Article number `o` is replaced or gone (its postings stay: search drops retired numbers)."""

    def pending(self) -> int:
        """Nothing is ever to be written."""
        return 0

    def flush(self, release: bool = True) -> None:
        """Nothing to write."""

    def find(self, words: Iterable[str], within: set[int] | None = None) -> set[int]:
        """Articles whose body holds any of the words (of those `within`, when given)."""
        found: set[int] = set()
        post = self.post
        for word in words:
            postings = post.get(word)
            if postings is None:
                continue
            if within is None:
                found.update(postings)
            else:
                found |= within.intersection(postings)
        return found

    def warm(self) -> None:
        """Nothing to warm: it is all in memory."""

    def terms(self, prefix: str) -> list[str]:
        """The body words starting with `prefix` (all of them for "")."""
        if not prefix:
            return [t for terms in self.by2.values() for t in terms]
        if len(prefix) < 2:
            return [t for key, terms in self.by2.items() if key[:1] == prefix for t in terms]
        return [t for t in self.by2.get(prefix[:2], ()) if t.startswith(prefix)]

    def containing(self, part: str) -> set[int]:
        """Articles with a body word holding `part` anywhere."""
        found: set[int] = set()
        for word, postings in self.post.items():
            if part in word:
                found.update(postings)
        return found


class PersistedBodies:
    """Body words → article numbers, on disk with what is not written yet in memory."""

    def __init__(self, folder: Path, index: Any, schema: Any) -> None:
        import tantivy

        self.folder = folder
        self._tv = tantivy
        self._index = index
        self._schema = schema
        self._writer: Any = None
        self._retry_at = 0
        """Pending articles at which a refused writer is asked for again."""
        self.warning: str | None = None
        """Why words stay in memory, if they do (nothing is missing from search)."""
        self.failure: str | None = None
        """Why search may miss body words of articles on disk, if it may (until the next start)."""
        self._ords: dict[int, int] = {}
        """Key → the article number using it (the first, when several do)."""
        self._more: dict[int, set[int]] = {}
        """Key → further article numbers using it."""
        self._key_of: dict[int, int] = {}
        """Article number → its key."""
        self._on_disk: set[int] = set(self._disk_keys())
        self._pending: dict[int, str] = {}
        """Keys to write → their words."""
        self._memory = MemoryBodies()
        """Words of the articles whose words are not on disk yet."""
        self._letters: dict[str, list[str]] = {}
        """The disk's words by their first letter, as looked up since the last write."""
        self._words: OrderedDict[str, set[int]] = OrderedDict()
        """The articles of the words looked up last (see `_word`)."""
        self._kept = 0
        self._disk_ords: set[int] | None = None

    @classmethod
    def open(cls, cache_folder: Path) -> PersistedBodies | None:
        """The index in a cache folder (made when missing, made again when damaged), or None
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
                if (folder / DAMAGED).exists():
                    raise ValueError("marked damaged by a query")
                folder.mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(schema, path=str(folder), reuse=True)
                index.reload()
                return cls(folder, index, schema)
            except BaseException as exc:  # noqa: BLE001 - tantivy panics on some damaged files
                if _fatal(exc):
                    raise
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

    def _damaged(self, exc: BaseException) -> None:
        """A query failed: search goes on with the words in memory; the index is made again at
        the next start."""
        self.failure = (
            f"the search index of article bodies failed ({type(exc).__name__}); "
            "body words of some articles are not searched until tilbrowse starts again"
        )
        try:
            (self.folder / DAMAGED).write_text("found damaged by a query\n", "utf-8")
        except OSError:
            pass

    def _disk_find(self, make_query: Callable[[], Any]) -> set[int]:
        if self.failure is not None:
            return set()
        try:
            searcher = self._searcher()
            total = searcher.num_docs
            if not total:
                return set()
            query = make_query()
            # tantivy-py hands every hit over as Python objects (about 0.25 µs each): a word in
            # most bodies is cheaper as the articles without it, taken from all those on disk.
            count = searcher.search(query, 1, count=True).count
            if not count:
                return set()
            if count > total // 2:
                occur, tv_query = self._tv.Occur, self._tv.Query
                query = tv_query.boolean_query([(occur.Must, tv_query.all_query()), (occur.MustNot, query)])
            hits = searcher.search(query, total, count=False).hits
            keys = searcher.fast_field_values("key", list(map(itemgetter(1), hits))) if hits else []
        except BaseException as exc:  # noqa: BLE001 - a search must not raise; tantivy may panic
            if _fatal(exc):
                raise
            self._damaged(exc)
            return set()
        found = set(map(self._ords.get, keys))
        found.discard(None)
        if self._more:
            for key in self._more.keys() & keys:
                found.update(self._more[key])
        if count > total // 2:
            return self._on_disk_ords() - found
        return found  # type: ignore[return-value]

    def _on_disk_ords(self) -> set[int]:
        """The numbers of the articles whose words are on disk (kept until articles change)."""
        if self._disk_ords is None:
            on_disk = self._on_disk
            ords = {o for key, o in self._ords.items() if key in on_disk}
            for key, more in self._more.items():
                if key in on_disk:
                    ords |= more
            self._disk_ords = ords
        return self._disk_ords

    def _disk_terms(self, prefix: str) -> list[str]:
        if self.failure is not None:
            return []
        cached = self._letters.get(prefix) if len(prefix) == 1 else None
        if cached is not None:
            return cached
        try:
            found = list(map(itemgetter(0), self._searcher().terms_with_prefix("body", prefix)))
            if len(prefix) == 1 and len(found) <= LETTER_KEPT:  # typos look words up by their first letter
                self._letters[prefix] = found
            return found
        except BaseException as exc:  # noqa: BLE001 - as in _disk_find
            if _fatal(exc):
                raise
            self._damaged(exc)
            return []

    # Articles coming and going

    def add(self, o: int, words: str) -> None:
        """File article number `o`'s body words (space-separated, distinct)."""
        if not words:
            return
        if self._words or self._disk_ords is not None:
            self._forget()
        key = words_key(words)
        self._key_of[o] = key
        if key in self._ords:
            self._more.setdefault(key, set()).add(o)
        else:
            self._ords[key] = o
        if key in self._on_disk:
            return
        self._pending[key] = words
        self._memory.add(o, words)

    def keys(self) -> dict[int, int] | None:
        """Article number → the key of its body words on disk (articles without body words have
        none), or None while some words are only in memory or the index failed: what an image of
        the library records (`search.image`)."""
        if self._pending or self.failure is not None:
            return None
        return dict(self._key_of)

    def holds(self, keys: Iterable[int]) -> bool:
        """Whether the disk holds the body words of every key."""
        return self._on_disk.issuperset(keys)

    def adopt(self, o: int, key: int) -> None:
        """File article number `o` under body words already on disk (see `holds`)."""
        if self._words or self._disk_ords is not None:
            self._forget()
        self._key_of[o] = key
        if key in self._ords:
            self._more.setdefault(key, set()).add(o)
        else:
            self._ords[key] = o

    def _forget(self) -> None:
        """The disk or the articles changed: what was looked up is looked up again."""
        self._letters = {}
        self._words = OrderedDict()
        self._kept = 0
        self._disk_ords = None

    def retire(self, o: int) -> None:
        """Article number `o` is replaced or gone."""
        key = self._key_of.pop(o, None)
        if key is None:
            return
        if self._words or self._disk_ords is not None:
            self._forget()
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

    def flush(self, release: bool = True) -> None:
        """Write the words kept in memory (one commit), then let go of the writer (so another
        tilbrowse can write) unless `release` is False. Runs in the thread that adds articles,
        while others search."""
        pending = self._pending
        if pending and len(pending) >= self._retry_at and self.failure is None:
            try:
                writer = self._writer_now()
                for key, words in pending.items():
                    doc = self._tv.Document()
                    doc.add_unsigned("key", key)
                    doc.add_text("body", words)
                    writer.add_document(doc)
                writer.commit()
                self._index.reload()
            except BaseException as exc:  # noqa: BLE001 - a refused or failed write keeps words in memory
                if _fatal(exc):
                    raise
                self.warning = f"the search index {self.folder} cannot be written now ({exc}); words kept in memory"
                self._retry_at = 2 * len(pending)  # asked again when the words kept have doubled
                self._release(rollback=True)
                return
            # The disk holds them now (reloaded above): a search that took the memory before
            # this line also finds them on disk; one after finds them there only.
            self._on_disk.update(pending)
            self._forget()
            self._pending = {}
            self._memory = MemoryBodies()
            self.warning = None
        if release:
            self._release()

    def _writer_now(self) -> Any:
        if self._writer is None:
            self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        return self._writer

    def _release(self, rollback: bool = False) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            return
        try:
            if rollback:
                writer.rollback()
            writer.wait_merging_threads()
        except BaseException as exc:  # noqa: BLE001 - letting go of a writer never fails a load
            if _fatal(exc):
                raise

    # Queries

    def find(self, words: Iterable[str], within: set[int] | None = None) -> set[int]:
        """Articles whose body holds any of the words (of those `within`, when given)."""
        memory = self._memory  # before the disk: see `flush`
        words = list(dict.fromkeys(words))
        found: set[int] = set()
        kept = self._words
        new = [w for w in words if w not in kept]
        if len(new) > ONE_BY_ONE:  # many words not looked up yet (a short prefix): one query
            found = self._disk_find(lambda: self._tv.Query.term_set_query(self._schema, "body", new))
            for word in words:
                if word in kept:
                    found |= kept[word]
        else:
            for word in words:
                found |= self._word(word)
        found |= memory.find(words)
        return found if within is None else found & within

    def _word(self, word: str) -> set[int]:
        """The articles on disk holding one word, kept while the index and the articles are
        unchanged (while typing, "sarc" and "sarco" look up the same words)."""
        cached = self._words.get(word)
        if cached is not None:
            self._words.move_to_end(word)
            return cached
        found = self._disk_find(lambda: self._tv.Query.term_query(self._schema, "body", word))
        self._words[word] = found
        self._kept += len(found)
        while self._kept > KEPT and self._words:
            self._kept -= len(self._words.popitem(last=False)[1])
        return found

    def terms(self, prefix: str) -> list[str]:
        """The body words starting with `prefix` (all of them for "")."""
        memory = self._memory
        return list({*self._disk_terms(prefix), *memory.terms(prefix)})

    def warm(self) -> None:
        """Pay now what tantivy pays once, at the first query that hands many articles over
        (about 0.1 s at 100,000 articles): one such query, its answer dropped."""
        if self.failure is not None:
            return
        try:
            searcher = self._searcher()
            if searcher.num_docs:
                searcher.search(self._tv.Query.all_query(), searcher.num_docs, count=False)
        except BaseException as exc:  # noqa: BLE001 - as in _disk_find
            if _fatal(exc):
                raise
            self._damaged(exc)

    def containing(self, part: str) -> set[int]:
        """Articles with a body word holding `part` anywhere."""
        memory = self._memory
        if len(part) > REGEX_PART:
            found = self.find([t for t in self._disk_terms("") if part in t])
        else:
            pattern = ".*" + "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):X}}}" for c in part) + ".*"
            found = self._disk_find(lambda: self._tv.Query.regex_query(self._schema, "body", pattern))
        return found | memory.containing(part)


Bodies = MemoryBodies | PersistedBodies
"""Where the body tier's words are: in memory, or on disk (see the module's docstring)."""
