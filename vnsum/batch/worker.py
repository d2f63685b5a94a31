"""The model work on a chunk of articles, the same in every engine: ``ChunkWorker`` prepares
articles, translates a chunk in one model call (``Translator.translate_prepared``), and
completes its articles (checks; summaries in shared model batches). It writes nothing: it returns outcomes
(``Completed`` or ``Failed``), which the batch records in its output folder. The local
engine runs it in this process; the Ray engine runs one per Ray worker.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from vnsum.batch.inputs import Item
from vnsum.batch.options import BatchOptions
from vnsum.errors import InputError, ModelUnavailableError, error_line, setting

if TYPE_CHECKING:
    from vnsum.pipeline.prepare import PreparedDocument
    from vnsum.result import Translation
    from vnsum.summarize import SummaryPipeline
    from vnsum.summary import Summary
    from vnsum.translator import Translator


class StopRequested(Exception):
    """Raised from a progress callback to abandon the chunk in the model (a signal came)."""


class ArticleTimeout(InputError):
    """An article's work took longer than ``BatchOptions.article_timeout``: it fails, the run goes on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the per-article time-out of {seconds:g} s ({setting('article_timeout')}); not finished")


#: Never an article's failure: these stop the run.
FATAL: tuple[type[BaseException], ...] = (ModelUnavailableError, KeyboardInterrupt, StopRequested)


@dataclass
class PreparedArticle:
    """An article read, hashed and prepared for the model."""

    item: Item
    sha256: str
    text: str
    document: PreparedDocument
    note: str | None = None  # what was read from a web page, added to the warnings


@dataclass
class Completed:
    """An article's model work, done: its translation (checked; ``None`` in a summary-only
    batch) and summary."""

    article: PreparedArticle
    translation: Translation | None
    summary: Summary | None
    seconds: float  # checks and summary


@dataclass
class Failed:
    """An article that failed, with its one-line error; ``extra`` goes into its record."""

    item: Item
    sha256: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)


Outcome = Completed | Failed


