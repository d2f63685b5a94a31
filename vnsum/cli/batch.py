"""``vnsum batch``: a folder (or JSON Lines file) of articles in, translations, summaries,
JSON records, a manifest and an HTML report out. The work is done by ``vnsum.batch``.

Exit codes: 0 all ok (or done before), 4 some inputs failed (or were flagged with
``--fail-on``), 2 bad usage, 3 model unavailable, 130 interrupted (everything written so
far is complete; rerun to finish). Nothing heavy is imported until the command runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vnsum.cli.app import describe
from vnsum.cli.options import (
    DEVICE_CHOICE,
    FORMAT_CHOICE,
    LANG_CHOICE,
    METHOD_CHOICE,
    STRATEGY_CHOICE,
    CheckFlags,
    check_options,
    debug_option,
    engine_options,
    max_chars_option,
    source_lang_option,
    summary_options,
    translate_options,
)
from vnsum.cli.progress import LogProgress, RichProgress
from vnsum.errors import InputError, Interrupted, ProblemsFound

if TYPE_CHECKING:
    from vnsum.batch import Batch, BatchResult


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=str, allow_dash=True))
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder (created if needed)."
)
@source_lang_option
@click.option("--to", "target_lang", type=LANG_CHOICE, default=None, help="Target language [default: the other, per article].")
@click.option("--summarize", is_flag=True, help="Also summarize each article.")
@click.option(
    "--translate/--no-translate",
    default=True,
    show_default=True,
    help="Translate the articles; --no-translate --summarize: summaries only (no translation model; none at all with --method extractive).",
)
@click.option("--lang", "summary_lang", type=LANG_CHOICE, default=None, help="Summary language [default: the article's].")
@click.option("--method", type=METHOD_CHOICE, default="abstractive", show_default=True)
@click.option("--strategy", type=STRATEGY_CHOICE, default="summarize-first", show_default=True)
@click.option("-n", "--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Summary length in sentences.")
@click.option("--summary-model", default=None, help="Summarizer model or folder [env VNSUM_MODEL_SUMMARIZER …].")
@max_chars_option
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    help="Files to take, recursively (repeatable; a pattern with / matches the relative path) [default: *.txt, *.md, *.html, *.htm].",
)
@click.option("--force", is_flag=True, help="Redo every input, even those done before with the same settings.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=FORMAT_CHOICE,
    default="text",
    show_default=True,
    help="Per-article files (json: only the JSON records).",
)
@click.option("-m", "--model", default=None, help="Translation model or local folder [default: by direction; env VNSUM_MODEL_VI_EN …].")
@click.option("--device", type=DEVICE_CHOICE, default="auto", show_default=True, help="Where models run.")
@click.option("--beams", type=click.IntRange(1, 16), default=None, help="Beam size [default: the model's].")
@click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: all cores].")
@click.option(
    "--max-failures",
    type=click.IntRange(1),
    default=None,
    help="Stop early (exit 4) once this many articles failed in this run: a broken model need not run over everything.",
)
@click.option(
    "--article-timeout",
    type=click.FloatRange(0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="An article whose work takes longer fails (reason in the manifest) and the run goes on [default: none].",
)
@click.option("--chunk-articles", type=click.IntRange(1), default=32, show_default=True, help="Articles translated together.")
@click.option("--chunk-sentences", type=click.IntRange(1), default=1500, show_default=True, help="…or this many sentences.")
@engine_options
@click.option(
    "--cache/--no-cache", default=True, show_default=True, help="Use the translation memory (sentences seen before cost nothing)."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the model work runs: this process, or Ray workers (pip install 'vnsum[ray]').",
)
@click.option("--address", default=None, help="Ray cluster to use (auto, ray://host:10001) [default: start a local Ray instance].")
@click.option("--workers", type=click.IntRange(1), default=None, help="Ray workers, each loading the models once [default: as fit].")
@click.option("--gpus-per-worker", type=click.FloatRange(0), default=0.0, help="GPUs reserved per Ray worker (fractions share a GPU).")
@check_options
@debug_option
def batch_command(
    input_path: str,
    out_dir: Path,
    source_lang: str,
    target_lang: str | None,
    summarize: bool,
    translate: bool,
    summary_lang: str | None,
    method: str,
    strategy: str,
    sentences: int,
    summary_model: str | None,
    max_chars: int | None,
    patterns: tuple[str, ...],
    force: bool,
    fmt: str,
    model: str | None,
    device: str,
    beams: int | None,
    threads: int | None,
    batch_tokens: int,
    max_input_tokens: int | None,
    max_failures: int | None,
    article_timeout: float | None,
    chunk_articles: int,
    chunk_sentences: int,
    backend: str,
    compute_type: str | None,
    cache: bool,
    engine: str,
    address: str | None,
    workers: int | None,
    gpus_per_worker: float,
    checks: CheckFlags,
) -> None:
    """Translate every article of INPUT (a folder, or a JSON Lines file of {"id", "text"}) into OUT_DIR.

    Writes per article its translation, its summary (--summarize; only that with
    --no-translate) and JSON records,
    mirroring the input tree, plus OUT_DIR/manifest.jsonl and OUT_DIR/report.html.
    A rerun skips what is done; Ctrl-C stops cleanly and the next run finishes the rest.
    """
    from vnsum.batch import Batch, BatchOptions, check_paths

    if summary_lang and not summarize:
        raise InputError("--lang is the summary's language: use it with --summarize")
    if not translate and not summarize:
        raise InputError("--no-translate leaves nothing to do: add --summarize for summaries only")
    if not translate and target_lang:
        raise InputError("--to is the translation's language: with --no-translate use --lang for the summary's")
    if engine == "ray":
        from vnsum.batch.ray_engine import require_ray

        require_ray()  # exit 2 with the install hint, before anything else
    elif address or workers or gpus_per_worker:
        raise InputError("--address, --workers and --gpus-per-worker need --engine ray")
    check_paths(input_path, out_dir)  # before any model loads
    options = BatchOptions(
        source_lang=source_lang,
        target_lang=target_lang,
        fmt=fmt,
        summarize=summarize,
        translate=translate,
        summary_lang=summary_lang,
        check=checks.wanted,
        roundtrip=checks.roundtrip,
        patterns=tuple(patterns) or BatchOptions().patterns,
        force=force,
        chunk_articles=chunk_articles,
        chunk_sentences=chunk_sentences,
        max_failures=max_failures,
        article_timeout=article_timeout,
    )
    run_options = translate_options(device, beams, threads, batch_tokens, max_input_tokens, backend, compute_type)
    verb = "translating" if translate else "summarizing"
    progress: LogProgress = RichProgress(verb) if sys.stderr.isatty() else LogProgress(verb)
    shared: dict[str, Any] = {
        "model": model,
        "translate_options": run_options,
        "summary_options": (
            summary_options(method, strategy, sentences, summary_model, device, beams, threads, max_chars=max_chars) if summarize else None
        ),
        "progress": progress,
        "describe": describe,
    }
    runner: Batch
    if engine == "ray":
        from vnsum.batch.ray_engine import RayBatch

        runner = RayBatch(
            input_path, out_dir, options, address=address, workers=workers, gpus_per_worker=gpus_per_worker, cache=cache, **shared
        )
    else:
        runner = Batch(input_path, out_dir, options, memory=_memory() if cache else None, **shared)
    try:
        result = runner.run()
    finally:
        progress.close()
    if result.interrupted:
        raise Interrupted(f"interrupted: {result.pending} of {result.total} inputs not done; run the same command again to finish them")
    if result.stopped:
        raise ProblemsFound(
            f"stopped early, {result.stopped} (--max-failures): {result.pending} of {result.total} inputs not done; "
            f"see {result.manifest} for the errors, then run the same command again"
        )
    problems = []
    if result.failed:
        problems.append(f"{result.failed} of {result.total} inputs failed (see {result.manifest} and {result.report})")
    if checks.fail_on:
        level = checks.fail_on
        flagged = _flagged(result, level)
        if flagged:
            problems.append(f"{flagged} article{'s' if flagged != 1 else ''} flagged at {level} or worse (--fail-on {level})")
    if problems:
        raise ProblemsFound("; ".join(problems))


def _memory() -> Any:
    from vnsum.memory import TranslationMemory

    return TranslationMemory()


def _flagged(result: BatchResult, level: str) -> int:
    """Articles with flags of ``level`` or worse, read back from their JSON records."""
    from vnsum.checking import at_least

    n = 0
    for record in result.records:
        if record.get("status") not in ("ok", "skipped") or not record.get("flags"):
            continue
        severities = []
        for key in ("record", "summary_record"):
            if not record.get(key):
                continue
            try:
                doc = json.loads((result.out_dir / record[key]).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            segments = [s for p in doc.get("paragraphs", ()) for s in p.get("segments", ())] + list(doc.get("summary", ()))
            severities += [f.get("severity", "info") for s in segments for f in s.get("flags", ())]
        if any(at_least(s, level) for s in severities):
            n += 1
    return n
