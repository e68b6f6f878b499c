"""PolNeAR gold attributions: loader, scorer and token labels.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in US political news
as brat standoff: ``T`` lines are spans (``Source``, ``Cue``, ``Content``, plus an
``Attribution`` trigger that repeats the cue), and ``E`` lines tie them into one attribution.
It is the English benchmark selon is measured against, so the loader keeps the annotation
exactly (offsets are Python string offsets into the ``.txt``) and the scorer states every
matching rule it applies.

Layout read: ``ROOT/metadata.tsv`` and ``ROOT/SPLIT/{text/NAME.txt, attributions/NAME_ANNOTATOR.ann}``.

Annotator rule: a few articles were annotated by several annotators (to measure agreement).
``load_split`` keeps one annotation per article: the first annotator of the article's
``annotators`` column in ``metadata.tsv`` that has an ``.ann`` file. Those columns are listed
in alphabetical order, so this is also the alphabetically first annotator id, which is the
rule used when ``metadata.tsv`` is missing or does not list the article.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from selon.errors import PolnearFormatError
from selon.eval.spans import Offsets, TokenIndex, extent, prf, trim

Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")

#: Published exact-span F1 on the PolNeAR *test* split, for orientation only: selon is scored
#: on dev here, so the numbers are neighbours, not a head-to-head comparison.
ANCHORS: dict[str, dict[str, float]] = {
    "CofeNet+BERT (Wang et al. 2022)": {"source": 83.2, "cue": 75.3, "content": 72.9},
    "CoreNLP quote attribution": {"source": 13.9, "content": 17.5},
}

SPAN_RULE = (
    "exact: spans equal after trimming whitespace/quotes/punctuation/brackets/dashes from both ends; "
    "a discontinuous gold span counts as its full extent (first start to last end); distinct spans per "
    "article and role, so a source shared by two attributions counts once. token: word overlap of the "
    "union of spans per article and role (gold fragments, not extents), summed over the corpus. "
    "attribution: one-to-one greedy by content-word overlap, a pair counts when the overlap covers at "
    "least half of the gold content's words; attribution+source also needs the sources to agree "
    "(both absent, or overlap covering at least half of the gold source's words)."
)


#: The annotation scored for an article that several annotators annotated (see ``choose_annotator``).
ANNOTATOR_RULE = (
    "one annotation per article: the first annotator listed in metadata.tsv (alphabetical order) "
    "that has an .ann file; other annotators' files are not scored"
)


class GoldSpan(NamedTuple):
    """One contiguous fragment of a gold span; a plain ``(start, end)`` tuple as well."""

    start: int
    end: int


@dataclass
class GoldAttribution:
    """One annotated attribution: each role is a list of fragments, empty when absent.

    Fragments are sorted by start. Content is discontinuous when a quote is interrupted
    ("“A,” she said. “B.”") or reordered by the annotator; ``Content2`` parts are merged in.
    """

    source: list[GoldSpan]
    cue: list[GoldSpan]
    content: list[GoldSpan]
    id: str = ""
    certainty: str | None = None  # an ``A`` record "Certainty E1 hedged" where the gold has one

    def role(self, role: Role) -> list[GoldSpan]:
        return getattr(self, role)

    def extent(self, role: Role) -> GoldSpan | None:
        """First start to last end of a role, or None when the role is absent."""
        span = extent(self.role(role))
        return GoldSpan(*span) if span else None


@dataclass
class GoldArticle:
    """An article's text with the attributions of the one annotator kept for it."""

    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution]
    publisher: str | None = None
    annotators: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PredictedAttribution:
    """A system's attribution, as character offsets into the same text as the gold."""

    source: Offsets | None = None
    cue: Offsets | None = None
    content: Offsets | None = None
    certainty: str | None = None


class AnnSpan(NamedTuple):
    """A raw ``T`` line: id, label, fragments in file order and the quoted text."""

    id: str
    label: str
    fragments: list[GoldSpan]
    text: str


class AnnEvent(NamedTuple):
    """A raw ``E`` line: id and ``(role, T id)`` arguments in file order."""

    id: str
    arguments: list[tuple[str, str]]


