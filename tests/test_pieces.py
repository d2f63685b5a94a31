"""The CTranslate2 path's own tokenizers give transformers' tokens exactly, and a converted
model translates and summarizes without importing torch or transformers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pytest
from tiny_models import SAMPLE_FILES

from vnsum.backends.pieces import MarianPieces, TokenizersPieces, from_transformers, light_tokenizer, tokenizer_config

pytest.importorskip("ctranslate2")

TRICKY = [
    "",
    " ",
    "  hai  khoảng   trắng  ",
    unicodedata.normalize("NFD", "Đồng chí Nguyễn Phú Trọng thăm Hà Nội."),
    "12.345,67 tỷ đồng, 3/2/2024, 0,5%, 1.000.000 USD và 10:30",
    "Xin chào " + "a" * 300,
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism",
    "a </s> b <unk>c <pad> d",
    ">>vie<< Xin chào",
    "😀 日本語 ﬁ ½ \u00a0 tab\there",
]


def sample_lines() -> list[str]:
    return [line for path in SAMPLE_FILES.values() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def transformers_tokenizer(folder):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(folder)


@pytest.mark.parametrize("direction", ["vi-en", "en-vi"])
def test_marian_pieces_are_transformers_tokens(tiny_models, direction):
    folder = tiny_models[direction]
    reference, ours = transformers_tokenizer(folder), MarianPieces(folder)
    prefix = ">>vie<< " if direction == "en-vi" else ""
    texts = [prefix + t for t in sample_lines() + TRICKY] + TRICKY
    ids = reference(texts)["input_ids"]
    assert ours.encode(texts) == [reference.convert_ids_to_tokens(x) for x in ids]
    assert [ours.ids(t) for t in ours.encode(texts)] == ids
    assert ours.model_max_length == reference.model_max_length
    assert set(ours.vocab) == set(reference.get_vocab())


@pytest.mark.parametrize("direction", ["vi-en", "en-vi"])
def test_marian_decoding_is_transformers_decoding(tiny_models, direction):
    import sentencepiece

    folder = tiny_models[direction]
    reference, ours = transformers_tokenizer(folder), MarianPieces(folder)
    target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    for text in [*sample_lines(), *TRICKY]:
        tokens = [*target.encode(text, out_type=str), "</s>", "<pad>"]  # what a model could generate
        expected = reference.decode(reference.convert_tokens_to_ids(tokens), skip_special_tokens=True)
        assert ours.decode(tokens) == expected


def test_mt5_pieces_are_transformers_tokens(tiny_mt5_models, tmp_path):
    folder = tiny_mt5_models["plain"]
    reference = transformers_tokenizer(folder)
    converted = from_transformers(reference, folder)
    assert isinstance(converted, TokenizersPieces)
    converted.save(tmp_path)  # as at conversion time; read back as a later run does
    ours = light_tokenizer(folder, tmp_path)
    assert isinstance(ours, TokenizersPieces) and ours.model_max_length is None
    texts = sample_lines() + TRICKY
    ids = reference(texts)["input_ids"]
    assert ours.encode(texts) == [reference.convert_ids_to_tokens(x) for x in ids]
    for x in ids:
        tokens = reference.convert_ids_to_tokens(x)
        assert ours.decode(tokens, clean_up=False) == reference.decode(x, skip_special_tokens=True, clean_up_tokenization_spaces=False)


def test_a_hub_style_marian_folder_is_read_too(tiny_models, tmp_path):
    """opus-mt's tokenizer_config.json names no class (config.json's model_type implies it)."""
    import shutil

    folder = shutil.copytree(tiny_models["en-vi"], tmp_path / "m")
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "en", "target_lang": "vi"}), encoding="utf-8")
    reference, ours = transformers_tokenizer(folder), light_tokenizer(folder, tmp_path / "not-converted")
    assert type(reference).__name__ == "MarianTokenizer" and isinstance(ours, MarianPieces)
    texts = [">>vie<< " + t for t in sample_lines()[:20] + TRICKY]
    assert ours.encode(texts) == [reference.convert_ids_to_tokens(x) for x in reference(texts)["input_ids"]]
    assert ours.model_max_length == reference.model_max_length


def test_marian_folder_with_separate_vocabularies_is_left_to_transformers(tiny_models, tmp_path):
    import shutil

    folder = shutil.copytree(tiny_models["vi-en"], tmp_path / "m")
    config = tokenizer_config(folder)
    config["separate_vocabs"] = True
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    assert light_tokenizer(folder, tmp_path / "not-converted") is None


# -- no torch, no transformers once converted ---------------------------------------------

_RUN = """
import sys
from vnsum.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
heavy = sorted(m for m in ("torch", "transformers") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), "CODE=" + str(code), file=sys.stderr)
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=env, timeout=300)


def test_translate_of_a_converted_model_imports_no_torch(tiny_models):
    from vnsum.backends.ct2 import CT2Backend

    CT2Backend(str(tiny_models["vi-en"]), "en", threads=1)  # converted (int8, the CLI's default) in the session cache
    done = run_cli("translate", str(SAMPLE_FILES["vi"]), "-m", str(tiny_models["vi-en"]), "--threads", "1", "-f", "json")
    assert "HEAVY= CODE=0" in done.stderr, done.stderr[-2000:]
    assert json.loads(done.stdout)["stats"]["model_calls"] >= 1


def test_abstractive_summary_of_a_converted_model_imports_no_torch(tiny_mt5_models):
    from vnsum.summarizers.abstractive import Mt5Summarizer

    model = str(tiny_mt5_models["plain"])
    Mt5Summarizer(model, device="cpu", threads=1)  # converted (int8) in the session cache, tokenizer saved beside it
    done = run_cli("summarize", str(SAMPLE_FILES["vi"]), "--method", "abstractive", "-m", model, "--threads", "1")
    assert "HEAVY= CODE=0" in done.stderr, done.stderr[-2000:]
