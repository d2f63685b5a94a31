"""The mT5 summarizer, on tiny random-weight mT5 models built from the samples.

Random weights write random text and never stop on their own, so these tests check the
plumbing: loading, budgets, map-reduce, normalization, language selection, errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from tiny_mt5 import CROSSSUM_LANGID_MAP

from vnsum.errors import InputError, ModelUnavailableError
from vnsum.segment import split_sentences
from vnsum.summarizers.abstractive import CARD_MAX_INPUT_TOKENS, Mt5Summarizer, prepare
from vnsum.summarizers.base import map_reduce

VI_SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "vi-lao-party-delegation.txt"


@pytest.fixture(scope="session")
def plain(tiny_mt5_models) -> Mt5Summarizer:
    return Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1, backend="torch")


@pytest.fixture(scope="session")
def cross(tiny_mt5_models) -> Mt5Summarizer:
    return Mt5Summarizer(str(tiny_mt5_models["cross"]), device="cpu", threads=1)


@pytest.fixture(scope="session")
def vi_paragraph() -> str:
    """A real paragraph of the Vietnamese sample (the longest)."""
    paragraphs = [p for p in VI_SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return max(paragraphs, key=len).strip()


def spy_generate(summarizer: Mt5Summarizer, monkeypatch) -> list[dict]:
    """Record each ``generate`` call's keyword arguments and output."""
    calls: list[dict] = []
    real = summarizer.network.generate

    def generate(**kwargs):
        out = real(**kwargs)
        calls.append({"kwargs": kwargs, "output": out})
        return out

    monkeypatch.setattr(summarizer.network, "generate", generate)
    return calls


def test_loads_through_from_pretrained_and_summarizes_vietnamese(plain, tiny_mt5_models, vi_paragraph):
    assert plain.model == str(tiny_mt5_models["plain"])
    assert plain.name == "abstractive"
    assert plain.max_input_tokens == CARD_MAX_INPUT_TOKENS
    assert plain.count_tokens([vi_paragraph])[0] <= plain.max_input_tokens
    calls = plain.model_calls
    summary = plain.summarize_piece(vi_paragraph, "vi", "vi", 3)
    assert isinstance(summary, str) and summary.strip()
    assert summary == summary.strip()
    assert plain.model_calls == calls + 1


def test_count_tokens_uses_the_model_tokenizer_with_eos(plain, vi_paragraph):
    assert plain.count_tokens([]) == []
    ids = plain.tokenizer(prepare(vi_paragraph))["input_ids"]
    assert ids[-1] == plain.tokenizer.eos_token_id
    assert plain.count_tokens([vi_paragraph, "Hà Nội"]) == [len(ids), len(plain.tokenizer("Hà Nội")["input_ids"])]
    # Whitespace is collapsed before counting, as before summarizing.
    assert plain.count_tokens(["Hà   Nội\n\n"]) == plain.count_tokens(["Hà Nội"])


def test_generation_uses_the_card_settings_and_a_bounded_length(plain, vi_paragraph, monkeypatch):
    calls = spy_generate(plain, monkeypatch)
    plain.summarize_piece(vi_paragraph, "vi", "vi", 3)
    kwargs = calls[0]["kwargs"]
    assert kwargs["num_beams"] == 4 and kwargs["no_repeat_ngram_size"] == 2
    assert kwargs["max_new_tokens"] == 90  # 30 per sentence, above the card's 84
    assert "decoder_start_token_id" not in kwargs  # a one-language model starts with its own (pad)
    assert calls[0]["output"].shape[1] <= 1 + kwargs["max_new_tokens"]
    # Bounded whatever the request, and never more than half the input.
    assert plain.max_new_tokens(512, 1) == 83
    assert plain.max_new_tokens(512, 100) == 256
    assert plain.max_new_tokens(60, 3) == 30
    assert plain.max_new_tokens(10, 3) == 16


def test_beams_override(tiny_mt5_models, vi_paragraph, monkeypatch):
    greedy = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", beams=1, backend="torch")
    calls = spy_generate(greedy, monkeypatch)
    greedy.summarize_piece(vi_paragraph, "vi", "vi", 1)
    assert calls[0]["kwargs"]["num_beams"] == 1


def test_a_piece_over_the_budget_raises_instead_of_truncating(tiny_mt5_models, vi_paragraph):
    small = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", max_input_tokens=64)
    assert small.max_input_tokens == 64
    assert small.count_tokens([vi_paragraph])[0] > 64
    with pytest.raises(ValueError, match="exceeds"):
        small.summarize_piece(vi_paragraph, "vi", "vi", 3)
    assert small.model_calls == 0


