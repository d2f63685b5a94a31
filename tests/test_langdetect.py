"""Telling Vietnamese from English news, names with diacritics included."""

from __future__ import annotations

import unicodedata

import pytest

from vnsum.errors import InputError
from vnsum.langdetect import detect_language, other_language


def test_samples(vi_article, en_article):
    assert detect_language(vi_article) == "vi"
    assert detect_language(en_article) == "en"


def test_each_sample_paragraph(vi_article, en_article):
    """Every prose line of each sample is recognised on its own, not only the whole article."""
    for article, lang in ((vi_article, "vi"), (en_article, "en")):
        for line in article.splitlines():
            if len(line.split()) > 3:  # skip "0:00" and the like
                assert detect_language(line) == lang, line


@pytest.mark.parametrize(
    "text",
    [
        "HÀ NỘI — Trần Cẩm Tú held talks with Bounthong Chitmany in Hà Nội on Wednesday.",
        "HÀ NỘI — Politburo member Trần Cẩm Tú held talks with Lê Hoài Trung, Nguyễn Minh Tâm and Lê Minh Hưng.",
        "Politburo member Lê Minh Hưng",
        "Việt Nam-Laos agreement",
        "Vietnam News Agency",
    ],
)
def test_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Hai bên thông báo cho nhau về tình hình mỗi Đảng.",
        "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào",
        "Ban Đối ngoại Trung ương",
        "Bộ Ngoại giao",
        "Đồng chí Valaxay Lengsavad chúc mừng Việt Nam",
        # Vietnamese that quotes English names still reads as Vietnamese.
        "Đồng chí Bounthong Chitmany, Phó Chủ tịch nước Lào, đã làm việc với Vietnam News Agency.",
    ],
)
def test_vietnamese(text):
    assert detect_language(text) == "vi"


def test_upper_case_vietnamese():
    assert detect_language("HAI BÊN THÔNG BÁO CHO NHAU VỀ TÌNH HÌNH MỖI ĐẢNG") == "vi"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hai bên thông báo cho nhau về tình hình mỗi Đảng.", "vi"),
        ("Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào", "vi"),
        ("Politburo member Lê Minh Hưng", "en"),
    ],
)
def test_decomposed_text(text, lang):
    """Text pasted from macOS can be NFD: the accents are separate code points."""
    assert detect_language(unicodedata.normalize("NFD", text)) == lang


@pytest.mark.parametrize("text", ["0:00 / 0:00", "", "   \n", "17/7/2024 — 12:30", "* * *"])
def test_no_words_raises(text):
    with pytest.raises(InputError):
        detect_language(text)


def test_other_language():
    assert other_language("vi") == "en"
    assert other_language("en") == "vi"
    with pytest.raises(KeyError):
        other_language("fr")
