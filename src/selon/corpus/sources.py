"""Canonical sources across documents and languages, each join with its evidence.

Every claim's source becomes a *key* (see :mod:`selon.corpus.names`): ``p:`` persons,
``o:`` organisations by content words, ``a:`` acronyms, ``r:`` roles. Keys are joined by
evidence, never silently:

* ``alias-file``  – the packaged or a user's alias file lists both names;
* ``acronym``     – "le renseignement militaire ukrainien (GUR)" in an article;
* ``containment`` – "le renseignement ukrainien" next to "le renseignement militaire ukrainien"
  in the same article, and the longer form is the only one that contains it;
* ``surname``     – "Boudanov" in an article that also names "Kirill Boudanov", or, across the
  corpus, a surname whose full-name mentions are dominated (≥ 75 %) by one person;
* ``fuzzy-name``  – transliterated surnames within rapidfuzz ratio 85 and compatible given names
  ("Kyrylo Budanov" / "Kirill Boudanov"), or organisation names within ratio 93;
* ``role``        – an unnamed source whose role ("chef du GUR") is held by exactly one named person;
* ``member``      – an unnamed source from an organisation ("un responsable du Pentagone") counts
  as that organisation, so that independence is never overstated.

Doc-scoped keys (``d:`` the outlet's own statement, ``u:`` an unnamed source with no
organisation) are not joined here: the corpus maps them to their syndication group.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from selon.corpus.aliases import AliasTable
from selon.corpus.names import (
    clean_name,
    fold,
    given_compatible,
    initials,
    is_acronym,
    org_key,
    org_words,
    person_key,
    skeleton,
    surname_similar,
    translit,
)
from selon.model import Article, Claim

PERSON_RATIO = 85.0  # rapidfuzz ratio between transliterated surnames
ORG_RATIO = 93.0  # rapidfuzz ratio between organisation keys (sorted content words)
SURNAME_DOMINANCE = 0.75  # share of a surname's full-name mentions one person needs to take the bare surname

# pronouns the per-article analysis may leave as a source name: nothing to resolve across articles
_PRONOUNS = frozenset(
    "i you he she we they it me him her us them one il elle ils elles on nous vous je lui eux".split()
)

_ROLE_STOP = frozenset("le la les l un une des du de d the a an of".split())


@dataclass(frozen=True)
class Link:
    """Evidence that two keys name the same source."""

    key_a: str
    key_b: str
    reason: str
    detail: str
    doc_id: str | None = None


@dataclass
class Mention:
    """The source of one claim, reduced to a key plus what is needed to explain it."""

    doc_id: str
    claim_id: str
    key: str
    kind: str
    label: str
    role: str | None = None


def _is_doc_scoped(key: str) -> bool:
    return key.startswith(("d:", "u:"))


def role_key(role: str) -> str:
    words = [w for w in fold(role).split() if w not in _ROLE_STOP]
    return "r:" + " ".join(words)


def claim_mention(doc_id: str, claim: Claim, aliases: AliasTable | None = None) -> Mention:
    """The key of a claim's source (doc-scoped when nothing names it).

    An unnamed origin relayed through named channels ("selon des informations relayées par
    Reuters et le GUR") is keyed by its first channel that is not a wire service: the claim
    then counts as that organisation's, once, however many articles relay it.
    """
    s = claim.source
    if s is None:
        return Mention(doc_id, claim.id, f"d:{doc_id}", "outlet", "(the outlet itself)")
    if s.name and fold(s.name) not in _PRONOUNS:
        if s.kind == "person":
            key = person_key(s.name)
            if key == "p:|":
                key = org_key(s.name)
            return Mention(doc_id, claim.id, key, "person", s.name, s.role)
        key = org_key(s.name)
        if key in ("o:", "a:"):
            key = f"u:{doc_id}:{fold(s.text)}"
        return Mention(doc_id, claim.id, key, "organization", s.name, s.role)
    org = s.organization or (s.organizations[0] if s.organizations else None)
    if org and org_key(org) not in ("o:", "a:"):
        return Mention(doc_id, claim.id, "n:" + org_key(org), "anonymous", f"unnamed ({org})", s.role)
    via = _first_origin_channel(claim, aliases)
    if via is not None:
        return Mention(doc_id, claim.id, "n:" + org_key(via), "anonymous", f"unnamed (via {via})", s.role)
    if s.role and len(role_key(s.role).split()) >= 3:
        return Mention(doc_id, claim.id, role_key(s.role), "anonymous", f"unnamed ({s.role})", s.role)
    return Mention(doc_id, claim.id, f"u:{doc_id}:{fold(s.text)}", "anonymous", s.text or "(unnamed)", s.role)


def _first_origin_channel(claim: Claim, aliases: AliasTable | None) -> str | None:
    names = [ch.name for ch in claim.channel if org_key(ch.name) not in ("o:", "a:")]
    if not names:
        return None
    for name in names:
        entry = aliases.lookup(org_key(name)) if aliases is not None else None
        if entry is None or entry.kind != "relay":
            return name
    return names[0]


def _doc_names(article: Article) -> dict[str, tuple[str, str]]:
    """Surface names of the article (sources, their organisations, entities) -> (key, kind)."""
    names: dict[str, tuple[str, str]] = {}
    for e in article.entities:
        if e.kind in ("organization", "person"):
            name, text = clean_name(e.name), clean_name(e.text)
            names.setdefault(name, (person_key(name) if e.kind == "person" else org_key(name), e.kind))
            if text != name:
                names.setdefault(text, (person_key(text) if e.kind == "person" else org_key(text), e.kind))
    for c in article.claims:
        s = c.source
        if s is None:
            continue
        if s.name:
            kind = "person" if s.kind == "person" else "organization"
            name = clean_name(s.name)
            names[name] = (person_key(name) if kind == "person" else org_key(name), kind)
        for org in filter(None, [s.organization, *s.organizations]):
            names.setdefault(clean_name(org), (org_key(org), "organization"))
    return {n: v for n, v in names.items() if v[0] not in ("o:", "a:", "p:|")}


_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")


def document_links(article: Article) -> list[Link]:
    """Joins that one article proves by itself: acronyms, containment, surnames."""
    links: list[Link] = []
    names = _doc_names(article)
    text = article.text
    # acronyms in parentheses after a name the article uses ("... militaire ukrainien (GUR)")
    for m in _PAREN.finditer(text):
        acr = m.group(1)
        if not is_acronym(acr):
            continue
        before = clean_name(text[max(0, m.start() - 160) : m.start()])
        best: str | None = None
        for name, (_key, kind) in names.items():
            if (
                kind == "organization"
                and not is_acronym(name)
                and before.lower().endswith(name.lower())
                and (best is None or len(name) > len(best))
            ):
                best = name
        if best is None:  # "Democratic National Committee (DNC)": initials of the preceding words
            tokens = re.findall(r"[\w'’-]+", before)[-8:]
            for i in range(len(tokens)):
                phrase = " ".join(tokens[i:])
                if len(org_words(phrase)) >= 2 and initials(phrase) == acr.replace(".", "").upper():
                    best = phrase
                    break
        if best is not None:
            links.append(
                Link(org_key(best), org_key(acr), "acronym", f"'{best} ({acr})' in article {article.id}", article.id)
            )
    # a shorter organisation name contained in exactly one longer one of the same article
    orgs = {key: name for name, (key, kind) in names.items() if kind == "organization" and key.startswith("o:")}
    for key, name in orgs.items():
        words = set(key[2:].split())
        if len(words) < 2:
            continue
        supers = [k for k in orgs if k != key and words < set(k[2:].split())]
        if len(supers) == 1:
            links.append(
                Link(
                    key,
                    supers[0],
                    "containment",
                    f"'{name}' is a shorter form of '{orgs[supers[0]]}' in article {article.id}",
                    article.id,
                )
            )
    # a bare surname next to the full name in the same article
    persons = {key: name for name, (key, kind) in names.items() if kind == "person"}
    for key, name in persons.items():
        if not key.startswith("p:|"):
            continue
        surname = key[3:]
        full = [k for k in persons if not k.startswith("p:|") and k.split("|", 1)[1] == surname]
        if len(set(full)) == 1:
            links.append(
                Link(key, full[0], "surname", f"'{name}' is '{persons[full[0]]}' in article {article.id}", article.id)
            )
    return links


@dataclass
class Resolution:
    """The outcome of resolving all keys: key -> canonical id, plus display data per canonical id."""

    source_of: dict[str, str] = field(default_factory=dict)
    name: dict[str, str] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)
    relay: dict[str, bool] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    key_kind: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def global_links(mentions: Iterable[Mention], aliases: AliasTable, outlets: Iterable[str] = ()) -> list[Link]:
    """Joins that need the whole corpus: alias file, fuzzy names, dominant surnames, roles, members."""
    mentions = list(mentions)
    counts = Counter(m.key for m in mentions)
    labels: dict[str, str] = {}
    for m in mentions:
        labels.setdefault(m.key, m.label)
    named = [k for k in counts if not _is_doc_scoped(k)]
    persons = [k for k in named if k.startswith("p:")]
    return (
        _alias_links(named, labels, aliases)
        + _person_org_links(named, counts, labels)
        + _person_links(persons, counts, labels)
        + _org_links(named, labels)
        + _role_links(named, mentions, labels)
    )


def _alias_links(named: list[str], labels: dict[str, str], aliases: AliasTable) -> list[Link]:
    """Keys the alias file lists; unnamed members counted as their organisation."""
    links: list[Link] = []
    for key in named:
        lookup = key[2:] if key.startswith("n:") else key
        entry = aliases.lookup(lookup)
        if entry is not None:
            links.append(
                Link(
                    lookup,
                    entry.id,
                    "alias-file",
                    f"'{labels[key]}' is listed as '{entry.canonical}' in {entry.origin}",
                )
            )
        if key.startswith("n:"):
            links.append(
                Link(key, lookup, "member", f"'{labels[key]}' is an unnamed member of the organisation; counted as it")
            )
    return links


def _person_org_links(named: list[str], counts: Counter[str], labels: dict[str, str]) -> list[Link]:
    """One-word names tagged an organisation here and a person elsewhere ("Trump")."""
    links: list[Link] = []
    for key in (k for k in named if k.startswith("o:") and " " not in k[2:]):
        person = "p:|" + translit(key[2:])
        if person in counts:
            links.append(
                Link(
                    key,
                    person,
                    "same-key",
                    f"'{labels[key]}' is tagged an organisation in some articles and a person in others",
                )
            )
    return links


def _person_links(persons: list[str], counts: Counter[str], labels: dict[str, str]) -> list[Link]:
    """Persons: fuzzy surnames with compatible given names, and bare surnames one person dominates."""
    by_skel: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        surname = k.split("|", 1)[1]
        by_skel[skeleton(surname)[:3]].append(k)
    links: list[Link] = []
    for group in by_skel.values():
        full = [k for k in group if not k.startswith("p:|")]
        links += _fuzzy_person_links(full, labels)
        for bare in (k for k in group if k.startswith("p:|")):
            link = _surname_link(bare, full, counts, labels)
            if link is not None:
                links.append(link)
    return links


def _fuzzy_person_links(full: list[str], labels: dict[str, str]) -> list[Link]:
    links: list[Link] = []
    for i, a in enumerate(full):
        ga, sa = a[2:].split("|", 1)
        for b in full[i + 1 :]:
            gb, sb = b[2:].split("|", 1)
            if given_compatible(ga, gb) and surname_similar(sa, sb, PERSON_RATIO):
                links.append(
                    Link(
                        a,
                        b,
                        "fuzzy-name",
                        f"'{labels[a]}' and '{labels[b]}': same given-name skeleton, surnames "
                        f"'{sa}'/'{sb}' ratio {fuzz.ratio(sa, sb):.0f} >= {PERSON_RATIO:.0f}",
                    )
                )
    return links


def _surname_link(bare: str, full: list[str], counts: Counter[str], labels: dict[str, str]) -> Link | None:
    """A bare surname joined to the full name holding most of its full-name mentions, if one dominates."""
    sb = bare[3:]
    cands = Counter({k: counts[k] for k in full if surname_similar(k.split("|", 1)[1], sb, PERSON_RATIO)})
    # full names of one person split over keys (Donald Trump / Donald J. Trump) count together
    by_given: Counter[str] = Counter()
    first: dict[str, str] = {}
    for k, n in cands.items():
        g = k[2:].split("|", 1)[0].split()[0] if k[2:].split("|", 1)[0] else ""
        by_given[g] += n
        first.setdefault(g, k)
    total = sum(by_given.values())
    if not total or by_given.most_common(1)[0][1] / total < SURNAME_DOMINANCE:
        return None
    g, n = by_given.most_common(1)[0]
    target = max((k for k in cands if (k[2:].split("|", 1)[0].split() or [""])[0] == g), key=lambda k: cands[k])
    return Link(
        bare,
        target,
        "surname",
        f"bare surname '{labels[bare]}': '{labels[target]}' holds {n} of {total} "
        f"full-name mentions with this surname (>= {SURNAME_DOMINANCE:.0%})",
    )


def _org_links(named: list[str], labels: dict[str, str]) -> list[Link]:
    """Organisations: near-identical names (typos, plural/singular)."""
    orgs = sorted(k for k in named if k.startswith("o:") and len(k) >= 12)
    if len(orgs) <= 1:
        return []
    matrix = process.cdist(orgs, orgs, scorer=fuzz.ratio, score_cutoff=ORG_RATIO, workers=1)
    return [
        Link(
            orgs[i],
            orgs[j],
            "fuzzy-name",
            f"'{labels[orgs[i]]}' and '{labels[orgs[j]]}': names ratio {matrix[i, j]:.0f} >= {ORG_RATIO:.0f}",
        )
        for i, j in zip(*matrix.nonzero())
        if i < j
    ]


def _role_links(named: list[str], mentions: list[Mention], labels: dict[str, str]) -> list[Link]:
    """Roles held by exactly one named person."""
    holders: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.key.startswith("p:") and m.role:
            holders[role_key(m.role)].add(m.key)
    links: list[Link] = []
    for key in (k for k in named if k.startswith("r:")):
        people = holders.get(key, set())
        if len(people) == 1:
            person = next(iter(people))
            links.append(
                Link(
                    key,
                    person,
                    "role",
                    f"the role '{labels[key][10:-1]}' is held by '{labels[person]}' and no other named person",
                )
            )
    return links


def resolve(mentions: list[Mention], links: list[Link], aliases: AliasTable, outlets: Iterable[str] = ()) -> Resolution:
    """Union the keys over the links; pick a display name, kind and relay flag per component."""
    uf = _UnionFind()
    res = Resolution(links=links)
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if _is_doc_scoped(m.key):
            continue
        uf.find(m.key)
        counts[m.key] += 1
        surface[m.key][m.label] += 1
        res.key_kind.setdefault(m.key, m.kind)
    for link in links:
        uf.union(link.key_a, link.key_b)
    members: dict[str, list[str]] = defaultdict(list)
    for key in list(uf.parent):
        members[uf.find(key)].append(key)
    entries = {e.id: e for e in aliases.entries}
    outlet_keys = {org_key(o) for o in outlets if o}
    for keys in members.values():
        real = [k for k in keys if k in counts]
        if not real:
            continue
        alias_ids = sorted(k for k in keys if k in entries)
        if alias_ids:
            cid = alias_ids[0]
            entry = entries[cid]
            name, kind, relay = (
                entry.canonical,
                ("organization" if entry.kind == "relay" else entry.kind),
                entry.kind == "relay",
            )
        else:
            kinds: Counter[str] = Counter()
            for k in real:
                kinds[res.key_kind[k]] += counts[k]
            kind = kinds.most_common(1)[0][0]
            labels: Counter[str] = Counter()
            for k in real:
                for label, n in surface[k].items():
                    # a person's display name wants a given name: prefer full-name forms
                    bonus = 1000 if (kind == "person" and not k.startswith("p:|")) else 0
                    labels[label] += n + bonus
            name = labels.most_common(1)[0][0]
            cid = min(real, key=lambda k: (-counts[k], k))  # the most cited key, ties by name
            relay = any(k in outlet_keys for k in real)
        res.name[cid] = name
        res.kind[cid] = kind
        res.relay[cid] = relay
        for k in keys:
            res.source_of[k] = cid
        for k in real:
            res.labels[k] = surface[k].most_common(1)[0][0]
    return res
