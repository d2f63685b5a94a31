"""Names kept: people, places, acronyms and other proper names (see the README's checks section).

Names are compared folded (no diacritics, no case) and order-insensitive over their
syllables, so ``Trần Thị Lương`` ⇄ ``Tran Thi Luong`` and ``Fumio Kishida`` ⇄ ``Kishida
Fumio`` are kept; the word lists of :mod:`vnsum.checks.lexicon` give the other
language's forms (``Mát-xcơ-va`` ⇄ ``Moscow``, ``UBND`` ⇄ ``People's Committee``).

Severity follows the evidence:

- ``error``: a person's name whose every syllable is missing from the translation, or a
  person in the translation who is nowhere in the source.
- ``warning``: a name partly changed (some syllables kept, some not: a misspelling), a
  place missing, a name replaced by a similar one, a place the source lacks where a source
  name was not kept, an unknown acronym missing, a lone given name or an English name with
  no dictionary word missing (the dictionaries of :mod:`vnsum.checks.lexicon`).
- ``info``: an organisation name translated rather than kept, an abbreviation expanded
  or dropped, another capitalised name not found (it may have been translated).
"""

from __future__ import annotations

import difflib
import re

from vnsum.checks import lexicon
from vnsum.checks.name_forms import (
    _adjective_from,
    _adjective_of,
    _demonym,
    _people_of,
    _possessive_only,
    _sino_reading,
    _surname_reading,
)
from vnsum.checks.name_tokens import FOLDED_SURNAMES, contains, fold, has_vi_letters, same_word, tokens, vi_distinct, vi_shaped
from vnsum.checks.name_words import GENERIC_EN, TITLES_EN, TITLES_VI
from vnsum.checks.names_norm import Name, names
from vnsum.result import Flag, Severity

#: Compass words inside foreign place names: "Tây Bengal" ⇄ "West Bengal", "Nam Sudan" ⇄ "South Sudan".
#: Forms of the Chinese-speaking world: a sentence naming one may give other names in a reading.
CHINA = frozenset({"Trung Quốc", "China", "Đài Loan", "Taiwan", "Hồng Kông", "Hong Kong", "Ma Cao", "Macau"})
DIRECTIONS = {"tây": "west", "đông": "east", "nam": "south", "bắc": "north", "west": "tay", "east": "dong", "south": "nam", "north": "bac"}
#: Words of place names a translation renders in words: compass points (``Bắc Trung Bộ`` ⇄
#: "northern central", ``Tây Tây Bắc`` ⇄ "west-northwest", ``Western Pacific`` ⇄ ``Tây Thái
#: Bình Dương``) and geographic nouns (``Vịnh Guinea`` ⇄ "Gulf of Guinea"). Never used for people:
#: Nam, Trung and Đông are given names.
PLACE_PARTS = {
    "tây": ("west",), "đông": ("east",), "nam": ("south",), "bắc": ("north",), "trung": ("central", "middle", "mid"),
    "vịnh": ("gulf", "bay"), "sông": ("river",), "hồ": ("lake",), "núi": ("mount", "mountain"), "đảo": ("island",),
    "biển": ("sea",), "cảng": ("port",), "đèo": ("pass",), "mũi": ("cape",), "viễn": ("far",), "far": ("viễn",),
    "west": ("tây",), "western": ("tây",), "east": ("đông",), "eastern": ("đông",), "south": ("nam",),
    "southern": ("nam",), "north": ("bắc",), "northern": ("bắc",), "central": ("trung",), "middle": ("trung",),
}  # fmt: skip


#: Vietnamese words for Vietnam itself: "the country", "nationwide", "the central region".
HOME_VI = re.compile(r"(?<!\w)(cả nước|trong nước|nước ta|toàn quốc|miền (?:Trung|Bắc|Nam))(?!\w)", re.IGNORECASE)


