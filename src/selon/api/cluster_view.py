"""What a cluster's page and its API answer add to the corpus view: the verdict, who relays whom, copies folded."""

from __future__ import annotations

from typing import Any


def verdict(cluster: dict[str, Any]) -> str:
    """The one line a reader needs: how many independent sources, relayed by how many outlets."""
    n = cluster["independent_sources"]
    names = ", ".join(s["name"] for s in cluster["sources"][:4])
    outlets, languages = len(cluster["outlets"]), len(cluster["languages"])
    return (
        f"rests on {n} independent source{'s' if n != 1 else ''}"
        + (f": {names}" if names else "")
        + f"; relayed by {outlets} outlet{'s' if outlets != 1 else ''} in {languages} "
        + f"language{'s' if languages != 1 else ''}"
    )


def fold_copies(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per syndication group (its first article), with the copies folded under it."""
    groups: dict[str, dict[str, Any]] = {}
    for m in members:
        group = groups.get(m["syndication_group"])
        if group is None:
            groups[m["syndication_group"]] = {**m, "copies": []}
        elif m["document"] != group["document"]:
            group["copies"].append(m)
    return list(groups.values())


def relays(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Which outlets relay which source: source -> the outlets carrying its claim."""
    by_source: dict[str, set[str]] = {}
    for m in members:
        by_source.setdefault(m["source"], set()).add(m["outlet"] or "(outlet unknown)")
    return [{"source": s, "outlets": sorted(o)} for s, o in sorted(by_source.items(), key=lambda kv: -len(kv[1]))]
