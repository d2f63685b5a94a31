"""``Translator``: translates documents by running the pipeline's stages (``vnsum.pipeline``):
prepare → plan → run → assemble. It owns what the stages share: the options, one backend
per direction (CTranslate2 or torch, loaded on first use) and the translation memory.

Nothing is lost on the way: every paragraph is kept (prose is translated, page noise is
passed through), every sentence is translated, a sentence over the model's input budget
is split into pieces and rejoined, and the result says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from vnsum.backends import Backend, ModelFacts
from vnsum.errors import InputError
from vnsum.loading import resolve_device
from vnsum.memory import MemoryBackend, RememberedSentence, SentenceMemory, TranslationMemory, namespace_for
from vnsum.models import model_revision, translation_model
from vnsum.pipeline.assemble import RunFacts, assemble
from vnsum.pipeline.plan import DirectionPlan, plan_direction, unique_sentences
from vnsum.pipeline.prepare import PreparedDocument, prepare_document
from vnsum.pipeline.run import Progress, run_plan, with_remembered
from vnsum.result import Translation

__all__ = ["DEFAULT_MAX_INPUT_TOKENS", "PreparedDocument", "TranslateOptions", "Translator", "translate_text"]

#: Default tokens per piece. opus-mt accepts 512 but was trained on sentences and
#: degrades on very long inputs; real news sentences stay far below this.
DEFAULT_MAX_INPUT_TOKENS = 256

BackendFactory = Callable[[str, str, str], Backend]  # (model, source_lang, target_lang)


@dataclass(frozen=True)
class TranslateOptions:
    """How to run the model. ``None`` means the model's own default."""

    device: str = "auto"
    beams: int | None = None
    batch_tokens: int = 4096
    max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS
    threads: int | None = None
    #: auto (CTranslate2 on CPU when installed, else torch), torch or ct2.
    backend: str = "auto"
    #: CTranslate2 weights and compute: int8, int8_float32, float16 or float32 [int8 on CPU, float16 on CUDA].
    compute_type: str | None = None