class _Words:
    """The words of a text, looked up as names compare: folded, but ``Hùng`` is not ``Hưng``."""

    def __init__(self, text: str) -> None:
        self.by_fold: dict[str, list[str]] = {}
        for t in tokens(text):
            self.by_fold.setdefault(fold(t.word), []).append(t.word)
            if len(t.word) > 3 and t.word.endswith("s") and t.word[-2].isupper():
                self.by_fold.setdefault(fold(t.word[:-1]), []).append(t.word[:-1])  # "MarCOs", "GPUs": plurals
        self.home = bool(HOME_VI.search(text))
        toks = tokens(text)
        self.capitalised = {t.word for t in toks if t.capitalised}
        self.lone_names = {  # capitalised words with no capitalised neighbour: "Chien said"
            t.word
            for i, t in enumerate(toks)
            if t.capitalised and i and not toks[i - 1].capitalised and (i + 1 == len(toks) or not toks[i + 1].capitalised)
        }

    def adjective_of(self, place: str) -> bool:
        """The text has an adjective of the place: ``Lankan`` of ``Lanka``."""
        return any(_adjective_from(place, w) for w in self.capitalised)

    def extends(self, word: str) -> bool:
        """A word of the text that is this word with a letter or two more, or less (``formaldehyde``)."""
        key = fold(word)
        return any(abs(len(k) - len(key)) <= 2 and (k.startswith(key) or key.startswith(k)) and len(k) >= 6 for k in self.by_fold)

    def renders(self, word: str) -> bool:
        """A word of a place name rendered in words: ``Bắc`` ⇄ "northern", ``Vịnh`` ⇄ "Gulf"."""
        forms = PLACE_PARTS.get(word.lower(), ())
        if not forms:
            return False
        inside = forms[0] in ("west", "east", "north", "south")  # "northwestern"
        return any((forms[0] in w.lower()) if inside else w.lower().startswith(forms) for ws in self.by_fold.values() for w in ws)

    def has(self, word: str) -> bool:
        if any(same_word(word, w) for w in self.by_fold.get(fold(word), ())):
            return True
        other = DIRECTIONS.get(word.lower())  # "Tây Bengal" ⇄ "West Bengal"
        return other is not None and other in self.by_fold


def _name_words(name: Name) -> list[str]:
    """The words that make the name: not ``Province`` or ``Hospital``, which are translated,
    nor initials."""
    return [t.word for t in tokens(name.text) if len(t.word) > 1 and fold(t.word) not in GENERIC_EN and t.word != "miền"]


def _kept(name: Name, target: str, target_words: _Words) -> bool:
    listed = len(name.forms) > 1  # a word-list entry lists its spellings; a free name is matched folded
    if any(contains(target, form, strict=listed) for form in name.forms):
        return True
    if name.kind == "place" and any(_adjective_of(form, w) for form in name.forms for w in target_words.capitalised):
        return True  # "Nepal" ⇄ "Nepalese", "Bangladesh" ⇄ "Bangladeshi"
    if name.kind in ("place", "other") and any(_adjective_from(w, name.text) for w in target_words.capitalised):
        return True  # "Qatari mediators" ⇄ "các nhà trung gian Qatar"
    if listed:
        return False
    if " " not in name.text and len(name.text) >= 7 and target_words.extends(name.text):
        return True  # "Formaldehyd" ⇄ "formaldehyde": the same word in the other language's spelling
    words = _name_words(name)
    return bool(words) and name.kind != "org" and all(target_words.has(w) or contains(target, w) for w in words)


def _acronym_flag(name: Name, source: str, target: str, source_lang: str) -> Flag | None:
    word = name.text
    if word in lexicon.currencies() or word.rstrip("s") in lexicon.currencies():
        return None  # a unit: the number check compares amounts
    rendered = lexicon.renderings(source_lang)
    if word in rendered or any(part in rendered for part in word.replace(".", "-").split("-") if part):
        if any(contains(target, r) or fold(r) in fold(target) for r in rendered.get(word, ())):
            return None
        return Flag("name", "info", f"abbreviation '{word}' expanded or left out")
    if re.search(rf"[A-Z][\w'’.]*,?\s+\(\s*{re.escape(word)}\s*\)", source) or _spelled_out_before(word, source):
        return Flag("name", "info", f"acronym '{word}' glosses a name: its translation may gloss it otherwise")
    if source_lang == "vi":
        # Vietnamese press abbreviations are countless (KCNC, XSKT, HĐXX) and an English
        # translation spells them out or drops them: never more than a note
        return Flag("name", "info", f"abbreviation '{word}' expanded or left out")
    return Flag("name", "warning", f"acronym '{word}' missing from the translation")


