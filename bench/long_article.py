"""Time and peak memory of one long article through ``selon.analyze``, in a fresh process.

What it answers: can a process analyse an article of N characters within the memory target
(1.2 GB), and how long does it take. The article is PolNeAR dev (or the bundled fixtures)
repeated, paragraph after paragraph, until it has ``--chars`` characters. The child's peak
resident memory is its ``VmHWM`` plus that of the analysis workers it started (``ru_maxrss`` of
its children), the figure a user's machine has to hold.

    .venv/bin/python bench/long_article.py [--chars 1000000] [--lang en]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def long_text(chars: int) -> str:
    """PolNeAR dev articles joined by blank lines and repeated up to ``chars`` characters."""
    folder = SHARED / "polnear" / "dev" / "text"
    if not folder.is_dir():
        folder = ROOT / "tests" / "fixtures" / "polnear" / "dev" / "text"
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(folder.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            parts.append(text)
            size += len(text) + 2
            if size >= chars:
                break
    return "\n\n".join(parts)[:chars]


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(chars: int, lang: str) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    import selon
    from selon import engine
    from selon.errors import SelonError
    from selon.nlp.pipeline import build_pipeline
    from selon.settings import load_settings

    settings = load_settings()
    text = long_text(chars)
    build_pipeline(lang, settings)
    loaded = _vm_hwm_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    out: dict = {"chars": len(text), "after_load_mb": round(loaded, 1)}
    try:
        article = selon.analyze(text, language=lang, settings=settings)
        out.update(claims=len(article.claims), entities=len(article.entities), figures=len(article.quantities))
    except SelonError as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # the figure of the crash is the point
        out["crash"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    out["wall_s"] = round(time.perf_counter() - t0, 1)
    stop = getattr(engine, "stop_workers", None)
    if stop is not None:
        stop()  # reaped, so that its peak memory and CPU time are counted among the children's
    out["cpu_s_parent"] = round(time.process_time() - c0, 1)
    out["peak_rss_mb"] = round(_vm_hwm_mb(), 1)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["peak_rss_workers_mb"] = round(workers.ru_maxrss / 1024, 1)
    out["cpu_s_workers"] = round(workers.ru_utime + workers.ru_stime, 1)
    print(json.dumps(out))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.chars, args.lang)
    cmd = [sys.executable, __file__, "--child", "--chars", str(args.chars), "--lang", args.lang]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
