"""Summary writers: a finished ``Summary`` in every format (see ``vnsum.views``).

Views only render. The sentences, their source-language versions, the evidence
indices, the unsupported numbers and names, the prompt and the warnings were all
decided by the summarizer and stored in the ``Summary``; nothing here recomputes
them. Evidence is shown with the index stored in the ``Summary`` (0-based, as in
``source_sentences`` of the JSON), so ``[3]`` in the view, in markdown and in
``--format json`` all point at the same article sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from vnsum.summary import Summary, SummarySentence
from vnsum.views.common import (
    FLAG_STYLES,
    MIN_SIDE_BY_SIDE,
    direction,
    flag_text,
    format_seconds,
    make_console,
    md_line,
    md_warnings,
    name_of,
    plural,
    print_tally,
    print_warnings,
    tally,
    write_json,
    write_text,
)

_Writer = Callable[[Summary, TextIO, bool, int | None], None]

_EVIDENCE_STYLE = "dim"
_SOURCE_STYLE = "dim"
_UNSUPPORTED_STYLE = "bold red"
_MISSING = "(not among the article's sentences)"
_ITSELF = "(this very sentence of the article)"


# --------------------------------------------------------------------------- helpers


def _two_languages(summary: Summary) -> bool:
    return summary.source_lang != summary.target_lang


def _show_source(summary: Summary, sentence: SummarySentence) -> bool:
    """Whether the source-language sentence adds anything next to ``text``."""
    return bool(sentence.source_text) and sentence.source_text != sentence.text


def _evidence(summary: Summary, sentence: SummarySentence) -> list[tuple[int, str]]:
    """(index, article sentence) for each evidence index, best first, as stored; a sentence
    that is its own evidence (extractive) is not repeated, only its place is given."""
    n = len(summary.source_sentences)
    out = []
    for i in sentence.evidence:
        text = summary.source_sentences[i] if 0 <= i < n else _MISSING
        out.append((i, _ITSELF if text == sentence.source_text else text))
    return out


def _unsupported_note(sentence: SummarySentence) -> str:
    return "⚠ unsupported: " + ", ".join(sentence.unsupported)


def _rounds(summary: Summary) -> str:
    stats = summary.stats
    return f"{plural(stats.pieces, 'piece')}, {plural(stats.rounds, 'round')}"


# ------------------------------------------------------------------ plain formats


def _md_header_line(summary: Summary) -> str:
    stats = summary.stats
    facts = [
        direction(summary.source_lang, summary.target_lang),
        f"method {summary.method}",
        f"strategy {summary.strategy}",
        f"model `{summary.model}`" if summary.model else "no model",
    ]
    if summary.translation_model:
        facts.append(f"translation model `{summary.translation_model}`")
    facts += [plural(stats.pieces, "piece"), plural(stats.rounds, "round"), format_seconds(stats.seconds)]
    return " · ".join(facts)


def _md_item(summary: Summary, number: int, sentence: SummarySentence) -> list[str]:
    """One numbered item; its details indented under it so they stay inside the item."""
    marker = f"{number}. "
    indent = " " * len(marker)
    lines = [marker + md_line(sentence.text)]
    if _show_source(summary, sentence):
        lines += ["", f"{indent}_{summary.source_lang}:_ {md_line(sentence.source_text)}"]
    evidence = _evidence(summary, sentence)
    if evidence:
        lines.append("")
        for k, (i, text) in enumerate(evidence):
            if k:
                lines.append(f"{indent}>")
            lines.append(f"{indent}> [{i}] {md_line(text)}")
    if sentence.flags:  # --check ran: its flags include the unsupported items
        lines += ["", *(f"{indent}**{md_line(flag_text(f))}**  " for f in sentence.flags)]
    elif sentence.unsupported:
        lines += ["", f"{indent}**{_unsupported_note(sentence)}**"]
    return lines


def _md_fence(text: str) -> str:
    """A code fence longer than any backtick run in ``text``, so the prompt cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _write_markdown(summary: Summary, stream: TextIO, color: bool, width: int | None) -> None:
    """A document for reports: header, numbered summary with its evidence, prompt, warnings."""
    lines = [f"# {name_of(summary.source_name)}", "", _md_header_line(summary), ""]
    lines += [f"## Summary ({summary.target_lang})", ""]
    for number, sentence in enumerate(summary.sentences, 1):
        if number > 1:
            lines.append("")
        lines += _md_item(summary, number, sentence)
    checks = tally((s.flags for s in summary.sentences), summary.check_score)
    if checks:
        lines += ["", f"**{checks}**"]
    if summary.prompt is not None:
        fence = _md_fence(summary.prompt)
        lines += ["", "<details>", "<summary>Prompt</summary>", "", fence, summary.prompt.rstrip("\n"), fence, "", "</details>"]
    lines += md_warnings(summary.warnings)
    stream.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ terminal view


