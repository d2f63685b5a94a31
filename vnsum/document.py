"""Splitting a document into paragraphs, and telling prose from page noise.

Scraped news keeps its line structure: a title, a media-player line ``0:00 / 0:00``,
photo captions, a ``date 2024-12-04`` line. Each non-empty line is a paragraph, so the
output has the input's layout; lines that are not prose (timestamps, bare URLs, lines
of only numbers and dates) pass through untouched — shown, never dropped, never sent to
a model. Hard-wrapped prose (a line that stops mid-sentence and a next line that goes
on in lower case) is joined back into one paragraph so sentences are not cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from vnsum.result import ParagraphKind
from vnsum.webpage import markup_runs

_URL = r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"
_NUMBERISH = r"[\d\s.,:;/\-–—+%()#°'\"]+"
_PASSTHROUGH = re.compile(
    rf"^\s*(?:(?:{_URL})\s*)+$"  # bare URLs / e-mails
    rf"|^{_NUMBERISH}$"  # only numbers, dates, times: 0:00 / 0:00, 17/7/2024
    r"|^\s*[^\W\d_]+\s+\d+[.,:/\-]\d[\d\s.,:/\-]*$"  # one word and a date/time: "date 2024-12-04", not "Chương 3"
    r"|^[\W_]+$",  # only punctuation or symbols: "* * *", "---"
)
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’)\]»]\s*$")


@dataclass(frozen=True)
class RawParagraph:
    """A paragraph before translation: its text, kind and the line breaks before it."""

    text: str
    kind: ParagraphKind
    newlines_before: int


def is_passthrough(line: str) -> bool:
    """True for lines that are not prose: timestamps, URLs, numbers, dates, rules."""
    return bool(_PASSTHROUGH.match(line))


def split_paragraphs(text: str) -> list[RawParagraph]:
    """Paragraphs of ``text`` in order; joining their text gives ``text`` up to whitespace."""
    paragraphs: list[RawParagraph] = []
    newlines = 0
    for line in text.split("\n"):
        if not line.strip():
            newlines += 1
            continue
        kind: ParagraphKind = "passthrough" if is_passthrough(line) else "text"
        gap = newlines + 1 if paragraphs else 0
        prev = paragraphs[-1] if paragraphs else None
        if prev and gap == 1 and kind == "text" and prev.kind == "text" and _continues(prev.text, line):
            paragraphs[-1] = RawParagraph(prev.text + "\n" + line, "text", prev.newlines_before)
        else:
            paragraphs.append(RawParagraph(line, kind, gap))
        newlines = 0
    return paragraphs


def split_markup(html: str) -> list[RawParagraph]:
    """Paragraphs of a page read raw: each run of markup (tags, comments, scripts, styles and
    the whitespace around them) passes through verbatim, on the same line as its neighbours
    (``newlines_before`` 0); the text between tags is split like any text. Joined, they give
    ``html`` back exactly, so only the text is translated and every tag stays where it was."""
    paragraphs: list[RawParagraph] = []
    for run, is_markup in markup_runs(html):
        if is_markup:
            paragraphs.append(RawParagraph(run, "passthrough", 0))
            continue
        parts = split_paragraphs(run)
        if parts:
            parts[0] = replace(parts[0], newlines_before=0)
        paragraphs += parts
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous stops mid-sentence, this one goes on in lower case."""
    first = line.lstrip()[:1]
    return not _ENDS_SENTENCE.search(previous) and first.isalpha() and first.islower()
