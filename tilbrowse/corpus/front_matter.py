"""Front matter read through python-frontmatter with a bounded, fast YAML handler.

YAML from strangers can hurt in ways a plain `yaml.safe_load` does not stop:
an alias bomb loads instantly but explodes when anything walks it; thousands of
nested brackets crash libyaml's composer outright; `!!python/...` tags must not
construct anything. `BoundedYAMLHandler` scans the event stream first (cheap,
not recursive) and refuses documents that nest deeper than `MAX_DEPTH`, hold more
than `MAX_EVENTS` events, or expand through aliases to more than `MAX_NODES`
values. Timestamps stay strings, so an impossible date ("2024-02-30") is a date
problem tilbrowse reports, not a YAML crash.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

MAX_FRONT_MATTER = 256 * 1024
"""Front matter larger than this (characters) is not read."""
MAX_DEPTH = 48
MAX_EVENTS = 50_000
MAX_NODES = 20_000

_Loader: type[yaml.SafeLoader]
try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _StringTimestampLoader(_Base):  # type: ignore[misc]
    """A safe loader that keeps timestamps as the strings the file wrote."""


def _timestamp_as_string(loader: Any, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_StringTimestampLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_string)


class FrontMatterError(ValueError):
    """Front matter that cannot be used; the message says why in plain words."""


_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class BoundedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, with bounded work and no unsafe construction."""

    def detect(self, text: str) -> bool:
        """True when the text opens with a `---` line."""
        return bool(_OPEN.match(text))

    def split(self, text: str) -> tuple[str, str]:
        """Split into (front matter, content); ValueError when it never closes."""
        opened = _OPEN.match(text)
        if not opened:
            raise ValueError("no front matter")
        closed = _CLOSE.search(text, opened.end())
        if not closed:
            raise ValueError("front matter is not closed")
        content_start = closed.end() + 1 if closed.end() < len(text) else closed.end()
        return text[opened.end() : closed.start()], text[content_start:]

    def load(self, fm: str, **kwargs: object) -> Any:
        """Parse front matter YAML within bounds; raise FrontMatterError with a reason."""
        if len(fm) > MAX_FRONT_MATTER:
            raise FrontMatterError(
                f"front matter is {len(fm) // 1024} KB, over the {MAX_FRONT_MATTER // 1024} KB limit"
            )
        _scan_flow_depth(fm)
        try:
            has_alias = _scan_events(fm)
            loader = _StringTimestampLoader(fm)
            try:
                node = loader.get_single_node()
                if node is None:
                    return None
                if has_alias:
                    _check_expansion(node)
                return loader.construct_document(node)
            finally:
                loader.dispose()
        except FrontMatterError:
            raise
        except yaml.constructor.ConstructorError as exc:
            tag = _tag_in(str(exc))
            raise FrontMatterError(f"front matter uses a YAML tag tilbrowse will not construct ({tag})") from None
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" in str(exc.problem):
                # libyaml (0.2.5+, in PyYAML 6.0.3+) has a nesting limit of its own, far above ours;
                # whatever it says, the user gets our bound in our words.
                raise FrontMatterError(_TOO_DEEP) from None
            where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
            raise FrontMatterError(f"front matter is not valid YAML{where}: {exc.problem}") from None
        except yaml.YAMLError as exc:
            raise FrontMatterError(f"front matter is not valid YAML: {exc}") from None
        except RecursionError:
            raise FrontMatterError("front matter nests too deeply") from None
        except (ValueError, TypeError, OverflowError) as exc:
            raise FrontMatterError(f"front matter has a value that cannot be read: {exc}") from None


_TOO_DEEP = f"front matter nests deeper than {MAX_DEPTH} levels"
_FLOW_OPENERS_AFTER = frozenset(":-,?[{\n")


def _scan_flow_depth(fm: str) -> None:
    """Refuse flow collections (`[`, `{`) nested deeper than MAX_DEPTH, before any YAML parser runs.

    A linear character scan, so the bound is ours whatever the YAML library would do with the
    text (libyaml's scanner reads ahead and stops at its own limit; older builds crashed).
    Quoted scalars and comments are skipped; a bracket inside a plain block scalar
    (`title: a[b`) opens nothing and is not counted.
    """
    depth = 0
    last = "\n"  # the last character that is not a space or tab ("\n" at a line's start)
    blank_before = True
    i = 0
    length = len(fm)
    while i < length:
        ch = fm[i]
        opens = depth > 0 or (blank_before and last in _FLOW_OPENERS_AFTER) or last == "\n"
        if ch == "#" and blank_before:
            newline = fm.find("\n", i)
            i = length if newline < 0 else newline
            continue
        if ch in "'\"" and opens:
            i = _after_quoted(fm, i)
            last, blank_before = ch, False
            continue
        if ch in "[{" and opens:
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(_TOO_DEEP)
        elif ch in "]}" and depth:
            depth -= 1
        if ch in " \t":
            blank_before = True
        else:
            last, blank_before = ch, ch == "\n"
        i += 1


def _after_quoted(fm: str, start: int) -> int:
    """The index just past the quoted scalar opening at `start` (or the end of the text)."""
    quote = fm[start]
    i = start + 1
    while i < len(fm):
        ch = fm[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and fm.startswith("''", i):
                i += 2
                continue
            return i + 1
        i += 1
    return i


def _tag_in(message: str) -> str:
    found = re.search(r"tag '([^']+)'", message) or re.search(r"tag:yaml\.org,2002:(\S+)", message)
    return found.group(1) if found else "unknown tag"


def _scan_events(fm: str) -> bool:
    """Walk the event stream once, refusing deep or huge documents; True if aliases occur."""
    depth = 0
    events = 0
    has_alias = False
    for event in yaml.parse(fm, Loader=_Base):
        events += 1
        if events > MAX_EVENTS:
            raise FrontMatterError(f"front matter has over {MAX_EVENTS:,} YAML values")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(_TOO_DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            has_alias = True
    return has_alias


def _check_expansion(root: yaml.Node) -> None:
    """Refuse alias bombs: count the values the document expands to, without expanding it."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done and id(node) in visiting:
            raise FrontMatterError("front matter refers to itself through an alias")
        if children_done or not children:
            total = 1 + sum(sizes[id(child)] for child in children)
            if total > MAX_NODES:
                raise FrontMatterError(
                    f"front matter expands to over {MAX_NODES:,} values through aliases (a YAML alias bomb?)"
                )
            sizes[id(node)] = total
            continue
        visiting.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
