"""What every reader of numbers shares: the :class:`Quantity` and its keys, the number and
date parsers, the scale and number-word tables, and the :class:`_Scanner` that reads a text
pattern by pattern. The language readers are in :mod:`vnsum.checks.numbers_scan`, the entry
point (:func:`vnsum.checks.numbers_norm.quantities`) in :mod:`vnsum.checks.numbers_norm`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

Made = list[tuple[list[tuple], bool]]  # what a pattern's reader returns: (readings, soft) per quantity


Key = tuple  # ("number", Decimal) | ("date", day, month, year | None) | ("month", month) | ("time", hour % 12, minute)


@dataclass(frozen=True)
class Quantity:
    """One number, date or month of a sentence: its possible readings (best first) and its text."""

    keys: tuple[Key, ...]
    text: str
    soft: bool = False
    gloss: bool = False  # a converter's bracketed amount: "VND2.6 trillion ($104 million)"
    word: bool = False  # a number word ("two", "hai"): soft, but looked for (see check_number)

    @property
    def key(self) -> Key:
        return self.keys[0]


MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


_MONTH = (
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"  # not "Myanmar", not "2018 declaration"
)


_FULL_MONTH = r"(January|February|March|April|June|July|August|September|October|November|December)"  # "May" alone is a verb too


SCALES = {
    "nghìn tỷ": 10**12, "ngàn tỷ": 10**12, "nghìn tỉ": 10**12, "ngàn tỉ": 10**12, "nghìn": 10**3, "ngàn": 10**3,
    "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9, "trăm": 100,
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "mln": 10**6,
}  # fmt: skip


_VI_SCALE = r"(nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ|nghìn|ngàn|triệu|tỷ|tỉ|trăm)(?![^\W\d_])"


_EN_SCALE = r"(thousand|million|billion|trillion|bn|mln)\b"


WORDS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "both": 2, "twice": 2, "single": 1,
    "thirds": 3, "quarters": 4, "fifths": 5, "tenths": 10, "twin": 2, "twins": 2, "pair": 2, "zero": 0,
}  # fmt: skip


WORDS_VI = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mươi": 10, "nhất": 1, "nhì": 2, "trăm": 100,
}  # fmt: skip


_ROMAN = re.compile(r"(?<![^\W\d_])([IVXLC]+)(?![^\W\d_])")


_ROMAN_CONTEXT = {"thứ", "khóa", "khoá", "hội", "lần", "war", "no", "congress", "plenum"}


_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"


_NUM = r"(?<!\d)(?<!\d[.,])(\d+(?:[.,]\d+)*)"  # "Q.1" is district 1; "1.500" is one number


_D = r"(\d{1,2})"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_number(text: str, lang: str) -> tuple[Decimal, ...]:
    """The readings of a written number in ``lang``'s conventions, most likely first.

    ``1.500`` is 1500 in Vietnamese; ``1,500`` is 1500 in English. The language's
    *decimal* separator followed by exactly three digits is ambiguous (``1,500`` in a
    Vietnamese output may be an English-style thousand left as it was), so both readings
    are returned, the language's own first.
    """
    thousands = "." if lang == "vi" else ","
    seps = re.findall(r"[.,]", text)
    groups = re.split(r"[.,]", text)
    try:
        if not seps:
            return (Decimal(text),)
        if len(set(seps)) == 2:  # 1.234,5 (vi) / 1,234.5 (en): the last separator is the decimal one
            last = seps[-1]
            whole, frac = text.rsplit(last, 1)
            return (Decimal(re.sub(r"\D", "", whole) + "." + frac),)
        sep = seps[0]
        if len(seps) > 1:  # 1.234.567: only thousands repeat
            return (Decimal("".join(groups)),)
        head, tail = groups
        as_thousands, as_decimal = Decimal(head + tail), Decimal(head + "." + tail)
        if len(tail) == 3 and len(head) <= 3 and head != "0":
            # the language's thousands separator is firm; its decimal one before three digits
            # may be the other language's thousands (an untouched "1,500" in Vietnamese output)
            return (as_thousands,) if sep == thousands else (as_decimal, as_thousands)
        return (as_decimal,)
    except InvalidOperation:
        return ()


def roman_value(text: str) -> int | None:
    """The value of an upper-case Roman numeral (I-C range), or None if it is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total if _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _num(value: int | str | Decimal) -> Key:
    return ("number", Decimal(value).normalize())


