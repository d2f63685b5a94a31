"""The summarization pipeline: any method, either output language, traceable to the article.

Strategies when the summary language differs from the article's:

- ``summarize-first`` (default): summarize in the article's language, then translate the
  summary sentences with the Marian model. Cheapest, and evidence is found in one language.
- ``translate-first``: translate the whole article, then summarize the translation;
  evidence is found among the translated sentences (aligned one to one with the article's).
- ``direct``: a cross-lingual model (CrossSum) or the chat model writes the target language
  itself; the summary is translated back to find its evidence.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnsum.document import split_paragraphs
from vnsum.errors import InputError, setting
from vnsum.evidence import FactIndex, evidence_all, unsupported
from vnsum.langdetect import detect_language
from vnsum.models import LANGUAGES, MODELS
from vnsum.segment import split_sentences
from vnsum.summarizers.base import Draft, DraftJob, Summarizer
from vnsum.summary import Summary, SummarySentence, SummaryStats
from vnsum.textio import normalize_text
from vnsum.translator import TranslateOptions, Translator

METHODS = ("abstractive", "extractive", "llm")
#: Most characters of an article a summary reads by default (``SummaryOptions.max_chars``):
#: about 5 MB of text, a few seconds and under 200 MB for the extractive method (time and
#: memory grow linearly, see benchmarks/extractive_scaling.md); a news article is ~5,000.
MAX_CHARS = 5_000_000
STRATEGIES = ("summarize-first", "translate-first", "direct")

SummarizerFactory = Callable[[str, "str | None", "SummaryOptions"], Summarizer]  # (method, model or None, options)


@dataclass(frozen=True)
class SummaryOptions:
    method: str = "abstractive"
    strategy: str = "summarize-first"
    sentences: int = 3
    model: str | None = None  # the summarizer model; translation models come from the Translator
    prompt_file: Path | None = None  # llm only
    device: str = "auto"
    beams: int | None = None
    threads: int | None = None
    backend: str = "auto"  # the abstractive summarizer's: auto, torch or ct2
    compute_type: str | None = None  # CTranslate2's, for the abstractive summarizer
    max_chars: int = MAX_CHARS  # a longer input is refused (InputError) before any work


def summarizer_model(method: str, strategy: str, override: str | None = None) -> str | None:
    """The model a method and strategy use (None for extractive)."""
    if method == "extractive":
        return None
    if override:
        return override
    key = "llm" if method == "llm" else ("crosssum" if strategy == "direct" else "summarizer")
    return MODELS[key].name


def load_summarizer(method: str, model: str | None, options: SummaryOptions) -> Summarizer:
    """Import and build a method's summarizer on first use (torch is imported only here)."""
    if method == "extractive":
        from vnsum.summarizers.extractive import ExtractiveSummarizer

        return ExtractiveSummarizer()
    if model is None:
        raise ValueError(f"the {method} method needs a model")
    if method == "llm":
        from vnsum.summarizers.llm import ChatSummarizer
        from vnsum.templates import load_template

        return ChatSummarizer(model, device=options.device, threads=options.threads, template=load_template(options.prompt_file))
    from vnsum.summarizers.abstractive import Mt5Summarizer

    o = options
    return Mt5Summarizer(model, device=o.device, beams=o.beams, threads=o.threads, backend=o.backend, compute_type=o.compute_type)


@dataclass(frozen=True)
class SummaryRequest:
    """One article to summarize: ``SummaryPipeline.summarize``'s arguments."""

    text: str
    source_lang: str = "auto"
    target_lang: str | None = None
    source_name: str | None = None


@dataclass
class _Job:
    """An article checked and read, waiting for its draft."""

    request: SummaryRequest
    source_lang: str
    target_lang: str
    strategy: str
    sentences: list[str]  # the article's, reported as the summary's source sentences
    evidence_pool: Sequence[str]  # where evidence is looked for
    references: list[str]  # the texts whose numbers and names a summary may use
    draft: DraftJob = DraftJob((), "", "", 0)


