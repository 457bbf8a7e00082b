"""Make the cache's preset dictionary: `python -m tilbrowse.bench.cachedict`.

Every cache row is compressed against `tilbrowse/library/cache_dictionary.json`: the *shape* of
a cached article's parts — their JSON with every string longer than a short label blanked, lists
cut to three items — taken from two synthetic articles (never from a real one). Compressed
against it, a row stores its own content and little of its field names. Run this again after a
change of the cached models if the cache grows; the file is part of the cache's version key, so
a new dictionary simply rebuilds the cache.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from tilbrowse.bench.synthetic import generate_article
from tilbrowse.corpus.load import load_one
from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.library.cache import encode, encode_summary
from tilbrowse.library.codec import DICTIONARY_PATH
from tilbrowse.library.record import Record, report_fragment, summarise

FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
SHORT = 12
"""Strings up to this long are labels (metric names, units, levels) and are kept."""


def skeleton(value: Any) -> Any:
    """JSON data with long strings blanked, lists cut to three items, and only the keys that are
    field names (a figure named by the article, "prior immunotherapy", is content: dropped)."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items() if FIELD_NAME.fullmatch(k)}
    if isinstance(value, list):
        return [skeleton(v) for v in value[:3]]
    if isinstance(value, str):
        return value if len(value) <= SHORT else ""
    return value


def skeletons(count: int = 2) -> list[Any]:
    """The skeletons of the parts of `count` synthetic articles that report cohorts, the
    summary's last (nearest the data)."""
    out: list[Any] = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(1000):
            if len(out) == 3 * count:
                break
            name, text = generate_article(index, seed=1)
            path = Path(folder) / name
            path.write_text(text, "utf-8")
            article = load_one(str(path), path.stem)
            assert isinstance(article, Article), article
            record = Record(article, extract(article))
            if not record.extraction.cohorts:
                continue
            out.append(skeleton(json.loads(report_fragment(record))))
            out.append(skeleton(encode(article, record.extraction)))
            out.append(skeleton(encode_summary(summarise(record, keep=False))))
    return out


def main() -> int:
    DICTIONARY_PATH.write_text(json.dumps(skeletons(), ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {DICTIONARY_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
