"""Checks on a translated sentence pair: nothing lost, nothing invented.

Each check is ``check_xxx(source, target, source_lang, target_lang) -> list[Flag]`` and
lives in its own module; ``CHECKS`` is the registry. Severity follows the evidence:

- ``error``: strong evidence the reader would be misinformed: a value (number, date, time,
  weekday) on one side that is in no form on the other (``number``); a person whose every
  syllable is missing, or a person in the translation who is nowhere in the source (``name``).
- ``warning``: something to look at: a number word with no counterpart (``number``); a
  name partly changed (a misspelling), a place missing, a name that may have been replaced
  or transliterated, an unknown acronym missing (``name``); output left in the source
  language (``untranslated``), a loop (``repetition``), a length far outside the normal
  range or a cut-off sentence (``length``), a round trip far from the source (``roundtrip``).
- ``info``: normal, noted for the side-by-side reader: an organisation translated rather
  than kept, an abbreviation expanded or left out, a name possibly rendered in another
  script's reading (``name``).

``check_score`` (0-100) is ``100 × (1 − mean penalty)`` over the checked (text)
segments, where a segment's penalty is 1 with an error flag, 0.5 with a warning flag
(and no error), 0 otherwise: info flags do not lower it. 100 means nothing to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from vnsum.checks.length import check_length
from vnsum.checks.name import check_name
from vnsum.checks.number import check_number
from vnsum.checks.repetition import check_repetition
from vnsum.checks.untranslated import check_untranslated
from vnsum.result import Flag, Segment, Translation

Check = Callable[[str, str, str, str], list[Flag]]

CHECKS: dict[str, Check] = {
    "number": check_number,
    "name": check_name,
    "untranslated": check_untranslated,
    "repetition": check_repetition,
    "length": check_length,
}
SEVERITIES = ("error", "warning", "info")
KINDS = (*CHECKS, "roundtrip")

#: chrF (0-100) of a back-translation against its source below which the round trip is
#: flagged. Faithful MT round trips of news sentences usually score 45-75 chrF; a
#: translation that lost or garbled a clause drops well below.
ROUNDTRIP_THRESHOLD = 35.0
ROUNDTRIP_MIN_CHARS = 20
PENALTY = {"error": 1.0, "warning": 0.5}


def check_pair(
    source: str, target: str, source_lang: str, target_lang: str, *, roundtrip: Callable[[str], str] | None = None
) -> tuple[Flag, ...]:
    """All checks on one aligned sentence pair; with ``roundtrip`` (target → source language),
    also the round-trip check. Flags come errors first, then warnings, then info."""
    flags: list[Flag] = []
    for check in CHECKS.values():
        flags.extend(check(source, target, source_lang, target_lang))
    if roundtrip is not None and target.strip():
        flags.extend(roundtrip_flags(source, roundtrip(target)))
    return tuple(sorted(flags, key=lambda f: SEVERITIES.index(f.severity)))


def roundtrip_score(source: str, back_translation: str) -> float:
    """chrF (sacrebleu, 0-100) of the back-translation against the source."""
    import sacrebleu

    return float(sacrebleu.sentence_chrf(back_translation, [source]).score)


def roundtrip_flags(source: str, back_translation: str) -> tuple[Flag, ...]:
    """A ``roundtrip`` warning when the back-translation's chrF against the source is below
    ``ROUNDTRIP_THRESHOLD`` (sources under ``ROUNDTRIP_MIN_CHARS`` characters are skipped)."""
    if len(source.strip()) < ROUNDTRIP_MIN_CHARS:
        return ()
    score = roundtrip_score(source, back_translation)
    if score < ROUNDTRIP_THRESHOLD:
        return (Flag("roundtrip", "warning", f"back-translation chrF {score:.1f} < {ROUNDTRIP_THRESHOLD:g}: meaning may have drifted"),)
    return ()


def segment_penalty(flags: Iterable[Flag]) -> float:
    return max((PENALTY.get(f.severity, 0.0) for f in flags), default=0.0)


def document_score(segments: Iterable[Segment | Sequence[Flag]]) -> float:
    """0-100: ``100 × (1 − mean penalty)`` over the given checked segments (or their flag
    lists); a segment with an error costs 1, with only warnings 0.5; 100.0 for none."""
    penalties = [segment_penalty(s.flags if isinstance(s, Segment) else s) for s in segments]
    if not penalties:
        return 100.0
    return round(100.0 * (1.0 - sum(penalties) / len(penalties)), 1)


#: The name other modules use for ``document_score``.
score = document_score


def check_translation(translation: Translation, *, back_translations: Sequence[str] | None = None) -> Translation:
    """A copy of ``translation`` with every text segment's flags set and ``check_score`` set.

    Passthrough segments (page noise, copied as is) are not checked, nor are segments with
    an empty side (an omitted or added sentence, flagged by whoever aligned them). Flags of
    other kinds already on a segment are kept; this module's kinds are recomputed.
    ``back_translations``, when given, holds one back-translation per text segment, in
    order, for the round-trip check.
    """
    text_count = sum(len(p.segments) for p in translation.paragraphs if p.kind == "text")
    if back_translations is not None and len(back_translations) != text_count:
        raise ValueError(f"{len(back_translations)} back-translations for {text_count} text segments")
    backs = iter(back_translations or ())
    checked: list[Segment] = []
    paragraphs = []
    for p in translation.paragraphs:
        if p.kind != "text":
            paragraphs.append(p)
            continue
        segments = []
        for seg in p.segments:
            back = next(backs) if back_translations is not None else None
            flags = [f for f in seg.flags if f.kind not in KINDS]  # flags set elsewhere (an omission) stay
            if seg.source.strip() and seg.translation.strip():  # an empty side is an omission, flagged where it is found
                flags.extend(check_pair(seg.source, seg.translation, translation.source_lang, translation.target_lang))
                if back is not None:
                    flags.extend(roundtrip_flags(seg.source, back))
            seg = replace(seg, flags=tuple(sorted(flags, key=lambda f: SEVERITIES.index(f.severity))))
            segments.append(seg)
            checked.append(seg)
        paragraphs.append(replace(p, segments=tuple(segments)))
    return replace(translation, paragraphs=tuple(paragraphs), check_score=document_score(checked))


__all__ = [
    "CHECKS",
    "KINDS",
    "ROUNDTRIP_THRESHOLD",
    "SEVERITIES",
    "check_length",
    "check_name",
    "check_number",
    "check_pair",
    "check_repetition",
    "check_translation",
    "check_untranslated",
    "document_score",
    "roundtrip_flags",
    "roundtrip_score",
    "score",
]