# brat record ids: T (span), E (event), A/M (attribute), R (relation), N (normalisation),
# #n (note), * (equivalence). Any other line continues the previous record: a span's text
# keeps the article's own newlines.
_RECORD = re.compile(r"^(?:[TEAMRN]\d+|#\d*|\*)\t")
_ROLE_OF = {"Source": "source", "Cue": "cue", "Content": "content"}


def parse_ann(ann: str) -> tuple[dict[str, AnnSpan], list[AnnEvent]]:
    """Read the ``T`` and ``E`` records of a brat standoff file; other records are skipped."""
    records: list[str] = []
    for line in ann.split("\n"):
        if _RECORD.match(line):
            records.append(line)
        elif records:
            records[-1] += "\n" + line
        elif line.strip():
            raise PolnearFormatError(f"unexpected first line in annotation file: {line[:60]!r}")
    spans: dict[str, AnnSpan] = {}
    events: list[AnnEvent] = []
    for record in records:
        record = record.rstrip("\n")
        if record.startswith("T"):
            rid, middle, *rest = record.split("\t")
            label, _, offsets = middle.partition(" ")
            try:
                fragments = [GoldSpan(*map(int, part.split())) for part in offsets.split(";")]
            except (TypeError, ValueError) as exc:
                raise PolnearFormatError(f"bad offsets in span {rid}: {offsets!r}") from exc
            spans[rid] = AnnSpan(rid, label, fragments, "\t".join(rest))
        elif record.startswith("E"):
            rid, _, body = record.partition("\t")
            arguments = [tuple(arg.split(":", 1)) for arg in body.split()]
            if any(len(arg) != 2 for arg in arguments):
                raise PolnearFormatError(f"bad event {rid}: {body!r}")
            events.append(AnnEvent(rid, arguments))  # type: ignore[arg-type]
    return spans, events


def attributions_from_ann(ann: str, text: str | None = None) -> list[GoldAttribution]:
    """Turn a standoff file into attributions; with ``text``, check every span slices to its quote.

    The role comes from the event argument (``Content2`` is more content), not the span label.
    Events with neither source, cue nor content (bare triggers) are dropped.
    """
    spans, events = parse_ann(ann)
    certainty = certainties(ann)
    if text is not None:
        for span in spans.values():
            check_span(span, text)
    out: list[GoldAttribution] = []
    for event in events:
        roles: dict[str, list[GoldSpan]] = {"source": [], "cue": [], "content": []}
        for role, tid in event.arguments:
            key = _ROLE_OF.get(role.rstrip("0123456789"))
            if key is None:
                continue  # Attribution / Attribution-no-source trigger
            if tid not in spans:
                raise PolnearFormatError(f"event {event.id} refers to missing span {tid}")
            roles[key].extend(spans[tid].fragments)
        if any(roles.values()):
            out.append(
                GoldAttribution(
                    **{k: sorted(set(v)) for k, v in roles.items()}, id=event.id, certainty=certainty.get(event.id)
                )
            )
    return out


def certainties(ann: str) -> dict[str, str]:
    """Event id -> certainty, from the ``A`` records ``A1<TAB>Certainty E1 hedged`` (selon's own gold)."""
    out: dict[str, str] = {}
    for line in ann.split("\n"):
        if line.startswith("A") and "\t" in line:
            fields = line.split("\t")[1].split()
            if len(fields) == 3 and fields[0] == "Certainty":
                out[fields[1]] = fields[2]
    return out


def check_span(span: AnnSpan, text: str) -> None:
    """Raise unless the fragments, joined by one space as brat writes them, give the span's text."""
    for start, end in span.fragments:
        if not 0 <= start <= end <= len(text):
            raise PolnearFormatError(f"span {span.id} ({start}, {end}) is outside the text")
    if " ".join(text[s:e] for s, e in span.fragments) != span.text:
        raise PolnearFormatError(f"span {span.id} does not slice to its text {span.text[:40]!r}")


def read_text(path: Path) -> str:
    """Read a file without newline translation, so offsets stay those of the file."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` rows by filename; empty when the file is absent."""
    path = Path(root) / "metadata.tsv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def choose_annotator(name: str, available: Iterable[str], metadata: Mapping[str, Mapping[str, str]]) -> str:
    """The annotator kept for an article (see the module docstring for the rule)."""
    have = sorted(set(available))
    if not have:
        raise PolnearFormatError(f"no annotation file for article {name}")
    listed = metadata.get(name, {}).get("annotators", "")
    for annotator in listed.split("|"):
        if annotator in have:
            return annotator
    return have[0]


