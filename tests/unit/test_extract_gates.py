"""The cheap gates before extraction patterns give the patterns' own answers."""

from __future__ import annotations

import re

import pytest

from tilbrowse.extract.lexicon import FOLD_TRAPS, PREFILTER, may_match, prefilter

TEXTS = [
    "The ORR was 40%.",
    "the cr rate",
    "xCR and PRx",
    "SDs only",
    "PD-1 blockade",
    "Os. men",
    "women and MALE patients",
    "reſponse",  # long s: matches 's' only when case is ignored
    "Kontrol",  # Kelvin sign
    "İ response",
    "Financing closed; no figures.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_prefilter_is_the_pattern(text: str) -> None:
    assert prefilter(text) == bool(PREFILTER.search(text))


def test_fold_traps_are_the_characters_that_case_fold_onto_ascii_letters() -> None:
    folding = re.compile("[a-z]", re.IGNORECASE)
    # below U+3000: every letter-like block where such a character could be
    found = {chr(c) for c in range(0x80, 0x3000) if folding.match(chr(c))}
    assert found == set("\u0130\u0131\u017f\u212a")
    assert all(FOLD_TRAPS.match(c) for c in found)
    assert not any(FOLD_TRAPS.match(chr(c)) for c in range(0x80))


def test_may_match_passes_texts_with_a_trap() -> None:
    assert may_match(("response",), "Reſponse", "reſponse")
    assert not may_match(("response",), "Remission", "remission")
    assert may_match(("response",), "RESPONSE", "response")
