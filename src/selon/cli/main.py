"""The ``selon`` command: a thin layer over :mod:`selon.engine` and :mod:`selon.store`.

Errors raised on purpose (:class:`~selon.errors.SelonError`) become one line on stderr, or with
``--format json`` one JSON object on stdout (see :mod:`selon.cli.failures`), and the error's
exit code; a bad document in a batch is reported, counted and skipped.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from selon.cli.failures import ClickException, is_help, report, requested_format, usage_error
from selon.cli.options import (
    ConfigOpt,
    DbOpt,
    LimitOpt,
    ListFormat,
    ReportOpt,
    WorkersOpt,
    database,
    err,
    out,
    progress_bar,
    write_report,
)
from selon.errors import NotFoundError, NothingAnalysedError, SelonError, UsageError
from selon.settings import Settings, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Who claims what, according to whom, through which channel, how sure, with which figures.",
)


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _print_version(value: bool) -> None:
    """``selon --version``: the version and nothing else, exit 0 (eager, before any command runs)."""
    if value:
        from selon import __version__

        sys.stdout.write(f"selon {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """Who claims what, according to whom, through which channel, how sure, with which figures."""


LangOpt = Annotated[str | None, typer.Option("--language", "-l", help="force the language (fr or en)")]


def _settings(config: Path | None) -> Settings:
    return load_settings(config)


def _single_input(paths: list[str]) -> bool:
    """One file of one document (not JSON Lines, a WARC or a URL list): its failure is the command's."""
    from selon.ingest import InputFile

    return len(paths) == 1 and paths[0] != "-" and Path(paths[0]).is_file() and not InputFile(Path(paths[0])).many


def _documents(paths: list[str], settings: Settings, language: str | None, run: _Run):
    """Articles and skips for the given inputs; a lone bad file raises instead of skipping."""
    from selon.engine import analyze_document, analyze_documents
    from selon.ingest import load_path

    if _single_input(paths):
        raw = load_path(paths[0], settings)
        yield analyze_document(raw, language=language, settings=settings)
        return
    yield from analyze_documents(run.read(paths, settings), language=language, settings=settings, workers=run.workers)


class _Run:
    """How a batch runs: its workers, how many documents it reads at most, which URLs it passes over."""

    def __init__(self, workers: int | None, limit: int | None, settings: Settings, known: Any = None) -> None:
        from selon.engine_pool import worker_count

        if limit is not None and limit < 0:
            raise UsageError(f"--limit must be 0 or more, not {limit}")
        self.workers = worker_count(workers, settings)
        self.limit = limit
        self.known = known

    def read(self, paths: list[Any], settings: Settings) -> Any:
        from itertools import islice

        from selon.ingest import iter_documents

        items = iter_documents(paths, settings, self.known)
        return items if self.limit is None else islice(items, self.limit)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="files (.txt, .html, .jsonl), directories, or - for stdin")],
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.jsonl,
    language: LangOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse documents and print their claims (JSON Lines: one object per document)."""
    from selon.cli.render import claims_table
    from selon.ingest import Skipped

    settings = _settings(config)
    analysed = skipped = 0
    collected = []
    for item in _documents(paths, settings, language, _Run(workers, limit, settings)):
        if isinstance(item, Skipped):
            skipped += 1
            err.print(f"skipped {item.origin}: {item.reason}", markup=False, highlight=False)
            continue
        analysed += 1
        if format is Format.jsonl:
            # U+2028, U+2029, U+0085 are escaped: valid raw in JSON, but line readers (str.splitlines) split there
            line = item.model_dump_json()
            for char in "\u2028\u2029\x85":
                line = line.replace(char, f"\\u{ord(char):04x}")
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        elif format is Format.json:
            collected.append(item.model_dump(mode="json"))
        else:
            out.print(claims_table(item))
    if analysed == 0:
        raise NothingAnalysedError(f"no document analysed ({skipped} skipped): see the reasons above")
    if format is Format.json:
        sys.stdout.write(
            json.dumps(collected if len(collected) != 1 else collected[0], ensure_ascii=False, indent=2) + "\n"
        )


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="files (.txt, .html, .jsonl, .warc[.gz], .urls), directories, URLs (pages, feeds, sitemaps), or -"
        ),
    ],
    db: DbOpt = None,
    language: LangOpt = None,
    workers: WorkersOpt = None,
    limit: LimitOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse documents into the store, SQLite or PostgreSQL (re-ingesting the same document changes nothing;
    a feed's or sitemap's articles already stored are not fetched again)."""
    from selon.store import Store

    settings = _settings(config)
    where = db or settings.store_path
    tally = _Tally()
    store = Store(where)
    try:
        _ingest_into(store, paths, settings, language, tally, _Run(workers, limit, settings, store.has_url))
    except KeyboardInterrupt:
        tally.interrupted = True
        raise
    finally:
        store.close()
        tally.print(where)
    if tally.counts["analysed"] == 0:
        raise NothingAnalysedError(f"no document analysed ({tally.counts['skipped']} skipped): see the reasons above")


