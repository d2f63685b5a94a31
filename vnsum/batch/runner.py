"""``Batch``: one run. It plans (``plan``), hands the chunks to an engine (``engine``: local
or Ray), records every outcome in the output folder (``store``), keeps the manifest
current, reports progress and stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from vnsum.batch.engine import Engine, LocalEngine
from vnsum.batch.inputs import Item, check_paths
from vnsum.batch.options import MANIFEST, BatchOptions, BatchProgress, BatchResult
from vnsum.batch.plan import batch_settings, plan_batch, settings_hash
from vnsum.batch.store import OutputStore
from vnsum.batch.worker import FATAL, ChunkWorker, Completed, Failed, PreparedArticle
from vnsum.errors import InputError, setting
from vnsum.formats import FORMAT_EXTENSIONS

if TYPE_CHECKING:  # the runtime imports are lazy
    from vnsum.memory import TranslationMemory
    from vnsum.summarize import SummaryOptions, SummaryPipeline
    from vnsum.translator import TranslateOptions, Translator


class Batch:
    """Translate (and summarize) every input of INPUT (a folder or a JSON Lines file) into OUT_DIR.

    ``translator`` / ``summary_pipeline`` are built from ``model`` and ``translate_options``
    (and ``summary_options``) when not given; pass your own to share loaded models.
    ``engine`` runs the model work (default: ``LocalEngine``, in this process);
    ``describe`` words a domain error for the records.
    """

    def __init__(
        self,
        input_path: str | Path,
        out_dir: str | Path,
        options: BatchOptions | None = None,
        *,
        model: str | None = None,
        translate_options: TranslateOptions | None = None,
        summary_options: SummaryOptions | None = None,
        translator: Translator | None = None,
        summary_pipeline: SummaryPipeline | None = None,
        progress: BatchProgress | None = None,
        memory: TranslationMemory | None = None,
        describe: Callable[[BaseException], str] = str,
        engine: Engine | None = None,
    ) -> None:
        from vnsum.translator import TranslateOptions, Translator

        self.input_path: str | Path = input_path if str(input_path) == "-" else Path(input_path)
        self.out_dir = Path(out_dir)
        self.options = options or BatchOptions()
        o = self.options
        if o.fmt not in FORMAT_EXTENSIONS:
            raise InputError(f"unknown format {o.fmt!r}; use one of {', '.join(FORMAT_EXTENSIONS)}")
        if o.chunk_articles < 1 or o.chunk_sentences < 1:
            raise InputError("chunk sizes must be at least 1")
        if not o.translate and not o.summarize:
            raise InputError(f"nothing to do: without {setting('translate')} a batch only summarizes (ask for {setting('summarize')})")
        self.translator = translator or Translator(model, translate_options or TranslateOptions(), memory=memory)
        self.summary_pipeline = summary_pipeline
        if o.summarize and summary_pipeline is None:
            from vnsum.summarize import SummaryOptions, SummaryPipeline

            self.summary_pipeline = SummaryPipeline(summary_options or SummaryOptions(), translator=self.translator)
        self.progress = progress or BatchProgress()
        self.describe = describe
        self.worker = ChunkWorker(o, self.translator, self.summary_pipeline, describe)
        self.engine: Engine = engine or LocalEngine(self.worker)
        self._stop = False
        self._stop_message: str | None = None
        self._sentences_done = 0
        self._failures = 0
        self._stopped: str | None = None  # why it stopped early (too many failures)

    # -- settings ------------------------------------------------------------------

    def settings(self) -> dict:
        """Everything that changes the outputs (see ``vnsum.batch.plan.batch_settings``)."""
        summary = self.summary_pipeline.output_settings() if self.summary_pipeline is not None else None
        return batch_settings(self.options, self.translator.output_settings(), summary)

    settings_hash = staticmethod(settings_hash)

    # -- the run -------------------------------------------------------------------

    def run(self) -> BatchResult:
        start = time.perf_counter()
        load_before = self.engine.load_seconds()
        o = self.options
        check_paths(self.input_path, self.out_dir)
        settings = self.settings()
        self.store = OutputStore(self.out_dir, o, self.settings_hash(settings))
        try:
            plan = plan_batch(self.input_path, self.out_dir, o, self.store)
        except BaseException:
            self.store.log.close()  # nothing appended yet: the manifest stays as it was
            raise
        self.progress.start(len(plan.items), len(plan.todo), plan.skipped)
        for note in plan.notes:
            self.progress.message(note)
        interrupted = False
        try:
            with self._signals():
                interrupted = self.engine.process(self._chunks(plan.todo), self)
        finally:
            self.stopping()  # say why it stopped, if it did
            self.store.write_manifest()
            result = self._result(settings, start, self.engine.load_seconds() - load_before, interrupted)
            if o.report:
                result.report = self.store.write_report(self.input_path, result)
        self.progress.finish(result)
        return result

    def _chunks(self, todo: Sequence[Item]) -> Iterator[list[PreparedArticle]]:
        return self.worker.chunks(todo, self.failed, self.stopping)

    # -- the Sink the engine reports to ----------------------------------------------

    @property
    def stop_requested(self) -> bool:
        return self._stop

    def stopping(self) -> bool:
        if self._stop_message:
            self.progress.message(self._stop_message)
            self._stop_message = None
        return self._stop

    def failed(self, failure: Failed) -> None:
        """Record a failed article; at ``max_failures`` of them, stop at the next safe point:
        a model that fails every article should not be run over a whole archive."""
        self.progress.article(self.store.failed(failure))
        self._failures += 1
        limit = self.options.max_failures
        if limit and self._failures >= limit and not self._stop:
            self._stop = True
            self._stopped = f"the limit of {limit} failed articles was reached"
            self._stop_message = f"{self._stopped}: stopping at the next safe point; everything done so far is kept"

    def completed(self, done: Completed, translate_seconds: float, chunk_seconds: float) -> None:
        """Write an article's files and record it (a failure to write fails that article)."""
        try:
            record = self.store.completed(done, translate_seconds, chunk_seconds)
        except FATAL:
            raise
        except Exception as e:
            t, doc = done.translation, done.article.document
            target = t.target_lang if t is not None else None
            self.failed(self.worker.failed(done.article.item, done.article.sha256, e, source_lang=doc.source_lang, target_lang=target))
            return
        self._sentences_done += done.translation.stats.sentences if done.translation is not None else 0
        self.progress.article(record)

    def checkpoint(self, interval: float) -> None:
        self.store.checkpoint(interval)

    # -- the end ---------------------------------------------------------------------

    def _result(self, settings: dict, start: float, load_seconds: float, interrupted: bool) -> BatchResult:
        store = self.store
        counts = store.counts()
        return BatchResult(
            out_dir=self.out_dir,
            records=store.result_records(),
            total=len(store.items),
            ok=counts["ok"],
            failed=counts["failed"],
            skipped=counts["skipped"],
            pending=len(store.items) - counts["recorded"],
            sentences=self._sentences_done,
            seconds=time.perf_counter() - start,
            load_seconds=load_seconds,
            interrupted=interrupted and self._stopped is None,
            stopped=self._stopped,
            flags=counts["flags"],
            manifest=self.out_dir / MANIFEST,
            settings=settings,
        )

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        """SIGINT/SIGTERM: stop at the next safe point; a second one stops at once."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum: int, _frame: FrameType | None) -> None:
            if self._stop:
                raise KeyboardInterrupt
            self._stop = True
            self._stop_message = (
                f"{signal.Signals(signum).name}: stopping at the next safe point; everything done so far is kept (again to stop now)"
            )

        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)


def translate_folder(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    model: str | None = None,
    translate_options: TranslateOptions | None = None,
    summary_options: SummaryOptions | None = None,
    progress: BatchProgress | None = None,
    **options: Any,
) -> BatchResult:
    """Translate (and summarize) every article of a folder or JSON Lines file into ``out_dir``.

    ``options`` are ``BatchOptions`` fields (``target_lang``, ``summarize``, ``fmt``,
    ``patterns``, ``force``, ``chunk_articles``…).
    """
    if "patterns" in options:
        options["patterns"] = tuple(options["patterns"])
    batch_options = BatchOptions(**options)
    return Batch(
        input_path,
        out_dir,
        batch_options,
        model=model,
        translate_options=translate_options,
        summary_options=summary_options,
        progress=progress,
    ).run()
