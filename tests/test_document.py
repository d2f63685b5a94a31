"""Paragraph splitting and passthrough detection on real scraped news."""

from __future__ import annotations

import pytest
from conftest import squash
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsum.document import is_passthrough, split_paragraphs

CAPTION = (
    "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Cộng sản Việt Nam hội đàm với Đoàn đại biểu "
    "Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào. Ảnh: dangcongsan.vn"
)


@pytest.mark.parametrize(
    "line",
    [
        "0:00 / 0:00",
        "0:00",
        "https://dangcongsan.vn/abc",
        "  https://dangcongsan.vn/abc  ",
        "www.vietnamnews.vn",
        "17/7/2024",
        "date 2024-12-04",
        " date 2024-12-04",
        "* * *",
        "---",
        "12:30 17/7/2024",
    ],
)
def test_passthrough_lines(line):
    assert is_passthrough(line)


@pytest.mark.parametrize(
    "line",
    [
        "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào",
        "Ảnh: dangcongsan.vn",
        CAPTION,
        "Hai bên thông báo cho nhau về tình hình mỗi Đảng.",
        "Both sides agreed to effectively realise the high-level Việt Nam-Laos agreement.",
        "He also thanked the Vietnamese Party, State and people for their great, timely and effective support.",
        "Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương, đồng chí Lê Hoài Trung thân mật tiếp Đoàn.",
        "— VNS",
        # A heading of one word and a plain number is prose to translate, not a date.
        "Chương 3",
        "Điều 5",
    ],
)
def test_prose_is_not_passthrough(line):
    assert not is_passthrough(line)


# --- The Vietnamese sample ------------------------------------------------------------


def test_vi_sample_structure(vi_article):
    paragraphs = split_paragraphs(vi_article)
    nonblank = [line for line in vi_article.split("\n") if line.strip()]
    # No line of the sample is hard-wrapped: one paragraph per non-empty line, in order.
    assert [p.text for p in paragraphs] == nonblank

    title = paragraphs[0]
    assert title.text == "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào"
    assert title.kind == "text"
    assert title.newlines_before == 0

    # The title is followed by a blank line; the lead is then directly followed by the player.
    assert paragraphs[1].newlines_before == 2
    assert paragraphs[1].text.startswith("Nhận lời mời")
    assert [(p.text, p.kind, p.newlines_before) for p in paragraphs[2:4]] == [
        ("0:00 / 0:00", "passthrough", 1),
        ("0:00", "passthrough", 1),
    ]

    # The duplicated caption stays twice: nothing is deduplicated or dropped.
    captions = [p for p in paragraphs if p.text == CAPTION]
    assert len(captions) == 2
    assert all(p.kind == "text" and p.newlines_before == 1 for p in captions)
    assert paragraphs[4].text == paragraphs[5].text == CAPTION

    assert paragraphs[6].text.startswith("Ngày 16/7")
    assert paragraphs[6].newlines_before == 2
    assert [p.kind for p in paragraphs].count("passthrough") == 2


def test_en_sample_structure(en_article):
    paragraphs = split_paragraphs(en_article)
    assert len(paragraphs) == 10
    assert all(p.kind == "text" for p in paragraphs)
    assert paragraphs[0].newlines_before == 0
    assert all(p.newlines_before == 2 for p in paragraphs[1:])
    assert paragraphs[-1].text.endswith("— VNS")


@pytest.mark.parametrize("fixture", ["vi_article", "en_article"])
def test_samples_nothing_lost(request, fixture):
    text = request.getfixturevalue(fixture)
    assert squash("".join(p.text for p in split_paragraphs(text))) == squash(text)


# --- Hard wraps -----------------------------------------------------------------------