class _Tally:
    """What an ingest stored so far: printed at the end, and on Ctrl-C, so the user knows what is kept."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.reasons: list[str] = []
        self.claims = 0
        self.interrupted = False

    def print(self, where: object) -> None:
        from selon.store.engine import mask

        c = self.counts
        err.print(
            ("interrupted: " if self.interrupted else "")
            + f"analysed {c['analysed']} (added {c['added']}, updated {c['updated']}, unchanged {c['unchanged']}), "
            f"skipped {c['skipped']}, claims found {self.claims} -> {mask(where)}"
            + (
                "; every document counted here is stored, run the same command again to go on"
                if self.interrupted
                else ""
            ),
            highlight=False,
            markup=False,
        )
        for reason in self.reasons:
            err.print(f"  skipped {reason}", markup=False, highlight=False)


def _ingest_into(
    store: Any, paths: list[str], settings: Settings, language: str | None, tally: _Tally, run: _Run
) -> None:
    """Analyse and save each document in turn, counting as it goes (each save is its own transaction);
    this process is the one writer, whatever the number of workers."""
    from selon.ingest import expected_documents, plan_inputs

    single = _single_input(paths)
    planned = [] if single else plan_inputs(paths)
    with progress_bar() as progress:
        total = 1 if single else expected_documents(planned)
        if run.limit is not None and not single:
            total = run.limit if total is None else min(total, run.limit)
        task = progress.add_task(f"analysing ({run.workers} worker{'s' * (run.workers > 1)})", total=total)
        items = _documents(paths, settings, language, run) if single else _batch(planned, settings, language, run)
        try:
            _each(store, items, tally, progress, task)
        except SavedThenInterrupted as exc:
            tally.counts[exc.outcome] += 1
            tally.counts["analysed"] += 1
            raise KeyboardInterrupt from None


def _each(store: Any, items: Any, tally: _Tally, progress: Any, task: Any) -> None:
    from selon.ingest import Skipped

    for item in items:
        if isinstance(item, Skipped):
            store.record_skip(item.origin, item.reason)
            tally.counts["skipped"] += 1
            tally.reasons.append(f"{item.origin}: {item.reason}")
        else:
            try:
                outcome = _save_counted(store, item)
            except SavedThenInterrupted:
                tally.claims += len(item.claims)
                raise
            tally.counts[outcome] += 1
            tally.counts["analysed"] += 1
            tally.claims += len(item.claims)
        progress.advance(task)


def _save_counted(store: Any, article: Any) -> str:
    """Save one document; a Ctrl-C landing just after its commit still counts it (it is stored)."""
    try:
        return str(store.save(article, origin=article.id))
    except KeyboardInterrupt:
        done = store.last_commit
        if done is not None and done[0] == article.id and store.has_version(article):
            raise SavedThenInterrupted(done[1]) from None
        raise


class SavedThenInterrupted(KeyboardInterrupt):
    """Ctrl-C after a document was committed: ``outcome`` is what the save did."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


def _batch(planned: list[Any], settings: Settings, language: str | None, run: _Run):
    from selon.engine import analyze_documents

    return analyze_documents(run.read(planned, settings), language=language, settings=settings, workers=run.workers)


