"""Flags in every output format: a flagged row stands out, with its reason and a tally."""

import io
import json

from vnsum.result import Flag, Paragraph, Segment, Translation, TranslationStats
from vnsum.summary import Summary, SummarySentence, SummaryStats
from vnsum.views import write

GOOD = Segment("Hai bên thông báo cho nhau về tình hình mỗi Đảng.", "The two sides informed each other about each Party.", ("x",))
BAD = Segment(
    "Ngày 16/7, đồng chí Lê Hoài Trung tiếp thân mật Đoàn.",
    "On July 17, comrade Trung received the delegation.",
    ("x",),
    (Flag("number", "error", "16/7 (July 16) is missing; 17 is not in the source"), Flag("name", "error", "Lê Hoài Trung is missing")),
)
TRANSLATION = Translation(
    "vi",
    "en",
    "tiny",
    (Paragraph("text", (GOOD,)), Paragraph("text", (BAD,), 2)),
    TranslationStats(2, 2, 0, 2, 1, 0.5),
    source_name="lao.txt",
    check_score=50.0,
)


def render(result, fmt, width=120):
    out = io.StringIO()
    write(result, fmt, out, width=width)
    return out.getvalue()


def test_view_marks_the_flagged_row_and_ends_with_a_tally():
    out = render(TRANSLATION, "view")
    flagged = [line for line in out.splitlines() if "Ngày 16/7" in line]
    assert flagged and flagged[0].lstrip().startswith("✖")
    assert "✖ number: 16/7 (July 16) is missing" in out and "✖ name: Lê Hoài Trung is missing" in out
    assert "Checks: 2 errors, 0 warnings, 0 info · score 50/100" in out
    good = [line for line in out.splitlines() if "Hai bên" in line]
    assert not good[0].lstrip().startswith(("✖", "⚠"))


MIXED = Translation(
    "vi",
    "en",
    "tiny",
    (Paragraph("text", (BAD, GOOD)),),  # one paragraph of two sentences, the first flagged
    TranslationStats(2, 2, 0, 2, 1, 0.5),
    check_score=50.0,
)


def test_each_sentence_of_a_flagged_paragraph_gets_its_own_row_and_mark():
    for width in (120, 60):  # side by side and stacked
        lines = render(MIXED, "view", width=width).splitlines()
        last_flag = max(i for i, line in enumerate(lines) if "✖ name: Lê Hoài Trung is missing" in line)
        good = next(i for i, line in enumerate(lines) if "The two sides" in line)
        assert good > last_flag and "missing" not in lines[good]  # not glued to the flag line above
        assert lines[good].split("│")[-1].lstrip().startswith("The two sides")  # where it starts is plain
        sources = [line for line in lines if "Ngày 16/7" in line or "Hai bên" in line]
        assert sources[0].lstrip().startswith("✖") and not sources[1].lstrip().startswith(("✖", "⚠"))  # a marker each


def test_narrow_view_keeps_flags():
    out = render(TRANSLATION, "view", width=60)
    assert "✖ number:" in out and "score 50/100" in out


def test_markdown_and_json_carry_flags():
    md = render(TRANSLATION, "markdown")
    assert "✖ number: 16/7 (July 16) is missing" in md and "score 50/100" in md
    doc = json.loads(render(TRANSLATION, "json"))
    flags = [s["flags"] for p in doc["paragraphs"] for s in p["segments"]]
    assert flags[0] == [] and flags[1][0] == {
        "kind": "number",
        "severity": "error",
        "detail": "16/7 (July 16) is missing; 17 is not in the source",
    }
    assert doc["check_score"] == 50.0


def test_no_tally_without_checks():
    plain = Translation("vi", "en", "tiny", (Paragraph("text", (GOOD,)),), TranslationStats(1, 1, 0, 1, 1, 0.1))
    assert "Checks:" not in render(plain, "view") and "Checks:" not in render(plain, "markdown")


def test_summary_flags_replace_the_unsupported_note():
    sentence = SummarySentence(
        "Vietnam and Laos met on July 17.",
        "Việt Nam và Lào gặp nhau ngày 17/7.",
        (0,),
        ("17/7",),
        (Flag("number", "error", "'17/7' is not in the article"),),
    )
    summary = Summary(
        "vi",
        "en",
        "abstractive",
        "summarize-first",
        "m",
        (sentence,),
        ("Ngày 16/7, hai bên gặp nhau.",),
        SummaryStats(1, 1, 0.2),
        check_score=0.0,
    )
    out = render(summary, "view")
    assert "✖ number: '17/7' is not in the article" in out and "score 0/100" in out
    assert "⚠ unsupported" not in out
