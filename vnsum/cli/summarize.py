"""``vnsum summarize``: a summary of one document, in either language, traceable to it."""

from __future__ import annotations

from pathlib import Path

import click

from vnsum.cli import output as _io
from vnsum.cli.options import LANG_CHOICE, METHOD_CHOICE, STRATEGY_CHOICE, check_options, io_options
from vnsum.errors import InputError


@click.command("summarize")
@io_options
@check_options
@click.option("--lang", "target_lang", type=LANG_CHOICE, default=None, help="Language of the summary [default: the article's].")
@click.option("--method", type=METHOD_CHOICE, default="abstractive", show_default=True)
@click.option(
    "--strategy",
    type=STRATEGY_CHOICE,
    default="summarize-first",
    show_default=True,
    help="How a summary in the other language is made.",
)
@click.option("-n", "--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Target length in sentences.")
@click.option(
    "--prompt", "prompt_file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Prompt template file (llm method)."
)
@click.option(
    "-m", "--model", default=None, help="Summarizer model or folder [env VNSUM_MODEL_SUMMARIZER / VNSUM_MODEL_CROSSSUM / VNSUM_MODEL_LLM]."
)
def summarize_command(
    path: str | None,
    source_lang: str,
    fmt: str | None,
    output: Path | None,
    device: str,
    beams: int | None,
    threads: int | None,
    check: bool,
    roundtrip: bool,
    fail_on: str | None,
    target_lang: str | None,
    method: str,
    strategy: str,
    sentences: int,
    prompt_file: Path | None,
    model: str | None,
) -> None:
    """Summarize PATH (a file, or - for standard input) in Vietnamese or English."""
    from vnsum.summarize import SummaryOptions, SummaryPipeline

    text, name, fmt = _io.prepare(path, output, fmt)
    if prompt_file is not None and method != "llm":
        raise InputError("--prompt is for --method llm")
    options = SummaryOptions(
        method=method,
        strategy=strategy,
        sentences=sentences,
        model=model,
        prompt_file=prompt_file,
        device=device,
        beams=beams,
        threads=threads,
    )
    pipeline = SummaryPipeline(options)
    with _io.status(f"Summarizing {name or 'standard input'}…"):
        result = pipeline.summarize(text, source_lang=source_lang, target_lang=target_lang, source_name=name)
        if check or roundtrip or fail_on:
            from vnsum.checking import check_summary_result

            result = check_summary_result(result, pipeline.translator if roundtrip else None)
    _io.emit(result, fmt, output)
    _io.fail_on(result, fail_on)
