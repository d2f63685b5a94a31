"""Gale–Church sentence alignment on a real article and a translation made elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vnsum.align import align
from vnsum.summarize import article_sentences

ROOT = Path(__file__).resolve().parents[1]
EVAL = {r["id"]: r for r in map(json.loads, (ROOT / "tests" / "check_eval" / "pairs.jsonl").read_text(encoding="utf-8").splitlines())}


def english(pid: str) -> str:
    return EVAL[pid]["target"]


def article_and_translation() -> tuple[list[str], list[str]]:
    """The Vietnamese sample and a careful English translation of every sentence (captions
    included), with sentences 7 and 8 merged into one and sentence 11 split in two."""
    vi = article_sentences((ROOT / "samples" / "vi-lao-party-delegation.txt").read_text(encoding="utf-8"), "vi")
    assert len(vi) == 15 and vi[7].startswith("Đồng chí Valaxay Lengsavad chúc mừng") and vi[11].startswith("Đồng chí tin tưởng")
    merged = english("V5").rstrip(".") + ", and " + english("V6").removeprefix("Valaxay Lengsavad ")
    split = [
        "He expressed his belief that, under the leadership of the Lao People's Revolutionary Party, the Lao people will continue to"
        " win even greater new achievements and successfully implement the Resolution of the Party's 11th National Congress.",
        "They will also prepare and hold successful Party congresses at all levels towards the Party's 12th National Congress, and"
        " fulfil their role as Chair of ASEAN and AIPA in 2024.",
    ]
    en = [english(p) for p in ("V0", "V1", "V2", "V3", "V2", "V3", "V4")] + [merged] + [english(p) for p in ("V7", "V8")]
    en += split + [english(p) for p in ("V10", "V11", "V12")]
    return vi, en


def test_merged_and_split_sentences_become_2_1_and_1_2_beads():
    vi, en = article_and_translation()
    beads = align(vi, en)
    assert ((7, 8), (7,)) in beads
    assert ((11,), (10, 11)) in beads
    others = [b for b in beads if b not in (((7, 8), (7,)), ((11,), (10, 11)))]
    assert all(len(s) == len(t) == 1 for s, t in others)
    assert [s for s, _ in others] == [(i,) for i in range(15) if i not in (7, 8, 11)]


def test_a_dropped_sentence_is_a_1_0_bead_with_a_round_trip_similarity():
    """Lengths alone merge a dropped sentence into its neighbour (2–1 is the likelier bead);
    a symmetric chrF (β = 1) of the round trip (here: the eval set's Vietnamese for each
    English sentence) finds it. (The default chrF, β = 2, weighs recall, and a long
    neighbour "recalls" much of a short sentence's character n-grams.)"""
    from sacrebleu.metrics import CHRF

    chrf = CHRF(beta=1)

    vi, en = article_and_translation()
    source, target = vi[12:15], [english("V10"), english("V12")]  # the translation of vi[13] is missing
    back = {EVAL[p]["target"]: EVAL[p]["source"] for p in ("V10", "V11", "V12")}

    def roundtrip_chrf(src: str, tgt: str) -> float:
        return chrf.sentence_score(back.get(tgt, tgt), [src]).score

    assert align(source, target, anchors=False) == [((0, 1), (0,)), ((2,), (1,))]  # lengths only

    assert align(source, target, similarity=roundtrip_chrf) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_anchors_find_omissions_without_a_model():
    """tests/data/lao-visit: the translation keeps only the first of three sentences. Lengths
    alone pair it with the two others merged; its dates and names say where it belongs."""
    data = ROOT / "tests" / "data"
    source = article_sentences((data / "lao-visit.vi.txt").read_text(encoding="utf-8"), "vi")
    target = article_sentences((data / "lao-visit.en.txt").read_text(encoding="utf-8").split("\n\n")[0], "en")
    assert align(source, target, anchors=False) == [((0,), ()), ((1, 2), (0,))]
    assert align(source, target) == [((0,), (0,)), ((1,), ()), ((2,), ())]


def test_similarity_decides_what_lengths_cannot():
    import sacrebleu

    source = ["Hai bên nhất trí tăng cường hợp tác.", "Đoàn đã thăm Hà Nội và Đà Nẵng.", "Ngày 16/7, đồng chí tiếp Đoàn."]
    target = ["Hai bên nhất trí tăng cường hợp tác.", "Ngày 16/7, đồng chí tiếp Đoàn."]  # the middle one dropped

    def chrf(a: str, b: str) -> float:
        return sacrebleu.sentence_chrf(b, [a]).score

    assert align(source, target, similarity=chrf) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_empty_sides():
    assert align([], []) == []
    assert align(["Một câu."], []) == [((0,), ())]
    assert align([], ["One sentence."]) == [((), (0,))]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 300), max_size=12),
    st.lists(st.integers(1, 300), max_size=12),
)
def test_every_index_once_in_order(src_lengths, tgt_lengths):
    source = ["x" * n for n in src_lengths]
    target = ["y" * n for n in tgt_lengths]
    beads = align(source, target)
    src = [i for s, _ in beads for i in s]
    tgt = [j for _, t in beads for j in t]
    assert src == list(range(len(source))) and tgt == list(range(len(target)))
    for s, t in beads:
        assert (len(s), len(t)) in {(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)}
