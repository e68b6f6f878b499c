"""The Spark job's output contract: one analysed document as rows of the documents, claims, figures and
entities tables (the store's columns, plus the input file and the record it came from), a skipped one
as a row of the failures table. Plain Python, so that the job and its tests share it without Spark."""

from __future__ import annotations

from typing import Any

from selon.model import Article
from selon.store.rows import CLAIM_COLUMNS, ENTITY_COLUMNS, FIGURE_COLUMNS, claim_row, entity_row, figure_row

#: Where each row came from: the input file and, in it, the record (``path@offset`` for a WARC record,
#: ``path:line`` for a JSON Lines line) and the record's byte offset (WARC only).
PROVENANCE = ("input_file", "record", "record_offset")
DOCUMENT_COLUMNS = (
    "doc_id language title outlet url published captured text claims entities figures article_json".split()
)
_INTEGER_NAMES = set(
    (
        "seq content_start content_end source_start source_end source_inherited cue_start cue_end quote "
        "sentence_start sentence_end start end approximate entity_id claims entities figures record_offset"
    ).split()
)
_FLOAT_NAMES = {"value", "value_max"}
TABLES: dict[str, tuple[str, ...]] = {
    "documents": (*DOCUMENT_COLUMNS, *PROVENANCE),
    "claims": (*CLAIM_COLUMNS, *PROVENANCE),
    "figures": (*FIGURE_COLUMNS, *PROVENANCE),
    "entities": (*ENTITY_COLUMNS, *PROVENANCE),
    "failures": (*PROVENANCE, "reason"),
}


def column_type(name: str) -> str:
    """``long``, ``double`` or ``string``: the Parquet type of a column, by its name."""
    if name in _INTEGER_NAMES:
        return "long"
    return "double" if name in _FLOAT_NAMES else "string"


def article_rows(article: Article, input_file: str, record: str, offset: int | None) -> dict[str, list[list[Any]]]:
    """Every row one analysed document gives, by table."""
    where = [input_file, record, offset]
    figures = [figure_row(article.id, None, seq, f) for seq, f in enumerate(article.quantities)]
    for claim in article.claims:
        figures.extend(figure_row(article.id, claim.id, seq, f) for seq, f in enumerate(claim.quantities))
    document = [
        article.id,
        article.language,
        article.title,
        article.outlet,
        article.url,
        article.published,
        article.captured,
        article.text,
        len(article.claims),
        len(article.entities),
        len(figures),
        article.model_dump_json(),
    ]
    return {
        "documents": [document + where],
        "claims": [list(claim_row(article.id, seq, c)) + where for seq, c in enumerate(article.claims)],
        "figures": [list(row) + where for row in figures],
        "entities": [list(entity_row(article.id, seq, e)) + where for seq, e in enumerate(article.entities)],
    }


def failure_rows(input_file: str, record: str, reason: str) -> dict[str, list[list[Any]]]:
    """The row of an input or record that could not be analysed, with the reason."""
    return {"failures": [[input_file, record, None, reason]]}
