"""Checking an analysed article against a reader's expectations file (``*.expected.json``).

An expectations file lists claims (matched by a snippet of their content), things that must not
be claims, and entities, each marked ``must`` or ``should``. Every field given is checked; fields
left out are not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selon.model import Article, Claim, Figure


@dataclass
class ItemResult:
    """One expectation and whether the article meets it."""

    id: str
    level: str
    passed: bool
    problems: list[str] = field(default_factory=list)


def _eq(a: str | None, b: str | None) -> bool:
    return (a or "").casefold().strip() == (b or "").casefold().strip()


def _figure_problems(expected: dict[str, Any], figures: list[Figure]) -> list[str]:
    for fig in figures:
        if abs(fig.value - float(expected["value"])) > 1e-6 * max(1.0, abs(fig.value)):
            continue
        bad = []
        for key in ("unit", "per", "approximate", "kind", "time", "unit_mention"):
            if key in expected and not (
                _eq(str(getattr(fig, key)), str(expected[key]))
                if key != "approximate"
                else fig.approximate == expected[key]
            ):
                bad.append(f"{key}={getattr(fig, key)!r} (expected {expected[key]!r})")
        if not bad:
            return []
        best = bad
        return [f"figure {expected['value']}: " + ", ".join(best)]
    return [f"figure {expected['value']} not found"]


def claim_problems(exp: dict[str, Any], claim: Claim) -> list[str]:
    """Every way ``claim`` falls short of the expected claim ``exp``."""
    problems: list[str] = []
    src = claim.source
    if "source" in exp:
        if exp["source"] is None:
            if src is not None and src.name is not None and src.kind not in ("unnamed", "assessment"):
                problems.append(f"source should be unnamed, got {src.name!r}")
        elif src is None or not _eq(src.name, exp["source"]):
            problems.append(f"source {src.name if src else None!r} (expected {exp['source']!r})")
    if "source_mention" in exp and (src is None or not _eq(src.text, exp["source_mention"])):
        problems.append(f"source mention {src.text if src else None!r} (expected {exp['source_mention']!r})")
    if "source_mention_snippet" in exp:
        snippet = exp["source_mention_snippet"].casefold()
        if src is None or not (snippet in src.text.casefold() or src.text.casefold() in snippet):
            problems.append(
                f"source mention {src.text if src else None!r} (expected ~{exp['source_mention_snippet']!r})"
            )
    if "source_role_snippet" in exp and (src is None or exp["source_role_snippet"] not in (src.role or "")):
        problems.append(f"role {src.role if src else None!r} (expected ~{exp['source_role_snippet']!r})")
    if "source_org" in exp and (
        src is None
        or not (_eq(src.organization, exp["source_org"]) or any(_eq(o, exp["source_org"]) for o in src.organizations))
    ):
        problems.append(f"organization {src.organization if src else None!r} (expected {exp['source_org']!r})")
    if "source_orgs" in exp:
        have = {o.casefold() for o in (src.organizations if src else [])}
        missing = [o for o in exp["source_orgs"] if o.casefold() not in have]
        if missing:
            problems.append(f"organizations {sorted(have)} miss {missing}")
    if "source_inherited" in exp and (src is None or src.inherited != exp["source_inherited"]):
        problems.append(f"inherited {src.inherited if src else None} (expected {exp['source_inherited']})")
    if "cue" in exp and (claim.cue is None or not _eq(claim.cue.text, exp["cue"])):
        problems.append(f"cue {claim.cue.text if claim.cue else None!r} (expected {exp['cue']!r})")
    if "certainty" in exp and claim.certainty != exp["certainty"]:
        problems.append(f"certainty {claim.certainty} (expected {exp['certainty']})")
    if "channel" in exp:
        names = [c.name.casefold() for c in claim.channel]
        missing = [c for c in exp["channel"] if not any(c.casefold() in n for n in names)]
        if missing:
            problems.append(f"channels {names} miss {missing}")
    if "evidence" in exp:
        texts = [e.text.casefold() for e in claim.evidence]
        missing = [e for e in exp["evidence"] if not any(e.casefold() in t for t in texts)]
        if missing:
            problems.append(f"evidence {texts} miss {missing}")
    for fig in exp.get("quantities", []):
        problems.extend(_figure_problems(fig, claim.quantities))
    return problems


def check_article(article: Article, expected: dict[str, Any]) -> list[ItemResult]:
    """Results for every claim, not-claim and entity of the expectations file."""
    results: list[ItemResult] = []
    for exp in expected.get("claims", []):
        candidates = [c for c in article.claims if exp["content_snippet"] in c.content.text]
        if not candidates:
            results.append(ItemResult(exp["id"], exp["level"], False, ["no claim contains the snippet"]))
            continue
        best = min((claim_problems(exp, c) for c in candidates), key=len)
        results.append(ItemResult(exp["id"], exp["level"], not best, best))
    for i, exp in enumerate(expected.get("not_claims", []), 1):
        snippet = exp["snippet"]
        bad = [c.id for c in article.claims if snippet in c.content.text or (c.source and snippet in c.source.text)]
        results.append(ItemResult(f"N{i}", exp["level"], not bad, [f"found in {bad}"] if bad else []))
    for i, exp in enumerate(expected.get("entities", []), 1):
        results.append(_entity_result(f"E{i}", exp, article))
    return results


def _entity_result(item_id: str, exp: dict[str, Any], article: Article) -> ItemResult:
    mentions = [e for e in article.entities if e.text == exp["text"] or e.name == exp["text"]]
    if not mentions:
        return ItemResult(item_id, exp["level"], False, [f"entity {exp['text']!r} not found"])
    problems = []
    if "kind" in exp and not any(m.kind == exp["kind"] for m in mentions):
        problems.append(f"{exp['text']!r} is {mentions[0].kind} (expected {exp['kind']})")
    ids = {m.entity_id for m in mentions}
    names = {m.name for m in mentions}
    group = [e for e in article.entities if e.entity_id in ids]
    for alias in exp.get("aliases_in_text", []):
        a = alias.casefold()
        in_group = any(a in m.text.casefold() or m.text.casefold() in a for m in group if len(m.text) > 2)
        as_source = any(c.source and c.source.text.casefold() == a and c.source.name in names for c in article.claims)
        if not (in_group or as_source):
            problems.append(f"alias {alias!r} not tied to {exp['text']!r}")
    return ItemResult(item_id, exp["level"], not problems, problems)


def load_expected(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def summarize(results: list[ItemResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for level in ("must", "should"):
        items = [r for r in results if r.level == level]
        out[level] = {"passed": sum(r.passed for r in items), "total": len(items)}
    return out
