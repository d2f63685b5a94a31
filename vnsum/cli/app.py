"""The ``vnsum`` group: the one table from domain error to exit code, and their wording.

Exit codes: 0 ok, 1 unexpected error (traceback only with --debug), 2 bad input or
usage, 3 model unavailable, 4 problems found (failed inputs, ``--fail-on`` flags), 130
interrupted. Library errors carry facts; this module words them for the command line
(a setting becomes its flag, an unavailable model gets the way to get it).
"""

from __future__ import annotations

import os
import traceback
from typing import Any

import click

from vnsum.cli.options import debug_option
from vnsum.errors import InputError, Interrupted, ModelUnavailableError, ProblemsFound, VnsumError

#: Domain error → exit code; the first class that matches wins (subclasses first).
EXIT_CODES: tuple[tuple[type[VnsumError], int], ...] = (
    (Interrupted, 130),
    (ProblemsFound, 4),
    (ModelUnavailableError, 3),
    (InputError, 2),
    (VnsumError, 1),
)

#: Library settings named in error messages → the flags that set them.
FLAGS = {
    "device": "--device",
    "backend": "--backend",
    "compute_type": "--compute-type",
    "sentences": "--sentences",
    "max_chars": "--max-chars",
    "strategy": "--strategy",
    "source_lang": "--from",
    "engine": "--engine",
    "workers": "--workers",
    "gpus_per_worker": "--gpus-per-worker",
    "article_timeout": "--article-timeout",
}


def exit_code(error: VnsumError) -> int:
    return next(code for cls, code in EXIT_CODES if isinstance(error, cls))


def describe(error: BaseException) -> str:
    """An error's one-line message in the command line's words."""
    if not isinstance(error, VnsumError):
        return str(error)
    text = error.worded(FLAGS)
    if isinstance(error, ModelUnavailableError) and error.local:
        text += (
            " A model folder needs what save_pretrained writes (config.json, the weights, the tokenizer files): "
            "save or copy it again, or pass another folder or a hub id with --model or the model's VNSUM_MODEL_* variable."
        )
    elif isinstance(error, ModelUnavailableError):
        text += (
            f" Download it on a connected machine with `vnsum models pull {error.model}` "
            "(then copy the Hugging Face cache), or pass a local model folder with --model "
            "or the model's VNSUM_MODEL_* variable (see `vnsum models`)."
        )
    return text


class VnsumGroup(click.Group):
    """Turns domain errors into one-line messages and exit codes, for every command; usage
    errors too (click's own are a four-line block)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:  # the group's own options
            _usage(e)
            raise click.exceptions.Exit(e.exit_code) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VnsumError as e:
            _fail(ctx, describe(e), exit_code(e), e)
        except click.UsageError as e:  # a command's options and arguments, an unknown command
            _usage(e)
            ctx.exit(e.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            _fail(ctx, "interrupted", 130, None)
        except Exception as e:  # the last resort: a short message, a traceback on request
            hint = "" if _debug(ctx) else " (run with --debug for the traceback)"
            _fail(ctx, f"unexpected error: {type(e).__name__}: {e}{hint}", 1, e)


def _usage(error: click.UsageError) -> None:
    """A usage error on one line, with where to look."""
    where = f" (see `{error.ctx.command_path} --help`)" if error.ctx is not None else ""
    click.echo(f"vnsum: error: {' '.join(error.format_message().split())}{where}", err=True)


def _fail(ctx: click.Context, message: str, code: int, error: BaseException | None) -> None:
    if error is not None and _debug(ctx):
        traceback.print_exception(error)
    click.echo(f"vnsum: error: {message}", err=True)
    ctx.exit(code)


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("VNSUM_DEBUG") == "1"


@click.group(cls=VnsumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnsum")
@debug_option
def main() -> None:
    """Translate Vietnamese and English news faithfully, and check it side by side."""
