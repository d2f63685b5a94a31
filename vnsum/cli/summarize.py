"""``vnsum summarize``: a summary of one document, in either language, traceable to it."""

from __future__ import annotations

from pathlib import Path

import click

from vnsum.cli import output as _io
from vnsum.cli.options import (
    LANG_CHOICE,
    METHOD_CHOICE,
    STRATEGY_CHOICE,
    CheckFlags,
    DocumentIO,
    check_options,
    io_options,
    max_chars_option,
    summary_options,
)
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
@max_chars_option
def summarize_command(
    io: DocumentIO,
    checks: CheckFlags,
    target_lang: str | None,
    method: str,
    strategy: str,
    sentences: int,
    prompt_file: Path | None,
    model: str | None,
    max_chars: int | None,
) -> None:
    """Summarize PATH (a file, a web page, or - for standard input) in Vietnamese or English."""
    from vnsum.summarize import SummaryPipeline

    source, fmt = _io.prepare(io.path, io.output, io.fmt)
    text, name = source.text, source.name
    if prompt_file is not None and method != "llm":
        raise InputError("--prompt is for --method llm")
    options = summary_options(method, strategy, sentences, model, io.device, io.beams, io.threads, prompt_file, max_chars)
    pipeline = SummaryPipeline(options)
    with _io.status(f"Summarizing {name or 'standard input'}…"):
        result = pipeline.summarize(text, source_lang=io.source_lang, target_lang=target_lang, source_name=name)
        if checks.wanted:
            from vnsum.checking import check_summary_result

            result = check_summary_result(result, pipeline.translator if checks.roundtrip else None)
    _io.emit(_io.noted(result, source), fmt, io.output)
    _io.fail_on(result, checks.fail_on)
