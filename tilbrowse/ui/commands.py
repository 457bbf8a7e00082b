"""Command palette: the screen's actions ("group: verb") and "jump to article"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tilbrowse.search.highlight import highlight_spans


@dataclass(frozen=True)
class Command:
    """A palette entry: its "group: verb" name, the action it runs, and the key that does the same."""

    name: str
    action: str
    """A screen action, or `app.…` for the app's."""
    key: str | None
    """The Textual key bound to the same action (None: the palette is the only way)."""
    where: str = ""
    """Where the key works, when not everywhere on the main screen."""


COMMANDS = [
    Command("search: focus", "focus_search", "slash"),
    Command("cohorts: mark or unmark", "mark", "space"),
    Command("cohorts: compare", "compare", "c"),
    Command("comparison: export", "export", "e"),
    Command("article: open source", "open_source", "o"),
    Command("article: copy id", "copy_article_id", "y", "in the list"),
    Command("figure: copy", "copy_figure", "y", "in a cohort table"),
    Command("figure: copy sentence", "copy_sentence", "Y", "in a cohort table"),
    Command("cohort: copy id", "copy_cohort_id", None),
    Command("list: cycle sort", "cycle_sort", "s"),
    Command("list: reverse sort", "reverse_sort", "S"),
    Command("corpus: show problems", "problems", "p"),
    Command("app: help", "app.help", "question_mark"),
    Command("app: quit", "app.quit", "q"),
]
"""Every action of the main screen, by name; each says its key (tests check that it is bound)."""


class TilbrowseCommands(Provider):
    """Actions of the main screen and articles by title."""

    def _help(self, command: Command) -> str:
        """The key of a command as the footer shows it (the palette reads this as markup: no brackets)."""
        if command.key is None:
            return "no key"
        key = self.app.get_key_display(Binding(command.key, command.action))
        return f"{key} ({command.where})" if command.where else key

    async def discover(self) -> Hits:
        """Commands shown before anything is typed."""
        for command in COMMANDS:
            yield DiscoveryHit(command.name, partial(self._run, command.action), help=self._help(command))

    async def search(self, query: str) -> Hits:
        """Articles whose title matches what was typed, and the tilbrowse commands."""
        matcher = self.matcher(query)
        for command in COMMANDS:
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
