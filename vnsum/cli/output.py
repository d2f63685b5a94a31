"""Input and output of the document commands: read the input, settle the format, write the
result (to stdout, or atomically to a file), show flags and spinners, and ``--fail-on``."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vnsum.errors import InputError, ProblemsFound
from vnsum.formats import FOREIGN_SUFFIXES, SUFFIX_FORMATS

if TYPE_CHECKING:
    from vnsum.result import Translation
    from vnsum.sources import Source
    from vnsum.summary import Summary

R = TypeVar("R", "Translation", "Summary")


def prepare(path: str | None, output: Path | None, fmt: str | None, *, raw: bool = False) -> tuple[Source, str]:
    """Read the input (a web page gives its article, or with ``raw`` the whole page), check
    the output path, and settle the format (before any model loads)."""
    fmt = default_format(fmt, output)
    if output is not None:
        check_output(output, path)
    return read(path, raw=raw), fmt


def default_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for; else by the -o suffix; else view on a terminal, text in a pipe.
    A suffix of a format vnsum does not write (``.html``) is refused, not filled with text."""
    if fmt:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix in FOREIGN_SUFFIXES:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            raise InputError(f"vnsum does not write {suffix} files: name the output .txt, {known}, or choose its format with -f")
        return SUFFIX_FORMATS.get(suffix, "text")
    return "view" if sys.stdout.isatty() else "text"


def read(path: str | None, *, raw: bool = False) -> Source:
    from vnsum.sources import read_source

    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("no input: give a file, or - to read standard input")
        path = "-"
    return read_source(path, raw=raw)


def noted(result: R, source: Source) -> R:
    """``result`` with the note on what was read from a web page among its warnings."""
    import dataclasses

    note = source.note
    return dataclasses.replace(result, warnings=(note, *result.warnings)) if note else result


def check_output(output: Path, path: str | None) -> None:
    """Refuse, before any work, an output that is the input, a folder, or cannot be written."""
    from vnsum.textio import check_writable

    if path not in (None, "-") and Path(path).exists() and output.exists() and output.resolve() == Path(path).resolve():
        raise InputError(f"refusing to overwrite the input file {path}: give -o another file")
    if output.exists() and output.is_dir():
        raise InputError(f"{output} is a directory")
    check_writable(output)


def emit(result: Translation | Summary, fmt: str, output: Path | None) -> None:
    """Render to stdout, or to ``output`` atomically (only ever complete)."""
    from vnsum.textio import atomic_write
    from vnsum.views import write

    if output is None:
        write(result, fmt, sys.stdout, color=fmt == "view" and sys.stdout.isatty(), width=None)
        if fmt == "text":  # the other formats show warnings and flags themselves; a pipe gets them on stderr
            for warning in result.warnings:
                click.echo(f"vnsum: note: {warning}", err=True)
            echo_flags(result)
        return
    stream = io.StringIO()
    write(result, fmt, stream, color=False, width=120)
    atomic_write(output, stream.getvalue())


def echo_flags(result: Translation | Summary) -> None:
    """Flags on stderr, one line each, for the text format (stdout stays the clean output)."""
    from vnsum.summary import Summary
    from vnsum.views.common import flag_text

    items = [(s.text, s.flags) for s in result.sentences] if isinstance(result, Summary) else [(s.source, s.flags) for s in result.segments]
    for n, (text, flags) in enumerate(items, 1):
        for flag in flags:
            # "flag", not "vnsum: error:": a finding is not a failure of the command (exit 0 unless --fail-on)
            click.echo(f"vnsum: flag: sentence {n} ({flag.severity}): {flag_text(flag)} — {text[:60]}", err=True)


def status(message: str) -> Any:
    """A spinner on stderr while models load and run, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


class SentenceProgress:
    """Sentences done out of ``total`` on stderr while a document is translated: a rich bar
    (count, rate, ETA) when stderr is a terminal, whatever stdout or -o is; plain lines every
    few seconds in a pipe with ``verbose``; nothing otherwise. The model reports pieces (a
    repeated sentence is translated once, a long one in pieces): they are scaled to sentences."""

    def __init__(self, label: str, total: int, unique: int, verbose: bool = False, interval: float = 5.0) -> None:
        self.label, self.total, self.unique, self.verbose, self.interval = label, total, max(1, unique), verbose, interval
        self.pieces = 0
        self.bar: Any = None
        self.task: Any = None
        self.start = self.last = 0.0

    @property
    def done(self) -> float:
        return min(self.pieces, self.unique) * self.total / self.unique

    def __enter__(self) -> SentenceProgress:
        import time

        self.start = self.last = time.perf_counter()
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

            columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("sentences"))
            rate = TextColumn("{task.fields[rate]}")
            self.bar = Progress(*columns, rate, TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task(self.label, total=self.total, rate="")
            self.bar.start()
        return self

    def __call__(self, pieces: int) -> None:
        """The translator's progress callback: ``pieces`` more pieces are translated."""
        import time

        self.pieces += pieces
        now = time.perf_counter()
        rate = self.done / max(1e-9, now - self.start)
        if self.bar is not None:
            self.bar.update(self.task, completed=round(self.done), rate=f"{rate:.1f}/s")
        elif self.verbose and (now - self.last >= self.interval or self.pieces >= self.unique):
            self.last = now
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            click.echo(f"vnsum: {self.label}: {self.done:.0f}/{self.total} sentences, {rate:.1f}/s, ETA {eta:.0f} s", err=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def fail_on(result: Translation | Summary, level: str | None) -> None:
    """Exit 4 (after the output is written) when flags at ``level`` or worse exist."""
    if level is None:
        return
    from vnsum.checking import count_flags

    n = count_flags(result, level)
    if n:
        raise ProblemsFound(f"{n} flag{'s' if n != 1 else ''} of severity {level} or worse (--fail-on {level})")
