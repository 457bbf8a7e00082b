"""The background loader, without any UI: batches reported as they arrive, then changes on disk
applied to the library and reported, until stopped."""

from __future__ import annotations

import threading
from pathlib import Path

from tilbrowse.bench.pdfwriter import article_pdf
from tilbrowse.library.library import Library
from tilbrowse.library.loader import FolderChange, Loader, Progress


def write(folder: Path, name: str, orr: int) -> None:
    (folder / name).write_text(f"# Melanoma {name}\n\nThe ORR was {orr}% in 20 patients with melanoma.\n")


def test_loads_in_batches_then_stops_without_watching(tmp_path: Path) -> None:
    for i in range(25):
        write(tmp_path, f"a{i:02}.md", 10 + i)
    library = Library()
    progress: list[Progress] = []
    loader = Loader(library, [tmp_path], on_progress=progress.append, on_change=lambda c: None, watch_interval=0)
    loader.run()
    assert len(library.entries) == 25
    assert progress[-1].finished and progress[-1].done == progress[-1].total == 25
    assert [p.done for p in progress] == sorted(p.done for p in progress) and not progress[0].finished
    assert sum(p.added for p in progress) == 25


def test_watches_the_folder_and_applies_changes(tmp_path: Path) -> None:
    write(tmp_path, "a.md", 30)
    write(tmp_path, "b.md", 40)
    library = Library()
    changes: list[FolderChange] = []
    seen = threading.Event()

    def changed(change: FolderChange) -> None:
        changes.append(change)
        seen.set()

    loaded = threading.Event()
    loader = Loader(
        library,
        [tmp_path],
        on_progress=lambda p: loaded.set() if p.finished else None,
        on_change=changed,
        watch_interval=0.05,
    )
    thread = threading.Thread(target=loader.run, daemon=True)
    thread.start()
    assert loaded.wait(120)
    write(tmp_path, "c.md", 50)
    (tmp_path / "d.html").write_text(
        "<html><body><article><h1>Saved page</h1><p>The objective response rate was 41% in 22 patients with "
        "melanoma treated in the phase 2 study, the investigators said.</p></article></body></html>"
    )
    (tmp_path / "e.pdf").write_bytes(article_pdf("Printed", "The objective response rate was 44% in 27 patients."))
    (tmp_path / "a.md").unlink()
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00\x00" * 10)
    assert seen.wait(120)
    while seen.wait(0.5):  # the two changes may come in one look or two
        seen.clear()
    loader.stop()
    thread.join(60)
    assert not thread.is_alive(), "stop ends the watching"
    assert set(library.entries) - {"bad"} == {"b", "c", "d", "e"}, "a saved page and a PDF are watched as any article"
    assert {i for c in changes for i in c.removed} == {"a"} and "c" in {i for c in changes for i in c.changed}
