"""The words of a sentence as the name check reads them: tokens, folding (no diacritics, no
case), matching a form in a text (``Hà Nội`` in ``Hanoi``), Vietnamese syllable shapes, and
the small tests on a token's neighbours that :mod:`vnsum.checks.names_norm` builds on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vnsum.checks import lexicon
from vnsum.checks.name_words import EN_COMMON, SURNAMES, VI_COMMON

VI_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def fold(text: str) -> str:
    """Lower case without diacritics: ``Lê Hoài Trung`` → ``le hoai trung``, ``Đảng`` → ``dang``."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch))).lower()


FOLDED_SURNAMES = frozenset(fold(s) for s in SURNAMES)


def has_vi_letters(word: str) -> bool:
    return any(ch in VI_LETTERS for ch in word.lower())


@dataclass(frozen=True)
class Token:
    word: str  # without a possessive 's
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.word.lower()

    @property
    def capitalised(self) -> bool:
        return self.word[:1].isupper()

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.word if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[Token]:
    return list(_tokens(text))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text``, read once per text: the checks ask for the same sentence's and
    the same forms' words many times (per name, per gazetteer entry)."""
    text = unicodedata.normalize("NFC", text)
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        if m.group() in ("s",) and out and text[m.start() - 1 : m.start()] in ("'", "’"):
            continue  # possessive
        out.append(Token(m.group(), m.start(), m.end()))
    return tuple(out)


def same_word(form_word: str, text_word: str) -> bool:
    """Equal up to case; a word written without any diacritics, on either side, also matches
    the accented one (``Le`` ⇄ ``Lê``), but different diacritics do not (``Hùng`` is not ``Hưng``)."""
    if form_word.lower() == text_word.lower():
        return True
    if fold(form_word) != fold(text_word):
        return False
    return not has_vi_letters(text_word) or not has_vi_letters(form_word) or _marks(form_word) == _marks(text_word)


def same_strict(form_word: str, text_word: str) -> bool:
    if form_word.lower() == text_word.lower():
        return True
    return has_vi_letters(form_word) and has_vi_letters(text_word) and same_word(form_word, text_word)


def _marks(word: str) -> list[str]:
    """The diacritics of a word, wherever the tone mark sits (``Thuỵ`` ⇄ ``Thụy``, ``hoà`` ⇄ ``hòa``)."""
    return sorted(ch for ch in unicodedata.normalize("NFD", word.lower()) if unicodedata.combining(ch)) + ["đ"] * word.lower().count("đ")


def contains(text: str, form: str, *, strict: bool = False) -> bool:
    """Whether ``form`` occurs in ``text`` as whole words, up to case and missing diacritics;
    a run of plain words may also be written joined (``Hà Nội`` in ``Hanoi``). ``strict``
    (for word-list forms, which list their unaccented spellings themselves) keeps the
    diacritics: the English ``Thai`` is not the Vietnamese ``Thái``.

    Only the places where the text's word can begin the form are tried (by the text's word
    index, built once per text), so a long text costs once, not once per name looked up."""
    want = [t.word for t in tokens(form)]
    if not want:
        return False
    index = _WordIndex.of(text)
    words, folded = index.words, index.folded
    n = len(want)
    same = same_strict if strict else same_word
    for i in index.starts(want[0]):  # a word equal up to case, or folded: nothing else is ``same``
        if i <= len(words) - n and all(same(a, b) for a, b in zip(want, words[i : i + n], strict=True)):
            return True
    key = "".join(fold(w) for w in want)
    plain_form = not any(has_vi_letters(w) for w in want)
    for i in index.prefixes(key):  # joined or split differently ("Hanoi", "Trami" ⇄ "Trà Mi"): one side plain
        acc = ""
        for j in range(i, min(len(words), i + 8)):
            if has_vi_letters(words[j]) and not (plain_form and len(want) == 1):
                break
            acc += folded[j]
            if acc == key:
                return True
            if not key.startswith(acc):
                break
    return False


class _WordIndex:
    """A text's words, folded, and where each lower-cased and each folded word occurs."""

    def __init__(self, text: str) -> None:
        self.words = [t.word for t in tokens(text)]
        memo: dict[str, str] = {}
        self.folded = [memo[w] if w in memo else memo.setdefault(w, fold(w)) for w in self.words]
        self.by_lower: dict[str, list[int]] = {}
        self.by_fold: dict[str, list[int]] = {}
        for i, (w, f) in enumerate(zip(self.words, self.folded, strict=True)):
            self.by_lower.setdefault(w.lower(), []).append(i)
            self.by_fold.setdefault(f, []).append(i)

    @staticmethod
    @lru_cache(maxsize=32)
    def of(text: str) -> _WordIndex:
        return _WordIndex(text)

    def starts(self, word: str) -> list[int]:
        """Positions of the words equal to ``word`` up to case or once folded, in order."""
        return sorted(set(self.by_lower.get(word.lower(), ())) | set(self.by_fold.get(fold(word), ())))

    def prefixes(self, key: str) -> list[int]:
        """Positions of the words whose folded form begins ``key`` (the empty one included)."""
        return sorted(i for k in range(len(key) + 1) for i in self.by_fold.get(key[:k], ()))


MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def month_before_day(text: str, toks: list[Token], i: int) -> bool:
    """``Jan 17``, ``May 5``: a date (the number check's), not a name."""
    return toks[i].lower in MONTHS and re.match(r"\.?\s*\d", text[toks[i].end :]) is not None


def adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end : b.start].isspace() or text[a.end : b.start] in ("'s ", "’s ", "-")


_VI_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uy|ya|ye|ieu|oai|oay|uoi|uou|uya|uye|yeu|uay)"
    r"(ch|ng|nh|[cmnpt])?"
)


def vi_distinct(word: str) -> bool:
    """A syllable only Vietnamese spells (``Nhung``, ``Truong``, ``Xuan``; not ``Long`` or ``Son``)."""
    return bool(re.search(r"^(ngh|ng|nh|tr|kh|gi)|(nh|ch)$|[aeiouy]{2}", fold(word)))


def vi_shaped(word: str) -> bool:
    """A Vietnamese syllable as English text writes it (``Nguyen``, ``Nhung``; not ``Court``)."""
    return bool(_VI_SYLLABLE.fullmatch(fold(word)))


def ends_with(before: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}$", before) for w in words)


def unknown_english(word: str) -> bool:
    """A word no English dictionary has (``Savannakhet``, ``Volkov``, ``Phuc``): a name no
    translation renders in words."""
    lower = word.lower()
    return lower not in lexicon.english_words() and lower not in lexicon.english_capitalised()


def common_english(word: str) -> bool:
    """A word the English dictionary has in lower case only (``Even``, ``Clinic``; not ``Brown``,
    which it also has as a name): a capital there is the sentence's, not a name's."""
    return word.lower() in lexicon.english_words() and not lexicon.capitalised_in_dictionary(word)


def opens_clause(text: str, toks: list[Token], i: int) -> bool:
    return i == 0 or text[toks[i - 1].end : toks[i].start].strip()[-1:] in ('"', "“", "'", "‘", ".", "(", ":", "!", "?")


def capital_next(text: str, toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].capitalised and adjacent(text, toks[i], toks[i + 1])


def lower_next(text: str, toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and not toks[i + 1].capitalised and adjacent(text, toks[i], toks[i + 1])


def currency_prefix(text: str, tok: Token) -> bool:
    return text[tok.end : tok.end + 1] == "$"


def is_common(tok: Token, lang: str) -> bool:
    return tok.lower in (VI_COMMON if lang == "vi" else EN_COMMON)
