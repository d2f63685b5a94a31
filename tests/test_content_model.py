"""The learned bigram model (summarizers/content.py) on real Vietnamese news text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from vnsum.summarizers.content import (
    BIGRAM_FEATURES,
    CONTENT,
    bigram_probabilities,
    expected_best,
    load_content_model,
    syllables,
)
from vnsum.summarizers.extractive import article_units, select_sentences
from vnsum.summarizers.features import load_ranker, sentence_features

ARTICLE = [
    "Khởi tố kẻ giết tài xế taxi ở Mỹ Đình",
    "Cơ quan cảnh sát điều tra Công an quận Nam Từ Liêm vừa khởi tố bị can đối với kẻ giết tài xế taxi ở Mỹ Đình.",
    "Ảnh: Báo Công an Nhân dân.",
    "Nạn nhân là anh Nguyễn Văn D., lái xe taxi của hãng Linh Anh, trú tại Sóc Sơn, Hà Nội.",
    "Tại cơ quan điều tra, bị can khai nhận do thua cá độ bóng đá nên nảy sinh ý định cướp tài sản của tài xế taxi.",
    "Sau khi gây án, bị can bỏ trốn về quê ở Thanh Hóa thì bị bắt giữ.",
    "Trước đó, người dân phát hiện chiếc xe taxi đỗ bất thường gần sân vận động Mỹ Đình vào rạng sáng.",
    "Vụ án đang được Công an quận Nam Từ Liêm tiếp tục điều tra, mở rộng.",
]


def probabilities(units: list[str]) -> tuple[list[np.ndarray], dict[str, float]]:
    x, prose, _, _ = sentence_features(units, "vi")
    ids, p, keys = bigram_probabilities(units, prose, load_ranker().score(x), load_content_model())
    return ids, dict(zip(keys, p.tolist(), strict=True))


def test_model_file_loads_and_is_small():
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == BIGRAM_FEATURES and "train" in data["trained_on"]
    model = load_content_model()
    assert model.scale.shape == (len(BIGRAM_FEATURES),) and (model.scale > 0).all()
    assert 10 < model.ref_len < 60 and model.k >= 3
    assert model.bi["tài xế"] == pytest.approx(data["bi"]["tài xế"])  # keys are NFC syllable pairs
    assert CONTENT.stat().st_size < 600_000


def test_stale_model_file_is_refused(tmp_path):
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    data["features"] = data["features"][::-1]
    path = tmp_path / "content.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        load_content_model(path)


def test_the_story_s_own_wording_outranks_a_passing_detail():
    grams, p = probabilities(ARTICLE)
    assert len(grams) == len(ARTICLE) and all(0 < v < 1 for v in p.values())
    # In the title, the first sentence and again later: the story.
    assert p["tài xế"] > p["sân vận"] and p["khởi tố"] > p["bóng đá"]
    assert p["mỹ đình"] > p["thanh hóa"]


def test_syllables_are_nfc_and_lowercase():
    decomposed = "Thanh Ho\u0301a"  # "Hóa" with a combining accent
    assert syllables(decomposed) == ["thanh", "hóa"]


def test_a_duplicated_line_does_not_count_twice():
    caption = "Đại diện Công an quận Nam Từ Liêm trao đổi với phóng viên về vụ án tại trụ sở."
    once = [*ARTICLE[:4], caption, *ARTICLE[4:]]
    twice = [*once, caption]
    p_once, p_twice = probabilities(once)[1], probabilities(twice)[1]
    assert p_twice["phóng viên"] == pytest.approx(p_once["phóng viên"], abs=0.02)


def test_expected_best_pays_for_repeated_wording():
    grams = [np.array(ids) for ids in ([0, 1], [0, 1], [2, 3], [4, 5])]
    p = np.array([0.9, 0.9, 0.5, 0.5, 0.1, 0.1])
    # The two copies add length but no new matches: the second-best wording comes with the best.
    assert expected_best([0, 1, 2, 3], grams, p, 2, 30.0, lambda chosen: True) == [0, 2]
    assert expected_best([0, 1, 2, 3], grams, p, 2, 30.0, lambda chosen: 2 not in chosen) == [0, 3]
    assert expected_best([0, 1], grams, p, 2, 30.0, lambda chosen: False) is None
    greedy = expected_best([0, 1, 2, 3], grams, p, 4, 30.0, lambda chosen: True)
    assert greedy == [0, 1, 2, 3]


@pytest.mark.parametrize("n", [2, 3])
def test_vietnamese_summaries_use_the_bigram_model_and_stay_prose(n):
    picked = select_sentences(ARTICLE, "vi", n)
    assert len(picked) == n and picked == sorted(set(picked))
    assert not {0, 2} & set(picked)  # neither the headline nor the photo credit
    plain = select_sentences(ARTICLE, "vi", n, load_ranker())  # an explicit ranker alone: MMR, no bigram model
    assert select_sentences(ARTICLE, "vi", n, load_ranker(), load_content_model()) == picked
    assert len(plain) == n


def test_near_duplicates_are_not_both_chosen_on_the_sample(vi_article):
    units = article_units(vi_article, "vi")
    near = units[1].replace(".", " hôm nay.")
    units = [*units[:3], near, *units[3:]]
    picked = select_sentences(units, "vi", 2)
    assert not {1, 3} <= set(picked)


def test_model_is_deterministic(vi_article):
    units = article_units(vi_article, "vi")
    first = probabilities(units)[1]
    again = probabilities(units)[1]
    assert list(first) == list(again) and np.allclose(list(first.values()), list(again.values()))
