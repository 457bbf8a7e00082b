"""Search as you type (DESIGN §4): every query word must be found, filters narrow, best first.

A query is words and tokens, as in fzf:

- `word`    found at the start of a word of the article, or as a close typo (one edit
            for words of 4+ letters, two for 8+; never for a number: "2022" is not
            "2023"): "cervcal" finds "cervical". A word of one or two characters is found
            as a whole word anywhere, body included ("phase 3" finds "the phase 3 trial",
            "hepatitis b" its body's "b"), and — unless it is a number — at the start of a
            word of the title, tags, entities, trial ids and summary, as while typing (every
            article has some body word that starts with "c"). A short number is never
            found inside another: "3" is not in "30%" nor in "2023";
- `'exact`  found exactly as written (case-insensitive) inside a word; `"two words"` is
            one phrase: found as written in the title, tags, entities, ids or summary, or
            else every word of it found in the body;
- `!word`   no word of the article starts with it;
- filters:  `tag:`, `drug:` (any name of a known product: `drug:amtagvi` is lifileucel),
            `disease:`, `nct:`, `trial:` (a trial's name in any spelling or alias, exactly),
            `source:`, `after:YYYY[-MM[-DD]]`,
            `before:…`, and numeric `orr>30`, `orr<=50`, `n>=50`, `cr>10`, `dcr>=60`.

Ranking: each word scores by the most important field it starts a word in (title 4,
tags/entities/ids 2.5, summary 1.6, body 1; half for a typo), then closeness of the
query to the title among the best 200, then newest first.

The index is built for 100,000 articles: each article keeps only its short fields as one
compact string; the body's distinct words go into an inverted index (word → article
numbers, per field, as compact arrays), so a query costs set operations in C rather than
a scan of every article. Each word's matches are cached while the corpus is unchanged, so a
keystroke only looks up the word being typed. (Reusing the previous results as the pool of
the next query is not done: a longer word can match by a typo what its prefix did not.)

Its parts: `store` (the documents by number, their orders and values), `postings` (the
inverted index and facets), `matching` (what each query part matches, cached), `ranking`
(scores, best first) and `explain` (why nothing matched, how an alias was read). The library
sees only `engine.SearchEngine`, which this class is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tilbrowse.search import explain, ranking
from tilbrowse.search.bodies import FLUSH_AT, Bodies
from tilbrowse.search.document import SearchDoc
from tilbrowse.search.matching import Matcher, Weights
from tilbrowse.search.postings import Postings
from tilbrowse.search.query import Query, parse_query
from tilbrowse.search.results import IdList, Ordered, Result, Scores, in_order
from tilbrowse.search.store import DocStore

Part = dict[str, Any]
"""A part of an image of the index (see `search.image`)."""


class SearchIndex:
    """Every article's search document, an inverted index of their words, and filter facets,
    held in memory."""

    def __init__(self, docs: Iterable[SearchDoc] = (), *, bodies: Bodies | None = None) -> None:
        self.store = DocStore()
        self.postings = Postings(bodies)
        self.matcher = Matcher(self.store, self.postings)
        self.add_many(docs)

    def __len__(self) -> int:
        return len(self.store)

    @property
    def docs(self) -> dict[str, SearchDoc]:
        """The live documents by id (built on demand: O(n))."""
        return self.store.by_id()

    def get(self, doc_id: str) -> SearchDoc | None:
        """The document of an id."""
        return self.store.get(doc_id)

    def add(self, doc: SearchDoc) -> None:
        """Add or replace one article."""
        self.add_many((doc,))

    def add_many(self, docs: Iterable[SearchDoc]) -> None:
        """Add or replace articles."""
        added = False
        store, postings = self.store, self.postings
        for doc in docs:
            old = store.ord.get(doc.id)
            if old is not None:
                postings.retire(old)
            postings.add(store.add(doc), doc)
            added = True
        if added:
            self._changed()

    def remove(self, doc_id: str) -> None:
        """Forget one article."""
        old = self.store.ord.get(doc_id)
        if old is not None and self.store.remove(doc_id):
            self.postings.retire(old)
            self._changed()

    def _changed(self) -> None:
        self.postings.changed()
        self.matcher.changed()
        self.store.changed()

    def prepare(self) -> None:
        """Compute now what the first queries after a change would otherwise pay for (the
        orders, the filter values, where typos are looked for); a loader calls this in the
        background, from the thread that changes the index, without the library's lock (searches
        only read what it reads)."""
        self.store.prepare()
        self.postings.prepare()

    def persist(self, final: bool = True) -> None:
        """Write the body words not on disk yet (when `final`, or when enough are kept to be
        worth a write) and let go of the index's writer. A loader calls this after its batches and
        at its end, from its own thread and without the library's lock: searches go on."""
        bodies = self.postings.bodies
        if final or bodies.pending() >= FLUSH_AT:
            bodies.flush()

    def image(self) -> Iterator[tuple[list[str], Part]] | None:
        """The index as plain data in parts (`search.image`)."""
        from tilbrowse.search import image

        return image.export(self)

    def restore(self, part: Any) -> list[str]:
        """Add a part of an image, as `image` gave it or decoded (`search.image`); the ids added."""
        from tilbrowse.search import image

        return image.restore(self, part)

    def search(self, text: str, limit: int | None = None, sort: str = "relevance", reverse: bool = False) -> Result:
        """Run a query over all articles; never raises.

        `sort`: relevance (best match first; newest first among equals and for an empty query),
        date (newest first) or orr (highest best ORR first). `reverse` turns date and ORR round
        (oldest, lowest first; undated and ORR-less articles still last); relevance ignores it."""
        query = parse_query(text)
        store, matcher = self.store, self.matcher
        total = len(store)
        names = store.names
        if query.errors:
            return Result([], {}, query, total, "; ".join(query.errors))
        if sort == "relevance":
            reverse = False  # best match first is the only order relevance has
        order, rank = store.order("orr" if sort == "orr" else "date", reverse)
        if query.empty:
            ids = IdList(order[:limit] if limit else order, names)
            return Result(ids, {}, query, total, "" if total else "The corpus is empty.")
        word_weights = matcher.words(query)
        positive: list[set[int] | Weights] = [*word_weights]
        positive += [matcher.phrase(p) for p in query.exact]
        positive += [matcher.filter(f) for f in query.filters]
        found: set[int] | Weights
        if len(positive) == 1 and not query.negated and not store.dead:
            found = positive[0]  # read only below: no copy of a big set
        elif positive:
            positive.sort(key=len)
            found = set(positive[0])
            for other in positive[1:]:
                if not found:
                    break
                found.intersection_update(other)
        else:
            found = store.live()
        if isinstance(found, set):
            for phrase in query.negated:
                found -= matcher.phrase(phrase) if " " in phrase else matcher.prefixed(phrase)
            found -= store.dead
        if not found:
            return Result([], {}, query, total, explain.why_empty(matcher, query), note=self._note(query))
        single = len(positive) == 1 and len(query.words) == 1 and found is word_weights[0]
        ordered: list[int] | Ordered
        if single and sort == "relevance":
            # One word matching many articles (as while typing its first letters): order each
            # weight tier lazily, so only the rows shown are put in order now.
            ordered = Ordered([in_order(t, order, rank) for t in matcher.word_tiers(query.words[0])[1]])
        elif single:
            ordered = Ordered([in_order(set(found), order, rank)])
        else:
            ordered = sorted(found, key=rank.__getitem__)
        scores: dict[int, float] = {}
        if query.words or query.exact:
            scores = ranking.scores(store, query, found, word_weights)
            if sort == "relevance" and isinstance(ordered, list):
                ordered.sort(key=scores.__getitem__, reverse=True)
            if sort == "relevance" and query.words:
                top = ordered[: ranking.RERANKED]
                ranking.closest_titles_first(store, query, top, scores)
                ordered[: len(top)] = top
        ids = IdList(ordered[:limit] if limit else ordered, names)
        return Result(ids, Scores(scores, store.ord, names), query, total, note=self._note(query))

    def _note(self, query: Query) -> str:
        """How an alias was read, and a failure of the body words' index on disk."""
        return "; ".join(n for n in (explain.alias_note(query), self.postings.bodies.failure) if n)

    def alias_matches(self, doc_id: str, query: Query) -> list[str]:
        """The names under which an article named the product a `drug:` filter asked for by
        another name ("amtagvi" asked, "ln-144" and "lifileucel" found), as the index holds them."""
        return explain.alias_matches(self.get(doc_id), query)
