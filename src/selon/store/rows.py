"""Documents as rows: the claim, entity and figure tables' columns and how an Article fills them.

One definition for every writer: the SQLite store and the Spark job's Parquet tables.
"""

from __future__ import annotations

from typing import Any

from selon.model import Claim, Entity, Figure

#: How the lists of a row's cell are joined (organisations, certainty cues, channels).
JOIN = "; "

#: The columns of a claim row, in the order of :func:`claim_row` (the claims table, and the Spark job's).
CLAIM_COLUMNS = (
    "doc_id claim_id seq content_start content_end content_text source_name source_kind source_text source_start "
    "source_end source_role source_org source_orgs source_inherited cue_text cue_start cue_end certainty "
    "certainty_cues channel quote sentence_start sentence_end"
).split()
#: The columns of a figure row, in the order of :func:`figure_row`.
FIGURE_COLUMNS = (
    "doc_id claim_id seq start end text value value_max unit unit_mention per approximate bound kind time"
).split()
#: The columns of an entity row, in the order of :func:`entity_row`.
ENTITY_COLUMNS = "doc_id seq start end text kind name entity_id".split()


def entity_row(doc_id: str, seq: int, e: Entity) -> tuple[Any, ...]:
    return (doc_id, seq, e.start, e.end, e.text, e.kind, e.name, e.entity_id)


def claim_row(doc_id: str, seq: int, c: Claim) -> tuple[Any, ...]:
    """One claim as the claims table stores it: its source, cue and certainty flattened into columns."""
    s = c.source
    return (
        doc_id,
        c.id,
        seq,
        c.content.start,
        c.content.end,
        c.content.text,
        s.name if s else None,
        s.kind if s else None,
        s.text if s else None,
        s.start if s else None,
        s.end if s else None,
        s.role if s else None,
        s.organization if s else None,
        JOIN.join(s.organizations) if s and s.organizations else None,
        int(bool(s and s.inherited)),
        c.cue.text if c.cue else None,
        c.cue.start if c.cue else None,
        c.cue.end if c.cue else None,
        c.certainty,
        JOIN.join(x.text for x in c.certainty_cues) or None,
        JOIN.join(ch.name for ch in c.channel) or None,
        int(c.quote),
        c.sentence.start if c.sentence else None,
        c.sentence.end if c.sentence else None,
    )


def figure_row(doc_id: str, claim_id: str | None, seq: int, f: Figure) -> tuple[Any, ...]:
    return (
        doc_id,
        claim_id,
        seq,
        f.start,
        f.end,
        f.text,
        f.value,
        f.value_max,
        f.unit,
        f.unit_mention,
        f.per,
        int(f.approximate),
        f.bound,
        f.kind,
        f.time,
    )