@app.command()
def claims(
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="source name or mention contains this")] = None,
    certainty: Annotated[str | None, typer.Option(help="asserted|reported|hedged|confirmed|denied")] = None,
    language: LangOpt = None,
    document: Annotated[str | None, typer.Option("--document", "-d", help="document id")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many claims")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    config: ConfigOpt = None,
) -> None:
    """List stored claims, filtered."""
    from selon.cli.render import rows_table
    from selon.store import Store

    with Store(database(db, config)) as store:
        rows = store.claims(source=source, certainty=certainty, language=language, document=document, limit=limit)
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(rows_table(rows))
        err.print(f"{len(rows)} claims", highlight=False)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="document id (see `selon claims`)")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print a stored article with its claims marked by certainty and their sources named."""
    from selon.cli.render import claims_table, legend, marked_article
    from selon.store import Store
    from selon.store.engine import mask

    path = database(db, config)
    with Store(path) as store:
        article = store.get(doc)
    if article is None:
        raise NotFoundError(f"no document '{doc}' in {mask(path)}; `selon claims --db {mask(path)}` lists the ids")
    title = article.title or article.id
    out.rule(f"{title} [{article.language}]" + (f" — {article.outlet}" if article.outlet else ""))
    out.print(marked_article(article))
    out.print()
    legend(out)
    out.print(claims_table(article))


@app.command()
def schema() -> None:
    """Print the JSON Schema of an analysed document."""
    from selon.model import json_schema_text

    sys.stdout.write(json_schema_text())


eval_app = typer.Typer(no_args_is_help=True, help="Accuracy on public gold data, beside the published anchors.")
app.add_typer(eval_app, name="eval")
DataOpt = Annotated[Path | None, typer.Option("--data", help="data folder (default: ../shared/data/...)")]


@eval_app.command("polnear")
def eval_polnear_cmd(
    split: Annotated[str, typer.Option(help="dev or train")] = "dev",
    data: DataOpt = None,
    report: ReportOpt = None,
    config: ConfigOpt = None,
) -> None:
    """PolNeAR attribution: exact and token F1 per role, attribution-level F1."""
    from selon.eval.polnear import format_table
    from selon.eval.run import default_shared, eval_polnear

    result = eval_polnear(data or default_shared() / "data" / "polnear", split, _settings(config))
    out.print(format_table(result), markup=False, highlight=False)
    write_report(result, report, f"polnear-{split}")


@eval_app.command("newsquant")
def eval_newsquant_cmd(data: DataOpt = None, report: ReportOpt = None, config: ConfigOpt = None) -> None:
    """NewsQuant quantities: value F1 and value+unit F1."""
    from selon.eval.newsquant import format_table
    from selon.eval.run import default_shared, eval_newsquant

    result = eval_newsquant(data or default_shared() / "data" / "newsquant", _settings(config))
    out.print(format_table(result), markup=False, highlight=False)
    write_report(result, report, "newsquant")


@eval_app.command("examples")
def eval_examples_cmd(
    dir: Annotated[Path | None, typer.Option("--dir", help="folder of *.expected.json")] = None,
    report: ReportOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Pass/fail table of every expectations file."""
    from selon.eval.run import default_shared, eval_examples, examples_table

    result = eval_examples(dir or default_shared() / "examples", _settings(config))
    out.print(examples_table(result), markup=False, highlight=False)
    write_report(result, report, "examples")


def _register_commands() -> None:
    """Command groups that live in their own modules: model training, the eval gate, the corpus view."""
    from selon.cli import corpus as _corpus
    from selon.cli import evaluate as _evaluate
    from selon.cli import gate as _gate
    from selon.cli import migrate as _migrate
    from selon.cli import serve as _serve
    from selon.cli import train as _train
    from selon.cli import volume as _volume

    _evaluate.register(eval_app)
    _gate.register(eval_app)
    _train.register(app)
    _corpus.register(app)
    _serve.register(app)
    _volume.register(app)
    _migrate.register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the command, turning selon's errors into one line (or one JSON object) and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="selon", standalone_mode=False)
    except SelonError as exc:
        return report(exc, requested_format(command, args) == "json")
    except typer.Abort as exc:
        err.print("interrupted" if isinstance(exc.__context__, KeyboardInterrupt) else "aborted", highlight=False)
        return 130
    except ClickException as exc:
        if is_help(exc):
            exc.show()  # type: ignore[attr-defined]
            return 2
        return report(usage_error(exc), requested_format(command, args) == "json")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def run() -> None:
    """Console-script wrapper around :func:`main`."""
    sys.exit(main())
