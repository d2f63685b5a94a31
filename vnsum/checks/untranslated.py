"""The output is still in the source language, or copies the source (severity ``warning``).

Two signals on the output's lower-case words (names and numbers left out, since those are
rightly kept): for an English output, the share of words with Vietnamese letters; for a
Vietnamese output, the share of English function words; in both directions, the share of
words copied from the source.
"""

from __future__ import annotations

from vnsum.checks.names_norm import has_vi_letters, tokens
from vnsum.result import Flag

EN_FUNCTION_WORDS = frozenset(
    """the of and to in is are was were for on with that this by as at from has have had be been will would
    their its his her which who an""".split()
)
MIN_WORDS = 3
MAX_FOREIGN_SHARE = 0.25
MAX_COPIED_SHARE = 0.5


def _lower_words(text: str) -> list[str]:
    return [t.word for t in tokens(text) if t.word[:1].islower()]


def check_untranslated(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    words = _lower_words(target)
    if len(words) < MIN_WORDS:
        return []
    if target_lang == "en":
        foreign = [w for w in words if has_vi_letters(w)]
    elif target_lang == "vi":
        foreign = [w for w in words if w in EN_FUNCTION_WORDS]
    else:
        foreign = []
    if len(foreign) >= MIN_WORDS and len(foreign) / len(words) > MAX_FOREIGN_SHARE:
        return [Flag("untranslated", "warning", f"{len(foreign)} of {len(words)} words look {source_lang}, not {target_lang}")]
    source_words = set(_lower_words(source))
    copied = [w for w in words if w in source_words and len(w) > 1]
    if len(copied) >= MIN_WORDS and len(copied) / len(words) > MAX_COPIED_SHARE:
        return [Flag("untranslated", "warning", f"{len(copied)} of {len(words)} words copied from the source")]
    return []
