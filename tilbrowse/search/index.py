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
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from tilbrowse.catalog.products import canonical_product, find_product
from tilbrowse.catalog.trials import canonical_trial, trial_key, trial_of_nct
from tilbrowse.search.document import FIELD_TIER, NUMERIC, SHORT, TIER_WEIGHTS, TIERS, TYPO_WEIGHT, SearchDoc
from tilbrowse.search.query import Filter, Query, is_number, parse_query, typo_budget
from tilbrowse.search.results import IdList, Ordered, Result, Scores, in_order


class SearchIndex:
    """Every article's search document, an inverted index of their words, and filter facets.

    Articles are numbered as they are added (a replaced or removed article's number is
    retired); postings are arrays of those numbers per word and field tier.
    """

    def __init__(self, docs: Iterable[SearchDoc] = ()) -> None:
        self._names: list[str] = []
        self._docs: list[SearchDoc | None] = []
        self._ord: dict[str, int] = {}
        self._dead: set[int] = set()
        self._post: tuple[dict[str, array[int]], ...] = tuple({} for _ in TIERS)
        self._short: dict[str, array[int]] = {}
        self._by2: dict[str, set[str]] = {}
        self._facets: dict[str, dict[str, array[int]]] = {
            k: {} for k in ("tag", "drug", "disease", "nct", "source", "trial")
        }
        self._date_sort: list[tuple[int, str]] = []
        self._orr_sort: list[tuple[float, int, str]] = []
        self._typo_cache: dict[str, tuple[str, ...]] = {}
        self._cache: OrderedDict[tuple[str, str], object] = OrderedDict()
        self._orders: dict[tuple[str, bool], tuple[list[int], list[int]]] = {}
        self._ranges: dict[str, tuple[list[Any], list[int]]] = {}
        self.add_many(docs)

    def __len__(self) -> int:
        return len(self._ord)

    @property
    def docs(self) -> dict[str, SearchDoc]:
        """The live documents by id (built on demand: O(n))."""
        return {self._names[o]: d for o, d in enumerate(self._docs) if d is not None}

    def get(self, doc_id: str) -> SearchDoc | None:
        """The document of an id."""
        o = self._ord.get(doc_id)
        return None if o is None else self._docs[o]

    # Building ------------------------------------------------------------------------------------

    def add(self, doc: SearchDoc) -> None:
        """Add or replace one article."""
        self.add_many((doc,))

    def add_many(self, docs: Iterable[SearchDoc]) -> None:
        """Add or replace articles."""
        added = False
        for doc in docs:
            self._add(doc)
            added = True
        if added:
            self._changed()

    def _add(self, doc: SearchDoc) -> None:
        old = self._ord.get(doc.id)
        if old is not None:
            self._retire(old)
        o = len(self._names)
        self._names.append(doc.id)
        self._ord[doc.id] = o
        self._docs.append(replace(doc, body="") if doc.body else doc)
        self._date_sort.append((-doc.date_key, doc.id))
        orr = doc.numbers.get("orr")
        self._orr_sort.append((-(orr if orr is not None else -1.0), -doc.date_key, doc.id))
        seen: set[str] = set()
        by2 = self._by2
        for field_index, tier in enumerate(FIELD_TIER):
            post = self._post[tier]
            for word in doc.field_words(field_index):
                if word in seen:
                    continue
                seen.add(word)
                postings = post.get(word)
                if postings is None:
                    post[word] = postings = array("I")
                    by2.setdefault(word[:2], set()).add(word)
                postings.append(o)
        prefixes = {w[:1] for w in seen} | {w[:2] for w in seen}
        short = self._short
        for prefix in prefixes:
            postings = short.get(prefix)
            if postings is None:
                short[prefix] = postings = array("I")
            postings.append(o)
        post = self._post[3]
        for word in doc.body.split():
            if word in seen:
                continue
            postings = post.get(word)
            if postings is None:
                post[word] = postings = array("I")
                by2.setdefault(word[:2], set()).add(word)
            postings.append(o)
        for name, values in (
            ("tag", doc.tags),
            ("drug", doc.drugs),
            ("disease", doc.diseases),
            ("nct", tuple(t.lower() for t in doc.trial_ids)),
            ("source", doc.sources),
            ("trial", doc.trials),
        ):
            facet = self._facets[name]
            for value in dict.fromkeys(values):
                postings = facet.get(value)
                if postings is None:
                    facet[value] = postings = array("I")
                postings.append(o)

    def _retire(self, o: int) -> None:
        self._dead.add(o)
        self._docs[o] = None

    def remove(self, doc_id: str) -> None:
        """Forget one article."""
        o = self._ord.pop(doc_id, None)
        if o is not None:
            self._retire(o)
            self._changed()

    def _changed(self) -> None:
        self._typo_cache.clear()
        self._cache.clear()
        self._orders.clear()
        self._ranges.clear()

    # Matching ------------------------------------------------------------------------------------

    def _cached(self, key: tuple[str, str], make: object) -> object:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        value = make() if callable(make) else make
        self._cache[key] = value
        if len(self._cache) > 64:
            self._cache.popitem(last=False)
        return value

    def _terms(self, word: str) -> list[str]:
        """Vocabulary words starting with `word`."""
        if len(word) < 2:
            return [t for key, terms in self._by2.items() if key[:1] == word for t in terms]
        return [t for t in self._by2.get(word[:2], ()) if t.startswith(word)]

    def _typos(self, word: str) -> tuple[str, ...]:
        """Vocabulary words within the typo budget of `word` (but not starting with it)."""
        budget = typo_budget(word)
        if budget == 0:
            return ()
        cached = self._typo_cache.get(word)
        if cached is not None:
            return cached
        candidates = [t for key, terms in self._by2.items() if key[:1] == word[:1] for t in terms]
        found = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=budget, limit=None)
        typos = tuple(w for w, _score, _i in found if not w.startswith(word) and abs(len(w) - len(word)) <= budget)
        self._typo_cache[word] = typos
        return typos

    def _short_word(self, word: str, within: set[int] | None = None) -> list[tuple[float, set[int]]]:
        """Where a word shorter than SHORT is found, by weight, best first (disjoint, non-empty).

        As a whole word in any field, the body too ("phase 3 trial" holds "3"); unless it is a
        number, also at the start of a word of the short fields (a word being typed). A number
        is never found inside another ("3" is not in "30%" nor "2023")."""
        out: list[tuple[float, set[int]]] = []
        seen: set[int] = set()
        for tier, weight in enumerate(TIER_WEIGHTS):
            postings = self._post[tier].get(word)
            found = set() if postings is None else set(postings) if within is None else within.intersection(postings)
            if tier == len(TIER_WEIGHTS) - 1 and not is_number(word):
                prefixed = self._short.get(word)
                if prefixed is not None:
                    found |= set(prefixed) if within is None else within.intersection(prefixed)
            found -= seen
            if found:
                seen |= found
                out.append((weight, found))
        return out

    def _postings(self, terms: Iterable[str], tiers: Sequence[int] = (0, 1, 2, 3)) -> set[int]:
        found: set[int] = set()
        for tier in tiers:
            post = self._post[tier]
            for term in terms:
                postings = post.get(term)
                if postings is not None:
                    found.update(postings)
        return found

    def _word(self, word: str) -> dict[int, float]:
        """Articles where the word starts a word (or a typo of it does), with its weight in each."""

        return self._word_tiers(word)[0]

    def _word_tiers(self, word: str) -> tuple[dict[int, float], list[set[int]]]:
        """The word's weights, and its articles split by weight, best first (disjoint sets)."""

        def make() -> tuple[dict[int, float], list[set[int]]]:
            by_weight: list[tuple[float, set[int]]]
            if len(word) < SHORT:
                by_weight = self._short_word(word)
            else:
                terms = self._terms(word)
                typos = self._typos(word)
                tiers: list[set[int]] = []
                seen: set[int] = set()
                for tier in (0, 1, 2, 3):
                    found = self._postings(terms, (tier,)) - seen
                    seen |= found
                    tiers.append(found)
                tiers.append(self._postings(typos) - seen if typos else set())
                by_weight = list(zip((*TIER_WEIGHTS, TYPO_WEIGHT), tiers, strict=True))
            weights: dict[int, float] = {}
            for weight, found in by_weight:
                weights.update(dict.fromkeys(found, weight))
            return weights, [found for _weight, found in by_weight if found]

        return self._cached(("w", word), make)  # type: ignore[return-value]

    def _words(self, query: Query) -> list[dict[int, float]]:
        """Each query word's weights. With several words, those not yet known are looked up
        only among the articles the known ones (or the filters) allow: typing the second word
        of "cervical cancer" costs what "cervical" matched, not what "can" matches."""
        words = query.words
        if len(words) < 2:
            return [self._word(w) for w in words]
        known = {w: found[0] for w in words if isinstance(found := self._cache.get(("w", w)), tuple)}
        if not known:
            known[words[0]] = self._word(words[0])
        within: set[int] | dict[int, float] = min(known.values(), key=len)
        if query.filters:
            within = min([within, *(self._filter(f) for f in query.filters)], key=len)
        out = []
        for word in words:
            weights = known.get(word)
            if weights is None:
                weights = self._word_within(word, within if isinstance(within, set) else set(within))
                if len(weights) < len(within):
                    within = set(weights)
            out.append(weights)
        return out

    def _word_within(self, word: str, within: set[int]) -> dict[int, float]:
        """The word's weights, restricted to some articles (not cached)."""
        weights: dict[int, float] = {}
        if len(word) < SHORT:
            for weight, found_short in self._short_word(word, within):
                weights.update(dict.fromkeys(found_short, weight))
            return weights
        terms = self._terms(word)
        tiers: list[tuple[float, Sequence[str], tuple[int, ...]]] = [(TYPO_WEIGHT, self._typos(word), (0, 1, 2, 3))]
        tiers += [(TIER_WEIGHTS[t], terms, (t,)) for t in (3, 2, 1, 0)]
        for weight, some_terms, in_tiers in tiers:
            found: set[int] = set()
            for tier in in_tiers:
                post = self._post[tier]
                for term in some_terms:
                    postings = post.get(term)
                    if postings is not None:
                        found |= within.intersection(postings)
            if found:
                weights.update(dict.fromkeys(found, weight))
        return weights

    def _prefixed(self, word: str) -> set[int]:
        """Articles where the word starts a word (no typos): what `!word` excludes."""

        def make() -> set[int]:
            return self._postings(self._terms(word))

        return self._cached(("p", word), make)  # type: ignore[return-value]

    def _phrase(self, phrase: str) -> set[int]:
        """Articles with the phrase: a single word inside a word; several in the short fields as
        written, or each of them as a word of the article."""

        def make() -> set[int]:
            words = phrase.split()
            if len(words) == 1:
                terms = [t for terms in self._by2.values() for t in terms if phrase in t]
                return self._postings(terms)
            found: set[int] | None = None
            for word in words:
                having = self._postings((word,))
                found = having if found is None else found & having
                if not found:
                    return set()
            return found or set()

        return self._cached(("x", phrase), make)  # type: ignore[return-value]

    def _filter(self, flt: Filter) -> set[int]:
        """Articles passing a filter."""

        def make() -> set[int]:
            name, value = flt.field, flt.value
            if name in NUMERIC or name in ("after", "before"):
                return self._range(flt)
            facet = self._facets[name]
            found: set[int] = set()
            if name == "trial":  # an identifier: its key exactly, never part of another
                for key in _trial_keys(value):
                    found.update(facet.get(key, ()))
                return set(self._ord.values()) - found if flt.op == "!" else found
            product = find_product(value) if name == "drug" else None
            canonical = product.name.lower() if product is not None else None
            for key, postings in facet.items():
                if value in key or (canonical is not None and canonical in key):
                    found.update(postings)
            if flt.op == "!":
                return set(self._ord.values()) - found
            return found

        return self._cached(("f", repr(flt)), make)  # type: ignore[return-value]

    def _values(self, name: str) -> tuple[list[Any], list[int]]:
        """A numeric field's (or the date's) values in order, and the articles holding them."""
        found = self._ranges.get(name)
        if found is None:
            docs = self._docs
            by_ord: list[Any]
            if name in NUMERIC:
                by_ord = [d.numbers.get(name) if d is not None else None for d in docs]
            else:
                by_ord = [d.date or None if d is not None else None for d in docs]
            ords = [o for o, v in enumerate(by_ord) if v is not None]
            ords.sort(key=by_ord.__getitem__)
            found = self._ranges[name] = (list(map(by_ord.__getitem__, ords)), ords)
        return found

    def prepare(self) -> None:
        """Compute now what the first queries after a change would otherwise pay for (the
        orders, the filter values); a loader calls this in the background."""
        for sort in ("date", "orr"):
            self._order(sort)
            self._order(sort, reverse=True)
        for name in (*sorted(NUMERIC), "date"):
            self._values(name)

    def _range(self, flt: Filter) -> set[int]:
        """Articles passing a numeric or date filter, by bisecting the values in order."""
        name, value = flt.field, flt.value
        keys, ords = self._values("date" if name in ("after", "before") else name)
        if name in NUMERIC:
            target = flt.number if flt.number is not None else 0.0
            lo, hi = bisect_left(keys, target), bisect_right(keys, target)
            part = {">": ords[hi:], ">=": ords[lo:], "<": ords[:lo], "<=": ords[:hi], "=": ords[lo:hi]}[flt.op]
        elif name == "after":  # the date's first len(value) characters >= value
            part = ords[bisect_left(keys, value) :]
        else:  # before: the date's first len(value) characters <= value
            part = ords[: bisect_right(keys, value + "\uffff")]
        return set(part)

    def _order(self, sort: str, reverse: bool = False) -> tuple[list[int], list[int]]:
        """Every live article in date (or ORR) order, and each article number's rank in it.

        Newest (highest ORR) first; `reverse`: oldest (lowest ORR) first. Either way articles
        without a date (an ORR) come last: reversing the list never puts the unknowns on top."""
        found = self._orders.get((sort, reverse))
        if found is None:
            keys: Sequence[tuple[Any, ...]] = self._orr_sort if sort == "orr" else self._date_sort
            if reverse:
                # The stored keys are (-ORR or 1.0 when none, -date, id) and (-date or 0 when none, id).
                none = 1.0 if sort == "orr" else 0
                keys = [(k[0] == none, -k[0], *k[1:]) for k in keys]
            order = sorted(self._ord.values(), key=keys.__getitem__)
            rank = [0] * len(self._names)
            for position, o in enumerate(order):
                rank[o] = position
            found = self._orders[(sort, reverse)] = (order, rank)
        return found

    # Searching -----------------------------------------------------------------------------------

    def search(self, text: str, limit: int | None = None, sort: str = "relevance", reverse: bool = False) -> Result:
        """Run a query over all articles; never raises.

        `sort`: relevance (best match first; newest first among equals and for an empty query),
        date (newest first) or orr (highest best ORR first). `reverse` turns date and ORR round
        (oldest, lowest first; undated and ORR-less articles still last); relevance ignores it."""
        query = parse_query(text)
        total = len(self._ord)
        names = self._names
        if query.errors:
            return Result([], {}, query, total, "; ".join(query.errors))
        if sort == "relevance":
            reverse = False  # best match first is the only order relevance has
        order, rank = self._order("orr" if sort == "orr" else "date", reverse)
        if query.empty:
            ids = IdList(order[:limit] if limit else order, names)
            return Result(ids, {}, query, total, "" if total else "The corpus is empty.")
        word_weights = self._words(query)
        positive: list[set[int] | dict[int, float]] = [*word_weights]
        positive += [self._phrase(p) for p in query.exact]
        positive += [self._filter(f) for f in query.filters]
        found: set[int] | dict[int, float]
        if len(positive) == 1 and not query.negated and not self._dead:
            found = positive[0]  # read only below: no copy of a big set
        elif positive:
            positive.sort(key=len)
            found = set(positive[0])
            for other in positive[1:]:
                if not found:
                    break
                found.intersection_update(other)
        else:
            found = set(self._ord.values())
        if isinstance(found, set):
            for phrase in query.negated:
                found -= self._phrase(phrase) if " " in phrase else self._prefixed(phrase)
            found -= self._dead
        if not found:
            return Result([], {}, query, total, _why_empty(self, query))
        single = len(positive) == 1 and len(query.words) == 1 and found is word_weights[0]
        ordered: list[int] | Ordered
        if single and sort == "relevance":
            # One word matching many articles (as while typing its first letters): order each
            # weight tier lazily, so only the rows shown are put in order now.
            ordered = Ordered([in_order(t, order, rank) for t in self._word_tiers(query.words[0])[1]])
        elif single:
            ordered = Ordered([in_order(set(found), order, rank)])
        else:
            ordered = sorted(found, key=rank.__getitem__)
        scores: dict[int, float] = {}
        if query.words or query.exact:
            scores = self._scores(query, found, word_weights)
            if sort == "relevance" and isinstance(ordered, list):
                ordered.sort(key=scores.__getitem__, reverse=True)
            if sort == "relevance" and query.words:
                top = ordered[:200]
                phrase = " ".join(query.words)
                for o in top:
                    doc = self._docs[o]
                    if doc is not None:
                        title = doc.field_text(0)
                        scores[o] += fuzz.partial_ratio(phrase, title, processor=utils.default_process) / 100
                top.sort(key=scores.__getitem__, reverse=True)
                ordered[: len(top)] = top
        ids = IdList(ordered[:limit] if limit else ordered, names)
        return Result(ids, Scores(scores, self._ord, names), query, total, note=_alias_note(query))

    def alias_matches(self, doc_id: str, query: Query) -> list[str]:
        """The names under which an article named the product a `drug:` filter asked for by
        another name ("amtagvi" asked, "ln-144" and "lifileucel" found), as the index holds them."""
        doc = self.get(doc_id)
        wanted = [p for f in query.filters if f.field == "drug" and (p := find_product(f.value)) is not None]
        if doc is None or not wanted:
            return []
        names = {p.name for p in wanted}
        return [d for d in dict.fromkeys(doc.drugs) if names & set((canonical_product(d) or "").split(" + "))]

    def _scores(
        self, query: Query, found: set[int] | dict[int, float], word_weights: list[dict[int, float]]
    ) -> dict[int, float]:
        if len(word_weights) == 1 and not query.exact:
            weights = word_weights[0]
            return dict(weights) if weights is found else {o: weights[o] for o in found}
        scores = dict.fromkeys(found, 0.0)
        for weights in word_weights:
            for o in found:
                scores[o] += weights[o]
        for phrase in query.exact:
            for o in found:
                doc = self._docs[o]
                if doc is None:
                    continue
                scores[o] += 3.0 if phrase in doc.field_text(0) else 1.5 if phrase in doc.text else 1.0
        return scores


