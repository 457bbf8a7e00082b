"""Numbers as trial news writes them: digits, spelled words, percents, durations, fractions."""

from __future__ import annotations

import re

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}

_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_U19 = "|".join(sorted(_UNITS[1:10], key=len, reverse=True))
_T = "|".join(_TENS)
SPELLED = (
    rf"(?:(?:{_U19}|a|one)[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?(?:(?:{_T})(?:[\s-]+(?:{_U19}))?|{_U}))?"
    rf"|(?:{_T})(?:[\s-]+(?:{_U19}))?(?![\s-]*(?:{_U19})\b)|(?:{_U}))"
)
"""A spelled-out whole number from zero to 999 ("Sixty-six", "one hundred and two")."""

DECIMAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
"""Digits, with thousands separators and decimals."""

APPROX = r"(?:about|approximately|approx\.|around|roughly|nearly|almost|some|an estimated|~|≈)"
"""Words that qualify a stated number as approximate (it is still stated)."""


def spelled_value(text: str) -> int | None:
    """The value of a spelled-out number, or None."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = 0
    current = 0
    for word in words:
        if word == "a":
            current = 1
        elif word == "hundred":
            current = max(current, 1) * 100
            total += current
            current = 0
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        else:
            return None
    return total + current


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def number_value(text: str) -> float | None:
    """The value of digits or spelled words; None when it is neither."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        if _DECIMAL_COMMA.fullmatch(text):
            return float(text.replace(",", "."))  # "8,3": a decimal comma (never a thousands separator)
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    value = spelled_value(text)
    return float(value) if value is not None else None


UNIT_MONTHS = {"months": 1.0, "weeks": 7 / 30.4375, "days": 1 / 30.4375, "years": 12.0}


def unit_name(text: str) -> str:
    """Normalise a unit word ("mo", "wks", "yr") to months, weeks, days or years."""
    t = text.lower().rstrip(".")
    if t.startswith("mo"):
        return "months"
    if t.startswith("w"):
        return "weeks"
    if t.startswith("d"):
        return "days"
    return "years"


def to_months(value: float, unit: str) -> float:
    """Convert a duration to months: as stated for months, else rounded to one decimal."""
    if unit == "months":
        return value
    return round(value * UNIT_MONTHS[unit], 1)


def size_after_rate(percent: float, value: float) -> bool:
    """Whether `n = value` written right after `percent%` is the cohort's size, not the rate's count.

    The convention is that it is the count (`57.1% (n = 8; …)`: 8 of 14). It is the size only
    when the percent has decimals and `percent` of `value` is a whole number of patients
    (`23.1% (n=26, …)`: 6 of 26) — a coincidence the decimals make unlikely."""
    text = f"{percent}"
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    if decimals == 0 or value < 2:
        return False
    count = percent * value / 100
    slack = value * 0.05 * 10 ** (1 - decimals) / 100 + 1e-9
    return 1 <= round(count) < value and abs(count - round(count)) <= slack
