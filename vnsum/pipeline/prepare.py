"""Stage 1: a document ready for the model — normalised, its languages settled, cut into
paragraphs (prose or page noise) and sentences. No model is needed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from vnsum.document import RawParagraph, split_markup, split_paragraphs
from vnsum.errors import InputError
from vnsum.langdetect import detect_language, majority_language, other_language, paragraph_language
from vnsum.models import LANGUAGE_NAMES, LANGUAGES
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
    #: Per paragraph, the language of a paragraph found in the target language already (a
    #: mixed document: it passes through untouched), else ``None`` (the document's own).
    languages: tuple[str | None, ...] = ()
    #: What the user should know about how the document was read (the mixed languages).
    notes: tuple[str, ...] = ()

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
    found: list[str | None] = [None] * len(raw)  # per paragraph: its language (auto only), None for noise
    if source_lang == "auto":
        source_lang = detect_language("\n".join(p.text for p in raw if p.kind == "text") if markup else text)
        sure = [paragraph_language(p.text) if p.kind == "text" else None for p in raw]
        if {"vi", "en"} <= set(sure):  # the paragraphs disagree: the document's language is the one of more words
            source_lang = majority_language([(p.text, lang) for p, lang in zip(raw, sure, strict=True)]) or source_lang
        found = [(lang or source_lang) if p.kind == "text" else None for p, lang in zip(raw, sure, strict=True)]
        if target_lang == source_lang and any(lang not in (None, target_lang) for lang in found):
            source_lang = other_language(target_lang)  # mostly in the target language, with paragraphs to translate
    target_lang = target_lang or other_language(source_lang)
    for lang in (source_lang, target_lang):
        if lang not in LANGUAGES:
            raise InputError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if source_lang == target_lang:
        raise InputError(f"source and target language are both {source_lang!r}")
    languages = tuple(target_lang if lang == target_lang else None for lang in found)
    notes: tuple[str, ...] = ()
    if any(languages):  # paragraphs already in the target language pass through untouched
        raw = [replace(p, kind="passthrough") if lang else p for p, lang in zip(raw, languages, strict=True)]
        notes = (_mixed_note(raw, languages, source_lang, target_lang),)
    # Whitespace inside a sentence (hard-wrapped lines, double spaces) becomes one space.
    sentences = tuple(tuple(" ".join(s.split()) for s in split_sentences(p.text, source_lang)) if p.kind == "text" else () for p in raw)
    return PreparedDocument(source_lang, target_lang, tuple(raw), sentences, source_name, languages, notes)


def _mixed_note(raw: list[RawParagraph], languages: tuple[str | None, ...], source_lang: str, target_lang: str) -> str:
    """The warning of a mixed document: how many paragraphs were in which language."""
    source, target = LANGUAGE_NAMES[source_lang], LANGUAGE_NAMES[target_lang]
    own = sum(1 for p in raw if p.kind == "text")
    kept = sum(1 for lang in languages if lang)
    return (
        f"mixed languages: {own} paragraph{'s' if own != 1 else ''} in {source}, translated to {target}; "
        f"{kept} already in {target}, passed through untouched"
    )
