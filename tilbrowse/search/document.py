"""What the search index keeps of an article: its short fields as one compact string, body words, values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tilbrowse.catalog.trials import canonical_trial, trial_key

WORD = re.compile(r"[a-z0-9][a-z0-9\-+/.]*[a-z0-9+]|[a-z0-9]", re.IGNORECASE)
BODY_WORDS = 600
"""At most this many distinct body words are kept per article for search."""

FIELDS = ("title", "tags", "entities", "ids", "summary")
"""The short fields kept in memory, in `SearchDoc.text` order."""
TIERS = ("title", "labels", "summary", "body")
"""Where a word is found, best first: labels are tags, entities and ids."""
TIER_WEIGHTS = (4.0, 2.5, 1.6, 1.0)
FIELD_TIER = (0, 1, 1, 1, 2)
TYPO_WEIGHT = 0.5
SHORT = 3
"""Query words shorter than this are found as whole words anywhere, or as word starts in the
short fields only (see `tilbrowse.search.index`)."""
NUMERIC = {"orr", "cr", "pr", "sd", "pd", "dcr", "n"}


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """What search needs of one article: one compact lowercase text, and a few facts.

    `text` is the short fields' words in FIELDS order, separated by " | ", with a space at
    both ends, so `" word" in text` tests a word start. `body` is the body's distinct
    words; the index files them and does not keep the string.
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
    trials: tuple[str, ...] = ()
    """Keys of the trials the article reports (`catalog.trials.trial_key` of the curated name for
    an alias: "c14401" for C-144-01, C144-01 and innovaTIL-01)."""
    numbers: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    """Best value per numeric filter key (e.g. the highest stated ORR of any cohort, largest n)."""
    body: str = ""
    date_key: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.date_key:
            digits = re.sub(r"\D", "", self.date or "")[:8]
            object.__setattr__(self, "date_key", int(digits) if digits else 0)

    def field_text(self, index: int) -> str:
        """One field's words (0 title … 4 summary)."""
        return self.text[self.bounds[index] : self.bounds[index + 1]]

    def field_words(self, index: int) -> list[str]:
        """One field's words as a list."""
        return self.field_text(index).strip(" |").split()


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
    trials: Sequence[str] = (),
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
        normalise(" ".join([id, *trial_ids, *trials])),
        normalise(summary),
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
        trials=tuple(dict.fromkeys(trial_key(known.name if (known := canonical_trial(t)) else t) for t in trials)),
        numbers=dict(numbers or {}),
        body=" ".join(seen),
    )