def test_map_reduce_packs_a_long_article_under_the_budget(tiny_mt5_models):
    # Generation time grows with the article (random weights write up to half of each
    # piece): twice the sample already makes ~70 pieces and ~6 rounds, in ~3 s.
    small = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", beams=1, max_input_tokens=64)
    article = "\n".join([VI_SAMPLE.read_text(encoding="utf-8")] * 2)
    sentences = [s for line in article.splitlines() for s in split_sentences(line, "vi") if s.strip()]
    sent: list[tuple[str, str, str]] = []
    summarize = small.summarize_pieces

    def recording(requests):
        sent.extend((r.text, r.source_lang, r.target_lang) for r in requests)
        return summarize(requests)

    small.summarize_pieces = recording
    result = map_reduce(small, sentences, "vi", "vi", 3)
    assert result.pieces > 10
    assert result.rounds >= 2
    assert isinstance(result.text, str)
    assert len(sent) >= result.pieces + 1
    assert result.rounds <= small.model_calls < len(sent)  # each round's pieces in shared batches
    sizes = small.count_tokens([text for text, _, _ in sent])
    assert max(sizes) <= 64
    assert {(s, t) for _, s, t in sent} == {("vi", "vi")}


def test_nfd_input_gives_the_same_tokens_as_nfc(plain, vi_paragraph):
    nfc = unicodedata.normalize("NFC", vi_paragraph)
    nfd = unicodedata.normalize("NFD", vi_paragraph)
    assert nfd != nfc
    # The raw tokenizer does see a difference (so the check below means something)...
    assert plain.tokenizer(nfd)["input_ids"] != plain.tokenizer(nfc)["input_ids"]
    # ...but what the summarizer counts and feeds is the same.
    assert plain.tokenizer(prepare(nfd))["input_ids"] == plain.tokenizer(prepare(nfc))["input_ids"]
    assert plain.count_tokens([nfd]) == plain.count_tokens([nfc])
    assert plain.summarize_piece(nfd, "vi", "vi", 1) == plain.summarize_piece(nfc, "vi", "vi", 1)


def test_cross_lingual_model_starts_the_decoder_with_the_target_language_token(cross, vi_paragraph, monkeypatch):
    assert cross.supports_direct("vi", "en")
    assert cross.supports_direct("en", "vi")
    assert cross.supports_direct("vi", "vi")
    assert not cross.supports_direct("vi", "fr")
    calls = spy_generate(cross, monkeypatch)
    for target, name in (("en", "english"), ("vi", "vietnamese")):
        summary = cross.summarize_piece(vi_paragraph, "vi", target, 2)
        assert isinstance(summary, str)
        token_id = cross.tokenizer.convert_tokens_to_ids(CROSSSUM_LANGID_MAP[name][1])
        assert token_id != cross.tokenizer.unk_token_id
        assert calls[-1]["kwargs"]["decoder_start_token_id"] == token_id
        assert calls[-1]["output"][0][0].item() == token_id
    with pytest.raises(InputError, match="no language token"):
        cross.summarize_piece(vi_paragraph, "vi", "fr", 2)


def test_one_language_model_refuses_another_target(plain, vi_paragraph):
    assert plain.supports_direct("vi", "vi")
    assert plain.supports_direct("en", "en")
    assert not plain.supports_direct("vi", "en")
    calls = plain.model_calls
    with pytest.raises(InputError) as error:
        plain.summarize_piece(vi_paragraph, "vi", "en", 3)
    assert plain.model in str(error.value)
    assert "mT5_m2m_crossSum" in str(error.value)
    assert plain.model_calls == calls


def test_a_langid_token_missing_from_the_vocabulary_is_reported(tiny_mt5_models, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_mt5_models["cross"], broken)
    config = json.loads((broken / "config.json").read_text(encoding="utf-8"))
    config["task_specific_params"]["langid_map"]["english"] = [30, "▁<not_a_token>"]
    (broken / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="langid_map"):
        Mt5Summarizer(str(broken), device="cpu")


def test_a_folder_without_a_model_is_unavailable(tmp_path):
    with pytest.raises(ModelUnavailableError, match="config.json"):
        Mt5Summarizer(str(tmp_path), device="cpu")


def test_a_folder_with_a_config_but_no_weights_is_unavailable(tiny_mt5_models, tmp_path):
    shutil.copy(tiny_mt5_models["plain"] / "config.json", tmp_path / "config.json")
    with pytest.raises(ModelUnavailableError):
        Mt5Summarizer(str(tmp_path), device="cpu")


def test_an_uncached_hub_model_offline_fails_fast_without_torch(tmp_path):
    code = (
        "import sys\n"
        "from vnsum.errors import ModelUnavailableError\n"
        "from vnsum.summarizers.abstractive import Mt5Summarizer\n"
        "try:\n"
        "    Mt5Summarizer('csebuetnlp/mT5_multilingual_XLSum')\n"
        "except ModelUnavailableError as e:\n"
        "    print('unavailable:', e.reason)\n"
        "print('torch imported:', 'torch' in sys.modules)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path), "HF_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "unavailable: it is not in the local cache and HF_HUB_OFFLINE is set" in done.stdout
    assert "torch imported: False" in done.stdout
