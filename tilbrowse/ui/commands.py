"""Command palette: the screen's actions ("group: verb") and "jump to article"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tilbrowse.search.highlight import highlight_spans


@dataclass(frozen=True)
class Command:
    """One thing the user can do: its palette name, its action, its key, and how the footer shows it."""

    name: str | None
    """"group: verb" in the palette (None: a key only, such as tab)."""
    action: str
    """A screen action, or `app.…` for the app's."""
    key: str | None
    """The Textual key bound to the same action (None: the palette is the only way)."""
    where: str = ""
    """Where the key works, when not everywhere on the main screen (a widget binds it)."""
    label: str = ""
    """The footer's word for it."""
    tooltip: str = ""
    show: bool = True
    """Shown in the footer."""
    owner: str = "screen"
    """Who binds the key: the main screen, the app, or a widget (`where` says which)."""

    def binding(self) -> Binding:
        """The key binding this command declares."""
        assert self.key is not None
        action = self.action.removeprefix("app.")
        return Binding(self.key, action, self.label, show=self.show, tooltip=self.tooltip)


TABLE = [
    Command("search: focus", "focus_search", "slash", label="Search", tooltip="Type to search (fuzzy)"),
    Command(None, "cycle_pane", "tab", label="Next pane", show=False),
    Command(None, "cycle_pane(-1)", "shift+tab", label="Previous pane", show=False),
    Command(
        "cohorts: mark or unmark",
        "mark",
        "space",
        label="Mark",
        tooltip="Mark the cohort (or all cohorts of the article) for comparison",
    ),
    Command(
        "cohorts: compare",
        "compare",
        "c",
        label="Compare",
        tooltip="Compare marked cohorts, or the cohorts of this article",
    ),
    Command("comparison: export", "export", "e", label="Export", tooltip="Export the comparison as Markdown or CSV"),
    Command(
        "trials: show",
        "trials",
        "t",
        label="Trials",
        tooltip="Every trial: its readouts over time, and each product's latest ORR in a disease",
    ),
    Command("article: open source", "open_source", "o", label="Source", tooltip="Open the article's source URL"),
    Command("article: copy id", "copy_article_id", "y", "in the list", owner="widget"),
    Command("figure: copy", "copy_figure", "y", "in a cohort table", owner="widget"),
    Command("figure: copy sentence", "copy_sentence", "Y", "in a cohort table", owner="widget"),
    Command("cohort: copy id", "copy_cohort_id", None),
    Command("list: cycle sort", "cycle_sort", "s", label="Sort", tooltip="Sort by relevance, date or ORR"),
    # Not in the footer, which has no room left at 120 columns: the status line's arrow,
    # the help screen and the palette ("list: reverse sort  S") make it known.
    Command(
        "list: reverse sort",
        "reverse_sort",
        "S",
        label="Reverse",
        show=False,
        tooltip="Oldest or lowest ORR first, or back",
    ),
    Command("corpus: show problems", "problems", "p", label="Problems", tooltip="Files that failed to load and why"),
    Command(None, "back", "escape", label="Back", show=False),
    Command("app: quit", "app.quit", "q", label="Quit", owner="app"),
    Command("app: help", "app.help", "question_mark,f1", label="Help", tooltip="Every key", owner="app"),
]
"""Everything the browser does by key or by name: the main screen's and the app's bindings are
made from it, and the palette lists the named ones with their keys (a widget's own key, such as
`y` in the list, is bound by the widget; tests check that each key listed here is bound)."""

COMMANDS = [c for c in TABLE if c.name]
"""The palette's commands, in order."""


def bindings(owner: str) -> list[BindingType]:
    """The key bindings of the main screen (`screen`) or of the app (`app`), from the table."""
    return [c.binding() for c in TABLE if c.owner == owner and c.key is not None]


class TilbrowseCommands(Provider):
    """Actions of the main screen and articles by title."""

    def _help(self, command: Command) -> str:
        """The key of a command as the footer shows it (the palette reads this as markup: no brackets)."""
        if command.key is None:
            return "no key"
        key = self.app.get_key_display(Binding(command.key.split(",")[0], command.action))
        return f"{key} ({command.where})" if command.where else key

    async def discover(self) -> Hits:
        """Commands shown before anything is typed."""
        for command in COMMANDS:
            assert command.name is not None
            yield DiscoveryHit(command.name, partial(self._run, command.action), help=self._help(command))

    async def search(self, query: str) -> Hits:
        """Articles whose title matches what was typed, and the tilbrowse commands."""
        matcher = self.matcher(query)
        for command in COMMANDS:
            assert command.name is not None
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    partial(self._run, command.action),
                    text=command.name,
                    help=self._help(command),
                )
        screen = self.screen
        library = getattr(screen, "library", None)
        if library is None or not query.strip():
            return
        text = query.strip()
        if text.lower().startswith("jump"):
            text = text[4:].lstrip(" :")
        if not text:
            return
        # The library's own search finds the articles (fast at any size); the palette ranks them.
        result = library.search(text, limit=50)
        for article_id in result.ids:
            entry = library.entries.get(article_id)
            if entry is None:
                continue
            title = entry.title or article_id
            score = max(matcher.match(title), 0.05)
            # Not matcher.highlight(): it reads its argument as markup, and a title is data.
            label = Content(f"jump: {title}")
            for start, end in highlight_spans(label.plain, result.query.terms()):
                label = label.stylize("bold underline", start, end)
            yield Hit(score, label, partial(self._jump, article_id), text=title)

    async def _run(self, action: str) -> None:
        """Run a screen action by name."""
        if action.startswith("app."):
            await self.app.run_action(action[4:])
        else:
            await self.screen.run_action(action)

    def _jump(self, article_id: str) -> None:
        """Show an article chosen in the palette."""
        jump = getattr(self.screen, "jump_to", None)
        if jump is not None:
            jump(article_id)
