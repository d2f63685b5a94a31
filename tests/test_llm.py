"""Prompt templates and the chat-model summarizer, on a tiny random-weight chat model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiny_chat import build_tiny_chat

from vnsum.errors import InputError, ModelUnavailableError
from vnsum.segment import split_sentences
from vnsum.summarizers.base import map_reduce
from vnsum.templates import PLACEHOLDERS, PromptTemplate, language_name, load_template

PARAGRAPH = (
    "Chiều 20/11, tại Trụ sở Trung ương Đảng, đồng chí Trần Cẩm Tú, Ủy viên Bộ Chính trị, "
    "Thường trực Ban Bí thư, đã tiếp Đoàn đại biểu cấp cao Đảng Nhân dân Cách mạng Lào."
)


@pytest.fixture(scope="session")
def summarizer(tiny_chat):
    from vnsum.summarizers.llm import ChatSummarizer

    return ChatSummarizer(str(tiny_chat), device="cpu", threads=1, max_new_tokens=8)


def write(tmp_path: Path, text: str, name: str = "prompt.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- templates -------------------------------------------------------------------------


def test_packaged_template_loads_and_renders():
    template = load_template()
    assert template.name == "summarize"
    assert template.placeholders == PLACEHOLDERS
    prompt = template.render(article=PARAGRAPH, language=language_name("en"), sentences=3)
    assert PARAGRAPH in prompt
    assert "in English" in prompt and "3 sentences" in prompt
    assert "{" not in prompt and "}" not in prompt


def test_packaged_template_is_package_data():
    from importlib import resources

    packaged = (resources.files("vnsum") / "prompts" / "summarize.md").read_text(encoding="utf-8")
    assert load_template().text == packaged
    # The checkout's top-level prompts/ folder is the same file.
    top = Path(__file__).resolve().parent.parent / "prompts" / "summarize.md"
    assert top.read_text(encoding="utf-8") == packaged


def test_custom_template_file(tmp_path):
    path = write(tmp_path, "Tóm tắt bằng {language}:\n\n{article}\n")
    template = load_template(path)
    assert template.placeholders == {"article", "language"}
    assert template.render(article="Bài báo.", language="Vietnamese", sentences=2) == "Tóm tắt bằng Vietnamese:\n\nBài báo."
    assert load_template(str(path)).text == template.text


def test_unknown_placeholder_is_named(tmp_path):
    with pytest.raises(InputError, match=r"\{topic\}") as info:
        load_template(write(tmp_path, "Summarize {article} about {topic}."))
    assert "{article}" in str(info.value) and "{sentences}" in str(info.value)


@pytest.mark.parametrize("bad", ["{article} {}", "{article.upper}", "{article} {sentences:d}", "{article!r}", "{article} }", "{article"])
def test_malformed_placeholders(tmp_path, bad):
    with pytest.raises(InputError, match="prompt template"):
        load_template(write(tmp_path, bad))


def test_template_without_article(tmp_path):
    with pytest.raises(InputError, match=r"no \{article\}"):
        load_template(write(tmp_path, "Summarize in {language} in {sentences} sentences."))
    with pytest.raises(InputError, match=r"no \{article\}"):
        PromptTemplate("inline", "Just {{article}} as literal text")


def test_missing_empty_and_binary_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_template(tmp_path / "absent.md")
    with pytest.raises(InputError, match="is empty"):
        load_template(write(tmp_path, "  \n\n"))
    with pytest.raises(InputError, match="folder"):
        load_template(tmp_path)
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00{article}\x81")
    with pytest.raises(InputError, match="not UTF-8"):
        load_template(binary)
    with pytest.raises(InputError, match="packaged"):
        load_template(name="no-such-template")


def test_literal_braces_survive(tmp_path):
    template = load_template(write(tmp_path, 'Answer as {{"summary": "..."}} about:\n{article}'))
    assert template.render(article="Bài {x} báo", language="English", sentences=1) == 'Answer as {"summary": "..."} about:\nBài {x} báo'


def test_render_missing_value_and_bom(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff{article} in {language}\r\n".encode())
    template = load_template(path)
    assert template.text == "{article} in {language}\n"
    with pytest.raises(InputError, match="language"):
        template.render(article="x")


def test_language_names():
    assert language_name("vi") == "Vietnamese" and language_name("en") == "English"
    with pytest.raises(InputError):
        language_name("fr")


# --- tiny chat model -----------------------------------------------------------------------


def test_tiny_chat_keeps_vietnamese(tiny_chat):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_chat)
    ids = tokenizer(PARAGRAPH, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == PARAGRAPH
    assert tokenizer.chat_template


# --- chat summarizer -----------------------------------------------------------------------


def test_summarize_vietnamese_paragraph(summarizer):
    calls = summarizer.model_calls
    out = summarizer.summarize_piece(PARAGRAPH, "vi", "en", 3)
    assert out and out == out.strip()
    assert summarizer.model_calls == calls + 1
    assert PARAGRAPH in summarizer.prompt
    assert "English" in summarizer.prompt and "3 sentences" in summarizer.prompt
    assert "in Vietnamese" not in summarizer.prompt
    # Greedy decoding: the same input gives the same output.
    assert summarizer.summarize_piece(PARAGRAPH, "vi", "en", 3) == out


def test_output_language_switch_changes_prompt(summarizer):
    summarizer.summarize_piece(PARAGRAPH, "vi", "en", 2)
    english = summarizer.prompt
    summarizer.summarize_piece(PARAGRAPH, "vi", "vi", 2)
    vietnamese = summarizer.prompt
    assert english != vietnamese
    assert "in English" in english and "in Vietnamese" in vietnamese
    assert summarizer.supports_direct("vi", "en") and summarizer.supports_direct("en", "vi")


def test_custom_template_reaches_model(tiny_chat, tmp_path):
    from vnsum.summarizers.llm import ChatSummarizer

    template = load_template(write(tmp_path, "Viết bằng {language}, tối đa {sentences} câu:\n{article}"))
    chat = ChatSummarizer(str(tiny_chat), device="cpu", template=template, max_new_tokens=4)
    assert chat.summarize_piece(PARAGRAPH, "vi", "vi", 2)
    assert chat.prompt == f"Viết bằng Vietnamese, tối đa 2 câu:\n{PARAGRAPH}"


def test_thinking_is_dropped():
    from vnsum.summarizers.llm import _THINKING

    assert _THINKING.sub("", "<think>\nfirst, the date\n</think>\n\nA summary.").strip() == "A summary."
    assert _THINKING.sub("", "<think>cut off before the end").strip() == ""
    assert _THINKING.sub("", "A plain summary.") == "A plain summary."


def test_count_tokens(summarizer):
    assert summarizer.count_tokens([]) == []
    short, long = summarizer.count_tokens(["Hà Nội", PARAGRAPH])
    assert 0 < short < long


def test_budget_fits_context(tiny_chat, summarizer):
    assert summarizer.max_input_tokens == 1024  # the default, under the tiny model's 2048
    assert summarizer.context == 2048
    assert summarizer.prompt_overhead + summarizer.max_input_tokens + summarizer.max_new_tokens <= summarizer.context
    from vnsum.summarizers.llm import ChatSummarizer

    # Asking for more than the context holds gets what it holds.
    big = ChatSummarizer(str(tiny_chat), device="cpu", max_input_tokens=100_000, max_new_tokens=300)
    assert big.max_input_tokens == big.context - big.prompt_overhead - 300
    with pytest.raises(InputError, match="context"):
        ChatSummarizer(str(tiny_chat), device="cpu", max_new_tokens=2000)


def test_whole_chat_input_fits_context(tiny_chat, summarizer, vi_article):
    """A piece at the budget, rendered into the chat template, leaves room for the answer."""
    from vnsum.summarizers.base import pack

    pieces = pack(split_sentences(vi_article * 3, "vi"), summarizer.max_input_tokens, summarizer.count_tokens)
    longest = max(pieces, key=lambda p: summarizer.count_tokens([p])[0])
    prompt = summarizer.template.render(article=longest, language="Vietnamese", sentences=999)
    n = summarizer._encode(prompt)["input_ids"].shape[1]
    assert n + summarizer.max_new_tokens <= summarizer.context


def test_over_budget_piece_raises(tiny_chat):
    from vnsum.summarizers.llm import ChatSummarizer

    chat = ChatSummarizer(str(tiny_chat), device="cpu", max_input_tokens=16, max_new_tokens=4)
    calls = chat.model_calls
    with pytest.raises(ValueError, match="exceeds"):
        chat.summarize_piece(PARAGRAPH * 3, "vi", "en", 2)
    assert chat.model_calls == calls


def test_map_reduce_long_article(tiny_chat, vi_article):
    from vnsum.summarizers.llm import ChatSummarizer

    chat = ChatSummarizer(str(tiny_chat), device="cpu", max_input_tokens=256, max_new_tokens=8)
    sentences = split_sentences("\n".join([vi_article] * 10), "vi")
    result = map_reduce(chat, sentences, "vi", "en", 3)
    assert result.pieces > 1
    assert result.rounds >= 2
    assert result.text
    assert chat.model_calls >= result.pieces + 1
    assert "in English" in chat.prompt  # the last call writes the target language


def test_tokenizer_without_chat_template(tmp_path):
    folder = build_tiny_chat(tmp_path / "base-model", chat_template=False)
    from vnsum.summarizers.llm import ChatSummarizer

    with pytest.raises(ModelUnavailableError, match="no chat template"):
        ChatSummarizer(str(folder), device="cpu")


def test_folder_that_is_not_a_model(tmp_path):
    from vnsum.summarizers.llm import ChatSummarizer

    with pytest.raises(ModelUnavailableError, match="config.json"):
        ChatSummarizer(str(tmp_path), device="cpu")
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "no-such-architecture"}), encoding="utf-8")
    with pytest.raises(ModelUnavailableError):
        ChatSummarizer(str(tmp_path), device="cpu")


def test_unreachable_hub_model():
    from vnsum.summarizers.llm import ChatSummarizer

    # conftest sets HF_HUB_OFFLINE: an uncached hub id fails fast, without torch.
    with pytest.raises(ModelUnavailableError, match="not in the local cache"):
        ChatSummarizer("nobody/no-such-chat-model-xyz")
