"""Search as you type (DESIGN §4): every query word must be found, filters narrow, best first.

A query is words and tokens, as in fzf:

- `word`    found in the article exactly, as the start of a word, or as a close typo
            (one edit for words of 4+ letters, two for 8+): "cervcal" finds "cervical";
- `'exact`  found exactly as written (case-insensitive), anywhere;
- `!word`   not found;
- filters:  `tag:`, `drug:`, `disease:`, `nct:`, `source:`, `after:YYYY[-MM[-DD]]`,
            `before:…`, and numeric `orr>30`, `orr<=50`, `n>=50`, `cr>10`, `dcr>=60`;
- `"two words"` quoted words are one exact phrase.

Each article keeps a compact, pre-processed search text (its fields and the distinct
words of its body), not the body itself. Results of a query are reused when the next
query only adds to it, so typing narrows the previous results instead of rescanning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

WORD = re.compile(r"[a-z0-9][a-z0-9\-+/.]*[a-z0-9+]|[a-z0-9]", re.IGNORECASE)
BODY_WORDS = 600
"""At most this many distinct body words are kept per article for search."""

FIELDS = ("title", "tags", "entities", "ids", "summary", "body")
WEIGHTS = {"title": 4.0, "tags": 2.5, "entities": 2.5, "ids": 2.5, "summary": 1.6, "body": 1.0}
NUMERIC = {"orr", "cr", "pr", "sd", "pd", "dcr", "n"}


@dataclass(frozen=True)
class SearchDoc:
    """What search needs of one article: one compact lowercase text, and a few facts.

    The text is every field's words in FIELDS order (title first, body last), fields
    separated by " | ", with a space at both ends, so `" word" in text` tests a word start
    and the first place it is found is in the field that weighs most.
    """

    id: str
    title: str
    date: str | None
    text: str
    bounds: tuple[int, ...]
    """Start offset of each field in `text`, and the end."""
    tags: tuple[str, ...] = ()
    drugs: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    trial_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    numbers: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    """Best value per numeric filter key (e.g. the highest stated ORR of any cohort, largest n)."""
    date_key: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        digits = re.sub(r"\D", "", self.date or "")[:8]
        object.__setattr__(self, "date_key", int(digits) if digits else 0)

    def field_text(self, index: int) -> str:
        """One field's words (0 title … 5 body)."""
        return self.text[self.bounds[index] : self.bounds[index + 1]]

    @property
    def texts(self) -> tuple[str, ...]:
        """Every field's words, in FIELDS order."""
        return tuple(self.field_text(i).strip(" |") for i in range(len(FIELDS)))


def normalise(text: str) -> str:
    """Lowercase words joined by single spaces (the form every search text takes)."""
    return " ".join(WORD.findall(text.lower()))


def make_doc(
    *,
    id: str,  # noqa: A002 - the article id
    title: str,
    date: str | None,
    summary: str = "",
    body: str = "",
    tags: Sequence[str] = (),
    entities: Sequence[str] = (),
    trial_ids: Sequence[str] = (),
    sources: Sequence[str] = (),
    drugs: Sequence[str] = (),
    diseases: Sequence[str] = (),
    numbers: dict[str, float] | None = None,
) -> SearchDoc:
    """Build the compact search document of an article."""
    seen: dict[str, None] = {}
    for word in WORD.findall(body.lower()):
        if word not in seen:
            seen[word] = None
            if len(seen) >= BODY_WORDS:
                break
    texts = (
        normalise(title),
        normalise(" ".join(tags)),
        normalise(" ".join([*entities, *drugs, *diseases])),
        normalise(" ".join([id, *trial_ids])),
        normalise(summary),
        " ".join(seen),
    )
    parts: list[str] = []
    bounds: list[int] = []
    pos = 0
    for field_words in texts:
        chunk = " " + field_words + " |"
        bounds.append(pos)
        parts.append(chunk)
        pos += len(chunk)
    bounds.append(pos)
    return SearchDoc(
        id=id,
        title=title,
        date=date,
        text="".join(parts) + " ",
        bounds=tuple(bounds),
        tags=tuple(t.lower() for t in tags),
        drugs=tuple(d.lower() for d in drugs),
        diseases=tuple(d.lower() for d in diseases),
        trial_ids=tuple(t.upper() for t in trial_ids),
        sources=tuple(s.lower() for s in sources),
        numbers=dict(numbers or {}),
    )


