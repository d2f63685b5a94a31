"""The extractive summarizer on the real sample articles and realistic news sentences."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsum.document import split_paragraphs
from vnsum.segment import split_sentences
from vnsum.summarizers.extractive import select_sentences, summarize

CAPTION = (
    "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Cộng sản Việt Nam hội đàm với "
    "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào."
)


def units(text: str, lang: str) -> list[str]:
    """The article's sentences as ``summarize`` sees them (noise lines kept as units)."""
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        if paragraph.kind == "passthrough":
            out.append(paragraph.text.strip())
        else:
            out.extend(split_sentences(paragraph.text, lang))
    return out


@pytest.fixture(scope="module")
def vi_sentences(vi_article) -> list[str]:
    sentences = units(vi_article, "vi")
    assert sentences.count(CAPTION) == 2  # the sample really has the caption twice
    return sentences


@pytest.fixture(scope="module")
def en_sentences(en_article) -> list[str]:
    sentences = units(en_article, "en")
    assert sentences[-1] == "— VNS"
    return sentences


def is_fragment(sentence: str) -> bool:
    """Headline, player timestamps, photo credit, byline: no terminal punctuation."""
    return not sentence.rstrip("\"'”’»)]").endswith((".", "!", "?", "…"))


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_returns_n_increasing_indices(vi_sentences, n):
    picked = select_sentences(vi_sentences, "vi", n)
    assert len(picked) == n
    assert picked == sorted(set(picked))
    assert all(0 <= i < len(vi_sentences) for i in picked)


def test_summary_is_the_chosen_sentences_verbatim_in_article_order(vi_article, vi_sentences):
    picked = select_sentences(vi_sentences, "vi", 3)
    summary = summarize(vi_article, sentences=3, lang="vi")
    assert summary == " ".join(vi_sentences[i] for i in picked)
    position = -1
    for i in picked:
        found = vi_article.find(vi_sentences[i], position + 1)
        assert found > position  # each sentence is in the article, after the previous one
        position = found


def test_duplicated_caption_is_never_picked_twice(vi_sentences):
    copies = {i for i, s in enumerate(vi_sentences) if s == CAPTION}
    # "0:00 / 0:00" and "0:00" are the same words too: 14 different sentences in all.
    distinct = len({frozenset(re.findall(r"\w+", s.lower())) for s in vi_sentences})
    assert distinct == 14
    for n in range(1, distinct + 1):
        picked = set(select_sentences(vi_sentences, "vi", n))
        assert not copies <= picked, n


def test_the_duplicated_caption_is_neither_picked_by_default_nor_repeated(vi_article, vi_sentences):
    picked = [vi_sentences[i] for i in select_sentences(vi_sentences, "vi", 3)]
    assert CAPTION not in picked  # its copy no longer makes it look central
    everything = summarize(vi_article, sentences=50, lang="vi")
    assert everything.count(CAPTION) == 1


def test_near_duplicate_is_skipped_while_other_sentences_remain():
    sentences = [
        "Ngày 16/7, tại Hà Nội, đồng chí Lê Hoài Trung thân mật tiếp Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào.",
        "Ngày 16/7, tại Hà Nội, đồng chí Lê Hoài Trung đã thân mật tiếp Đoàn đại biểu "
        "Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào.",
        "Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước và hợp tác giữa hai Ban Đối ngoại Trung ương.",
        "Đồng chí Valaxay Lengsavad cảm ơn sâu sắc sự ủng hộ, giúp đỡ to lớn mà Việt Nam dành cho Lào từ trước đến nay.",
    ]
    picked = select_sentences(sentences, "vi", 2)
    assert picked[0] == 0 and 1 not in picked


@pytest.mark.parametrize("n", [1, 2, 3, 6, 11])
def test_noise_and_fragments_are_not_picked_vi(vi_sentences, n):
    picked = select_sentences(vi_sentences, "vi", n)
    assert [vi_sentences[i] for i in picked if is_fragment(vi_sentences[i])] == []


