"""The output writers render a hand-built Translation faithfully in every format."""

from __future__ import annotations

import io
import json
import re

import pytest

from vnsum.result import Paragraph, Segment, Translation, TranslationStats
from vnsum.views import FORMATS, write

ESC = "\x1b"
BOX_CHARS = re.compile("[\u2500-\u257f]")

SRC_1 = "Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương, đồng chí Lê Hoài Trung tiếp thân mật Đoàn."
TGT_1 = "On July 16, at the headquarters of the Central Foreign Affairs Commission, comrade Le Hoai Trung received the delegation."
SRC_2 = "Hai bên nhất trí tăng cường hợp tác."
TGT_2 = "The two sides agreed to strengthen cooperation."
PIECES_LONG = (
    "Đồng chí Valaxay Lengsavad bày tỏ vui mừng về quan hệ đoàn kết đặc biệt",
    "Lào-Việt Nam ngày càng phát triển sâu rộng trên các lĩnh vực,",
    "nhấn mạnh hai bên phối hợp triển khai có hiệu quả thỏa thuận cấp cao.",
)
SRC_LONG = " ".join(PIECES_LONG)
TGT_LONG = (
    "Comrade Valaxay Lengsavad expressed his joy at the special solidarity "
    "between Laos and Vietnam, which is developing more and more deeply in all "
    "fields, and stressed that the two sides had effectively implemented the "
    "high-level agreements."
)
PASSTHROUGH = "0:00 / 0:00"
SRC_PIPE = "[Ảnh] Đoàn đại biểu hội đàm | Ảnh: dangcongsan.vn"
TGT_PIPE = "[Photo] The delegations held talks | Photo: dangcongsan.vn"
WARNING = "1 sentence hit the model's output length limit; its translation may be cut."
MODEL = "Helsinki-NLP/opus-mt-vi-en"


def make_translation(warnings: tuple[str, ...] = (WARNING,)) -> Translation:
    first = (Segment(SRC_1, TGT_1, (SRC_1,)), Segment(SRC_2, TGT_2, (SRC_2,)))
    paragraphs = (
        Paragraph("text", first),
        Paragraph("passthrough", (Segment(PASSTHROUGH, PASSTHROUGH),), 1),
        Paragraph("text", (Segment(SRC_LONG, TGT_LONG, PIECES_LONG),), 2),
        Paragraph("text", (Segment(SRC_PIPE, TGT_PIPE, (SRC_PIPE,)),), 2),
    )
    stats = TranslationStats(
        sentences=4,
        pieces=6,
        split_sentences=1,
        unique_pieces=6,
        model_calls=2,
        seconds=1.25,
    )
    return Translation(
        source_lang="vi",
        target_lang="en",
        model=MODEL,
        paragraphs=paragraphs,
        stats=stats,
        source_name="vi-lao-party-delegation.txt",
        max_input_tokens=512,
        warnings=warnings,
    )


def one_segment(segment: Segment) -> Translation:
    """A one-sentence document read from stdin, for edge cases."""
    stats = TranslationStats(1, 1, 0, 1, 1, 0.5)
    return Translation("vi", "en", MODEL, (Paragraph("text", (segment,)),), stats)


def render(fmt: str, translation: Translation | None = None, **kw) -> str:
    stream = io.StringIO()
    write(translation or make_translation(), fmt, stream, **kw)
    return stream.getvalue()


def words(*texts: str) -> set[str]:
    return {w for t in texts for w in t.split()}


def assert_all_words(out: str, *texts: str) -> None:
    """Rich wraps lines, so check that every word survives rather than whole strings."""
    found = words(out)
    missing = words(*texts) - found
    assert not missing, f"missing words: {sorted(missing)}"


ALL_TEXT = (SRC_1, TGT_1, SRC_2, TGT_2, SRC_LONG, TGT_LONG, PASSTHROUGH)
ALL_TEXT += (SRC_PIPE, TGT_PIPE)


# ------------------------------------------------------------------------- dispatch


def test_formats_names():
    assert FORMATS == ("view", "text", "json", "markdown")


def test_unknown_format_names_valid_ones():
    with pytest.raises(ValueError) as err:
        render("html")
    for fmt in FORMATS:
        assert fmt in str(err.value)


# ----------------------------------------------------------------------------- text


