"""The command line: `tilbrowse [PATH ...]` and its subcommands.

A thin face on `tilbrowse.data`: it parses arguments, calls the domain, prints.
Exit codes (DESIGN §6): 0 success (files that failed to load are reported on stderr and in
the output's `problems`), 1 nothing could be processed or, for `search`, no article matched,
2 usage error (a mistyped command included).
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn

from tilbrowse import __version__
from tilbrowse.compare.comparison import Comparison, columns_for, compare, fisher_sentence
from tilbrowse.compare.formats import comparison_csv, comparison_markdown
from tilbrowse.corpus.load import default_corpus_path
from tilbrowse.corpus.models import Problem
from tilbrowse.corpus.text import printable
from tilbrowse.export.output import OutputError, write_text_file
from tilbrowse.export.report import corpus_json_text
from tilbrowse.export.tables import extract_csv, extract_markdown
from tilbrowse.extract.model import DURATION_KEYS
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library, analyse_corpus, report_json
from tilbrowse.trials.formats import (
    CAVEAT,
    landscape_csv,
    landscape_json,
    landscape_markdown,
    trial_csv,
    trial_json,
    trial_markdown,
    trials_csv,
    trials_markdown,
)
from tilbrowse.trials.group import Trial, find_trial
from tilbrowse.trials.timeline import indications, landscape

if TYPE_CHECKING:  # the drawing types live in the UI layer; the CLI never imports Rich itself
    from tilbrowse.ui.console import Drawable

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, except that indented lines (the examples) are kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            indent + line if line.startswith("  ") else super(_HelpFormatter, self)._fill_text(line, width, indent)
            for line in text.splitlines()
        )


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on stderr and exit status 2, as documented.

    The error line starts with `tilbrowse: ` as every other error does, and is followed by an
    example of the command (`example`), so a wrong command line shows how to write a right one.
    """

    def __init__(self, *args: Any, example: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        if example:
            kwargs.setdefault("epilog", "example:\n" + "\n".join(f"  {line}" for line in example.splitlines()))
        super().__init__(*args, **kwargs)
        self.example = example

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix("tilbrowse").strip()
        lines = [f"tilbrowse: {command + ': ' if command else ''}{message}"]
        if self.example:
            lines.append(f"tilbrowse: example: {self.example.splitlines()[0]}")
        self.exit(EXIT_USAGE, "\n".join(lines) + "\n")


EXAMPLES = {
    "": "tilbrowse search 'cervcal orr>40'\ntilbrowse                # the browser, on the bundled seeds",
    "browse": "tilbrowse browse         # the bundled seeds; tilbrowse browse FOLDER for yours",
    "extract": "tilbrowse extract --format json   # the bundled seeds; tilbrowse extract FOLDER for yours",
    "search": "tilbrowse search 'lifileucel orr>30'",
    "compare": "tilbrowse compare '004_e8cdb65b83effc3a#1' '004_e8cdb65b83effc3a#2' --format json",
    "trials": "tilbrowse trials          # the bundled seeds; tilbrowse trials FOLDER for yours",
    "trial": "tilbrowse trial C-144-01 --format markdown",
    "landscape": "tilbrowse landscape melanoma --format markdown",
}
"""One example per command: shown at the end of its --help and after a usage error.

Each runs as written from any folder (issue 18: `tilbrowse extract seeds` failed outside the
repository): every command reads the bundled seeds when given no PATH, so the examples name no
folder, and the seeds' cohort ids are the same wherever tilbrowse is installed."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog="tilbrowse",
        description=(
            "Browse a folder of cell-therapy trial news: fuzzy search, per-cohort outcome "
            "tables with evidence, side-by-side comparison. With no command, opens the browser "
            "on PATH (default: the bundled seeds)."
        ),
        example=EXAMPLES[""],
    )
    parser.add_argument("--version", action="version", version=f"tilbrowse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    browse = sub.add_parser("browse", help="open the browser (the default command)", example=EXAMPLES["browse"])
    _add_paths(browse)
    _add_cache(browse)

    extract = sub.add_parser(
        "extract",
        help="print the articles' metadata and outcome tables",
        description="Load the articles under PATH and print their metadata and per-cohort outcome figures.",
        example=EXAMPLES["extract"],
    )
    _add_paths(extract)
    _add_report_options(extract)

    search = sub.add_parser(
        "search",
        help="search articles as the browser does",
        description=(
            "Fuzzy search (every word must be found: exactly, as a prefix or as a close typo), with 'exact, "
            "!negation and filters tag:, drug:, disease:, nct:, source:, after:, before:, orr>30, n>=50. "
            "Exits 1 when no article matched, as grep does."
        ),
        example=EXAMPLES["search"],
    )
    search.add_argument("query", metavar="QUERY", help="the query (quote it in the shell)")
    _add_paths(search)
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="show at most N results (default 20)"
    )
    search.add_argument("--format", choices=("table", "json"), default="table")
    _add_cache(search)

    compare = sub.add_parser(
        "compare",
        help="compare cohorts side by side",
        description="Compare cohorts (ids such as 004_e8cdb65b83effc3a#2) with exact 95%% CIs and Fisher's test.",
        example=EXAMPLES["compare"],
    )
    compare.add_argument("cohorts", nargs="+", metavar="COHORT_ID", help="cohort ids: ARTICLE_ID#K")
    compare.add_argument(
        "--corpus", action="append", metavar="PATH", help="where the articles are (default: bundled seeds)"
    )
    compare.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    _add_output(compare)
    _add_cache(compare)

    trials = sub.add_parser(
        "trials",
        help="list the trials the articles report, grouped across articles",
        description=(
            "Every trial of the articles under PATH: readouts grouped by NCT id, trial name (any spelling) "
            "and known aliases, never by product alone; readouts that name no trial are listed by product "
            "and indication."
        ),
        example=EXAMPLES["trials"],
    )
    _add_paths(trials)
    _add_report_options(trials)

    trial = sub.add_parser(
        "trial",
        help="one trial's readouts over time, with the change since the previous cut",
        description=(
            "The timeline of one trial (a name in any spelling, an alias or an NCT id): a row per readout "
            "with n, ORR and its exact 95%% CI, CR, medians, and the change since the previous cut."
        ),
        example=EXAMPLES["trial"],
    )
    trial.add_argument("name", metavar="NAME", help="trial name, alias or NCT id (e.g. C-144-01, NCT02360579)")
    _add_paths(trial)
    _add_report_options(trial)

    landscape = sub.add_parser(
        "landscape",
        help="each product's latest ORR in one indication, as a forest plot",
        description=(
            "For one indication (any part of its name), each product's latest readout that states an ORR, "
            "with its exact 95%% CI and n, highest ORR first."
        ),
        example=EXAMPLES["landscape"],
    )
    landscape.add_argument("indication", metavar="INDICATION", help="e.g. melanoma, cervical")
    _add_paths(landscape)
    _add_report_options(landscape)
    return parser


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    """--format (table, json, csv, markdown), -o/--force and the cache options."""
    parser.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    _add_output(parser)
    _add_cache(parser)


def _add_paths(parser: argparse.ArgumentParser) -> None:
    # default=[]: without it argparse counts a `*` positional as required and names it (wrongly)
    # in "the following arguments are required: QUERY, PATH".
    parser.add_argument(
        "paths", nargs="*", default=[], metavar="PATH", help="article files or folders (default: bundled seeds)"
    )


def _positive(text: str) -> int:
    """A whole number of at least 1, for argparse: anything else is a usage error, with usage and example."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: must be at least 1")
    return value


