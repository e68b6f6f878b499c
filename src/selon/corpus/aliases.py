"""The alias file: names that no in-text evidence can join (translations, other scripts).

A packaged default covers a few entities of the founding example and the usual wire
services; users extend it with their own files (same format), passed explicitly or through
the ``SELON_ALIASES`` environment variable (paths separated by ``os.pathsep``). Nothing is
fetched from anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from selon.corpus.names import entity_key, fold, is_acronym, org_key, person_key
from selon.errors import ConfigError

KINDS = ("person", "organization", "place", "relay")


@dataclass(frozen=True)
class AliasEntry:
    """One canonical entity and the surface forms that name it."""

    canonical: str
    kind: str
    aliases: tuple[str, ...]
    origin: str

    @property
    def id(self) -> str:
        return "alias:" + fold(self.canonical)


@dataclass
class AliasTable:
    """Key -> alias entry lookup, built from one or more alias files."""

    entries: list[AliasEntry] = field(default_factory=list)
    by_key: dict[str, AliasEntry] = field(default_factory=dict)

    def add(self, entry: AliasEntry) -> None:
        self.entries.append(entry)
        for alias in (entry.canonical, *entry.aliases):
            for key in alias_keys(alias, entry.kind):
                self.by_key[key] = entry  # later files win: a user's file overrides the default

    def lookup(self, key: str) -> AliasEntry | None:
        return self.by_key.get(key)

    def entity(self, name: str, kind: str) -> str:
        """The key of an entity mention, replaced by its alias entry id when listed."""
        key = entity_key(name, kind)
        entry = self.by_key.get(key) or self.by_key.get(org_key(name))
        return entry.id if entry else key


def alias_keys(alias: str, kind: str) -> list[str]:
    """Every key under which a surface form may show up (as a person, organisation or acronym)."""
    keys = [org_key(alias)]
    if kind == "person":
        keys.insert(0, person_key(alias))
    elif not is_acronym(alias):
        keys.append("p:|" + "".join(fold(alias).split()))  # single-word names parsed as persons
    return [k for k in keys if k not in ("o:", "a:", "p:|")]


def parse_alias_file(text: str, origin: str) -> list[AliasEntry]:
    """Parse the TAB-separated format; a malformed line names its number and what to fix."""
    entries: list[AliasEntry] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3:
            raise ConfigError(
                f"{origin}:{number}: expected 3 TAB-separated columns (canonical, kind, aliases "
                f"separated by ' | '), found {len(parts)}"
            )
        canonical, kind, aliases = (p.strip() for p in parts)
        if kind not in KINDS:
            raise ConfigError(f"{origin}:{number}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        if not canonical:
            raise ConfigError(f"{origin}:{number}: the canonical name is empty")
        names = tuple(a.strip() for a in aliases.split("|") if a.strip())
        entries.append(AliasEntry(canonical, kind, names, f"{origin}:{number}"))
    return entries


def default_alias_text() -> str:
    return resources.files("selon.corpus").joinpath("data", "aliases.tsv").read_text(encoding="utf-8")


def load_aliases(paths: list[str | Path] | None = None, *, use_env: bool = True) -> AliasTable:
    """The packaged aliases, then ``SELON_ALIASES`` files, then ``paths`` (later entries win)."""
    table = AliasTable()
    for entry in parse_alias_file(default_alias_text(), "aliases.tsv (packaged)"):
        table.add(entry)
    extra: list[str | Path] = []
    if use_env and os.environ.get("SELON_ALIASES"):
        extra += [p for p in os.environ["SELON_ALIASES"].split(os.pathsep) if p]
    extra += list(paths or [])
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read alias file {p}: {exc.strerror or exc}; check the path") from exc
        for entry in parse_alias_file(text, str(p)):
            table.add(entry)
    return table
