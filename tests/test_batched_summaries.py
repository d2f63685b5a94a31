"""Summaries of several articles share model batches, and each is the one-at-a-time summary."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pytest
from tiny_models import SAMPLE_FILES

from vnsum.batch import Batch, BatchOptions
from vnsum.errors import InputError, VnsumError
from vnsum.summarize import SummaryOptions, SummaryPipeline, SummaryRequest
from vnsum.summarizers.base import DraftJob, PieceRequest, Summarizer, map_reduce, map_reduce_many
from vnsum.translator import TranslateOptions, Translator

VI_TEXT = SAMPLE_FILES["vi"].read_text(encoding="utf-8")
EN_TEXT = SAMPLE_FILES["en"].read_text(encoding="utf-8")


def variant(text: str, i: int) -> str:
    return re.sub(r"\d+", lambda m: str(int(m[0]) + i), text)


class FirstWords(Summarizer):
    """A summary is the first words of each sentence; records what each call was given."""

    max_input_tokens = 40

    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__()
        self.calls: list[int] = []
        self.fail_on = fail_on

    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        if self.fail_on and self.fail_on in text:
            raise ValueError("this piece breaks the model")
        return " ".join(text.split()[:4]).rstrip(".") + "."

    def summarize_pieces(self, requests: Sequence[PieceRequest]) -> list[str]:
        self.calls.append(len(requests))
        return super().summarize_pieces(requests)


def jobs(*texts: str) -> list[DraftJob]:
    return [DraftJob(tuple(t.split(". ")), "vi", "vi", 2) for t in texts]


def test_map_reduce_many_gives_each_article_its_own_result_in_shared_calls():
    articles = [VI_TEXT, variant(VI_TEXT, 3), "Một câu ngắn. Hai câu."]
    alone = [map_reduce(FirstWords(), j.sentences, "vi", "vi", 2) for j in jobs(*articles)]
    together = FirstWords()
    assert map_reduce_many(together, jobs(*articles)) == alone
    rounds = max(r.rounds for r in alone)
    assert len(together.calls) == rounds  # one call per round, every article's pieces in it
    assert together.calls[0] == sum(r.pieces for r in alone)


def test_an_article_that_fails_fails_alone():
    model = FirstWords(fail_on="BROKEN")
    results = map_reduce_many(model, jobs(VI_TEXT, "BROKEN câu một. Câu hai.", EN_TEXT))
    assert isinstance(results[1], ValueError)
    assert results[0] == map_reduce(FirstWords(), jobs(VI_TEXT)[0].sentences, "vi", "vi", 2)
    assert results[2] == map_reduce(FirstWords(), jobs(EN_TEXT)[0].sentences, "vi", "vi", 2)


def test_a_summarizer_with_its_own_draft_is_drafted_one_by_one():
    from vnsum.summarizers.extractive import ExtractiveSummarizer

    extractive = ExtractiveSummarizer()
    sentences = tuple(VI_TEXT.split(". "))
    drafts = extractive.draft_many([DraftJob(sentences, "vi", "vi", 2), DraftJob(sentences, "vi", "en", 2)])
    assert drafts[0] == extractive.draft(sentences, "vi", "vi", 2)
    assert isinstance(drafts[1], ValueError)


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return [variant(VI_TEXT, i) for i in range(3)] + [variant(EN_TEXT, i) for i in range(3)]


@pytest.mark.parametrize("compute_type", ["float32", "int8"])
def test_ct2_batched_pieces_are_the_one_at_a_time_summaries(tiny_mt5_models, articles, compute_type):
    pytest.importorskip("ctranslate2")
    from vnsum.summarizers.abstractive import Mt5Summarizer

    summarizer = Mt5Summarizer(str(tiny_mt5_models["plain"]), device="cpu", threads=1, backend="ct2", compute_type=compute_type)
    paragraphs = [p for text in articles for p in text.split("\n\n") if p.strip()][:24]
    requests = [PieceRequest(p, "vi", "vi", 1 + i % 3) for i, p in enumerate(paragraphs)]
    alone = [summarizer.summarize_piece(*r) for r in requests]
    calls = summarizer.model_calls
    assert summarizer.summarize_pieces(requests) == alone
    assert summarizer.model_calls - calls < len(requests)  # batched
    with pytest.raises(InputError):
        summarizer.summarize_pieces([PieceRequest("Hà Nội.", "vi", "en", 1)])


def test_summarize_many_is_summarize_one_by_one(tiny_mt5_models, model_env, articles):
    options = SummaryOptions(method="abstractive", model=str(tiny_mt5_models["plain"]), threads=1, device="cpu")
    translator = Translator(options=TranslateOptions(threads=1))
    pipeline = SummaryPipeline(options, translator)
    requests = [SummaryRequest(t, target_lang="en" if i == 1 else None) for i, t in enumerate(articles)]
    requests.insert(2, SummaryRequest("   "))  # nothing to summarize: that one fails alone
    alone = []
    for r in requests:
        try:
            alone.append(pipeline.summarize(r.text, source_lang=r.source_lang, target_lang=r.target_lang))
        except VnsumError as e:
            alone.append(e)
    calls = pipeline.summarizer().model_calls
    together = pipeline.summarize_many(requests)
    assert isinstance(together[2], InputError) and str(together[2]) == str(alone[2])
    for a, b in zip(alone, together, strict=True):
        if not isinstance(a, Exception):
            assert [s.text for s in b.sentences] == [s.text for s in a.sentences]
            assert [s.evidence for s in b.sentences] == [s.evidence for s in a.sentences]
            assert (b.stats.pieces, b.stats.rounds, b.target_lang) == (a.stats.pieces, a.stats.rounds, a.target_lang)
    assert pipeline.summarizer().model_calls - calls < calls  # fewer model calls than one at a time


def test_batch_summaries_match_one_article_per_chunk(tiny_mt5_models, model_env, tmp_path, articles):
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(articles):
        (src / f"a{i}.txt").write_text(text, encoding="utf-8")
    options = SummaryOptions(method="abstractive", model=str(tiny_mt5_models["plain"]), threads=1, device="cpu")
    outputs = {}
    for name, chunk in (("together", 32), ("alone", 1)):
        o = BatchOptions(summarize=True, chunk_articles=chunk)
        result = Batch(src, tmp_path / name, o, translate_options=TranslateOptions(threads=1), summary_options=options).run()
        assert result.ok == len(articles)
        outputs[name] = {p.name: json.loads(p.read_text(encoding="utf-8"))["summary"] for p in (tmp_path / name).glob("*.summary.*.json")}
    assert outputs["together"] and outputs["together"] == outputs["alone"]


def test_ct2_summary_batches_fit_a_memory_budget_for_the_decoder_cache():
    from types import SimpleNamespace

    from vnsum.summarizers.abstractive import Mt5Summarizer

    def budget(config: dict) -> int:
        return Mt5Summarizer.ct2_batch_tokens(SimpleNamespace(config=config, beams=4, max_input_tokens=512))  # type: ignore[arg-type]

    base = {"d_model": 768, "num_layers": 12, "num_decoder_layers": 12, "num_heads": 12, "d_kv": 64}  # mT5-base (XL-Sum)
    assert 2000 < budget(base) < 2200  # ~0.3 MB of keys and values per input token at beam 4
    assert budget({**base, "num_decoder_layers": 96}) == 512  # never less than one whole piece
    assert budget({"d_model": 32, "num_layers": 1, "num_heads": 4, "d_kv": 8}) == 16384  # a tiny model: the cap
    assert budget({}) == 512  # unknown shape: one piece at a time
