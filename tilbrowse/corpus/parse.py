"""From decoded text to an `Article`: front matter, title block, byline, sections, footer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tilbrowse.corpus.dates import DateError, find_date, normalise_date
from tilbrowse.corpus.front_matter import BoundedYAMLHandler, FrontMatterError
from tilbrowse.corpus.markdown import plain
from tilbrowse.corpus.models import Article, Entity, Problem, Section, Source
from tilbrowse.corpus.text import clean_value
from tilbrowse.corpus.urls import check_url, shown_value

_HANDLER = BoundedYAMLHandler()

NCT_ID = re.compile(r"\bNCT[\s-]?(\d{8})\b", re.IGNORECASE)
_H1 = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$")
_SECTION = re.compile(r"^#{2,4}[ \t]+(?P<title>\S.*?)[ \t#]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")
# A line that states a URL (any scheme, or none but `www.`); `check_url` decides whether it is one.
_ANGLE_URL = re.compile(r"^[ \t]*<(?P<url>(?:[A-Za-z][A-Za-z0-9+.-]*:(?!\s)|www\.|//)[^<>]*)>[ \t]*$")
_BARE_URL = re.compile(
    r"^[ \t]*(?:source:\s*)?"
    r"(?P<url>(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|(?:https?|javascript|vbscript|data|file):)\S+)[ \t]*$",
    re.IGNORECASE,
)
_NOT_OPENED = "kept as text and never opened"
_FOOTER = re.compile(
    r"^\W*(?:©|\(c\)\s|copyright\b)|all rights reserved|"
    r"\b(?:generated|written|produced|summari[sz]ed)\s+(?:by|with)\s+(?:an?\s+)?(?:ai|automated|llm|gpt|gemini)",
    re.IGNORECASE,
)
_BY = re.compile(r"^\W*by\s+(?P<who>.+)$", re.IGNORECASE)
_BYLINE_END = re.compile(
    r"\s+(?:[-–—]|on)\s+|,\s*(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d))", re.IGNORECASE
)
_PUBLISHED = re.compile(r"^\W*(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*", re.IGNORECASE)

TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = ("date", "published", "published_at", "pubdate", "pub_date", "created", "created_at")
AUTHOR_KEYS = ("author", "authors", "byline")
SUMMARY_KEYS = ("summary", "description", "abstract", "excerpt")
URL_KEYS = ("source_url", "url", "link", "canonical_url")
KNOWN_KEYS = {*TITLE_KEYS, *DATE_KEYS, *AUTHOR_KEYS, *SUMMARY_KEYS, *URL_KEYS, "tags", "entities", "sources"}


@dataclass
class _Header:
    """What the title block of a plain article states."""

    title: str = ""
    standfirst: str = ""
    author: str = ""
    date: str | None = None
    timestamp: str | None = None
    body_start: int = 0


def parse_article(
    text: str,
    *,
    article_id: str,
    path: str,
    warnings: Iterable[str] = (),
    size: int = 0,
    mtime_ns: int = 0,
) -> Article:
    """Parse decoded text into an Article; never raises for any input text."""
    notes = [Problem(path, w, "warning") for w in warnings]
    meta: dict[str, Any] = {}
    content = text
    shape: str = "plain"
    if _HANDLER.detect(text):
        try:
            fm_text, content = _HANDLER.split(text)
        except ValueError:
            notes.append(Problem(path, "front matter opens with '---' but never closes; read as plain text", "warning"))
        else:
            try:
                loaded = _HANDLER.load(fm_text)
            except FrontMatterError as exc:
                notes.append(Problem(path, f"{exc}; its metadata is ignored", "warning"))
            else:
                if isinstance(loaded, dict):
                    meta = loaded
                    shape = "front_matter"
                elif loaded is not None:
                    kind = type(loaded).__name__
                    kind = {"list": "a list", "str": "a string", "int": "a number", "float": "a number"}.get(
                        kind, f"a {kind}"
                    )
                    notes.append(Problem(path, f"front matter is {kind}, not a mapping of keys; ignored", "warning"))

    fm = _normalise_meta(meta, path, notes)
    header = _read_header(content)
    body, sources_from_footer = _split_footer(content[header.body_start :], path, notes)

    date, timestamp = fm.date, fm.timestamp
    if date is None:
        date, timestamp = header.date, header.timestamp
    if date is None:
        date, timestamp = _dateline(body, path, notes)
    sources = fm.sources + tuple(s for s in sources_from_footer if s.url not in {x.url for x in fm.sources})
    title = fm.title or header.title or _fallback_title(body)
    summary = fm.summary
    trial_ids = _trial_ids((title, summary, header.standfirst, body, " ".join(s.title for s in sources)))
    return Article(
        id=article_id,
        path=path,
        title=title,
        body=body,
        date=date,
        timestamp=timestamp,
        author=fm.author or header.author,
        standfirst=header.standfirst,
        summary=summary,
        tags=fm.tags,
        entities=fm.entities,
        sources=sources,
        trial_ids=trial_ids,
        sections=sections_of(body),
        meta=fm.extra or {},
        shape="front_matter" if shape == "front_matter" else "plain",
        problems=tuple(notes),
        size=size,
        mtime_ns=mtime_ns,
    )


def sections_of(body: str) -> tuple[Section, ...]:
    """The `## ` sections of a body, each with the span it covers."""
    found = list(_SECTION.finditer(body))
    return tuple(
        Section(
            title=plain(m.group("title")).rstrip(":"),
            start=m.start(),
            end=found[i + 1].start() if i + 1 < len(found) else len(body),
        )
        for i, m in enumerate(found)
    )


def _read_header(content: str) -> _Header:
    """Read the title block of a plain article: `# ` title, standfirst, byline, rule."""
    header = _Header()
    lines = content.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return header
    title = _H1.match(lines[i])
    if not title:
        return header
    header.title = plain(title.group("title"))
    i += 1
    body_start = offsets[i] if i < len(lines) else len(content)
    # The title block ends at the last byline or rule among the next few lines; a short
    # line before it is the standfirst. Without a byline or rule, the body starts at once.
    seen = 0
    j = i
    candidate = ""
    while j < len(lines) and seen < 4:
        line = lines[j].strip()
        j += 1
        if not line:
            continue
        seen += 1
        after = offsets[j] if j < len(lines) else len(content)
        if _RULE.match(line):
            body_start = after
            break
        if line.startswith("#") or len(line) > 300:
            break
        if _byline(line, header):
            body_start = after
            if candidate and not header.standfirst:
                header.standfirst = candidate
            continue
        if candidate or header.author or header.date is not None:
            break
        candidate = plain(line)
    header.body_start = body_start
    return header


def _byline(line: str, header: _Header) -> bool:
    """Read a byline such as `July 16, 2019 By [Liz Highleyman](#)`; True when it is one."""
    shown = plain(line)
    if len(shown) > 160:
        return False
    by = re.search(r"(?:^|\s|\|)by\s+(?P<who>[^|]+?)\s*(?:\||$)", shown, re.IGNORECASE)
    try:
        found = find_date(shown)
    except DateError:
        found = None
    if not by and not found:
        return False
    if not by and found and len(_PUBLISHED.sub("", shown)) > 40:
        return False
    if found and header.date is None:
        header.date, header.timestamp = found
    if by:
        who = by.group("who")
        who = _BYLINE_END.split(who)[0]
        if found:
            who = who.replace(found[0], "")
        header.author = who.strip(" ,|-–—")
    return True


def _split_footer(body: str, path: str, notes: list[Problem]) -> tuple[str, tuple[Source, ...]]:
    """Cut trailing footers (rules, copyright, generated-by notes, source URL) off the body.

    A trailing line that states a URL which is not a web address stays in the body, with a
    warning, and ends the footer."""
    lines = body.split("\n")
    sources: list[Source] = []
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        stripped = line.strip()
        stated = _ANGLE_URL.match(line) or _BARE_URL.match(line)
        verdict = check_url(stated.group("url")) if stated else None
        if verdict is not None and verdict.url is not None:
            sources.insert(0, Source(url=verdict.url))
        elif stripped and not _RULE.match(line) and not (len(stripped) < 300 and _FOOTER.search(stripped)):
            if stated and verdict is not None:
                message = f"source line {shown_value(stated.group('url'))} at the end of the text is not a web address"
                notes.append(Problem(path, f"{message}: {verdict.reason}; {_NOT_OPENED}", "warning"))
            break
        end -= 1
    text = "\n".join(lines[:end])
    start = len(text) - len(text.lstrip("\n"))
    return text[start:].rstrip(), tuple(sources)


def _fallback_title(body: str) -> str:
    """With no title stated, the first short line of the body (never made up)."""
    for line in body.split("\n")[:5]:
        if _RULE.match(line):
            continue
        line = plain(line.strip("# "))
        if sum(ch.isalnum() for ch in line) >= 3:
            return line if len(line) <= 150 else ""
    return ""


def _dateline(body: str, path: str, notes: list[Problem]) -> tuple[str | None, str | None]:
    """A press-release dateline (`SAN CARLOS, Calif., May 19, 2023 --`) near the top."""
    head = body[:240]
    dash = re.search(r"\s(?:--|—|–|-)\s", head)
    if not dash:
        return None, None
    try:
        found = find_date(head[: dash.start() + 1])
    except DateError as exc:
        notes.append(Problem(path, f"{exc}; date left empty", "warning"))
        return None, None
    return found if found else (None, None)


def _trial_ids(texts: Iterable[str]) -> tuple[str, ...]:
    """NCT numbers in order of first appearance, normalised to `NCT01234567`."""
    seen: dict[str, None] = {}
    for text in texts:
        for m in NCT_ID.finditer(text):
            seen.setdefault("NCT" + m.group(1), None)
    return tuple(seen)


@dataclass
class _FrontMatter:
    title: str = ""
    date: str | None = None
    timestamp: str | None = None
    author: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    extra: dict[str, Any] | None = None


def _normalise_meta(meta: dict[Any, Any], path: str, notes: list[Problem]) -> _FrontMatter:
    """Normalise front-matter keys; keep the ones tilbrowse does not know in `extra`."""
    fm = _FrontMatter(extra={})
    lowered = {str(k).strip().lower(): v for k, v in meta.items()}
    fm.title = plain(_first_text(lowered, TITLE_KEYS))
    fm.summary = plain(_first_text(lowered, SUMMARY_KEYS))
    author = next((lowered[k] for k in AUTHOR_KEYS if lowered.get(k)), None)
    if isinstance(author, list):
        fm.author = ", ".join(_scalar(a) for a in author if _scalar(a))
    elif author is not None:
        fm.author = _scalar(author)
    for key in DATE_KEYS:
        value = lowered.get(key)
        if value in (None, ""):
            continue
        try:
            found = normalise_date(value)
        except DateError as exc:
            notes.append(Problem(path, f"front matter {exc}; date left empty", "warning"))
            break
        if found:
            fm.date, fm.timestamp = found
        else:
            notes.append(Problem(path, f"front matter date {_scalar(value)!r} is not a date; left empty", "warning"))
        break
    fm.tags = _tags(lowered.get("tags"))
    fm.entities = _entities(lowered.get("entities"))
    names = {str(k).strip().lower(): clean_value(str(k)).strip() for k in meta}
    fm.sources, refused = _sources(lowered, names, path, notes)
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        name = clean_value(str(key))
        lower = name.strip().lower()
        if lower in refused:
            extra[name] = refused[lower]
        elif lower not in KNOWN_KEYS:
            extra[name] = json_safe(value)
    fm.extra = extra
    return fm


def _first_text(meta: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "") and not isinstance(value, (dict, list)):
            return " ".join(_scalar(value).split())
    return ""


def _scalar(value: Any) -> str:
    """A front-matter scalar as clean text."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, (dict, list, set, tuple)):
        return ""
    return clean_value(str(value)).strip()


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = re.split(r"[,;]", value)
    elif isinstance(value, (list, tuple, set)):
        items = list(value)
    else:
        items = []
    seen: dict[str, None] = {}
    for item in items:
        tag = _scalar(item)
        if tag:
            seen.setdefault(" ".join(tag.split()), None)
    return tuple(seen)