class QueryError(ValueError):
    """A query that cannot be run; the message says what to fix."""


@dataclass(frozen=True)
class Filter:
    """One field filter of a query."""

    field: str
    op: str
    value: str
    number: float | None = None


@dataclass(frozen=True)
class Query:
    """A parsed query."""

    words: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing restricts the results (all articles, newest first)."""
        return not (self.words or self.exact or self.negated or self.filters)

    def terms(self) -> tuple[str, ...]:
        """Words and phrases to highlight."""
        return self.words + self.exact


_TOKEN = re.compile(r'!?"[^"]*"?|\S+')
_FILTER = re.compile(r"^(?P<field>tag|drug|disease|nct|source|after|before):(?P<value>.*)$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(?P<field>orr|cr|pr|sd|pd|dcr|n)(?P<op>>=|<=|=|>|<)(?P<value>.*)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_query(text: str) -> Query:
    """Parse a query; problems are collected in `errors`, never raised."""
    words: list[str] = []
    exact: list[str] = []
    negated: list[str] = []
    filters: list[Filter] = []
    errors: list[str] = []
    for raw in _TOKEN.findall(text[:2000]):
        token = raw.strip()
        if not token:
            continue
        neg = token.startswith("!")
        body = token[1:] if neg else token
        if body.startswith('"'):
            phrase = normalise(body.strip('"'))
            if phrase:
                (negated if neg else exact).append(phrase)
            continue
        numeric = _NUMERIC.match(body)
        if numeric and not neg:
            value = numeric.group("value")
            try:
                number = float(value.rstrip("%"))
            except ValueError:
                errors.append(
                    f"{numeric.group('field')}{numeric.group('op')}{value}: a number is needed after the comparison"
                )
                continue
            filters.append(Filter(numeric.group("field").lower(), numeric.group("op"), value, number))
            continue
        found = _FILTER.match(body)
        if found:
            name, value = found.group("field").lower(), found.group("value").strip()
            if not value:
                errors.append(f"{name}: needs a value, e.g. {name}:{_EXAMPLE[name]}")
                continue
            if name in ("after", "before") and not _DATE.match(value):
                errors.append(f"{name}:{value}: dates are written YYYY, YYYY-MM or YYYY-MM-DD")
                continue
            filters.append(Filter(name, "!" if neg else ":", value.lower()))
            continue
        if body.startswith("'"):
            phrase = normalise(body[1:])
            if phrase:
                (negated if neg else exact).append(phrase)
            continue
        for word in WORD.findall(body.lower()):
            (negated if neg else words).append(word)
    return Query(tuple(words), tuple(exact), tuple(negated), tuple(filters), tuple(errors))


_EXAMPLE = {
    "tag": "melanoma",
    "drug": "lifileucel",
    "disease": "cervical",
    "nct": "NCT02360579",
    "source": "yahoo",
    "after": "2020-01-01",
    "before": "2024-12-31",
}


def _typo_budget(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


@dataclass
class Result:
    """A ranked search result."""

    ids: list[str]
    scores: dict[str, float]
    query: Query
    total: int
    """How many articles were searched."""
    message: str = ""
    """Why there are no results, or what was wrong with the query (empty when all is well)."""


class SearchIndex:
    """All articles' search documents, with a vocabulary for typo matching."""

    def __init__(self, docs: Iterable[SearchDoc] = ()) -> None:
        self.docs: dict[str, SearchDoc] = {}
        self._vocab: set[str] = set()
        self._buckets: dict[str, list[str]] | None = None
        self._typo_cache: dict[str, tuple[str, ...]] = {}
        self._last: tuple[Query, list[str]] | None = None
        for doc in docs:
            self.add(doc)

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, doc: SearchDoc) -> None:
        """Add or replace one article."""
        self.docs[doc.id] = doc
        before = len(self._vocab)
        self._vocab.update(doc.text.split())
        self._vocab.discard("|")
        if len(self._vocab) != before:
            self._buckets = None
            self._typo_cache.clear()
        self._last = None

    def remove(self, doc_id: str) -> None:
        """Forget one article (its words stay in the vocabulary, which is harmless)."""
        self.docs.pop(doc_id, None)
        self._last = None

    def _typos(self, word: str) -> tuple[str, ...]:
        """Vocabulary words within the typo budget of `word` (but not starting with it)."""
        budget = _typo_budget(word)
        if budget == 0:
            return ()
        cached = self._typo_cache.get(word)
        if cached is not None:
            return cached
        if self._buckets is None:
            buckets: dict[str, list[str]] = {}
            for w in self._vocab:
                buckets.setdefault(w[:1], []).append(w)
            self._buckets = buckets
        candidates = self._buckets.get(word[:1], [])
        found = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=budget, limit=None)
        typos = tuple(w for w, _score, _i in found if not w.startswith(word) and abs(len(w) - len(word)) <= budget)
        self._typo_cache[word] = typos
        return typos

    def search(self, text: str, limit: int | None = None) -> Result:
        """Run a query over all articles; never raises."""
        query = parse_query(text)
        total = len(self.docs)
        if query.errors:
            return Result([], {}, query, total, "; ".join(query.errors))
        if query.empty:
            docs = self.docs
            ids = sorted(docs, key=lambda i: (docs[i].date_key, i), reverse=True)
            return Result(ids[:limit] if limit else ids, {}, query, total)
        pool = self._narrowed_pool(query)
        typos = {w: self._typos(w) for w in query.words}
        scores: dict[str, float] = {}
        for doc_id in pool:
            doc = self.docs.get(doc_id)
            if doc is None:
                continue
            score = _score(doc, query, typos)
            if score is not None:
                scores[doc_id] = score
        ids = sorted(scores, key=lambda i: -scores[i])
        _tie_break(ids, self.docs, query, scores)
        docs = self.docs
        ids = sorted(scores, key=lambda i: (-scores[i], -docs[i].date_key, i))
        self._last = (query, ids)
        message = "" if ids else _why_empty(self, query, typos)
        return Result(ids[:limit] if limit else ids, scores, query, total, message)

    def _narrowed_pool(self, query: Query) -> Iterable[str]:
        """The previous results when this query only adds to the previous one, else everything."""
        if self._last is not None:
            before, ids = self._last
            if _refines(query, before):
                return ids
        return self.docs.keys()


