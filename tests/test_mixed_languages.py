"""Mixed documents: each paragraph's language, when the paragraphs disagree; those already in
the target language pass through untouched and marked, the rest go to the one model."""

import json

import pytest
from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.cli import main
from vnsum.document import split_paragraphs
from vnsum.langdetect import paragraph_language
from vnsum.pipeline.prepare import prepare_document

VI = [
    "Nhận lời mời của Ban Đối ngoại Trung ương Đảng ta, Đoàn đại biểu do đồng chí Valaxay Lengsavad dẫn đầu thăm và làm việc"
    " tại Việt Nam từ ngày 15 đến 17/7.",
    "Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước và một số nội dung hai bên cùng quan tâm.",
    "Đồng chí cảm ơn sâu sắc sự ủng hộ, giúp đỡ to lớn mà Việt Nam dành cho Lào từ trước đến nay.",  # "to": English too
]
EN = [
    "The Lao Party, State and people will do their best to lift the special solidarity with Việt Nam to a new height, he said.",
    "Both sides agreed to effectively realise the high-level agreement and continue enhancing cooperation in key areas.",
    "He also thanked the Vietnamese Party, State and people for their great, timely and effective support.",
]
TITLE = "Hà Nội thúc đẩy hợp tác"  # no function word, but six words with Vietnamese letters
MIXED = "\n\n".join([TITLE, VI[0], EN[0], VI[1], EN[1], VI[2], EN[2]])


def test_paragraph_language_is_sure_or_says_nothing():
    assert [paragraph_language(p) for p in VI] == ["vi"] * 3
    assert [paragraph_language(p) for p in EN] == ["en"] * 3
    assert paragraph_language(TITLE) == "vi"
    assert paragraph_language("Trần Cẩm Tú") is None and paragraph_language("Việt Nam - Laos") is None  # too short to tell


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_one_language_sample_has_no_paragraph_in_the_other(lang):
    text = SAMPLE_FILES[lang].read_text(encoding="utf-8")
    found = {paragraph_language(p.text) for p in split_paragraphs(text) if p.kind == "text"}
    assert found <= {lang, None}
    document = prepare_document(text)
    assert document.notes == () and not any(document.languages)


def test_a_mixed_document_translates_each_paragraph_from_its_own_language():
    document = prepare_document(MIXED)
    assert (document.source_lang, document.target_lang) == ("vi", "en")  # more Vietnamese words
    assert document.languages == (None, None, "en", None, "en", None, "en")
    assert [p.kind for p in document.paragraphs] == ["text", "text", "passthrough", "text", "passthrough", "text", "passthrough"]
    sent = [s for group in document.sentences for s in group]
    assert sent == [TITLE, *VI]  # only Vietnamese goes to the vi→en model
    assert document.notes == (
        "mixed languages: 4 paragraphs in Vietnamese, translated to English; 3 already in English, passed through untouched",
    )


def test_a_mixed_document_toward_the_other_language():
    document = prepare_document(MIXED, target_lang="vi")
    assert (document.source_lang, document.target_lang) == ("en", "vi")
    assert [s for group in document.sentences for s in group] == EN
    assert document.languages == ("vi", "vi", None, "vi", None, "vi", None)  # the title with the Vietnamese


def test_an_explicit_source_language_is_obeyed():
    document = prepare_document(MIXED, source_lang="vi")
    assert document.notes == () and len([s for g in document.sentences for s in g]) == 7


def test_cli_json_paragraphs_carry_their_language_and_the_view_marks_them(model_env, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(MIXED, encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [p["source_lang"] for p in doc["paragraphs"]] == ["vi", "vi", "en", "vi", "en", "vi", "en"]
    for p in doc["paragraphs"]:
        seg = p["segments"][0]
        if p["source_lang"] == "en":
            assert p["kind"] == "passthrough" and seg["translation"] == seg["source"] and seg["pieces"] == []
    pieces = [x for p in doc["paragraphs"] for s in p["segments"] for x in s["pieces"]]
    assert pieces == [TITLE, *VI]
    assert any(w.startswith("mixed languages: 4 paragraphs in Vietnamese") for w in doc["warnings"])
    markdown = CliRunner().invoke(main, ["translate", str(path), "-f", "markdown"])
    assert markdown.stdout.count("_(already in English)_") == 3
    view = CliRunner().invoke(main, ["translate", str(path), "-f", "view"], env={"COLUMNS": "400"})
    assert " ".join(view.stdout.split()).count("(already in English)") == 3
    text = CliRunner().invoke(main, ["translate", str(path), "-f", "text"])
    assert all(e in text.stdout for e in EN) and "already in" not in text.stdout  # the text output stays clean
    assert "vnsum: note: mixed languages" in text.stderr
