"""Terminal rendering of articles and claims (tables, the marked-up article)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from selon.model import Article, Claim

CERTAINTY_STYLE = {
    "asserted": "white",
    "reported": "cyan",
    "hedged": "yellow",
    "confirmed": "green",
    "denied": "red",
}


def source_label(claim: Claim) -> str:
    src = claim.source
    if src is None:
        return "(outlet)"
    name = src.name or f"unnamed: {src.text}"
    if src.inherited:
        name += " (inherited)"
    if src.text and src.name and src.text != src.name and not src.inherited:
        name += f" [{src.text}]"
    return name


def claims_table(article: Article) -> Table:
    table = Table(title=f"{article.id} ({article.language}) — {len(article.claims)} claims", show_lines=False)
    for col in ("id", "certainty", "source", "cue", "channel", "content", "figures"):
        table.add_column(col, overflow="fold")
    for c in article.claims:
        table.add_row(
            c.id,
            Text(c.certainty, style=CERTAINTY_STYLE[c.certainty]),
            source_label(c),
            c.cue.text if c.cue else "",
            ", ".join(ch.name for ch in c.channel),
            c.content.text if len(c.content.text) < 140 else c.content.text[:137] + "...",
            "; ".join(_figure(f) for f in c.quantities),
        )
    return table


def _figure(f) -> str:
    value = f"{f.value:,.0f}" if float(f.value).is_integer() else f"{f.value:,}"
    parts = [("~" if f.approximate else "") + value, f.unit or ""]
    if f.per:
        parts.append(f"/{f.per}")
    if f.kind != "actual":
        parts.append(f"({f.kind})")
    return " ".join(p for p in parts if p)


def rows_table(rows: list[dict]) -> Table:
    table = Table(show_lines=False)
    for col in ("document", "claim", "certainty", "source", "cue", "channel", "content"):
        table.add_column(col, overflow="fold")
    for r in rows:
        src = r.get("source_name") or (f"unnamed: {r['source_text']}" if r.get("source_text") else "(outlet)")
        if r.get("source_inherited"):
            src += " (inherited)"
        content = r.get("content_text") or ""
        table.add_row(
            str(r.get("doc_id")),
            str(r.get("claim_id")),
            Text(str(r.get("certainty")), style=CERTAINTY_STYLE.get(str(r.get("certainty")), "")),
            src,
            r.get("cue_text") or "",
            r.get("channel") or "",
            content if len(content) < 140 else content[:137] + "...",
        )
    return table


def marked_article(article: Article) -> Text:
    """The article text with each claim coloured by certainty and followed by its source."""
    text = Text()
    pos = 0
    excluded = sorted([(s.start, s.end) for s in article.headings + article.boilerplate])
    claims = sorted(article.claims, key=lambda c: c.content.start)
    for claim in claims:
        start, end = claim.content.start, claim.content.end
        if start < pos:
            continue
        _plain(text, article.text[pos:start], pos, excluded)
        text.append(article.text[start:end], style=CERTAINTY_STYLE[claim.certainty])
        label = f" [{claim.id} {claim.certainty} · {source_label(claim)}"
        if claim.channel:
            label += " via " + ", ".join(ch.name for ch in claim.channel)
        if claim.evidence:
            label += " · evidence: " + ", ".join(e.text for e in claim.evidence)
        text.append(label + "]", style="dim " + CERTAINTY_STYLE[claim.certainty])
        pos = end
    _plain(text, article.text[pos:], pos, excluded)
    return text


def _plain(text: Text, chunk: str, offset: int, excluded: list[tuple[int, int]]) -> None:
    i = 0
    for s, e in excluded:
        s, e = s - offset, e - offset
        if e <= i or s >= len(chunk):
            continue
        s, e = max(s, i), min(e, len(chunk))
        text.append(chunk[i:s])
        text.append(chunk[s:e], style="strike dim")
        i = e
    text.append(chunk[i:])


def legend(console: Console) -> None:
    console.print(
        Text("  ").join(Text(k, style=v) for k, v in CERTAINTY_STYLE.items()),
        Text("  headings/furniture", style="strike dim"),
    )
