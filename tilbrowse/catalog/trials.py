"""Trial names: how two spellings are known to be one trial.

A trial is named by its sponsor's protocol number (C-144-01), an acronym (SPEARHEAD-1) or a
later name for the same study (innovaTIL-01), and tied to a registry number (NCT02360579).
`trial_key` makes spellings of one name equal — case, spaces and hyphens of any kind do not
count, so "C-144-01", "C144-01" and "c‑144‑01" are one key. The curated table below joins names
that differ in more than spelling; it holds only pairs the sponsor has published, beside the
registry number of the trial where we are sure of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class TrialName:
    """One trial and the other names it goes by."""

    name: str
    """The name shown: the protocol number, or the acronym the trial is known by."""
    aliases: tuple[str, ...] = ()
    nct_ids: tuple[str, ...] = ()
    product: str = ""
    """Canonical product of the trial (see `catalog.products`)."""


TRIALS: tuple[TrialName, ...] = (
    # Iovance renamed its lifileucel registration studies innovaTIL-01 (melanoma) and
    # innovaTIL-04 (cervical cancer).
    TrialName("C-144-01", ("innovaTIL-01",), ("NCT02360579",), "lifileucel"),
    TrialName("C-145-04", ("innovaTIL-04",), ("NCT03108495",), "LN-145"),
)

_PART = re.compile(r"[A-Za-z]+|\d+")


def trial_key(name: str) -> str:
    """A trial name reduced for matching: lowercase letters and digits ("C-144-01" → "c14401")."""
    return "".join(_PART.findall(name)).lower()


@cache
def _by_key() -> dict[str, TrialName]:
    out: dict[str, TrialName] = {}
    for trial in TRIALS:
        for name in (trial.name, *trial.aliases):
            out[trial_key(name)] = trial
    return out


@cache
def _by_nct() -> dict[str, TrialName]:
    return {nct.upper(): trial for trial in TRIALS for nct in trial.nct_ids}


def canonical_trial(name: str) -> TrialName | None:
    """The curated trial a name stands for, if it is one we know."""
    return _by_key().get(trial_key(name))


def trial_of_nct(nct_id: str) -> TrialName | None:
    """The curated trial of a registry number, if it is one we know."""
    return _by_nct().get(nct_id.upper())


def alias_names() -> tuple[str, ...]:
    """Curated names that do not look like a protocol number or an acronym (innovaTIL-01),
    for readers that find trial names in text."""
    return tuple(alias for trial in TRIALS for alias in trial.aliases)
