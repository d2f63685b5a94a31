"""Running the checks on a finished translation or summary (``--check``, ``--roundtrip``).

The checks themselves live in ``vnsum.checks``; this module feeds them: it translates
back for the round-trip score and turns a summary's unsupported facts into flags.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from vnsum.errors import InputError, setting
from vnsum.result import Flag, Segment, Translation
from vnsum.summary import Summary
from vnsum.translator import Translator

#: Most characters of either text ``check_external`` reads by default (``max_chars``): about
#: 5 MB each, linear in time (see benchmarks/check_scaling.md); a news article is ~5,000.
MAX_CHARS = 5_000_000
#: Longest sentence, in characters on either side, the checks read: their name reader grows
#: faster than the sentence (a 4,000-character pair takes 2 s, a 50,000-word one many
#: minutes) and a news sentence is rarely over 1,000. A longer pair is noted, not checked.
CHECK_MAX_CHARS = 3_000


def too_long(source: str, target: str) -> Flag | None:
    """The note on a sentence pair too long for the checks (``CHECK_MAX_CHARS``), or None."""
    longest = max(len(source), len(target))
    if longest <= CHECK_MAX_CHARS:
        return None
    return Flag("unchecked", "info", f"too long to check ({longest:,} characters; the checks read sentences of up to {CHECK_MAX_CHARS:,})")


def check_bounded(translation: Translation, back_translations: Sequence[str] | None = None) -> Translation:
    """``vnsum.checks.check_translation``, except that a pair over ``CHECK_MAX_CHARS`` gets the
    ``too_long`` note instead of the checks (which pass over a pair with an empty side)."""
    from vnsum.checks import check_translation

    notes: dict[tuple[int, int], Flag] = {}
    for pi, p in enumerate(translation.paragraphs):
        for si, seg in enumerate(p.segments):
            both = p.kind == "text" and bool(seg.source.strip() and seg.translation.strip())  # what check_translation checks
            note = too_long(seg.source, seg.translation) if both else None
            if note is not None:
                notes[pi, si] = note
    if not notes:
        return check_translation(translation, back_translations=back_translations)

    def rebuilt(source: Translation, segment: Callable[[int, int, Segment], Segment]) -> Translation:
        paragraphs = tuple(
            replace(p, segments=tuple(segment(pi, si, seg) if (pi, si) in notes else seg for si, seg in enumerate(p.segments)))
            for pi, p in enumerate(source.paragraphs)
        )
        return replace(source, paragraphs=paragraphs)

    checked = check_translation(rebuilt(translation, lambda pi, si, seg: replace(seg, translation="")), back_translations=back_translations)
    original = translation.paragraphs
    return rebuilt(
        checked,
        lambda pi, si, seg: replace(seg, translation=original[pi].segments[si].translation, flags=(*seg.flags, notes[pi, si])),
    )


def at_least(severity: str, level: str) -> bool:
    """Whether ``severity`` is ``level`` or worse (by ``vnsum.checks.SEVERITIES``, worst
    first); an unknown severity counts as the mildest."""
    from vnsum.checks import SEVERITIES

    rank = SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES) - 1
    return rank <= SEVERITIES.index(level)


def check_translation_result(translation: Translation, translator: Translator | None = None) -> Translation:
    """Flags on every text segment (a pair over ``CHECK_MAX_CHARS`` is noted, not checked);
    with a translator, round-trip chrF too."""
    back = None
    if translator is not None:
        texts = [s.translation for p in translation.paragraphs if p.kind == "text" for s in p.segments]
        back = translator.translate_sentences(texts, translation.target_lang, translation.source_lang)
    return check_bounded(translation, back)


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
        note = too_long(s.source_text, s.text)
        if translated and s.text != s.source_text and note is not None:
            flags.append(note)
        elif translated and s.text != s.source_text:
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
    groups = [s.flags for s in result.sentences] if isinstance(result, Summary) else [s.flags for s in result.segments]
    return sum(1 for flags in groups for f in flags if at_least(f.severity, level))


def check_external(
    source_text: str,
    translation_text: str,
    *,
    source_lang: str = "auto",
    target_lang: str | None = None,
    translator: Translator | None = None,
    source_name: str | None = None,
    max_chars: int = MAX_CHARS,
) -> Translation:
    """Check a translation made elsewhere: align its sentences with the source's, then check each pair.

    With a translator, the translation is translated back: the round-trip chrF guides the
    alignment and is scored. A source sentence with no counterpart is flagged as an
    omission; a translation sentence with no source, as an addition. A text of more than
    ``max_chars`` characters is refused (InputError) before any work.
    """
    import time

    from vnsum.align import align
    from vnsum.langdetect import detect_language, other_language
    from vnsum.result import Paragraph, Segment, TranslationStats
    from vnsum.summarize import article_sentences
    from vnsum.textio import normalize_text

    if max_chars < 1:
        raise InputError(f"{setting('max_chars')} must be at least 1")
    for what, text in (("source", source_text), ("translation", translation_text)):
        if len(text) > max_chars:
            raise InputError(
                f"the {what} has {len(text):,} characters, more than the {max_chars:,} a check reads ({setting('max_chars')}); "
                f"raise {setting('max_chars')} to check it (time and memory grow linearly with the texts)"
            )
    start = time.perf_counter()
    source_text, translation_text = normalize_text(source_text), normalize_text(translation_text)
    source_lang = detect_language(source_text) if source_lang == "auto" else source_lang
    target_lang = target_lang or other_language(source_lang)
    source = article_sentences(source_text, source_lang)
    target = article_sentences(translation_text, target_lang)
    similarity = back = None
    if translator is not None:
        back_of = dict(zip(target, translator.translate_sentences(target, target_lang, source_lang), strict=True))
        similarity = _chrf_similarity(back_of)
    pairs = align(source, target, similarity=similarity)
    paragraphs: list[Paragraph] = []
    for src_idx, tgt_idx in pairs:
        src = " ".join(source[i] for i in src_idx)
        tgt = " ".join(target[j] for j in tgt_idx)
        flags: tuple[Flag, ...] = ()
        if not tgt_idx:
            flags = (Flag("omission", "error", "no sentence of the translation corresponds to this source sentence"),)
        elif not src_idx:
            flags = (Flag("addition", "warning", "this translated sentence has no counterpart in the source"),)
        paragraphs.append(Paragraph("text", (Segment(src, tgt, (), flags),), 1 if paragraphs else 0))
    if translator is not None:
        back = [" ".join(back_of[target[j]] for j in tgt_idx) for _, tgt_idx in pairs]
    stats = TranslationStats(
        sentences=len(source), pieces=0, split_sentences=0, unique_pieces=0, model_calls=0, seconds=round(time.perf_counter() - start, 3)
    )
    external = Translation(source_lang, target_lang, "external translation", tuple(paragraphs), stats, source_name=source_name)
    return check_bounded(external, back)


def _chrf_similarity(back_of: dict[str, str]) -> Callable[[str, str], float]:
    """similarity(source, target) = chrF of target's back-translation against source, 0..1."""
    from sacrebleu import sentence_chrf

    def similarity(source: str, target: str) -> float:
        # beta=1 (symmetric): a long neighbour must not look like a match for a short sentence
        return sentence_chrf(back_of.get(target, target), [source], beta=1).score / 100

    return similarity
