"""Numbers and dates of a Vietnamese or English sentence, normalised by language.

Vietnamese writes ``1.500`` for fifteen hundred and ``3,5`` for three and a half;
English writes ``1,500`` and ``3.5``. Each side is read with its own conventions, so
``1.500 tỷ đồng`` and ``1.5 trillion dong`` are the same value, and so are ``15/7``
and ``July 15``. A sentence becomes a list of :class:`Quantity`: a number (a
``Decimal``), a date ``(day, month, year or None)`` or a month alone.

Number *words* (``two``, ``hai``, ``first``) are *soft*: they may stand for a digit of
the other side (``two sides`` ⇄ ``2 bên``) but are never required, since ``hai bên`` is
as often translated ``both sides``. With a scale word (``hai triệu``, ``two million``)
a number word is an ordinary, required number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from vnsum.checks.numbers_base import (
    _CURRENCY,
    _NUM,
    _ROMAN,
    _ROMAN_CONTEXT,
    WORDS_EN,
    WORDS_VI,
    Quantity,
    _date,
    _dates,
    _nfc,
    _num,
    _plain,
    _Scanner,
    roman_value,
)
from vnsum.checks.numbers_scan import (
    _scan_en,
    _scan_soft_phrases,
    _scan_vi,
)


def quantities(text: str, lang: str) -> list[Quantity]:
    """The numbers, dates, times and months of ``text`` (``lang``: ``vi`` or ``en``), in order."""
    s = _Scanner(_nfc(text))
    # ISO dates (2024-12-04) in either language.
    s.scan(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", lambda m: _dates(_date(m[3], m[2], m[1])))
    if lang == "vi":
        _scan_vi(s)
    else:
        _scan_en(s)
    _scan_soft_phrases(s, lang)
    s.scan(r"(?<=[\dkc\s/]m)[23](?![\d]|[.,]\d)", lambda m: [])  # "km2", "120m2", "6.000 m3": a unit's exponent
    s.scan(_NUM, lambda m: _plain(m[1], lang))
    _scan_roman(s)
    _scan_words(s, WORDS_VI if lang == "vi" else WORDS_EN)
    return _conversions_soft(s.found, s.text)


def _conversions_soft(found: list[tuple[int, Quantity]], text: str) -> list[Quantity]:
    """Amounts in brackets after another amount (``VND2.6 trillion ($104 million)``) are a
    converter's gloss: either side may add or leave them out."""
    spans = []
    for m in re.finditer(r"\(([^()]{1,60})\)", text):
        inside, before = m[1], text[max(0, m.start() - 40) : m.start()]
        if re.search(r"\d", inside) and re.search(_CURRENCY, inside) and re.search(r"\d", before) and re.search(_CURRENCY, before):
            spans.append((m.start(), m.end()))
    out = []
    for pos, q in sorted(found, key=lambda x: x[0]):
        if any(a <= pos < b for a, b in spans):
            q = Quantity(q.keys, q.text, soft=True, gloss=True)
        out.append(q)
    return out


def _scan_roman(s: _Scanner) -> None:
    """Roman numerals; a one-letter one only after a word that calls for a number (``khóa X``),
    that word read as the text stands once the numerals before it are taken (blanked)."""
    free = s.free
    spans: list[tuple[int, int]] = []
    after_context: list[bool] = []  # per blanked numeral: whether its previous word is a context word
    for m in _ROMAN.finditer(free):
        value = roman_value(m[1])
        if value is None:
            continue
        context = _context_before(free, m.start(), spans, after_context)
        if len(m[1]) < 2 and not context:
            continue
        s.found.append((m.start(), Quantity((_num(value),), m[1])))
        spans.append((m.start(), m.end()))
        after_context.append(context)
    s.blank(spans)


_PUNCT = ".,"


_LONGEST_CONTEXT = max(map(len, _ROMAN_CONTEXT))


def _context_before(free: str, at: int, spans: list[tuple[int, int]], after_context: list[bool]) -> bool:
    """Whether the last word of ``free[:at]``, with ``spans`` blanked, is in ``_ROMAN_CONTEXT``
    once stripped of ``.,``: ``before[-1].lower().strip(".,")`` of that text's ``split()``, read
    backwards from ``at`` in time bounded by the gap to the previous numeral, not by ``at``."""
    floor = spans[-1][1] if spans else 0  # the text from here on is as it was; before it, blanked
    i = at
    while i > floor and free[i - 1].isspace():
        i -= 1
    if i == floor:  # only spaces back to a blanked numeral (whose previous word is this one's) or the start
        return bool(spans) and after_context[-1]
    # the word must be [.,]* core [.,]*: read its trailing marks, a core short enough, its leading marks
    while i > floor and free[i - 1] in _PUNCT:
        i -= 1
    core_end = i
    while i > floor and not free[i - 1].isspace() and free[i - 1] not in _PUNCT and core_end - i <= _LONGEST_CONTEXT:
        i -= 1
    core = free[i:core_end]
    if not core or core_end - i > _LONGEST_CONTEXT:
        return False  # only marks, or a word longer than any context word
    while i > floor and free[i - 1] in _PUNCT:
        i -= 1
    if i > floor and not free[i - 1].isspace():
        return False  # more of the word before: the stripped word is longer than any context word
    return core.lower() in _ROMAN_CONTEXT


def _scan_words(s: _Scanner, table: dict[str, int]) -> None:
    for m in re.finditer(r"[^\W\d_]+", s.free):
        value = table.get(m.group().lower())
        if value is not None:
            s.found.append((m.start(), Quantity((_num(value),), m.group(), soft=True, word=True)))


def values(text: str, lang: str) -> Counter:
    """The multiset of required values of ``text`` (primary readings; soft number words left out)."""
    return Counter(q.key for q in quantities(text, lang) if not q.soft)


def describe(items: Iterable[Quantity]) -> str:
    """``'45' (×5), '2024-12-04'`` — each distinct number once, with how often it occurs."""
    counts: dict[str, int] = {}
    for q in items:
        counts[q.text] = counts.get(q.text, 0) + 1
    return ", ".join(f"'{text}'" + (f" (×{n})" if n > 1 else "") for text, n in counts.items())
