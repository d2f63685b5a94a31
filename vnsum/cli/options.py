"""Options shared by several commands: input/output, the translation engine, the checks, --debug."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vnsum.formats import FORMATS

if TYPE_CHECKING:
    from vnsum.summarize import SummaryOptions
    from vnsum.translator import TranslateOptions

F = TypeVar("F", bound=Callable[..., Any])

LANG_CHOICE = click.Choice(["vi", "en"])
SOURCE_LANG_CHOICE = click.Choice(["auto", "vi", "en"])
DEVICE_CHOICE = click.Choice(["auto", "cpu", "cuda"])
FORMAT_CHOICE = click.Choice(FORMATS)
METHOD_CHOICE = click.Choice(["abstractive", "extractive", "llm"])
STRATEGY_CHOICE = click.Choice(["summarize-first", "translate-first", "direct"])


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["debug"] = True
        root = ctx.find_root()
        root.ensure_object(dict)["debug"] = True
    return value


debug_option = click.option(
    "--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug, help="Show full tracebacks for unexpected errors."
)


@dataclass(frozen=True)
class DocumentIO:
    """The input and output options of a document command (``io_options``)."""

    path: str | None
    source_lang: str
    fmt: str | None
    output: Path | None
    device: str
    beams: int | None
    threads: int | None


@dataclass(frozen=True)
class CheckFlags:
    """``--check``, ``--roundtrip``, ``--fail-on`` (``check_options``)."""

    check: bool
    roundtrip: bool
    fail_on: str | None

    @property
    def wanted(self) -> bool:
        """Whether the checks run: each of the three asks for them."""
        return bool(self.check or self.roundtrip or self.fail_on)


def _apply(f: F, decorators: list[Callable[[Any], Any]]) -> F:
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def _bundled(f: F, name: str, cls: type) -> F:
    """``f`` taking the fields of dataclass ``cls`` as one argument ``name`` instead of as
    separate keyword arguments (click passes those)."""
    names = [field.name for field in fields(cls)]

    @functools.wraps(f)
    def command(*args: Any, **kwargs: Any) -> Any:
        kwargs[name] = cls(**{n: kwargs.pop(n) for n in names})
        return f(*args, **kwargs)

    return command  # type: ignore[return-value]


def max_chars_option(f: F) -> F:
    """The summaries' input limit (``SummaryOptions.max_chars``): memory grows with the input."""
    return click.option(
        "--max-chars",
        type=click.IntRange(1),
        default=None,
        envvar="VNSUM_MAX_CHARS",
        help="Longest input a summary reads, in characters [default: 5,000,000; env VNSUM_MAX_CHARS].",
    )(f)


def check_max_chars_option(f: F) -> F:
    """``check``'s input limit (``check_external(max_chars=)``): time and memory grow with the texts."""
    return click.option(
        "--max-chars",
        type=click.IntRange(1),
        default=None,
        envvar="VNSUM_MAX_CHARS",
        help="Longest SOURCE or TRANSLATION a check reads, in characters [default: 5,000,000; env VNSUM_MAX_CHARS].",
    )(f)


def source_lang_option(f: F) -> F:
    return click.option("--from", "source_lang", type=SOURCE_LANG_CHOICE, default="auto", show_default=True, help="Source language.")(f)


def io_options(f: F) -> F:
    """The input and output options every document command shares, passed as ``io: DocumentIO``."""
    return _apply(
        _bundled(f, "io", DocumentIO),
        [
            click.argument("path", required=False, type=click.Path(dir_okay=True, allow_dash=True, path_type=str)),
            source_lang_option,
            click.option(
                "-f",
                "--format",
                "fmt",
                type=FORMAT_CHOICE,
                default=None,
                help="Output format [default: view on a terminal, text otherwise; by -o suffix].",
            ),
            click.option(
                "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (atomically)."
            ),
            click.option(
                "--device",
                type=DEVICE_CHOICE,
                default="auto",
                show_default=True,
                help="Where models run (fp16 on CUDA).",
            ),
            click.option("--beams", type=click.IntRange(1, 16), default=None, help="Beam size [default: the model's]."),
            click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: torch's]."),
            debug_option,
        ],
    )


def engine_options(f: F) -> F:
    """How the translation model runs: shared by translate and batch."""
    return _apply(
        f,
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
        ],
    )


def check_options(f: F) -> F:
    """Flag what a translation or summary lost or invented (numbers, names, loops...), passed
    as ``checks: CheckFlags``."""
    return _apply(
        _bundled(f, "checks", CheckFlags),
        [
            click.option("--check", is_flag=True, help="Run the checks and flag suspicious sentences."),
            click.option("--roundtrip", is_flag=True, help="Also translate back and score with chrF (implies --check)."),
            click.option(
                "--fail-on",
                type=click.Choice(["warning", "error"]),
                default=None,
                help="Exit with code 4 when flags of this severity or worse exist (implies --check).",
            ),
        ],
    )


def translate_options(
    device: str,
    beams: int | None,
    threads: int | None,
    batch_tokens: int,
    max_input_tokens: int | None,
    backend: str,
    compute_type: str | None,
) -> TranslateOptions:
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


def summary_options(
    method: str,
    strategy: str,
    sentences: int,
    model: str | None,
    device: str,
    beams: int | None,
    threads: int | None,
    prompt_file: Path | None = None,
    max_chars: int | None = None,
) -> SummaryOptions:
    """The SummaryOptions of the summary options (summarize, and batch --summarize)."""
    from vnsum.summarize import MAX_CHARS, SummaryOptions

    return SummaryOptions(
        max_chars=max_chars or MAX_CHARS,
        method=method,
        strategy=strategy,
        sentences=sentences,
        model=model,
        prompt_file=prompt_file,
        device=device,
        beams=beams,
        threads=threads,
    )
