"""Splitting a sentence that is over the model's input budget, without losing a character.

opus-mt fails past 512 tokens and degrades well before; a news sentence can be a
thousand-word run-on list. Such a sentence is cut at clause boundaries (after , ; : and
dashes), then between words, then — for a single monster "word" — between characters,
and the parts are packed greedily into pieces that fit. Pieces are exact slices of the
sentence, so joining them gives the sentence back up to whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

TokenCounter = Callable[[Sequence[str]], list[int]]
T = TypeVar("T")

_CLAUSE_END = re.compile(r"(?<=[,;:，；：])\s+|\s+(?=[—–-]\s)|(?<=\s[—–-])\s+")
_WORD_END = re.compile(r"(?<=\S)\s+")


def split_to_budget(sentence: str, budget: int, count: TokenCounter) -> list[str]:
    """Pieces of ``sentence``, each within ``budget`` tokens by ``count``, stripped, in order."""
    if budget < 1:
        raise ValueError("the token budget must be at least 1")
    sentence = sentence.strip()
    if not sentence:
        return []
    if count([sentence])[0] <= budget:
        return [sentence]
    units = _units(sentence, budget, count)
    return [p for p in (piece.strip() for piece in _pack(units, budget, count)) if p]


def _slices(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Exact consecutive slices of ``text``, cut after each match (whitespace kept left)."""
    out, start = [], 0
    for m in pattern.finditer(text):
        if m.end() > start and m.start() > start:
            out.append(text[start : m.end()])
            start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _units(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Clauses, or words of over-long clauses, or characters of over-long words."""
    units: list[str] = []
    clauses = _slices(text, _CLAUSE_END)
    for clause, n in zip(clauses, count(clauses), strict=True):
        if n <= budget:
            units.append(clause)
            continue
        words = _slices(clause, _WORD_END)
        for word, m in zip(words, count(words), strict=True):
            units.extend([word] if m <= budget else _halve(word, budget, count))
    return units


def _halve(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Split a single over-long word into character runs that fit."""
    if len(text) <= 1 or count([text])[0] <= budget:
        return [text]
    mid = len(text) // 2
    return _halve(text[:mid], budget, count) + _halve(text[mid:], budget, count)


def pack_greedy(units: Sequence[T], fits: Callable[[list[T], T], bool]) -> list[list[T]]:
    """Consecutive units in groups, greedily: a unit joins the current group while
    ``fits(group, unit)``, else starts the next one. Every packer of vnsum is this."""
    groups: list[list[T]] = []
    current: list[T] = []
    for unit in units:
        if current and not fits(current, unit):
            groups.append(current)
            current = []
        current.append(unit)
    if current:
        groups.append(current)
    return groups


def _pack(units: list[str], budget: int, count: TokenCounter) -> list[str]:
    """Greedily join consecutive units while the joined piece stays within the budget."""
    sizes = count(units)
    groups = pack_greedy(range(len(units)), lambda group, i: sum(sizes[j] for j in group) + sizes[i] <= budget)
    pieces = ["".join(units[j] for j in group) for group in groups]
    # Token counts are not exactly additive (a join can merge sub-words): verify, and
    # split any piece that came out over the budget by its units again.
    checked: list[str] = []
    for piece, n in zip(pieces, count(pieces), strict=True):
        if n <= budget:
            checked.append(piece)
        else:
            words = _slices(piece, _WORD_END)
            if len(words) > 1:
                mid = len(words) // 2
                # Each half on its own: packing them together could rebuild this very piece.
                for half in ("".join(words[:mid]), "".join(words[mid:])):
                    checked.extend(_pack([half], budget, count))
            else:
                checked.extend(_halve(piece, budget, count))
    return checked