def _header(summary: Summary) -> Panel:
    """The facts a reader wants before the summary: what, which way, how, how long."""
    rows = [
        ("File", name_of(summary.source_name)),
        ("Direction", direction(summary.source_lang, summary.target_lang)),
        ("Method", summary.method),
        ("Strategy", summary.strategy),
        ("Model", summary.model or "none"),
    ]
    if summary.translation_model:
        rows.append(("Translation model", summary.translation_model))
    rows += [("Pieces", _rounds(summary)), ("Time", format_seconds(summary.stats.seconds))]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(label, Text(value))
    return Panel(grid, title="vnsum summary", title_align="left", expand=False)


def _evidence_lines(summary: Summary, sentence: SummarySentence) -> list[Text]:
    return [Text(f"[{i}] {text}", style=_EVIDENCE_STYLE) for i, text in _evidence(summary, sentence)]


def _unsupported_lines(sentence: SummarySentence) -> list[Text]:
    if sentence.flags:  # --check ran: its flags include the unsupported items
        return [Text(flag_text(f), style=FLAG_STYLES.get(f.severity, "")) for f in sentence.flags]
    return [Text(_unsupported_note(sentence), style=_UNSUPPORTED_STYLE)] if sentence.unsupported else []


def _number(n: int) -> Text:
    return Text(f"{n}.", style="bold")


def _table(summary: Summary, titles: tuple[str, ...]) -> Table:
    table = Table(
        box=box.MINIMAL,
        expand=True,
        show_edge=False,
        pad_edge=False,
        show_lines=True,
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    for title in titles:
        table.add_column(title, ratio=1, overflow="fold")
    return table


def _side_by_side(summary: Summary) -> Table:
    """Target text (with its unsupported marker) | source text (with its evidence)."""
    table = _table(summary, (f"Summary ({summary.target_lang})", f"Source ({summary.source_lang})"))
    for n, sentence in enumerate(summary.sentences, 1):
        target = Group(Text(sentence.text), *_unsupported_lines(sentence))
        source = Group(Text(sentence.source_text), *_evidence_lines(summary, sentence))
        table.add_row(_number(n), target, source)
    return table


def _sentence_cell(summary: Summary, sentence: SummarySentence) -> Group:
    """A summary sentence, its source text (when it differs), markers and evidence below it."""
    parts: list[RenderableType] = [Text(sentence.text)]
    if _show_source(summary, sentence):
        parts.append(Text(sentence.source_text, style=_SOURCE_STYLE))
    parts += _unsupported_lines(sentence) + _evidence_lines(summary, sentence)
    return Group(*parts)


def _one_column(summary: Summary) -> Table:
    """Same language on both sides: the sentence, its marker and its evidence under it."""
    table = _table(summary, (f"Summary ({summary.target_lang})",))
    for n, sentence in enumerate(summary.sentences, 1):
        table.add_row(_number(n), _sentence_cell(summary, sentence))
    return table


def _stacked(summary: Summary) -> Table:
    """Narrow terminals: each sentence, then its source text, marker and evidence below it."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for n, sentence in enumerate(summary.sentences, 1):
        if n > 1:
            grid.add_row("", "")
        grid.add_row(_number(n), _sentence_cell(summary, sentence))
    return grid


def _write_view(summary: Summary, stream: TextIO, color: bool, width: int | None) -> None:
    """Side by side when the languages differ; stacked below 80 columns. Never cut."""
    console = make_console(stream, color, width)
    console.print(_header(summary))
    console.print()
    if console.width < MIN_SIDE_BY_SIDE:
        body: RenderableType = _stacked(summary)
    elif _two_languages(summary):
        body = _side_by_side(summary)
    else:
        body = _one_column(summary)
    console.print(body, overflow="fold")
    print_tally(console, tally((s.flags for s in summary.sentences), summary.check_score))
    print_warnings(console, summary.warnings)


WRITERS: dict[str, _Writer] = {
    "view": _write_view,
    "text": write_text,
    "json": write_json,
    "markdown": _write_markdown,
}
