"""The real public models, where they are in the local cache (never downloaded here).

Run on a machine where `vnsum models pull` has been done: `python -m pytest -m slow`.
"""

import re

import pytest

from vnsum import Translator
from vnsum.models import MODELS, is_cached

pytestmark = pytest.mark.slow


def needs(key: str):
    name = MODELS[key].default
    return pytest.mark.skipif(not is_cached(name), reason=f"{name} is not in the local Hugging Face cache")


@needs("vi-en")
def test_real_vi_en_keeps_numbers_and_names(vi_article):
    result = Translator().translate(vi_article)
    assert result.model == "Helsinki-NLP/opus-mt-vi-en" and result.language_token is None
    text = result.text
    assert "0:00 / 0:00" in text.splitlines()
    assert "Valaxay" in text and "ASEAN" in text
    assert re.search(r"\b16\b", text) and "2024" in text
    assert result.stats.hit_length_limit == 0


@needs("en-vi")
def test_real_en_vi_uses_vie_token_and_writes_vietnamese(en_article):
    result = Translator().translate(en_article)
    assert result.language_token == ">>vie<<"
    assert sum(ch in "ăâđêôơư" for ch in result.text.lower()) > 50
    assert "Bounthong" in result.text and "2024" in result.text


@needs("summarizer")
@needs("vi-en")
def test_real_summary_in_english_is_traceable(vi_article):
    from vnsum.summarize import SummaryOptions, SummaryPipeline

    summary = SummaryPipeline(SummaryOptions(sentences=2)).summarize(vi_article, target_lang="en")
    assert summary.model == "csebuetnlp/mT5_multilingual_XLSum" and summary.sentences
    assert all(s.evidence for s in summary.sentences)  # a real summary overlaps its article
    assert sum(ch in "ăâđêôơư" for ch in summary.text.lower()) < 5  # English, not Vietnamese


@needs("crosssum")
def test_real_crosssum_writes_english_directly(vi_article):
    from vnsum.summarize import SummaryOptions, SummaryPipeline

    summary = SummaryPipeline(SummaryOptions(strategy="direct")).summarize(vi_article, target_lang="en")
    assert summary.strategy == "direct" and summary.text
