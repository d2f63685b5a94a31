"""Sentence segmentation for Vietnamese and English news.

English uses pySBD (the "Golden Rules" segmenter: 47/48 rules, Mr./U.S./p. 55 ...).
Vietnamese uses the rules below, which scored better on Vietnamese news than pySBD
(whose quote handling keeps whole quoted paragraphs together) and than underthesea
(which splits "PGS.TS.", "dangcongsan.vn" and before closing quotes, and imports
transformers and torch on import). Figures and the command to reproduce them are in
the README.

Whatever segmenter runs, the result is re-anchored on the input text: sentences are
exact slices of the paragraph, so joining them gives the input back up to whitespace.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Vietnamese and international abbreviations that end with a dot but rarely a sentence.
VI_ABBREVIATIONS = frozenset(
    """tp tt tx q p ts pgs gs ths bs ks ls ncs cn pv btv đc th.s tr ng nxb gd-đt
    ubnd hđnd bch mr mrs ms dr st co ltd inc jr sr no vs etc v.v tp.hcm pgs.ts gs.ts
    tskh ccb thứ tel fax""".split()
)
_OPENERS = "\"'“‘«([{-–—•*"
_CLOSERS = "\"'”’»)]}"
# Terminal punctuation, then optional closers, then whitespace.
_CANDIDATE = re.compile(r"(?:[.!?…]+)(?=[" + re.escape(_CLOSERS) + r"]*\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
#: Longest English paragraph pySBD reads whole: it rescans the paragraph for every
#: abbreviation-like word, so its time grows with the square (a 50,000-word paragraph without
#: punctuation takes minutes). A longer paragraph is cut at the rules' sentence ends (those
#: used for Vietnamese, which know the English abbreviations) into pieces of up to this size,
#: each split by pySBD; a news paragraph is under 2,000 characters.
PYSBD_MAX_CHARS = 10_000


def split_sentences(text: str, lang: str) -> list[str]:
    """Split one paragraph into sentences, each an exact, stripped slice of ``text``."""
    return [text[a:b].strip() for a, b in sentence_spans(text, lang)]


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans covering ``text`` completely, one per sentence (whitespace included)."""
    if not text.strip():
        return []
    return _en_spans(text) if lang == "en" else _vi_spans(text)


def _en_spans(text: str) -> list[tuple[int, int]]:
    if len(text) <= PYSBD_MAX_CHARS:
        spans = _anchor(text, _pysbd_segmenter().segment(text))
        return spans if spans is not None else _vi_spans(text)
    out: list[tuple[int, int]] = []
    for a, b in _pieces(_vi_spans(text), PYSBD_MAX_CHARS):
        out += [(a, b)] if b - a > PYSBD_MAX_CHARS else [(a + x, a + y) for x, y in _en_spans(text[a:b])]
    return out


def _pieces(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Runs of consecutive spans of up to ``size`` characters together (a longer span alone)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and b - out[-1][0] <= size:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=1)
def _pysbd_segmenter() -> Any:
    import pysbd  # small and pure Python; imported on first English text

    return pysbd.Segmenter(language="en", clean=False)


def _anchor(text: str, sentences: list[str]) -> list[tuple[int, int]] | None:
    """Map a segmenter's sentences back to spans of ``text``, or None if it altered text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sentences:
        start = pos
        for ch in sentence:
            if ch.isspace():
                continue
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text) or text[pos] != ch:
                return None
            pos += 1
        if pos > start:
            spans.append((start, pos))
    if text[pos:].strip():
        return None
    if spans:
        spans[-1] = (spans[-1][0], len(text))
    return _cover(spans, len(text))


def _cover(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Make spans contiguous from 0 to ``length``: whitespace goes to the sentence before."""
    out: list[tuple[int, int]] = []
    for i, (_, _end) in enumerate(spans):
        start = 0 if i == 0 else out[-1][1]
        end = spans[i + 1][0] if i + 1 < len(spans) else length
        out.append((start, end))
    return out


def _vi_spans(text: str) -> list[tuple[int, int]]:
    starts = [0]
    for m in _CANDIDATE.finditer(text):
        end = _consume_closers(text, m.end(), starts[-1])
        nxt = _skip_space(text, end)
        if nxt >= len(text) or not _starts_sentence(text, nxt):
            continue
        if m.group() == "." and _is_abbreviation(text, m.start()):
            continue
        if nxt > starts[-1]:
            starts.append(nxt)
    bounds = starts + [len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts)) if bounds[i] < bounds[i + 1]]


def _consume_closers(text: str, pos: int, sentence_start: int) -> int:
    """Step over closing quotes/brackets (and a dot after them) that end the sentence."""
    while pos < len(text) and text[pos] in _CLOSERS:
        ch = text[pos]
        if ch in "\"'" and text.count(ch, sentence_start, pos) % 2 == 0:
            break  # an even count so far: this straight quote opens the next sentence
        pos += 1
        while pos < len(text) and text[pos] in ".!?…":
            pos += 1
    return pos


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _starts_sentence(text: str, pos: int) -> bool:
    if text[pos] in '"“«':
        return True  # an opening quote after terminal punctuation starts a new sentence
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    return pos < len(text) and (text[pos].isupper() or text[pos].isdigit())


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".-")
    return word in VI_ABBREVIATIONS or word.split(".")[-1] in VI_ABBREVIATIONS
