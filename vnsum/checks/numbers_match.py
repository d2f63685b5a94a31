"""Pairing the quantities of a sentence and its translation: what was lost, what was invented.

:func:`match` pairs the values read by :mod:`vnsum.checks.numbers_norm` in rounds, from the
surest (a shared reading) to the loosest (a date matched part by part with numbers the other
side's reader did not recognise as a date).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from vnsum.checks.numbers_norm import Quantity


def match(source: list[Quantity], target: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Pair the quantities of two sides; return (lost: required in source, unmatched in target;
    invented: required in target, unmatched in source).

    Rounds: any shared reading of two required quantities; then a dated day whose year the
    other side gives apart (``17/7/2024`` ⇄ ``July 17 ... in 2024``); then a soft number word
    standing for a required digit; then :func:`_match_parts`, for a value one side wrote in a
    form the other side's reader did not recognise. Unmatched soft words are never reported.
    """
    if any(q.gloss for q in source) and any(t.gloss for t in target):  # both converted: compare the conversions too
        source = [replace(q, soft=False) if q.gloss else q for q in source]
        target = [replace(t, soft=False) if t.gloss else t for t in target]
    src, tgt = list(source), list(target)
    lost: list[Quantity] = []
    for q in [q for q in src if not q.soft]:
        if _take_shared(tgt, q, hard=True) is None:
            lost.append(q)
    invented = [t for t in tgt if not t.soft]
    soft_src = [q for q in src if q.soft]
    soft_tgt = [t for t in tgt if t.soft]
    lost, invented = _year_split(lost, invented)
    lost = [q for q in lost if _take_shared(soft_tgt, q) is None]
    invented = [t for t in invented if _take_shared(soft_src, t) is None]
    lost, invented = _match_parts(lost, invented, soft_src + soft_tgt)
    return _said_once(lost, target), _said_once(invented, source)


def _said_once(unmatched: list[Quantity], other: list[Quantity]) -> list[Quantity]:
    """A year one side repeats and the other says once (``từ tháng 4/2018 đến tháng 8/2018`` ⇄
    "from April to August 2018") is kept: the other side has it."""
    years = {k[3] for q in other for k in q.keys if k[0] == "date" and k[3]}
    years |= {int(k[1]) for q in other for k in q.keys if k[0] == "number" and _year(k[1])}
    return [q for q in unmatched if not (q.key[0] == "number" and _year(q.key[1]) and int(q.key[1]) in years)]


def _year(value: object) -> bool:
    return isinstance(value, Decimal) and value == value.to_integral_value() and 1900 <= value <= 2100


Part = tuple  # (kind, value): ("number", Decimal) | ("day", d) | ("month", m) | ("year", y) | ("hour", h) | ("minute", m)


def _parts(q: Quantity) -> list[Part]:
    k = q.key
    if k[0] == "date":
        return [("day", Decimal(k[1])), ("month", Decimal(k[2]))] + ([("year", Decimal(k[3]))] if k[3] else [])
    if k[0] == "month":
        return [("month", Decimal(k[1]))]
    if k[0] == "weekday":
        return [("weekday", Decimal(k[1]))]
    if k[0] == "time":
        return [("hour", Decimal(k[1]))] + ([("minute", Decimal(k[2]))] if k[2] else [])
    return [("number", k[1])]


def _fits(a: Part, b: Part) -> bool:
    """A part matches the same part, or a plain number of that value (``ngày 1-8`` read as
    the numbers 1 and 8 still matches ``August 1``; ``19`` matches the hour of ``7 p.m.``)."""
    if a == b:
        return True
    if a[0] == "number" and b[0] != "number":
        a, b = b, a
    if b[0] != "number" or a[0] == "number":
        return False
    return b[1] == a[1] or (a[0] == "hour" and b[1] == a[1] + 12)


def _match_parts(lost: list[Quantity], invented: list[Quantity], soft: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Match what is left part by part: a quantity is kept when each of its parts (day, month,
    year; hour, minute; or the number) is found among the other side's leftover parts.
    A decimal may also be written as two numbers (``23.31 seconds`` ⇄ ``23 giây 31``), and a
    soft number word covers a part (``2/3`` ⇄ ``two-thirds``). Both directions are tried:
    ``ngày 1-8`` read as the numbers 1 and 8 matches ``August 1``, and the other way round."""
    soft_parts = [p for q in soft for p in _parts(q)]
    lost, invented = _cover(lost, invented, soft_parts)
    invented, lost = _cover(invented, lost, soft_parts)
    return lost, invented


def _cover(side: list[Quantity], other: list[Quantity], soft_parts: list[Part]) -> tuple[list[Quantity], list[Quantity]]:
    """(quantities of ``side`` not covered by ``other``'s parts, quantities of ``other`` with a part left)."""
    pool = [(p, q) for q in other for p in _parts(q)]
    left = []
    for q in side:
        for parts in _readings(q):
            taken: list[int] = []
            for part in parts:
                free = [i for i, (p, _) in enumerate(pool) if i not in taken and _fits(part, p)]
                i = next((i for i in free if pool[i][0][1] == part[1]), free[0] if free else None)  # 14 is 14 minutes before 2 p.m.
                if i is not None:
                    taken.append(i)
                elif not any(_fits(part, sp) for sp in soft_parts):
                    break
            else:
                pool = [x for i, x in enumerate(pool) if i not in taken]
                break
        else:
            left.append(q)
    # a part left over that a soft word covers ("2 giờ 41 phút" ⇄ "two hours and 41 minutes") is no loss
    return left, [q for q in other if any(owner is q and not any(_fits(p, sp) for sp in soft_parts) for p, owner in pool)]


def _readings(q: Quantity) -> list[list[Part]]:
    parts = _parts(q)
    value = q.key[1] if q.key[0] == "number" else None
    if value is not None and value != value.to_integral_value() and re.fullmatch(r"\d+[.,]\d{2}", q.text):
        whole, frac = re.split(r"[.,]", q.text)
        return [parts, [("number", Decimal(whole)), ("number", Decimal(frac))]]
    return [parts]


def _year_split(one: list[Quantity], other: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Match a dated day with a year on either side to a day without year plus the year on the other."""
    one, other = list(one), list(other)
    for side_a, side_b in ((one, other), (other, one)):
        for q in list(side_a):
            k = q.key
            if k[0] != "date" or k[3] is None:
                continue
            day = next((t for t in side_b if t.key == ("date", k[1], k[2], None)), None)
            year = next((t for t in side_b if ("number", Decimal(k[3])) in t.keys), None)
            if day and year:
                side_a.remove(q)
                side_b.remove(day)
                side_b.remove(year)
    return one, other


def _take_shared(pool: list[Quantity], q: Quantity, *, hard: bool = False) -> Quantity | None:
    """Remove and return the first quantity of ``pool`` sharing a reading with ``q`` (``hard``: not a soft one)."""
    for i, t in enumerate(pool):
        if not (hard and t.soft) and set(t.keys) & set(q.keys):
            return pool.pop(i)
    return None
