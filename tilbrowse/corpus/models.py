"""Frozen records for articles and the problems met while loading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ProblemLevel = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file: an error (not loaded) or a warning (loaded anyway)."""

    path: str
    """The file as the user would type it (relative to where they pointed us)."""
    message: str
    """One readable sentence: what is wrong and what tilbrowse did about it."""
    level: ProblemLevel = "error"

    def to_json(self) -> dict[str, str]:
        """The problem as it appears in JSON output."""
        return {"path": self.path, "message": self.message, "level": self.level}


@dataclass(frozen=True)
class Entity:
    """A named thing the article is about (front matter `entities`)."""

    name: str
    type: str = ""


@dataclass(frozen=True)
class Source:
    """Where the article came from (front matter `sources`, or a trailing URL line)."""

    url: str
    """A web address `corpus.urls.check_url` accepted (never any other scheme or text)."""
    title: str = ""
    feed: str = ""


@dataclass(frozen=True)
class Section:
    """A `## ` section of the body: its heading and the character span it covers."""

    title: str
    start: int
    """Offset in the body of the heading line."""
    end: int
    """Offset in the body where the next section (or the body) ends."""


@dataclass(frozen=True)
class Article:
    """One article file, parsed and normalised; the body is plain text, never markup."""

    id: str
    """File stem, or a relative path where stems collide (see `corpus.assign_ids`)."""
    path: str
    """The file as the user would name it, e.g. `seeds/004_e8cdb65b83effc3a.txt`."""
    title: str
    body: str
    """Article text without front matter, title block and footers; evidence spans index it."""
    date: str | None = None
    """ISO date `YYYY-MM-DD`, or None when the file states none."""
    timestamp: str | None = None
    """The full ISO timestamp when the file gives a time, else None."""
    author: str = ""
    standfirst: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    trial_ids: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    """Other front-matter keys (category, impact, …), JSON-safe, in file order."""
    shape: Literal["front_matter", "plain"] = "plain"
    problems: tuple[Problem, ...] = ()
    """Warnings met while loading; the article loaded regardless."""
    size: int = 0
    mtime_ns: int = 0

    @property
    def source_url(self) -> str | None:
        """The first source URL, if any: always an http(s) address (`corpus.urls`)."""
        return self.sources[0].url if self.sources else None

    def entity_names(self, kind: str) -> tuple[str, ...]:
        """Names of the entities of one type (`drug`, `disease`, `organization`)."""
        return tuple(e.name for e in self.entities if e.type.lower() == kind)
