"""`vnsum check` at any size: a banded alignment, checks linear in a long sentence, a limit.

The alignment compared every source sentence with every target sentence (10.6 s and 100 MB
for 100 kB); the checks' number reader copied the whole text for every match and their name
look-up tokenized and folded the whole text for every name (a 50,000-word sentence took
minutes). The readers' behaviour must not change: each is compared here with the quadratic
version it replaced.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import article_and_translation

import vnsum.align as al
from vnsum.checking import CHECK_MAX_CHARS, MAX_CHARS, check_external
from vnsum.checks import name_tokens, numbers_base, numbers_norm
from vnsum.checks.name_tokens import fold, has_vi_letters, same_word, tokens
from vnsum.checks.numbers_norm import Quantity, quantities
from vnsum.cli import main
from vnsum.segment import PYSBD_MAX_CHARS, _anchor, _pysbd_segmenter, sentence_spans
from vnsum.summarize import article_sentences

ROOT = Path(__file__).resolve().parents[1]


def faithful_pairs(lang: str = "vi") -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in (ROOT / "vnsum" / "checks" / "evalset" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(r["source"], r["target"]) for r in rows if r["corruption"] is None and r["source_lang"] == lang]


def long_sentence(words: int) -> tuple[str, str]:
    """A source "sentence" of ``words`` words without punctuation, and its translation likewise."""
    pairs = faithful_pairs() * (1 + words // 2_000)
    src = re.findall(r"[^\W_]+", " ".join(s for s, _ in pairs))[:words]
    tgt = re.findall(r"[^\W_]+", " ".join(t for _, t in pairs))[:words]
    return " ".join(src), " ".join(tgt)


# ---- the banded alignment: the full one's result, in linear time ----


@pytest.fixture
def banded(monkeypatch):
    """Every table banded, however small (small ones are searched whole by default)."""
    monkeypatch.setattr(al, "FULL_CELLS", 0)


def perturbed(target: list[str], rng: random.Random, pool: list[str]) -> list[str]:
    """A translation as one is found: sentences dropped, merged, split, added, a run dropped."""
    target = list(target)
    for _ in range(rng.randrange(0, 6)):
        if len(target) < 3:
            break
        x, op = rng.randrange(len(target) - 1), rng.choice("dmas")
        if op == "d":
            del target[x]
        elif op == "m":
            target[x : x + 2] = [target[x] + " " + target[x + 1]]
        elif op == "a":
            target.insert(x, rng.choice(pool))
        elif len(words := target[x].split()) > 1:
            target[x : x + 1] = [" ".join(words[: len(words) // 2]) + ".", " ".join(words[len(words) // 2 :])]
    if rng.random() < 0.3 and target:
        x = rng.randrange(len(target))
        del target[x : x + rng.randrange(5, 25)]
    return target


def test_banded_is_full_on_the_real_texts(banded):
    data = ROOT / "tests" / "data"
    vi_sample = article_sentences((ROOT / "samples" / "vi-lao-party-delegation.txt").read_text(encoding="utf-8"), "vi")
    en_sample = article_sentences((ROOT / "samples" / "en-lao-vice-president-visit.txt").read_text(encoding="utf-8"), "en")
    cases = [
        article_and_translation(),
        (article_sentences((data / "lao-visit.vi.txt").read_text(encoding="utf-8"), "vi"),
         article_sentences((data / "lao-visit.en.txt").read_text(encoding="utf-8"), "en")),
        (vi_sample, en_sample),  # two different articles
        (en_sample, vi_sample),
        (vi_sample, vi_sample[:5] + vi_sample[9:]),  # four sentences dropped
    ]  # fmt: skip
    for source, target in cases:
        assert al.align(source, target) == al.align(source, target, band=None)
        assert al.align(source, target, anchors=False) == al.align(source, target, anchors=False, band=None)


def test_banded_is_full_on_translations_with_drops_merges_and_splits(banded):
    pairs = faithful_pairs() + faithful_pairs("en")
    rng = random.Random(12)
    for _ in range(25):
        k = rng.randrange(len(pairs) - 60)
        chunk = pairs[k : k + rng.randrange(5, 60)]
        source, target = [s for s, _ in chunk], perturbed([t for _, t in chunk], rng, [t for _, t in pairs])
        assert al.align(source, target) == al.align(source, target, band=None)


def test_banded_is_full_with_a_round_trip_similarity(banded):
    import sacrebleu

    pairs = faithful_pairs()[:30]
    source, target = [s for s, _ in pairs], perturbed([s for s, _ in pairs], random.Random(3), [])

    def chrf(a: str, b: str) -> float:
        return sacrebleu.sentence_chrf(b, [a], beta=1).score / 100

    assert al.align(source, target, similarity=chrf) == al.align(source, target, similarity=chrf, band=None)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(20, 400), min_size=1, max_size=45),
    st.lists(st.tuples(st.sampled_from("kkkkkdmsa"), st.floats(0.8, 1.25)), min_size=45, max_size=45),
)
def test_banded_is_full_on_any_translation_like_lengths(src_lengths, ops):
    """Target lengths follow the source's (noise, drops, merges, splits, additions)."""
    al.FULL_CELLS, full_cells = 0, al.FULL_CELLS
    try:
        target: list[int] = []
        for n, (op, noise) in zip(src_lengths, ops, strict=False):
            if op == "m" and target:
                target[-1] += round(n * noise)
            elif op == "s":
                target += [max(1, round(n * noise / 2))] * 2
            elif op == "a":
                target += [round(n * noise), 80]
            elif op == "k":
                target.append(max(1, round(n * noise)))
        source, tgt = ["x" * n for n in src_lengths], ["y" * n for n in target]
        assert al.align(source, tgt) == al.align(source, tgt, band=None)
    finally:
        al.FULL_CELLS = full_cells


