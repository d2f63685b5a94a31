"""Tracing a summary back to the article: evidence sentences and unsupported facts.

Evidence is lexical: the article sentences sharing the most words and word pairs with a
summary sentence, compared in one language (the article's). A number or a proper name
in a summary sentence that the article does not contain is *unsupported*: either the
model invented it or a translation mangled it, and the reader should look.

Both are linear in the article: its sentences are read once for all summary sentences
(``evidence_all``), and its numbers and names once into a ``FactIndex`` that every summary
sentence is then looked up in. The readers of ``vnsum.checks`` rescan their whole input
for every item they find, so they are only ever given bounded windows of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from vnsum.checks.name_tokens import fold, has_vi_letters, tokens
from vnsum.checks.numbers_norm import Quantity, quantities

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_EVIDENCE_SCORE = 0.1
#: Characters of text ``quantities`` reads at once; its cost grows with the square of its input.
WINDOW = 2000
#: Characters shared by consecutive windows of a long reference, so a value cut at one
#: window's end is read whole in the next.
OVERLAP = 200
#: Most consecutive words a name written joined may span (``Hà Nội`` in ``Hanoi``), as ``names_norm.contains``.
JOINED_SPAN = 8


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
    return evidence_all([sentence], source_sentences, k)[0]


def evidence_all(sentences: Sequence[str], source_sentences: Sequence[str], k: int = 2) -> list[tuple[int, ...]]:
    """``evidence`` for each of ``sentences``, reading every source sentence once."""
    targets = [_grams(s) for s in sentences]
    totals = [sum(t.values()) for t in targets]
    scores: list[list[tuple[float, int]]] = [[] for _ in sentences]
    for i, source in enumerate(source_sentences):
        grams = _grams(source)
        for target, total, found in zip(targets, totals, scores, strict=True):
            if total:
                found.append((sum(min(n, grams[g]) for g, n in target.items() if g in grams) / total, -i))
    return [_best(found, source_sentences, k) if total else () for found, total in zip(scores, totals, strict=True)]


def _best(scores: list[tuple[float, int]], source_sentences: Sequence[str], k: int) -> tuple[int, ...]:
    chosen: list[int] = []
    for score, neg in sorted(scores, reverse=True):
        if score < MIN_EVIDENCE_SCORE or len(chosen) == k:
            break
        if all(source_sentences[-neg] != source_sentences[c] for c in chosen):  # a repeated caption once
            chosen.append(-neg)
    return tuple(chosen)


def _lang(text: str) -> str:
    return "vi" if has_vi_letters(text) else "en"


def windows(text: str, size: int = WINDOW, overlap: int = OVERLAP) -> Iterator[str]:
    """``text`` in slices of at most ``size`` characters, cut at a line end or a space where
    there is one, each starting ``overlap`` characters (at a space) before the previous one's end."""
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        cut = end if cut < 0 else cut + 1
        yield text[start:cut]
        if overlap <= 0:
            start = cut
            continue
        back = text.find(" ", cut - overlap, cut)
        start = back + 1 if back >= 0 else cut
    yield text[start:]


def sentence_quantities(text: str, lang: str) -> list[Quantity]:
    """The quantities of one text, read window by window (no overlap) when it is long."""
    if len(text) <= 2 * WINDOW:
        return quantities(text, lang)
    return [q for part in windows(text, 2 * WINDOW, 0) for q in quantities(part, lang)]


class FactIndex:
    """The numbers and names of the reference texts (the article, its translation), read once.

    Numbers and dates are kept as value keys, each text read with its own language's
    conventions; names as the references' folded words, so a name is looked up by its
    first word's positions instead of rescanning the texts.
    """

    def __init__(self, references: Iterable[str]) -> None:
        self.references = list(references)
        self._flat = [" ".join(ref.split()) for ref in self.references]
        self._read = False
        self._keys: set = set()
        self._day_months: set[tuple[int, int]] = set()
        self._words: list[str] = []
        self._positions: dict[str, list[int]] = {}

    def _read_references(self) -> None:
        """Read the numbers and names, once, on the first look-up (a summary copied from the
        article, as the extractive one is, needs none)."""
        if self._read:
            return
        self._read = True
        interned: dict[str, str] = {}
        for ref in self.references:
            lang = _lang(ref)
            for part in windows(ref):
                for q in quantities(part, lang):
                    self._keys.update(q.keys)
            for line in fold(ref).split("\n"):
                for tok in tokens(line):
                    word = interned.setdefault(tok.word, tok.word)
                    self._positions.setdefault(word, []).append(len(self._words))
                    self._words.append(word)
        self._day_months = {(k[1], k[2]) for k in self._keys if k[0] == "date"}

    @property
    def keys(self) -> set:
        """The value keys of every number, date and time of the references."""
        self._read_references()
        return self._keys

    def verbatim(self, sentence: str) -> bool:
        """Whether ``sentence`` is a passage of a reference (up to whitespace): then it has
        nothing the references do not."""
        flat = " ".join(sentence.split())
        return bool(flat) and any(flat in ref for ref in self._flat)

    def supports(self, q: Quantity) -> bool:
        """Whether the references hold the value of ``q`` in any form."""
        if set(q.keys) & self.keys:
            return True
        for k in q.keys:
            if k[0] == "date" and k[3] is not None and ("date", k[1], k[2], None) in self.keys and ("number", Decimal(k[3])) in self.keys:
                return True  # 17/7/2024 against "17/7 ... năm 2024"
            if k[0] == "date" and k[3] is None and (k[1], k[2]) in self._day_months:
                return True  # 17/7 against 17/7/2024
        return False

    def has_name(self, name: str) -> bool:
        """Whether the folded ``name`` occurs in the references as whole words, or written
        joined (``Hanoi`` for ``Hà Nội``): the rule of ``names_norm.contains`` on folded text."""
        want = [t.word for t in tokens(fold(name))]
        if not want:
            return False
        self._read_references()
        words_, n = self._words, len(want)
        for i in self._positions.get(want[0], ()):
            if words_[i : i + n] == want:
                return True
        key = "".join(want)
        for length in range(1, len(key) + 1):  # a word that is a prefix of the joined name starts it
            for i in self._positions.get(key[:length], ()):
                acc = ""
                for word in words_[i : i + JOINED_SPAN]:
                    acc += word
                    if acc == key:
                        return True
                    if not key.startswith(acc):
                        break
        return False


def unsupported(sentence: str, references: Iterable[str] | FactIndex) -> tuple[str, ...]:
    """Numbers and names of ``sentence`` found in none of the ``references`` texts (or in a
    ``FactIndex`` of them: build it once to check many sentences).

    Numbers and dates are compared by value, each text read with its own language's
    conventions (``1,500 tỷ`` ⇄ ``1.500 tỷ`` ⇄ ``1.5 trillion``, ``16/7`` ⇄ ``July 16``);
    names without case or diacritics (``Le Hoai Trung`` ⇄ ``Lê Hoài Trung``, ``Hanoi`` ⇄ ``Hà Nội``).
    A sentence copied from a reference has nothing unsupported.
    """
    index = references if isinstance(references, FactIndex) else FactIndex(references)
    if index.verbatim(sentence):
        return ()
    missing = [q.text for q in sentence_quantities(sentence, _lang(sentence)) if not q.soft and not index.supports(q)]
    missing += [name for name in _capitalised_runs(sentence) if not index.has_name(name)]
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
