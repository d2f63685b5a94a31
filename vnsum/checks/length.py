"""The output is much shorter or longer than the language pair normally gives (severity ``warning``).

The ratio is output characters / input characters. The bounds were set on the evaluation
pairs in ``tests/check_eval/`` (see ``benchmarks/checks.md``), with a margin: the 16
faithful vi→en pairs measured 0.77-1.48 and the 16 en→vi pairs 0.76-1.12 (English
spells out what Vietnamese abbreviates, so vi→en runs longer). Inputs under
``MIN_CHARS`` characters are skipped: titles and captions vary too much.
"""

from __future__ import annotations

from vnsum.result import Flag

MIN_CHARS = 40
BOUNDS = {("vi", "en"): (0.55, 1.9), ("en", "vi"): (0.55, 1.6)}
DEFAULT_BOUNDS = (0.5, 2.0)


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
    return []
