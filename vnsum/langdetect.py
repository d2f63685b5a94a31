"""Telling Vietnamese from English, per document, and per paragraph when it leaves no doubt.

English news about Vietnam is full of Vietnamese names with diacritics ("Trần Cẩm Tú",
"HÀ NỘI"), so counting accented letters misleads. Function words do not: each language
has a few dozen that make up a large share of any running text.
"""

from __future__ import annotations

import re
import unicodedata

from vnsum.errors import InputError, setting

VI_WORDS = frozenset(
    """và của là có được các những trong cho với này đã không một người để khi
    từ đến về như theo tại cũng đó thì sẽ trên vào nhiều ra rằng nhưng hai bị
    đang năm ngày việc nước hiện làm nhà còn hơn sau mới vẫn đều do nên""".split()
)
EN_WORDS = frozenset(
    """the of and to in a is that for on with as was by at from it be are this an
    have has had were will would their they he she his its not or which who
    also but been more said after than about over into""".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """'vi' or 'en'. Raises InputError when the text has no words to judge by."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())  # NFD splits words at accents
    if not words:
        raise InputError(
            f"cannot tell the language: the input has no words (pass {setting('source_lang')} vi or {setting('source_lang')} en)"
        )
    vi = sum(w in VI_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    if vi == en:
        # Too short for function words: weigh words with Vietnamese letters against words
        # that cannot be a Vietnamese syllable ("member", "visits"); names like "Lê Minh
        # Hưng" in an English line are then outweighed by the English words around them.
        accented = sum(any(ch in _VI_LETTERS for ch in w) for w in words)
        foreign = sum(not _VI_SYLLABLE.fullmatch(_base_letters(w)) for w in words if not any(ch in _VI_LETTERS for ch in w))
        return "vi" if accented > foreign else "en"
    return "vi" if vi > en else "en"


def paragraph_language(text: str) -> str | None:
    """The language of one paragraph when its words leave no doubt, else ``None`` (a title,
    a name, a short line: those take the document's language). No doubt: at least three
    function words of one language and under a third as many of the other ("to", "do" and
    "an" are words of both, not counted); or, with fewer, six words or more, at least half of
    them with Vietnamese letters (Vietnamese), or none with them and two in five that no
    Vietnamese syllable spells (English)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    vi = sum(w in VI_WORDS and w not in _BOTH for w in words)
    en = sum(w in EN_WORDS and w not in _BOTH for w in words)
    for lang, mine, other in (("vi", vi, en), ("en", en, vi)):
        if mine >= 3 and 3 * other < mine:
            return lang
    if len(words) < 6:
        return None
    accented = sum(any(ch in _VI_LETTERS for ch in w) for w in words) / len(words)
    foreign = sum(not _VI_SYLLABLE.fullmatch(_base_letters(w)) for w in words) / len(words)
    if accented >= 0.5 and vi >= en:
        return "vi"
    if accented == 0 and foreign >= 0.4 and en >= vi:
        return "en"
    return None


def majority_language(paragraphs: list[tuple[str, str | None]]) -> str | None:
    """Of ``(text, language)`` pairs, the language with the most words, if one has more."""
    words = {lang: 0 for lang in ("vi", "en")}
    for text, lang in paragraphs:
        if lang in words:
            words[lang] += len(_WORD.findall(text))
    if words["vi"] == words["en"]:
        return None
    return "vi" if words["vi"] > words["en"] else "en"


# Function words of both languages: "to" (big), "do" (because), "an" (an ninh: security).
_BOTH = frozenset({"to", "do", "an"})


# A Vietnamese syllable without its diacritics: onset, one to three vowels, final.
_VI_SYLLABLE = re.compile(r"(?:ngh|gh|gi|kh|ng|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def _base_letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_VI_LETTERS = frozenset("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def other_language(lang: str) -> str:
    return {"vi": "en", "en": "vi"}[lang]