def test_text_is_translation_text_only():
    t = make_translation()
    out = render("text", t, color=True, width=40)
    assert out == t.text + "\n"
    assert ESC not in out
    assert not BOX_CHARS.search(out)
    assert "\n\n" in out  # the blank line between paragraphs is kept
    assert WARNING not in out


# ----------------------------------------------------------------------------- json


def test_json_round_trips_and_keeps_vietnamese_readable():
    t = make_translation()
    out = render("json", t)
    assert out.endswith("}\n")
    assert json.loads(out) == t.to_dict()
    assert "Đối ngoại" in out
    assert "\\u" not in out


# ------------------------------------------------------------------------- markdown


def table_rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("|")]


def test_markdown_header_and_rows():
    t = make_translation()
    out = render("markdown", t)
    assert out.startswith("# vi-lao-party-delegation.txt\n")
    assert "vi → en" in out and MODEL in out and "4 sentences" in out and "1.25" in out
    rows = table_rows(out)
    assert rows[0] == "| Source (vi) | Translation (en) |"
    assert len(rows) == 2 + len(t.segments)  # header + separator + one per segment


def test_markdown_cells_are_safe_and_annotated():
    out = render("markdown")
    for row in table_rows(out):
        assert len(re.findall(r"(?<!\\)\|", row)) == 3  # exactly two cells
    assert "Đoàn đại biểu hội đàm \\| Ảnh" in out
    assert f"| _{PASSTHROUGH}_ | _{PASSTHROUGH}_ |" in out
    assert "(split into 3 pieces)" in out
    assert out.rstrip().endswith(f"- {WARNING}")


def test_markdown_newlines_become_spaces_and_stdin_title():
    t = one_segment(Segment("Dòng một\ndòng hai", "Line one\nline two", ("x",)))
    out = render("markdown", t)
    assert out.startswith("# stdin\n")
    assert "| Dòng một dòng hai | Line one line two |" in out
    assert "Warnings" not in out


# ----------------------------------------------------------------------------- view


def test_view_wide_has_everything():
    out = render("view", width=120)
    assert_all_words(out, *ALL_TEXT)
    for fact in ("vi-lao-party-delegation.txt", "vi → en", MODEL, "Sentences", "512"):
        assert fact in out
    assert re.search(r"Sentences\s+4", out)
    assert re.search(r"Split\s+1 of 4 \(input budget 512 tokens\)", out)
    assert "✂ split into 3 pieces" in out
    assert "[Ảnh]" in out and "[Photo]" in out
    assert WARNING.split()[-1] in out


def test_view_wide_is_side_by_side():
    out = render("view", width=120)
    line = next(line for line in out.splitlines() if "Ngày" in line)
    assert "On July" in line  # source and translation share a row
    assert "│" in line


def test_view_narrow_stacks():
    out = render("view", width=60)
    assert all(len(line) <= 60 for line in out.splitlines())
    assert_all_words(out, *ALL_TEXT)
    assert "✂ split into 3 pieces" in out
    lines = out.splitlines()
    src = next(i for i, line in enumerate(lines) if "Ngày" in line)
    tgt = next(i for i, line in enumerate(lines) if "On July" in line)
    assert tgt > src
    assert "Ngày" not in lines[tgt]
    assert not any("Ngày" in line and "│" in line for line in lines)


def test_view_narrow_long_words_are_folded_not_cut():
    long_word = "https://dangcongsan.vn/" + "x" * 120
    t = one_segment(Segment(long_word, long_word, (long_word,)))
    out = render("view", t, width=40)
    assert "…" not in out
    assert "".join(out.split()).count(long_word) >= 2


def test_view_marks_empty_translation():
    t = one_segment(Segment(SRC_2, "", (SRC_2,)))
    for width in (120, 60):
        assert "[no output]" in render("view", t, width=width)


def test_view_color_switch():
    plain = render("view", width=100)
    assert ESC not in plain
    assert ESC in render("view", width=100, color=True)


def test_view_color_honours_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = render("view", one_segment(Segment(SRC_2, "", (SRC_2,))), color=True)
    params = re.findall(r"\x1b\[([0-9;]*)m", out)
    assert params  # bold/dim/italic stay
    codes = {int(c) for p in params for c in p.split(";") if c}
    assert not codes & ({*range(30, 39), *range(90, 98)})


def test_view_without_warnings_prints_none():
    out = render("view", make_translation(warnings=()), width=100)
    assert "⚠" not in out