def test_hard_wrapped_prose_is_joined():
    text = (
        "Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước,\n"
        "quan hệ Việt Nam-Lào cũng như hợp tác giữa hai Ban Đối ngoại Trung ương\n"
        "của hai Đảng và một số nội dung hai bên cùng quan tâm.\n"
        "\n"
        "Trước đó, hai Đoàn đã hội đàm."
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[0].text == "\n".join(text.split("\n")[:3])
    assert paragraphs[0].newlines_before == 0
    assert paragraphs[1].text == "Trước đó, hai Đoàn đã hội đàm."
    assert paragraphs[1].newlines_before == 2


def test_english_hard_wrap_is_joined():
    text = "Both sides agreed to effectively realise the high-level\nViệt Nam-Laos agreement and continue enhancing\ncooperation."
    paragraphs = split_paragraphs(text)
    # "Việt" starts upper case: that line break stays; "cooperation" goes on in lower case.
    assert [p.text for p in paragraphs] == [
        "Both sides agreed to effectively realise the high-level",
        "Việt Nam-Laos agreement and continue enhancing\ncooperation.",
    ]


def test_sentence_end_before_uppercase_is_not_joined():
    text = "Đồng chí Lê Hoài Trung thân mật tiếp Đoàn.\nĐồng chí Valaxay Lengsavad chúc mừng Việt Nam."
    paragraphs = split_paragraphs(text)
    assert [(p.text, p.newlines_before) for p in paragraphs] == [
        ("Đồng chí Lê Hoài Trung thân mật tiếp Đoàn.", 0),
        ("Đồng chí Valaxay Lengsavad chúc mừng Việt Nam.", 1),
    ]


def test_sentence_end_before_lowercase_is_not_joined():
    text = "Hai bên hội đàm.\nđồng chí Trung tiếp Đoàn."
    assert len(split_paragraphs(text)) == 2


def test_blank_line_blocks_joining():
    text = "Hai bên thông báo cho nhau về tình hình mỗi Đảng,\n\nmỗi nước."
    assert [p.text for p in split_paragraphs(text)] == ["Hai bên thông báo cho nhau về tình hình mỗi Đảng,", "mỗi nước."]


def test_passthrough_is_never_joined():
    text = "Đoàn đại biểu đến Hà Nội ngày\n17/7/2024\nvà làm việc ba ngày."
    paragraphs = split_paragraphs(text)
    assert [(p.text, p.kind) for p in paragraphs] == [
        ("Đoàn đại biểu đến Hà Nội ngày", "text"),
        ("17/7/2024", "passthrough"),
        ("và làm việc ba ngày.", "text"),
    ]


def test_empty_text_and_blank_lines():
    assert split_paragraphs("") == []
    assert split_paragraphs("\n \n\t\n") == []
    paragraphs = split_paragraphs("\n\nTiêu đề\n\n\n\nNội dung.\n\n")
    assert [(p.text, p.newlines_before) for p in paragraphs] == [("Tiêu đề", 0), ("Nội dung.", 4)]


# --- Property -------------------------------------------------------------------------

_LINE_CHARS = "aăâđêôơưáàạếọùAĂÂĐÊÔƠƯÁẾBCHQXYZbchqxyz0123456789 \t.,:;!?/-*“”\"'()—"
_LINES = st.one_of(
    st.text(alphabet=_LINE_CHARS, max_size=40),
    st.sampled_from(["", " ", "0:00 / 0:00", "0:00", "date 2024-12-04", "https://dangcongsan.vn/abc", "* * *", "Ảnh: dangcongsan.vn"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=15))
def test_property_nothing_lost_and_layout_kept(lines):
    text = "\n".join(lines)
    paragraphs = split_paragraphs(text)
    assert squash("".join(p.text for p in paragraphs)) == squash(text)
    for p in paragraphs:
        assert p.text.strip()
        if "\n" in p.text:  # joined hard-wrapped lines are prose
            assert p.kind == "text"
        else:
            assert p.kind == ("passthrough" if is_passthrough(p.text) else "text")
    if paragraphs:
        assert paragraphs[0].newlines_before == 0
        assert all(p.newlines_before >= 1 for p in paragraphs[1:])
    # Rebuilding from newlines_before gives the text back, up to blank lines' spaces
    # and the blank lines at either end.
    rebuilt = "".join("\n" * p.newlines_before + p.text for p in paragraphs)
    expected = "\n".join(line if line.strip() else "" for line in lines).strip("\n")
    assert rebuilt == expected
