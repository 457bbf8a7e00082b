"""The library's image (`tilbrowse.library.image`): a start on the same folders restores what the
last load ended with, then applies what changed on disk since — and finds exactly what a load
without an image finds, whatever happened to the files or to the image."""

from __future__ import annotations

import marshal
import os
import shutil
import threading
from pathlib import Path

import pytest

from tilbrowse.bench.synthetic import generate_corpus
from tilbrowse.library import image
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library
from tilbrowse.library.loader import FolderChange, Loader, Progress
from tilbrowse.search.bodies import FOLDER as BODIES

QUERIES = [
    "",
    "melanoma",
    "cerv",
    "cervical cancer",
    "lifileucel",
    "nsclc orr>30",
    "sarcoma after:2020",
    "pembro !nivo",
    "drug:amtagvi",
    "'leucel",
    '"objective response"',
    "n>=20",
    "phase 2",
    "zzznothing",
]


def fresh(paths: list[Path], tmp: Path) -> Library:
    """The library as a load without any image or cache row finds it."""
    folder = tmp / f"fresh-{len(list(tmp.glob('fresh-*')))}"
    return Library.load(paths, cache=Cache(folder), workers=1)


def load(paths: list[Path], cache: Path) -> Library:
    return Library.load(paths, cache=Cache(cache), workers=1)


def assert_same(got: Library, want: Library) -> None:
    assert got.entries == want.entries
    assert list(map(repr, got.problems)) == list(map(repr, want.problems))
    assert got.problem_count() == want.problem_count()
    for query in QUERIES:
        for sort in ("relevance", "date", "orr"):
            a, b = got.search(query, sort=sort), want.search(query, sort=sort)
            assert (list(a.ids), a.total, a.message) == (list(b.ids), b.total, b.message), (query, sort)
    assert got.trials() == want.trials()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    generate_corpus(folder, 36, seed=3)
    (folder / "broken.md").write_bytes(b"\x00\x01" * 50)  # fails to load: a problem
    return folder


