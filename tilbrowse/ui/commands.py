"""Command palette: the screen's actions ("group: verb") and "jump to article"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tilbrowse.search.highlight import highlight_spans

ACTIONS = [
    ("search: focus the search box", "focus_search"),
    ("cohorts: mark or unmark", "mark"),
    ("cohorts: compare", "compare"),
    ("comparison: export", "export"),
    ("article: open source URL", "open_source"),
    ("list: cycle sort", "cycle_sort"),
    ("corpus: show problems", "problems"),
    ("app: help", "app.help"),
    ("app: quit", "app.quit"),
]


class TilbrowseCommands(Provider):
    """Actions of the main screen and articles by title."""

    async def discover(self) -> Hits:
        """Commands shown before anything is typed."""
        for name, action in ACTIONS:
            yield DiscoveryHit(name, partial(self._run, action))

    async def search(self, query: str) -> Hits:
        """Articles whose title matches what was typed, and the tilbrowse commands."""
        matcher = self.matcher(query)
        for name, action in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action))
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
