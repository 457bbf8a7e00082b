"""Which articles each part of a query matches — words (with the weight of the field each is
found in), phrases, negations, filters — cached while the corpus is unchanged, so a keystroke
only looks up the word being typed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TypeVar

from tilbrowse.catalog.products import find_product
from tilbrowse.catalog.trials import canonical_trial, trial_key, trial_of_nct
from tilbrowse.search.document import NUMERIC, SHORT, TIER_WEIGHTS, TYPO_WEIGHT
from tilbrowse.search.postings import Postings
from tilbrowse.search.query import Filter, Query
from tilbrowse.search.store import DocStore

T = TypeVar("T")
Weights = dict[int, float]
"""Article number → weight of the field a word was found in."""
CACHED = 64
"""Query parts whose matches are kept (words being typed, filters, phrases)."""


class Matcher:
    """Matches of query parts over a store's articles, through its postings."""

    def __init__(self, store: DocStore, postings: Postings) -> None:
        self.store, self.postings = store, postings
        self._cache: OrderedDict[tuple[str, str], object] = OrderedDict()

    def changed(self) -> None:
        self._cache.clear()

    def _cached(self, key: tuple[str, str], make: Callable[[], T]) -> T:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found  # type: ignore[return-value]
        value = make()
        self._cache[key] = value
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return value

    def word(self, word: str) -> Weights:
        """Articles where the word starts a word (or a typo of it does), with its weight in each."""
        return self.word_tiers(word)[0]

    def word_tiers(self, word: str) -> tuple[Weights, list[set[int]]]:
        """The word's weights, and its articles split by weight, best first (disjoint sets)."""

        def make() -> tuple[Weights, list[set[int]]]:
            by_weight: list[tuple[float, set[int]]]
            if len(word) < SHORT:
                by_weight = self.postings.short_word(word)
            else:
                terms = self.postings.terms(word)
                typos = self.postings.typos(word)
                tiers: list[set[int]] = []
                seen: set[int] = set()
                for tier in (0, 1, 2, 3):
                    found = self.postings.find(terms, (tier,)) - seen
                    seen |= found
                    tiers.append(found)
                tiers.append(self.postings.find(typos) - seen if typos else set())
                by_weight = list(zip((*TIER_WEIGHTS, TYPO_WEIGHT), tiers, strict=True))
            weights: Weights = {}
            for weight, found in by_weight:
                weights.update(dict.fromkeys(found, weight))
            return weights, [found for _weight, found in by_weight if found]

        return self._cached(("w", word), make)

    def words(self, query: Query) -> list[Weights]:
        """Each query word's weights. With several words, those not yet known are looked up
        only among the articles the known ones (or the filters) allow: typing the second word
        of "cervical cancer" costs what "cervical" matched, not what "can" matches."""
        words = query.words
        if len(words) < 2:
            return [self.word(w) for w in words]
        known = {w: found[0] for w in words if isinstance(found := self._cache.get(("w", w)), tuple)}
        if not known:
            known[words[0]] = self.word(words[0])
        within: set[int] | Weights = min(known.values(), key=len)
        if query.filters:
            within = min([within, *(self.filter(f) for f in query.filters)], key=len)
        out = []
        for word in words:
            weights = known.get(word)
            if weights is None:
                weights = self._word_within(word, within if isinstance(within, set) else set(within))
                if len(weights) < len(within):
                    within = set(weights)
            out.append(weights)
        return out

    def _word_within(self, word: str, within: set[int]) -> Weights:
        """The word's weights, restricted to some articles (not cached)."""
        weights: Weights = {}
        if len(word) < SHORT:
            for weight, found_short in self.postings.short_word(word, within):
                weights.update(dict.fromkeys(found_short, weight))
            return weights
        terms = self.postings.terms(word)
        tiers: list[tuple[float, Sequence[str], tuple[int, ...]]] = [
            (TYPO_WEIGHT, self.postings.typos(word), (0, 1, 2, 3))
        ]
        tiers += [(TIER_WEIGHTS[t], terms, (t,)) for t in (3, 2, 1, 0)]
        for weight, some_terms, in_tiers in tiers:
            found: set[int] = set()
            for tier in in_tiers:
                found |= self.postings.find_within(some_terms, tier, within)
            if found:
                weights.update(dict.fromkeys(found, weight))
        return weights

    def prefixed(self, word: str) -> set[int]:
        """Articles where the word starts a word (no typos): what `!word` excludes."""
        return self._cached(("p", word), lambda: self.postings.find(self.postings.terms(word)))

    def phrase(self, phrase: str) -> set[int]:
        """Articles with the phrase: a single word inside a word; several in the short fields as
        written, or each of them as a word of the article."""

        def make() -> set[int]:
            words = phrase.split()
            if len(words) == 1:
                return self.postings.containing(phrase)
            found: set[int] | None = None
            for word in words:
                having = self.postings.find((word,))
                found = having if found is None else found & having
                if not found:
                    return set()
            return found or set()

        return self._cached(("x", phrase), make)

    def filter(self, flt: Filter) -> set[int]:
        """Articles passing a filter."""

        def make() -> set[int]:
            name, value = flt.field, flt.value
            if name in NUMERIC or name in ("after", "before"):
                return self._range(flt)
            facet = self.postings.facets[name]
            found: set[int] = set()
            if name == "trial":  # an identifier: its key exactly, never part of another
                for key in _trial_keys(value):
                    found.update(facet.get(key, ()))
                return self.store.live() - found if flt.op == "!" else found
            product = find_product(value) if name == "drug" else None
            canonical = product.name.lower() if product is not None else None
            for key, postings in facet.items():
                if value in key or (canonical is not None and canonical in key):
                    found.update(postings)
            if flt.op == "!":
                return self.store.live() - found
            return found

        return self._cached(("f", repr(flt)), make)

    def _range(self, flt: Filter) -> set[int]:
        """Articles passing a numeric or date filter, by bisecting the values in order."""
        name, value = flt.field, flt.value
        keys, ords = self.store.values("date" if name in ("after", "before") else name)
        if name in NUMERIC:
            target = flt.number if flt.number is not None else 0.0
            lo, hi = bisect_left(keys, target), bisect_right(keys, target)
            part = {">": ords[hi:], ">=": ords[lo:], "<": ords[:lo], "<=": ords[:hi], "=": ords[lo:hi]}[flt.op]
        elif name == "after":  # the date's first len(value) characters >= value
            part = ords[bisect_left(keys, value) :]
        else:  # before: the date's first len(value) characters <= value
            part = ords[: bisect_right(keys, value + "\uffff")]
        return set(part)


def _trial_keys(value: str) -> set[str]:
    """The facet keys a `trial:` filter names: its own key, the curated name's for an alias, and
    the curated trial's for its NCT number."""
    keys = {trial_key(value)}
    known = canonical_trial(value) or trial_of_nct(value)
    if known is not None:
        keys.add(trial_key(known.name))
    return keys - {""}
