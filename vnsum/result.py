"""The dataclasses the library returns: what was translated, piece by piece.

Everything a view or a caller needs is here, so the views only render and never
recompute. ``Translation.to_dict()`` is the JSON schema of ``--format json``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

ParagraphKind = Literal["text", "passthrough"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Flag:
    """A problem a check found in one segment: what kind, how bad, and why (one line)."""

    kind: str  # number | name | untranslated | repetition | length | roundtrip
    severity: Severity
    detail: str


@dataclass(frozen=True)
class Segment:
    """One source sentence and its translation.

    ``pieces`` are the exact strings sent to the model: one for a normal sentence,
    several when the sentence was longer than the model's input budget and had to be
    split (``split`` is then true). A passthrough segment has no pieces and its
    ``translation`` is the source itself.
    """

    source: str
    translation: str
    pieces: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()

    @property
    def split(self) -> bool:
        return len(self.pieces) > 1


@dataclass(frozen=True)
class Paragraph:
    """A line (or a run of hard-wrapped lines) of the input, in order.

    ``newlines_before`` is the number of line breaks between this paragraph and the
    previous one (1: next line, 2 or more: after blank lines; 0: on the same line, as the
    text and tags of a page read raw), so the output keeps the layout of the input.
    """

    kind: ParagraphKind
    segments: tuple[Segment, ...]
    newlines_before: int = 0
    #: The paragraph's language: the document's for prose, ``None`` for page noise, the
    #: target language for a paragraph that was in it already (a mixed document; passed through).
    source_lang: str | None = None

    @property
    def source(self) -> str:
        return " ".join(s.source for s in self.segments)

    @property
    def already_translated(self) -> bool:
        """In the target language already (a paragraph of a mixed document), passed through."""
        return self.kind == "passthrough" and self.source_lang is not None

    @property
    def translation(self) -> str:
        return " ".join(s.translation for s in self.segments)


@dataclass(frozen=True)
class TranslationStats:
    sentences: int
    pieces: int
    split_sentences: int
    unique_pieces: int
    model_calls: int
    seconds: float
    load_seconds: float = 0.0
    hit_length_limit: int = 0


@dataclass(frozen=True)
class Translation:
    """A whole document, translated. ``text`` is the translation with the input's layout."""

    source_lang: str
    target_lang: str
    model: str
    paragraphs: tuple[Paragraph, ...]
    stats: TranslationStats
    source_name: str | None = None
    language_token: str | None = None
    max_input_tokens: int | None = None
    warnings: tuple[str, ...] = field(default=())
    #: Set when checks ran (``--check``): 0-100, 100 meaning no flag at all.
    check_score: float | None = None

    @property
    def segments(self) -> list[Segment]:
        return [s for p in self.paragraphs for s in p.segments]

    @property
    def text(self) -> str:
        return join_paragraphs(self.paragraphs, lambda p: p.translation)

    @property
    def source_text(self) -> str:
        return join_paragraphs(self.paragraphs, lambda p: p.source)

    def to_dict(self) -> dict:
        return {
            "source_name": self.source_name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "model": self.model,
            "language_token": self.language_token,
            "max_input_tokens": self.max_input_tokens,
            "paragraphs": [
                {
                    "kind": p.kind,
                    "source_lang": p.source_lang,
                    "newlines_before": p.newlines_before,
                    "segments": [
                        {"source": s.source, "translation": s.translation, "pieces": list(s.pieces), "flags": [asdict(f) for f in s.flags]}
                        for s in p.segments
                    ],
                }
                for p in self.paragraphs
            ],
            "stats": asdict(self.stats),
            "warnings": list(self.warnings),
            "check_score": self.check_score,
        }


def join_paragraphs(paragraphs: tuple[Paragraph, ...] | list[Paragraph], text_of: Callable[[Paragraph], str]) -> str:
    """Join paragraphs with the line breaks the input had between them."""
    out: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            out.append("\n" * p.newlines_before)
        out.append(text_of(p))
    return "".join(out)