def _spelled_out_before(acronym: str, source: str) -> bool:
    """``low-earth orbit (LEO)``: the words before the bracket spell the acronym, which only
    glosses them; a translation that renders the words may leave it out."""
    m = re.search(rf"((?:[^\W\d_]+[\s-]+){{1,{len(acronym) + 3}}})\(\s*{re.escape(acronym)}\s*\)", source)
    if m is None:
        return False
    words = [w for w in re.split(r"[\s-]+", m[1]) if w and w.lower() not in ("of", "and", "the", "for", "on", "in", "&")]
    initials = "".join(w[0] for w in words[-len(acronym) :]).upper() if len(words) >= len(acronym) else ""
    return len(acronym) >= 2 and initials == acronym.upper()


def _unexplained(target: str, target_names: list[Name], target_lang: str, source: str, source_words: _Words) -> list[Name]:
    """Names of the translation that the source does not have: not all their words are in
    it, and their last word (the given name a Vietnamese text calls a person by, a Western
    surname) is not a capitalised word of the source either (``Tú`` ⇄ ``Trần Cẩm Tú``)."""
    out = []
    for n in target_names:
        if n.kind in ("org", "acronym") or any(contains(source, form) for form in n.forms):
            continue
        if _glossed(n, target, source, target_lang):
            continue  # "United Arab Emirates (UAE)" for the source's "UAE"
        words = _name_words(n)
        if (
            not words
            or all(source_words.has(w) or source_words.adjective_of(w) for w in words)
            or all(w.lower() in TITLES_EN + TITLES_VI for w in words)
        ):
            continue  # "Governor" of "Governor-General" is a title, not a new name
        if len(n.forms) > 1 and any(all(source_words.has(w) for w in _name_words(Name(f, n.kind, (f,)))) for f in n.forms):
            continue  # "TP.HCM" for the "Ho Chi Minh" of "Ho Chi Minh Stock Exchange": a form's words are there
        if n.kind != "place" and any(same_word(words[-1], w) for w in source_words.capitalised):
            continue
        if (
            len(words) == 1
            and len(words[0]) >= 6
            and any(len(w) >= 5 and fold(words[0]).startswith(fold(w)[:5]) for w in source_words.capitalised)
        ):
            continue  # "Croatian" for "Croatia": an adjective of a name the source has
        out.append(n)
    return out


def _glossed(name: Name, text: str, other: str, lang: str) -> bool:
    """The text glosses the name in brackets (``Lý Tiểu Bằng (Li Xiaopeng)``, ``United Arab
    Emirates (UAE)``) and the other text has the gloss: one entity, named either way. A place
    in brackets locates the name (``bang Amazonas (Brazil)``): no gloss."""
    m = re.search(rf"(?<!\w){re.escape(name.text)}\s*\(\s*([^()]{{2,60}}?)\s*\)", text)
    if m is None or not contains(other, m.group(1)):
        return False
    gloss = m.group(1)
    if gloss.isupper() and "".join(t.word[0] for t in tokens(name.text)).upper() != gloss.replace(".", ""):
        return False  # "vũ trụ Mỹ (NASA)": the acronym of a longer name, not of this one
    forms = {fold(f) for f in name.forms}
    return not any(n.kind == "place" and not forms & {fold(f) for f in n.forms} for n in names(gloss, lang))


def _common_word(word: str, lang: str) -> bool:
    """A word the sentence may open with that is no name: a Vietnamese syllable, an English dictionary word."""
    return (has_vi_letters(word) or vi_shaped(word)) if lang == "vi" else word.lower() in lexicon.english_words()


def _alone(given: str, target_words: _Words) -> bool:
    """The given name stands alone in the translation (``Chien was ...``), not inside another name."""
    return any(same_word(given, n) for n in target_words.lone_names)


def _closest(name: Name, candidates: list[Name]) -> Name | None:
    folded = {fold(c.text): c for c in candidates}
    best = difflib.get_close_matches(fold(name.text), list(folded), n=1, cutoff=0.6)
    return folded[best[0]] if best else None