@pytest.mark.parametrize("n", [1, 2, 3, 6, 11])
def test_noise_and_fragments_are_not_picked_en(en_sentences, n):
    picked = select_sentences(en_sentences, "en", n)
    assert [en_sentences[i] for i in picked if is_fragment(en_sentences[i])] == []


def test_short_fragments_lose_to_prose_in_realistic_sentences():
    sentences = [
        "Khởi tố kẻ giết tài xế taxi ở Mỹ Đình",
        "Ảnh: dangcongsan.vn",
        "0:00 / 0:00",
        "Cơ quan cảnh sát điều tra Công an quận Nam Từ Liêm vừa khởi tố bị can đối với kẻ giết tài xế taxi.",
        "Theo PV.",
        "Nạn nhân là anh Nguyễn Văn D., lái xe taxi của hãng Linh Anh, trú tại Sóc Sơn, Hà Nội.",
        "— VNS",
    ]
    assert select_sentences(sentences, "vi", 2) == [3, 5]


def test_news_lead_is_preferred(en_sentences, vi_sentences):
    assert select_sentences(en_sentences, "en", 1) == [0]
    assert select_sentences(vi_sentences, "vi", 1) == [1]  # after the headline and the player line


def test_n_larger_than_article_gives_every_sentence(en_sentences):
    assert select_sentences(en_sentences, "en", len(en_sentences)) == list(range(len(en_sentences)))
    assert select_sentences(en_sentences[:3], "en", 10) == [0, 1, 2]


def test_bad_n_and_empty_input():
    with pytest.raises(ValueError):
        select_sentences(["Một câu."], "vi", 0)
    with pytest.raises(ValueError):
        select_sentences([], "vi", -1)
    assert select_sentences([], "vi", 3) == []


def test_deterministic(vi_article, en_article):
    for text in (vi_article, en_article):
        first = summarize(text, sentences=2)
        assert all(summarize(text, sentences=2) == first for _ in range(3))


def test_english_with_detected_language(en_article, en_sentences):
    summary = summarize(en_article, sentences=2)
    assert summary == " ".join(en_sentences[:2])
    assert summary.startswith("date 2024-12-04 HÀ NỘI — Politburo member")


def test_summarize_takes_the_scorer_keyword(vi_article):
    # evaluate.py passes sentences=k only when the callable has that keyword.
    assert "sentences" in inspect.signature(summarize).parameters
    assert len(split_sentences(summarize(vi_article, sentences=1), "vi")) == 1


news_sentence = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from("Hà Nội đoàn đại biểu hội đàm the talks Laos 2024 0:00 . , — Ảnh:".split()), max_size=25).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(news_sentence, max_size=14), st.integers(1, 16), st.sampled_from(["vi", "en"]))
def test_property_sorted_unique_in_range(sentences, n, lang):
    picked = select_sentences(sentences, lang, n)
    assert picked == sorted(set(picked))
    assert all(0 <= i < len(sentences) for i in picked)
    distinct = {" ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", s).lower())) for s in sentences}
    assert len(picked) == min(n, len(distinct))  # an exact repeat is never picked
    assert len({" ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", sentences[i]).lower())) for i in picked}) == len(picked)