def test_the_search_grows_with_the_texts_not_their_product(monkeypatch):
    pairs = faithful_pairs() * 3
    cells: list[int] = []
    real = al._search
    monkeypatch.setattr(al, "_search", lambda step, rows: cells.append(sum(b - a + 1 for a, b in rows)) or real(step, rows))
    source, target = [s for s, _ in pairs], [t for _, t in pairs]
    del target[500:520]  # an omission
    start = time.perf_counter()
    al.align(source, target, anchors=False)
    assert time.perf_counter() - start < 30  # the full search: minutes
    assert sum(cells) < 60 * len(source), cells  # the full table: len(source) × len(target) cells


def test_a_long_omission_widens_the_band_to_the_full_result(banded, monkeypatch):
    pairs = faithful_pairs()[:150]
    source, target = [s for s, _ in pairs], [t for _, t in pairs]
    del target[60:80]
    searches: list[int] = []
    real = al._search
    monkeypatch.setattr(al, "_search", lambda step, rows: searches.append(1) or real(step, rows))
    beads = al.align(source, target)
    assert len(searches) > 1
    assert beads == al.align(source, target, band=None)
    assert sum(1 for s, t in beads if not t) >= 15


# ---- the readers: the same answers as the quadratic versions, in linear time ----


class _OldScanner(numbers_base._Scanner):
    def scan(self, pattern, make, flags=re.IGNORECASE):  # type: ignore[no-untyped-def]
        for m in re.finditer(pattern, self.free, flags):
            made = make(m)
            if made is None:
                continue
            for keys, soft in made:
                self.found.append((m.start(), Quantity(tuple(keys), self.text[m.start() : m.end()].strip(), soft)))
            self.free = self.free[: m.start()] + " " * (m.end() - m.start()) + self.free[m.end() :]


def _old_scan_roman(s):  # type: ignore[no-untyped-def]
    for m in numbers_base._ROMAN.finditer(s.free):
        value = numbers_base.roman_value(m[1])
        if value is None:
            continue
        before = s.free[: m.start()].split()
        if len(m[1]) < 2 and not (before and before[-1].lower().strip(".,") in numbers_norm._ROMAN_CONTEXT):
            continue
        s.found.append((m.start(), Quantity((numbers_norm._num(value),), m[1])))
        s.free = s.free[: m.start()] + " " * len(m[1]) + s.free[m.end() :]


def old_quantities(text: str, lang: str) -> list[Quantity]:
    real = numbers_norm._Scanner, numbers_norm._scan_roman
    numbers_norm._Scanner, numbers_norm._scan_roman = _OldScanner, _old_scan_roman  # type: ignore[misc]
    try:
        return quantities(text, lang)
    finally:
        numbers_norm._Scanner, numbers_norm._scan_roman = real  # type: ignore[misc]


PIECES = [
    "X", "V", "I", "XII", "IX", "khóa", "Khóa", "khoá", "thứ", "lần", "No", "Congress", "war", "hội",
    ".", ",", ".,", "..", "-", "(", ")", "x", "xkhóa", "1", "15", "2024", "3/4", "15-3", "16/7/2024", "ngày",
    "tháng", "7", "hai", "thứ hai", "Thứ Hai", "lúc", "9", "giờ", "tỷ", "đồng", "$", "2.5", "million", "May", "in",
    "March", "the", "5th", "of", "1.500", "USD", "(", "VND2.6", "trillion", "Monday", "năm", "\n", "  ",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", " ", "  ", "-", "\n"])), max_size=40),
    st.sampled_from(["vi", "en"]),
)
def test_quantities_are_those_of_the_quadratic_reader(pieces, lang):
    text = "".join(p + sep for p, sep in pieces)
    assert quantities(text, lang) == old_quantities(text, lang)


