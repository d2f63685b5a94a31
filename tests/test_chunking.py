"""Splitting over-long sentences into pieces that fit a token budget, losing nothing."""

from __future__ import annotations

import pytest
from conftest import squash
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsum.chunking import split_to_budget


def by_words(xs):
    return [len(x.split()) + 1 for x in xs]


def by_chars(xs):
    return [len(x) // 4 + 1 for x in xs]


def superadditive(xs):
    """A counter where joining costs more than the parts: exercises the re-check after packing."""
    return [len(x.split()) ** 2 // 4 + 1 for x in xs]


COUNTERS = [by_words, by_chars, superadditive]

CLAUSE = "hai bên phối hợp triển khai có hiệu quả các thỏa thuận giữa lãnh đạo cấp cao hai Đảng"
RUN_ON = "Hai bên nhất trí " + ", ".join([CLAUSE] * 170) + "."  # about 3200 words


def _assert_pieces(sentence, pieces, budget, count):
    assert pieces, "a non-empty sentence gives at least one piece"
    assert all(p and p == p.strip() for p in pieces)
    assert all(n <= budget for n in count(pieces)), max(count(pieces))
    # Exact slices, in order, with only whitespace between them.
    pos = 0
    for piece in pieces:
        found = sentence.find(piece, pos)
        assert found >= 0 and not sentence[pos:found].strip(), f"piece out of order or text skipped: {piece[:40]!r}"
        pos = found + len(piece)
    assert not sentence[pos:].strip()
    assert squash("".join(pieces)) == squash(sentence)


@pytest.mark.parametrize("count", COUNTERS)
def test_short_sentence_is_one_piece(count):
    sentence = "  Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước.\n"
    assert split_to_budget(sentence, 100, count) == [sentence.strip()]


def test_exactly_at_budget_is_one_piece():
    sentence = "Both sides agreed to effectively realise the agreement."
    n = by_words([sentence])[0]
    assert split_to_budget(sentence, n, by_words) == [sentence]
    assert len(split_to_budget(sentence, n - 1, by_words)) > 1


def test_empty_sentence_gives_no_piece():
    assert split_to_budget("  \n", 10, by_words) == []


@pytest.mark.parametrize(("count", "budget"), [(by_words, 100), (by_chars, 100), (by_words, 40), (by_chars, 512), (superadditive, 200)])
def test_run_on_vietnamese_sentence(count, budget):
    assert len(RUN_ON.split()) > 3000
    pieces = split_to_budget(RUN_ON, budget, count)
    assert len(pieces) > 1
    _assert_pieces(RUN_ON, pieces, budget, count)
    # Cut at clause boundaries: all pieces but the last end with a comma.
    assert sum(p.endswith(",") for p in pieces) >= len(pieces) - 1
    assert pieces[-1].endswith("Đảng.")
    if count is not superadditive:
        # Greedy packing: pieces are not needlessly small (at most about twice the minimum).
        assert len(pieces) <= 2 * count([RUN_ON])[0] // budget + 2


def test_run_on_sentence_without_commas_splits_between_words():
    sentence = " ".join(["hợp tác"] * 500) + "."
    pieces = split_to_budget(sentence, 50, by_words)
    _assert_pieces(sentence, pieces, 50, by_words)
    # Split between words, never inside "hợp" or "tác".
    assert all(w in {"hợp", "tác", "tác."} for p in pieces for w in p.split())


def test_clauses_after_semicolons_and_dashes():
    sentence = (
        "Đồng chí cảm ơn sâu sắc sự ủng hộ, giúp đỡ to lớn mà Việt Nam dành cho Lào từ trước đến nay; "
        "thông báo về tình hình Lào gần đây — kết quả cuộc hội đàm và hợp tác giữa hai Ban Đối ngoại Trung ương của hai Đảng."
    )
    pieces = split_to_budget(sentence, 25, by_words)
    _assert_pieces(sentence, pieces, 25, by_words)
    assert pieces[0].endswith("đến nay;")


@pytest.mark.parametrize(("count", "budget"), [(by_chars, 100), (by_chars, 7), (by_words, 2), (superadditive, 1)])
def test_monster_word_is_cut_between_characters(count, budget):
    word = ("dangcongsan" * 500)[:5000]  # 5000 characters, no space
    assert len(word) == 5000
    sentence = f"Xem thêm tại {word} để biết chi tiết."
    pieces = split_to_budget(sentence, budget, count)
    _assert_pieces(sentence, pieces, budget, count)
    assert len(pieces) > 1


def test_monster_word_alone():
    word = "x" * 5000
    pieces = split_to_budget(word, 100, by_chars)
    assert "".join(pieces) == word
    assert all(n <= 100 for n in by_chars(pieces))
    assert len(pieces) > 1


@pytest.mark.parametrize("budget", [0, -1])
def test_budget_below_one_raises(budget):
    with pytest.raises(ValueError):
        split_to_budget("Hai bên hội đàm.", budget, by_words)


# --- Property -------------------------------------------------------------------------

_WORDS = st.one_of(
    st.sampled_from(["hai", "bên", "Đảng,", "nước;", "Lào:", "—", "-", "hợp", "tác.", "Việt", "Nam-Lào", "1.500", "3,5%", "—VNS"]),
    st.text(alphabet="aăâđêôơưáàạếọAĐƯ0123456789,;:.-—", min_size=1, max_size=30),
)
_SEPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", " , ", ", "])


@st.composite
def _sentences(draw):
    words = draw(st.lists(_WORDS, min_size=1, max_size=80))
    seps = draw(st.lists(_SEPS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).strip()


@settings(max_examples=200, deadline=None)
@given(_sentences(), st.integers(min_value=2, max_value=50), st.sampled_from(COUNTERS))
def test_property_within_budget_nothing_lost(sentence, budget, count):
    pieces = split_to_budget(sentence, budget, count)
    _assert_pieces(sentence, pieces, budget, count)
