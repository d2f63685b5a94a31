"""The output is still in the source language, or copies the source (severity ``warning``).

Signals on the output's lower-case words (names and numbers left out, since those are
rightly kept): the share of words in the source language (for an English output, words
with Vietnamese letters; for a Vietnamese output, English function words and words that
are no Vietnamese syllable); a run of ``MAX_FOREIGN_RUN`` or more such words in a row (a
half-translated sentence: a loanword or a quoted title is shorter); and the share of
words copied from the source.
"""

from __future__ import annotations

from vnsum.checks.name_tokens import has_vi_letters, tokens, vi_shaped
from vnsum.result import Flag

EN_FUNCTION_WORDS = frozenset(
    """the of and to in is are was were for on with that this by as at from has have had be been will would
    their its his her which who an""".split()
)
MIN_WORDS = 3
MAX_FOREIGN_SHARE = 0.25
MAX_COPIED_SHARE = 0.5
MAX_FOREIGN_RUN = 5


def _foreign(word: str, target_lang: str) -> bool:
    if target_lang == "en":
        return has_vi_letters(word)
    if target_lang == "vi":
        return word in EN_FUNCTION_WORDS or (not has_vi_letters(word) and not vi_shaped(word))
    return False


def _longest_run(text: str, target_lang: str) -> int:
    """The most lower-case words of the source language in a row (names and numbers are
    skipped over, not counted; a word that could be either language continues a run)."""
    best = run = 0
    for t in tokens(text):
        if not t.word[:1].islower():
            continue
        if _foreign(t.word, target_lang):
            run += 1
            best = max(best, run)
        elif target_lang == "en" and vi_shaped(t.word):
            continue  # "cho", "ban": Vietnamese without accents, or English; neither ends the run
        else:
            run = 0
    return best


def _lower_words(text: str) -> list[str]:
    return [t.word for t in tokens(text) if t.word[:1].islower()]


def check_untranslated(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    words = _lower_words(target)
    if len(words) < MIN_WORDS:
        return []
    foreign = [w for w in words if _foreign(w, target_lang)]
    if len(foreign) >= MIN_WORDS and len(foreign) / len(words) > MAX_FOREIGN_SHARE:
        return [Flag("untranslated", "warning", f"{len(foreign)} of {len(words)} words look {source_lang}, not {target_lang}")]
    run = _longest_run(target, target_lang)
    if run >= MAX_FOREIGN_RUN:
        return [Flag("untranslated", "warning", f"{run} words in a row look {source_lang}, not {target_lang}")]
    source_words = set(_lower_words(source))
    copied = [w for w in words if w in source_words and len(w) > 1]
    if len(copied) >= MIN_WORDS and len(copied) / len(words) > MAX_COPIED_SHARE:
        return [Flag("untranslated", "warning", f"{len(copied)} of {len(words)} words copied from the source")]
    return []
