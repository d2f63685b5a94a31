"""Sentence segmentation on real Vietnamese and English news text."""

from __future__ import annotations

import pytest
from conftest import squash
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsum.segment import sentence_spans, split_sentences

# --- Vietnamese ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ông đến TP.HCM hôm qua. Ông ở TP. Hồ Chí Minh ba ngày.",
            ["Ông đến TP.HCM hôm qua.", "Ông ở TP. Hồ Chí Minh ba ngày."],
        ),
        (
            "PGS.TS. Nguyễn Văn A và GS. Trần Văn C dự họp. Dự án trị giá 1.500 tỷ đồng, tăng 3,5% so với năm trước.",
            ["PGS.TS. Nguyễn Văn A và GS. Trần Văn C dự họp.", "Dự án trị giá 1.500 tỷ đồng, tăng 3,5% so với năm trước."],
        ),
        (
            "Ngày 15/7, đoàn đến Hà Nội. Ngày 17/7/2024, đoàn về nước.",
            ["Ngày 15/7, đoàn đến Hà Nội.", "Ngày 17/7/2024, đoàn về nước."],
        ),
        (
            "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Cộng sản Việt Nam hội đàm với Đoàn đại biểu "
            "Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào. Ảnh: dangcongsan.vn",
            [
                "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Cộng sản Việt Nam hội đàm với Đoàn đại biểu "
                "Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào.",
                "Ảnh: dangcongsan.vn",
            ],
        ),
        ("Họ đã chờ rất lâu... Cuối cùng đoàn đến.", ["Họ đã chờ rất lâu...", "Cuối cùng đoàn đến."]),
        ("Họ đã chờ rất lâu… Cuối cùng đoàn đến.", ["Họ đã chờ rất lâu…", "Cuối cùng đoàn đến."]),
    ],
)
def test_vietnamese_abbreviations_numbers_and_domains(text, expected):
    assert split_sentences(text, "vi") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ông đến TP.HCM hôm qua và làm việc với lãnh đạo thành phố.",
        "Đoàn đã làm việc tại TP. Hồ Chí Minh trong ba ngày.",
        "PGS.TS. Nguyễn Văn A phát biểu tại hội thảo.",
        "GS. Trần Văn C cho biết kết quả nghiên cứu rất khả quan.",
        "Tổng vốn đầu tư là 1.500 tỷ đồng, tăng 3,5% so với cùng kỳ.",
        "Từ ngày 15/7 đến ngày 17/7/2024, đoàn làm việc tại Việt Nam.",
        "Thông tin chi tiết được đăng trên dangcongsan.vn và các báo khác.",
    ],
)
def test_vietnamese_no_false_split(text):
    assert split_sentences(text, "vi") == [text]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Ông nói: “Chúng tôi rất vui.” Sau đó ông về nước.", "Ông nói: “Chúng tôi rất vui.”"),
        ('Ông nói: "Chúng tôi rất vui." Sau đó ông về nước.', 'Ông nói: "Chúng tôi rất vui."'),
        ("Bà hỏi: “Khi nào đoàn đến?” Ông trả lời ngay.", "Bà hỏi: “Khi nào đoàn đến?”"),
    ],
)
def test_closing_quote_stays_with_its_sentence(text, first):
    sentences = split_sentences(text, "vi")
    assert len(sentences) == 2
    assert sentences[0] == first
    assert sentences[0][-1] in '”"'
    assert not sentences[1].startswith(("”", '"'))


def test_opening_quote_starts_the_next_sentence():
    text = 'Ông về nước. "Chúng tôi rất vui," ông nói.'
    assert split_sentences(text, "vi") == ["Ông về nước.", '"Chúng tôi rất vui," ông nói.']


@pytest.mark.parametrize(
    "text",
    [
        "Ông hỏi: “Có ai không?” rồi bước vào phòng.",
        'Ông hỏi: "Có ai không?" rồi bước vào phòng.',
        "Bà kêu lên: “Trời ơi!” và ngồi xuống ghế.",
    ],
)
def test_question_or_exclamation_in_quote_before_lowercase_does_not_split(text):
    assert split_sentences(text, "vi") == [text]


