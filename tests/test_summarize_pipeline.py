"""The summarization pipeline's logic, with stand-in models (the real path is in test_summarize_cli.py)."""

import pytest

from vnsum.backends import IdentityBackend
from vnsum.errors import InputError
from vnsum.evidence import evidence, unsupported
from vnsum.summarize import SummaryOptions, SummaryPipeline, article_sentences, summarizer_model
from vnsum.summarizers.base import Summarizer, map_reduce, pack
from vnsum.translator import Translator


class LeadSummarizer(Summarizer):
    """Stands in for a model: the first twelve words of each piece, as one sentence."""

    name = "lead"
    model = "lead-stand-in"

    def __init__(self, max_input_tokens: int = 512, direct: bool = False) -> None:
        super().__init__()
        self.max_input_tokens = max_input_tokens
        self.direct = direct
        self.calls: list[tuple[str, str, str]] = []

    def summarize_piece(self, text, source_lang, target_lang, sentences):
        assert self.count_tokens([text])[0] <= self.max_input_tokens
        self.model_calls += 1
        self.calls.append((text, source_lang, target_lang))
        return " ".join(text.split()[:12]).rstrip(".,") + "."

    def supports_direct(self, source_lang, target_lang):
        return self.direct or source_lang == target_lang


def pipeline(method="abstractive", strategy="summarize-first", budget=4000, direct=False, sentences=2):
    summarizer = LeadSummarizer(budget, direct)
    translator = Translator(backend_factory=lambda *_: IdentityBackend())
    options = SummaryOptions(method=method, strategy=strategy, sentences=sentences)
    return SummaryPipeline(options, translator=translator, summarizer_factory=lambda *_: summarizer), summarizer


def test_article_sentences_leave_page_noise_out(vi_article):
    sentences = article_sentences(vi_article, "vi")
    assert "0:00 / 0:00" not in sentences and "0:00" not in sentences
    assert sentences[0] == "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào"
    assert any(s.startswith("Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương") for s in sentences)


def test_summarize_first_same_language(vi_article):
    pipe, model = pipeline()
    summary = pipe.summarize(vi_article, source_name="vi.txt")
    assert (summary.source_lang, summary.target_lang, summary.strategy) == ("vi", "vi", "summarize-first")
    assert summary.stats.rounds == 1 and summary.stats.pieces == 1 and summary.translation_model is None
    (first,) = summary.sentences
    assert first.text == first.source_text == "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào Nhận lời."
    assert first.evidence[0] == 0 and len(first.evidence) == 2  # the title first
    assert first.unsupported == ()


def test_long_article_goes_through_map_reduce_within_budget(vi_article):
    pipe, model = pipeline(budget=120)
    summary = pipe.summarize("\n\n".join([vi_article] * 10))
    assert summary.stats.pieces > 10 and summary.stats.rounds >= 2
    assert all(model.count_tokens([text])[0] <= 120 for text, *_ in model.calls)
    assert all(0 <= i < len(summary.source_sentences) for s in summary.sentences for i in s.evidence)


def test_cross_language_summarize_first_translates_the_summary(vi_article):
    pipe, model = pipeline()
    summary = pipe.summarize(vi_article, target_lang="en")
    assert summary.strategy == "summarize-first" and summary.translation_model == "identity"
    assert {call[2] for call in model.calls} == {"vi"}  # the model summarized in Vietnamese


def test_translate_first_summarizes_the_translation(en_article):
    pipe, model = pipeline(strategy="translate-first")
    summary = pipe.summarize(en_article, target_lang="vi")
    assert summary.strategy == "translate-first"
    assert {call[1:] for call in model.calls} == {("vi", "vi")}
    assert all(s.evidence for s in summary.sentences)


def test_direct_needs_a_cross_lingual_model(vi_article):
    pipe, _ = pipeline(strategy="direct")
    with pytest.raises(InputError, match="cannot write en from vi directly"):
        pipe.summarize(vi_article, target_lang="en")
    pipe, model = pipeline(strategy="direct", direct=True)
    summary = pipe.summarize(vi_article, target_lang="en")
    assert model.calls[-1][1:] == ("vi", "en") and summary.strategy == "direct"


