"""How a name is said in the other language, by rule: adjectives and peoples of places
(``Qatari`` ⇄ ``Qatar``, ``a Dane`` ⇄ ``người Đan Mạch``), a possessive ``Vietnam's`` left
implied, and Chinese names in pinyin and in their Sino-Vietnamese readings (``Wang Lei`` ⇄
``Vương Lỗi``). The name check (:mod:`vnsum.checks.name`) asks these before it flags.
"""

from __future__ import annotations

import re

from vnsum.checks import lexicon
from vnsum.checks.name_tokens import fold, has_vi_letters, vi_shaped
from vnsum.checks.names_norm import Name

#: English adjectives of nationality: "Vietnamese President Vo Van Tan" ⇄ "Chủ tịch nước Võ Văn Tân".
DEMONYM_ENDINGS = ("ese", "ian", "ians", "ish", "ican", "icans", "ean", "eans", "stani", "eli", "ch")

ADJECTIVE_ENDINGS = ("ese", "i", "is", "an", "ans", "ian", "ians", "ish", "n", "ns")


def _adjective_from(place: str, word: str) -> bool:
    """``Qatari`` of ``Qatar``, ``Peruvian`` of ``Peru``: the whole place, then an adjective's ending."""
    return len(place) >= 4 and word.startswith(place) and (_adjective_of(place, word) or _demonym(word))


def _adjective_of(place: str, word: str) -> bool:
    """``Nepalese`` of ``Nepal``, ``Maldivian`` of ``Maldives``: the place's letters (but for
    its last two) and an adjective ending."""
    if len(place) < 4 or " " in place:
        return False
    stem = place if word.startswith(place) else place[:-2]
    return len(stem) >= 4 and word.startswith(stem) and word[len(stem) :] in ADJECTIVE_ENDINGS and len(word) > len(place)


def _possessive_only(place: str, source: str) -> bool:
    """Every mention is a possessive (``Vietnam's 15th National Assembly``), which a Vietnamese
    news text leaves implied (``Quốc hội khóa XV``)."""
    mentions = len(re.findall(rf"\b{re.escape(place)}\b", source))
    return mentions > 0 and mentions == len(re.findall(rf"\b{re.escape(place)}['’]s\b", source))


def _people_of(
    name: Name, unexplained: list[Name], target_names: list[Name], blamed: set[str], target: str, source_lang: str
) -> Name | None:
    """``Dane``, ``Swedes``, ``a Finn``: a word the English dictionary capitalises, rendered as
    ``người Đan Mạch`` — a place of the translation after ``người`` whose English name starts
    with the same letter."""
    word = name.text
    stem = re.sub(r"(?:wo)?m[ae]n$", "", word.rstrip("s")) or word  # "Frenchwoman" is "French"
    if source_lang != "en" or " " in word or not lexicon.capitalised_in_dictionary(stem):
        return None
    for place in [*unexplained, *target_names]:
        english = [f for f in place.forms if not has_vi_letters(f)]
        after_people = re.search(rf"\bngười\s+{re.escape(place.text)}", target) is not None
        if place.kind == "place" and place.text not in blamed and after_people and any(f[:1] == word[:1] for f in english):
            return place
    return None


def _demonym(word: str) -> bool:
    return " " not in word and word[:1].isupper() and word.lower().endswith(DEMONYM_ENDINGS)


_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ui|ao|ou|iu|ie|ue|er|an|en|in|un|ia|ua|uo|a|o|e|i|u)"
)


def _surname_reading(pinyin: list[str], vietnamese: list[str]) -> bool:
    """``Wang`` ⇄ ``Vương Nghị``, ``Xi`` ⇄ ``Tập``: a Chinese surname alone (or a name in
    pinyin) and a Vietnamese rendering that opens with the surname's Sino-Vietnamese reading."""
    rendered = any(has_vi_letters(w) for w in vietnamese) or all(vi_shaped(w) for w in vietnamese)  # "Chu Minh Hoa"
    if not pinyin or not vietnamese or not rendered:
        return False
    readings = lexicon.chinese_surnames().get(fold(pinyin[0]), frozenset())
    if not any(vietnamese[0] == r or vietnamese[0].lower() == r.lower() for r in readings):
        return False
    return len(pinyin) == 1 or _sino_reading(pinyin, vietnamese) or len(vietnamese) <= sum(_pinyin_syllables(w) for w in pinyin)


def _pinyin_syllables(word: str) -> int:
    """How many pinyin syllables spell the word (``Jianhua``: 2), or 0 if none do."""
    w = word.lower()
    for n in (1, 2, 3):
        if re.fullmatch(rf"(?:{_PINYIN.pattern}){{{n}}}", w):
            return n
    return 0


def _sino_reading(pinyin: list[str], vietnamese: list[str]) -> bool:
    """``Wang Jianhua`` ⇄ ``Vương Kiến Hoa``: a Chinese name in pinyin and a Vietnamese
    rendering with one syllable for each of its syllables, as the Vietnamese press writes
    Chinese names."""
    counts = [_pinyin_syllables(w) for w in pinyin]
    if not all(counts) or (all(vi_shaped(w) for w in pinyin) and any(has_vi_letters(w) for w in pinyin)):
        return False
    if sum(counts) != len(vietnamese) or not any(has_vi_letters(w) for w in vietnamese):
        return False
    readings = lexicon.chinese_surnames().get(fold(pinyin[0]))  # "Wang Lei" is "Vương Lỗi", not "Trương Lỗi"
    return readings is None or counts[0] != 1 or any(fold(r) == fold(vietnamese[0]) for r in readings)