def test_quantities_of_the_eval_set_are_those_of_the_quadratic_reader():
    for source, target in faithful_pairs()[:300]:
        assert quantities(source, "vi") == old_quantities(source, "vi")
        assert quantities(target, "en") == old_quantities(target, "en")


def old_contains(text: str, form: str, *, strict: bool = False) -> bool:
    want = [t.word for t in tokens(form)]
    words = [t.word for t in tokens(text)]
    if not want:
        return False
    n = len(want)
    same = name_tokens.same_strict if strict else same_word
    for i in range(len(words) - n + 1):
        if all(same(a, b) for a, b in zip(want, words[i : i + n], strict=True)):
            return True
    key = "".join(fold(w) for w in want)
    plain_form = not any(has_vi_letters(w) for w in want)
    for i in range(len(words)):
        acc = ""
        for j in range(i, min(len(words), i + 8)):
            if has_vi_letters(words[j]) and not (plain_form and len(want) == 1):
                break
            acc += fold(words[j])
            if acc == key:
                return True
            if not key.startswith(acc):
                break
    return False


WORDS = "Hà Nội Hanoi Ha noi HÀ Lê Le Hoài Hoai Trà Mi Trami Thái Thai s 's Đà Da Nang Nẵng Danang Việt Vietnam Nam the".split()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.lists(st.sampled_from(WORDS), max_size=3), st.booleans())
def test_contains_is_the_quadratic_contains(text_words, form_words, strict):
    text, form = " ".join(text_words), " ".join(form_words)
    assert name_tokens.contains(text, form, strict=strict) == old_contains(text, form, strict=strict)


def test_the_readers_are_linear_in_a_50000_word_sentence():
    source, target = long_sentence(50_000)
    start = time.perf_counter()
    assert len(quantities(source, "vi")) > 1000 and len(quantities(target, "en")) > 1000
    forms = [t.word for t in tokens(source)[:3000:3]] + ["Không Có Đâu", "Nowhere Town"]
    found = [name_tokens.contains(target, form) for form in forms]
    assert any(found) and not all(found)
    assert time.perf_counter() - start < 20  # minutes before (a copy of the text per match, per name)


# ---- vnsum check: the long sentence, the limit ----


def test_a_pair_too_long_for_the_checks_is_noted_not_checked():
    source, target = long_sentence(50_000)
    target = target[: len(source)].rsplit(" ", 1)[0]  # as long as the source: lengths pair them
    start = time.perf_counter()
    result = check_external(source, target, source_lang="vi")
    assert time.perf_counter() - start < 30  # many minutes before (the name reader is quadratic)
    (segment,) = result.segments
    assert [(f.kind, f.severity) for f in segment.flags] == [("unchecked", "info")]
    assert f"{CHECK_MAX_CHARS:,}" in segment.flags[0].detail and segment.translation == target
    short = check_external("Ngày 16/7, ông Lê Hoài Trung tiếp Đoàn.", "On July 17, Mr Le Hoai Trung received the delegation.")
    assert any(f.kind == "number" for f in short.segments[0].flags)  # a pair of normal size is checked


def test_a_long_english_paragraph_is_split_in_linear_time_and_as_pysbd_splits_it():
    source, target = long_sentence(50_000)
    start = time.perf_counter()
    assert sentence_spans(target, "en") == [(0, len(target))]
    assert time.perf_counter() - start < 5  # pySBD on the whole: minutes
    text = " ".join(t for _, t in faithful_pairs())[: 3 * PYSBD_MAX_CHARS]
    whole = _anchor(text, _pysbd_segmenter().segment(text))  # pySBD on the whole paragraph
    assert whole is not None and len(whole) > 50
    assert [text[a:b].strip() for a, b in sentence_spans(text, "en")] == [text[a:b].strip() for a, b in whole]


def test_check_refuses_an_input_over_max_chars(tmp_path, monkeypatch):
    src, tgt = tmp_path / "a.vi.txt", tmp_path / "a.en.txt"
    src.write_text("Ngày 16/7, đồng chí tiếp Đoàn.\n" * 10, encoding="utf-8")
    tgt.write_text("On July 16, he received the delegation.\n" * 10, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(src), str(tgt), "--max-chars", "100"])
    assert result.exit_code == 2, result.output
    assert "more than the 100 a check reads (--max-chars); raise --max-chars" in result.output
    assert "source has 310 characters" in result.output
    monkeypatch.setenv("VNSUM_MAX_CHARS", "350")
    result = CliRunner().invoke(main, ["check", str(src), str(tgt)])
    assert result.exit_code == 2 and "translation has 400 characters" in result.output
    assert CliRunner().invoke(main, ["check", str(src), str(tgt), "--max-chars", "1000", "-f", "json"]).exit_code == 0
    assert MAX_CHARS == 5_000_000
