"""The pipeline: pure logic with an identity backend, then the real Marian path with tiny models."""

import unicodedata

import pytest
from conftest import squash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnsum import Translator
from vnsum.backends import IdentityBackend
from vnsum.errors import InputError
from vnsum.translator import TranslateOptions


def identity_translator(max_input_tokens: int = 256, budget: int = 256) -> tuple[Translator, IdentityBackend]:
    backend = IdentityBackend(max_input_tokens)
    return Translator(options=TranslateOptions(max_input_tokens=budget), backend_factory=lambda *_: backend), backend


def test_no_loss_and_layout_on_the_vietnamese_sample(vi_article):
    translator, _ = identity_translator()
    result = translator.translate(vi_article)
    assert (result.source_lang, result.target_lang) == ("vi", "en")
    assert squash("".join(s.source for s in result.segments)) == squash(vi_article)
    # identity backend: the translation is the source, with the input's line layout
    assert result.text.split("\n") == [line.strip() for line in vi_article.strip().split("\n")]
    kinds = [p.kind for p in result.paragraphs]
    assert kinds[2:4] == ["passthrough", "passthrough"]  # 0:00 / 0:00 and 0:00
    assert result.paragraphs[2].segments[0].translation == "0:00 / 0:00"
    assert result.paragraphs[2].segments[0].pieces == ()


def test_duplicate_sentences_are_translated_once(vi_article):
    translator, backend = identity_translator()
    result = translator.translate(vi_article)
    sent = [p for call in backend.calls for p in call]
    assert len(sent) == len(set(sent)) == result.stats.unique_pieces
    assert result.stats.pieces > result.stats.unique_pieces  # the duplicated photo caption
    captions = [p for p in result.paragraphs if p.source.endswith("Ảnh: dangcongsan.vn")]
    assert len(captions) == 2 and captions[0].segments == captions[1].segments  # both kept


def test_long_sentence_is_split_within_budget_and_reported():
    clause = "hai bên nhất trí tăng cường hợp tác trong các lĩnh vực chính trị, quốc phòng, an ninh, kinh tế"
    sentence = ", ".join([clause] * 40) + "."
    translator, backend = identity_translator(budget=64)
    result = translator.translate(sentence, source_lang="vi")
    (segment,) = result.segments
    assert segment.split and len(segment.pieces) > 5
    assert all(n <= 64 for n in backend.count_tokens(segment.pieces))
    assert squash("".join(segment.pieces)) == squash(sentence)
    assert result.stats.split_sentences == 1
    assert any("64-token input budget" in w and "pieces" in w for w in result.warnings)


@pytest.mark.parametrize(
    "text, message",
    [("   \n  ", "empty"), ("0:00 / 0:00", "no words")],
)
def test_nothing_to_translate_is_an_input_error(text, message):
    translator, _ = identity_translator()
    with pytest.raises(InputError, match=message):
        translator.translate(text)


def test_same_source_and_target_is_an_input_error():
    translator, _ = identity_translator()
    with pytest.raises(InputError, match="both"):
        translator.translate("Hà Nội là thủ đô của Việt Nam.", target_lang="vi")


_line = st.text(alphabet='aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãếềệọỏốờớợủứừựAĐHLNTV 0123456789.,;:!?“”"-/', min_size=0, max_size=120)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=1, max_size=8), st.sampled_from(["vi", "en"]), st.integers(8, 40))
def test_property_concatenated_sources_equal_the_input(lines, lang, budget):
    text = "\n".join(lines)
    if not any(ch.isalpha() for ch in text):
        return
    translator, backend = identity_translator(budget=budget)
    result = translator.translate(text, source_lang=lang)
    assert squash("".join(s.source for s in result.segments)) == squash(unicodedata.normalize("NFC", text))
    assert squash("".join(p for s in result.segments for p in (s.pieces or (s.source,)))) == squash(text)
    assert all(n <= budget for s in result.segments for n in backend.count_tokens(s.pieces))


# ---- the real loading and generation path, with tiny local models ----


def test_tiny_model_vi_to_en_end_to_end(tiny_models, vi_article):
    translator = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1))
    result = translator.translate(vi_article, source_name="vi.txt")
    assert result.model == str(tiny_models["vi-en"])
    assert result.language_token is None  # single-target model: no token
    assert squash("".join(s.source for s in result.segments)) == squash(vi_article)
    texts = [s for s in result.segments if s.pieces]
    assert texts and all(s.translation for s in texts)  # every sentence got an output
    assert result.stats.model_calls >= 1 and result.stats.sentences == len(texts)
    assert len(result.text.split("\n")) == len(vi_article.strip().split("\n"))


def test_tiny_multi_target_model_gets_language_token(tiny_models, en_article):
    translator = Translator(str(tiny_models["en-vi"]), TranslateOptions(threads=1))
    result = translator.translate(en_article)
    assert (result.source_lang, result.target_lang, result.language_token) == ("en", "vi", ">>vie<<")
    backend = translator.backend("en", "vi")
    assert backend.tokenizer.encode(backend._prefixed(["Hello."]))[0][0] == ">>vie<<"


def test_tiny_model_run_on_sentence_of_thousands_of_words(tiny_models):
    words = "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào thăm Việt Nam từ ngày 15 đến 17/7"
    sentence = ", ".join([words] * 150) + "."  # ~3,500 words, far over opus-mt's 512 tokens
    translator = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1, max_input_tokens=512, batch_tokens=8192))
    result = translator.translate(sentence, source_lang="vi")
    (segment,) = result.segments
    backend = translator.backend("vi", "en")
    counts = backend.count_tokens(segment.pieces)
    assert len(segment.pieces) > 10 and max(counts) <= 512
    assert squash("".join(segment.pieces)) == squash(sentence)
    assert segment.translation and result.stats.split_sentences == 1


