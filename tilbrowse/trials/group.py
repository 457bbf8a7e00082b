"""Readouts grouped into trials, across articles.

Two readouts are one trial when they share a registry number (NCT…), a trial name (spellings
equal under `catalog.trials.trial_key`: "C-144-01" = "C144-01"), or curated aliases of one name
("innovaTIL-01" = "C-144-01"), or when a cohort states both a name and a number that other
readouts state one of. Never by product alone: lifileucel in C-144-01 and in IOV-LUN-202 are two
trials. A number never joins two differently named trials (a cohort given another trial's NCT id
by mistake must not fold two trials into one); the names that more readouts tie to it win.

Readouts that name no trial stay visible, each product and indication as its own group
("IMA203 · melanoma · no trial named"), never folded into a trial. A readout that names neither
a trial nor a product cannot be followed and is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from tilbrowse.catalog.trials import TRIALS, canonical_trial, trial_key
from tilbrowse.trials.readout import Readout, cohort_number


@dataclass(frozen=True)
class Trial:
    """One trial (or, when `named` is False, one product in one indication) and its readouts."""

    key: str
    """Stable id for the group: `name:c14401`, `nct:NCT02360579` or `product:ima203|melanoma`."""
    name: str
    """What to show: the trial's name (the curated one, else the spelling most readouts use),
    else its NCT number, else "PRODUCT · indication · no trial named"."""
    named: bool
    """True for a trial (named or registered); False for readouts that name no trial."""
    readouts: tuple[Readout, ...]
    """Oldest first (undated last), then in article order."""
    names: tuple[str, ...] = ()
    """Every name the readouts use for the trial, as written."""
    nct_ids: tuple[str, ...] = ()
    product: str = ""
    """The product most of its readouts report (canonical when known)."""
    indications: tuple[str, ...] = ()
    """Indications of its readouts, most frequent first."""

    @property
    def indication(self) -> str:
        """The main indication ("" when none is stated)."""
        return self.indications[0] if self.indications else ""

    @property
    def dates(self) -> tuple[str | None, str | None]:
        """First and latest date of its readouts."""
        dated = [r.date for r in self.readouts if r.date]
        return (min(dated), max(dated)) if dated else (None, None)

    @property
    def articles(self) -> int:
        """How many articles report it."""
        return len({r.article_id for r in self.readouts})

    @property
    def latest(self) -> Readout | None:
        """The latest readout with a stated ORR (the largest n on that date), else the latest one."""
        with_orr = [r for r in self.readouts if r.orr is not None]
        pool = with_orr or list(self.readouts)
        if not pool:
            return None
        return max(pool, key=lambda r: (r.date or "", r.n or 0))

    def matches(self, name: str) -> bool:
        """True when `name` is one of the trial's names, numbers or aliases (any spelling)."""
        key = trial_key(name)
        if not key:
            return False
        names = [self.name, *self.names, *self.nct_ids]
        curated = canonical_trial(self.name)
        if curated is not None:
            names += [*curated.aliases, *curated.nct_ids]
        keys = {trial_key(n) for n in names}
        known = canonical_trial(name)
        return key in keys or (known is not None and trial_key(known.name) in keys)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _name_node(name: str) -> str:
    known = canonical_trial(name)
    return "name:" + trial_key(known.name if known else name)


def _nodes(readout: Readout) -> tuple[str | None, str | None]:
    name = _name_node(readout.trial) if readout.trial and trial_key(readout.trial) else None
    nct = "nct:" + readout.trial_id.upper() if readout.trial_id else None
    return name, nct


def group_trials(readouts: Iterable[Readout]) -> list[Trial]:
    """Every trial of the readouts, most readouts first (then by name)."""
    readouts = list(readouts)
    union = _Union()
    names_of: dict[str, set[str]] = {}
    # Curated names and numbers first: they are sure.
    for trial in TRIALS:
        for number in trial.nct_ids:
            union.join(_name_node(trial.name), "nct:" + number.upper())
    edges: Counter[tuple[str, str]] = Counter()
    for r in readouts:
        name, nct = _nodes(r)
        for each in (name, nct):
            if each is not None:
                union.find(each)
        if name is not None and nct is not None and r.linked:
            edges[(name, nct)] += 1
    for known in list(union.parent):
        if known.startswith("name:"):
            names_of.setdefault(union.find(known), set()).add(known)
    for (name_node, nct_node), _count in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0])):
        ra, rb = union.find(name_node), union.find(nct_node)
        if ra == rb:
            continue
        a, b = names_of.get(ra, set()), names_of.get(rb, set())
        if a and b and not a & b:
            continue  # a number already tied to another name: two trials, not one
        union.join(ra, rb)
        names_of[union.find(ra)] = a | b
    groups: dict[str, list[Readout]] = {}
    for r in readouts:
        found = _nodes(r)
        node = found[0] or found[1]
        if node is not None:
            key = union.find(node)
        elif r.product_name:
            key = f"product:{r.product_name.lower()}|{(r.indication or '').lower()}"
        else:
            continue
        groups.setdefault(key, []).append(r)
    trials = [_trial(key, members) for key, members in groups.items()]
    trials.sort(key=lambda t: (not t.named, -len(t.readouts), t.name.lower()))
    return trials


