"""Running the checks on a finished translation or summary (``--check``, ``--roundtrip``).

The checks themselves live in ``vnsum.checks``; this module feeds them: it translates
back for the round-trip score and turns a summary's unsupported facts into flags.
"""

from __future__ import annotations

from dataclasses import replace

from vnsum.result import Flag, Translation
from vnsum.summary import Summary
from vnsum.translator import Translator

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def check_translation_result(translation: Translation, translator: Translator | None = None) -> Translation:
    """Flags on every text segment; with a translator, round-trip chrF too."""
    from vnsum.checks import check_translation

    back = None
    if translator is not None:
        texts = [s.translation for p in translation.paragraphs if p.kind == "text" for s in p.segments]
        back = translator.translate_sentences(texts, translation.target_lang, translation.source_lang)
    return check_translation(translation, back_translations=back)


def check_summary_result(summary: Summary, translator: Translator | None = None) -> Summary:
    """Unsupported facts become flags; a translated summary is checked against its source text."""
    from vnsum.checks import check_pair, roundtrip_flags, score

    back: list[str | None] = [None] * len(summary.sentences)
    translated = summary.target_lang != summary.source_lang
    if translator is not None and translated:
        back = list(translator.translate_sentences([s.text for s in summary.sentences], summary.target_lang, summary.source_lang))
    sentences = []
    for s, b in zip(summary.sentences, back, strict=True):
        flags = [_unsupported_flag(item) for item in s.unsupported]
        if translated and s.text != s.source_text:
            flags += check_pair(s.source_text, s.text, summary.source_lang, summary.target_lang)
        if b is not None:
            flags += roundtrip_flags(s.source_text, b)
        sentences.append(replace(s, flags=tuple(dict.fromkeys(flags))))
    return replace(summary, sentences=tuple(sentences), check_score=score([s.flags for s in sentences]))


def _unsupported_flag(item: str) -> Flag:
    kind = "number" if item[:1].isdigit() else "name"
    return Flag(kind, "error", f"{item!r} is not in the article")


def count_flags(result: Translation | Summary, level: str) -> int:
    """Flags of severity ``level`` or worse in a translation or summary."""
    floor = SEVERITY_RANK[level]
    groups = [s.flags for s in result.sentences] if isinstance(result, Summary) else [s.flags for s in result.segments]
    return sum(1 for flags in groups for f in flags if SEVERITY_RANK[f.severity] >= floor)