def _date(day: str | int, month: str | int, year: str | int | None = None) -> Key | None:
    d, m = int(day), int(month)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    return ("date", d, m, int(year) if year else None)


class _Scanner:
    """Consumes the text pattern by pattern, most specific first, so each digit is read once.

    Each pattern reads the text as the earlier patterns left it (what they matched blanked
    out); its own matches are blanked together once it is done, so a long text is copied once
    per pattern, not once per match."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.free = text
        self.found: list[tuple[int, Quantity]] = []

    def scan(self, pattern: str, make: Callable[[re.Match[str]], Made | None], flags: int = re.IGNORECASE) -> None:
        spans = []
        for m in re.finditer(pattern, self.free, flags):
            made = make(m)
            if made is None:
                continue
            for keys, soft in made:
                self.found.append((m.start(), Quantity(tuple(keys), self.text[m.start() : m.end()].strip(), soft)))
            spans.append((m.start(), m.end()))
        self.blank(spans)

    def blank(self, spans: list[tuple[int, int]]) -> None:
        """Blank out ``spans`` (in order, not overlapping) of the free text, in one copy."""
        if not spans:
            return
        parts, at = [], 0
        for start, end in spans:
            parts += [self.free[at:start], " " * (end - start)]
            at = end
        parts.append(self.free[at:])
        self.free = "".join(parts)

    def result(self) -> list[Quantity]:
        return [q for _, q in sorted(self.found, key=lambda x: x[0])]


def _dates(*keys: Key | None) -> list[tuple[list[Key], bool]] | None:
    known = [k for k in keys if k is not None]
    return [([k], False) for k in known] if len(known) == len(keys) else None


def _scaled(number: str, scale: str, lang: str) -> list[tuple[list[Key], bool]] | None:
    readings = parse_number(number, lang)
    if not readings:
        return None
    factor = SCALES[" ".join(scale.lower().split())]
    return [([_num(r * factor) for r in readings], False)]


def _plain(number: str, lang: str) -> list[tuple[list[Key], bool]] | None:
    readings = parse_number(number, lang)
    return [([_num(r) for r in readings], False)] if readings else None


#: Words before a Vietnamese day-month written with a dash (``ngày 2-9``, ``chiều 15-3``,
#: ``sáng nay, 12-10``, ``từ 3-4 đến 5-4``): without one, ``3-1`` is a score or a range.
DATE_CONTEXT_VI = frozenset(
    "ngày hôm sáng trưa chiều tối đêm khuya nay qua mai kia từ đến tới và trước sau hết cuối đầu giữa lúc vào tính hạn mùng mồng".split()
)


_CODES = "USD|VND|VNĐ|dong|euros?|EUR|yen|SGD|won|baht|yuan"


_CURRENCY = rf"(?:US\$|S\$|A\$|\$|€|£|¥|đồng|yên|nhân dân tệ|(?<![A-Za-z])(?:{_CODES})(?![A-Za-z]))"


def _previous_word(m: re.Match[str]) -> str:
    before = m.string[: m.start()].rstrip()
    if before.endswith("("):
        return "("
    words = before.split()
    return words[-1].strip(",;:").lower() if words else ""


def _time(hour: str, minute: str | None, half: str | None = None) -> list[tuple[list[Key], bool]] | None:
    h, mi = int(hour), int(minute or 0)
    if h > 24 or mi > 59 or (half and not 1 <= h <= 12):
        return None
    return [([("time", h % 12, mi)], False)]


def _en_date(day: str, month: str, year: str | None) -> Key | None:
    return _date(day, MONTHS_EN[month.lower().rstrip(".")], year)