def _most(values: Iterable[str]) -> list[str]:
    counts = Counter(v for v in values if v)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def _trial(key: str, members: Sequence[Readout]) -> Trial:
    ordered = tuple(sorted(members, key=lambda r: (r.date is None, r.date or "", r.article_id, _index(r))))
    names = tuple(dict.fromkeys(r.trial for r in ordered if r.trial))
    ncts = tuple(dict.fromkeys(r.trial_id.upper() for r in ordered if r.trial_id))
    products = _most(r.product_name for r in ordered)
    indications = tuple(_most(r.indication or "" for r in ordered))
    product = products[0] if products else ""
    if key.startswith("product:"):
        shown = " · ".join(x for x in (product, indications[0] if indications else "", "no trial named") if x)
        return Trial(key, shown, False, ordered, (), (), product, indications)
    curated = next((canonical_trial(n) for n in names if canonical_trial(n)), None)
    if curated is None and ncts:
        curated = next((t for t in TRIALS if set(t.nct_ids) & set(ncts)), None)
    shown = curated.name if curated else (_most(r.trial or "" for r in ordered) or list(ncts) or [key])[0]
    return Trial(key, shown, True, ordered, names, ncts, product, indications)


def _index(readout: Readout) -> int:
    number = readout.cohort_id.rsplit("#", 1)[-1]
    return int(number) if number.isdigit() else 0


def find_trial(trials: Sequence[Trial], name: str) -> Trial | None:
    """The trial a user's name for it stands for: any of its names, numbers or aliases in any
    spelling; else the one group whose shown name is it ("IMA203 · melanoma · no trial named")."""
    for trial in trials:
        if trial.named and trial.matches(name):
            return trial
    key = trial_key(name)
    found = [t for t in trials if trial_key(t.name) == key]
    return found[0] if len(found) == 1 else None


def series_key(readout: Readout) -> tuple[str, str, str]:
    """Which readouts of one trial are the same population at different cuts: the same product,
    indication and numbered cohort ("cohort 2"), so a control arm or another cohort is never the
    'previous cut' of an experimental arm."""
    return (readout.product_name.lower(), (readout.indication or "").lower(), cohort_number(readout.label))


def _close(word: str, tokens: set[str]) -> bool:
    """A typo of a word or of its start: one edit for 4-7 letters, two from 8 ("sarcma" is
    sarcoma, "lifileucl" lifileucel); never for shorter words nor numbers."""
    if len(word) < 4 or word.isdigit():
        return False
    budget = 1 if len(word) < 8 else 2
    sizes = (len(word) - 1, len(word), len(word) + 1)
    return any(Levenshtein.distance(word, t[:n], score_cutoff=budget) <= budget for t in tokens for n in sizes)


def filter_trials(trials: Sequence[Trial], query: str) -> list[Trial]:
    """The trials whose name, other names, NCT ids, product or indications hold every word of the
    query — as the start of a word, or for words of 4+ letters as a close typo ("melanom",
    "lifileucl") — best match first, else in the order given."""
    words = [w for w in re.findall(r"[a-z0-9]+", query.lower()) if w]
    if not words:
        return list(trials)
    scored: list[tuple[float, int, Trial]] = []
    for position, trial in enumerate(trials):
        haystack = " ".join((trial.name, *trial.names, *trial.nct_ids, trial.product, *trial.indications)).lower()
        tokens = set(re.findall(r"[a-z0-9]+", haystack))
        total = 0.0
        for word in words:
            if any(t.startswith(word) for t in tokens):
                total += 1.0
            elif _close(word, tokens):
                total += 0.5
            else:
                break
        else:
            scored.append((-total, position, trial))
    return [t for _score, _pos, t in sorted(scored, key=lambda x: (x[0], x[1]))]