def check_name(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    flags: list[Flag] = []
    translated: list[str] = []
    replaceable = 0  # source names not kept that a place may have replaced (not translated bodies)
    target_words = _Words(target)
    source_words = _Words(source)
    target_names = names(target, target_lang)  # read once: every rule below looks at them
    unexplained = _unexplained(target, target_names, target_lang, source, source_words)
    blamed: set[str] = set()
    source_names = names(source, source_lang)
    china = any(n.kind == "place" and (n.forms[0] in lexicon.chinese_places() or CHINA & set(n.forms)) for n in source_names)
    sino = source_lang == "vi" and china
    for name in dict.fromkeys(source_names):
        if _kept(name, target, target_words):
            mentions = sum(1 for n in source_names if n.forms == name.forms)
            fewer = mentions >= 2 and mentions > sum(1 for n in target_names if _kept(n, name.text, _Words(name.text)))
            free = [n for n in unexplained if n.text not in blamed and n.kind != "org"]
            similar = {_closest(Name(form, name.kind, (form,)), free) for form in name.forms}  # "Nhột Bản" for one "Nhật Bản"
            spare = [n for n in free if n.kind in ("person", "place") or n in similar]
            if name.kind in ("person", "place") and fewer and spare:
                blamed.add(spare[0].text)  # one of several mentions replaced by a new name
                flags.append(
                    Flag(
                        "name",
                        "warning",
                        f"{name.kind} '{name.text}' once in the translation, more often in the source; '{spare[0].text}' is new",
                    )
                )
            continue
        if _glossed(name, source, target, source_lang):
            continue  # "Lý Tiểu Bằng (Li Xiaopeng)" ⇄ "Li Xiaopeng": the gloss is kept
        home = _demonym(name.text) or _possessive_only(name.text, source)  # "Vietnamese", "Vietnam's"
        if name.kind == "place" and source_lang == "en" and "Việt Nam" in name.forms and home:
            if not any(n.kind != "org" for n in unexplained) and not _misspelt(name, target_words):  # nothing replaced it
                translated.append(name.text)  # "Vietnamese President Vo Van Tan" ⇄ "Chủ tịch nước Võ Văn Tân"
                continue
        if name.kind == "acronym":
            flag = _acronym_flag(name, source, target, source_lang)
            if flag is not None:
                flags.append(flag)
        elif name.kind == "org":
            translated.append(name.text)
            replaceable += len(name.forms) > 1  # "Vietnam" of "Vietnam's General Statistics Office"
        else:
            country = _people_of(name, unexplained, target_names, blamed, target, source_lang)
            if country is not None:
                blamed.add(country.text)  # "the 26-year-old Dane" ⇄ "người Đan Mạch"
                translated.append(name.text)
                continue
            near = _closest(name, unexplained)
            if near is None and name.kind == "person":  # "Zhang Wei" ⇄ "Trương Vĩ": the one new person
                people = [n for n in unexplained if n.kind == "person" and n.text not in blamed]
                near = people[0] if len(people) == 1 else None
            if name.kind == "person" and source_lang == "vi":  # "Lý Tiểu Bằng" ⇄ "Li Xiaopeng", whatever its kind
                words = _name_words(name)
                near = next((n for n in unexplained if n.text not in blamed and _sino_reading(_name_words(n), words)), near)
            if name.kind in ("person", "other") and source_lang == "en":  # "Wang" ⇄ "Vương Nghị": the surname's reading
                words = _name_words(name)
                near = next((n for n in unexplained if n.text not in blamed and _surname_reading(words, _name_words(n))), near)
            if near is not None:
                blamed.add(near.text)
            words = _name_words(name)
            listed = any(fold(f) != fold(name.text) for f in name.forms)  # its other name is known: no reading to guess
            reading = sino and not listed and bool(words) and all(vi_shaped(w) for w in words)
            reading = reading and (name.kind == "place" or fold(words[0]) not in FOLDED_SURNAMES)
            flag = _missing_name_flag(name, near, target, target_words, source_lang, reading)
            replaceable += 1
            if flag is None:
                translated.append(name.text)
            else:
                flags.append(flag)
    for person in unexplained:
        if person.kind == "person" and any(_surname_reading([w], _name_words(person)) for w in source_words.capitalised):
            continue  # "Tập" for "Xi": a Chinese surname in its Sino-Vietnamese reading
        if person.kind == "person" and person.text not in blamed:
            # one word ("ông Tập" for "Xi") may be a short form or a common noun, and a source name
            # the translation renders otherwise may be this one ("I.I Su-va-lốp" ⇄ "Igor Shuvalov"): a warning
            # one word ("ông Tập" for "Xi", "bà Ngân" for "her") may be a short form the article
            # gives elsewhere: a warning
            severity: Severity = "error" if len(_name_words(person)) >= 2 and not translated and not flags else "warning"
            flags.append(Flag("name", severity, f"person '{person.text}' is not in the source"))
    if replaceable:  # a source name or place not kept, and a place the source does not have: replaced?
        for place in unexplained:
            if place.kind == "place" and place.text not in blamed and "Việt Nam" not in place.forms:
                flags.append(Flag("name", "warning", f"place '{place.text}' is not in the source"))
    if translated:
        shown = ", ".join(f"'{t}'" for t in translated[:3]) + (" ..." if len(translated) > 3 else "")
        flags.append(Flag("name", "info", f"translated rather than kept: {shown}"))
    return flags


def _missing_name_flag(
    name: Name, near: Name | None, target: str, target_words: _Words, source_lang: str, sino: bool = False
) -> Flag | None:
    """The flag for a source name the translation does not keep, by the strength of the evidence."""
    words = _name_words(name)
    missing = [w for w in words if not target_words.has(w)]
    compass = bool(words) and all(w.lower() in PLACE_PARTS for w in words)  # "Tây Bắc" ⇄ "northwestern"
    if name.kind != "person" and missing and (len(missing) < len(words) or compass):
        missing = _rendered_parts(name, missing, source_lang, target, target_words)
        if not missing:
            return None  # "Bắc Trung Bộ" ⇄ "northern central", "Y Dược Huế" ⇄ "Hue ... Medicine and Pharmacy"
    if name.initial and missing == words[:1] and _common_word(words[0], source_lang):
        return None  # "Cả Nguyen Van Hop ...": the sentence's first word, not the name's
    if near is not None and name.kind in ("person", "other"):
        pinyin, vietnamese = (_name_words(near), words) if source_lang == "vi" else (words, _name_words(near))
        reading = (name.kind == "person" and _sino_reading(pinyin, vietnamese)) or _surname_reading(pinyin, vietnamese)
    else:
        reading = False
    if reading and near is not None:
        what = "person" if name.kind == "person" else "name"
        return Flag("name", "info", f"{what} '{name.text}' rendered as '{near.text}': a Sino-Vietnamese reading and its pinyin?")
    if not missing and words and contains(target, " ".join(words)):
        return None  # its words are there together ("Thành phố Mexico" for "Mexico City"), if not as the listed form
    if len(missing) < len(words):
        if name.kind == "person" and len(words) >= 3 and missing == words[:-1] and near is None and _alone(words[-1], target_words):
            return None  # "Lê Văn Chiến" ⇄ "Chien": the given name alone, as English outlets write it again
        if source_lang == "en" and name.kind == "other" and all(w.lower() in lexicon.english_words() for w in missing):
            return None  # "Ngo Mon Gate" ⇄ "Ngọ Môn": the English words of a name are translated
        return Flag("name", "warning", f"{name.kind} '{name.text}' partly changed: '{' '.join(missing)}' not in the translation")
    if sino and not near:
        return Flag("name", "info", f"'{name.text}' not found: a Sino-Vietnamese reading may have been rendered in pinyin")
    if name.kind == "person":
        how = f"changed to '{near.text}'" if near else "missing from the translation"
        # every syllable gone is an error, unless it may be a transliteration (Lý Hiển Long ⇄ Lee Hsien
        # Loong: a Vietnamese-shaped name replaced by one that is not) or one lone word
        transliterated = near is not None and all(vi_shaped(w) for w in words) != all(vi_shaped(w) for w in _name_words(near))
        severity: Severity = "warning" if transliterated or len(words) < 2 else "error"
        return Flag("name", severity, f"person '{name.text}' {how}")
    if name.kind == "place" and source_lang == "en" and "Việt Nam" in name.forms and target_words.home:
        return None  # the Vietnamese press says its own country in other words ("cả nước", "miền Trung")
    if near is not None and _transliteration(name, near):
        return Flag("name", "info", f"'{name.text}' rendered as '{near.text}': a transliteration?")
    if name.kind == "place" or near is not None or _vietnamese_name(name, source_lang) or _no_english_word(name, source_lang, target_words):
        how = f"changed to '{near.text}'?" if near else "missing from the translation"
        return Flag("name", "warning", f"{'place' if name.kind == 'place' else 'name'} '{name.text}' {how}")
    return None


def _rendered_parts(name: Name, missing: list[str], lang: str, target: str, target_words: _Words) -> list[str]:
    """The missing words of a place or other name that the translation may render in words:
    compass points and geographic nouns (:data:`PLACE_PARTS`), a country inside the name
    (``K Lines Nhật Bản`` ⇄ "Japan's ... Lines") and, in Vietnamese, syllables that make a
    dictionary word with a neighbour (``Y Dược`` ⇄ "Medicine and Pharmacy")."""
    missing = [w for w in missing if not target_words.renders(w)]
    for part in (names(name.text, lang) if " " in name.text else []) + (names(" ".join(missing), lang) if len(missing) >= 2 else []):
        if part.kind == "place" and any(contains(target, form) for form in part.forms):
            inside = {t.word for t in tokens(part.text)}  # "Ho Chi Minh Stock Exchange" ⇄ "Sở ... TP HCM"
            missing = [w for w in missing if w not in inside]
    missing = [w for w in missing if not any(_adjective_from(t, w) for t in target_words.capitalised)]  # "Sri Lankan"
    words = [t.word for t in tokens(name.text)]
    for acronym in (w for w in target_words.capitalised if len(w) >= 2 and w.isupper() and w.isalpha()):
        for k in range(len(words) - len(acronym) + 1):  # "Ho Chi Minh Stock Exchange" ⇄ "Sở ... TP HCM"
            if "".join(fold(w)[0] for w in words[k : k + len(acronym)]) == fold(acronym):
                missing = [w for w in missing if w not in words[k : k + len(acronym)]]
    if lang == "vi" and name.kind in ("other", "org"):
        toks = [t.word for t in tokens(name.text)]
        gone = [not target_words.has(w) for w in toks]  # both syllables of the word translated
        pairs = [(toks[k], toks[k + 1]) for k in range(len(toks) - 1) if gone[k] and gone[k + 1]]
        compound = {w for a, b in pairs if lexicon.vi_compound(a.lower(), b.lower()) for w in (a, b)}
        missing = [w for w in missing if w not in compound]
    return missing


def _misspelt(name: Name, target_words: _Words) -> bool:
    """A capitalised word of the translation close to a word of the name but not it (``Veệt`` for ``Việt``)."""
    words = {fold(t.word) for form in name.forms for t in tokens(form) if len(t.word) >= 3 and t.capitalised}
    seen = {fold(w) for w in target_words.capitalised}
    return any(w not in words and difflib.get_close_matches(w, list(words), n=1, cutoff=0.75) for w in seen)


def _transliteration(name: Name, near: Name) -> bool:
    """A name the word lists do not know, rendered as a place they do that sounds alike:
    ``Rumani`` ⇄ ``Romania``, ``Ác-hen-ti-na`` ⇄ ``Argentina`` (a replaced name seldom does)."""
    known = len(near.forms) > 1 or near.text.lower() in lexicon.one_word_places()
    if len(name.forms) > 1 or near.kind != "place" or not known or all(vi_shaped(t.word) for t in tokens(name.text)):
        return False
    return difflib.SequenceMatcher(None, fold(name.text).replace("-", ""), fold(near.text)).ratio() >= 0.6


def _no_english_word(name: Name, lang: str, target_words: _Words) -> bool:
    """An English name no translation renders in words: the dictionary has none of its words
    in lower case (``Savannakhet``, ``Mindanao``, ``Daniel Kipchumba``; not ``Foreign
    Ministry``), and no word of the translation starts like it (``Kenyan`` ⇄ ``Kenya``)."""
    words = _name_words(name)
    if lang != "en" or not words or any(lexicon.english_word(w) or not w[1:].islower() for w in words):
        return False  # a word of the language, or an acronym or brand ("GPUs", "iPhone")
    if any(w.lower() in lexicon.one_word_places() for w in words):
        return False  # "QS Asia University Rankings": a place the word lists know, and their forms
    stems = {fold(w)[:4] for w in target_words.capitalised if len(w) >= 4}
    return not (len(words) == 1 and fold(words[0])[:4] in stems)


def _vietnamese_name(name: Name, lang: str) -> bool:
    """A name no outlet translates: in Vietnamese text a name in Latin letters that is no
    Vietnamese (``Werner Zimmermann``), in English text syllables only Vietnamese has."""
    words = [t.word for t in tokens(name.text)]
    if lang == "vi":
        return not any(has_vi_letters(w) for w in words) and not all(vi_shaped(w) for w in words)
    return lang == "en" and all(vi_shaped(w) for w in words) and any(has_vi_letters(w) or vi_distinct(w) for w in words)
