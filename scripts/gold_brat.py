"""Turn attribution annotations written as quoted strings into brat standoff, and back.

Annotators write what they read (the exact words of each source, cue and content) rather than
character offsets, which are easy to get wrong by hand. This script finds each span in the text,
checks it against the rules of ``docs/attribution-guidelines.md`` that can be checked mechanically,
and writes the ``.ann`` file the scorer reads (``selon eval attribution``).

Annotation file (JSON)::

    {"attributions": [
      {"source": "Kirill Boudanov", "cue": "a déclaré", "content": "que Moscou ...",
       "certainty": "reported", "after": "optional text just before the content"},
      {"source": {"text": "il", "after": "Dans une interview,"}, "cue": null, ...}
    ]}

A span is a string, ``{"text": ..., "after": ...}`` or null (no source, no cue). ``after`` names a
text that occurs once in the article: the span is its first occurrence after it. Otherwise the
content must occur once, and the source and cue are the occurrences (whole words) nearest to the
content, in the same paragraph where possible.

Usage::

    python scripts/gold_brat.py build ARTICLE.txt ARTICLE.json [-o ARTICLE.ann]
    python scripts/gold_brat.py check FOLDER          # every NAME.txt + NAME.json in FOLDER
    python scripts/gold_brat.py show ARTICLE.txt ARTICLE.ann
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CERTAINTIES = ("reported", "hedged", "confirmed", "denied")
_CLOSING = ".;!?"  # a content never ends with the sentence's closing punctuation


class AnnotationError(ValueError):
    """An annotation that cannot be placed in its text, with what to change."""


@dataclass
class Placed:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    certainty: str


def _spec(value: object) -> tuple[str, str | None] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        after = value.get("after")
        return value["text"], after if isinstance(after, str) else None
    raise AnnotationError(f"a span must be a string, {{'text', 'after'}} or null, not {value!r}")


def _after_position(text: str, after: str) -> int:
    found = [m.start() for m in re.finditer(re.escape(after), text)]
    if len(found) != 1:
        raise AnnotationError(f"'after' text {after!r} occurs {len(found)} times; give one that occurs once")
    return found[0] + len(after)


def _occurrences(text: str, needle: str, words: bool) -> list[int]:
    if not needle or needle != needle.strip():
        raise AnnotationError(f"span {needle!r} is empty or has surrounding spaces")
    pattern = re.escape(needle)
    if words:  # whole words; "J’" or "qu’" glued to the next word ends at its apostrophe
        pattern = r"(?<!\w)" + pattern + ("" if needle.endswith(("’", "'")) else r"(?!\w)")
    return [m.start() for m in re.finditer(pattern, text)]


def _place_content(text: str, needle: str, after: str | None) -> tuple[int, int]:
    found = _occurrences(text, needle, words=False)
    if after is not None:
        start = _after_position(text, after)
        found = [p for p in found if p >= start]
        if not found:
            raise AnnotationError(f"content {needle[:60]!r} not found after {after!r}")
        found = found[:1]
    if len(found) != 1:
        raise AnnotationError(
            f"content {needle[:60]!r} occurs {len(found)} times; copy it exactly"
            + (" or add 'after'" if found else " from the text (same apostrophes and quotation marks)")
        )
    return found[0], found[0] + len(needle)


def _distance(span: tuple[int, int], other: tuple[int, int]) -> int:
    if span[1] <= other[0]:
        return other[0] - span[1]
    if other[1] <= span[0]:
        return span[0] - other[1]
    return -1  # overlapping


def _place_near(text: str, role: str, spec: tuple[str, str | None], content: tuple[int, int]) -> tuple[int, int]:
    needle, after = spec
    found = _occurrences(text, needle, words=True)
    if after is not None:
        start = _after_position(text, after)
        found = [p for p in found if p >= start][:1]
    spans = [(p, p + len(needle)) for p in found]
    # a span inside its content is allowed (passives, "a-t-il déclaré"), but one outside is preferred
    spans = [s for s in spans if _distance(s, content) >= 0] or [s for s in spans if s != content]
    if not spans:
        raise AnnotationError(f"{role} {needle!r} not found; copy it exactly or fix 'after'")
    if after is not None:
        return spans[0]

    def key(span: tuple[int, int]) -> tuple[int, int, int]:
        lo, hi = min(span[0], content[0]), max(span[1], content[1])
        other_paragraph = int("\n" in text[lo:hi])
        return other_paragraph, abs(_distance(span, content)), span[0]

    return min(spans, key=key)


def place(text: str, item: dict[str, object]) -> Placed:
    """One annotation as offsets, or an :class:`AnnotationError` saying what to fix."""
    content_spec = _spec(item.get("content"))
    if content_spec is None:
        raise AnnotationError("every attribution has a content")
    after = item.get("after")
    content = _place_content(text, content_spec[0], content_spec[1] or (after if isinstance(after, str) else None))
    if text[content[1] - 1] in _CLOSING and not text[: content[1]].endswith(("...", "etc.")):
        raise AnnotationError(f"content {content_spec[0][-40:]!r} ends with closing punctuation; leave it out")
    roles: dict[str, tuple[int, int] | None] = {}
    for role in ("source", "cue"):
        spec = _spec(item.get(role))
        roles[role] = None if spec is None else _place_near(text, role, spec, content)
    certainty = item.get("certainty", "reported")
    if certainty not in CERTAINTIES:
        raise AnnotationError(f"certainty {certainty!r} is not one of {', '.join(CERTAINTIES)}")
    return Placed(roles["source"], roles["cue"], content, str(certainty))


def to_brat(text: str, placed: list[Placed]) -> str:
    lines: list[str] = []
    t = 0
    for n, item in enumerate(placed, 1):
        args: list[str] = []
        for role, span in (("Source", item.source), ("Cue", item.cue), ("Content", item.content)):
            if span is None:
                continue
            t += 1
            lines.append(f"T{t}\t{role} {span[0]} {span[1]}\t{text[span[0] : span[1]]}".replace("\n", " "))
            args.append(f"{role}:T{t}")
        trigger = item.cue or item.content
        t += 1
        lines.append(f"T{t}\tAttribution {trigger[0]} {trigger[1]}\t{text[trigger[0] : trigger[1]]}".replace("\n", " "))
        lines.append(f"E{n}\tAttribution:T{t} " + " ".join(args))
        lines.append(f"A{n}\tCertainty E{n} {item.certainty}")
    return "\n".join(lines) + "\n"


def build(text_path: Path, json_path: Path) -> tuple[str, list[str]]:
    text = text_path.read_text(encoding="utf-8")
    items = json.loads(json_path.read_text(encoding="utf-8")).get("attributions", [])
    placed: list[Placed] = []
    problems: list[str] = []
    for n, item in enumerate(items, 1):
        try:
            placed.append(place(text, item))
        except AnnotationError as error:
            problems.append(f"{json_path.name} #{n}: {error}")
    return to_brat(text, placed), problems


def show(text_path: Path, ann_path: Path) -> str:
    text = text_path.read_text(encoding="utf-8")
    spans: dict[str, tuple[str, int, int]] = {}
    out: list[str] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T"):
            role, start, end = fields[1].split()[:3]
            spans[fields[0]] = (role, int(start), int(end))
        elif line.startswith("E"):
            parts = dict(arg.split(":") for arg in fields[1].split()[1:])
            shown = {role: text[spans[t][1] : spans[t][2]] for role, t in parts.items()}
            out.append(f"{fields[0]}: [{shown.get('Source')}] [{shown.get('Cue')}] {shown.get('Content', '')[:90]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("text", type=Path)
    b.add_argument("json", type=Path)
    b.add_argument("-o", "--output", type=Path)
    c = sub.add_parser("check")
    c.add_argument("folder", type=Path)
    s = sub.add_parser("show")
    s.add_argument("text", type=Path)
    s.add_argument("ann", type=Path)
    args = parser.parse_args(argv)
    if args.command == "show":
        print(show(args.text, args.ann))
        return 0
    pairs = (
        [(args.text, args.json, args.output)]
        if args.command == "build"
        else [(p.with_suffix(".txt"), p, p.with_suffix(".ann")) for p in sorted(args.folder.glob("*.json"))]
    )
    failed = 0
    for text_path, json_path, out in pairs:
        ann, problems = build(text_path, json_path)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed += len(problems)
        if out is not None:
            out.write_text(ann, encoding="utf-8")
        elif args.command == "build":
            sys.stdout.write(ann)
        placed = sum(1 for line in ann.splitlines() if line.startswith("E"))
        print(f"{json_path.name}: {placed} attributions placed, {len(problems)} problems", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
