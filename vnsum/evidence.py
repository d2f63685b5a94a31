"""Tracing a summary back to the article: evidence sentences and unsupported facts.

Evidence is lexical: the article sentences sharing the most words and word pairs with a
summary sentence, compared in one language (the article's). A number or a proper name
in a summary sentence that the article does not contain is *unsupported*: either the
model invented it or a translation mangled it, and the reader should look.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

from vnsum.checks.names_norm import contains, fold, has_vi_letters
from vnsum.checks.numbers_norm import Quantity, quantities

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_EVIDENCE_SCORE = 0.1


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _grams(text: str) -> Counter:
    w = words(text)
    return Counter(w) + Counter(zip(w, w[1:], strict=False))


def evidence(sentence: str, source_sentences: Sequence[str], k: int = 2) -> tuple[int, ...]:
    """Indices of the (at most ``k``) source sentences that best support ``sentence``, best first.

    The score is the share of the sentence's words and word pairs found in the source
    sentence (recall: a summary sentence condenses its source, so precision says little).
    """
    target = _grams(sentence)
    total = sum(target.values())
    if not total:
        return ()
    scores = []
    for i, source in enumerate(source_sentences):
        overlap = sum((target & _grams(source)).values())
        scores.append((overlap / total, -i))
    chosen: list[int] = []
    for score, neg in sorted(scores, reverse=True):
        if score < MIN_EVIDENCE_SCORE or len(chosen) == k:
            break
        if all(source_sentences[-neg] != source_sentences[c] for c in chosen):  # a repeated caption once
            chosen.append(-neg)
    return tuple(chosen)


def _lang(text: str) -> str:
    return "vi" if has_vi_letters(text) else "en"


def _supported(q: Quantity, keys: set) -> bool:
    if set(q.keys) & keys:
        return True
    for k in q.keys:
        if k[0] == "date" and k[3] is not None and ("date", k[1], k[2], None) in keys and ("number", Decimal(k[3])) in keys:
            return True  # 17/7/2024 against "17/7 ... năm 2024"
        if k[0] == "date" and k[3] is None and any(r[0] == "date" and r[1:3] == k[1:3] for r in keys):
            return True  # 17/7 against 17/7/2024
    return False


def unsupported(sentence: str, references: Iterable[str]) -> tuple[str, ...]:
    """Numbers and names of ``sentence`` found in none of the ``references`` texts.

    Numbers and dates are compared by value, each text read with its own language's
    conventions (``1,500 tỷ`` ⇄ ``1.500 tỷ`` ⇄ ``1.5 trillion``, ``16/7`` ⇄ ``July 16``);
    names without case or diacritics (``Le Hoai Trung`` ⇄ ``Lê Hoài Trung``, ``Hanoi`` ⇄ ``Hà Nội``).
    """
    references = list(references)
    ref_keys: set = set()
    for ref in references:
        for q in quantities(ref, _lang(ref)):
            ref_keys.update(q.keys)
    missing = [q.text for q in quantities(sentence, _lang(sentence)) if not q.soft and not _supported(q, ref_keys)]
    ref_folded = " ".join(fold(r) for r in references)
    for name in _capitalised_runs(sentence):
        if not contains(ref_folded, fold(name)):
            missing.append(name)
    return tuple(dict.fromkeys(missing))


def _capitalised_runs(text: str) -> list[str]:
    """Names: maximal runs of capitalised words (Vietnamese capitalises every syllable of a
    name) and acronyms, without a lone sentence-initial word ("Hai bên ...")."""
    tokens = list(re.finditer(r"[^\W_]+(?:[-'][^\W_]+)*", text))
    runs, current = [], []
    for i, tok in enumerate(tokens):
        word = tok.group()
        if word[:1].isupper() and not word[:1].isdigit():
            current.append((i, tok))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        if run[0][0] == 0 and len(run) == 1:
            continue
        out.append(text[run[0][1].start() : run[-1][1].end()])
    return out
