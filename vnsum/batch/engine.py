"""Where a batch's model work runs: the ``Engine`` protocol and the local engine.

An engine gets the chunks (packed by ``ChunkWorker.chunks``, the same for every engine)
and hands each article's outcome to the batch (a ``Sink``), which writes and records it.
``LocalEngine`` runs a ``ChunkWorker`` in this process; ``vnsum.batch.ray_engine.RayEngine``
runs one per Ray worker.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Protocol

from vnsum.batch.options import BatchProgress
from vnsum.batch.worker import ChunkWorker, Completed, Failed, PreparedArticle, StopRequested

#: Seconds between fsyncs of the manifest's appended records (each is written as it is made;
#: the manifest is compacted at the end).
MANIFEST_INTERVAL = 2.0


class Sink(Protocol):
    """What an engine reports to: the batch run."""

    progress: BatchProgress

    @property
    def stop_requested(self) -> bool:
        """A signal came: stop at the next safe point."""

    def stopping(self) -> bool:
        """``stop_requested``, saying why (once) when it is."""

    def failed(self, failure: Failed) -> None: ...

    def completed(self, done: Completed, translate_seconds: float, chunk_seconds: float) -> None: ...

    def checkpoint(self, interval: float) -> None:
        """fsync the manifest's appended records if the last fsync is ``interval`` seconds old."""


class Engine(Protocol):
    """Runs the model work of a batch."""

    def process(self, chunks: Iterable[list[PreparedArticle]], sink: Sink) -> bool:
        """Translate and complete every chunk, handing each article's outcome to ``sink``;
        True if it stopped early on a signal."""

    def load_seconds(self) -> float:
        """Seconds spent so far loading models and starting up (not counted as work)."""


class LocalEngine:
    """The model work in this process: one chunk at a time, each article written as soon as
    it is complete; a signal abandons the model call in progress (its chunk is redone next run)."""

    def __init__(self, worker: ChunkWorker) -> None:
        self.worker = worker

    def load_seconds(self) -> float:
        return self.worker.load_seconds

    def process(self, chunks: Iterable[list[PreparedArticle]], sink: Sink) -> bool:
        for chunk in chunks:
            if self._run_chunk(chunk, sink):
                return True
            sink.checkpoint(MANIFEST_INTERVAL)
        return sink.stopping()

    def _run_chunk(self, chunk: list[PreparedArticle], sink: Sink) -> bool:
        """One model call for the chunk, then each article; True if interrupted."""
        total = sum(p.document.sentence_count for p in chunk)
        sink.progress.chunk(len(chunk), total)
        unique = max(1, len({(p.document.source_lang, s) for p in chunk for g in p.document.sentences for s in g}))
        done = [0]

        def tick(n: int) -> None:
            step = min(n, max(0, unique - done[0]))
            done[0] += step
            sink.progress.sentences(step * total / unique)
            if sink.stop_requested:
                raise StopRequested

        start, load_before = time.perf_counter(), self.worker.load_seconds
        try:
            translations = self.worker.translate(chunk, tick)
        except StopRequested:
            return True
        failures = [t for t in translations if isinstance(t, Failed)]
        for failure in failures:
            sink.failed(failure)
        if len(chunk) == 1 and failures:
            return False
        sink.progress.sentences(max(0.0, total - done[0] * total / unique))
        seconds = time.perf_counter() - start - (self.worker.load_seconds - load_before)
        if sink.stopping():
            return True
        for article, translation, outcome in zip(chunk, translations, self.worker.complete_all(chunk, translations), strict=True):
            if isinstance(translation, Failed):
                continue
            if isinstance(outcome, Failed):
                sink.failed(outcome)
                continue
            sink.completed(outcome, seconds * article.document.sentence_count / max(1, total), seconds)
        return False
