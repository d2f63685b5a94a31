"""Names of a Vietnamese or English sentence: people, places, acronyms and organisations.

Vietnamese capitalises every syllable of a person's or a place's name (``Lê Hoài Trung``,
``Hà Nội``) but only the first syllable of each word of an organisation's name
(``Ban Đối ngoại Trung ương``): an organisation word is a capitalised syllable followed
by its lower-case partner (``Đối ngoại``, ``Trung ương``), and that is what tells them
apart. A run of capitalised words is a *person* when a title comes before it
(``đồng chí``, ``Chủ tịch``, ``Mr``, ``President``...) or when it is two to four
syllables starting with a common Vietnamese surname.

Names are compared *folded*: without diacritics, case or spaces, so ``Lê Hoài Trung``
matches ``Le Hoai Trung`` and ``Hà Nội`` matches ``Hanoi``; a small gazetteer knows the
English names of places and parties (``Việt Nam`` ⇄ ``Vietnam``/``Vietnamese``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vnsum.checks import lexicon
from vnsum.checks.name_tokens import (
    FOLDED_SURNAMES,
    Token,
    adjacent,
    capital_next,
    common_english,
    currency_prefix,
    ends_with,
    fold,
    has_vi_letters,
    is_common,
    lower_next,
    month_before_day,
    opens_clause,
    same_strict,
    tokens,
    unknown_english,
    vi_shaped,
)
from vnsum.checks.name_words import (
    ACRONYM_HEADS,
    COMPASS_VI,
    EN_COMMON,
    GENERIC_EN,
    HYPHEN_SUFFIXES,
    ORG_HEADS,
    PERSONAL_TITLES_VI,
    PLACE_WORDS_EN,
    PLACE_WORDS_VI,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    SURNAMES,
    TITLES_EN,
    TITLES_VI,
    VI_COMMON,
    VI_ORG_BIGRAMS,
)
from vnsum.checks.numbers_base import roman_value


@dataclass(frozen=True)
class Name:
    """A name of the source sentence and the forms that count as keeping it."""

    text: str
    kind: str  # person | place | acronym | org | other
    forms: tuple[str, ...]
    initial: bool = False  # starts the sentence: its first word may be a capitalised common word ("Cả", "Hãng")


@lru_cache(maxsize=1)
def _gazetteer() -> list[tuple[tuple[str, ...], str, tuple[str, ...], str]]:
    """(folded tokens of a form, kind, all forms of the entry, the form), longest forms first."""
    out = []
    for table, kind in ((lexicon.orgs(), "org"), (lexicon.places(), "place"), (lexicon.people(), "person")):
        for entry in table:
            for form in entry:
                folded = tuple(fold(t.word) for t in tokens(form))
                if folded:
                    out.append((folded, kind, entry, form))
    return sorted(out, key=lambda x: -len(x[0]))


def names(text: str, lang: str) -> list[Name]:
    """People, places, acronyms, organisations and other capitalised names of ``text``."""
    toks = tokens(text)
    used = [False] * len(toks)
    found: list[tuple[int, Name]] = []
    # 1. the gazetteer (longest forms first), starting on a capitalised word
    folded = [fold(t.word) for t in toks]
    present = set(folded)
    for form_tokens, kind, entry, form in _gazetteer():
        if form_tokens[0] not in present:
            continue
        n, upper = len(form_tokens), form[:1].isupper()
        for i in range(len(toks) - n + 1):
            cased = toks[i].capitalised == upper and (upper or lang == "vi")  # lower-case forms ("miền Trung") in Vietnamese only
            if any(used[i : i + n]) or not cased or tuple(folded[i : i + n]) != form_tokens:
                continue  # "miền Trung" is a region; "Central Inspection Commission" is not
            if not all(same_strict(a.word, b.word) for a, b in zip(tokens(form), toks[i : i + n], strict=True)):
                continue  # "Trung đồng" is not "Trung Đông": the form's diacritics must be the text's
            if lang == "vi" and not has_vi_letters(form) and any(has_vi_letters(f) and fold(f) == fold(form) for f in entry):
                continue  # "ĐH Thanh Hoa" (Tsinghua) is not "Thanh Hóa": Vietnamese text marks its places
            if any(a.capitalised and not b.capitalised for a, b in zip(tokens(form), toks[i : i + n], strict=True)):
                continue  # "Cục An ninh" is not the commune of An Ninh
            if n == 1 and len(folded[i]) <= 3 and not (toks[i].acronym or toks[i].word in entry):
                continue  # "Lao" must be written as a form ("lão" is not Laos)
            if currency_prefix(text, toks[i + n - 1]) or (i + n < len(toks) and toks[i + n].lower in ("dollar", "dollars")):
                continue  # "US$2 billion", "the U.S. dollar": a currency, not the United States
            english = not has_vi_letters(toks[i].word) and not unknown_english(toks[i].word)
            if n == 1 and lang == "vi" and len(toks[i].word) <= 4 and english and vi_shaped(toks[i].word):
                continue  # "Lao động" is labour: in Vietnamese text a country is "Lào", not the English "Lao"
            if lang == "vi" and i and toks[i - 1].lower in ("la", "đôla", "bảng"):
                continue  # "đô la Mỹ", "đôla Singapore", "bảng Anh": a currency
            if n == 1 and lang == "vi" and lower_next(text, toks, i) and lexicon.vi_compound(toks[i].lower, toks[i + 1].lower):
                continue  # "Ủy ban Pháp luật": a word of the dictionary, not France
            prev_lower = (
                i > 0 and not toks[i - 1].capitalised and adjacent(text, toks[i - 1], toks[i]) and toks[i - 1].lower not in VI_COMMON
            )
            if n == 1 and lang == "vi" and prev_lower and lexicon.vi_compound(toks[i - 1].lower, toks[i].lower):
                continue  # "võ sĩ quyền Anh" (a boxer): a word of the dictionary, not England
            if n == 1 and lang == "vi" and opens_clause(text, toks, i) and lower_next(text, toks, i):
                continue  # '"Anh em sai phạm..."': a sentence opening with a common word
            opening = n == 1 and lang == "vi" and opens_clause(text, toks, i)
            if opening and toks[i].lower in PERSONAL_TITLES_VI and capital_next(text, toks, i):
                continue  # "Anh Kyosuke Tanaka, 25 tuổi, ...": a personal title opening the sentence, not England
            if kind == "place" and _inside_longer_name(text, toks, i, i + n - 1, used, lang):
                continue  # "Anh" ends "Nguyễn Tuấn Anh", "Van Nam" ends "Hoang Van Nam", "Thai" starts "Thai Nguyen"
            for k in range(i, i + n):
                used[k] = True
            if lang == "vi" and i and toks[i - 1].lower == "tiếng":
                continue  # "tiếng Malaysia": a language, which a translation names its own way ("Malay")
            named = kind
            vietnamese_place = all(vi_shaped(t.word) for t in toks[i : i + n] if fold(t.word) not in GENERIC_EN)
            if kind == "place" and lang == "en" and _names_a_body(text, toks, i + n - 1) and not vietnamese_place:
                named = "org"  # "Vietnam National University": the place is part of a body's name
            if n == 1 and toks[i].acronym and kind == "org":
                named, entry = "acronym", (*entry, *ACRONYM_HEADS.get(toks[i].word, ()))
            surface = text[toks[i].start : toks[i + n - 1].end]
            found.append((i, Name(surface, named, tuple(dict.fromkeys((*entry, surface))))))
    # 2. organisation words and common words are not names
    common = [False] * len(toks)
    partner = [False] * len(toks)  # the lower-case half of an organisation word ("Trung ương")
    for i, t in enumerate(toks):
        if lang == "vi":
            next_lower = toks[i + 1].lower if i + 1 < len(toks) and adjacent(text, toks[i], toks[i + 1]) else ""
            prev = toks[i - 1] if i else None
            if (t.lower, next_lower) in VI_ORG_BIGRAMS and not toks[i + 1].capitalised:
                common[i] = True
            elif prev is not None and prev.capitalised and (prev.lower, t.lower) in VI_ORG_BIGRAMS and not t.capitalised:
                common[i] = partner[i] = True
            elif t.lower in VI_COMMON and not (i + 1 < len(toks) and toks[i + 1].capitalised and t.lower in SURNAMES):
                common[i] = True
        elif t.lower in EN_COMMON:
            common[i] = True
    # 3. acronyms
    for i, t in enumerate(toks):
        if used[i] or not t.acronym or roman_value(t.word) is not None or any(c.isdigit() for c in t.word) or currency_prefix(text, t):
            continue
        if i + 1 < len(toks) and toks[i + 1].lower in ("dollar", "dollars"):
            continue  # "per US dollar": a currency
        used[i] = True
        found.append((i, Name(t.word, "acronym", (t.word, *ACRONYM_HEADS.get(t.word, ())))))
    # 4. runs of capitalised words, split at anything but a space
    run: list[int] = []
    people: set[int] = set()
    for i in range(len(toks) + 1):
        hyphened = bool(run) and i < len(toks) and i == run[-1] + 1 and text[toks[run[-1]].end : toks[i].start] == "-"
        hyphened = hyphened and len(toks[i].word) <= 5 and toks[i].lower not in HYPHEN_SUFFIXES  # "Min-jun", not "Arizona-based"
        ok = i < len(toks) and not used[i] and not common[i] and (toks[i].capitalised or hyphened)
        ok = ok and not any(c.isdigit() for c in toks[i].word)
        ok = ok and roman_value(toks[i].word) is None and not month_before_day(text, toks, i)
        title_inside = lang == "en" and toks[i].lower in TITLES_EN if ok else False  # "Oaxaca | Governor Miguel Torres"
        if ok and run and (title_inside or not adjacent(text, toks[run[-1]], toks[i])):
            people.update(run)
            _add_run(text, toks, run, lang, found, used, common)
            run = []
        if ok:
            run.append(i)
        elif run:
            people.update(run)
            _add_run(text, toks, run, lang, found, used, common)
            run = []
    # 5. organisation phrases: capitalised words with their lower-case partners ("Ban Đối ngoại Trung ương")
    i = 0
    while i < len(toks):
        if not (toks[i].capitalised and common[i]) or i in people:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and adjacent(text, toks[j], toks[j + 1]) and j + 1 not in people:
            nxt = toks[j + 1]
            if nxt.capitalised or partner[j + 1] or (lang == "en" and nxt.lower in ("of", "the", "and")):
                j += 1
            else:
                break
        while j > i and not toks[j].capitalised and not partner[j]:
            j -= 1
        span = range(i, j + 1)
        org = any(partner[k] or toks[k].lower in ORG_HEADS for k in span) if lang == "vi" else any(common[k] for k in span)
        if j > i and org and not all(used[k] for k in span) and roman_value(toks[j].word) is None:
            found.append((i, Name(text[toks[i].start : toks[j].end], "org", (text[toks[i].start : toks[j].end],))))
        i = j + 1
    return [n for _, n in sorted(found, key=lambda x: x[0])]


def _add_run(text: str, toks: list[Token], run: list[int], lang: str, found: list, used: list[bool], common: list[bool]) -> None:
    titles = TITLES_VI if lang == "vi" else TITLES_EN
    titled = False
    while len(run) > 1 and (toks[run[0]].lower in titles or is_common(toks[run[0]], lang) or currency_prefix(text, toks[run[0]])):
        titled = titled or toks[run[0]].lower in titles  # "Mayor Sergei Sobyanin", "Chị H."
        run = run[1:]
    if lang == "en" and len(run) > 1 and _people_noun(toks[run[0]].word):
        first = toks[run[0]]
        found.append((run[0], Name(first.word, "other", (first.word,))))  # "Frenchman Laurent Dubois"
        titled, run = True, run[1:]
    foreign_then_vi = len(run) >= 3 and not (has_vi_letters(toks[run[0]].word) or vi_shaped(toks[run[0]].word))
    if lang == "vi" and foreign_then_vi and fold(toks[run[1]].word) in FOLDED_SURNAMES and all(vi_shaped(toks[k].word) for k in run[1:]):
        _add_run(text, toks, run[:1], lang, found, used, common)  # "Chủ tịch Hengtai Vương Lỗi": a firm, then its chairman
        run = run[1:]
        titled = True
    if lang == "en" and run[0] == 0 and len(run) >= 3 and fold(toks[run[1]].word) in FOLDED_SURNAMES:
        titled, run = True, run[1:]  # "Swimmer Nguyen Huy Hoang won ...": a descriptor opens the sentence
    words = [toks[i] for i in run]
    if len(words) == 2 and len(words[1].word) == 1:
        return  # "Trạm D", "Khu A": a common noun and a letter
    if all(fold(t.word) in GENERIC_EN or is_common(t, lang) for t in words):
        return  # "League" of "the Premier League club"
    if all(len(t.word) == 1 for t in words) or currency_prefix(text, words[-1]):
        return  # initials ("H.", "U.S.") and currency prefixes ("US$") are not names
    surface = text[words[0].start : words[-1].end]
    before = " ".join(t.lower for t in toks[max(0, run[0] - 3) : run[0]])
    after = " ".join(t.lower for t in toks[run[-1] + 1 : run[-1] + 3])
    nxt = toks[run[-1] + 1] if run[-1] + 1 < len(toks) else None
    place_after = lang == "en" and bool(after) and after.split()[0] in PLACE_WORDS_EN  # "Dong Nai Province"
    surname_run = 2 <= len(words) <= 4 and fold(words[0].word) in FOLDED_SURNAMES and all(vi_shaped(t.word) for t in words)
    if _continues_name(text, toks, run[0]) and not place_after and not surname_run:
        found.append((run[0], Name(surface, "org", (surface,))))  # "Ministry of Public Security"
        return
    if (
        lang == "vi"
        and nxt is not None
        and not nxt.capitalised
        and adjacent(text, words[-1], nxt)
        and ((words[-1].lower, nxt.lower) in VI_ORG_BIGRAMS or (len(words) >= 2 and lexicon.vi_compound(words[-1].lower, nxt.lower)))
    ):
        found.append((run[0], Name(surface, "org", (surface,))))  # "Tết Nguyên đán", "giải Nobel Hoá học"
        return
    org_word = lang == "vi" and run[0] and common[run[0] - 1] and (toks[run[0] - 1].capitalised or _is_org_partner(toks, run[0] - 1))
    if org_word and not titled and not ends_with(before, titles) and not surname_run:  # "Quốc hội Nguyễn Thị Kim Ngân"
        if adjacent(text, toks[run[0] - 1], words[0]):
            found.append((run[0], Name(surface, "org", (surface,))))  # "Bệnh viện Nhi Đồng Thành Phố"
            return
    k = run[0]
    while k > 0 and (used[k - 1] or toks[k - 1].lower in ("of", "the")):
        k -= 1  # "Vice President of Laos Bounthong Chitmany", "Chủ tịch Trung Quốc Tập Cận Bình"
    crossed_place = k < run[0] and any(used[k : run[0]])
    vi_word = has_vi_letters(words[0].word) or vi_shaped(words[0].word)  # "Kemerovo vừa qua" is no compound
    lone_then_lower = False  # a lone syllable opening a compound: "Anh đào", "Phủ Chủ tịch", "Phòng GD"
    if len(words) == 1 and vi_word and nxt is not None and adjacent(text, words[0], nxt):
        lone_then_lower = not nxt.capitalised or common[run[-1] + 1] or nxt.acronym
    personal = ends_with(before, PERSONAL_TITLES_VI) if lang == "vi" else False
    titled = titled or (ends_with(before, titles) and (personal or not (lang == "vi" and lone_then_lower)))
    titled = titled or (crossed_place and len(run) >= 2 and ends_with(" ".join(t.lower for t in toks[max(0, k - 3) : k]), titles))
    plain = not any(is_common(t, lang) or fold(t.word) in GENERIC_EN for t in words)
    surname = 2 <= len(words) <= 4 and fold(words[0].word) in FOLDED_SURNAMES and (lang == "vi" or all(vi_shaped(t.word) for t in words))
    quoted = len(words) >= 2 and plain and (ends_with(before, SPEECH_BEFORE) or any(after.startswith(w) for w in SPEECH_AFTER))
    quoted = quoted and (lang == "en" or all(vi_shaped(t.word) for t in words))  # "theo Tuổi Trẻ Online": an outlet
    org_next = nxt is not None and adjacent(text, words[-1], nxt) and nxt.capitalised and is_common(nxt, lang)
    if lang == "vi":
        opened = text[: words[0].start].rstrip().endswith("(")  # "trạm BOT Cai Lậy (Tiền Giang)"
        place = (opened or (bool(before) and before.split()[-1] in PLACE_WORDS_VI)) and not lone_then_lower
        place = place or (len(words) >= 2 and words[0].word.lower() in GEOGRAPHIC_HEADS_VI)  # "trên Núi Sam"
    else:
        place = bool(after) and after.split()[0] in PLACE_WORDS_EN
    if place and not titled:
        kind = "place"  # "thành phố Trương Gia Khẩu": a place, though Trương is a surname
    elif len(words) <= 4 and (titled or surname or quoted) and not org_next and not _dictionary_words(surface, words, lang, surname):
        kind = "person"
    elif len(words) == 1 and lang == "vi":
        if _lone_given_name(text, toks, run[0]):
            kind = "person"  # "Hải khai nhận", "nhóm của Danh": a person called by the given name
        elif run[0] and not opens_clause(text, toks, run[0]) and toks[run[0] - 1].lower != "độ" and not vi_word:
            kind = "other"  # "phía đông Cairo", "bé Tina": a foreign name, kept in Latin letters
        else:
            return  # a sentence-initial capital, or a capitalised word ("Thủ đô", "Tết")
    elif len(words) == 1 and run[0] == 0 and not unknown_english(words[0].word):
        return  # a sentence-initial capital
    else:
        kind = "other"
    found.append((run[0], Name(surface, kind, (surface,), initial=run[0] == 0 and len(words) > 1)))


def _people_noun(word: str) -> bool:
    """``Frenchman``, ``Englishwoman``, ``Scotsman``: a people's adjective the dictionary
    capitalises, then ``man``/``woman`` (not ``Freeman`` or ``Bergman``)."""
    m = re.fullmatch(r"([A-Z][a-z]+?(?:ch|sh|ts))(?:man|woman|men|women)", word)
    return m is not None and lexicon.capitalised_in_dictionary(m[1])


#: Geographic nouns that open a place's own name (``Núi Sam``, ``Sông Hồng``, ``Đảo Phú Quốc``); no
#: surname is spelled so (``Hồ`` is one, and ``Đào`` is not ``Đảo``).
GEOGRAPHIC_HEADS_VI = frozenset({"núi", "sông", "vịnh", "đảo", "đèo", "mũi"})


def _dictionary_words(surface: str, words: list[Token], lang: str, surname: bool) -> bool:
    """English words of the dictionary that no person is called by: several (``the Kenya Red
    Cross said``; not ``Park Sung-ho``) or one the dictionary never capitalises (``General Clinic``)."""
    if lang != "en" or surname or "-" in surface:
        return False
    rest = words[1:]
    if len(words) >= 3 and all(t.lower in lexicon.english_words() for t in rest) and common_english(rest[-1].word):
        return True  # "the Kazakh Red Crescent said": a people's or place's word, then common words
    if not all(t.lower in lexicon.english_words() for t in words):
        return False
    return len(words) >= 2 or common_english(words[0].word)


def _lone_given_name(text: str, toks: list[Token], i: int) -> bool:
    """A lone capitalised syllable inside a sentence that ends full names in news text
    (:func:`lexicon.vi_given_names`), names no place, follows no capitalised word and opens
    no word of the dictionary with the next one (``Hải khai nhận``, ``của Danh``; not
    ``Bình thường``, ``thứ Sáu``): a person called by the given name."""
    word = toks[i].word
    if opens_clause(text, toks, i) or word not in lexicon.vi_given_names() or word.lower() in lexicon.one_word_places() | COMPASS_VI:
        return False
    if toks[i - 1].capitalised or lexicon.vi_compound(toks[i - 1].lower, toks[i].lower):
        return False  # "phía Nam", "mùa Đông", "thứ Sáu" (Friday): words of the dictionary
    if toks[i - 1].lower in ("tiếng", "người", "chữ", "gốc"):
        return False  # "tiếng Việt", "người Việt": a language, a people
    if re.match(r"\s*[-–]\s*[^\W\d_]", text[toks[i].end :]) or re.search(r"[-–]\s*$", text[: toks[i].start]):
        return False  # "Việt - Nga", "Mỹ - Việt": a country in a pair
    opener = i >= 2 and toks[i - 2].capitalised and lexicon.vi_compound(toks[i - 2].lower, toks[i - 1].lower)
    if opener and not ends_with(f"{toks[i - 2].lower} {toks[i - 1].lower}", TITLES_VI):
        return False  # "Huy chương Vàng": a capitalised word of the dictionary opens a title, not "Bộ trưởng Hải"
    if i + 1 < len(toks) and adjacent(text, toks[i], toks[i + 1]):
        nxt = toks[i + 1]
        if nxt.capitalised or nxt.word[0].isdigit() or lexicon.vi_compound(toks[i].lower, nxt.lower):
            return False
    return True


def _inside_longer_name(text: str, toks: list[Token], first: int, last: int, used: list[bool], lang: str) -> bool:
    """The words continue a longer capitalised name: a plain capitalised word right before
    them, or a Vietnamese syllable right after Vietnamese-shaped ones."""

    def plain(i: int) -> bool:
        word = toks[i] if 0 <= i < len(toks) else None
        if word is None or not word.capitalised or used[i] or is_common(word, lang) or not word.word.isalpha() or word.acronym:
            return False  # "ĐHQG Hà Nội": an institution's acronym and a place
        return not (lang == "en" and opens_clause(text, toks, i) and common_english(word.word))  # "Even Australia's ..."

    if plain(first - 1) and text[toks[first - 1].end : toks[first].start].isspace():
        return True
    # "Thai Nguyen", "Lào Cai": a one-word country that begins a Vietnamese place name
    # "Tran Thanh Tri": a Vietnamese place's syllables inside a longer Vietnamese name
    shaped = all(vi_shaped(toks[k].word) for k in range(first, last + 1)) and (first == last or lang == "en")
    vietnamese = shaped and last + 1 < len(toks) and vi_shaped(toks[last + 1].word)
    return vietnamese and plain(last + 1) and text[toks[last].end : toks[last + 1].start].isspace()


def _names_a_body(text: str, toks: list[Token], last: int) -> bool:
    """The next word is a capitalised institution word: "Vietnam National University"."""
    if last + 1 >= len(toks) or not toks[last + 1].capitalised:
        return False
    gap = text[toks[last].end : toks[last + 1].start]
    if gap in ("'s ", "’s "):  # "Vietnam's Ministry of Health", "Vietnam's National Assembly"
        return toks[last + 1].lower in EN_COMMON
    return gap.isspace() and fold(toks[last + 1].word) in ("national", "university", "airlines", "securities", "television", "news", "post")


def _is_org_partner(toks: list[Token], i: int) -> bool:
    """The lower-case half of a capitalised organisation word ("Uỷ ban" in "Uỷ ban Olympic Australia")."""
    return i > 0 and toks[i - 1].capitalised and (toks[i - 1].lower, toks[i].lower) in VI_ORG_BIGRAMS


def _continues_name(text: str, toks: list[Token], first: int) -> bool:
    """The run follows ``of``/``for``/``and`` inside a longer capitalised name (``Ministry of
    Public Security``, ``Center for Preventive Medicine``)."""
    if first < 2 or toks[first - 1].lower not in ("of", "for", "and", "on", "de"):
        return False
    if toks[first - 1].lower == "and" and toks[first - 2].lower not in lexicon.english_words():
        return False  # "Binh Duong and Dong Nai": two names; "Culture, Sports and Tourism": one
    return toks[first - 2].capitalised and adjacent(text, toks[first - 2], toks[first - 1])