def _trial_keys(value: str) -> set[str]:
    """The facet keys a `trial:` filter names: its own key, the curated name's for an alias, and
    the curated trial's for its NCT number."""
    keys = {trial_key(value)}
    known = canonical_trial(value) or trial_of_nct(value)
    if known is not None:
        keys.add(trial_key(known.name))
    return keys - {""}


def _alias_note(query: Query) -> str:
    """What a `drug:` filter was taken to mean when it names a product by one of its aliases:
    "drug:amtagvi is lifileucel (also LN-144, Amtagvi)"."""
    notes = []
    for flt in query.filters:
        product = find_product(flt.value) if flt.field == "drug" else None
        if product is not None and len(product.names) > 1:
            others = ", ".join(product.aliases) if product.aliases else ""
            notes.append(f"drug:{flt.value} is {product.name}" + (f" (also {others})" if others else ""))
    return "; ".join(notes)


def _why_empty(index: SearchIndex, query: Query) -> str:
    """A sentence saying which part of the query excluded everything."""
    if not len(index):
        return "The corpus is empty."
    for flt in query.filters:
        if not index._filter(flt) - index._dead:  # noqa: SLF001 - same module
            shown = f"{flt.field}{flt.op if flt.field in NUMERIC else ':'}{flt.value}"
            return f"No article matches the filter {shown}."
    for word in query.words:
        if not index._word(word).keys() - index._dead:  # noqa: SLF001 - same module
            return f"No article contains “{word}” (nor a close spelling of it)."
    for phrase in query.exact:
        if not index._phrase(phrase) - index._dead:  # noqa: SLF001 - same module
            return f"No article contains “{phrase}” exactly."
    return "No article matches all of the query at once."
