"""The ``vnsum`` command line: parse, call the library, render, map errors to exit codes.

Exit codes: 0 ok, 1 unexpected error (traceback only with --debug), 2 bad input or
usage, 3 model unavailable. This module imports nothing heavy: ``vnsum --help`` must
answer at once, without torch or transformers.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from vnsum.errors import InputError, ProblemsFound, VnsumError

FORMAT_CHOICES = ("view", "text", "json", "markdown")
_SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}


class VnsumGroup(click.Group):
    """Turns domain errors into one-line messages and exit codes, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VnsumError as e:
            _fail(ctx, str(e), e.exit_code, e)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            _fail(ctx, "interrupted", 130, None)
        except Exception as e:  # the last resort: a short message, a traceback on request
            _fail(ctx, f"unexpected error: {type(e).__name__}: {e} (run with --debug for the traceback)", 1, e)


def _fail(ctx: click.Context, message: str, code: int, error: BaseException | None) -> None:
    if error is not None and _debug(ctx):
        traceback.print_exception(error)
    click.echo(f"vnsum: error: {message}", err=True)
    ctx.exit(code)


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("VNSUM_DEBUG") == "1"


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["debug"] = True
        root = ctx.find_root()
        root.ensure_object(dict)["debug"] = True
    return value


debug_option = click.option(
    "--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug, help="Show full tracebacks for unexpected errors."
)