def load_split(root: Path, split: str) -> list[GoldArticle]:
    """Every article of ``ROOT/SPLIT`` that has a text and an annotation, sorted by name."""
    base = Path(root) / split
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        raise PolnearFormatError(
            f"{base} has no text/ and attributions/ directories; pass --data to the folder holding {split}/"
        )
    metadata = read_metadata(Path(root))
    by_article: dict[str, list[str]] = defaultdict(list)
    for ann in (base / "attributions").glob("*.ann"):
        name, sep, annotator = ann.stem.rpartition("_")
        if sep:
            by_article[name].append(annotator)
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        name = text_path.stem
        if name not in by_article:
            continue
        annotator = choose_annotator(name, by_article[name], metadata)
        text = read_text(text_path)
        ann_path = base / "attributions" / f"{name}_{annotator}.ann"
        try:
            attributions = attributions_from_ann(read_text(ann_path), text)
        except PolnearFormatError as exc:
            raise PolnearFormatError(
                f"{ann_path}: {exc}; restore the file from the PolNeAR release or pass --data to an intact copy"
            ) from exc
        row = metadata.get(name, {})
        articles.append(
            GoldArticle(
                name=name,
                text=text,
                annotator=annotator,
                attributions=attributions,
                publisher=row.get("publisher") or name.split("_", 1)[0],
                annotators=sorted(by_article[name]),
            )
        )
    return articles


# -- scoring ---------------------------------------------------------------------------------


def _trimmed(text: str, span: Offsets | None) -> Offsets | None:
    if span is None:
        return None
    start, end = trim(text, *span)
    return (start, end) if end > start else None


def _check_prediction(name: str, text: str, pred: PredictedAttribution) -> None:
    for role in ROLES:
        span = getattr(pred, role)
        if span is not None and not 0 <= span[0] <= span[1] <= len(text):
            raise ValueError(f"{name}: predicted {role} {span} is outside a text of {len(text)} characters")


