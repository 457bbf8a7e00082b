"""The inverted index: which articles (by number) hold a word, per field tier; the start of
their words for one- and two-letter queries; the vocabulary by first two letters, for prefixes
and typos; and the facets filters look up (tag, drug, disease, nct, source, trial).

Postings are compact arrays of article numbers, so a query costs set operations in C. The body
tier's words are in a `bodies` store: in memory (`MemoryBodies`), or on disk when the library has
a cache (`PersistedBodies`); both answer the same questions."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tilbrowse.search.bodies import Bodies, MemoryBodies
from tilbrowse.search.document import FIELD_TIER, TIER_WEIGHTS, TIERS, SearchDoc
from tilbrowse.search.query import is_number, typo_budget

FACETS = ("tag", "drug", "disease", "nct", "source", "trial")


class Postings:
    """Words and facet values → article numbers."""

    BODY = 3
    """The body's tier."""

    def __init__(self, bodies: Bodies | None = None) -> None:
        self.bodies: Bodies = bodies if bodies is not None else MemoryBodies()
        self.tiers: tuple[dict[str, array[int]], ...] = tuple({} for _ in TIERS)
        self.short: dict[str, array[int]] = {}
        """One- and two-letter starts of the short fields' words."""
        self.by2: dict[str, set[str]] = {}
        """The vocabulary by its first two letters."""
        self.facets: dict[str, dict[str, array[int]]] = {k: {} for k in FACETS}
        self._typo_cache: dict[str, tuple[str, ...]] = {}
        self._pools: dict[str, dict[int, list[str]]] = {}
        """The vocabulary (short fields and bodies) by first letter, then length: where typos
        are looked for (a word's typos start with its letter and are within its budget in length)."""

    def add(self, o: int, doc: SearchDoc) -> None:
        """File article number `o`'s words and facet values."""
        seen: set[str] = set()
        by2 = self.by2
        for field_index, tier in enumerate(FIELD_TIER):
            post = self.tiers[tier]
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
        short = self.short
        for prefix in prefixes:
            postings = short.get(prefix)
            if postings is None:
                short[prefix] = postings = array("I")
            postings.append(o)
        self.bodies.add(o, doc.body)
        self._add_facets(o, doc)

    def _add_facets(self, o: int, doc: SearchDoc) -> None:
        for name, values in (
            ("tag", doc.tags),
            ("drug", doc.drugs),
            ("disease", doc.diseases),
            ("nct", tuple(t.lower() for t in doc.trial_ids)),
            ("source", doc.sources),
            ("trial", doc.trials),
        ):
            facet = self.facets[name]
            for value in dict.fromkeys(values):
                postings = facet.get(value)
                if postings is None:
                    facet[value] = postings = array("I")
                postings.append(o)

    def retire(self, o: int) -> None:
        """Article number `o` is replaced or gone (the in-memory postings keep it: search
        drops retired numbers)."""
        self.bodies.retire(o)

    def changed(self) -> None:
        """Forget what was worked out for the vocabulary as it was."""
        self._typo_cache.clear()
        self._pools = {}

    def prepare(self) -> None:
        """Work out now what the first typos after a change look in: the whole vocabulary by
        first letter and length, in one pass (at 100,000 articles a letter's words are tens of
        thousands, most of them identifiers a typo never reaches by length), and let the body
        words' index warm up."""
        pools: dict[str, dict[int, set[str]]] = {}
        short = (t for terms in self.by2.values() for t in terms)
        for term in (*short, *self.bodies.terms("")):
            pools.setdefault(term[:1], {}).setdefault(len(term), set()).add(term)
        self._pools = {letter: {n: list(words) for n, words in sizes.items()} for letter, sizes in pools.items()}
        self.bodies.warm()

    def _pool(self, letter: str) -> dict[int, list[str]]:
        """The vocabulary starting with `letter`, by length."""
        pool = self._pools.get(letter)
        if pool is None:
            pool = {}
            for term in self.terms(letter):
                pool.setdefault(len(term), []).append(term)
            self._pools[letter] = pool
        return pool

    def terms(self, word: str) -> list[str]:
        """Vocabulary words starting with `word`."""
        if len(word) < 2:
            found = [t for key, terms in self.by2.items() if key[:1] == word for t in terms]
        else:
            found = [t for t in self.by2.get(word[:2], ()) if t.startswith(word)]
        return list(dict.fromkeys([*found, *self.bodies.terms(word)]))

    def containing(self, part: str) -> set[int]:
        """Articles with a word holding `part` anywhere."""
        return self.find([t for terms in self.by2.values() for t in terms if part in t]) | self.bodies.containing(part)

    def typos(self, word: str) -> tuple[str, ...]:
        """Vocabulary words within the typo budget of `word` (but not starting with it)."""
        budget = typo_budget(word)
        if budget == 0:
            return ()
        cached = self._typo_cache.get(word)
        if cached is not None:
            return cached
        pool = self._pool(word[:1])
        candidates = [t for n in range(len(word) - budget, len(word) + budget + 1) for t in pool.get(n, ())]
        found = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=budget, limit=None)
        typos = tuple(w for w, _score, _i in found if not w.startswith(word))
        self._typo_cache[word] = typos
        return typos

    def find(self, terms: Iterable[str], tiers: Sequence[int] = (0, 1, 2, 3)) -> set[int]:
        """Articles holding any of the terms in any of the tiers."""
        found: set[int] = set()
        for tier in tiers:
            if tier == self.BODY:
                found |= self.bodies.find(terms)
                continue
            post = self.tiers[tier]
            for term in terms:
                postings = post.get(term)
                if postings is not None:
                    found.update(postings)
        return found

    def find_within(self, terms: Sequence[str], tier: int, within: set[int]) -> set[int]:
        """Of some articles, those holding any of the terms in one tier."""
        if tier == self.BODY:
            return self.bodies.find(terms, within)
        found: set[int] = set()
        post = self.tiers[tier]
        for term in terms:
            postings = post.get(term)
            if postings is not None:
                found |= within.intersection(postings)
        return found

    def short_word(self, word: str, within: set[int] | None = None) -> list[tuple[float, set[int]]]:
        """Where a word shorter than SHORT is found, by weight, best first (disjoint, non-empty).

        As a whole word in any field, the body too ("phase 3 trial" holds "3"); unless it is a
        number, also at the start of a word of the short fields (a word being typed). A number
        is never found inside another ("3" is not in "30%" nor "2023")."""
        out: list[tuple[float, set[int]]] = []
        seen: set[int] = set()
        for tier, weight in enumerate(TIER_WEIGHTS):
            if tier == self.BODY:
                found = self.bodies.find((word,), within)
            else:
                postings = self.tiers[tier].get(word)
                found = set(postings or ()) if within is None else within.intersection(postings or ())
            if tier == len(TIER_WEIGHTS) - 1 and not is_number(word):
                prefixed = self.short.get(word)
                if prefixed is not None:
                    found |= set(prefixed) if within is None else within.intersection(prefixed)
            found -= seen
            if found:
                seen |= found
                out.append((weight, found))
        return out
