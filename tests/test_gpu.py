"""The GPU path (marked ``gpu``: skipped without a CUDA device, never run in CI): both
translation backends and the summarizer run on CUDA with the tiny models, losing nothing."""

from __future__ import annotations

import pytest
from conftest import squash

from vnsum.translator import TranslateOptions, Translator

pytestmark = pytest.mark.gpu


@pytest.mark.parametrize("backend", ["auto", "torch", "ct2"])
def test_translation_on_cuda_loses_nothing(tiny_models, vi_article, backend):
    translator = Translator(str(tiny_models["vi-en"]), TranslateOptions(device="cuda", backend=backend, threads=1))
    result = translator.translate(vi_article)
    on_cpu = Translator(str(tiny_models["vi-en"]), TranslateOptions(device="cpu", threads=1)).translate(vi_article)
    assert result.target_lang == "en" and result.stats.model_calls >= 1
    assert squash("".join(s.source for s in result.segments)) == squash("".join(s.source for s in on_cpu.segments))
    engine = translator.backend("vi", "en")
    assert getattr(engine, "device", "cuda") == "cuda"
    if backend == "ct2":
        assert engine.compute_type == "float16"


@pytest.mark.parametrize("backend", ["torch", "ct2"])
def test_abstractive_summary_on_cuda(tiny_mt5_models, vi_article, backend):
    from vnsum.summarizers.abstractive import Mt5Summarizer

    summarizer = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cuda", threads=1, backend=backend)
    assert summarizer.device == "cuda"
    draft = summarizer.draft([p for p in vi_article.split("\n") if p.strip()], "vi", "vi", 2)
    assert draft.pieces >= 1 and summarizer.model_calls >= 1


def test_cuda_batched_summaries_are_one_at_a_time(tiny_mt5_models, vi_article):
    from vnsum.summarizers.abstractive import Mt5Summarizer
    from vnsum.summarizers.base import PieceRequest

    summarizer = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cuda", threads=1, backend="ct2")
    requests = [PieceRequest(p, "vi", "vi", 2) for p in vi_article.split("\n\n") if p.strip()]
    assert summarizer.summarize_pieces(requests) == [summarizer.summarize_piece(*r) for r in requests]
