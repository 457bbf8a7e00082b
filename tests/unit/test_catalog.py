"""The curated names: products by any of their names, trial names in any spelling."""

from __future__ import annotations

import pytest

from tilbrowse.catalog import PRODUCTS, TRIALS, canonical_product, canonical_trial, find_product, products_in, trial_key
from tilbrowse.catalog.products import name_key
from tilbrowse.extract.lexicon import trials_in


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Amtagvi", "lifileucel"),
        ("LN-144", "lifileucel"),
        ("ln144", "lifileucel"),
        ("LN 144", "lifileucel"),
        ("LN\u2011144", "lifileucel"),  # non-breaking hyphen, as typeset text has it
        ("Tecelra", "afamitresgene autoleucel"),
        ("afami-cel", "afamitresgene autoleucel"),
        ("ADP-A2M4", "afamitresgene autoleucel"),
        ("GSK3377794", "letetresgene autoleucel"),
        ("Yescarta", "axicabtagene ciloleucel"),
        ("KTE-C19", "axicabtagene ciloleucel"),
        ("CT041", "satricabtagene autoleucel"),
        ("Kimmtrak", "tebentafusp"),
        ("IMCgp100", "tebentafusp"),
    ],
)
def test_every_name_finds_its_product(written: str, canonical: str) -> None:
    product = find_product(written)
    assert product is not None and product.name == canonical


def test_unknown_names_are_not_guessed() -> None:
    assert find_product("zorbacel") is None
    assert find_product("LN-146") is None
    assert canonical_product("docetaxel") is None
    assert canonical_product(None) is None


def test_no_name_stands_for_two_products() -> None:
    keys: dict[str, str] = {}
    for product in PRODUCTS:
        for name in product.names:
            assert keys.setdefault(name_key(name), product.name) == product.name, name


def test_products_in_text_by_first_mention_with_the_name_as_written() -> None:
    text = "Amtagvi (lifileucel, LN-144) was compared with pembrolizumab; xAmtagvi and LN-1440 are not names."
    found = [(p.name, written) for p, written in products_in(text)]
    assert found == [("lifileucel", "Amtagvi"), ("pembrolizumab", "pembrolizumab")]


def test_canonical_product_of_a_written_product_and_of_a_combination() -> None:
    assert canonical_product("lifileucel (LN-144)") == "lifileucel"
    assert canonical_product("nivolumab plus ipilimumab") == "nivolumab + ipilimumab"


def test_trial_spellings_share_one_key_and_aliases_one_name() -> None:
    assert trial_key("C-144-01") == trial_key("C144-01") == trial_key("c\u2011144\u201101") == "c14401"
    known = canonical_trial("innovaTIL-01")
    assert known is not None and known.name == "C-144-01" and "NCT02360579" in known.nct_ids
    assert canonical_trial("InnovaTIL-04") is not None and canonical_trial("SPEARHEAD-1") is None
    assert all(t.name and t.nct_ids for t in TRIALS)


def test_trial_names_are_read_in_every_spelling() -> None:
    text = "C-144-01 (also innovaTIL-01) and C144-01 and C\u2011144\u201101; IOV-LUN-202; HER-2, LN-144, grade-3"
    assert trials_in(text) == ["C-144-01", "innovaTIL-01", "C144-01", "C\u2011144\u201101", "IOV-LUN-202"]


def test_short_names_where_room_is_short() -> None:
    from tilbrowse.catalog.products import short_name

    assert short_name("axicabtagene ciloleucel") == "axi-cel"
    assert short_name("talimogene laherparepvec + nivolumab") == "T-VEC + nivolumab"
    assert short_name("lifileucel") == "lifileucel" and short_name("zorbacel") == "zorbacel"


def test_trial_names_and_products_are_told_apart() -> None:
    from tilbrowse.extract.populations import products_in as products_written

    text = "In the phase 3 ASCENT-03 trial and the EV-302 study, LN-145 was not tested; LAG-3 and CLDN18.2 are targets."
    assert trials_in(text) == ["ASCENT-03", "EV-302"]
    assert products_written(text) == ["LN-145"]


def test_trial_names_as_real_articles_spell_them() -> None:
    text = (
        "CheckMate 067 and TRANSCEND CLL 004, TRANSCEND-NHL-001 and DESTINY-Lung02; KEYNOTE 189 = KEYNOTE-189. "
        "Not trials: ORR 36%, COVID 19, ASCO 2024, NSCLC 12 months, TILs 100, RECIST 11."
    )
    found = trials_in(text)
    assert found == ["CheckMate 067", "TRANSCEND CLL 004", "TRANSCEND-NHL-001", "DESTINY-Lung02", "KEYNOTE 189", "KEYNOTE-189"]
    assert trial_key("KEYNOTE 189") == trial_key("KEYNOTE-189") == "keynote189"


def test_a_one_word_trial_name_is_read_when_called_a_trial() -> None:
    text = "In the phase 2 JULIET trial and the pivotal ELARA study (and OPTiM trial), not the FDA study nor a TILs trial."
    assert trials_in(text) == ["JULIET", "ELARA", "OPTiM"]
    assert trials_in("JULIET reported an ORR of 52%.") == [], "without the word trial or study, a capitalised word is not one"
