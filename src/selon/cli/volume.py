"""``selon spark`` and ``selon load``: the analysis as a Spark job, and its Parquet output into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from selon.cli.options import ConfigOpt, DbOpt, err, progress_bar


def spark(
    inputs: Annotated[list[str], typer.Argument(help="WARC, JSON Lines or text files, folders, or *.manifest lists")],
    output: Annotated[Path, typer.Option("--output", "-o", help="folder of the Parquet tables")],
    master: Annotated[str, typer.Option(help="Spark master (local[N], spark://..., yarn)")] = "local[*]",
    split: Annotated[int | None, typer.Option(help="tasks per WARC file (default: Spark's parallelism)")] = None,
    language: Annotated[str | None, typer.Option("--language", "-l", help="force the language (fr or en)")] = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse inputs with Spark into Parquet (documents, claims, figures, entities, failures); a rerun
    skips the inputs already done."""
    from selon.errors import UsageError

    try:
        from selon.spark.job import run_job
    except ImportError as exc:  # pragma: no cover - pyspark absent
        raise UsageError(f"pyspark is not installed ({exc}): run scripts/setup.sh --spark") from exc
    report = run_job(
        inputs, output, master=master, split=split, config=str(config) if config else None, language=language
    )
    err.print(
        f"spark run {report.run}: {report.tasks} task(s) run, {report.skipped_tasks} already done; "
        f"{report.documents} document(s) written, {report.failed} failed record(s) -> {output} "
        f"({report.seconds:.1f} s); `selon load {output}` takes them into a store",
        highlight=False,
        markup=False,
    )


def load(
    output: Annotated[Path, typer.Argument(help="the --output folder of `selon spark`")],
    db: DbOpt = None,
    corpus: Annotated[bool, typer.Option("--corpus/--no-corpus", help="bring the corpus view up to date")] = True,
    config: ConfigOpt = None,
) -> None:
    """Take the Parquet output of `selon spark` into the store, then bring the corpus up to date."""
    from selon.settings import load_settings
    from selon.spark.load import load_output
    from selon.store import Store
    from selon.store.engine import mask

    where = db or load_settings(config).store_path
    with Store(where) as store:
        with progress_bar() as progress:
            task = progress.add_task("loading", total=None)
            counts = load_output(output, store, lambda n: progress.advance(task, n))
        err.print(
            f"loaded {output}: added {counts['added']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
            f"failures recorded {counts['failures']}, skipped {counts['skipped']} -> {mask(where)}",
            highlight=False,
            markup=False,
        )
        if corpus:
            from selon.cli.corpus import update_corpus
            from selon.corpus import Corpus

            with Corpus(store) as view:
                update_corpus(view)


def register(app: typer.Typer) -> None:
    app.command("spark")(spark)
    app.command("load")(load)
