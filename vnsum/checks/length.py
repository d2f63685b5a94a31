"""The output is much shorter or longer than the language pair normally gives (severity ``warning``).

The ratio is output characters / input characters. On the tuning part of the evaluation
set (``vnsum/checks/evalset/tune.jsonl``: 70 faithful vi→en and 68 en→vi translations by
hand) vi→en measured 0.76-1.46 (median 1.11) and en→vi 0.69-1.20 (median 0.95): English
spells out what Vietnamese abbreviates. The bounds below leave a margin under and over
those. A translation that stops mid-sentence (the source ends a sentence, the output does
not) is flagged at a higher ratio (``UNFINISHED_BELOW``): that is how a cut-off output looks.
Inputs under ``MIN_CHARS`` characters are skipped: titles and captions vary too much.
"""

from __future__ import annotations

import re

from vnsum.result import Flag

MIN_CHARS = 40
BOUNDS = {("vi", "en"): (0.62, 1.9), ("en", "vi"): (0.6, 1.6)}
DEFAULT_BOUNDS = (0.5, 2.0)
UNFINISHED_BELOW = {("vi", "en"): 1.0, ("en", "vi"): 0.85}
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*\s*$")


def length_ratio(source: str, target: str) -> float:
    return len(" ".join(target.split())) / max(1, len(" ".join(source.split())))


def check_length(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if len(source.strip()) < MIN_CHARS:
        return []
    low, high = BOUNDS.get((source_lang, target_lang), DEFAULT_BOUNDS)
    ratio = length_ratio(source, target)
    if ratio < low:
        return [Flag("length", "warning", f"translation is {ratio:.2f}× the source's length (normal ≥ {low}): something may be lost")]
    if ratio > high:
        return [Flag("length", "warning", f"translation is {ratio:.2f}× the source's length (normal ≤ {high}): something may be added")]
    unfinished = _SENTENCE_END.search(source) and not _SENTENCE_END.search(target)
    if unfinished and ratio < UNFINISHED_BELOW.get((source_lang, target_lang), low):
        return [Flag("length", "warning", f"translation stops mid-sentence at {ratio:.2f}× the source's length: the rest may be lost")]
    return []