def _entities(value: Any) -> tuple[Entity, ...]:
    out: list[Entity] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            name = _scalar(item.get("name"))
            if name:
                out.append(Entity(name=name, type=_scalar(item.get("type")).lower()))
        elif _scalar(item):
            out.append(Entity(name=_scalar(item)))
    return tuple(out)


def _sources(
    meta: dict[str, Any], names: dict[str, str], path: str, notes: list[Problem]
) -> tuple[tuple[Source, ...], dict[str, Any]]:
    """The article's sources from `sources` and the URL keys (`meta` by lowered key, `names`
    the keys as written), each URL through `check_url`.

    Also returns what was refused, by lowered key, JSON-safe and as the file wrote it: a URL
    key's value, or the list of `sources` entries that gave no source. Each refused value
    gets one warning naming where it was stated."""
    out: list[Source] = []
    refused: dict[str, Any] = {}
    warned: dict[str, tuple[list[str], str, str]] = {}

    def refuse(where: str, value: Any, reason: str) -> None:
        key = value if isinstance(value, str) else repr(value)
        shown = shown_value(value if isinstance(value, str) else _scalar(value) or type(value).__name__)
        warned.setdefault(key, ([], shown, reason))[0].append(where)

    def add(url: str, title: str = "", feed: str = "") -> None:
        if url not in {s.url for s in out}:
            out.append(Source(url=url, title=title, feed=feed))

    value = meta.get("sources")
    items = value if isinstance(value, list) else [value] if value not in (None, "") else []
    kept: list[Any] = []
    for i, item in enumerate(items, 1):
        where = names.get("sources", "sources") + (f"[{i}]" if isinstance(value, list) else "")
        if item in (None, ""):
            continue
        if isinstance(item, dict):
            key = "url" if item.get("url") not in (None, "") else "link"
            stated = item.get(key)
            if stated in (None, ""):
                kept.append(json_safe(item))  # a source named without any URL: nothing to check
                continue
            where += f".{key}"
        else:
            stated = item
        verdict = check_url(stated)
        if verdict.url is None:
            refuse(where, stated, verdict.reason)
            kept.append(json_safe(item))
        elif isinstance(item, dict):
            add(verdict.url, " ".join(_scalar(item.get("title")).split()), _scalar(item.get("feed")))
        else:
            add(verdict.url)
    if kept:
        refused["sources"] = kept
    for key in URL_KEYS:
        stated = meta.get(key)
        if stated in (None, ""):
            continue
        verdict = check_url(stated)
        if verdict.url is None:
            refuse(names.get(key, key), stated, verdict.reason)
            refused[key] = json_safe(stated)
        else:
            add(verdict.url)
    for wheres, shown, reason in warned.values():
        message = f"front matter {' and '.join(wheres)} {shown} is not a web address: {reason}; {_NOT_OPENED}"
        notes.append(Problem(path, message, "warning"))
    return tuple(out), refused


def json_safe(value: Any, depth: int = 0) -> Any:
    """A front-matter value made JSON-safe: dates as ISO strings, odd types as text."""
    if depth > 60:
        return "…"
    if value is None or isinstance(value, (bool, int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return str(value)
        return value
    if isinstance(value, str):
        return clean_value(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {clean_value(str(k)): json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_safe(v, depth + 1) for v in value]
    return _scalar(value)
