"""``vnsum batch``: a folder (or JSON Lines file) of articles in, translations, summaries,
JSON records, a manifest and an HTML report out. The work is done by ``vnsum.batch``.

Exit codes: 0 all ok (or done before), 4 some inputs failed (or were flagged with
``--fail-on``), 2 bad usage, 3 model unavailable, 130 interrupted (everything written so
far is complete; rerun to finish). Nothing heavy is imported until the command runs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from vnsum.cli import FORMAT_CHOICES, check_options, debug_option, engine_options, translate_options
from vnsum.errors import InputError, ProblemsFound


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=str, allow_dash=True))
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder (created if needed)."
)
@click.option("--from", "source_lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True, help="Source language.")
@click.option(
    "--to", "target_lang", type=click.Choice(["vi", "en"]), default=None, help="Target language [default: the other, per article]."
)
@click.option("--summarize", is_flag=True, help="Also summarize each article.")
@click.option("--lang", "summary_lang", type=click.Choice(["vi", "en"]), default=None, help="Summary language [default: the article's].")
@click.option("--method", type=click.Choice(["abstractive", "extractive", "llm"]), default="abstractive", show_default=True)
@click.option(
    "--strategy", type=click.Choice(["summarize-first", "translate-first", "direct"]), default="summarize-first", show_default=True
)
@click.option("-n", "--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Summary length in sentences.")
@click.option("--summary-model", default=None, help="Summarizer model or folder [env VNSUM_MODEL_SUMMARIZER …].")
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    help="Files to take, recursively (repeatable; a pattern with / matches the relative path) [default: *.txt, *.md].",
)
@click.option("--force", is_flag=True, help="Redo every input, even those done before with the same settings.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="text",
    show_default=True,
    help="Per-article files (json: only the JSON records).",
)
@click.option("-m", "--model", default=None, help="Translation model or local folder [default: by direction; env VNSUM_MODEL_VI_EN …].")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True, help="Where models run.")
@click.option("--beams", type=click.IntRange(1, 16), default=None, help="Beam size [default: the model's].")
@click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: all cores].")
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
def batch(
    input_path,
    out_dir,
    source_lang,
    target_lang,
    summarize,
    summary_lang,
    method,
    strategy,
    sentences,
    summary_model,
    patterns,
    force,
    fmt,
    model,
    device,
    beams,
    threads,
    batch_tokens,
    max_input_tokens,
    chunk_articles,
    chunk_sentences,
    backend,
    compute_type,
    cache,
    engine,
    address,
    workers,
    gpus_per_worker,
    check,
    roundtrip,
    fail_on,
) -> None:
    """Translate every article of INPUT (a folder, or a JSON Lines file of {"id", "text"}) into OUT_DIR.

    Writes per article its translation, its summary (--summarize) and JSON records,
    mirroring the input tree, plus OUT_DIR/manifest.jsonl and OUT_DIR/report.html.
    A rerun skips what is done; Ctrl-C stops cleanly and the next run finishes the rest.
    """
    from vnsum.batch import Batch, BatchOptions, Interrupted, check_paths

    if summary_lang and not summarize:
        raise InputError("--lang is the summary's language: use it with --summarize")
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
        summary_lang=summary_lang,
        check=bool(check or roundtrip or fail_on),
        roundtrip=roundtrip,
        patterns=tuple(patterns) or BatchOptions().patterns,
        force=force,
        chunk_articles=chunk_articles,
        chunk_sentences=chunk_sentences,
    )
    run_options = translate_options(device, beams, threads, batch_tokens, max_input_tokens, backend, compute_type)
    summary_options = None
    if summarize:
        from vnsum.summarize import SummaryOptions

        summary_options = SummaryOptions(
            method=method, strategy=strategy, sentences=sentences, model=summary_model, device=device, beams=beams, threads=threads
        )
    progress = RichProgress() if sys.stderr.isatty() else LogProgress()
    if engine == "ray":
        from vnsum.batch.ray_engine import RayBatch

        runner = RayBatch(
            input_path,
            out_dir,
            options,
            model=model,
            translate_options=run_options,
            summary_options=summary_options,
            progress=progress,
            address=address,
            workers=workers,
            gpus_per_worker=gpus_per_worker,
            cache=cache,
        )
    else:
        runner = Batch(
            input_path,
            out_dir,
            options,
            model=model,
            translate_options=run_options,
            summary_options=summary_options,
            progress=progress,
            memory=_memory() if cache else None,
        )
    try:
        result = runner.run()
    finally:
        progress.close()
    if result.interrupted:
        raise Interrupted(f"interrupted: {result.pending} of {result.total} inputs not done; run the same command again to finish them")
    problems = []
    if result.failed:
        problems.append(f"{result.failed} of {result.total} inputs failed (see {result.manifest} and {result.report})")
    if fail_on:
        flagged = _flagged(result, fail_on)
        if flagged:
            problems.append(f"{flagged} article{'s' if flagged != 1 else ''} flagged at {fail_on} or worse (--fail-on {fail_on})")
    if problems:
        raise ProblemsFound("; ".join(problems))


def _memory():
    from vnsum.memory import TranslationMemory

    return TranslationMemory()


def _flagged(result, level: str) -> int:
    """Articles with flags of ``level`` or worse, read back from their JSON records."""
    import json

    rank = {"info": 0, "warning": 1, "error": 2}
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
        if any(rank.get(s, 0) >= rank[level] for s in severities):
            n += 1
    return n


# ----------------------------------------------------------------------------- progress


def _line(text: str) -> None:
    click.echo(f"vnsum batch: {text}", err=True)


class LogProgress:
    """Plain log lines on stderr (a pipe, a log file, CI): one per chunk and per failure."""

    def __init__(self) -> None:
        self.todo = self.done = 0
        self.sentences_done = 0.0
        self.start_time = time.perf_counter()
        self.chunks = 0

    def start(self, total: int, todo: int, skipped: int) -> None:
        self.todo, self.start_time = todo, time.perf_counter()
        _line(f"{total} inputs: {todo} to do, {skipped} done before (skipped)")

    def chunk(self, articles: int, sentences: int) -> None:
        self.chunks += 1
        _line(f"chunk {self.chunks}: translating {articles} article{'s' if articles != 1 else ''}, {sentences} sentences together")

    def sentences(self, n: float) -> None:
        self.sentences_done += n

    def article(self, record: dict) -> None:
        self.done += 1
        if record["status"] == "failed":
            _line(f"failed: {record['path']}: {record.get('error')}")
        if self.chunks and (self.done == self.todo or (record["status"] == "ok" and self.done % 32 == 0)):
            elapsed = max(1e-9, time.perf_counter() - self.start_time)
            rate = self.done / elapsed
            eta = (self.todo - self.done) / rate if rate else 0
            _line(
                f"[{self.done}/{self.todo}] {self.sentences_done:.0f} sentences, "
                f"{rate:.2f} articles/s, {self.sentences_done / elapsed:.1f} sentences/s, ETA {_duration(eta)}"
            )

    def message(self, text: str) -> None:
        _line(text)

    def finish(self, result) -> None:
        _line(result.summary_line())
        if result.report:
            _line(f"report: {result.report}")

    def close(self) -> None:
        pass


class RichProgress(LogProgress):
    """A rich progress bar on the terminal: articles and sentences done, rate, ETA."""

    def __init__(self) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.articles = self.sentence_task = None

    def start(self, total: int, todo: int, skipped: int) -> None:
        self.todo, self.start_time = todo, time.perf_counter()
        self.console.print(f"[bold]vnsum batch[/]: {total} inputs: {todo} to do, {skipped} done before (skipped)")
        self.articles = self.bar.add_task("articles", total=todo, rate="")
        self.sentence_task = self.bar.add_task("sentences", total=None, rate="")
        self.bar.start()

    def chunk(self, articles: int, sentences: int) -> None:
        self.chunks += 1
        task = self.bar.tasks[self.sentence_task]
        self.bar.update(self.sentence_task, total=(task.total or 0) + sentences)

    def sentences(self, n: float) -> None:
        self.sentences_done += n
        elapsed = max(1e-9, time.perf_counter() - self.start_time)
        self.bar.update(self.sentence_task, advance=n, rate=f"{self.sentences_done / elapsed:.1f}/s")

    def article(self, record: dict) -> None:
        self.done += 1
        elapsed = max(1e-9, time.perf_counter() - self.start_time)
        self.bar.update(self.articles, advance=1, rate=f"{self.done / elapsed:.2f}/s")
        if record["status"] == "failed":
            from rich.markup import escape

            self.bar.console.print(f"[red]failed[/] {escape(record['path'])}: {escape(str(record.get('error')))}", highlight=False)

    def message(self, text: str) -> None:
        from rich.markup import escape

        self.bar.console.print(f"[yellow]{escape(text)}[/]")

    def finish(self, result) -> None:
        self.close()
        self.console.print(f"[bold]vnsum batch[/]: {result.summary_line()}", highlight=False)
        if result.report:
            self.console.print(f"report: {result.report}", highlight=False)

    def close(self) -> None:
        self.bar.stop()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"
