"""The mT5 summarizer's CTranslate2 path, against its torch path on the tiny mT5 models.

Random weights write random text, which makes a strict test of equality: float32 greedy
CTranslate2 output must be torch's token for token (same tokenizer, same start token,
same no_repeat_ngram_size, same output bound, the bound usually reached).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vnsum.backends import ct2
from vnsum.errors import InputError
from vnsum.segment import split_sentences
from vnsum.summarize import SummaryOptions, load_summarizer
from vnsum.summarizers.abstractive import Mt5Summarizer
from vnsum.summarizers.base import map_reduce

pytest.importorskip("ctranslate2")

VI_SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "vi-lao-party-delegation.txt"


def paragraphs() -> list[str]:
    return [p.strip() for p in VI_SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def torch_greedy(tiny_mt5_models) -> Mt5Summarizer:
    return Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", beams=1, threads=1, backend="torch")


@pytest.fixture(scope="module")
def ct2_greedy(tiny_mt5_models) -> Mt5Summarizer:
    return Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", beams=1, threads=1, backend="ct2", compute_type="float32")


def test_auto_picks_ctranslate2_on_the_cpu_for_a_one_language_model(tiny_mt5_models):
    auto = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1)
    assert auto.backend == "ct2" and auto.compute_type == "int8"
    assert auto.network is None and auto.translator is not None
    assert auto.model_dir.parent == ct2.cache_root()


def test_float32_greedy_output_is_torchs(torch_greedy, ct2_greedy):
    texts = sorted(paragraphs(), key=len)[-4:]  # the longest real paragraphs
    assert all(ct2_greedy.count_tokens([t]) == torch_greedy.count_tokens([t]) for t in texts)
    for text in texts:
        for sentences in (1, 3):
            expected = torch_greedy.summarize_piece(text, "vi", "vi", sentences)
            assert expected
            assert ct2_greedy.summarize_piece(text, "vi", "vi", sentences) == expected
    # A short input: the output bound is half the input (16 tokens at least), as in torch.
    short = split_sentences(texts[0], "vi")[0]
    assert ct2_greedy.summarize_piece(short, "vi", "vi", 3) == torch_greedy.summarize_piece(short, "vi", "vi", 3)
    assert ct2_greedy.model_calls == torch_greedy.model_calls == 2 * len(texts) + 1


def test_the_bound_is_torchs_max_new_tokens(ct2_greedy, monkeypatch):
    seen: list[dict] = []
    real = ct2_greedy.translator

    class Spy:
        def translate_batch(self, source, **kwargs):
            seen.append(kwargs)
            return real.translate_batch(source, **kwargs)

    monkeypatch.setattr(ct2_greedy, "translator", Spy())
    text = max(paragraphs(), key=len)
    ct2_greedy.summarize_piece(text, "vi", "vi", 3)
    n = ct2_greedy.count_tokens([text])[0]
    assert seen[0]["max_decoding_length"] == ct2_greedy.max_new_tokens(n, 3) == 90
    assert seen[0]["no_repeat_ngram_size"] == 2 and seen[0]["beam_size"] == 1
    assert seen[0]["max_input_length"] == 0  # never truncated by CTranslate2


def test_conversion_is_cached(tiny_mt5_models, monkeypatch):
    first = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1, compute_type="int8")
    assert ct2.is_converted(first.model_dir)
    calls: list[tuple] = []

    class Converter:
        def __init__(self, *args, **kwargs):
            calls.append(args)

    monkeypatch.setattr("ctranslate2.converters.TransformersConverter", Converter)
    second = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1, compute_type="int8")
    assert second.model_dir == first.model_dir
    assert calls == []


def test_map_reduce_through_ctranslate2(tiny_mt5_models):
    small = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", beams=1, threads=1, max_input_tokens=64, backend="ct2")
    assert small.backend == "ct2" and small.max_input_tokens == 64
    sentences = [s for line in VI_SAMPLE.read_text(encoding="utf-8").splitlines() for s in split_sentences(line, "vi") if s.strip()]
    sent: list[str] = []
    summarize = small.summarize_pieces

    def recording(requests):
        sent.extend(r.text for r in requests)
        return summarize(requests)

    small.summarize_pieces = recording
    result = map_reduce(small, sentences, "vi", "vi", 3)
    assert result.pieces > 5 and result.rounds >= 2
    assert isinstance(result.text, str)
    assert result.rounds <= small.model_calls < len(sent)  # each round's pieces in shared batches
    assert max(small.count_tokens(sent)) <= 64
    with pytest.raises(ValueError, match="exceeds"):
        small.summarize_piece(max(paragraphs(), key=len), "vi", "vi", 3)


def test_int8_with_beams_writes_summaries(tiny_mt5_models):
    int8 = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1, compute_type="int8")
    assert int8.backend == "ct2" and int8.beams == 4
    for text in paragraphs()[:3]:
        summary = int8.summarize_piece(text, "vi", "vi", 2)
        assert summary.strip() and summary == summary.strip()
    assert int8.model_calls == 3


def test_backend_torch_is_the_torch_path(torch_greedy, tiny_mt5_models):
    assert torch_greedy.backend == "torch" and torch_greedy.translator is None
    assert torch_greedy.network is not None and torch_greedy.compute_type is None
    with pytest.raises(InputError, match="CTranslate2 backend only"):
        Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", backend="torch", compute_type="int8")


def test_cross_lingual_model_stays_on_torch(tiny_mt5_models):
    # CTranslate2 leaves the decoder start (the language token) out of no_repeat_ngram_size's
    # history; transformers does not. The tiny cross model writes its language token again at
    # once, so the outputs differ: auto keeps torch, and ct2 is refused.
    auto = Mt5Summarizer(str(tiny_mt5_models["cross"]), device="cpu", threads=1)
    assert auto.backend == "torch" and auto.network is not None and auto.translator is None
    assert auto.summarize_piece(paragraphs()[0], "vi", "en", 1)
    with pytest.raises(InputError, match="cross-lingual"):
        Mt5Summarizer(str(tiny_mt5_models["cross"]), device="cpu", backend="ct2")
    with pytest.raises(InputError, match="compute_type"):
        Mt5Summarizer(str(tiny_mt5_models["cross"]), device="cpu", compute_type="int8")


def test_unknown_backend_or_compute_type_is_refused(tiny_mt5_models):
    with pytest.raises(InputError, match="unknown backend"):
        Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", backend="onnx")
    with pytest.raises(InputError, match="unknown compute type"):
        Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", compute_type="int4")


def test_summary_options_reach_the_summarizer(tiny_mt5_models):
    model = str(tiny_mt5_models["plain"])
    assert SummaryOptions().backend == "auto" and SummaryOptions().compute_type is None
    torch_one = load_summarizer("abstractive", model, SummaryOptions(backend="torch", threads=1))
    assert torch_one.backend == "torch"
    ct2_one = load_summarizer("abstractive", model, SummaryOptions(compute_type="float32", threads=1))
    assert ct2_one.backend == "ct2" and ct2_one.compute_type == "float32"
