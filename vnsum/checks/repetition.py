"""The output repeats itself in a loop, a classic neural failure (severity ``warning``).

Either a 1-4 word sequence repeated three times in a row ("the two sides, the two sides,
the two sides"), or a sequence of eight or more words occurring twice when the source has
no repeated four-word sequence of its own (a faithful translation of a repetitive source
may repeat itself).
"""

from __future__ import annotations

from vnsum.checks.name_tokens import tokens
from vnsum.result import Flag

SHORT_MAX, SHORT_TIMES, LONG_MIN = 4, 3, 8


def _words(text: str) -> list[str]:
    return [t.word.lower() for t in tokens(text)]


def _loop(words: list[str]) -> str | None:
    for n in range(1, SHORT_MAX + 1):
        for i in range(len(words) - n * SHORT_TIMES + 1):
            gram = words[i : i + n]
            if all(words[i + k * n : i + (k + 1) * n] == gram for k in range(1, SHORT_TIMES)):
                if n == 1 and len(gram[0]) < 2:
                    continue
                return " ".join(gram)
    return None


def _repeated(words: list[str], n: int) -> str | None:
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen and i >= seen[gram] + n:
            return " ".join(gram)
        seen.setdefault(gram, i)
    return None


def check_repetition(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    words = _words(target)
    loop = _loop(words)
    if loop:
        return [Flag("repetition", "warning", f"'{loop}' repeated {SHORT_TIMES}+ times in a row")]
    long = _repeated(words, LONG_MIN)
    if long and not _repeated(_words(source), 4):
        return [Flag("repetition", "warning", f"'{long}' occurs twice; the source does not repeat itself")]
    return []