def _greedy_pairs(overlaps: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """One-to-one pairs, largest overlap first (ties: earlier gold, then earlier prediction)."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for (g, p), _ in sorted(overlaps.items(), key=lambda item: (-item[1], item[0])):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def _half_covered(gold: set[int], pred: set[int]) -> bool:
    return bool(gold) and 2 * len(gold & pred) >= len(gold)


def pair_attributions(
    index: TokenIndex, gold: list[GoldAttribution], preds: list[PredictedAttribution]
) -> list[tuple[int, int]]:
    """(gold, predicted) index pairs of one article, matched one to one by content words (``SPAN_RULE``)."""
    gold_content = [index.token_set(a.content) for a in gold]
    pred_content = [index.token_set([p.content]) for p in preds]
    overlaps = {
        (g, p): len(gc & pc)
        for g, gc in enumerate(gold_content)
        for p, pc in enumerate(pred_content)
        if _half_covered(gc, pc)
    }
    return _greedy_pairs(overlaps)


def score(gold: list[GoldArticle], predicted: Mapping[str, list[PredictedAttribution]]) -> dict[str, Any]:
    """Score predictions against gold articles; articles missing from ``predicted`` count as empty.

    Returns a JSON-serialisable report: per-role exact-span and token-overlap P/R/F1, and
    attribution-level P/R/F1 (see ``SPAN_RULE`` for the exact matching rules).
    """
    known = {article.name for article in gold}
    unknown = sorted(set(predicted) - known)
    if unknown:
        raise ValueError(f"predictions for articles not in the gold set: {unknown[:5]}")
    exact = {role: [0, 0, 0] for role in ROLES}  # tp, gold, predicted
    token = {role: [0, 0, 0] for role in ROLES}
    attr = [0, 0, 0]
    attr_src = [0, 0, 0]
    for article in gold:
        text = article.text
        preds = list(predicted.get(article.name, []))
        for pred in preds:
            _check_prediction(article.name, text, pred)
        index = TokenIndex.of_text(text)
        for role in ROLES:
            gold_spans = {_trimmed(text, a.extent(role)) for a in article.attributions} - {None}
            pred_spans = {_trimmed(text, getattr(p, role)) for p in preds} - {None}
            counts = exact[role]
            counts[0] += len(gold_spans & pred_spans)
            counts[1] += len(gold_spans)
            counts[2] += len(pred_spans)
            gold_tokens = index.token_set(f for a in article.attributions for f in a.role(role))
            pred_tokens = index.token_set(getattr(p, role) for p in preds)
            counts = token[role]
            counts[0] += len(gold_tokens & pred_tokens)
            counts[1] += len(gold_tokens)
            counts[2] += len(pred_tokens)
        pairs = pair_attributions(index, article.attributions, preds)
        for counts in (attr, attr_src):
            counts[1] += len(article.attributions)
            counts[2] += len(preds)
        attr[0] += len(pairs)
        for g, p in pairs:
            gold_source = index.token_set(article.attributions[g].source)
            pred_source = index.token_set([preds[p].source])
            if (not gold_source and not pred_source) or _half_covered(gold_source, pred_source):
                attr_src[0] += 1
    return {
        "articles": len(gold),
        "gold_attributions": attr[1],
        "predicted_attributions": attr[2],
        "roles": {role: {"exact": prf(*exact[role]), "token": prf(*token[role])} for role in ROLES},
        "attribution": prf(*attr),
        "attribution+source": prf(*attr_src),
        "rules": SPAN_RULE,
    }


def format_table(report: Mapping[str, Any]) -> str:
    """A plain-text table of a ``score`` report beside the published test-split anchors."""
    names = list(ANCHORS)
    head = f"{'role':<20}{'exact P':>9}{'exact R':>9}{'exact F1':>9}{'token F1':>9}"
    head += "".join(f"{n.split(' ')[0]:>14}" for n in names)
    lines = [
        f"PolNeAR: {report['articles']} articles, {report['gold_attributions']} gold and "
        f"{report['predicted_attributions']} predicted attributions",
        head,
        "-" * len(head),
    ]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.1f}"

    for role in ROLES:
        ex, tok = report["roles"][role]["exact"], report["roles"][role]["token"]
        row = f"{role:<20}{pct(ex['precision']):>9}{pct(ex['recall']):>9}{pct(ex['f1']):>9}{pct(tok['f1']):>9}"
        row += "".join(f"{ANCHORS[n].get(role, '-'):>14}" for n in names)
        lines.append(row)
    for key in ("attribution", "attribution+source"):
        m = report[key]
        lines.append(
            f"{key:<20}{pct(m['precision']):>9}{pct(m['recall']):>9}{pct(m['f1']):>9}{'':>9}"
            + "".join(f"{'-':>14}" for _ in names)
        )
    lines.append("anchors: exact-span F1 on the test split (" + "; ".join(names) + ")")
    if "split" in report:
        lines.append(f"split: {report['split']}; scored annotation: {report.get('annotator_rule', ANNOTATOR_RULE)}")
    if report.get("english_attributions"):
        lines.append(
            f"English attributions: {report['english_attributions']}"
            + (f"; {report['tokens_per_second']} tokens/s end to end" if report.get("tokens_per_second") else "")
        )
    return "\n".join(lines)


# -- token labels ----------------------------------------------------------------------------

BIO_LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")


def iter_bio(article: GoldArticle, tokens: list[tuple[int, int]]) -> list[str]:
    """BIO labels of the gold roles for the given token offsets (sorted, non-overlapping).

    A token takes the role of the fragment it shares most characters with. Each fragment of
    a discontinuous span starts with ``B-``, so the sequence is valid BIO; joining fragments
    back into one attribution is the linker's job, not the tagger's.
    """
    index = TokenIndex(tokens)
    best: dict[int, tuple[int, tuple[int, str, int]]] = {}
    for a_idx, attribution in enumerate(article.attributions):
        for role in ROLES:
            for f_idx, (start, end) in enumerate(attribution.role(role)):
                key: tuple[int, str, int] = (a_idx, role, f_idx)
                for t in index.covering(start, end):
                    t_start, t_end = tokens[t]
                    overlap = min(end, t_end) - max(start, t_start)
                    if t not in best or overlap > best[t][0]:
                        best[t] = (overlap, key)
    labels = []
    previous: tuple[int, str, int] | None = None
    for t in range(len(tokens)):
        if t not in best:
            labels.append("O")
            previous = None
            continue
        key = best[t][1]
        labels.append(("I-" if key == previous else "B-") + key[1].upper())
        previous = key
    return labels
