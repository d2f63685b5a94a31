"""``Batch``: the run itself. Prepares articles lazily, packs them into chunks for one model
call each, finishes every article (checks, summary, files, record), keeps the manifest
current, reports progress and stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnsum.batch.inputs import DEFAULT_GLOBS, FORMAT_EXTENSIONS, Item, _strip_suffix, assign_stems, check_paths, discover, safe_name
from vnsum.batch.manifest import MANIFEST, _now, batch_settings, error_line, load_manifest, settings_hash
from vnsum.batch.options import BatchOptions, BatchProgress, BatchResult
from vnsum.batch.outputs import write_outputs, write_report
from vnsum.errors import InputError, ModelUnavailableError
from vnsum.textio import atomic_write

#: Seconds between manifest rewrites during a run (it is always written at the end too).
MANIFEST_INTERVAL = 2.0


class _Stop(Exception):
    """Raised from the progress callback to abandon the chunk in the model on a signal."""


@dataclass
class _Prepared:
    item: Item
    sha256: str
    text: str
    document: Any  # PreparedDocument


class Batch:
    """Translate (and summarize) every input of INPUT (a folder or a JSON Lines file) into OUT_DIR.

    ``translator`` / ``summary_pipeline`` are built from ``model`` and ``translate_options``
    (and ``summary_options``) when not given; pass your own to share loaded models.
    """

    def __init__(
        self,
        input_path: str | Path,
        out_dir: str | Path,
        options: BatchOptions | None = None,
        *,
        model: str | None = None,
        translate_options: Any = None,
        summary_options: Any = None,
        translator: Any = None,
        summary_pipeline: Any = None,
        progress: BatchProgress | None = None,
        memory: Any = None,
        describe: Callable[[BaseException], str] = str,
    ) -> None:
        from vnsum.translator import TranslateOptions, Translator

        self.input_path = input_path if str(input_path) == "-" else Path(input_path)
        self.out_dir = Path(out_dir)
        self.options = options or BatchOptions()
        o = self.options
        if o.fmt not in FORMAT_EXTENSIONS:
            raise InputError(f"unknown format {o.fmt!r}; use one of {', '.join(FORMAT_EXTENSIONS)}")
        if o.chunk_articles < 1 or o.chunk_sentences < 1:
            raise InputError("chunk sizes must be at least 1")
        self.translator = translator or Translator(model, translate_options or TranslateOptions(), memory=memory)
        self.summary_pipeline = summary_pipeline
        if o.summarize and summary_pipeline is None:
            from vnsum.summarize import SummaryOptions, SummaryPipeline

            self.summary_pipeline = SummaryPipeline(summary_options or SummaryOptions(), translator=self.translator)
        self.progress = progress or BatchProgress()
        #: Words a domain error for the records (the CLI names its flags).
        self.describe = describe
        self._stop = False
        self._stop_message: str | None = None

    # -- settings ------------------------------------------------------------------

    def settings(self) -> dict:
        """This batch's settings: see ``vnsum.batch.manifest.batch_settings``."""
        return batch_settings(self.options, self.translator, self.summary_pipeline)

    settings_hash = staticmethod(settings_hash)

    # -- the run -------------------------------------------------------------------

    def run(self) -> BatchResult:
        start = time.perf_counter()
        load_before = self.translator.load_seconds
        o = self.options
        check_paths(self.input_path, self.out_dir)
        items = discover(self.input_path, self.out_dir, o.patterns)
        wanted = [safe_name(i.id) if i.id is not None else _strip_suffix(i.key) for i in items]
        assign_stems(items, wanted, o.fmt, o.summarize)
        self._items = items  # this run's inputs, in order (the Ray engine rewrites the manifest as it goes)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._out_real = self.out_dir.resolve()
        settings = self.settings()
        self._settings_hash = self.settings_hash(settings)
        old = load_manifest(self.out_dir / MANIFEST)
        current = {i.key for i in items}
        self._kept = {k: r for k, r in old.items() if k not in current}  # other inputs' records stay
        self._records: dict[str, dict] = {i.key: old[i.key] for i in items if i.key in old}
        self._fresh: set[str] = set()  # keys recorded by this run

        todo: list[Item] = []
        skipped = 0
        for item in items:
            if not o.force and item.error is None and self._done_before(item, old.get(item.key)):
                self._records[item.key] = {**old[item.key], "status": "skipped", "error": None}
                self._fresh.add(item.key)
                skipped += 1
            else:
                todo.append(item)
        self.progress.start(len(items), len(todo), skipped)
        self._sentences_done = 0
        interrupted = False
        try:
            with self._signals():
                interrupted = self._process(todo)
        finally:
            self._stopping()  # say why it stopped, if it did
            self._write_manifest(items)
            result = self._result(items, settings, start, load_before, interrupted)
            if o.report:
                result.report = write_report(self.out_dir, self.input_path, items, result, self._fresh, durable=o.durable)
        self.progress.finish(result)
        return result

    def _done_before(self, item: Item, record: dict | None) -> bool:
        if not record or record.get("status") not in ("ok", "skipped"):
            return False
        if record.get("settings") != self._settings_hash or record.get("stem") != item.stem:
            return False
        try:
            item.sha256 = hashlib.sha256(item.load()).hexdigest()
        except InputError:
            return False
        if record.get("sha256") != item.sha256:
            return False
        return all((self.out_dir / name).is_file() for name in record.get("outputs", ()))

    def _process(self, todo: list[Item]) -> bool:
        """Prepare articles lazily into chunks and translate each chunk at once; True if interrupted."""
        last_write = time.monotonic()
        for chunk in self._chunks(todo):
            if self._run_chunk(chunk):
                return True
            if time.monotonic() - last_write >= MANIFEST_INTERVAL:
                # Even a hard kill (no chance to clean up) loses at most a few seconds of records.
                self._write_manifest(self._items)
                last_write = time.monotonic()
        return self._stopping()

    def _chunks(self, todo: list[Item]) -> Iterator[list[_Prepared]]:
        """Prepare articles lazily (failures are recorded) and pack them into chunks of
        ``chunk_articles`` articles or ``chunk_sentences`` sentences; stops on a signal.
        Shared with the Ray engine, so that both send the model the same batches."""
        o = self.options
        chunk: list[_Prepared] = []
        sentences = 0
        for item in todo:
            if self._stopping():
                return
            prepared = self._prepare(item)
            if prepared is None:
                continue
            chunk.append(prepared)
            sentences += prepared.document.sentence_count
            if len(chunk) >= o.chunk_articles or sentences >= o.chunk_sentences:
                yield chunk
                chunk, sentences = [], 0
        if chunk:
            yield chunk

    def _stopping(self) -> bool:
        if self._stop_message:
            self.progress.message(self._stop_message)
            self._stop_message = None
        return self._stop

    def _prepare(self, item: Item) -> _Prepared | None:
        sha = ""
        try:
            if item.error:
                raise InputError(item.error)
            data = item.load()
            sha = hashlib.sha256(data).hexdigest()
            text = item.decode(data)
            document = self.translator.prepare(
                text, source_lang=self.options.source_lang, target_lang=self.options.target_lang, source_name=item.key
            )
            if not document.sentence_count:
                raise InputError("nothing to translate: no prose sentences (only page noise)")
            return _Prepared(item, sha, text, document)
        except (ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            self._fail(item, sha, e)
            return None

    def _fail(self, item: Item, sha: str, error: BaseException, **extra) -> None:
        message = error_line(error, self.describe)
        record = self._record(item, sha, "failed", error=message, **extra)
        self._records[item.key] = record
        self._fresh.add(item.key)
        self.progress.article(record)

    def _record(self, item: Item, sha: str, status: str, **fields) -> dict:
        record = {"path": item.key}
        if item.id is not None:
            record.update(id=item.id, line=item.line)
        record.update(stem=item.stem, sha256=sha, settings=self._settings_hash, status=status, error=None)
        record.update(fields)
        record["finished"] = _now()
        return record

    def _run_chunk(self, chunk: list[_Prepared]) -> bool:
        total = sum(p.document.sentence_count for p in chunk)
        self.progress.chunk(len(chunk), total)
        unique = max(1, len({(p.document.source_lang, s) for p in chunk for g in p.document.sentences for s in g}))
        done = [0]

        def tick(n: int) -> None:
            step = min(n, max(0, unique - done[0]))
            done[0] += step
            self.progress.sentences(step * total / unique)
            if self._stop:
                raise _Stop

        start = time.perf_counter()
        load_before = self.translator.load_seconds
        try:
            translations = self._translate_chunk(chunk, tick)
        except _Stop:
            return True
        if translations is None:
            return False
        self.progress.sentences(max(0.0, total - done[0] * total / unique))
        seconds = time.perf_counter() - start - (self.translator.load_seconds - load_before)
        for prepared, translation in zip(chunk, translations, strict=True):
            if translation is None:
                continue
            if self._stopping():
                return True
            share = seconds * prepared.document.sentence_count / max(1, total)
            self._finish_article(prepared, translation, share, seconds)
        return False

    def _translate_chunk(self, chunk: list[_Prepared], progress: Any = None) -> list | None:
        """The chunk's translations in one model call (``None`` for an article that failed);
        ``None`` when the chunk was a single article and it failed."""
        try:
            return self.translator.translate_prepared([p.document for p in chunk], progress=progress)
        except (_Stop, ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            if len(chunk) == 1:
                self._fail(chunk[0].item, chunk[0].sha256, e)
                return None
            return self._one_by_one(chunk)  # find the article that breaks the model call

    def _one_by_one(self, chunk: list[_Prepared]) -> list:
        out = []
        for p in chunk:
            try:
                out.append(self.translator.translate_prepared([p.document])[0])
            except (ModelUnavailableError, KeyboardInterrupt):
                raise
            except Exception as e:
                self._fail(p.item, p.sha256, e)
                out.append(None)
        return out

    def _complete(self, prepared: _Prepared, translation) -> tuple[Any, Any]:
        """The model work after the translation: checks and the summary, when asked."""
        o = self.options
        summary = None
        if o.check or o.roundtrip:
            from vnsum.checking import check_translation_result

            translation = check_translation_result(translation, self.translator if o.roundtrip else None)
        if o.summarize:
            summary = self.summary_pipeline.summarize(
                prepared.text, source_lang=translation.source_lang, target_lang=o.summary_lang, source_name=prepared.item.key
            )
            if o.check or o.roundtrip:
                from vnsum.checking import check_summary_result

                summary = check_summary_result(summary, self.translator if o.roundtrip else None)
        return translation, summary

    def _finish_article(
        self, prepared: _Prepared, translation, translate_seconds: float, chunk_seconds: float, completed: tuple | None = None
    ) -> None:
        """Checks, summary, files and record of one article. ``completed`` is ``(translation,
        summary, seconds)`` when the checks and summary were done elsewhere (a Ray worker)."""
        o, item = self.options, prepared.item
        start = time.perf_counter()
        summary = None
        elsewhere = 0.0
        try:
            if completed is None:
                translation, summary = self._complete(prepared, translation)
            else:
                translation, summary, elsewhere = completed
            outputs = write_outputs(self.out_dir, self._out_real, item, translation, summary, o)
        except (ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            self._fail(item, prepared.sha256, e, source_lang=translation.source_lang, target_lang=translation.target_lang)
            return
        flags = sum(len(s.flags) for s in translation.segments) + (sum(len(s.flags) for s in summary.sentences) if summary else 0)
        record = self._record(
            item,
            prepared.sha256,
            "ok",
            source_lang=translation.source_lang,
            target_lang=translation.target_lang,
            sentences=translation.stats.sentences,
            flags=flags,
            warnings=len(translation.warnings) + (len(summary.warnings) if summary else 0),
            outputs=outputs,
            record=f"{item.stem}.json",
            summary_record=f"{item.stem}.summary.{summary.target_lang}.json" if summary else None,
            models={
                "translation": translation.model,
                "summarizer": summary.model if summary else None,
                "summary_translation": summary.translation_model if summary else None,
            },
            seconds={
                "translate": round(translate_seconds, 3),
                "translate_chunk": round(chunk_seconds, 3),
                "summary_and_write": round(time.perf_counter() - start + elsewhere, 3),
            },
        )
        self._records[item.key] = record
        self._fresh.add(item.key)
        self._sentences_done += translation.stats.sentences
        self.progress.article(record)

    def _write_manifest(self, items: list[Item]) -> None:
        records = [self._records[i.key] for i in items if i.key in self._records] + list(self._kept.values())
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        atomic_write(self.out_dir / MANIFEST, text, durable=self.options.durable)

    def _result(self, items: list[Item], settings: dict, start: float, load_before: float, interrupted: bool) -> BatchResult:
        records = [self._records[i.key] for i in items if i.key in self._fresh]
        counts = {s: sum(1 for r in records if r["status"] == s) for s in ("ok", "failed", "skipped")}
        load = self.translator.load_seconds - load_before
        if self.summary_pipeline is not None:
            load += getattr(self.summary_pipeline, "_load_seconds", 0.0)
        return BatchResult(
            out_dir=self.out_dir,
            records=[self._records.get(i.key) or {"path": i.key, "stem": i.stem, "status": "pending"} for i in items],
            total=len(items),
            ok=counts["ok"],
            failed=counts["failed"],
            skipped=counts["skipped"],
            pending=len(items) - len(records),
            sentences=self._sentences_done,
            seconds=time.perf_counter() - start,
            load_seconds=load,
            interrupted=interrupted,
            flags=sum(r.get("flags", 0) for r in records if r["status"] in ("ok", "skipped")),
            manifest=self.out_dir / MANIFEST,
            settings=settings,
        )

    @contextlib.contextmanager
    def _signals(self):
        """SIGINT/SIGTERM: stop at the next safe point; a second one stops at once."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum, _frame):
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
    target_lang: str | None = None,
    source_lang: str = "auto",
    summarize: bool = False,
    summary_lang: str | None = None,
    fmt: str = "text",
    patterns: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    model: str | None = None,
    translate_options: Any = None,
    summary_options: Any = None,
    progress: BatchProgress | None = None,
    **options: Any,
) -> BatchResult:
    """Translate (and summarize) every article of a folder or JSON Lines file into ``out_dir``."""
    batch_options = BatchOptions(
        source_lang=source_lang,
        target_lang=target_lang,
        fmt=fmt,
        summarize=summarize,
        summary_lang=summary_lang,
        patterns=tuple(patterns),
        force=force,
        **options,
    )
    return Batch(
        input_path,
        out_dir,
        batch_options,
        model=model,
        translate_options=translate_options,
        summary_options=summary_options,
        progress=progress,
    ).run()