def test_default_models_per_method_and_strategy():
    assert summarizer_model("abstractive", "summarize-first") == "csebuetnlp/mT5_multilingual_XLSum"
    assert summarizer_model("abstractive", "direct") == "csebuetnlp/mT5_m2m_crossSum"
    assert summarizer_model("llm", "summarize-first") == "Qwen/Qwen2.5-1.5B-Instruct"
    assert summarizer_model("extractive", "summarize-first") is None
    assert summarizer_model("abstractive", "direct", "/my/model") == "/my/model"


@pytest.mark.parametrize(
    "options, message",
    [
        ({"method": "extractive", "strategy": "direct"}, "extractive"),
        ({"sentences": 0}, "at least 1"),
        ({"method": "magic"}, "unknown method"),
    ],
)
def test_bad_options(options, message):
    with pytest.raises(InputError, match=message):
        SummaryPipeline(SummaryOptions(**options), translator=Translator(backend_factory=lambda *_: IdentityBackend()))


def test_no_prose_is_an_input_error():
    pipe, _ = pipeline()
    with pytest.raises(InputError, match="no prose"):
        pipe.summarize("0:00 / 0:00\nhttps://dangcongsan.vn", source_lang="vi")


def test_pack_keeps_sentences_whole_when_they_fit_and_splits_giants():
    count = IdentityBackend().count_tokens
    sentences = ["Hai bên thông báo cho nhau về tình hình mỗi Đảng.", "Đồng chí cảm ơn Đảng, Nhà nước Việt Nam."]
    assert pack(sentences, 100, count) == [" ".join(sentences)]
    giant = ", ".join(["hợp tác giữa hai Ban Đối ngoại Trung ương"] * 100) + "."
    pieces = pack([giant], 30, count)
    assert len(pieces) > 5 and all(n <= 30 for n in count(pieces))


def test_map_reduce_refuses_a_model_that_does_not_shrink():
    class Echo(LeadSummarizer):
        def summarize_piece(self, text, source_lang, target_lang, sentences):
            return text

    sentences = ["Đồng chí Lê Hoài Trung tiếp thân mật Đoàn."] * 40
    with pytest.raises(Exception, match="did not get shorter"):
        map_reduce(Echo(max_input_tokens=30), sentences, "vi", "vi", 2)


# ---- evidence and unsupported facts ----

SOURCES = [
    "Ngày 16/7, tại Trụ sở Ban Đối ngoại Trung ương, đồng chí Lê Hoài Trung tiếp thân mật Đoàn.",
    "Hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước.",
    "Dự án trị giá 1.500 tỷ đồng, tăng 3,5% so với năm trước.",
]


def test_evidence_points_at_the_supporting_sentence_best_first():
    assert evidence("Đồng chí Lê Hoài Trung tiếp Đoàn ngày 16/7.", SOURCES)[0] == 0
    assert evidence("Dự án trị giá 1.500 tỷ đồng.", SOURCES)[0] == 2
    assert evidence("Bóng đá Brazil vô địch.", SOURCES) == ()
    assert evidence("Hai bên thông báo tình hình.", [SOURCES[1], SOURCES[1], SOURCES[0]]) == (0,)  # a repeat counts once


def test_unsupported_numbers_and_names():
    article = " ".join(SOURCES)
    assert unsupported("Dự án trị giá 1,500 tỷ đồng, tăng 3.5%.", [article]) == ()  # separators differ, digits agree
    assert unsupported("Đồng chí Lê Hoài Trung tiếp Đoàn ngày 17/7.", [article]) == ("17/7",)
    assert unsupported("Hai bên mời ông Nguyễn Văn Nam.", [article]) == ("Nguyễn Văn Nam",)
    assert unsupported("Hai bên thông báo tình hình.", [article]) == ()  # sentence-initial capital is not a name