@click.group(cls=VnsumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnsum")
@debug_option
def main() -> None:
    """Translate Vietnamese and English news faithfully, and check it side by side."""


def io_options(f):
    """The input and output options every document command shares."""
    for decorator in reversed(
        [
            click.argument("path", required=False, type=click.Path(dir_okay=True, allow_dash=True, path_type=str)),
            click.option(
                "--from", "source_lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True, help="Source language."
            ),
            click.option(
                "-f",
                "--format",
                "fmt",
                type=click.Choice(FORMAT_CHOICES),
                default=None,
                help="Output format [default: view on a terminal, text otherwise; by -o suffix].",
            ),
            click.option(
                "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (atomically)."
            ),
            click.option(
                "--device",
                type=click.Choice(["auto", "cpu", "cuda"]),
                default="auto",
                show_default=True,
                help="Where models run (fp16 on CUDA).",
            ),
            click.option("--beams", type=click.IntRange(1, 16), default=None, help="Beam size [default: the model's]."),
            click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: torch's]."),
            debug_option,
        ]
    ):
        f = decorator(f)
    return f


def engine_options(f):
    """How the translation model runs: shared by translate and batch."""
    for decorator in reversed(
        [
            click.option("--batch-tokens", type=click.IntRange(16), default=4096, show_default=True, help="Padded tokens per model call."),
            click.option(
                "--max-tokens",
                "max_input_tokens",
                type=click.IntRange(8),
                default=None,
                help="Input budget per piece; longer sentences are split [default: 256, at most the model's limit].",
            ),
            click.option(
                "--backend",
                type=click.Choice(["auto", "torch", "ct2"]),
                default="auto",
                show_default=True,
                help="Inference engine; auto: CTranslate2 on CPU when installed, else torch.",
            ),
            click.option(
                "--compute-type",
                type=click.Choice(["int8", "int8_float32", "float16", "float32"]),
                default=None,
                help="CTranslate2 weights and compute [default: int8 on CPU, float16 on CUDA].",
            ),
        ]
    ):
        f = decorator(f)
    return f


def translate_options(device, beams, threads, batch_tokens, max_input_tokens, backend, compute_type):
    """The TranslateOptions of the engine options (``None`` budget: the default)."""
    from vnsum.translator import DEFAULT_MAX_INPUT_TOKENS, TranslateOptions

    return TranslateOptions(
        device=device,
        beams=beams,
        batch_tokens=batch_tokens,
        max_input_tokens=max_input_tokens or DEFAULT_MAX_INPUT_TOKENS,
        threads=threads,
        backend=backend,
        compute_type=compute_type,
    )


def check_options(f):
    """Flag what a translation or summary lost or invented (numbers, names, loops...)."""
    for decorator in reversed(
        [
            click.option("--check", is_flag=True, help="Run the checks and flag suspicious sentences."),
            click.option("--roundtrip", is_flag=True, help="Also translate back and score with chrF (implies --check)."),
            click.option(
                "--fail-on",
                type=click.Choice(["warning", "error"]),
                default=None,
                help="Exit with code 4 when flags of this severity or worse exist (implies --check).",
            ),
        ]
    ):
        f = decorator(f)
    return f


@main.command()
@io_options
@check_options
@click.option("--to", "target_lang", type=click.Choice(["vi", "en"]), default=None, help="Target language [default: the other one].")
@click.option(
    "-m", "--model", default=None, help="Model name or local folder [default: by direction; env VNSUM_MODEL_VI_EN / VNSUM_MODEL_EN_VI]."
)
@engine_options
@click.option("--cache/--no-cache", default=False, show_default=True, help="Use the translation memory (on by default in batch).")
@click.option("-v", "--verbose", is_flag=True, help="Say where the time went: loading (import, conversion) and translation.")
def translate(
    path,
    source_lang,
    fmt,
    output,
    device,
    beams,
    threads,
    check,
    roundtrip,
    fail_on,
    target_lang,
    model,
    batch_tokens,
    max_input_tokens,
    backend,
    compute_type,
    cache,
    verbose,
) -> None:
    """Translate PATH (a file, or - for standard input) between Vietnamese and English."""
    from vnsum.translator import Translator

    text, name, fmt = _prepare(path, output, fmt)
    options = translate_options(device, beams, threads, batch_tokens, max_input_tokens, backend, compute_type)
    memory = None
    if cache:
        from vnsum.memory import TranslationMemory

        memory = TranslationMemory()
    translator = Translator(model, options, memory=memory)
    with _status(f"Translating {name or 'standard input'}…"):
        result = translator.translate(text, source_lang=source_lang, target_lang=target_lang, source_name=name)
        if check or roundtrip or fail_on:
            from vnsum.checking import check_translation_result

            result = check_translation_result(result, translator if roundtrip else None)
    _emit(result, fmt, output)
    if verbose:
        st = result.stats
        hits = f", {translator.memory_hits} sentences from the translation memory" if memory is not None else ""
        click.echo(
            f"vnsum: time: {st.load_seconds:.2f} s loading (imports, model, conversion), "
            f"{st.seconds - st.load_seconds:.2f} s translating {st.sentences} sentences in {st.model_calls} model calls{hits}",
            err=True,
        )
    _fail_on(result, fail_on)


@main.command()
@io_options
@check_options
@click.option(
    "--lang", "target_lang", type=click.Choice(["vi", "en"]), default=None, help="Language of the summary [default: the article's]."
)
@click.option("--method", type=click.Choice(["abstractive", "extractive", "llm"]), default="abstractive", show_default=True)
@click.option(
    "--strategy",
    type=click.Choice(["summarize-first", "translate-first", "direct"]),
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
def summarize(
    path,
    source_lang,
    fmt,
    output,
    device,
    beams,
    threads,
    check,
    roundtrip,
    fail_on,
    target_lang,
    method,
    strategy,
    sentences,
    prompt_file,
    model,
) -> None:
    """Summarize PATH (a file, or - for standard input) in Vietnamese or English."""
    from vnsum.summarize import SummaryOptions, SummaryPipeline

    text, name, fmt = _prepare(path, output, fmt)
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
    with _status(f"Summarizing {name or 'standard input'}…"):
        result = pipeline.summarize(text, source_lang=source_lang, target_lang=target_lang, source_name=name)
        if check or roundtrip or fail_on:
            from vnsum.checking import check_summary_result

            result = check_summary_result(result, pipeline.translator if roundtrip else None)
    _emit(result, fmt, output)
    _fail_on(result, fail_on)


@main.command()
@click.argument("source", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@click.argument("translation", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@click.option("--from", "source_lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True, help="Source language.")
@click.option("--to", "target_lang", type=click.Choice(["vi", "en"]), default=None, help="Translation language [default: the other one].")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None, help="Output format (as for translate).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (atomically).")
@click.option("--roundtrip", is_flag=True, help="Translate back to align better and score chrF (needs the translation model).")
@click.option("--fail-on", type=click.Choice(["warning", "error"]), default=None, help="Exit with code 4 when such flags exist.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True, help="Where models run.")
@click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: all cores].")
@debug_option
def check(source, translation, source_lang, target_lang, fmt, output, roundtrip, fail_on, device, threads) -> None:
    """Check TRANSLATION (made by a person or another system) against SOURCE, sentence by sentence."""
    from vnsum.checking import check_external
    from vnsum.textio import read_input
    from vnsum.translator import TranslateOptions, Translator

    if source == "-" and translation == "-":
        raise InputError("only one of SOURCE and TRANSLATION can be standard input")
    source_text, name = read_input(source)
    translation_text, _ = read_input(translation)
    if output is not None:
        _check_output(output, source)
        _check_output(output, translation)
    fmt = _default_format(fmt, output)
    translator = Translator(options=TranslateOptions(device=device, threads=threads)) if roundtrip else None
    with _status(f"Checking {name or 'standard input'}…"):
        result = check_external(
            source_text, translation_text, source_lang=source_lang, target_lang=target_lang, translator=translator, source_name=name
        )
    _emit(result, fmt, output)
    _fail_on(result, fail_on)


def _fail_on(result, level: str | None) -> None:
    """Exit 4 (after the output is written) when flags at ``level`` or worse exist."""
    if level is None:
        return
    from vnsum.checking import count_flags

    n = count_flags(result, level)
    if n:
        raise ProblemsFound(f"{n} flag{'s' if n != 1 else ''} of severity {level} or worse (--fail-on {level})")


def _prepare(path: str | None, output: Path | None, fmt: str | None) -> tuple[str, str | None, str]:
    """Read the input, check the output path, and settle the format (before any model loads)."""
    text, name = _read(path)
    if output is not None:
        _check_output(output, path)
    return text, name, _default_format(fmt, output)


def _default_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for; else by the -o suffix; else view on a terminal, text in a pipe."""
    if fmt:
        return fmt
    if output is not None:
        return _SUFFIX_FORMATS.get(output.suffix.lower(), "text")
    return "view" if sys.stdout.isatty() else "text"


def _read(path: str | None) -> tuple[str, str | None]:
    from vnsum.textio import read_input

    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("no input: give a file, or - to read standard input")
        path = "-"
    return read_input(path)


def _check_output(output: Path, path: str | None) -> None:
    if path not in (None, "-") and Path(path).exists() and output.exists() and output.resolve() == Path(path).resolve():
        raise InputError(f"refusing to overwrite the input file {path} with its translation")
    if output.exists() and output.is_dir():
        raise InputError(f"{output} is a directory")
    if not output.parent.exists():
        raise InputError(f"{output.parent}: no such directory")


def _emit(result, fmt: str, output: Path | None) -> None:
    """Render to stdout, or to a temp file renamed over ``output`` only when complete."""
    from vnsum.views import write

    if output is None:
        write(result, fmt, sys.stdout, color=fmt == "view" and sys.stdout.isatty(), width=None)
        if fmt == "text":  # the other formats show warnings and flags themselves; a pipe gets them on stderr
            for warning in result.warnings:
                click.echo(f"vnsum: note: {warning}", err=True)
            _echo_flags(result)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            write(result, fmt, stream, color=False, width=120)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _echo_flags(result) -> None:
    """Flags on stderr, one line each, for the text format (stdout stays the clean output)."""
    from vnsum.summary import Summary
    from vnsum.views.common import flag_text

    items = [(s.text, s.flags) for s in result.sentences] if isinstance(result, Summary) else [(s.source, s.flags) for s in result.segments]
    for n, (text, flags) in enumerate(items, 1):
        for flag in flags:
            click.echo(f"vnsum: {flag.severity}: sentence {n}: {flag_text(flag)} — {text[:60]}", err=True)


def _status(message: str):
    """A spinner on stderr while models load and run, only when stderr is a terminal."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


@main.group(invoke_without_command=True)
@click.pass_context
def models(ctx: click.Context) -> None:
    """List the models each command uses, whether they are cached, and their licences."""
    if ctx.invoked_subcommand is not None:
        return
    from vnsum.models import MODELS, is_cached

    header = ("task", "model", "set by", "cached", "licence")
    rows = [
        (
            info.task,
            info.name,
            f"${info.env_var}" if info.name != info.default else "default",
            "yes" if is_cached(info.name) else "no",
            info.license,
        )
        for info in MODELS.values()
    ]
    if not sys.stdout.isatty():  # a pipe gets tab-separated lines, easy to grep and cut
        for row in (header, *rows):
            click.echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in header:
        table.add_column(column, overflow="fold")  # model paths are shown whole, never cut
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@models.command("pull")
@click.argument("names", nargs=-1)
@click.option("--all", "pull_all", is_flag=True, help="Also the models of --strategy direct and --method llm (several GB).")
def models_pull(names: tuple[str, ...], pull_all: bool) -> None:
    """Download models for later offline use [default: translation both ways and the summarizer]."""
    from vnsum.models import DEFAULT_PULL, MODELS, pull

    for name in names or [info.name for key, info in MODELS.items() if pull_all or key in DEFAULT_PULL]:
        click.echo(f"pulling {name} …", err=True)
        click.echo(f"{name}: {pull(name)}")


from vnsum.cli_batch import batch  # noqa: E402

main.add_command(batch)