def _date_key(date: str | None) -> float:
    if not date:
        return 0.0
    digits = re.sub(r"\D", "", date)[:8]
    return float(digits) if digits else 0.0


def _refines(query: Query, before: Query) -> bool:
    """True when every restriction of `before` is implied by `query` (so its results are a superset)."""
    if before.negated or before.filters != query.filters[: len(before.filters)]:
        return False
    if len(query.words) < len(before.words):
        return False
    for old, new in zip(before.words, query.words, strict=False):
        if not new.startswith(old) or _typo_budget(new) > _typo_budget(old):
            return False
    return all(any(new.startswith(e) or e in new for new in query.exact) for e in before.exact)


_FIELD_WEIGHTS = tuple(WEIGHTS[name] for name in FIELDS)


def _word_score(doc: SearchDoc, word: str, typos: Sequence[str]) -> float:
    """Weight of the most important field where the word starts a word (×1.0 whole word,
    ×0.8 prefix, ×0.5 a typo of it); 0 when it is nowhere."""
    text = doc.text
    pos = text.find(" " + word)
    if pos >= 0:
        field_index = bisect_right(doc.bounds, pos) - 1
        after = text[pos + 1 + len(word) : pos + 2 + len(word)]
        return _FIELD_WEIGHTS[field_index] * (1.0 if after in (" ", "|", "") else 0.8)
    best_pos = -1
    for typo in typos:
        found = text.find(" " + typo)
        if found >= 0 and (best_pos < 0 or found < best_pos):
            best_pos = found
    if best_pos < 0:
        return 0.0
    return _FIELD_WEIGHTS[bisect_right(doc.bounds, best_pos) - 1] * 0.5


