"""What a result says besides its articles: why nothing matched, how a `drug:` alias was read,
and under which names an article holds the product asked for."""

from __future__ import annotations

from tilbrowse.catalog.products import canonical_product, find_product
from tilbrowse.search.document import NUMERIC, SearchDoc
from tilbrowse.search.matching import Matcher
from tilbrowse.search.query import Query


def why_empty(matcher: Matcher, query: Query) -> str:
    """A sentence saying which part of the query excluded everything."""
    dead = matcher.store.dead
    if not len(matcher.store):
        return "The corpus is empty."
    for flt in query.filters:
        if not matcher.filter(flt) - dead:
            shown = f"{flt.field}{flt.op if flt.field in NUMERIC else ':'}{flt.value}"
            return f"No article matches the filter {shown}."
    for word in query.words:
        if not matcher.word(word).keys() - dead:
            return f"No article contains “{word}” (nor a close spelling of it)."
    for phrase in query.exact:
        if not matcher.phrase(phrase) - dead:
            return f"No article contains “{phrase}” exactly."
    return "No article matches all of the query at once."


def alias_note(query: Query) -> str:
    """What a `drug:` filter was taken to mean when it names a product by one of its aliases:
    "drug:amtagvi is lifileucel (also LN-144, Amtagvi)"."""
    notes = []
    for flt in query.filters:
        product = find_product(flt.value) if flt.field == "drug" else None
        if product is not None and len(product.names) > 1:
            others = ", ".join(product.aliases) if product.aliases else ""
            notes.append(f"drug:{flt.value} is {product.name}" + (f" (also {others})" if others else ""))
    return "; ".join(notes)


def alias_matches(doc: SearchDoc | None, query: Query) -> list[str]:
    """The names under which an article named the product a `drug:` filter asked for by
    another name ("amtagvi" asked, "ln-144" and "lifileucel" found), as the index holds them."""
    wanted = [p for f in query.filters if f.field == "drug" and (p := find_product(f.value)) is not None]
    if doc is None or not wanted:
        return []
    names = {p.name for p in wanted}
    return [d for d in dict.fromkeys(doc.drugs) if names & set((canonical_product(d) or "").split(" + "))]