class SummaryPipeline:
    """Summarizes documents; models load once, on first use, and are reused."""

    def __init__(
        self,
        options: SummaryOptions | None = None,
        translator: Translator | None = None,
        summarizer_factory: SummarizerFactory | None = None,
    ) -> None:
        self.options = options or SummaryOptions()
        o = self.options
        if o.method not in METHODS:
            raise InputError(f"unknown method {o.method!r}; use one of {', '.join(METHODS)}")
        if o.strategy not in STRATEGIES:
            raise InputError(f"unknown strategy {o.strategy!r}; use one of {', '.join(STRATEGIES)}")
        if o.sentences < 1:
            raise InputError(f"{setting('sentences')} must be at least 1")
        if o.max_chars < 1:
            raise InputError(f"{setting('max_chars')} must be at least 1")
        if o.method == "extractive" and o.strategy != "summarize-first":
            raise InputError(f"the extractive method picks the article's own sentences: use {setting('strategy')} summarize-first")
        self.translator = translator or Translator(options=TranslateOptions(device=o.device, beams=o.beams, threads=o.threads))
        self._factory = summarizer_factory or load_summarizer
        self._summarizer: Summarizer | None = None
        self.load_seconds = 0.0  # loading the summarizer model

    def output_settings(self) -> dict[str, Any]:
        """Every setting that changes a summary (not the device, threads or backend); a batch
        redoes an article when these change."""
        o = self.options
        prompt = None
        if o.prompt_file is not None:
            with contextlib.suppress(OSError):
                prompt = hashlib.sha256(Path(o.prompt_file).read_bytes()).hexdigest()
        return {
            "method": o.method,
            "strategy": o.strategy,
            "sentences": o.sentences,
            "model": summarizer_model(o.method, o.strategy, o.model),
            "beams": o.beams,
            "prompt_sha256": prompt,
        }

    def summarizer(self) -> Summarizer:
        if self._summarizer is None:
            o = self.options
            start = time.perf_counter()
            self._summarizer = self._factory(o.method, summarizer_model(o.method, o.strategy, o.model), o)
            self.load_seconds = time.perf_counter() - start
        return self._summarizer

    def summarize(self, text: str, *, source_lang: str = "auto", target_lang: str | None = None, source_name: str | None = None) -> Summary:
        result = self.summarize_many([SummaryRequest(text, source_lang, target_lang, source_name)])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def summarize_many(self, requests: Sequence[SummaryRequest]) -> list[Summary | Exception]:
        """Summarize several articles, their drafts together (``Summarizer.draft_many``: the
        pieces of every article in shared, length-sorted batches where the model batches).
        Each result is what ``summarize`` gives for that article alone, or the exception it
        raises; ``stats.seconds`` and ``stats.model_calls`` are the whole call's."""
        start = time.perf_counter()
        jobs: list[_Job | Exception] = []
        for request in requests:
            try:
                jobs.append(self._plan(request))
            except Exception as e:  # noqa: BLE001 — this article's failure, kept for it
                jobs.append(e)
        planned = [j for j in jobs if isinstance(j, _Job)]
        calls_before = self.summarizer().model_calls if planned else 0
        drafts = iter(self.summarizer().draft_many([j.draft for j in planned]) if planned else [])
        results: list[Summary | Exception] = []
        for job in jobs:
            if isinstance(job, Exception):
                results.append(job)
                continue
            draft = next(drafts)
            try:
                results.append(draft if isinstance(draft, Exception) else self._finish(job, draft, start, calls_before))
            except Exception as e:  # noqa: BLE001
                results.append(e)
        return results

    def _plan(self, request: SummaryRequest) -> _Job:
        """Check and read an article; what its draft needs (translate-first: the translation)."""
        text, o = request.text, self.options
        if len(text) > o.max_chars:
            raise InputError(
                f"the input has {len(text):,} characters, more than the {o.max_chars:,} a summary reads ({setting('max_chars')}); "
                f"raise {setting('max_chars')} to summarize it (memory grows by about 30 MB per million characters)"
            )
        text = normalize_text(text)
        if not text.strip():
            raise InputError("nothing to summarize: the input is empty")
        source_lang = detect_language(text) if request.source_lang == "auto" else request.source_lang
        target_lang = request.target_lang or source_lang
        if source_lang not in LANGUAGES or target_lang not in LANGUAGES:
            raise InputError(f"unsupported language; use one of {', '.join(LANGUAGES)}")
        sentences = article_sentences(text, source_lang)
        if not sentences:
            raise InputError("nothing to summarize: the input has no prose sentences")
        strategy = o.strategy if target_lang != source_lang else "summarize-first"
        summarizer = self.summarizer()
        job = _Job(request, source_lang, target_lang, strategy, sentences, sentences, [text])
        if strategy == "translate-first":
            translation = self.translator.translate(text, source_lang=source_lang, target_lang=target_lang)
            job.evidence_pool = [s.translation for p in translation.paragraphs if p.kind == "text" for s in p.segments]
            job.sentences = [s.source for p in translation.paragraphs if p.kind == "text" for s in p.segments]
            job.references = [text, translation.text]
            job.draft = DraftJob(tuple(job.evidence_pool), target_lang, target_lang, o.sentences)
        elif strategy == "direct":
            if not summarizer.supports_direct(source_lang, target_lang):
                raise InputError(
                    f"{summarizer.model} cannot write {target_lang} from {source_lang} directly; "
                    f"use {setting('strategy')} summarize-first or a cross-lingual model such as csebuetnlp/mT5_m2m_crossSum"
                )
            job.draft = DraftJob(tuple(sentences), source_lang, target_lang, o.sentences)
        else:
            job.draft = DraftJob(tuple(sentences), source_lang, source_lang, o.sentences)
        return job

    def _finish(self, job: _Job, draft: Draft, start: float, calls_before: int) -> Summary:
        """The summary in both languages, its evidence and unsupported facts."""
        o, summarizer = self.options, self.summarizer()
        source_lang, target_lang, strategy = job.source_lang, job.target_lang, job.strategy
        if strategy == "translate-first":
            texts = back = draft.sentences
        elif strategy == "direct":
            texts = draft.sentences
            back = self._translate(texts, target_lang, source_lang)  # for evidence in one language
        else:
            back = draft.sentences
            texts = self._translate(back, source_lang, target_lang)
        found = draft.evidence if draft.evidence is not None else evidence_all(back, job.evidence_pool)
        index = FactIndex(job.references)  # read once for every summary sentence
        summary = tuple(SummarySentence(t, b, ev, _unsupported(t, b, index)) for t, b, ev in zip(texts, back, found, strict=True))
        warnings = tuple(
            f"summary sentence {i + 1} has numbers or names the article does not contain: {', '.join(s.unsupported)}"
            for i, s in enumerate(summary)
            if s.unsupported
        )
        translation_model = None
        if target_lang != source_lang:
            pair = (target_lang, source_lang) if strategy == "direct" else (source_lang, target_lang)
            translation_model = self.translator.backend(*pair).name
        calls = summarizer.model_calls - calls_before
        return Summary(
            source_lang=source_lang,
            target_lang=target_lang,
            method=o.method,
            strategy=strategy,
            model=summarizer.model,
            sentences=summary,
            source_sentences=tuple(job.sentences),
            stats=SummaryStats(draft.pieces, draft.rounds, round(time.perf_counter() - start, 3), round(self.load_seconds, 3), calls),
            source_name=job.request.source_name,
            translation_model=translation_model,
            prompt=summarizer.prompt,
            warnings=warnings,
        )

    def _translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[str]:
        if source_lang == target_lang:
            return list(sentences)
        return self.translator.translate_sentences(sentences, source_lang, target_lang)


def article_sentences(text: str, lang: str) -> list[str]:
    """The article's prose sentences (page noise left out), whitespace collapsed."""
    return [" ".join(s.split()) for p in split_paragraphs(text) if p.kind == "text" for s in split_sentences(p.text, lang)]


def _unsupported(text: str, source_text: str, index: FactIndex) -> tuple[str, ...]:
    """Names and numbers of the article-language sentence, plus numbers of the translated one."""
    found = unsupported(source_text, index)
    if text != source_text:
        found += tuple(x for x in unsupported(text, index) if x[:1].isdigit())
    return tuple(dict.fromkeys(found))


def summarize_text(text: str, lang: str | None = None, method: str = "abstractive", **options: Any) -> Summary:
    """Summarize one text (a convenience over ``SummaryPipeline``); ``lang`` is the summary's language."""
    return SummaryPipeline(SummaryOptions(method=method, **options)).summarize(text, target_lang=lang)