def test_nfd_input_is_translated_like_nfc(tiny_models):
    nfc = "Đồng chí Lê Hoài Trung tiếp thân mật Đoàn."
    translator = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1))
    a = translator.translate(nfc)
    b = translator.translate(unicodedata.normalize("NFD", nfc))
    assert a.segments[0].source == b.segments[0].source == nfc
    assert a.text == b.text


def test_documents_share_batches_and_repeated_sentences(model_env, tiny_models, vi_article, en_article):
    translator = Translator(options=TranslateOptions(threads=1))  # each direction's model from the environment
    docs = [
        translator.prepare(vi_article, source_name="a"),
        translator.prepare(vi_article, source_name="b"),
        translator.prepare(en_article),
    ]
    results = translator.translate_prepared(docs)
    assert [r.source_name for r in results] == ["a", "b", None]
    assert [(r.source_lang, r.target_lang) for r in results] == [("vi", "en"), ("vi", "en"), ("en", "vi")]
    assert results[0].text == results[1].text  # the same article, translated once
    vi_backend = translator.backend("vi", "en")
    assert vi_backend.model_calls == results[0].stats.model_calls  # both documents in the same calls
    alone = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1)).translate(vi_article)
    assert alone.text == results[0].text  # batching with other documents changes nothing


def test_progress_reports_every_piece(vi_article):
    translator, _ = identity_translator()
    seen = []
    result = translator.translate_prepared([translator.prepare(vi_article)], progress=seen.append)[0]
    assert sum(seen) == result.stats.unique_pieces


def test_translation_memory_makes_a_rerun_free(vi_article, tmp_path):
    from vnsum.memory import TranslationMemory

    memory = TranslationMemory(tmp_path / "memory.sqlite")
    options = TranslateOptions(max_input_tokens=24)  # small enough that long sentences are split
    first = Translator(options=options, backend_factory=lambda *_: IdentityBackend(), memory=memory).translate(vi_article)
    assert first.stats.split_sentences > 0

    def no_model(*args):
        raise AssertionError("the model was loaded although every sentence was remembered")

    again = Translator(options=options, backend_factory=no_model, memory=memory).translate(vi_article)
    assert again.to_dict()["paragraphs"] == first.to_dict()["paragraphs"]  # pieces and all
    assert again.stats.model_calls == 0 and again.warnings == first.warnings
    assert (again.model, again.language_token, again.max_input_tokens) == (first.model, first.language_token, first.max_input_tokens)
    # an option that changes outputs is another namespace: the model is needed again
    with pytest.raises(AssertionError, match="the model was loaded"):
        Translator(options=TranslateOptions(max_input_tokens=24, beams=2), backend_factory=no_model, memory=memory).translate(vi_article)


def test_length_limited_outputs_are_not_remembered(model_env, vi_article, tmp_path):
    from vnsum.memory import TranslationMemory

    memory = TranslationMemory(tmp_path / "memory.sqlite")
    first = Translator(options=TranslateOptions(threads=1), memory=memory).translate(vi_article)
    assert first.stats.hit_length_limit > 0  # random tiny weights run to the bound
    again = Translator(options=TranslateOptions(threads=1), memory=memory).translate(vi_article)
    assert again.stats.model_calls > 0 and again.text == first.text


def test_translation_memory_half_warm_sends_only_new_sentences(vi_article, tmp_path):
    from vnsum.memory import TranslationMemory

    memory = TranslationMemory(tmp_path / "memory.sqlite")
    backend = IdentityBackend()
    translator = Translator(backend_factory=lambda *_: backend, memory=memory)
    translator.translate(vi_article)
    backend.calls.clear()
    translator.translate(vi_article + "\n\nĐây là một câu hoàn toàn mới.")
    assert backend.calls == [["Đây là một câu hoàn toàn mới."]]


def test_batches_keep_padding_low():
    from types import SimpleNamespace

    from vnsum.backends.marian import MarianBackend

    rule = SimpleNamespace(batch_tokens=4096, max_batch=64)
    lengths = [150, 140, 120, 80, 74, 40, 12, 10, 150]
    batches = MarianBackend.batches(rule, lengths)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))  # every input exactly once
    for batch in batches:
        longest = lengths[batch[0]]
        assert longest * len(batch) <= 4096 and all(lengths[i] >= 0.5 * longest for i in batch)
    assert [lengths[i] for i in batches[-1]] == [12, 10]  # the short title is not padded to 150 tokens


class _LoopsOnceBackend(IdentityBackend):
    """Its first output of each input hits the length bound; later ones do not (another batch shape)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def translate(self, texts, progress=None):
        self.length_limited.update(t for t in texts if t not in self.seen)
        self.seen.update(texts)
        return super().translate(texts, progress)


def test_a_length_limit_warning_belongs_to_the_call_that_hit_it():
    """A backend kept across calls (a batch worker) must not carry an earlier call's verdict:
    the local and Ray engines would otherwise warn differently about the same article."""
    backend = _LoopsOnceBackend()
    translator = Translator(backend_factory=lambda *_: backend)
    text = "Đoàn đại biểu đến Hà Nội ngày 15/7."
    first = translator.translate(text, source_lang="vi", target_lang="en")
    second = translator.translate(text, source_lang="vi", target_lang="en")
    assert first.stats.hit_length_limit == 1 and any("length limit" in w for w in first.warnings)
    assert second.stats.hit_length_limit == 0 and not any("length limit" in w for w in second.warnings)
