"""Numbers and dates kept: nothing lost, nothing invented.

A value (a number in digits or with a scale word, a date, a time, a weekday) that the other
side has in no form is an ``error``. A number word (``three``, ``ba``, ``ninth``) with no
counterpart at all on the other side is a ``warning``: words are as often rendered by
other words (``hai bên`` ⇄ ``both sides``), so they are weaker evidence.
"""

from __future__ import annotations

import re
from decimal import Decimal

from vnsum.checks.numbers_match import match
from vnsum.checks.numbers_norm import Quantity, describe, quantities
from vnsum.result import Flag

#: Number words that are looked for on the other side: three to ten and their ordinals (one and two
#: are as often ``a``, ``both``, ``a pair``, ``double`` or a plural).
#: "one", "first", "both", "twice" and "một" are left out: they are as often "a", "lần đầu",
#: "cả ... và", "gấp đôi" — words of their own.
LOOKED_FOR = frozenset(range(3, 11))
NOT_LOOKED_FOR = frozenset({"both", "twice", "single", "dozen", "hundred", "twin", "twins", "pair", "tư", "trăm", "mươi"})


def _values(q: Quantity) -> set[Decimal]:
    out: set[int | Decimal] = set()
    for k in q.keys:
        out.update(v for v in k[1:] if isinstance(v, int | Decimal) and v is not None)
    return {Decimal(v) for v in out}


def _unmatched_words(side: list[Quantity], other: list[Quantity], other_text: str, other_lang: str) -> list[Quantity]:
    present = set().union(*(_values(q) for q in other)) if other else set()
    if other_lang == "vi" and re.search(r"(?<!\w)năm(?!\w)", other_text):
        present.add(Decimal(5))  # "năm" is five as well as year: never read as a number, but it may be one
    return [
        q
        for q in side
        if q.word
        and q.text[:1].islower()  # "Ngã Bảy" is a town
        and q.text.lower() not in NOT_LOOKED_FOR
        and int(q.key[1]) in LOOKED_FOR
        and q.key[1] not in present
    ]


def check_number(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    src, tgt = quantities(source, source_lang), quantities(target, target_lang)
    lost, invented = match(src, tgt)
    flags = []
    if lost:
        flags.append(Flag("number", "error", f"lost in the translation: {describe(lost)}"))
    if invented:
        flags.append(Flag("number", "error", f"not in the source: {describe(invented)}"))
    lost_words, new_words = _unmatched_words(src, tgt, target, target_lang), _unmatched_words(tgt, src, source, source_lang)
    if lost_words:
        flags.append(Flag("number", "warning", f"number word with no counterpart in the translation: {describe(lost_words)}"))
    if new_words:
        flags.append(Flag("number", "warning", f"number word not in the source: {describe(new_words)}"))
    return flags
