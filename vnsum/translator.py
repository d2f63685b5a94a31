"""The translation pipeline: document → paragraphs → sentences → pieces → model → back.

Nothing is lost on the way: every paragraph is kept (prose is translated, page noise is
passed through), every sentence is translated, a sentence over the model's input budget
is split into pieces and rejoined, and the result says so.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vnsum.backends import Backend
from vnsum.chunking import split_to_budget
from vnsum.document import RawParagraph, split_paragraphs
from vnsum.errors import InputError
from vnsum.langdetect import detect_language, other_language
from vnsum.loading import resolve_device
from vnsum.memory import MemoryBackend, TranslationMemory, namespace_for
from vnsum.models import LANGUAGES, model_revision, translation_model
from vnsum.result import Paragraph, Segment, Translation, TranslationStats
from vnsum.segment import split_sentences
from vnsum.textio import normalize_text

#: Default tokens per piece. opus-mt accepts 512 but was trained on sentences and
#: degrades on very long inputs; real news sentences stay far below this.
DEFAULT_MAX_INPUT_TOKENS = 256


@dataclass(frozen=True)
class PreparedDocument:
    """A document cut into paragraphs and sentences, ready for the model."""

    source_lang: str
    target_lang: str
    paragraphs: tuple[RawParagraph, ...]
    sentences: tuple[tuple[str, ...], ...]  # per paragraph; empty for passthrough
    source_name: str | None = None

    @property
    def sentence_count(self) -> int:
        return sum(len(group) for group in self.sentences)


@dataclass(frozen=True)
class _ModelInfo:
    """What a result reports about its model: from the loaded backend, or from the memory."""

    name: str
    language_token: str | None
    max_input_tokens: int
    length_limited: set[str]


#: The memory entry (not a sentence: it starts with NUL) holding a direction's model facts.
_MEMORY_INFO = "\x00model-info"
#: Prefix of the memory entries of whole split sentences (their pieces and translations, as JSON).
_SPLIT = "\x01"


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
            if self.memory is not None:
                namespace = self.namespace(source_lang, target_lang)
                info = {"name": backend.name, "language_token": backend.language_token, "max_input_tokens": backend.max_input_tokens}
                self.memory.put_many(namespace, {_MEMORY_INFO: json.dumps(info)})
                backend = MemoryBackend(backend, self.memory, namespace)
            self._backends[key] = backend
            self.load_seconds += time.perf_counter() - start
        return self._backends[key]

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
        self, text: str, *, source_lang: str = "auto", target_lang: str | None = None, source_name: str | None = None
    ) -> PreparedDocument:
        """Normalise, detect the language, cut into paragraphs and sentences (no model yet).

        Raises InputError for a document that cannot be translated, so a batch can record
        that one document as failed and go on.
        """
        text = normalize_text(text)
        if not text.strip():
            raise InputError("nothing to translate: the input is empty")
        source_lang = detect_language(text) if source_lang == "auto" else source_lang
        target_lang = target_lang or other_language(source_lang)
        for lang in (source_lang, target_lang):
            if lang not in LANGUAGES:
                raise InputError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
        if source_lang == target_lang:
            raise InputError(f"source and target language are both {source_lang!r}")
        raw = split_paragraphs(text)
        # Whitespace inside a sentence (hard-wrapped lines, double spaces) becomes one space.
        sentences = tuple(tuple(" ".join(s.split()) for s in split_sentences(p.text, source_lang)) if p.kind == "text" else () for p in raw)
        return PreparedDocument(source_lang, target_lang, tuple(raw), sentences, source_name)

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

    def translate_prepared(self, documents: Sequence[PreparedDocument], progress: Callable[[int], None] | None = None) -> list[Translation]:
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

    def _translate_direction(self, documents: list[PreparedDocument], progress) -> list[Translation]:
        start = time.perf_counter()
        source_lang, target_lang = documents[0].source_lang, documents[0].target_lang
        flat = list(dict.fromkeys(s for d in documents for group in d.sentences for s in group))
        remembered, info = self._remembered(source_lang, target_lang, flat)
        todo = [s for s in flat if s not in remembered]
        self.memory_hits += len(remembered)
        load_before = self.load_seconds
        if todo or info is None:
            backend = self.backend(source_lang, target_lang)
            info = _ModelInfo(backend.name, backend.language_token, backend.max_input_tokens, backend.length_limited)
            calls_before = backend.model_calls
        else:  # everything was remembered: no model load at all
            backend, calls_before = None, 0
        load_seconds = self.load_seconds - load_before
        budget = min(self.options.max_input_tokens, info.max_input_tokens)

        sizes = dict(zip(todo, backend.count_tokens(todo), strict=True)) if todo else {}
        pieces_of = {s: (split_to_budget(s, budget, backend.count_tokens) if sizes[s] > budget else [s]) for s in todo}
        unique = list(dict.fromkeys(p for s in todo for p in pieces_of[s]))
        if progress and remembered:
            progress(len(remembered))
        translated = dict(zip(unique, backend.translate(unique, progress=progress), strict=True)) if unique else {}
        self._remember_split(source_lang, target_lang, todo, pieces_of, sizes, translated, info)
        for sentence, record in remembered.items():
            pieces_of[sentence] = record["pieces"]
            sizes[sentence] = record["tokens"]
            translated.update(zip(record["pieces"], record["translations"], strict=True))
        seconds = round(time.perf_counter() - start, 3)
        calls = backend.model_calls - calls_before if backend is not None else 0
        return [self._assemble(d, info, budget, sizes, pieces_of, translated, seconds, round(load_seconds, 3), calls) for d in documents]

    def _remember_split(self, source_lang, target_lang, sentences, pieces_of, sizes, translated, info) -> None:
        """Split sentences are remembered whole too (with their pieces), so a rerun needs no
        tokenizer to split them again. Unsplit ones are already in as their own piece."""
        if self.memory is None:
            return
        records = {
            _SPLIT + s: json.dumps({"pieces": pieces_of[s], "translations": [translated[p] for p in pieces_of[s]], "tokens": sizes[s]})
            for s in sentences
            if len(pieces_of[s]) > 1 and not any(p in info.length_limited for p in pieces_of[s])
        }
        if records:
            self.memory.put_many(self.namespace(source_lang, target_lang), records)

    def _remembered(self, source_lang: str, target_lang: str, sentences: list[str]) -> tuple[dict[str, dict], _ModelInfo | None]:
        """Sentences the translation memory already has (with their pieces), and the model facts."""
        if self.memory is None or not sentences:
            return {}, None
        keys = [*sentences, *(_SPLIT + s for s in sentences), _MEMORY_INFO]
        found = self.memory.get_many(self.namespace(source_lang, target_lang), keys)
        remembered = {s: {"pieces": [s], "translations": [found[s]], "tokens": 0} for s in sentences if s in found}
        remembered.update({s: json.loads(found[_SPLIT + s]) for s in sentences if _SPLIT + s in found})
        raw = found.get(_MEMORY_INFO)
        if raw is None:
            return remembered, None
        facts = json.loads(raw)
        return remembered, _ModelInfo(facts["name"], facts["language_token"], facts["max_input_tokens"], set())

    @staticmethod
    def _assemble(document, info, budget, sizes, pieces_of, translated, seconds, load_seconds, calls) -> Translation:
        paragraphs, warnings, limited = [], [], 0
        for p, group in zip(document.paragraphs, document.sentences, strict=True):
            if p.kind == "passthrough":
                segments = (Segment(p.text.strip(), p.text.strip()),)
            else:
                segments = tuple(Segment(s, " ".join(translated[x] for x in pieces_of[s]), tuple(pieces_of[s])) for s in group)
            for seg in segments:
                if seg.split:
                    warnings.append(
                        f"a sentence of {sizes[seg.source]} tokens was over the {budget}-token input budget"
                        f" and was translated in {len(seg.pieces)} pieces: {_excerpt(seg.source)}"
                    )
                if any(x in info.length_limited for x in seg.pieces):
                    limited += 1
                    warnings.append(
                        f"the translation of this sentence reached the length limit and may repeat itself: {_excerpt(seg.source)}"
                    )
            paragraphs.append(Paragraph(p.kind, segments, p.newlines_before))
        flat = [s for group in document.sentences for s in group]
        stats = TranslationStats(
            sentences=len(flat),
            pieces=sum(len(pieces_of[s]) for s in flat),
            split_sentences=sum(1 for s in flat if len(pieces_of[s]) > 1),
            unique_pieces=len({x for s in flat for x in pieces_of[s]}),
            model_calls=calls,
            seconds=seconds,
            load_seconds=load_seconds,
            hit_length_limit=limited,
        )
        return Translation(
            source_lang=document.source_lang,
            target_lang=document.target_lang,
            model=info.name,
            paragraphs=tuple(paragraphs),
            stats=stats,
            source_name=document.source_name,
            language_token=info.language_token,
            max_input_tokens=budget,
            warnings=tuple(warnings),
        )


def translate_text(text: str, to: str | None = None, *, source_lang: str = "auto", model: str | None = None) -> Translation:
    """Translate one text with the default models (a convenience over ``Translator``)."""
    return Translator(model).translate(text, source_lang=source_lang, target_lang=to)


def _excerpt(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