class Translator:
    """Translates documents; loads each direction's model once, on first use.

    ``model`` overrides the model for every direction (a hub id or a local folder);
    ``backend_factory`` replaces the model loader (tests use an identity backend).
    """

    def __init__(
        self,
        model: str | None = None,
        options: TranslateOptions | None = None,
        backend_factory: BackendFactory | None = None,
        memory: TranslationMemory | None = None,
    ) -> None:
        self.model = model
        self.options = options or TranslateOptions()
        if self.options.max_input_tokens < 8:
            raise InputError("the input budget must be at least 8 tokens")
        self._factory = backend_factory or self._load_marian
        self._backends: dict[tuple[str, str], Backend] = {}
        self.load_seconds = 0.0
        #: A persistent translation memory: sentences seen before cost nothing, not even a model load.
        self.memory = memory
        self.memory_hits = 0  # sentences answered by the memory without the model
        self._namespaces: dict[tuple[str, str], str] = {}

    def _load_marian(self, model: str, source_lang: str, target_lang: str) -> Backend:
        """Load the model on the chosen backend: CTranslate2 or torch (see ``choose_backend``)."""
        from vnsum.backends.ct2 import choose_backend

        o = self.options
        if choose_backend(o.backend, o.device, o.compute_type) == "ct2":
            from vnsum.backends.ct2 import CT2Backend

            return CT2Backend(
                model,
                target_lang,
                device=o.device,
                compute_type=o.compute_type,
                beams=o.beams,
                batch_tokens=o.batch_tokens,
                threads=o.threads,
            )
        from vnsum.backends.marian import MarianBackend

        return MarianBackend(model, target_lang, device=o.device, beams=o.beams, batch_tokens=o.batch_tokens, threads=o.threads)

    def backend(self, source_lang: str, target_lang: str) -> Backend:
        key = (source_lang, target_lang)
        if key not in self._backends:
            name = translation_model(source_lang, target_lang, self.model)
            start = time.perf_counter()
            backend = self._factory(name, source_lang, target_lang)
            sentence_memory = self.sentence_memory(source_lang, target_lang)
            if sentence_memory is not None:
                sentence_memory.remember_model(ModelFacts.of(backend))
                backend = MemoryBackend(backend, sentence_memory.memory, sentence_memory.namespace)
            self._backends[key] = backend
            self.load_seconds += time.perf_counter() - start
        return self._backends[key]

    def output_settings(self) -> dict[str, Any]:
        """Every setting that changes a translation (model names, beams, budget, backend,
        compute type; not the device, threads or batch size); a batch redoes an article
        when these change."""
        o = self.options
        return {
            "models": {f"{a}-{b}": translation_model(a, b, self.model) for a, b in (("vi", "en"), ("en", "vi"))},
            "beams": o.beams,
            "max_input_tokens": o.max_input_tokens,
            "backend": o.backend,
            "compute_type": o.compute_type,
        }

    def sentence_memory(self, source_lang: str, target_lang: str) -> SentenceMemory | None:
        """The translation memory of a direction (None without a memory)."""
        if self.memory is None:
            return None
        return SentenceMemory(self.memory, self.namespace(source_lang, target_lang))

    def namespace(self, source_lang: str, target_lang: str) -> str:
        """The translation-memory key of a direction: model, revision and every option
        that changes outputs, computed without loading the model."""
        key = (source_lang, target_lang)
        if key not in self._namespaces:
            name = translation_model(source_lang, target_lang, self.model)
            o = self.options
            self._namespaces[key] = namespace_for(
                name,
                model_revision(name),
                target=target_lang,
                backend=o.backend,
                device=resolve_device(o.device),
                compute_type=o.compute_type,
                beams=o.beams,
                max_input_tokens=o.max_input_tokens,
            )
        return self._namespaces[key]

    def prepare(
        self,
        text: str,
        *,
        source_lang: str = "auto",
        target_lang: str | None = None,
        source_name: str | None = None,
        markup: bool = False,
    ) -> PreparedDocument:
        """Stage 1 (no model yet): see ``vnsum.pipeline.prepare.prepare_document``."""
        return prepare_document(text, source_lang=source_lang, target_lang=target_lang, source_name=source_name, markup=markup)

    def translate(
        self,
        text: str,
        *,
        source_lang: str = "auto",
        target_lang: str | None = None,
        source_name: str | None = None,
    ) -> Translation:
        document = self.prepare(text, source_lang=source_lang, target_lang=target_lang, source_name=source_name)
        return self.translate_prepared([document])[0]

    def translate_sentences(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        """Translate sentences one to one (summaries, back-translations for checks)."""
        if not sentences:
            return []
        # Blank lines keep every sentence its own paragraph, so the alignment is exact.
        result = self.translate("\n\n".join(" ".join(x.split()) for x in sentences), source_lang=source_lang, target_lang=target_lang)
        out = [p.translation for p in result.paragraphs]
        if len(out) != len(sentences):
            raise RuntimeError("translation lost the sentence alignment")  # cannot happen: one paragraph each
        return out

    def translate_prepared(self, documents: Sequence[PreparedDocument], progress: Progress | None = None) -> list[Translation]:
        """Translate documents together: the sentences of all documents of one direction go
        to the model in shared, length-sorted batches, and each repeated sentence once.

        ``progress`` is called with the number of pieces translated after each model call.
        In each result, ``stats.model_calls`` and ``stats.seconds`` are those of the whole call.
        """
        results: dict[int, Translation] = {}
        directions = dict.fromkeys((d.source_lang, d.target_lang) for d in documents)
        for direction in directions:
            group = [i for i, d in enumerate(documents) if (d.source_lang, d.target_lang) == direction]
            for i, translation in zip(group, self._translate_direction([documents[i] for i in group], progress), strict=True):
                results[i] = translation
        return [results[i] for i in range(len(documents))]

    def _translate_direction(self, documents: list[PreparedDocument], progress: Progress | None) -> list[Translation]:
        """Plan, run and assemble the documents of one direction."""
        start = time.perf_counter()
        source_lang, target_lang = documents[0].source_lang, documents[0].target_lang
        sentences = unique_sentences(group for d in documents for group in d.sentences)
        sentence_memory = self.sentence_memory(source_lang, target_lang)
        remembered, facts = sentence_memory.look_up(sentences) if sentence_memory is not None else ({}, None)
        self.memory_hits += len(remembered)
        load_before = self.load_seconds
        backend: Backend | None = None
        calls_before = 0
        if len(remembered) < len(sentences) or facts is None:
            backend = self.backend(source_lang, target_lang)
            facts = ModelFacts.of(backend)
            calls_before = backend.model_calls
        # else: everything was remembered: no model load at all
        load_seconds = self.load_seconds - load_before
        plan = plan_direction(sentences, remembered, facts, self.options.max_input_tokens, backend)
        translated = run_plan(plan, backend, progress)
        if sentence_memory is not None:
            sentence_memory.remember_splits(_new_splits(plan, translated))
        translated = with_remembered(plan, translated)
        run = RunFacts(
            seconds=round(time.perf_counter() - start, 3),
            load_seconds=round(load_seconds, 3),
            model_calls=backend.model_calls - calls_before if backend is not None else 0,
        )
        return [assemble(d, plan, translated, run) for d in documents]


def _new_splits(plan: DirectionPlan, translated: dict[str, str]) -> dict[str, RememberedSentence]:
    """The sentences the model translated in pieces, to remember whole (not those with a
    piece that hit the length limit: likely loops). Unsplit ones are already in as their
    own piece."""
    splits = {}
    for s in plan.todo:
        sentence = plan.sentences[s]
        if sentence.split and not any(p in plan.length_limited for p in sentence.pieces):
            splits[s] = RememberedSentence(sentence.pieces, tuple(translated[p] for p in sentence.pieces), sentence.tokens)
    return splits


def translate_text(text: str, to: str | None = None, *, source_lang: str = "auto", model: str | None = None) -> Translation:
    """Translate one text with the default models (a convenience over ``Translator``)."""
    return Translator(model).translate(text, source_lang=source_lang, target_lang=to)
