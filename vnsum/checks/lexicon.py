"""The word lists of the name check, read from ``vnsum/checks/data/`` (each file says where
its entries come from): places, organisations and transliterated people with their forms
in both languages, Vietnamese press abbreviations, English acronyms rendered in words,
and currency codes.

A line of a ``.tsv`` file is one entry: its forms, separated by `` | ``. Entries of the
same kind that share a form are merged (the CLDR's ``Nga | Russia`` and the hand list's
``Nga | Russia | Russian``).
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _entries(*names: str) -> list[tuple[str, ...]]:
    """Entries of the given files, merged where they share a form (case-sensitive)."""
    groups: list[list[str]] = []
    where: dict[str, int] = {}
    for name in names:
        for line in _lines(name):
            forms = [f.strip() for f in line.split("|") if f.strip()]
            hits = sorted({where[f] for f in forms if f in where})
            if not hits:
                groups.append([])
                hits = [len(groups) - 1]
            keep = hits[0]
            for other in hits[1:]:  # merge every group this line touches into the first
                groups[keep].extend(groups[other])
                groups[other] = []
            groups[keep].extend(forms)
            for f in groups[keep]:
                where[f] = keep
    return [tuple(dict.fromkeys(g)) for g in groups if g]


@lru_cache(maxsize=1)
def places() -> list[tuple[str, ...]]:
    return _entries("places_cldr.tsv", "places_extra.tsv", "places_china.tsv", "places_vn.tsv")


@lru_cache(maxsize=1)
def chinese_places() -> frozenset[str]:
    """Every form of a Chinese province, city or town (Giang Tô, Thường Châu, Hồng Kông, ...)."""
    return frozenset(form for entry in _entries("places_china.tsv") for form in entry)


@lru_cache(maxsize=1)
def orgs() -> list[tuple[str, ...]]:
    return _entries("orgs.tsv")


@lru_cache(maxsize=1)
def people() -> list[tuple[str, ...]]:
    return _entries("persons_transliterated.tsv")


@lru_cache(maxsize=1)
def chinese_surnames() -> dict[str, frozenset[str]]:
    """A pinyin surname, folded (``wang``) → its Sino-Vietnamese readings (``Vương``, ``Uông``)."""
    readings: dict[str, set[str]] = {}
    for line in _lines("chinese_surnames.tsv"):
        pinyin, *vietnamese = (f.strip() for f in line.split("|"))
        folded = "".join(c for c in unicodedata.normalize("NFD", pinyin.lower()) if not unicodedata.combining(c))
        readings.setdefault(folded, set()).update(vietnamese)  # "Lü" is written "Lu" in the press
    return {k: frozenset(v) for k, v in readings.items()}


@lru_cache(maxsize=1)
def renderings(lang: str) -> dict[str, tuple[str, ...]]:
    """Abbreviation of ``lang`` → the other language's usual renderings (``UBND`` →
    ``People's Committee``; ``CEO`` → ``giám đốc điều hành``)."""
    out: dict[str, tuple[str, ...]] = {}
    if lang == "vi":
        for line in _lines("abbreviations_vi.tsv"):
            abbreviation, _expansion, *english = [f.strip() for f in line.split("|")]
            out[abbreviation] = tuple(english)
    else:
        for line in _lines("acronyms_en.tsv"):
            acronym, *vietnamese = [f.strip() for f in line.split("|")]
            out[acronym] = tuple(vietnamese)
    return out


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    return frozenset(_lines("currencies_cldr.txt")) | {"VNĐ", "VNÐ"}


def _gz_lines(name: str) -> list[str]:
    text = gzip.decompress((DATA / name).read_bytes()).decode("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words an English dictionary spells in lower case (SCOWL): ``ministry``, ``park``; not
    ``volkov``, ``savannakhet`` or ``geneva``, which it lacks or only capitalises."""
    return frozenset(w for w in _gz_lines("english_words.txt.gz") if w[:1].islower())


@lru_cache(maxsize=1)
def english_capitalised() -> frozenset[str]:
    """Words the dictionary only capitalises, lower-cased: names and demonyms (``geneva``, ``kenyan``)."""
    return frozenset(w.lower() for w in _gz_lines("english_words.txt.gz") if w[:1].isupper()) - english_words()


#: Words of names that SCOWL's 60-size list lacks: temperature units and combining forms used as
#: words ("40 degrees Celsius", "National Cyber Security Center").
ENGLISH_EXTRA = frozenset("celsius fahrenheit kelvin cyber bio eco nano micro macro mega tele geo agro hydro".split())
SUFFIXES = ("ology", "ologist", "ologists", "ography", "ological")
PREFIXES = ("inter", "intra", "multi", "trans", "anti", "counter", "non", "pre", "post", "sub", "super", "co", "re", "un")


def english_word(word: str) -> bool:
    """A word of the dictionary, or one made of a prefix and a dictionary word (``Intergovernmental``)."""
    lower = word.lower()
    words = english_words()
    if lower in words or lower in ENGLISH_EXTRA or lower.endswith(SUFFIXES):
        return True  # "Parasitology", "Entomologist": the suffixes of learned English words
    return any(lower.startswith(p) and len(lower) - len(p) >= 4 and lower[len(p) :] in words for p in PREFIXES)


@lru_cache(maxsize=1)
def _capitalised_forms() -> frozenset[str]:
    return frozenset(w for w in _gz_lines("english_words.txt.gz") if w[:1].isupper())


def capitalised_in_dictionary(word: str) -> bool:
    """The dictionary spells the word with a capital too: a name (``Brown``, ``Bush``) or a proper noun."""
    return word[:1].upper() + word[1:].lower() in _capitalised_forms()


def syllable_key(syllable: str) -> str:
    """A Vietnamese syllable wherever its tone mark sits (``hoá`` ⇄ ``hóa``): its letters, then its marks sorted."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return letters + "".join(sorted(c for c in decomposed if unicodedata.combining(c)))


@lru_cache(maxsize=1)
def _compound_keys() -> frozenset[tuple[str, str]]:
    pairs = (line.split(" ", 1) for line in _gz_lines("vi_compounds.txt.gz"))
    return frozenset((syllable_key(a), syllable_key(b)) for a, b in pairs)


def vi_compound(first: str, second: str) -> bool:
    """Whether two syllables open a Vietnamese word (Viet74K): ``thủ đô``, ``bình thường``, ``hóa học``."""
    return (syllable_key(first), syllable_key(second)) in _compound_keys()


@lru_cache(maxsize=1)
def vi_given_names() -> frozenset[str]:
    """Syllables that end full Vietnamese names in news text (``Hải``, ``Danh``; not ``Khu`` or ``Giải``)."""
    return frozenset(_lines("vi_given_names.txt"))


@lru_cache(maxsize=1)
def one_word_places() -> frozenset[str]:
    """Places named by one word (``Mỹ``, ``Anh``, ``Huế``), lower-cased."""
    return frozenset(form.lower() for entry in places() for form in entry if " " not in form)
