"""Throughput and memory of selon end to end against the bare spaCy parse, on the same texts.

What it answers: how much do selon's stages cost on top of the parse they need anyway, and how
much memory does a process holding both languages take. Both pipelines run in this one process,
are loaded once (loading is timed apart and left out of throughput), and are run alternately,
``--repeat`` times each, so slow drift of the machine hits both alike; the figures quoted are
medians over the repeats.

    .venv/bin/python bench/run.py [--lang en|fr|all] [--repeat N] [--out FILE] [--profile N]

JSON goes to stdout (or ``--out``), a table for people to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SELON_STAGES = ("selon_segmenter", "selon_entities", "selon_figures", "selon_claims")
TARGET_RATIO = 0.85
TARGET_PEAK_MB = 1200.0


@dataclass
class Corpus:
    """The texts of one language and where they came from."""

    language: str
    texts: list[str]
    origin: str
    notes: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in self.texts)


def load_english() -> Corpus:
    """Every PolNeAR dev article; the bundled fixture articles when the shared data is absent."""
    folder = SHARED / "polnear" / "dev" / "text"
    notes: list[str] = []
    if not folder.is_dir():
        notes.append(f"{folder} absent: using the bundled fixture articles instead (few, short)")
        folder = ROOT / "tests" / "fixtures" / "polnear" / "dev" / "text"
    paths = sorted(folder.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return Corpus("en", texts, str(folder), notes)


def load_french(settings: Any) -> Corpus:
    """The founding example plus the main text of each shared French page (via selon's ingestion)."""
    from selon.errors import InputError
    from selon.ingest import load_path

    example = ROOT / "examples" / "000_b08981ffb30c04a9.txt"
    texts = [example.read_text(encoding="utf-8")]
    notes: list[str] = []
    folder = SHARED / "fr-pages"
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    if not pages:
        notes.append(f"{folder} absent: using the founding example alone")
    for page in pages:
        try:
            texts.append(load_path(page, settings).text)
        except InputError as exc:
            notes.append(f"skipped {page.name}: {exc}")
    origin = f"{example.relative_to(ROOT)}" + (f" + {len(pages)} pages of {folder}" if pages else "")
    return Corpus("fr", texts, origin, notes)


def _model_name(settings: Any, language: str) -> str:
    """The first installed model of the settings' list, as selon's own loader picks it."""
    import spacy.util

    for name in settings.models_for(language):
        if spacy.util.is_package(name):
            return name
    raise SystemExit(f"no spaCy model for {language} installed (tried {settings.models_for(language)})")


def _rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _own_peak_mb() -> float:
    """Peak resident memory of this program alone: VmHWM restarts at exec, whereas Linux carries
    ru_maxrss over from the parent across fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed_pipe(nlp: Any, texts: Sequence[str], batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds of one full ``nlp.pipe`` pass; every Doc is consumed."""
    cpu0, t0 = _cpu_seconds(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0, _cpu_seconds() - cpu0


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_engine(texts: Sequence[str], language: str, settings: Any) -> tuple[float, float]:
    """Wall and CPU seconds of ``analyze_documents`` over the texts, what ``selon analyze`` runs: the
    CPU of this process plus that of the analysis worker it starts and reaps when the run ends."""
    from selon.engine import analyze_documents
    from selon.ingest import RawDocument

    docs = [RawDocument(id=f"t{i}", text=t, origin=f"t{i}") for i, t in enumerate(texts)]
    cpu0, t0 = _cpu_seconds() + _children_cpu_seconds(), time.perf_counter()
    for _ in analyze_documents(docs, language=language, settings=settings):
        pass
    return time.perf_counter() - t0, _cpu_seconds() + _children_cpu_seconds() - cpu0


ENGINES = {"engine": True, "engine_inproc": False}  # analyze_documents with and without its worker process


def stage_pass(
    nlp: Any, texts: Sequence[str], batch_size: int, profiled: Sequence[str] = (), top: int = 25
) -> tuple[dict[str, float], dict[str, str]]:
    """Run the pipeline one component at a time over all texts: CPU seconds per component, and a
    cProfile report (top ``top`` functions by cumulative time) of each component in ``profiled``."""
    seconds: dict[str, float] = {}
    reports: dict[str, str] = {}
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.process_time() - t0
    for name, proc in nlp.pipeline:
        profiler = cProfile.Profile() if name in profiled else None
        t0 = time.process_time()
        if profiler:
            profiler.enable()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        if profiler:
            profiler.disable()
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
            reports[name] = buffer.getvalue()
        seconds[name] = time.process_time() - t0
    return seconds, reports


def selon_only_memory(langs: Sequence[str]) -> dict[str, Any]:
    """Peak memory of a fresh process that loads only selon's pipelines and runs them once: what a
    user's process needs, without the raw models this benchmark loads beside them."""
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--memory-child", ",".join(langs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(done.stdout)


def _memory_child(langs: Sequence[str]) -> int:
    from selon.nlp.pipeline import build_pipeline
    from selon.settings import load_settings

    settings = load_settings(env={})
    loaders = {"en": load_english, "fr": lambda: load_french(settings)}
    out: dict[str, Any] = {"languages": list(langs)}
    for lang in langs:
        corpus = loaders[lang]()
        nlp = build_pipeline(lang, settings)
        out[f"after_load_{lang}_mb"] = round(_own_peak_mb(), 1)
        for _ in nlp.pipe(corpus.texts, batch_size=settings.analysis_batch_size):
            pass
    out["peak_rss_mb"] = round(_own_peak_mb(), 1)
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


def machine() -> dict[str, Any]:
    """CPU model, cores and versions: the numbers mean nothing without them."""
    import spacy

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return {
        "cpu": cpu,
        "logical_cores": os.cpu_count(),
        "usable_cores": usable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
    }


def _median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def _throughput(texts: int, words: int, runs: list[tuple[float, float]]) -> dict[str, Any]:
    """Medians of wall and CPU seconds, and the rates they give."""
    wall = _median(v[0] for v in runs)
    cpu = _median(v[1] for v in runs)
    return {
        "wall_seconds_median": round(wall, 3),
        "cpu_seconds_median": round(cpu, 3),
        "wall_seconds_all": [round(v[0], 3) for v in runs],
        "cpu_seconds_all": [round(v[1], 3) for v in runs],
        "articles_per_s": round(texts / cpu, 2),
        "words_per_s": round(words / cpu, 1),
        "words_per_s_per_core": round(words / cpu, 1),
        "articles_per_s_wall": round(texts / wall, 2),
        "words_per_s_wall": round(words / wall, 1),
        "cpu_per_wall": round(cpu / wall, 2),
    }


def bench_language(
    corpus: Corpus, settings: Any, repeat: int, log: Callable[[str], None]
) -> tuple[dict[str, Any], Any, Any]:
    """Load both pipelines for one language, run them alternately; the result and both pipelines."""
    import spacy

    from selon.nlp.pipeline import build_pipeline

    batch = settings.analysis_batch_size
    name = _model_name(settings, corpus.language)
    t0 = time.perf_counter()
    raw = spacy.load(name)
    raw_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    selon = build_pipeline(corpus.language, settings)
    selon_load = time.perf_counter() - t0
    # one short untimed pass each: first-call costs (lazy tables, allocations) are not throughput
    warm = corpus.texts[:2]
    _timed_pipe(raw, warm, batch)
    _timed_pipe(selon, warm, batch)
    runs: dict[str, list[tuple[float, float]]] = {"raw": [], "selon": [], "engine": [], "engine_inproc": []}
    for r in range(repeat):
        order = tuple(runs) if r % 2 == 0 else tuple(reversed(runs))
        for which in order:
            if which in ENGINES:
                isolated = settings.override(limits_isolate=ENGINES[which])
                wall, cpu = _timed_engine(corpus.texts, corpus.language, isolated)
            else:
                wall, cpu = _timed_pipe(raw if which == "raw" else selon, corpus.texts, batch)
            runs[which].append((wall, cpu))
            log(f"  {corpus.language} run {r + 1}/{repeat} {which:<5} wall {wall:7.2f} s  cpu {cpu:7.2f} s")
    result: dict[str, Any] = {
        "texts": len(corpus.texts),
        "words": corpus.words,
        "characters": sum(len(t) for t in corpus.texts),
        "origin": corpus.origin,
        "notes": corpus.notes,
        "batch_size": batch,
        "model": {"name": name, "version": raw.meta.get("version"), "spacy_version": raw.meta.get("spacy_version")},
        "pipes": {"raw": list(raw.pipe_names), "selon": list(selon.pipe_names)},
        "load_seconds": {"raw": round(raw_load, 2), "selon": round(selon_load, 2)},
    }
    for which, values in runs.items():
        result[which] = _throughput(len(corpus.texts), corpus.words, values)
    result["ratio_selon_over_raw"] = round(
        result["raw"]["cpu_seconds_median"] / result["selon"]["cpu_seconds_median"], 3
    )
    result["ratio_selon_over_raw_wall"] = round(
        result["raw"]["wall_seconds_median"] / result["selon"]["wall_seconds_median"], 3
    )
    for which in ENGINES:
        result[f"ratio_{which}_over_raw"] = round(
            result["raw"]["cpu_seconds_median"] / result[which]["cpu_seconds_median"], 3
        )
    return result, raw, selon


def summary(langs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Both languages together: total texts over total median seconds."""
    texts = sum(r["texts"] for r in langs.values())
    words = sum(r["words"] for r in langs.values())
    out: dict[str, Any] = {}
    for which in ("raw", "selon"):
        cpu = sum(r[which]["cpu_seconds_median"] for r in langs.values())
        wall = sum(r[which]["wall_seconds_median"] for r in langs.values())
        out[which] = {
            "cpu_seconds": round(cpu, 3),
            "wall_seconds": round(wall, 3),
            "articles_per_s": round(texts / cpu, 2),
            "words_per_s_per_core": round(words / cpu, 1),
            "articles_per_s_wall": round(texts / wall, 2),
        }
    out["ratio_selon_over_raw"] = round(out["raw"]["cpu_seconds"] / out["selon"]["cpu_seconds"], 3)
    out["ratio_selon_over_raw_wall"] = round(out["raw"]["wall_seconds"] / out["selon"]["wall_seconds"], 3)
    return out


def table(report: dict[str, Any]) -> str:
    """The figures for people: one row per language and pipeline."""
    m = report["machine"]
    lines = [
        f"machine: {m['cpu']}, {m['usable_cores']} usable cores; Python {m['python']}, spaCy {m['spacy']}; "
        f"{report['parallelism']['processes']} process x {report['parallelism']['threads']} thread; "
        f"medians of {report['repeat']} runs; rates per CPU-second (= per core)",
        f"{'lang':<5}{'pipeline':<14}{'texts':>6}{'words':>8}{'load s':>8}{'cpu s':>8}{'wall s':>8}"
        f"{'art/s':>8}{'words/s/core':>14}{'art/s wall':>11}{'cpu/wall':>9}",
    ]
    lines.append("-" * len(lines[-1]))
    for lang, r in report["languages"].items():
        for which in ("raw", "selon", *ENGINES):
            x = r[which]
            lines.append(
                f"{lang:<5}{which:<14}{r['texts']:>6}{r['words']:>8}{r['load_seconds'].get(which, 0.0):>8.2f}"
                f"{x['cpu_seconds_median']:>8.2f}{x['wall_seconds_median']:>8.2f}{x['articles_per_s']:>8.2f}"
                f"{x['words_per_s_per_core']:>14.0f}{x['articles_per_s_wall']:>11.2f}{x['cpu_per_wall']:>9.2f}"
            )
        lines.append(
            f"{lang:<5}selon/raw throughput ratio {r['ratio_selon_over_raw']:.3f} "
            f"(wall {r['ratio_selon_over_raw_wall']:.3f}); model {r['model']['name']} {r['model']['version']}"
        )
        lines.append(
            f"{lang:<5}analyze_documents/raw ratio {r['ratio_engine_over_raw']:.3f} with its worker process, "
            f"{r['ratio_engine_inproc_over_raw']:.3f} in process"
        )
        if "stage_cpu_seconds" in r:
            stages = r["stage_cpu_seconds"]
            lines.append("      stage cpu s: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
        for note in r["notes"]:
            lines.append(f"      note: {note}")
    if "all" in report:
        a = report["all"]
        lines.append(
            f"all  selon/raw ratio {a['ratio_selon_over_raw']:.3f} (wall {a['ratio_selon_over_raw_wall']:.3f}); "
            f"selon {a['selon']['articles_per_s']:.2f} art/s, {a['selon']['words_per_s_per_core']:.0f} "
            "words/s/core"
        )
    t = report["targets"]
    alone = report.get("selon_only_memory", {})
    if "peak_rss_mb" in alone:
        lines.append(
            f"peak memory of a fresh process running selon alone ({', '.join(alone['languages'])}): "
            f"{alone['peak_rss_mb']:.0f} MB (target <= {TARGET_PEAK_MB:.0f}: "
            f"{'met' if t['peak_memory_met'] else 'NOT met'})"
        )
    lines.append(
        f"peak memory of this process (the raw and the selon pipeline of every language loaded, for the "
        f"comparison): {report['peak_rss_mb']:.0f} MB; ratio target >= {TARGET_RATIO}: "
        f"{'met' if t['ratio_met'] else 'NOT met'}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("en", "fr", "all"), default="all")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pipeline (median quoted)")
    parser.add_argument("--out", type=Path, help="write the JSON here instead of stdout")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-component timing pass")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile each selon stage and keep its top N functions",
    )
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    sys.path.insert(0, str(ROOT / "src"))
    if args.memory_child:
        return _memory_child(args.memory_child.split(","))
    from selon.settings import load_settings

    settings = load_settings(env={})

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    started = time.perf_counter()
    langs = ("en", "fr") if args.lang == "all" else (args.lang,)
    corpora = {"en": load_english, "fr": lambda: load_french(settings)}
    log("measuring the memory of a fresh process running selon alone")
    alone = selon_only_memory(langs)
    results: dict[str, Any] = {}
    pipelines: dict[str, tuple[Corpus, Any, Any]] = {}
    for lang in langs:
        corpus = corpora[lang]()
        log(f"{lang}: {len(corpus.texts)} texts, {corpus.words} words from {corpus.origin}")
        results[lang], raw, selon = bench_language(corpus, settings, args.repeat, log)
        pipelines[lang] = (corpus, raw, selon)
    peak = _rss_mb()  # before the diagnostic passes below, which hold every Doc at once
    for lang, (corpus, raw, selon) in pipelines.items():
        batch = settings.analysis_batch_size
        if not args.no_stages:
            seconds, _ = stage_pass(selon, corpus.texts, batch)
            results[lang]["stage_cpu_seconds"] = {k: round(v, 3) for k, v in seconds.items()}
        if args.profile:
            extra = [n for n in selon.pipe_names if n not in raw.pipe_names]  # selon's stages, whatever they are
            _, results[lang]["profile"] = stage_pass(selon, corpus.texts, batch, extra, args.profile)
    report: dict[str, Any] = {
        "machine": machine(),
        "repeat": args.repeat,
        "parallelism": {
            "processes": 1,
            "threads": 1,
            "note": "nlp.pipe with n_process=1 and spaCy's CPU ops single-threaded: rates are per "
            "CPU-second of this process, i.e. per core; *_wall rates use elapsed time and "
            "suffer when other work shares the machine (see cpu_per_wall)",
        },
        "languages": results,
        "peak_rss_mb": round(peak, 1),
        "peak_rss_mb_with_diagnostics": round(_rss_mb(), 1),
        "selon_only_memory": alone,
        "words_rule": "whitespace-split tokens of the input texts",
        "seconds_total": round(time.perf_counter() - started, 1),
    }
    if len(results) > 1:
        report["all"] = summary(results)
    ratios = {lang: r["ratio_selon_over_raw"] for lang, r in results.items()}
    if "all" in report:
        ratios["all"] = report["all"]["ratio_selon_over_raw"]
    report["targets"] = {
        "ratio_min": TARGET_RATIO,
        "ratios": ratios,
        "ratio_met": all(v >= TARGET_RATIO for v in ratios.values()),
        "peak_memory_mb_max": TARGET_PEAK_MB,
        "peak_memory_met": alone.get("peak_rss_mb", peak) <= TARGET_PEAK_MB,
        "peak_memory_note": "the target is checked on selon_only_memory (selon alone in a fresh "
        "process: what a user's process holds); peak_rss_mb is this process, "
        "which also holds the raw pipeline of every language for the "
        "comparison",
    }
    log(table(report))
    for lang, r in results.items():
        for stage, text in r.get("profile", {}).items():
            log(f"\n=== profile {lang} {stage} ===\n{text}")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        log(f"written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
