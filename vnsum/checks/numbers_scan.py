"""The readers of each language's conventions: Vietnamese dates with a dash, days sharing a
month, ``2 tỷ 543 triệu``, weekdays and ``ngày thứ 5``; English month names, ``April 2, 3 and
5``, ``1900 GMT``; and the soft phrases either side may say without a number (``hai nước``,
``the first half``, ``fivefold``).
"""

from __future__ import annotations

import re

from vnsum.checks.numbers_base import (
    _D,
    _EN_SCALE,
    _FULL_MONTH,
    _MONTH,
    _NUM,
    _ORDINAL_SUFFIX,
    _VI_SCALE,
    DATE_CONTEXT_VI,
    MONTHS_EN,
    SCALES,
    WORDS_EN,
    WORDS_VI,
    Key,
    _date,
    _dates,
    _en_date,
    _num,
    _previous_word,
    _scaled,
    _Scanner,
    _time,
)

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
    s.scan(r"(?<!\w)[Tt]háng\s+(" + "|".join(MONTH_WORDS_VI) + r")(?!\w)(?:\s*(?:/|-|năm)\s*(\d{4}))?", _vi_month_word, 0)
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
    tens = r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)\b"
    s.scan(tens + r"(?:[\s-]+" + _EN_SCALE + ")?", _en_tens)  # "Forty-five years ago", "forty-five million"
    words = "|".join(sorted(WORDS_EN, key=len, reverse=True))
    s.scan(r"\b(" + words + r")[\s-]+" + _EN_SCALE, lambda m: [([_num(WORDS_EN[m[1].lower()] * SCALES[m[2].lower()])], False)])
    s.scan(r"(?<![\d.,])(\d+)(?:st|nd|rd|th)\b", lambda m: [([_num(m[1])], False)])


def _en_tens(m: re.Match[str]) -> list[tuple[list[Key], bool]]:
    value = WORDS_EN[m[1].lower()] + WORDS_EN[m[2].lower()]
    if m[3]:
        return [([_num(value * SCALES[m[3].lower()])], False)]
    return [([_num(value)], True)]  # soft, as every number word is: "forty-five" may be written 45


#: Words before a Vietnamese day-month written with a dash (``ngày 2-9``, ``chiều 15-3``,
#: ``sáng nay, 12-10``, ``từ 3-4 đến 5-4``): without one, ``3-1`` is a score or a range.


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
    after = m.string[m.end() :].split()
    yearly = bool(after) and after[0].lower() in ("hàng", "hằng", "năm")  # "1/9 hàng năm": a date every year
    return a < b <= 10 and _previous_word(m) not in DATE_CONTEXT_VI and not yearly


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


def _scaled_range(low: str, high: str, scale: str, lang: str) -> list[tuple[list[Key], bool]] | None:
    """``89-93 tỉ USD`` ⇄ ``$89 billion to $93 billion``: the scale word applies to both ends."""
    a, b = _scaled(low, scale, lang), _scaled(high, scale, lang)
    if not (a and b) or a[0][0][0][1] > b[0][0][0][1]:
        return None  # "from 2018 to 1.19 trillion" is no range
    return a + b


#: Phrases whose number may be translated without it: weekdays and ordinals with ``thứ``
#: (``thứ Hai`` is Monday), ``6 tháng đầu năm`` (the first half), ``fivefold`` (``gấp 5 lần``).


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
        rate = r"(?<!\w)(?:bình quân|trung bình|mỗi)\s+1(?=\s+(?:năm|tháng|tuần|ngày|giờ)\b)"
        s.scan(rate, lambda m: [([_num(1)], True)])  # "bình quân 1 năm" ⇄ "each year", "a year"
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


#: Months in words, capitalised as the press writes them (``tháng Mười Một`` is November);
#: ``tháng Giêng`` and ``tháng Chạp`` are lunar months, left out.
MONTH_WORDS_VI = {"Mười Một": 11, "Mười Hai": 12, "Hai": 2, "Ba": 3, "Tư": 4, "Năm": 5, "Sáu": 6, "Bảy": 7, "Tám": 8, "Chín": 9, "Mười": 10}


def _vi_month_word(m: re.Match[str]) -> list[tuple[list[Key], bool]]:
    out = [([("month", MONTH_WORDS_VI[m[1]])], False)]
    return out + ([([_num(m[2])], False)] if m[2] else [])


def _vi_month(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    month = int(m[1])
    if not 1 <= month <= 12:
        return None
    out = [([("month", month)], False)]
    if m[2]:
        out.append(([_num(m[2])], False))
    return out


def _en_slash_date(m: re.Match[str]) -> list[tuple[list[Key], bool]] | None:
    a, b = int(m[1]), int(m[2])
    readings = [k for k in (_date(b, a, m[3]), _date(a, b, m[3])) if k]  # US month/day first, then day/month
    return [(list(dict.fromkeys(readings)), False)] if readings else None