class ChunkWorker:
    """Prepare, translate (a chunk at once) and complete articles with one translator and
    summary pipeline; ``describe`` words a domain error for the records."""

    def __init__(
        self,
        options: BatchOptions,
        translator: Translator,
        summary_pipeline: SummaryPipeline | None,
        describe: Callable[[BaseException], str] = str,
    ) -> None:
        self.options = options
        self.translator = translator
        self.summary_pipeline = summary_pipeline
        self.describe = describe

    @property
    def load_seconds(self) -> float:
        """Seconds spent loading models so far (translation and summary)."""
        summary = self.summary_pipeline.load_seconds if self.summary_pipeline is not None else 0.0
        return self.translator.load_seconds + summary

    def failed(self, item: Item, sha256: str, error: BaseException, **extra: Any) -> Failed:
        return Failed(item, sha256, error_line(error, self.describe), extra)

    # -- preparing -------------------------------------------------------------------

    def prepare(self, item: Item) -> PreparedArticle | Failed:
        """Read, hash, decode and prepare one article (no model)."""
        sha = ""
        start = time.perf_counter()
        try:
            if item.error:
                raise InputError(item.error)
            data = item.load()
            sha = hashlib.sha256(data).hexdigest()
            source = item.decode(data)
            o = self.options
            document = self.translator.prepare(source.text, source_lang=o.source_lang, target_lang=o.target_lang, source_name=item.key)
            if not document.sentence_count:
                raise InputError("nothing to translate: no prose sentences (only page noise)")
            self._within_time(start)
            return PreparedArticle(item, sha, source.text, document, source.note)
        except FATAL:
            raise
        except Exception as e:
            return self.failed(item, sha, e)

    def chunks(
        self, items: Iterable[Item], on_failed: Callable[[Failed], None], stopping: Callable[[], bool]
    ) -> Iterator[list[PreparedArticle]]:
        """Prepare articles lazily (failures go to ``on_failed``) and pack them into chunks of
        ``chunk_articles`` articles or ``chunk_sentences`` sentences; stops when ``stopping()``.
        Every engine sends the model these very chunks, so their outputs are identical."""
        o = self.options
        chunk: list[PreparedArticle] = []
        sentences = 0
        for item in items:
            if stopping():
                return
            prepared = self.prepare(item)
            if isinstance(prepared, Failed):
                on_failed(prepared)
                continue
            chunk.append(prepared)
            sentences += prepared.document.sentence_count
            if len(chunk) >= o.chunk_articles or sentences >= o.chunk_sentences:
                yield chunk
                chunk, sentences = [], 0
        if chunk:
            yield chunk

    def _within_time(self, start: float, articles: int = 1) -> None:
        """Raise ``ArticleTimeout`` once ``articles`` articles' time-out has passed since ``start``."""
        limit = self.options.article_timeout
        if limit is not None and time.perf_counter() - start > limit * articles:
            raise ArticleTimeout(limit)

    def _timed(self, progress: Callable[[int], None] | None, articles: int) -> Callable[[int], None] | None:
        """``progress``, raising ``ArticleTimeout`` between model batches once the time-out
        of ``articles`` articles has passed (a model call in progress is not cut)."""
        if self.options.article_timeout is None:
            return progress
        start = time.perf_counter()

        def tick(n: int) -> None:
            if progress is not None:
                progress(n)
            self._within_time(start, articles)

        return tick

    # -- the model work ----------------------------------------------------------------

    def translate(self, chunk: list[PreparedArticle], progress: Callable[[int], None] | None = None) -> list[Translation | Failed | None]:
        """The chunk's translations in one model call; when it fails, article by article,
        to find the one that breaks it (that one is ``Failed``). A summary-only batch
        translates nothing (``None`` each) and loads no translation model."""
        if not self.options.translate:
            return [None] * len(chunk)
        try:
            return list(self.translator.translate_prepared([p.document for p in chunk], progress=self._timed(progress, len(chunk))))
        except FATAL:
            raise
        except Exception as e:
            if len(chunk) == 1:
                return [self.failed(chunk[0].item, chunk[0].sha256, e)]
        out: list[Translation | Failed | None] = []
        for p in chunk:  # alone, each within its own time-out
            try:
                out.append(self.translator.translate_prepared([p.document], progress=self._timed(None, 1))[0])
            except FATAL:
                raise
            except Exception as e:
                out.append(self.failed(p.item, p.sha256, e))
        return out

    def complete_all(self, chunk: list[PreparedArticle], translations: list[Translation | Failed | None]) -> list[Outcome]:
        """``complete`` for every translated (or, summary only, untranslated) article of a chunk,
        their summaries together (``SummaryPipeline.summarize_many``: shared model batches, the
        same summaries)."""
        o = self.options
        done = [(a, t) for a, t in zip(chunk, translations, strict=True) if not isinstance(t, Failed)]
        summaries: dict[int, Summary | Exception] = {}
        share = 0.0
        if o.summarize and self.summary_pipeline is not None and len(done) > 1:
            from vnsum.summarize import SummaryRequest

            start = time.perf_counter()
            requests = [SummaryRequest(a.text, a.document.source_lang, o.summary_lang, a.item.key) for a, _ in done]
            for (article, _), result in zip(done, self.summary_pipeline.summarize_many(requests), strict=True):
                if isinstance(result, FATAL):
                    raise result
                summaries[id(article)] = result
            share = (time.perf_counter() - start) / len(done)
        outcomes: list[Outcome] = []
        for article, translation in zip(chunk, translations, strict=True):
            if isinstance(translation, Failed):
                outcomes.append(translation)
            elif id(article) in summaries:
                outcomes.append(self.complete(article, translation, summaries[id(article)], share))
            else:
                outcomes.append(self.complete(article, translation))
        return outcomes

    def complete(
        self,
        article: PreparedArticle,
        translation: Translation | None,
        summarized: Summary | Exception | None = None,
        seconds: float = 0.0,
    ) -> Completed | Failed:
        """The model work after the translation (``None``: summary only): checks and the summary,
        when asked (``summarized``: the summary, or its failure, already made by ``complete_all``)."""
        o = self.options
        start = time.perf_counter() - seconds
        summary = None
        doc = article.document
        languages = {"source_lang": doc.source_lang, "target_lang": translation.target_lang if translation else None}
        try:
            if translation is not None and (o.check or o.roundtrip):
                from vnsum.checking import check_translation_result

                translation = check_translation_result(translation, self.translator if o.roundtrip else None)
            if o.summarize and self.summary_pipeline is not None:
                if isinstance(summarized, Exception):
                    raise summarized
                summary = summarized or self.summary_pipeline.summarize(
                    article.text, source_lang=doc.source_lang, target_lang=o.summary_lang, source_name=article.item.key
                )
                if o.check or o.roundtrip:
                    from vnsum.checking import check_summary_result

                    summary = check_summary_result(summary, self.translator if o.roundtrip else None)
            self._within_time(start)
        except FATAL:
            raise
        except Exception as e:
            return self.failed(article.item, article.sha256, e, **languages)
        if article.note and translation is not None:
            translation = replace(translation, warnings=(article.note, *translation.warnings))
        elif article.note and summary is not None:
            summary = replace(summary, warnings=(article.note, *summary.warnings))
        return Completed(article, translation, summary, time.perf_counter() - start)

    def run(self, chunk: list[PreparedArticle]) -> ChunkResult:
        """Translate a chunk and complete each article (what a remote worker does)."""
        start, load_before = time.perf_counter(), self.load_seconds
        translations = self.translate(chunk)
        seconds = time.perf_counter() - start - (self.load_seconds - load_before)
        return ChunkResult(self.complete_all(chunk, translations), seconds)


@dataclass
class ChunkResult:
    """A chunk's outcomes, in its order, and the seconds of its model call (loading excluded)."""

    outcomes: list[Outcome]
    seconds: float