def test_imports_no_torch_or_transformers(vi_article):
    code = textwrap.dedent(
        """
        import sys
        import vnsum.summarizers.extractive as e
        text = sys.stdin.read()
        assert e.summarize(text, sentences=2)
        print(sorted(m for m in ("torch", "transformers", "sklearn", "networkx") if m in sys.modules))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], input=vi_article, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# The learned ranker (issue 16): its weights file, its features, and the rules it never overrides.


def test_weights_file_loads_with_the_expected_features():
    import json

    from vnsum.summarizers.features import FEATURES, WEIGHTS, load_ranker

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert {"lead", "central", "title_sim", "first_sim", "digits", "names", "quote", "repeat"} <= set(FEATURES)
    ranker = load_ranker()
    assert ranker.coef.shape == (len(FEATURES),) and ranker.quad.shape == (len(FEATURES),) * 2
    assert ranker.redundancy >= 0 and (ranker.scale > 0).all()
    assert "train" in data["trained_on"]


def test_stale_weights_file_is_refused(tmp_path):
    import json

    from vnsum.summarizers.features import WEIGHTS, load_ranker

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    data["features"] = data["features"][::-1]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        load_ranker(path)


def test_features_see_the_title_line_and_flag_fragments():
    from vnsum.summarizers.features import FEATURES, sentence_features

    sentences = [
        "Khởi tố kẻ giết tài xế taxi ở Mỹ Đình",
        "Cơ quan cảnh sát điều tra Công an quận Nam Từ Liêm vừa khởi tố bị can đối với kẻ giết tài xế taxi ở Mỹ Đình.",
        "Ảnh: Báo Công an Nhân dân.",
        "Nạn nhân là anh Nguyễn Văn D., lái xe taxi của hãng Linh Anh, trú tại Sóc Sơn, Hà Nội.",
    ]
    x, prose, _, _ = sentence_features(sentences, "vi")
    assert prose.tolist() == [False, True, False, True]
    title_sim = x[:, FEATURES.index("title_sim")]
    assert title_sim[1] > title_sim[3] > 0 or title_sim[1] > 0.3
    assert x[1, FEATURES.index("first")] == 1 and x[3, FEATURES.index("second")] == 1


CAPTIONED = [
    "Cảnh sát giao thông xử lý xe khách vi phạm",
    "Sáng 24/8, Công an quận 12, TP. HCM kiểm tra một xe khách chở quá số người quy định trên quốc lộ 1A.",
    "Ảnh: Báo Công an.",
    "Xe khách chở quá số người quy định trên quốc lộ 1A bị Công an quận 12 kiểm tra (Ảnh: CAND).",
    "Tài xế Nguyễn Văn T. khai nhận đã đón thêm khách dọc đường để tăng thu nhập.",
    "Theo PV.",
    "Công an quận 12 đã lập biên bản và tạm giữ phương tiện để xử lý theo quy định.",
]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_captions_credits_and_headline_never_chosen_while_prose_is_left(n):
    picked = select_sentences(CAPTIONED, "vi", n)
    assert not {0, 2, 3, 5} & set(picked)
    assert picked == sorted(picked) and len(picked) == n
    assert {1, 4, 6} <= set(select_sentences(CAPTIONED, "vi", 4))  # prose first, then one fragment


def test_english_captions_and_bylines_are_not_chosen():
    sentences = [
        "Police arrest taxi driver's killer in Hà Nội",
        "HÀ NỘI — Police in Nam Từ Liêm District on Monday charged a 19-year-old man with the murder of a taxi driver.",
        "Photo: VNA.",
        "The victim, a driver for Linh Anh taxi company, was found near Mỹ Đình Stadium.",
        "The suspect told police he needed money to play online games.",
        "— VNS",
    ]
    for n in (1, 2, 3):
        assert not {0, 2, 5} & set(select_sentences(sentences, "en", n))


def test_a_long_article_is_ranked_in_linear_time(vi_article):
    import time

    from vnsum.summarizers.extractive import article_units

    prose = [s for s in article_units(vi_article, "vi") if s.endswith(".")]
    small = [f"{s[:-1]} số {i}." for i in range(40) for s in prose]
    large = [f"{s[:-1]} số {i}." for i in range(400) for s in prose]
    times = []
    for units in (small, large):
        t = time.perf_counter()
        select_sentences(units, "vi", 3)
        times.append(time.perf_counter() - t)
    assert times[1] < 30 * times[0] + 0.5  # 10× the sentences: far from 100× the time
