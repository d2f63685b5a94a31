"""The writers render a hand-built Summary faithfully in every format, and ``write``
tells a Summary from a Translation."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from vnsum.result import Paragraph, Segment, Translation, TranslationStats
from vnsum.summary import Summary, SummarySentence, SummaryStats
from vnsum.views import FORMATS, write

ESC = "\x1b"
BOX_CHARS = re.compile("[\u2500-\u257f]")
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "vi-lao-party-delegation.txt"

# The article's sentences, verbatim from the sample; evidence indices count these.
ARTICLE = (
    "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào",
    "Nhận lời mời của Ban Đối ngoại Trung ương Đảng ta, Đoàn đại biểu Ban Đối ngoại Trung ương "
    "Đảng Nhân dân Cách mạng Lào do đồng chí Valaxay Lengsavad, Phó Trưởng ban dẫn đầu thăm và "
    "làm việc tại Việt Nam từ ngày 15 đến 17/7.",
    "0:00 / 0:00",
    "Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương, đồng chí Lê Hoài Trung, Bí thư Trung ương "
    "Đảng, Trưởng ban Đối ngoại Trung ương thân mật tiếp Đoàn.",
    "Đồng chí Valaxay Lengsavad bày tỏ vui mừng về quan hệ đoàn kết đặc biệt Lào-Việt Nam ngày "
    "càng phát triển sâu rộng trên các lĩnh vực, nhấn mạnh vừa qua hai bên phối hợp triển khai có "
    "hiệu quả thỏa thuận giữa lãnh đạo cấp cao hai Đảng, hai nước, trong đó có việc tổ chức tốt "
    "các chuyến thăm của lãnh đạo cấp cao hai Đảng, hai nước, nhất là chuyến thăm cấp Nhà nước "
    "đến Lào vừa qua của Chủ tịch nước Tô Lâm.",
    "Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước, quan hệ Việt Nam-Lào cũng như "
    "hợp tác giữa hai Ban Đối ngoại Trung ương của hai Đảng và một số nội dung hai bên cùng quan tâm.",
)

EN_1 = "Vietnam and Laos agreed to deepen their special solidarity."
VI_1 = "Việt Nam và Lào nhất trí vun đắp quan hệ đoàn kết đặc biệt."
EN_2 = "On July 16, 2025, Le Hoai Trung received the Lao delegation in Hanoi."
VI_2 = "Ngày 16/7/2025, đồng chí Lê Hoài Trung tiếp Đoàn đại biểu Lào tại Hà Nội."
EN_3 = "The delegation visited Vietnam from July 15 to 17."
VI_3 = "Đoàn thăm và làm việc tại Việt Nam từ ngày 15 đến 17/7."
UNSUPPORTED = ("2025", "Hà Nội")

MODEL = "VietAI/vit5-base-vietnews-summarization"
MT_MODEL = "Helsinki-NLP/opus-mt-vi-en"
PROMPT = "Tóm tắt bài báo sau trong 3 câu, chỉ dùng thông tin có trong bài:\n\n" + ARTICLE[3]
WARNING = "The article was cut into 3 pieces; the summary was built in 2 rounds."


def make_summary(**changes) -> Summary:
    summary = Summary(
        source_lang="vi",
        target_lang="en",
        method="abstractive",
        strategy="summarize-first",
        model=MODEL,
        sentences=(
            SummarySentence(EN_1, VI_1, evidence=(5, 0)),
            SummarySentence(EN_2, VI_2, evidence=(3,), unsupported=UNSUPPORTED),
            SummarySentence(EN_3, VI_3, evidence=(1,)),
        ),
        source_sentences=ARTICLE,
        stats=SummaryStats(pieces=3, rounds=2, seconds=4.2, load_seconds=1.0, model_calls=5),
        source_name="vi-lao-party-delegation.txt",
        translation_model=MT_MODEL,
        prompt=PROMPT,
        warnings=(WARNING,),
    )
    return dataclasses.replace(summary, **changes)


def make_extractive() -> Summary:
    """Same language both sides: the summary sentences are article sentences."""
    return Summary(
        source_lang="vi",
        target_lang="vi",
        method="extractive",
        strategy="summarize-first",
        model=None,
        sentences=(
            SummarySentence(ARTICLE[3], ARTICLE[3], evidence=(3,)),
            SummarySentence(ARTICLE[5], ARTICLE[5], evidence=(5,)),
        ),
        source_sentences=ARTICLE,
        stats=SummaryStats(pieces=1, rounds=1, seconds=0.05),
    )


def make_translation() -> Translation:
    segment = Segment(ARTICLE[3], "On July 16, comrade Le Hoai Trung received the delegation.", (ARTICLE[3],))
    stats = TranslationStats(1, 1, 0, 1, 1, 0.5)
    return Translation("vi", "en", MT_MODEL, (Paragraph("text", (segment,)),), stats)


def render(fmt: str, result: Summary | Translation | None = None, **kw) -> str:
    stream = io.StringIO()
    write(result if result is not None else make_summary(), fmt, stream, **kw)
    return stream.getvalue()


def words(*texts: str) -> set[str]:
    return {w for t in texts for w in t.split()}


def assert_all_words(out: str, *texts: str) -> None:
    """Rich wraps lines, so check that every word survives rather than whole strings."""
    missing = words(*texts) - words(out)
    assert not missing, f"missing words: {sorted(missing)}"


SUMMARY_TEXT = (EN_1, EN_2, EN_3, VI_1, VI_2, VI_3)
EVIDENCE_TEXT = (ARTICLE[0], ARTICLE[1], ARTICLE[3], ARTICLE[5])


def test_fixture_text_is_real():
    sample = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    for sentence in ARTICLE:
        assert sentence in sample


# ------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_summary(fmt):
    out = render(fmt, width=100)
    assert out.endswith("\n")
    assert EN_1.split()[0] in out


def test_unknown_format_names_valid_ones():
    with pytest.raises(ValueError) as err:
        render("html")
    for fmt in FORMATS:
        assert fmt in str(err.value)


def test_other_result_types_are_refused():
    with pytest.raises(TypeError):
        render("text", "just a string")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_dispatches_on_the_result_type(fmt):
    translation, summary = make_translation(), make_summary()
    t_out, s_out = render(fmt, translation, width=120), render(fmt, summary, width=120)
    assert t_out != s_out
    assert "Le Hoai Trung received the delegation" in " ".join(t_out.split())
    assert "Vietnam" not in t_out
    if fmt == "view":  # the view wraps lines, so compare words
        assert words(EN_1) <= words(s_out)
    else:
        assert EN_1 in s_out
    if fmt == "json":
        assert json.loads(t_out) == translation.to_dict()
        assert json.loads(s_out) == summary.to_dict()
    if fmt == "text":
        assert (t_out, s_out) == (translation.text + "\n", summary.text + "\n")


# ----------------------------------------------------------------------------- text


def test_text_is_the_summary_only():
    s = make_summary()
    out = render("text", s, color=True, width=40)
    assert out == s.text + "\n"
    assert out == f"{EN_1} {EN_2} {EN_3}\n"
    assert ESC not in out
    assert not BOX_CHARS.search(out)
    for absent in (VI_1, ARTICLE[3], WARNING, "unsupported", "Tóm tắt"):
        assert absent not in out


# ----------------------------------------------------------------------------- json


def test_json_round_trips_and_keeps_vietnamese_readable():
    s = make_summary()
    out = render("json", s)
    assert out.endswith("}\n")
    assert json.loads(out) == s.to_dict()
    assert "Đối ngoại" in out and VI_2 in out
    assert "\\u" not in out


# ------------------------------------------------------------------------- markdown


def item_lines(out: str) -> dict[int, int]:
    """Line index of each top-level numbered item."""
    return {int(m.group(1)): i for i, line in enumerate(out.splitlines()) if (m := re.match(r"(\d+)\. ", line))}


def test_markdown_header():
    out = render("markdown")
    assert out.startswith("# vi-lao-party-delegation.txt\n")
    header = out.splitlines()[2]
    for fact in ("vi → en", "abstractive", "summarize-first", MODEL, MT_MODEL, "3 pieces", "2 rounds", "4.20 s"):
        assert fact in header


def test_markdown_numbered_items_with_source_and_evidence():
    out = render("markdown")
    lines = out.splitlines()
    items = item_lines(out)
    assert list(items) == [1, 2, 3]
    assert [lines[items[n]] for n in (1, 2, 3)] == [f"1. {EN_1}", f"2. {EN_2}", f"3. {EN_3}"]
    assert f"   _vi:_ {VI_1}" in lines
    for i in (5, 0, 3, 1):
        assert f"   > [{i}] {ARTICLE[i]}" in lines
    # evidence sits under its own item, best first
    assert items[1] < lines.index(f"   > [5] {ARTICLE[5]}") < lines.index(f"   > [0] {ARTICLE[0]}") < items[2]
    assert items[2] < lines.index(f"   > [3] {ARTICLE[3]}") < items[3]


def test_markdown_flags_unsupported_under_its_item():
    out = render("markdown")
    lines = out.splitlines()
    items = item_lines(out)
    marked = [i for i, line in enumerate(lines) if "⚠ unsupported: 2025, Hà Nội" in line]
    assert len(marked) == 1
    assert items[2] < marked[0] < items[3]


def test_markdown_prompt_block_and_warnings():
    out = render("markdown")
    assert "<details>" in out and "<summary>Prompt</summary>" in out
    assert f"```\n{PROMPT}\n```" in out
    assert out.rstrip().endswith(f"- {WARNING}")
    assert out.index("## Warnings") > out.index("</details>")


def test_markdown_without_prompt_or_warnings():
    out = render("markdown", make_summary(prompt=None, warnings=()))
    assert "<details>" not in out and "Prompt" not in out and "```" not in out
    assert "Warnings" not in out


def test_markdown_fence_survives_backticks_in_prompt():
    prompt = "Trả lời theo mẫu:\n```\n1. ...\n```"
    out = render("markdown", make_summary(prompt=prompt))
    assert f"````\n{prompt}\n````" in out


def test_markdown_same_language_and_stdin():
    out = render("markdown", make_extractive())
    assert out.startswith("# stdin\n")
    header = out.splitlines()[2]
    assert "vi → vi" in header and "extractive" in header and "no model" in header
    assert "translation model" not in header
    assert "_vi:_" not in out  # source_text equals text: nothing to add
    assert f"1. {ARTICLE[3]}" in out and "   > [3] (this very sentence of the article)" in out
    assert out.count(ARTICLE[3]) == 1  # not repeated as its own evidence
    assert "unsupported" not in out


# ----------------------------------------------------------------------------- view


def test_view_wide_has_everything():
    out = render("view", width=120)
    assert_all_words(out, *SUMMARY_TEXT, *EVIDENCE_TEXT, WARNING)
    for fact in ("vi-lao-party-delegation.txt", "vi → en", "abstractive", "summarize-first", MODEL, MT_MODEL, "4.20 s"):
        assert fact in out
    assert re.search(r"Pieces\s+3 pieces, 2 rounds", out)
    assert "…" not in out


def test_view_wide_is_side_by_side():
    out = render("view", width=120)
    lines = out.splitlines()
    first = next(line for line in lines if "Vietnam and Laos" in line)
    assert "Việt Nam và Lào" in first and "│" in first
    assert re.match(r"\s*1\.", first)
    assert "Summary (en)" in out and "Source (vi)" in out


def test_view_shows_evidence_with_indices_and_unsupported():
    out = render("view", width=120)
    lines = out.splitlines()
    for i in (5, 0, 3, 1):
        line = next(line for line in lines if f"[{i}]" in line)
        assert ARTICLE[i].split()[0] in line
    marker = next(i for i, line in enumerate(lines) if "⚠ unsupported: 2025, Hà Nội" in line)
    sentence_2 = next(i for i, line in enumerate(lines) if "On July 16" in line)
    sentence_3 = next(i for i, line in enumerate(lines) if "The delegation visited" in line)
    assert sentence_2 < marker < sentence_3


def test_view_narrow_stacks():
    out = render("view", width=60)
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert_all_words(out, *SUMMARY_TEXT, *EVIDENCE_TEXT, WARNING)
    en = next(i for i, line in enumerate(lines) if "Vietnam and Laos" in line)
    vi = next(i for i, line in enumerate(lines) if "Việt Nam và Lào" in line)
    assert vi > en
    assert not any("│" in line for line in lines if "Vietnam" in line or "Việt Nam" in line)
    assert "⚠ unsupported: 2025, Hà Nội" in out
    assert "[5]" in out and "[3]" in out


def test_view_same_language_is_one_column():
    out = render("view", make_extractive(), width=120)
    assert "Source (" not in out
    assert "Summary (vi)" in out
    assert_all_words(out, ARTICLE[3], ARTICLE[5])
    assert "[3]" in out and "[5]" in out
    assert BOX_CHARS.sub("", "".join(out.split())).count("".join(ARTICLE[3].split())) == 1  # not repeated as its own evidence
    assert "Translation model" not in out
    assert re.search(r"Model\s+none", out)
    assert "⚠" not in out


def test_view_long_words_are_folded_not_cut():
    long_word = "https://dangcongsan.vn/" + "x" * 120
    sentences = (SummarySentence(long_word, long_word, evidence=(0,)),)
    article = (long_word,)
    # stacked (two languages, narrow) and one column (same language, wide): the folded
    # pieces of each text follow each other, so gluing the lines back gives the word
    for s, width, copies in (
        (make_summary(sentences=sentences, source_sentences=article), 40, 1),
        (dataclasses.replace(make_extractive(), sentences=sentences, source_sentences=article), 120, 1),  # its own evidence: once
    ):
        out = render("view", s, width=width)
        assert "…" not in out
        assert BOX_CHARS.sub("", "".join(out.split())).count(long_word) >= copies


def test_view_does_not_parse_markup_in_text():
    text = "[bold]Hai bên[/bold] nhất trí."
    s = make_summary(sentences=(SummarySentence(text, text),), source_sentences=(text,))
    out = render("view", s, width=100)
    assert "[bold]Hai" in out and "bên[/bold]" in out


def test_view_color_switch():
    plain = render("view", width=100)
    assert ESC not in plain
    colored = render("view", width=100, color=True)
    assert ESC in colored
    codes = {int(c) for p in re.findall(r"\x1b\[([0-9;]*)m", colored) for c in p.split(";") if c}
    assert 31 in codes  # the unsupported marker is red


def test_view_color_honours_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = render("view", width=100, color=True)
    params = re.findall(r"\x1b\[([0-9;]*)m", out)
    assert params  # bold/dim stay
    codes = {int(c) for p in params for c in p.split(";") if c}
    assert not codes & ({*range(30, 39), *range(90, 98)})


def test_view_without_warnings_prints_none():
    out = render("view", make_summary(warnings=()), width=100)
    assert WARNING.split()[-1] not in out