def _score(doc: SearchDoc, query: Query, typos: dict[str, tuple[str, ...]]) -> float | None:
    everything = doc.text
    # Cheap rejections first: every word must start some word of the article (or a typo of it).
    for word in query.words:
        if (" " + word) not in everything and not any((" " + t) in everything for t in typos.get(word, ())):
            return None
    for flt in query.filters:
        if not _passes(doc, flt):
            return None
    for phrase in query.negated:
        if phrase in everything:
            return None
    score = 0.0
    for phrase in query.exact:
        if phrase not in everything:
            return None
        score += 3.0 if phrase in doc.field_text(0) else 1.5
    for word in query.words:
        ws = _word_score(doc, word, typos.get(word, ()))
        if ws == 0.0:
            return None
        score += ws
    return score


def _tie_break(ids: list[str], docs: dict[str, SearchDoc], query: Query, scores: dict[str, float]) -> None:
    """Among the top results, closeness of the whole query to the title breaks ties (rapidfuzz)."""
    if not query.words:
        return
    phrase = " ".join(query.words)
    for doc_id in ids[:200]:
        title = docs[doc_id].field_text(0)
        scores[doc_id] += fuzz.partial_ratio(phrase, title, processor=utils.default_process) / 100.0


def _passes(doc: SearchDoc, flt: Filter) -> bool:
    name, value = flt.field, flt.value
    if name in NUMERIC:
        actual = doc.numbers.get(name)
        if actual is None or flt.number is None:
            return False
        target = flt.number
        return {
            ">": actual > target,
            ">=": actual >= target,
            "<": actual < target,
            "<=": actual <= target,
            "=": actual == target,
        }[flt.op]
    if name in ("after", "before"):
        if not doc.date:
            return False
        date = doc.date[: len(value)]
        return date >= value if name == "after" else date <= value
    haystack: Sequence[str] = {
        "tag": doc.tags,
        "drug": doc.drugs,
        "disease": doc.diseases,
        "nct": tuple(t.lower() for t in doc.trial_ids),
        "source": doc.sources,
    }[name]
    hit = any(value in item for item in haystack)
    return not hit if flt.op == "!" else hit


def _why_empty(index: SearchIndex, query: Query, typos: dict[str, tuple[str, ...]]) -> str:
    """A sentence saying which part of the query excluded everything."""
    if not index.docs:
        return "The corpus is empty."
    for flt in query.filters:
        if not any(_passes(d, flt) for d in index.docs.values()):
            shown = f"{flt.field}{flt.op if flt.field in NUMERIC else ':'}{flt.value}"
            return f"No article matches the filter {shown}."
    for word in query.words:
        if not any(_word_score(d, word, typos.get(word, ())) for d in index.docs.values()):
            return f"No article contains “{word}” (nor a close spelling of it)."
    for phrase in query.exact:
        if not any(phrase in d.text for d in index.docs.values()):
            return f"No article contains “{phrase}” exactly."
    return "No article matches all of the query at once."


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of `text` where a query word starts a word (or an exact phrase occurs), merged."""
    spans: list[tuple[int, int]] = []
    lower = text.lower()
    for term in terms:
        if not term:
            continue
        for m in re.finditer(re.escape(term), lower):
            if m.start() == 0 or not lower[m.start() - 1].isalnum() or " " in term:
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
