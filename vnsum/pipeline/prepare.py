"""Stage 1: a document ready for the model — normalised, its languages settled, cut into
paragraphs (prose or page noise) and sentences. No model is needed."""

from __future__ import annotations

from dataclasses import dataclass

from vnsum.document import RawParagraph, split_markup, split_paragraphs
from vnsum.errors import InputError
from vnsum.langdetect import detect_language, other_language
from vnsum.models import LANGUAGES
from vnsum.segment import split_sentences
from vnsum.textio import normalize_text


@dataclass(frozen=True)
class PreparedDocument:
    """A document cut into paragraphs and sentences, ready for the model."""

    source_lang: str
    target_lang: str
    paragraphs: tuple[RawParagraph, ...]
    sentences: tuple[tuple[str, ...], ...]  # per paragraph; empty for passthrough
    source_name: str | None = None

    @property
    def sentence_count(self) -> int:
        return sum(len(group) for group in self.sentences)


def prepare_document(
    text: str, *, source_lang: str = "auto", target_lang: str | None = None, source_name: str | None = None, markup: bool = False
) -> PreparedDocument:
    """Normalise, detect the language, cut into paragraphs and sentences. ``markup``: the text
    is a web page read raw, whose tags, scripts and styles pass through, never sent to a model.

    Raises InputError for a document that cannot be translated, so a batch can record
    that one document as failed and go on.
    """
    text = normalize_text(text)
    if not text.strip():
        raise InputError("nothing to translate: the input is empty")
    raw = split_markup(text) if markup else split_paragraphs(text)
    if source_lang == "auto":
        source_lang = detect_language("\n".join(p.text for p in raw if p.kind == "text") if markup else text)
    target_lang = target_lang or other_language(source_lang)
    for lang in (source_lang, target_lang):
        if lang not in LANGUAGES:
            raise InputError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if source_lang == target_lang:
        raise InputError(f"source and target language are both {source_lang!r}")
    # Whitespace inside a sentence (hard-wrapped lines, double spaces) becomes one space.
    sentences = tuple(tuple(" ".join(s.split()) for s in split_sentences(p.text, source_lang)) if p.kind == "text" else () for p in raw)
    return PreparedDocument(source_lang, target_lang, tuple(raw), sentences, source_name)
