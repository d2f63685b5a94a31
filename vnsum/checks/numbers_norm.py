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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
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


WEEKDAYS_EN = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
WEEKDAYS_VI = {"hai": 1, "ba": 2, "tư": 3, "năm": 4, "sáu": 5, "bảy": 6, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_WEEKDAY_CONTEXT_VI = r"(?:hôm|ngày|sáng|trưa|chiều|tối|đêm|khuya|vào|các|mỗi|từ|đến)\s+"


def _weekday(day: int) -> list[tuple[list[Key], bool]]:
    return [([("weekday", day)], False)]


def _weekday_or_ordinal(word: str) -> list[tuple[list[Key], bool]]:
    """``ngày thứ 5``: Thursday, or the fifth day (of an illness, a festival): either matches."""
    day = WEEKDAYS_VI[word.lower()]  # "thứ hai" (Monday) is day 1 and the second
    return [([("weekday", day), _num(day + 1)], False)]


def _scan_vi(s: _Scanner) -> None:
    s.scan(r"(?<!\w)chủ\s+nhật(?!\w)", lambda m: _weekday(7))
    s.scan(r"(?<!\w)[Tt]hứ\s+(Hai|Ba|Tư|Năm|Sáu|Bảy)(?!\w)", lambda m: _weekday(WEEKDAYS_VI[m[1].lower()]), 0)
    s.scan(
        r"(?<!\w)thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])(?!\w)",
        lambda m: (
            (_weekday_or_ordinal(m[1]) if _previous_word(m) == "ngày" else _weekday(WEEKDAYS_VI[m[1].lower()]))
            if _after_weekday_word(m)
            else None
        ),
    )
    # times: 7h20, 19h, 14 giờ 30 (phút), lúc 9 giờ
    s.scan(r"(?<![\d.,])" + _D + r"\s?h(?:\s?(\d{2}))?(?![^\W\d_])(?:\s*giờ)?", lambda m: _time(m[1], m[2]))
    s.scan(r"(?<![\d.,])" + _D + r"\s*giờ\s*(\d{1,2})(?:\s*phút)?", lambda m: _time(m[1], m[2]))
    s.scan(r"(?:lúc|vào)\s+" + _D + r"\s*giờ", lambda m: _time(m[1], None))
    s.scan(_D + r"\s*giờ(?=\s+(?:sáng|trưa|chiều|tối|đêm|khuya|ngày|hôm))", lambda m: _time(m[1], None))
    # a list of days sharing a month: "13, 14, 15-4" (consecutive days are a range: April 13 to 15)
    day = r"\d{1,2}(?!\d)"
    s.scan(rf"(?<![\d/.,\-–])({day}(?:\s*,\s*{day})+)\s*(?:,|và)?\s*(?<!\d)" + _D + r"\s*[/-]\s*" + _D + r"(?![\d/\-–])", _vi_day_list)
    day_month = _D + r"\s*[/-]\s*" + _D
    two = r"(?<![\d/.,])" + day_month + r"\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?" + day_month + r"\s*[/-]\s*(\d{4})(?![\d/])"
    s.scan(two, _vi_range_one_year)  # "5-3 đến 9-3-2018": the year may be the first date's too
    first = r"(?<![\d/.\-–])(?<!tháng )"  # a range starts on a bare day, not inside another date or after "tháng"
    rng = first + r"(?:từ\s+)?(?:ngày\s+)?" + _D + r"\s*(?:-|–|đến|tới|và)\s*(?:cả\s+|hết\s+)?(?:ngày\s+)?" + _D
    s.scan(
        rng + r"\s*[/.-]\s*" + _D + r"(?:\s*[/.-]\s*(\d{4}))?(?![\d/])",
        lambda m: _dates(_date(m[1], m[3], m[4]), _date(m[2], m[3], m[4])),
    )
    s.scan(rng + r"\s+tháng\s+" + _D + r"(?:\s*(?:năm|/|-)\s*(\d{4}))?", lambda m: _dates(_date(m[1], m[3], m[4]), _date(m[2], m[3], m[4])))
    s.scan(r"ngày\s+" + _D + r"\s+tháng\s+" + _D + r"(?:\s*(?:năm|/|-)\s*(\d{4}))?", lambda m: _dates(_date(m[1], m[2], m[3])))
    s.scan(r"(?<![\d/.])" + _D + r"\s*[/.-]\s*" + _D + r"\s*[/.-]\s*(\d{4})(?![\d/])", lambda m: _dates(_date(m[1], m[2], m[3])))
    s.scan(r"(?<![\d/.,])" + _D + r"/" + _D + r"(?![\d/])", lambda m: _dates(_date(m[1], m[2])) if not _fraction(m) else None)
    # "52/52 đại biểu" is "all 52 delegates": the second is the first again
    s.scan(r"(?<![\d/.,])(\d+)/(\d+)(?![\d/])", lambda m: [([_num(m[1])], False), ([_num(m[2])], True)] if m[1] == m[2] else None)
    s.scan(
        r"(?<![\d/.,\-–])" + _D + r"\s*-\s*" + _D + r"(?![\d/\-–]|[.,]\d)",
        lambda m: _dates(_date(m[1], m[2])) if _vi_dash_date(m) else None,
    )
    s.scan(r"(?<!hằng )(?<!mỗi )tháng\s+" + _D + r"(?:\s*(?:/|-|năm)\s*(\d{4}))?(?!\d|[.,]\d)", _vi_month)  # not "hằng tháng 2.800"
    s.scan(r"(?<![\d.,])(\d{1,3})\s+(tỷ|tỉ|triệu)\s+(\d{1,3})\s+(triệu|nghìn|ngàn)(?![^\W\d_])", _vi_compound_amount)
    s.scan(_NUM + r"\s*(?:-|–|đến|tới)\s*" + _NUM + r"\s*" + _VI_SCALE, lambda m: _scaled_range(m[1], m[2], m[3], "vi"))
    s.scan(_NUM + r"\s*" + _VI_SCALE, lambda m: _scaled(m[1], m[2], "vi"))
    words = "|".join(sorted(WORDS_VI, key=len, reverse=True))
    s.scan(r"(?<![^\W\d_])(" + words + r")\s+" + _VI_SCALE, lambda m: [([_num(WORDS_VI[m[1].lower()] * SCALES[m[2].lower()])], False)])


def _after_weekday_word(m: re.Match[str]) -> bool:
    """``hôm thứ hai``, ``thứ sáu ngày 15-3``: a weekday, not an ordinal (``đứng thứ hai``)."""
    before = re.search(_WEEKDAY_CONTEXT_VI + r"$", m.string[: m.start()].rstrip() + " ", re.IGNORECASE)
    return bool(before or re.match(r"\s*(?:,|ngày)\s*\d", m.string[m.end() :]))


def _scan_en(s: _Scanner) -> None:
    s.scan(r"\b(" + "|".join(WEEKDAYS_EN) + r")s?\b", lambda m: _weekday(WEEKDAYS_EN[m[1].lower()]))
    s.scan(r"(?<![\d.,])" + _D + r"(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", lambda m: _time(m[1], m[2], m[3].lower()))
    s.scan(r"(?<![\d.,:])" + _D + r":(\d{2})(?![\d:])", lambda m: _time(m[1], m[2]))
    s.scan(r"\bmidnight\b", lambda m: [([("time", 0, 0)], True)])  # "0h" or "nửa đêm"
    s.scan(r"(?<![\d.,:])([01]\d|2[0-3])([0-5]\d)\s*(?:GMT|UTC|hrs|hours)\b", lambda m: _time(m[1], m[2]))  # "1900 GMT"
    s.scan(r"(?<![\d.,])((?:19|20)\d\d)[-–/](\d\d)(?![\d-])", _short_year_range)  # "2023-24" ⇄ "2023-2024"
    rng = r"\s*(?:-|–|to|and|through|until)\s*"
    s.scan(
        _MONTH + r"\s+" + _D + _ORDINAL_SUFFIX + rng + _D + _ORDINAL_SUFFIX + r"\b(?:,?\s+(\d{4}))?",
        lambda m: _dates(_en_date(m[2], m[1], m[4]), _en_date(m[3], m[1], m[4])),
    )
    s.scan(
        r"(?:the\s+)?"
        + _D
        + _ORDINAL_SUFFIX
        + rng
        + r"(?:the\s+)?"
        + _D
        + _ORDINAL_SUFFIX
        + r"\s+(?:of\s+)?"
        + _MONTH
        + r"(?:,?\s+(\d{4}))?",
        lambda m: _dates(_en_date(m[1], m[3], m[4]), _en_date(m[2], m[3], m[4])),
    )
    days = _MONTH + r"\s+(\d{1,2}(?:\s*,\s*\d{1,2})+,?\s+and\s+\d{1,2})\b(?![,.]?\d)"  # "April 2, 3 and 5"
    s.scan(days, lambda m: _dates(*(_en_date(d, m[1], None) for d in re.findall(r"\d+", m[2]))))
    s.scan(_MONTH + r"\s+" + _D + _ORDINAL_SUFFIX + r"\b(?:,?\s+(\d{4}))?", lambda m: _dates(_en_date(m[2], m[1], m[3])))
    s.scan(
        r"(?:the\s+)?" + _D + _ORDINAL_SUFFIX + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?",
        lambda m: _dates(_en_date(m[1], m[2], m[3])),
    )
    s.scan(r"(?<![\d/.])" + _D + r"/" + _D + r"/(\d{4})(?![\d/])", _en_slash_date)
    s.scan(_MONTH + r",?\s+(\d{4})\b", lambda m: [([("month", MONTHS_EN[m[1].lower()])], False), ([_num(m[2])], False)], 0)
    s.scan(r"\b" + _FULL_MONTH + r"\b", lambda m: [([("month", MONTHS_EN[m[1].lower()])], False)], 0)
    # "May" is a month after a preposition or before another month ("between May and August")
    may = r"(?<=\b(?:[Ii]n|[Oo]f|[Bb]y)\s)May\b(?!['’])|\b(?:since|until|from|between|early|late|mid|last|next)\s+May\b(?!['’])"
    may += r"|\bMay(?=\s+(?:and|to)\s+[A-Z])"  # not "from May's Conservative Party"
    s.scan(may, lambda m: [([("month", 5)], False)], 0)
    s.scan(_NUM + r"\s*(?:-|–|to|and)\s*\$?" + _NUM + r"\s*" + _EN_SCALE, lambda m: _scaled_range(m[1], m[2], m[3], "en"))
    s.scan(_NUM + r"(?:\s*|-)" + _EN_SCALE, lambda m: _scaled(m[1], m[2], "en"))  # "12-billion-baht" too
    s.scan(r"(?<=[$€£])" + _NUM + r"\s?([mk])\b", lambda m: _scaled(m[1], {"m": "million", "k": "thousand"}[m[2].lower()], "en"))
    words = "|".join(sorted(WORDS_EN, key=len, reverse=True))
    s.scan(r"\b(" + words + r")[\s-]+" + _EN_SCALE, lambda m: [([_num(WORDS_EN[m[1].lower()] * SCALES[m[2].lower()])], False)])
    s.scan(r"(?<![\d.,])(\d+)(?:st|nd|rd|th)\b", lambda m: [([_num(m[1])], False)])


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


def _vi_compound_amount(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    """``2 tỷ 543 triệu đồng`` ⇄ ``VND2.543 billion``: one amount written in two scales."""
    big, small = SCALES[m[2].lower()], SCALES[m[4].lower()]
    if small >= big:
        return None
    return [([_num(int(m[1]) * big + int(m[3]) * small)], False)]


def _vi_dash_date(m: re.Match[str]) -> bool:
    return _previous_word(m) in DATE_CONTEXT_VI or _previous_word(m) == "("


def _fraction(m: re.Match[str]) -> bool:
    """``2/3 thượng nghị sĩ`` is two thirds, not the 2nd of March: a small proper fraction
    with no date word before it."""
    a, b = int(m[1]), int(m[2])
    return a < b <= 10 and _previous_word(m) not in DATE_CONTEXT_VI


def _vi_day_list(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    days = [int(d) for d in re.findall(r"\d+", m[1])] + [int(m[2])]
    month = int(m[3])
    maybe = [_date(d, month) for d in days]
    keys = [k for k in maybe if k is not None]
    if len(keys) < len(maybe):
        return None
    consecutive = all(b == a + 1 for a, b in zip(days, days[1:], strict=False))
    return [([k], consecutive and 0 < i < len(keys) - 1) for i, k in enumerate(keys)]


def _short_year_range(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    first, last = int(m[1]), int(m[1][:2] + m[2])
    return [([_num(first)], False), ([_num(last)], False)] if first < last <= first + 9 else None


def _time(hour: str, minute: str | None, half: str | None = None) -> list[tuple[list[Key], bool]] | None:
    h, mi = int(hour), int(minute or 0)
    if h > 24 or mi > 59 or (half and not 1 <= h <= 12):
        return None
    return [([("time", h % 12, mi)], False)]


def _scaled_range(low: str, high: str, scale: str, lang: str) -> list[tuple[list[Key], bool]] | None:
    """``89-93 tỉ USD`` ⇄ ``$89 billion to $93 billion``: the scale word applies to both ends."""
    a, b = _scaled(low, scale, lang), _scaled(high, scale, lang)
    if not (a and b) or a[0][0][0][1] > b[0][0][0][1]:
        return None  # "from 2018 to 1.19 trillion" is no range
    return a + b


#: Phrases whose number may be translated without it: weekdays and ordinals with ``thứ``
#: (``thứ Hai`` is Monday), ``6 tháng đầu năm`` (the first half), ``fivefold`` (``gấp 5 lần``).
_SOFT_VI = r"(?<![^\W\d_])thứ\s+(\d|hai|ba|tư|năm|sáu|bảy)(?!\w)|(?<!\d)(6)\s+tháng\s+(?:đầu|cuối)"
_FOLD_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _first_months(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    """``9 tháng đầu năm`` ⇄ "January-September"; ``6 tháng đầu năm`` may be "the first half"."""
    n = int(m[1])
    if not 1 <= n <= 12:
        return None
    return [([_num(n), ("month", n)], n == 6), ([("month", 1)], True)]


def _vi_range_one_year(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    """``từ 1-1 đến 13-5-2019`` ⇄ "from January 1 to May 13, 2019" or "March 5 to 9, 2018":
    the first date has the year or none."""
    first, last = _date(m[1], m[2], m[5]), _date(m[3], m[4], m[5])
    if first is None or last is None:
        return None
    return [([first, ("date", first[1], first[2], None)], False), ([last], False)]


def _scan_soft_phrases(s: _Scanner, lang: str) -> None:
    if lang == "vi":
        s.scan(r"(?<!\w)ngã\s+(?:ba|tư|năm|sáu|bảy)(?!\w)", lambda m: [])  # a junction, not a number
        # "hai nước", "hai bên": the Vietnamese way to say "bilateral", "both sides", "their"
        s.scan(r"(?<!\w)hai\s+(?:nước|bên|phía|Đảng|quốc gia|dân tộc|Nhà nước|chính phủ|Chính phủ)(?!\w)", lambda m: [([_num(2)], True)])
        s.scan(r"(?<![\d.,/\-–])1(?=\s+[^\W\d_])(?!\s+(?:tháng|năm|giờ|phút)\b)", lambda m: [([_num(1)], True)])  # "1 bộ" ⇄ "a set"
        s.scan(r"(?<![\d.,])(\d{1,2})\s+tháng\s+đầu\s+năm", _first_months)  # "9 tháng đầu năm" ⇄ "January-September"
        s.scan(_SOFT_VI, lambda m: [([_num(int(m[1]) if m[1] and m[1].isdigit() else WORDS_VI.get((m[1] or "").lower(), 6))], True)])
    else:
        s.scan(r"\b(" + "|".join(_FOLD_EN) + r")-?fold\b", lambda m: [([_num(_FOLD_EN[m[1].lower()])], True)])
        s.scan(
            r"\b(doubl|tripl|quadrupl)(?:e|es|ed|ing)\b", lambda m: [([_num({"doubl": 2, "tripl": 3, "quadrupl": 4}[m[1].lower()])], True)]
        )
        s.scan(r"\bfirst half\b", lambda m: [([_num(1)], True)])  # "hiệp một", "nửa đầu năm", "6 tháng đầu năm"
        s.scan(r"\bsecond half\b", lambda m: [([_num(2)], True)])
        s.scan(r"\blast (?:four|eight|sixteen)\b|\bper second\b", lambda m: [])  # "tứ kết"; a unit
        s.scan(r"\band a half\b", lambda m: [([_num(6)], True), ([_num("0.5")], True)])  # "four and a half years" ⇄ "4 năm 6 tháng"


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


def _vi_month(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    month = int(m[1])
    if not 1 <= month <= 12:
        return None
    out = [([("month", month)], False)]
    if m[2]:
        out.append(([_num(m[2])], False))
    return out


def _en_date(day: str, month: str, year: str | None) -> Key | None:
    return _date(day, MONTHS_EN[month.lower().rstrip(".")], year)


def _en_slash_date(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    a, b = int(m[1]), int(m[2])
    readings = [k for k in (_date(b, a, m[3]), _date(a, b, m[3])) if k]  # US month/day first, then day/month
    return [(list(dict.fromkeys(readings)), False)] if readings else None


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
