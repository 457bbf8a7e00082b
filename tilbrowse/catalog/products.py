"""The products users follow, with every name they go by: generic, short, code and brand.

One row per product. `name` is the canonical name (the international non-proprietary name when
there is one, else the sponsor's code); `aliases` are the other names a text may use for the same
product. Rows hold only pairs published by the sponsor or a regulator (prescribing information,
INN lists, sponsors' renaming notices) and known to us with certainty; a product missing here
still works as written, it is simply not joined to its other names.

Matching ignores case, and spaces and hyphens between the parts of a name: "LN-144", "LN144",
"LN 144" and "ln‑144" (non-breaking hyphen) are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Product:
    """A therapy and the names it goes by."""

    name: str
    """Canonical name: the INN when there is one (lifileucel), else the code (LN-145)."""
    aliases: tuple[str, ...]
    """Short names, development codes and brands (LN-144, Amtagvi)."""
    kind: str
    """TIL, TCR-T, CAR-T, bispecific, checkpoint inhibitor, …"""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    @property
    def short(self) -> str:
        """The name to show where room is short: the short form of a two-word INN ("axi-cel",
        "T-VEC", "T-DXd"), else the canonical name."""
        if " " in self.name:
            for alias in self.aliases:
                if _SHORT_FORM.fullmatch(alias):
                    return alias
        return self.name


def _p(name: str, kind: str, *aliases: str) -> Product:
    return Product(name, aliases, kind)


PRODUCTS: tuple[Product, ...] = (
    # Tumour-infiltrating lymphocytes
    _p("lifileucel", "TIL", "LN-144", "Amtagvi"),
    _p("LN-145", "TIL"),
    _p("ITIL-168", "TIL"),
    _p("OBX-115", "TIL"),
    # Engineered T-cell receptors and T-cell receptor based bispecifics
    _p("afamitresgene autoleucel", "TCR-T", "afami-cel", "ADP-A2M4", "Tecelra"),
    _p("letetresgene autoleucel", "TCR-T", "lete-cel", "GSK3377794"),
    _p("uzatresgene autoleucel", "TCR-T", "uza-cel", "ADP-A2M4CD8"),
    _p("gavocabtagene autoleucel", "TCR-T", "gavo-cel", "TC-210"),
    _p("IMA203", "TCR-T"),
    _p("tebentafusp", "bispecific (ImmTAC)", "Kimmtrak", "IMCgp100"),
    # CAR-T
    _p("axicabtagene ciloleucel", "CAR-T", "axi-cel", "Yescarta", "KTE-C19"),
    _p("tisagenlecleucel", "CAR-T", "tisa-cel", "Kymriah", "CTL019"),
    _p("lisocabtagene maraleucel", "CAR-T", "liso-cel", "Breyanzi", "JCAR017"),
    _p("idecabtagene vicleucel", "CAR-T", "ide-cel", "Abecma", "bb2121"),
    _p("ciltacabtagene autoleucel", "CAR-T", "cilta-cel", "Carvykti", "JNJ-68284528", "LCAR-B38M"),
    _p("obecabtagene autoleucel", "CAR-T", "obe-cel", "Aucatzyl", "AUTO1"),
    _p("brexucabtagene autoleucel", "CAR-T", "brexu-cel", "Tecartus", "KTE-X19"),
    _p("satricabtagene autoleucel", "CAR-T", "satri-cel", "CT041"),
    _p("relmacabtagene autoleucel", "CAR-T", "relma-cel", "JWCAR029"),
    _p("equecabtagene autoleucel", "CAR-T", "eque-cel", "Fucaso", "CT103A"),
    _p("zevorcabtagene autoleucel", "CAR-T", "zevor-cel", "CT053"),
    # Checkpoint inhibitors
    _p("pembrolizumab", "checkpoint inhibitor", "Keytruda", "MK-3475"),
    _p("nivolumab", "checkpoint inhibitor", "Opdivo", "BMS-936558", "ONO-4538"),
    _p("ipilimumab", "checkpoint inhibitor", "Yervoy", "MDX-010"),
    _p("relatlimab", "checkpoint inhibitor", "BMS-986016"),
    _p("atezolizumab", "checkpoint inhibitor", "Tecentriq", "MPDL3280A"),
    _p("durvalumab", "checkpoint inhibitor", "Imfinzi", "MEDI4736"),
    _p("cemiplimab", "checkpoint inhibitor", "Libtayo", "REGN2810"),
    _p("dostarlimab", "checkpoint inhibitor", "Jemperli", "TSR-042"),
    _p("tislelizumab", "checkpoint inhibitor", "Tevimbra", "BGB-A317"),
    _p("toripalimab", "checkpoint inhibitor", "Loqtorzi", "JS001"),
    _p("retifanlimab", "checkpoint inhibitor", "Zynyz", "INCMGA00012"),
    # Oncolytic viruses
    _p("talimogene laherparepvec", "oncolytic virus", "T-VEC", "Imlygic"),
    _p("vusolimogene oderparepvec", "oncolytic virus", "RP1"),
    # Antibody-drug conjugates
    _p("trastuzumab deruxtecan", "antibody-drug conjugate", "T-DXd", "Enhertu", "DS-8201"),
    _p("sacituzumab govitecan", "antibody-drug conjugate", "Trodelvy", "IMMU-132"),
    _p("enfortumab vedotin", "antibody-drug conjugate", "Padcev"),
    _p("tisotumab vedotin", "antibody-drug conjugate", "Tivdak"),
    _p("mirvetuximab soravtansine", "antibody-drug conjugate", "Elahere"),
    # Bispecific T-cell engagers
    _p("blinatumomab", "bispecific", "Blincyto"),
    _p("teclistamab", "bispecific", "Tecvayli"),
    _p("talquetamab", "bispecific", "Talvey"),
    _p("elranatamab", "bispecific", "Elrexfio"),
    _p("epcoritamab", "bispecific", "Epkinly"),
    _p("glofitamab", "bispecific", "Columvi"),
    _p("mosunetuzumab", "bispecific", "Lunsumio"),
    _p("tarlatamab", "bispecific", "Imdelltra", "AMG 757"),
    # Targeted therapies
    _p("osimertinib", "targeted therapy", "Tagrisso", "AZD9291"),
    _p("sotorasib", "targeted therapy", "Lumakras", "AMG 510"),
    _p("adagrasib", "targeted therapy", "Krazati", "MRTX849"),
)


_SHORT_FORM = re.compile(r"[A-Za-z]+-[A-Za-z]+")
_PART = re.compile(r"[A-Za-z]+|\d+")
_SEP = r"(?:[\s\u00a0]+|[-\u2010\u2011\u2012\u2013])?"
"""Between two parts of a name: nothing, spaces, or one hyphen of any kind."""


def name_key(name: str) -> str:
    """A name reduced for matching: lowercase letters and digits only ("LN-144" → "ln144")."""
    return "".join(_PART.findall(name)).lower()


def _pattern(name: str) -> str:
    return _SEP.join(re.escape(part) for part in _PART.findall(name))


@cache
def _tables() -> tuple[dict[str, Product], dict[str, tuple[re.Pattern[str], ...]]]:
    """Products by name key, and each name's pattern under the words that open its gate: its
    longest part ("lifileucel", "144" of LN-144) and its letters and digits run together
    ("afamicel", as a text may fuse "afami-cel")."""
    by_key: dict[str, Product] = {}
    gates: dict[str, list[re.Pattern[str]]] = {}
    for product in PRODUCTS:
        for alias in product.names:
            key = name_key(alias)
            if key in by_key and by_key[key] is not product:
                raise ValueError(f"{alias!r} names two products")  # a table edit that would be ambiguous
            by_key[key] = product
            pattern = re.compile(_pattern(alias.lower()) + r"(?![a-z0-9])")
            for gate in {max(_PART.findall(alias.lower()), key=len), key}:
                gates.setdefault(gate, []).append(pattern)
    return by_key, {gate: tuple(dict.fromkeys(p)) for gate, p in gates.items()}


_WORD_PARTS = re.compile(r"[a-z]+|\d+")


def find_product(name: str) -> Product | None:
    """The product a name (any alias, any case or hyphenation) stands for, if we know it."""
    return _tables()[0].get(name_key(name))


def mentions(text: str) -> list[tuple[int, Product, str]]:
    """Every known product name in a text: (offset, product, name as written), in text order.

    A name's pattern runs (over the lowercased text, literal first, so the regex engine skips
    ahead) only when a word of the text opens its gate: a text naming no known product costs
    one pass that splits it into words."""
    by_key, gates = _tables()
    lower = text.lower()
    patterns: dict[re.Pattern[str], None] = {}
    for part in set(_WORD_PARTS.findall(lower)):
        found = gates.get(part)
        if found is not None:
            patterns.update(dict.fromkeys(found))
    hits: list[tuple[int, str]] = []
    for pattern in patterns:
        for m in pattern.finditer(lower):
            start = m.start()
            if not (start and lower[start - 1].isalnum()):  # the name starts a word
                hits.append((start, text[start : m.end()]))
    return [(start, by_key[name_key(written)], written) for start, written in sorted(hits)]


def products_in(text: str) -> list[tuple[Product, str]]:
    """Known products named in a text, in order of first mention, each with the name as written."""
    found: dict[str, tuple[Product, str]] = {}
    for _start, product, written in mentions(text):
        found.setdefault(product.name, (product, written))
    return list(found.values())


def short_name(name: str) -> str:
    """A product's name as shown where room is short: each known part by its short form
    ("axicabtagene ciloleucel" → "axi-cel"); anything else as given."""
    parts = name.split(" + ")
    out = []
    for part in parts:
        product = find_product(part)
        out.append(product.short if product is not None and product.name == part else part)
    return " + ".join(out)


def canonical_product(written: str | None) -> str | None:
    """The canonical name of a product as written ("lifileucel (LN-144)" → "lifileucel",
    "Amtagvi" → "lifileucel"); a combination gives each known part joined by " + "
    ("nivolumab plus ipilimumab" → "nivolumab + ipilimumab"); None when no part is known."""
    if not written:
        return None
    found = products_in(written)
    if not found:
        return None
    return " + ".join(product.name for product, _ in found)