def test_vietnamese_sample_paragraph():
    text = (
        "Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương, đồng chí Lê Hoài Trung, Bí thư Trung ương Đảng, "
        "Trưởng ban Đối ngoại Trung ương thân mật tiếp Đoàn. Đồng chí Valaxay Lengsavad chúc mừng những "
        "thành tựu quan trọng Việt Nam đạt được thời gian qua."
    )
    sentences = split_sentences(text, "vi")
    assert len(sentences) == 2
    assert sentences[0].endswith("thân mật tiếp Đoàn.")
    assert sentences[1].startswith("Đồng chí Valaxay")


# --- English ------------------------------------------------------------------------


def test_english_abbreviations():
    text = "Mr. Trần Cẩm Tú met the U.S. delegation in Hà Nội on Dec. 4. The trip ran from December 3-6."
    assert split_sentences(text, "en") == [
        "Mr. Trần Cẩm Tú met the U.S. delegation in Hà Nội on Dec. 4.",
        "The trip ran from December 3-6.",
    ]


def test_english_sample_paragraph_two_sentences(en_article):
    paragraph = next(line for line in en_article.splitlines() if line.startswith("Both sides agreed"))
    sentences = split_sentences(paragraph, "en")
    assert len(sentences) == 2
    assert sentences[0].startswith("Both sides agreed")
    assert sentences[0].endswith("socio-economic development.")
    assert sentences[1] == "They were also committed to sharing theoretical knowledge and experiences in the Party building work."


def test_english_sample_single_sentence_paragraph(en_article):
    paragraph = next(line for line in en_article.splitlines() if line.startswith("Tú, who is also"))
    assert split_sentences(paragraph, "en") == [paragraph]


def test_english_curly_quote_stays_with_sentence():
    text = "He said: “We are very pleased.” Then he returned home."
    assert split_sentences(text, "en") == ["He said: “We are very pleased.”", "Then he returned home."]


# --- Both samples: exact slices, nothing lost ------------------------------------------


def _check_line(line: str, lang: str) -> list[str]:
    sentences = split_sentences(line, lang)
    pos = 0
    for sentence in sentences:
        assert sentence
        assert sentence == sentence.strip()
        found = line.find(sentence, pos)
        assert found >= 0, f"not an in-order slice: {sentence!r}"
        assert not line[pos:found].strip(), f"text skipped before {sentence!r}"
        pos = found + len(sentence)
    assert not line[pos:].strip()
    assert squash("".join(sentences)) == squash(line)
    return sentences


@pytest.mark.parametrize(("fixture", "lang", "expected"), [("vi_article", "vi", 17), ("en_article", "en", 12)])
def test_samples_sentences_are_exact_slices(request, fixture, lang, expected):
    article = request.getfixturevalue(fixture)
    total = 0
    for line in article.splitlines():
        if line.strip():
            total += len(_check_line(line, lang))
    assert total == expected  # 11 vi lines (6 with two sentences), 10 en lines (2 with two)


def test_vi_sample_counts(vi_article):
    lines = [line for line in vi_article.splitlines() if line.strip()]
    captions = [line for line in lines if line.endswith("Ảnh: dangcongsan.vn")]
    assert len(captions) == 2
    for caption in captions:
        sentences = split_sentences(caption, "vi")
        assert sentences[-1] == "Ảnh: dangcongsan.vn"
        assert len(sentences) == 2


def test_empty_and_blank():
    assert split_sentences("", "vi") == []
    assert sentence_spans("  \n ", "en") == []


# --- Properties ---------------------------------------------------------------------

_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
    "fjwzFJWZ0123456789"
    "   \n"
    ".!?…,;:\"“”'()-"
)

_WORDS = ["TP.HCM", "TP.", "PGS.TS.", "GS.", "Mr.", "U.S.", "Dec.", "1.500", "3,5%", "17/7/2024", "dangcongsan.vn", "...", "Ông", "nói"]

_texts = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=200),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_ALPHABET, max_size=8)), max_size=30).map(" ".join),
)


def _check_spans(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    if not text.strip():
        assert spans == []
        return
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    for (_, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert b == c
    assert all(a < b for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text
    assert squash("".join(split_sentences(text, lang))) == squash(text)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_property_spans_cover_text_vi(text):
    _check_spans(text, "vi")


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_property_spans_cover_text_en(text):
    _check_spans(text, "en")
