"""The detail pane's head line: `date · author · trials · source` with a separator only between
two fields on one line, whatever is missing and however narrow (issue 18 item 6)."""

from __future__ import annotations

from itertools import product

import pytest

from tilbrowse.ui.detail_text import SEPARATOR, head_line

URL = "https://www.globenewswire.com/news-release/2025/09/22/iovance-tilvance-301-update.html"
CHOICES = [
    ("2025-09-22", "", "  ", None),
    ("Liz Highleyman", "", " ", None),
    ("NCT05727904", "NCT02360579, NCT03108495", "", None),
    (URL, "https://example.org/a", "", None),
]


def _assert_clean(lines: list[str]) -> None:
    for line in lines:
        assert line == line.strip(), lines
        assert not line.startswith("·") and not line.endswith("·"), lines
        assert "·  ·" not in line and "· ·" not in line and "··" not in line, lines


@pytest.mark.parametrize("width", [None, 20, 40, 62, 76, 118])
def test_no_leading_trailing_or_doubled_separator_whatever_is_missing(width: int | None) -> None:
    for fields in product(*CHOICES):
        lines = head_line(fields, width)
        _assert_clean(lines)
        present = [" ".join(f.split()) for f in fields if f and f.strip()]
        # nothing is lost: the fields, in order, are what the lines say
        assert " ".join(lines).replace(SEPARATOR, " ") == " ".join(present)


def test_a_field_that_does_not_fit_starts_its_own_line() -> None:
    """Seen at 80 columns: `2025-09-22 · NCT05727904 ·` with the URL wrapped onto the next line."""
    assert head_line(("2025-09-22", "", "NCT05727904", URL), 62) == ["2025-09-22 · NCT05727904", URL]
    assert head_line(("2025-09-22", "", "NCT05727904", URL), 200) == [f"2025-09-22 · NCT05727904 · {URL}"]
    assert head_line(("2019-07-16", "Liz Highleyman", "NCT02360579, NCT03108495"), 40) == [
        "2019-07-16 · Liz Highleyman",
        "NCT02360579, NCT03108495",
    ]


def test_blank_fields_are_left_out_and_inner_space_is_tidied() -> None:
    assert head_line(("no date", " ", "", None, "  a  b ")) == ["no date · a b"]
    assert head_line(()) == []
