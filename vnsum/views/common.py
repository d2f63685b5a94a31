"""Helpers shared by the translation and summary writers (one place, no copy-paste)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from vnsum.result import Flag, Translation
    from vnsum.summary import Summary

# Below this width two columns get too narrow to read, so the views stack instead.
MIN_SIDE_BY_SIDE = 80


def make_console(stream: TextIO, color: bool, width: int | None) -> Console:
    """A console writing to ``stream``: plain unless ``color``, which still honours NO_COLOR."""
    return Console(
        file=stream,
        force_terminal=color,
        # None (not False) when colour is wanted, so rich still honours NO_COLOR.
        no_color=None if color else True,
        width=width,
        highlight=False,
        soft_wrap=False,
    )


def write_text(result: Translation | Summary, stream: TextIO, color: bool, width: int | None) -> None:
    """Just the result's text (translation or summary), so ``| grep`` and ``>`` work."""
    stream.write(result.text + "\n")


def write_json(result: Translation | Summary, stream: TextIO, color: bool, width: int | None) -> None:
    """The full schema; ``ensure_ascii=False`` keeps Vietnamese readable."""
    stream.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")


def name_of(source_name: str | None) -> str:
    return source_name or "stdin"


def direction(source_lang: str, target_lang: str) -> str:
    return f"{source_lang} → {target_lang}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_seconds(value: float) -> str:
    return f"{value:.2f} s"


def print_warnings(console: Console, warnings: Iterable[str]) -> None:
    """Warnings after the body, one per line, yellow, never cut."""
    warnings = tuple(warnings)
    if not warnings:
        return
    console.print()
    for warning in warnings:
        console.print(Text(f"⚠ {warning}", style="yellow"), overflow="fold")


# ------------------------------------------------------------------------ markdown


def md_line(text: str) -> str:
    """Collapse all whitespace (newlines included) so ``text`` stays on one markdown line."""
    return " ".join(text.split())


def md_cell(text: str) -> str:
    """Make ``text`` safe in one table cell: a pipe or newline would break the row."""
    return md_line(text.replace("\\", "\\\\").replace("|", "\\|"))


def md_warnings(warnings: Iterable[str]) -> list[str]:
    """The ``## Warnings`` section as markdown lines (none when there are no warnings)."""
    warnings = tuple(warnings)
    if not warnings:
        return []
    return ["", "## Warnings", "", *(f"- {md_line(w)}" for w in warnings)]


# --------------------------------------------------------------------------- flags

FLAG_MARKS = {"error": "✖", "warning": "⚠", "info": "ℹ"}
FLAG_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def flag_text(flag: Flag) -> str:
    """``✖ number: 16/7 is missing`` — one line per flag."""
    return f"{FLAG_MARKS.get(flag.severity, '•')} {flag.kind}: {md_line(flag.detail)}"


def flag_lines(flags: Iterable[Flag]) -> Text:
    """Flags as styled lines for a rich cell (empty Text when there are none)."""
    out = Text()
    for flag in flags:
        out.append("\n" + flag_text(flag), style=FLAG_STYLES.get(flag.severity, ""))
    return out


def tally(flag_groups: Iterable[Iterable[Flag]], score: float | None) -> str | None:
    """``Checks: 2 errors, 1 warning, 0 info · score 87/100``, or None when checks did not run."""
    if score is None:
        return None
    counts = {"error": 0, "warning": 0, "info": 0}
    for flags in flag_groups:
        for flag in flags:
            counts[flag.severity] = counts.get(flag.severity, 0) + 1
    parts = [plural(counts["error"], "error"), plural(counts["warning"], "warning"), f"{counts['info']} info"]
    return f"Checks: {', '.join(parts)} · score {score:.0f}/100"


def print_tally(console: Console, line: str | None) -> None:
    if line:
        console.print()
        console.print(Text(line, style="bold"), overflow="fold")