def _add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the on-disk cache")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help="where the cache lives (default: user cache dir)")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress or summary on a terminal (only output and errors)"
    )


class _NoProgress:
    """Stands in for the progress display when it is not shown: piped, redirected or --quiet."""

    update = None

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal someone watches (progress is drawn only there)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _progress(args: argparse.Namespace) -> Any:
    """The load's progress display on stderr (`ui.progress`), or a stand-in that shows nothing."""
    if getattr(args, "quiet", False) or not stderr_is_terminal():
        return _NoProgress()
    from tilbrowse.ui.progress import LoadProgress

    return LoadProgress()


def _cache(args: argparse.Namespace) -> Cache | None:
    if getattr(args, "no_cache", False):
        return None
    cache = Cache(getattr(args, "cache_dir", None))
    if cache.warning:
        print(f"tilbrowse: warning: {cache.warning}", file=sys.stderr)
    return cache


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # A file name with undecodable bytes is printed as \udcff, never a UnicodeEncodeError.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = _commands(parser)
    if args_list and (close := mistyped_command(args_list[0], commands)):
        print(f"tilbrowse: unknown command {args_list[0]!r}; did you mean {close!r}?", file=sys.stderr)
        return EXIT_USAGE
    if not args_list or (args_list[0] not in commands and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "browse")
    args = parser.parse_args(args_list)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "search":
            return _search(args)
        if args.command == "compare":
            return _compare(args)
        if args.command in ("trials", "trial", "landscape"):
            return _trials(args)
        return _browse(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands the parser knows (so a command added later is suggested too)."""
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def mistyped_command(word: str, commands: Sequence[str]) -> str | None:
    """The command `word` was probably meant to be, or None when it is to be read as a PATH.

    `tilbrowse WORD` opens the browser on WORD, so a mistyped command used to be reported as a
    missing file. WORD is taken for a mistyped command only when all of these hold:
    - it does not exist on disk: an existing file or folder is always opened, whatever its name;
    - it does not look like a path: no `/` (or the OS separator), no `.` (an extension, `.`,
      `..`), no leading `~` or `-`; `notes.md`, `mycorpus/` and `./search` stay paths;
    - it is close to a known command (difflib ratio >= 0.6, the cutoff of get_close_matches):
      `serach` (0.83), `extarct` (0.86), `browser` (0.92). A bare word far from every command
      (`mycorpus` 0.40, `seeds` 0.36, `corpus` 0.46) is more likely a mistyped folder than a
      command, and "no such file or folder" is the better message for it.
    """
    separators = {"/", os.sep, os.altsep or "/"}
    if word in commands or word.startswith(("-", "~")) or "." in word or any(s in word for s in separators):
        return None
    if os.path.lexists(word):
        return None
    close = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.6)
    return close[0] if close else None


def _report_problems(problems: Sequence[Problem], warnings: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"tilbrowse: {printable(problem.path)}: {printable(problem.message)}", file=sys.stderr)
    for problem in warnings:
        print(f"tilbrowse: warning: {printable(problem.path)}: {printable(problem.message)}", file=sys.stderr)


def _load(paths: Sequence[str], cache: Cache | None, args: argparse.Namespace) -> Library:
    """Load and analyse (through the cache, with progress on a terminal) and report problems on stderr."""
    with _progress(args) as progress:
        workers = None if cache is None else os.cpu_count()
        library = Library.load(paths, cache=cache, workers=workers, on_progress=progress.update)
    _report_problems(library.problems, library.article_problems())
    return library


def _emit(text: str, args: argparse.Namespace, protected: Sequence[str]) -> int:
    if getattr(args, "output", None):  # search has no -o
        try:
            written = write_text_file(args.output, text, force=args.force, protected=protected)
        except OutputError as exc:
            print(f"tilbrowse: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"tilbrowse: wrote {written}", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    args.paths = args.paths or [str(default_corpus_path())]
    cache = _cache(args)
    try:
        if args.format == "json":
            with _progress(args) as progress:
                fragments, warnings, problems = report_json(args.paths, cache=cache, on_progress=progress.update)
            _report_problems(problems, warnings)
            if not fragments:
                print("tilbrowse: nothing to extract: no article could be loaded", file=sys.stderr)
                sys.stdout.write(corpus_json_text([], problems))
                return EXIT_NOTHING
            return _emit(corpus_json_text(fragments, problems), args, args.paths)
        with _progress(args) as progress:
            records, problems = analyse_corpus(args.paths, cache=cache, on_progress=progress.update, texts=False)
    finally:
        if cache is not None:
            cache.close()
    _report_problems(problems, [p for r in records for p in r.article.problems])
    if not records:
        print("tilbrowse: nothing to extract: no article could be loaded", file=sys.stderr)
        return EXIT_NOTHING
    analysed = [(r.article, r.extraction) for r in records]
    if args.format == "csv":
        text = extract_csv(analysed)
    elif args.format == "markdown":
        text = extract_markdown(analysed)
    else:
        from tilbrowse.ui.console import extraction_renderable

        return _emit_table(extraction_renderable(analysed), args, args.paths)
    return _emit(text, args, args.paths)


def _browse(args: argparse.Namespace) -> int:
    paths = args.paths or [str(default_corpus_path())]
    missing = [p for p in paths if not Path(p).exists()]
    if missing and len(missing) == len(paths):
        for p in missing:
            print(f"tilbrowse: {p}: no such file or folder", file=sys.stderr)
        return EXIT_NOTHING
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        print(
            "tilbrowse: the browser needs a terminal; use `tilbrowse extract` or `tilbrowse search` in scripts",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from tilbrowse.ui.app import TilbrowseApp

    TilbrowseApp(paths, cache=_cache(args)).run()
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    paths = args.paths or [str(default_corpus_path())]
    cache = _cache(args)
    try:
        return _search_in(_load(paths, cache, args), args)
    finally:
        if cache is not None:
            cache.close()


def _search_in(library: Library, args: argparse.Namespace) -> int:
    if not library.entries:
        print("tilbrowse: nothing to search: no article could be loaded", file=sys.stderr)
        return EXIT_NOTHING
    result = library.search(args.query)
    if result.message and result.query.errors:
        print(f"tilbrowse: {result.message}", file=sys.stderr)
        return EXIT_USAGE
    shown = result.ids[: args.limit]
    # No match exits 1, as grep and fzf do (DESIGN §6), so `tilbrowse search Q && …` works in scripts.
    status = EXIT_OK if result.ids else EXIT_NOTHING
    if not result.ids:
        print(f"tilbrowse: {result.message or f'no article matches {args.query!r}'}", file=sys.stderr)
    if args.format == "json":
        data = {
            "tilbrowse_version": __version__,
            "query": args.query,
            "total": len(result.ids),
            "message": result.message,
            "note": result.note,
            "results": [
                {
                    "id": i,
                    "title": library.entries[i].title,
                    "date": library.entries[i].date,
                    "path": library.entries[i].path,
                    "score": round(result.scores.get(i, 0.0), 3),
                    "best_orr": library.entries[i].best_orr,
                    "cohorts": [c.id for c in found.cohorts] if (found := library.extraction(i)) else [],
                    "drug_names": library.alias_matches(i, result),
                }
                for i in shown
            ],
            "problems": [p.to_json() for p in library.problems],
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return status
    if not result.ids:
        return status  # the table would only be its header: nothing on stdout, as grep
    from tilbrowse.ui.console import search_table

    if result.message or result.note:
        print(f"tilbrowse: {result.message or result.note}", file=sys.stderr)
    _emit_table(search_table(library, result, shown, args.query), args, ())
    return status


TABLE_WIDTH = 80
"""Width of every table written to a pipe or a file (`extract`, `search`, `compare`) when
COLUMNS is not set. One rule for all three, so their output lines up in a log or a diff; 80 as
Rich itself (and POSIX terminals) default to when there is no terminal to measure, and as the
README promises ("tables, readable in 80 columns"). `COLUMNS=120 tilbrowse …` asks for wider."""
MIN_TABLE_WIDTH = 40


def table_width(environ: Mapping[str, str] | None = None) -> int:
    """Columns of a table not printed to a terminal: COLUMNS if a whole number (>= 40), else 80."""
    columns = (os.environ if environ is None else environ).get("COLUMNS", "").strip()
    return max(MIN_TABLE_WIDTH, int(columns)) if columns.isdigit() else TABLE_WIDTH


def _emit_table(renderable: Drawable, args: argparse.Namespace, protected: Sequence[str]) -> int:
    """A Rich table: in colour at the terminal's width on a terminal, else plain at `table_width()`."""
    from tilbrowse.ui.console import print_to_terminal, render_text

    if not getattr(args, "output", None) and sys.stdout.isatty():
        print_to_terminal(renderable)
        return EXIT_OK
    return _emit(render_text(renderable, width=table_width()), args, protected)


def _compare(args: argparse.Namespace) -> int:
    paths = args.corpus or [str(default_corpus_path())]
    cache = _cache(args)
    try:
        return _compare_in(_load(paths, cache, args), args, paths)
    finally:
        if cache is not None:
            cache.close()


def _compare_in(library: Library, args: argparse.Namespace, paths: Sequence[str]) -> int:
    if not library.entries:
        print("tilbrowse: no article could be loaded from the corpus", file=sys.stderr)
        return EXIT_NOTHING
    pairs = []
    for cohort_id in args.cohorts:
        if "#" not in cohort_id:
            print(f"tilbrowse: {cohort_id}: a cohort id is ARTICLE_ID#K, e.g. 004_e8cdb65b83effc3a#2", file=sys.stderr)
            return EXIT_USAGE
        found = library.cohort(cohort_id)
        if found is None:
            article_id = cohort_id.rpartition("#")[0]
            record = library.records.get(article_id)
            hint = (
                f"that article has cohorts {', '.join(c.id for c in record.cohorts) or 'none'}"
                if record
                else "no article with that id in the corpus"
            )
            print(f"tilbrowse: {cohort_id}: no such cohort ({hint})", file=sys.stderr)
            return EXIT_NOTHING
        pairs.append(found)
    comparison = compare(columns_for(pairs))
    if args.format == "json":
        text = json.dumps(comparison_json(comparison, library), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = comparison_csv(comparison)
    elif args.format == "markdown":
        text = comparison_markdown(comparison)
    else:
        from tilbrowse.ui.console import comparison_renderable

        return _emit_table(comparison_renderable(comparison), args, paths)
    return _emit(text, args, paths)


def _trials(args: argparse.Namespace) -> int:
    paths = args.paths or [str(default_corpus_path())]
    cache = _cache(args)
    try:
        library = _load(paths, cache, args)
    finally:
        if cache is not None:
            cache.close()
    if not library.entries:
        print("tilbrowse: no article could be loaded", file=sys.stderr)
        return EXIT_NOTHING
    trials = library.trials()
    if args.command == "trials":
        return _trials_out(trials, library, args, paths)
    if args.command == "trial":
        return _trial_out(trials, library, args, paths)
    return _landscape_out(trials, library, args, paths)


def _emit_json(data: dict[str, Any], library: Library, args: argparse.Namespace, paths: Sequence[str]) -> int:
    """A JSON object with the version first and the load problems last."""
    whole = {"tilbrowse_version": __version__, **data, "problems": [p.to_json() for p in library.problems]}
    return _emit(json.dumps(whole, indent=2, ensure_ascii=False) + "\n", args, paths)


def _emit_as(
    args: argparse.Namespace,
    paths: Sequence[str],
    library: Library,
    *,
    data: Callable[[], dict[str, Any]],
    csv: Callable[[], str],
    markdown: Callable[[], str],
    table: Callable[[ModuleType], Drawable],
) -> int:
    """Write one result in the format asked for (each made only when asked; `table` is given the
    console module, imported only then: the CLI never loads Rich for JSON, CSV or Markdown)."""
    if args.format == "json":
        return _emit_json(data(), library, args, paths)
    if args.format == "csv":
        return _emit(csv(), args, paths)
    if args.format == "markdown":
        return _emit(markdown(), args, paths)
    from tilbrowse.ui import console

    return _emit_table(table(console), args, paths)


def _trials_out(trials: list[Trial], library: Library, args: argparse.Namespace, paths: Sequence[str]) -> int:
    if not trials:
        print("tilbrowse: no article names a trial or reports a product's figures", file=sys.stderr)
    return _emit_as(
        args,
        paths,
        library,
        data=lambda: {"trials": [trial_json(t) for t in trials]},
        csv=lambda: trials_csv(trials),
        markdown=lambda: trials_markdown(trials),
        table=lambda console: console.trials_table(trials),
    )


def _trial_out(trials: list[Trial], library: Library, args: argparse.Namespace, paths: Sequence[str]) -> int:
    trial = find_trial(trials, args.name)
    if trial is None:
        names = [t.name for t in trials]
        close = difflib.get_close_matches(args.name, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(names[:8]) or 'none'})"
        print(f"tilbrowse: no trial named {args.name!r}{hint}", file=sys.stderr)
        return EXIT_NOTHING
    return _emit_as(
        args,
        paths,
        library,
        data=lambda: {"trial": trial_json(trial, with_timeline=True), "caveat": CAVEAT},
        csv=lambda: trial_csv(trial),
        markdown=lambda: trial_markdown(trial),
        table=lambda console: console.timeline_table(trial),
    )


def _landscape_out(trials: list[Trial], library: Library, args: argparse.Namespace, paths: Sequence[str]) -> int:
    rows = landscape(trials, args.indication)
    if not rows:
        known = ", ".join(name for name, _ in indications(trials)[:8]) or "none"
        print(
            f"tilbrowse: no readout states an ORR in {args.indication!r} (indications with one: {known})",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    return _emit_as(
        args,
        paths,
        library,
        data=lambda: landscape_json(rows, args.indication),
        csv=lambda: landscape_csv(rows),
        markdown=lambda: landscape_markdown(rows, args.indication),
        table=lambda console: console.landscape_table(rows, args.indication),
    )


def _finite(value: float | None) -> float | None:
    """A number JSON can carry: inf and nan (not reached, undefined odds ratio) become null."""
    return value if value is not None and math.isfinite(value) else None


def _unit(key: str) -> str:
    return "patients" if key == "n" else "months" if key in DURATION_KEYS else "percent"


def comparison_json(comparison: Comparison, library: Library) -> dict[str, Any]:
    """`compare --format json` (README "tilbrowse compare"): a public contract, change it only by adding keys.

    `rows` maps each metric shown (in table order) to its label, unit and one value per column:
    the text shown, the number ranked (null when not stated, or not reached), whether it was
    derived rather than stated, and whether it is the best in the row.
    """
    columns = []
    for column, basis, comp in zip(comparison.columns, comparison.orr_basis, comparison.compositions, strict=True):
        cohort = column.cohort
        entry = library.entries.get(cohort.article_id)
        columns.append(
            {
                "id": cohort.id,
                "label": cohort.label,
                "article": {
                    "id": cohort.article_id,
                    "title": column.article_title,
                    "date": column.article_date,
                    "path": entry.path if entry else None,
                },
                "product": cohort.product,
                "indication": cohort.indication,
                "trial_id": cohort.trial_id,
                "orr_basis": basis or None,
                "composition": {
                    "cr": comp.cr,
                    "pr": comp.pr,
                    "sd": comp.sd,
                    "pd": comp.pd,
                    "ne": comp.ne,
                    "derived": comp.derived,
                },
            }
        )
    rows = {
        row.key: {
            "label": row.label,
            "unit": _unit(row.key),
            "values": [
                {
                    "text": cell.text,
                    "value": _finite(cell.value),
                    "not_reached": cell.value == math.inf,
                    "derived": cell.derived,
                    "best": cell.best,
                    "possible": cell.possible,
                }
                for cell in row.cells
            ],
        }
        for row in comparison.rows
    }
    fisher: dict[str, Any] | None = None
    if len(comparison.columns) == 2:
        result, counts = comparison.fisher, comparison.fisher_counts
        fisher = {
            "test": "Fisher's exact test on ORR, two-sided",
            "p_value": result.p_value if result else None,
            "odds_ratio": _finite(result.odds_ratio) if result else None,
            "counts": [{"responders": a, "n": n} for a, n in counts] if counts else None,
            "text": fisher_sentence(comparison),
        }
    return {
        "tilbrowse_version": __version__,
        "columns": columns,
        "rows": rows,
        "orr_ci95": [list(ci) if ci else None for ci in comparison.orr_ci],
        "fisher": fisher,
        "caveat": comparison.caveat,
        "problems": [p.to_json() for p in library.problems],
    }
