"""Translation writers: a finished ``Translation`` in every format (see ``vnsum.views``).

Views only render. Everything they show (text, splits, stats, warnings) was decided
by the translator and stored in the ``Translation``; nothing here recomputes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from vnsum.result import Paragraph, Segment, Translation
from vnsum.views.common import (
    FLAG_MARKS,
    FLAG_STYLES,
    MIN_SIDE_BY_SIDE,
    direction,
    flag_lines,
    flag_text,
    format_seconds,
    make_console,
    md_cell,
    md_warnings,
    name_of,
    plural,
    print_tally,
    print_warnings,
    tally,
    write_json,
    write_text,
)

_Writer = Callable[[Translation, TextIO, bool, int | None], None]

_PASSTHROUGH_STYLE = "dim italic"


# --------------------------------------------------------------------------- helpers


def _name(translation: Translation) -> str:
    return name_of(translation.source_name)


def _direction(translation: Translation) -> str:
    return direction(translation.source_lang, translation.target_lang)


def _split_note(segment: Segment) -> str:
    return f"✂ split into {len(segment.pieces)} pieces"


# ------------------------------------------------------------------ plain formats


def _md_italic(text: str) -> str:
    return f"_{text}_" if text else ""


def already_in(lang: str | None) -> str:
    """The mark of a paragraph that was in the target language already: "already in English"."""
    from vnsum.models import LANGUAGE_NAMES

    return f"already in {LANGUAGE_NAMES.get(lang or '', lang)}"


def _md_row(paragraph: Paragraph, segment: Segment) -> str:
    source = md_cell(segment.source)
    target = md_cell(segment.translation)
    if paragraph.kind == "passthrough":
        source, target = _md_italic(source), _md_italic(target)
        if paragraph.already_translated:
            target += f" _({already_in(paragraph.source_lang)})_"
    elif not target:
        target = "**[no output]**"
    if segment.split:
        target += f" _(split into {len(segment.pieces)} pieces)_"
    for flag in segment.flags:
        target += f"<br>**{md_cell(flag_text(flag))}**"
    return f"| {source} | {target} |"


def _write_markdown(translation: Translation, stream: TextIO, color: bool, width: int | None) -> None:
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
                plural(stats.sentences, "sentence"),
                format_seconds(stats.seconds),
            )
        ),
        "",
        f"| Source ({src}) | Translation ({tgt}) |",
        "| --- | --- |",
    ]
    for paragraph in translation.paragraphs:
        lines.extend(_md_row(paragraph, segment) for segment in paragraph.segments)
    checks = _tally(translation)
    if checks:
        lines += ["", f"**{checks}**"]
    lines += md_warnings(translation.warnings)
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
        ("Time", format_seconds(stats.seconds)),
        ("Sentences", str(stats.sentences)),
        ("Split", split),
    ):
        grid.add_row(label, Text(value))
    return Panel(grid, title="vnsum", title_align="left", expand=False)


def _marked(text: str, flags: list[str], style: str) -> Text:
    """``text``, after the mark of the worst of ``flags`` (severities), so flagged rows stand out."""
    worst = next((sev for sev in ("error", "warning", "info") if sev in flags), None)
    if worst is None:
        return Text(text, style=style)
    marked = Text(f"{FLAG_MARKS[worst]} ", style=FLAG_STYLES[worst])
    marked.append(text, style=style)
    return marked


def _source_cell(paragraph: Paragraph) -> Text:
    style = _PASSTHROUGH_STYLE if paragraph.kind == "passthrough" else ""
    return _marked(paragraph.source, [f.severity for s in paragraph.segments for f in s.flags], style)


def _tally(translation: Translation) -> str | None:
    return tally((s.flags for s in translation.segments), translation.check_score)


def _translation_cell(paragraph: Paragraph, segments: tuple[Segment, ...] | None = None) -> Text:
    """The translation of ``segments`` (default: the whole paragraph), with a visible mark on
    split or empty sentences and each sentence's flags under it."""
    passthrough = paragraph.kind == "passthrough"
    out = Text(style=_PASSTHROUGH_STYLE if passthrough else "")
    for i, segment in enumerate(paragraph.segments if segments is None else segments):
        if i:
            out.append(" ")
        if segment.translation:
            out.append(segment.translation)
        elif not passthrough:
            out.append("[no output]", style="bold red")
        if segment.split:
            out.append(f" {_split_note(segment)}", style="magenta")
        out.append_text(flag_lines(segment.flags))
    if paragraph.already_translated:
        out.append(f" ({already_in(paragraph.source_lang)})", style="italic cyan")
    return out


def _rows(paragraph: Paragraph) -> list[tuple[Text, Text]]:
    """(source, translation) cells: one row per paragraph, or, once a paragraph of several
    sentences has flags, one row per sentence, each with its own mark and flags (a flag
    line would otherwise run into the next sentence's translation)."""
    segments = paragraph.segments
    if len(segments) < 2 or not any(s.flags for s in segments):
        return [(_source_cell(paragraph), _translation_cell(paragraph))]
    style = _PASSTHROUGH_STYLE if paragraph.kind == "passthrough" else ""
    return [(_marked(s.source, [f.severity for f in s.flags], style), _translation_cell(paragraph, (s,))) for s in segments]


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
        for source, target in _rows(paragraph):
            table.add_row(source, target)
    return table


def _stacked(translation: Translation) -> Group:
    """Narrow terminals: each source (dim) then its translation, indented below it."""
    parts: list[Text | Padding] = []
    for i, paragraph in enumerate(translation.paragraphs):
        for k, (source, target) in enumerate(_rows(paragraph)):
            if i or k:
                parts.append(Text(""))
            source.stylize("dim")
            parts.append(source)
            parts.append(Padding(target, (0, 0, 0, 2), expand=False))
    return Group(*parts)


def _write_view(translation: Translation, stream: TextIO, color: bool, width: int | None) -> None:
    """Side by side for humans; stacked below 80 columns. Long text wraps, never cut."""
    console = make_console(stream, color, width)
    console.print(_header(translation))
    console.print()
    if console.width < MIN_SIDE_BY_SIDE:
        console.print(_stacked(translation), overflow="fold")
    else:
        console.print(_side_by_side(translation), overflow="fold")
    print_tally(console, _tally(translation))
    print_warnings(console, translation.warnings)


WRITERS: dict[str, _Writer] = {
    "view": _write_view,
    "text": write_text,
    "json": write_json,
    "markdown": _write_markdown,
}