def test_a_second_start_restores_the_image_and_finds_what_a_load_finds(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load([corpus], cache)
    assert first.restored == 0
    written = image.image_path(Cache(cache), [corpus])
    assert written.exists()
    again = load([corpus], cache)
    assert again.restored == 36
    assert_same(again, first)
    assert_same(again, fresh([corpus], tmp_path))
    # Nothing changed: the image is not written again.
    stamp = written.stat().st_mtime_ns
    os.utime(written, ns=(stamp - 10**9, stamp - 10**9))
    load([corpus], cache)
    assert written.stat().st_mtime_ns != stamp - 10**9  # read (marked used), not rewritten:
    assert not list(written.parent.glob(".writing-*"))


def test_changes_since_the_image_are_applied(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load([corpus], cache)
    files = sorted(corpus.glob("*.md"))
    edited, gone = files[0], files[1]
    edited.write_text(edited.read_text() + "\nThe objective response rate was 77% in 13 patients with uveal melanoma.\n")
    gone.unlink()
    (corpus / "new.md").write_text("# Uveal melanoma TIL update\n\nThe ORR was 61% in 18 patients.\n")
    (corpus / "broken.md").write_text("# Mended\n\nThe ORR was 12% in 25 patients with sarcoma.\n")
    (corpus / "sub").mkdir()
    shutil.copy(files[2], corpus / "sub" / files[2].name)  # same name twice: both ids change
    again = load([corpus], cache)
    assert 0 < again.restored < 36
    assert_same(again, fresh([corpus], tmp_path))
    third = load([corpus], cache)  # the image written after the changes holds them
    assert third.restored == len(third.entries)
    assert_same(third, fresh([corpus], tmp_path))


def test_a_file_failing_since_the_image_is_a_problem_and_mended_ones_are_not(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load([corpus], cache)
    victim = sorted(corpus.glob("*.md"))[3]
    victim.write_bytes(b"\x00\x01" * 50)
    again = load([corpus], cache)
    assert any(p.path == str(victim) for p in again.problems)
    assert_same(again, fresh([corpus], tmp_path))


@pytest.mark.parametrize(
    "damage",
    ["flip a byte in a part", "truncate", "garbage", "another version", "empty", "header only"],
)
def test_a_damaged_image_is_ignored_and_replaced(corpus: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    first = load([corpus], cache)
    path = image.image_path(Cache(cache), [corpus])
    data = bytearray(path.read_bytes())
    if damage == "flip a byte in a part":
        data[-100] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(os.urandom(len(data)))
    elif damage == "another version":
        data = data.replace(image.MAGIC, image.MAGIC.replace(b"image", b"imagE"))
    elif damage == "empty":
        data = bytearray()
    else:
        data = data[: len(image.MAGIC) + 40]
    path.write_bytes(bytes(data))
    again = load([corpus], cache)
    assert again.restored == 0
    assert_same(again, first)
    assert load([corpus], cache).restored == 36  # made again


def test_an_image_from_other_code_is_not_used(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    load([corpus], cache)
    monkeypatch.setattr(image, "key_version", lambda: "another extractor")
    assert image.read(Cache(cache), [corpus]) is None


def test_an_image_whose_body_words_are_gone_is_not_used(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load([corpus], cache)
    shutil.rmtree(cache / BODIES)
    again = load([corpus], cache)
    assert again.restored == 0
    assert_same(again, first)


def test_a_part_that_does_not_fit_leaves_the_library_as_a_load_without_image(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setattr("tilbrowse.search.image.PARTS", (10,))
    first = load([corpus], cache)  # an image in four parts
    real = image.Image._raw
    read: list[int] = []

    def second_part_foreign(self: image.Image, index: int) -> bytes:
        raw = real(self, index)
        read.append(index)
        if index == 2:  # blob 0 is the image's list of failures and problems
            rows, part = marshal.loads(raw)
            part["docs"][0] = ("not", "a", "document")
            return marshal.dumps((rows, part))
        return raw

    monkeypatch.setattr(image.Image, "_raw", second_part_foreign)
    again = load([corpus], cache)
    assert read[:3] == [0, 1, 2] and again.restored == 0
    assert_same(again, first)


def test_images_are_kept_per_set_of_folders_and_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folders = []
    for i in range(image.IMAGES + 2):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        (folder / "a.md").write_text(f"# Trial {i}\n\nThe ORR was {10 + i}% in 20 patients.\n")
        folders.append(folder)
        load([folder], cache)
    assert len(list((cache / image.FOLDER).glob("*.img"))) == image.IMAGES
    both = load([folders[-1], folders[-2]], cache)
    assert both.restored == 0 and len(both.entries) == 2
    assert load([folders[-1], folders[-2]], cache).restored == 2
    assert load([folders[-2], folders[-1]], cache).restored == 0  # another order, other ids maybe


def test_no_image_without_a_usable_cache(corpus: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    library = Library.load([corpus], cache=Cache(blocked / "cache"), workers=1)
    assert len(library.entries) == 36 and library.restored == 0


def test_the_browser_loader_restores_then_reports_changes_since(corpus: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    Loader(Library(cache=cache), [corpus], on_progress=lambda p: None, on_change=lambda c: None, cache=cache,
           watch_interval=0).run()
    files = sorted(corpus.glob("*.md"))
    files[0].unlink()
    (corpus / "new.md").write_text("# Uveal melanoma TIL update\n\nThe ORR was 61% in 18 patients.\n")
    library = Library(cache=cache)
    progress: list[Progress] = []
    changes: list[FolderChange] = []
    watched = threading.Event()

    def changed(change: FolderChange) -> None:
        changes.append(change)
        if len(changes) == 2:
            watched.set()

    loader = Loader(library, [corpus], on_progress=progress.append, on_change=changed, cache=cache,
                    watch_interval=0.05)
    thread = threading.Thread(target=loader.run, daemon=True)
    thread.start()
    try:
        deadline = 120
        while not changes and deadline > 0 and thread.is_alive():
            threading.Event().wait(0.05)
            deadline -= 0.05
        assert library.restored == 35
        assert changes[0].changed == ("new",) and changes[0].removed == (files[0].stem,)
        assert progress[0].added > 0 and progress[-1].finished
        assert sum(p.added for p in progress) == 36 + 1  # the image's 36, then the new one
        assert sum(p.restored for p in progress) == 36  # the image's, as it was (the check then removes one)
        # The watcher goes on from the folder as it was checked.
        (corpus / "later.md").write_text("# Later\n\nThe ORR was 33% in 30 patients.\n")
        assert watched.wait(120)
        assert changes[1].changed == ("later",)
    finally:
        loader.stop()
        thread.join(30)
    assert_same(library, fresh([corpus], tmp_path))


def test_a_file_that_failed_is_tried_again_at_the_next_start(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure may pass (a read error, a permission since given): the next start tries the
    file again, as a start without an image does."""
    from tilbrowse.library import loading

    cache = tmp_path / "cache"
    flaky = sorted(corpus.glob("*.md"))[4]
    real = loading.load_one

    def failing(path: str, article_id: str) -> object:
        if path == str(flaky):
            from tilbrowse.corpus.models import Problem

            return Problem(path, "input/output error; skipped")
        return real(path, article_id)

    monkeypatch.setattr(loading, "load_one", failing)
    first = load([corpus], cache)
    assert flaky.stem not in first.entries and any(p.path == str(flaky) for p in first.problems)
    written = image.image_path(Cache(cache), [corpus]).stat().st_ino
    still = load([corpus], cache)  # failing still: restored, tried again, not written again
    assert still.restored == len(still.entries) and any(p.path == str(flaky) for p in still.problems)
    assert image.image_path(Cache(cache), [corpus]).stat().st_ino == written  # (a new one is renamed over)
    monkeypatch.setattr(loading, "load_one", real)
    mended = load([corpus], cache)
    assert flaky.stem in mended.entries and mended.restored == len(mended.entries) - 1
    assert_same(mended, fresh([corpus], tmp_path))
    assert load([corpus], cache).restored == len(mended.entries)  # the image holds it now


def test_an_image_replaced_while_it_is_restored_is_restored_as_it_was_opened(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load([corpus], cache)
    opened = image.read(Cache(cache), [corpus])
    assert opened is not None
    sorted(corpus.glob("*.md"))[0].unlink()
    assert load([corpus], cache).restored == 35  # another start writes a new image over it
    try:
        entries = [e for part, _readouts, _index in opened.decoded() for e in part]
    finally:
        opened.close()
    assert {e.id for e in entries} == set(first.entries)


def test_an_image_that_cannot_be_written_costs_nothing_but_speed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_data: object) -> bytes:
        raise ValueError("unmarshallable object")

    monkeypatch.setattr(image, "_pack", refuse)
    library = load([corpus], tmp_path / "cache")
    assert len(library.entries) == 36
    assert not image.image_path(Cache(tmp_path / "cache"), [corpus]).exists()
    assert not list((tmp_path / "cache" / image.FOLDER).glob(".writing-*"))
