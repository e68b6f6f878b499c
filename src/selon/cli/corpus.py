"""Corpus commands: ``selon sources``, ``clusters``, ``conflicts``, ``timeline``, ``export``.

A thin layer over :mod:`selon.corpus`: each command first brings the corpus tables up to
date with the store (only new or changed documents are processed), then prints a table for
people or JSON for scripts.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from selon.cli.options import ConfigOpt, DbOpt, ListFormat, database, err, out, progress_bar


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


class ExportTable(str, Enum):
    claims = "claims"
    clusters = "clusters"
    sources = "sources"
    conflicts = "conflicts"


FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table for people, json for scripts")]
AliasOpt = Annotated[list[Path] | None, typer.Option("--aliases", help="extra alias file(s) (see docs/corpus.md)")]


def _open(db: str | None, aliases: list[Path] | None, config: Path | None):
    from selon.corpus import Corpus

    corpus = Corpus(database(db, config), alias_paths=list(aliases or []))
    try:
        update_corpus(corpus)
    except BaseException:
        corpus.close()
        raise
    return corpus


def update_corpus(corpus: Any) -> None:
    """Bring the corpus view up to date, with a progress bar and a one-line summary."""
    with progress_bar() as progress:
        task = progress.add_task("corpus", total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stage, completed=done, total=total)

        result = corpus.update(report)
    if result.documents:
        err.print(
            f"corpus: took in {result.documents} document(s), {result.claims} claim(s); "
            f"{result.encoded} claim text(s) encoded; {result.clusters_recomputed} cluster(s) updated",
            highlight=False,
        )


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def sources(
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
    explain: Annotated[str | None, typer.Option("--explain", help="show why the mentions of NAME were joined")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many sources")] = None,
    aliases: AliasOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Canonical sources across documents and languages (persons, organisations, unnamed)."""
    corpus = _open(db, aliases, config)
    try:
        if explain:
            data = corpus.explain(explain)
            if format is ListFormat.json:
                return _json(data)
            for s in data:
                out.print(f"[bold]{s['name']}[/bold] ({s['kind']}{', relay' if s['relay'] else ''}) id {s['id']}")
                for m in s["mentions"]:
                    out.print(
                        f"  mention {m['label']!r} ×{m['claims']}  key {m['key']}  forms: {', '.join(m['forms'])}",
                        markup=False,
                        highlight=False,
                    )
                for e in s["evidence"]:
                    out.print(f"  joined by {e['reason']}: {e['detail']}", markup=False, highlight=False)
            return
        data = corpus.sources(limit=limit)
        if format is ListFormat.json:
            return _json(data)
        table = Table("source", "kind", "claims", "docs", "mentions", "outlets")
        for s in data:
            table.add_row(
                s["name"] + (" (relay)" if s["relay"] else ""),
                s["kind"],
                str(s["claims"]),
                str(s["documents"]),
                "; ".join(m["label"] for m in s["mentions"][:4]),
                ", ".join(s["outlets"][:4]),
            )
        out.print(table)
    finally:
        corpus.close()


def clusters(
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
    min_articles: Annotated[int, typer.Option("--min-articles", help="clusters seen in this many articles")] = 2,
    limit: Annotated[int | None, typer.Option(help="at most this many clusters")] = None,
    single_source: Annotated[
        bool | None, typer.Option("--single-source/--corroborated", help="only single-source or only corroborated")
    ] = None,
    aliases: AliasOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Claim clusters across articles and languages, with their independent-source counts."""
    corpus = _open(db, aliases, config)
    try:
        data = corpus.clusters(min_articles=min_articles, limit=limit, single_source=single_source)
        if format is ListFormat.json:
            return _json(data)
        table = Table("id", "articles", "copies", "indep. sources", "sources", "outlets", "first", "last", "claim")
        for c in data:
            table.add_row(
                str(c["id"]),
                str(c["articles"]),
                str(c["articles"] - c["syndication_groups"]),
                str(c["independent_sources"]) + (" (single)" if c["single_source"] else ""),
                "; ".join(s["name"] for s in c["sources"][:3]),
                ", ".join(c["outlets"][:4]),
                c["first_seen"] or "",
                c["last_seen"] or "",
                c["label"][:120],
            )
        out.print(table)
    finally:
        corpus.close()


def conflicts(
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
    tolerance: Annotated[float, typer.Option(help="relative difference tolerated between values")] = 0.10,
    counts: Annotated[str | None, typer.Option("--counts", help="only figures counting this (drones)")] = None,
    aliases: AliasOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The same quantity given with different values, each value with its source and article."""
    corpus = _open(db, aliases, config)
    try:
        data = corpus.conflicts(tolerance=tolerance, unit=counts)
        if format is ListFormat.json:
            return _json(data)
        for n, c in enumerate(data, 1):
            q = c["quantity"]
            title = (
                f"{n}. {q['counts']}"
                + (f" per {q['per']}" if q["per"] else "")
                + (f" in {', '.join(q['time'])}" if q["time"] else "")
                + (f" — {', '.join(q['subject'])}" if q["subject"] else "")
                + f" ({q['framing']})"
            )
            table = Table("value", "figure", "source", "article", "outlet", "published", title=title)
            for v in c["values"]:
                value = _number(v["value"]) + (f"–{_number(v['value_max'])}" if v["value_max"] is not None else "")
                table.add_row(value, v["figure"], v["source"], v["document"], v["outlet"] or "", v["published"] or "")
            out.print(table)
        if not data:
            err.print("no conflicting figures", highlight=False)
    finally:
        corpus.close()


def timeline(
    query: Annotated[str, typer.Argument(help="cluster id, counted thing (drones) or words of a claim")],
    db: DbOpt = None,
    format: FormatOpt = ListFormat.table,
    limit: Annotated[int, typer.Option(help="at most this many events")] = 500,
    aliases: AliasOpt = None,
    config: ConfigOpt = None,
) -> None:
    """A claim or a figure over publication dates."""
    corpus = _open(db, aliases, config)
    try:
        data = corpus.timeline(query, limit=limit)
        if format is ListFormat.json:
            return _json(data)
        table = Table(
            "published",
            "outlet",
            "source",
            "certainty",
            "figures",
            "claim",
            "cluster",
            title=f"{data['kind']} timeline: {query} ({data['total']} events)",
        )
        for e in data["events"]:
            figs = ", ".join(f["text"] for f in e["figures"])
            table.add_row(
                e["published"] or "?",
                e["outlet"] or "",
                e["source"],
                e["certainty"],
                figs,
                e["text"][:100],
                str(e["cluster"] or ""),
            )
        out.print(table)
    finally:
        corpus.close()


def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file to write (default: TABLE.FORMAT here, claims.csv)")
    ] = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, parquet or jsonl")] = ExportFormat.csv,
    table: Annotated[ExportTable, typer.Option("--table", "-t", help="what to export")] = ExportTable.claims,
    db: DbOpt = None,
    aliases: AliasOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export claims (with sources and clusters), clusters, sources or conflicts."""
    output = output or Path(f"{table.value}.{format.value}")
    corpus = _open(db, aliases, config)
    try:
        n = corpus.export(output, format.value, table.value)
    finally:
        corpus.close()
    err.print(f"wrote {n} {table.value} row(s) to {output}", highlight=False)


def _number(value: float) -> str:
    """2700000 -> "2,700,000", 2.5 -> "2.5": figures as a reader writes them."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``selon`` application."""
    app.command()(sources)
    app.command()(clusters)
    app.command()(conflicts)
    app.command()(timeline)
    app.command()(export)
