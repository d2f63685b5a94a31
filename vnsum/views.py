"""Output writers: render a finished ``Translation`` in one of several formats.

Views only render. Everything they show (text, splits, stats, warnings) was decided
by the translator and stored in the ``Translation``; nothing here recomputes it, so
every format tells the same story. The writers are keyed by format name, in the
style of whisper's ``get_writer``, so the CLI just passes ``--format`` through.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from vnsum.result import Paragraph, Segment, Translation

_Writer = Callable[[Translation, TextIO, bool, int | None], None]

__all__ = ["FORMATS", "write"]

FORMATS = ("view", "text", "json", "markdown")

# Below this width two columns get too narrow to read, so the view stacks instead.
_MIN_SIDE_BY_SIDE = 80
_PASSTHROUGH_STYLE = "dim italic"


def write(
    translation: Translation,
    fmt: str,
    stream: TextIO,
    *,
    color: bool = False,
    width: int | None = None,
) -> None:
    """Write ``translation`` to ``stream`` in format ``fmt`` (one of ``FORMATS``).

    ``color`` and ``width`` only matter for ``view``; the other formats are meant
    for pipes and files and are always plain.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    writer(translation, stream, color, width)


# --------------------------------------------------------------------------- helpers


def _name(translation: Translation) -> str:
    return translation.source_name or "stdin"


def _direction(translation: Translation) -> str:
    return f"{translation.source_lang} → {translation.target_lang}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _split_note(segment: Segment) -> str:
    return f"✂ split into {len(segment.pieces)} pieces"


# ------------------------------------------------------------------ plain formats


def _write_text(
    translation: Translation, stream: TextIO, color: bool, width: int | None
) -> None:
    """Just the translation with the input's layout, so ``| grep`` and ``>`` work."""
    stream.write(translation.text + "\n")


def _write_json(
    translation: Translation, stream: TextIO, color: bool, width: int | None
) -> None:
    """The full schema; ``ensure_ascii=False`` keeps Vietnamese readable."""
    stream.write(json.dumps(translation.to_dict(), ensure_ascii=False, indent=2) + "\n")


def _md_cell(text: str) -> str:
    """Make ``text`` safe in one table cell: a pipe or newline would break the row."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _md_italic(text: str) -> str:
    return f"_{text}_" if text else ""


def _md_row(paragraph: Paragraph, segment: Segment) -> str:
    source = _md_cell(segment.source)
    target = _md_cell(segment.translation)
    if paragraph.kind == "passthrough":
        source, target = _md_italic(source), _md_italic(target)
    elif not target:
        target = "**[no output]**"
    if segment.split:
        target += f" _(split into {len(segment.pieces)} pieces)_"
    return f"| {source} | {target} |"


def _write_markdown(
    translation: Translation, stream: TextIO, color: bool, width: int | None
) -> None:
    """A document for reports and PRs: header, one table row per sentence, warnings."""
    stats = translation.stats
    src, tgt = translation.source_lang, translation.target_lang
    lines = [
        f"# {_name(translation)}",
        "",
        " · ".join(
            (
                _direction(translation),
                f"model `{translation.model}`",
                _plural(stats.sentences, "sentence"),
                f"{stats.seconds:.2f} s",
            )
        ),
        "",
        f"| Source ({src}) | Translation ({tgt}) |",
        "| --- | --- |",
    ]
    for paragraph in translation.paragraphs:
        lines.extend(_md_row(paragraph, segment) for segment in paragraph.segments)
    if translation.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {' '.join(w.split())}" for w in translation.warnings]
    stream.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ terminal view


def _header(translation: Translation) -> Panel:
    """The facts a reader wants before the body: what, which way, how, how long."""
    stats = translation.stats
    split = f"{stats.split_sentences} of {stats.sentences}"
    if translation.max_input_tokens is not None:
        split += f" (input budget {translation.max_input_tokens} tokens)"
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in (
        ("File", _name(translation)),
        ("Direction", _direction(translation)),
        ("Model", translation.model),
        ("Time", f"{stats.seconds:.2f} s"),
        ("Sentences", str(stats.sentences)),
        ("Split", split),
    ):
        grid.add_row(label, Text(value))
    return Panel(grid, title="vnsum", title_align="left", expand=False)


def _source_cell(paragraph: Paragraph) -> Text:
    style = _PASSTHROUGH_STYLE if paragraph.kind == "passthrough" else ""
    return Text(paragraph.source, style=style)


def _translation_cell(paragraph: Paragraph) -> Text:
    """The paragraph's translation, with a visible mark on split or empty sentences."""
    passthrough = paragraph.kind == "passthrough"
    out = Text(style=_PASSTHROUGH_STYLE if passthrough else "")
    for i, segment in enumerate(paragraph.segments):
        if i:
            out.append(" ")
        if segment.translation:
            out.append(segment.translation)
        elif not passthrough:
            out.append("[no output]", style="bold red")
        if segment.split:
            out.append(f" {_split_note(segment)}", style="magenta")
    return out


def _side_by_side(translation: Translation) -> Table:
    table = Table(
        box=box.MINIMAL,
        expand=True,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
    )
    for title in (
        f"Source ({translation.source_lang})",
        f"Translation ({translation.target_lang})",
    ):
        table.add_column(title, ratio=1, overflow="fold")
    for i, paragraph in enumerate(translation.paragraphs):
        if i and paragraph.newlines_before >= 2:
            table.add_row("", "")
        table.add_row(_source_cell(paragraph), _translation_cell(paragraph))
    return table


def _stacked(translation: Translation) -> Group:
    """Narrow terminals: each source (dim) then its translation, indented below it."""
    parts: list[Text | Padding] = []
    for i, paragraph in enumerate(translation.paragraphs):
        if i:
            parts.append(Text(""))
        source = _source_cell(paragraph)
        source.stylize("dim")
        parts.append(source)
        parts.append(Padding(_translation_cell(paragraph), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def _write_view(
    translation: Translation, stream: TextIO, color: bool, width: int | None
) -> None:
    """Side by side for humans; stacked below 80 columns. Long text wraps, never cut."""
    console = Console(
        file=stream,
        force_terminal=color,
        # None (not False) when colour is wanted, so rich still honours NO_COLOR.
        no_color=None if color else True,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    console.print(_header(translation))
    console.print()
    if console.width < _MIN_SIDE_BY_SIDE:
        console.print(_stacked(translation), overflow="fold")
    else:
        console.print(_side_by_side(translation), overflow="fold")
    if translation.warnings:
        console.print()
        for warning in translation.warnings:
            console.print(Text(f"⚠ {warning}", style="yellow"), overflow="fold")


_WRITERS: dict[str, _Writer] = {
    "view": _write_view,
    "text": _write_text,
    "json": _write_json,
    "markdown": _write_markdown,
}
