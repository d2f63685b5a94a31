"""The output folder of a batch, ``OutputStore``: every file of OUT_DIR goes through it.

Per article its readable files, summary and JSON records (each written atomically and
checked to stay inside OUT_DIR); the manifest (``OUT_DIR/manifest.jsonl``: appended one
record per finished input during the run, compacted at the end to one record per input, its
latest state; the records of inputs not in this run are kept — see ``manifest``); the HTML
report, built at the end from the compacted records. An article's record is made only after
all its files are in place.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from vnsum.batch.inputs import Item
from vnsum.batch.manifest import ManifestLog, index_manifest, record_at
from vnsum.batch.options import MANIFEST, REPORT, BatchOptions, BatchResult
from vnsum.errors import InputError
from vnsum.formats import FORMAT_EXTENSIONS
from vnsum.textio import atomic_write, make_folder

if TYPE_CHECKING:
    from vnsum.batch.worker import Completed, Failed
    from vnsum.result import Translation
    from vnsum.summary import Summary


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class OutputStore:
    """OUT_DIR: the articles' files, their records, the manifest and the report."""

    def __init__(self, out_dir: Path, options: BatchOptions, settings_hash: str) -> None:
        self.out_dir = out_dir
        self.options = options
        self.settings_hash = settings_hash
        self.out_real = self.out_dir.resolve()
        # Small per-input data only (a large batch must not hold every record): where each
        # input's latest record starts in the manifest (before this run, then this run's),
        # the fields changed on records kept without a new line (skipped, removed), and the
        # status and flag count of the inputs recorded by this run.
        self.index: dict[str, int] = {}
        self.changed: dict[str, dict] = {}
        self.fresh: dict[str, tuple[str, int]] = {}
        self.items: list[Item] = []
        self.log = ManifestLog(out_dir / MANIFEST, durable=options.durable)
        self._reader: BinaryIO | None = None

    def open(self, items: list[Item]) -> None:
        """Create OUT_DIR and index its manifest; ``items`` are this run's inputs, in order,
        and their previous records stand until replaced."""
        make_folder(self.out_dir)
        self.out_real = self.out_dir.resolve()
        self.index, cut = index_manifest(self.out_dir / MANIFEST)
        self.log.open(cut)
        self.items = items

    def previous(self, key: str) -> dict | None:
        """The latest record of ``key`` in the manifest (before this run, when called while planning)."""
        offset = self.index.get(key)
        if offset is None:
            return None
        if self._reader is None:
            self._reader = (self.out_dir / MANIFEST).open("rb")
        return {**record_at(self._reader, offset), **self.changed.get(key, {})}

    def mark_removed(self, gone: Callable[[str], bool]) -> None:
        """Inputs of earlier runs that are not in this run and ``gone`` (no longer there):
        their records stay in the manifest, marked removed."""
        current = {i.key for i in self.items}
        for key in [k for k in self.index if k not in current]:
            record = self.previous(key)
            if record is not None and record.get("status") != "removed" and gone(key):
                self.changed[key] = {"status": "removed", "error": "the input is no longer there; its outputs are left in place"}

    # -- records -----------------------------------------------------------------------

    def _record(self, item: Item, sha: str, status: str, **fields: Any) -> dict:
        record: dict[str, Any] = {"path": item.key}
        if item.id is not None:
            record.update(id=item.id, line=item.line)
        record.update(stem=item.stem, sha256=sha, settings=self.settings_hash, status=status, error=None)
        record.update(fields)
        record["finished"] = _now()
        return record

    def _keep(self, record: dict, *, append: bool = True) -> dict:
        """This run's latest record of an input; a finished one is appended to the manifest
        (a skipped one need not be: its earlier record already counts)."""
        key = record["path"]
        self.fresh[key] = (record["status"], record.get("flags") or 0)
        offset = self.log.append(record) if append else -1
        if offset >= 0:
            self.index[key] = offset
            self.changed.pop(key, None)
        return record

    def skipped(self, item: Item) -> dict:
        self.changed[item.key] = {"status": "skipped", "error": None}
        record = self.previous(item.key)
        assert record is not None
        return self._keep(record, append=False)

    def counts(self) -> dict[str, int]:
        """This run's inputs by status (``ok``, ``failed``, ``skipped``), ``recorded`` and the ``flags`` of those done."""
        counts = {"ok": 0, "failed": 0, "skipped": 0, "recorded": len(self.fresh), "flags": 0}
        for status, flags in self.fresh.values():
            counts[status] = counts.get(status, 0) + 1
            counts["flags"] += flags if status in ("ok", "skipped") else 0
        return counts

    def failed(self, failure: Failed) -> dict:
        return self._keep(self._record(failure.item, failure.sha256, "failed", error=failure.message, **failure.extra))

    def completed(self, done: Completed, translate_seconds: float, chunk_seconds: float) -> dict:
        """Write an article's files, then its record (raises when a file cannot be written)."""
        start = time.perf_counter()
        translation, summary, item = done.translation, done.summary, done.article.item
        outputs = self._write_article(item, translation, summary)
        parts = ([translation.segments] if translation else []) + ([summary.sentences] if summary else [])
        flags = sum(len(s.flags) for part in parts for s in part)
        return self._keep(
            self._record(
                item,
                done.article.sha256,
                "ok",
                source_lang=done.article.document.source_lang,
                target_lang=translation.target_lang if translation else None,
                translated=translation is not None,
                summarized=summary is not None,
                sentences=translation.stats.sentences if translation else done.article.document.sentence_count,
                flags=flags,
                warnings=(len(translation.warnings) if translation else 0) + (len(summary.warnings) if summary else 0),
                outputs=outputs,
                record=f"{item.stem}.json" if translation else None,
                summary_record=f"{item.stem}.summary.{summary.target_lang}.json" if summary else None,
                models={
                    "translation": translation.model if translation else None,
                    "summarizer": summary.model if summary else None,
                    "summary_translation": summary.translation_model if summary else None,
                },
                seconds={
                    "translate": round(translate_seconds, 3),
                    "translate_chunk": round(chunk_seconds, 3),
                    "summary_and_write": round(time.perf_counter() - start + done.seconds, 3),
                },
            )
        )

    def done_before(self, item: Item) -> bool:
        """Whether the previous record of ``item`` still counts: same settings, stem and
        content (``item.sha256`` is set on the way), and its outputs still exist. A URL is
        not fetched again: done once with these settings, it is done."""
        record = self.previous(item.key)
        if not record or record.get("status") not in ("ok", "skipped"):
            return False
        if record.get("settings") != self.settings_hash or record.get("stem") != item.stem:
            return False
        if item.url is not None:
            return all((self.out_dir / name).is_file() for name in record.get("outputs", ()))
        try:
            item.sha256 = hashlib.sha256(item.load()).hexdigest()
        except InputError:
            return False
        if record.get("sha256") != item.sha256:
            return False
        return all((self.out_dir / name).is_file() for name in record.get("outputs", ()))

    # -- files -------------------------------------------------------------------------

    def _write_article(self, item: Item, translation: Translation | None, summary: Summary | None) -> list[str]:
        from vnsum.views import write

        o = self.options
        ext = FORMAT_EXTENSIONS[o.fmt]
        files: list[tuple[str, str]] = []

        def render(result: Translation | Summary, fmt: str) -> str:
            stream = io.StringIO()
            write(result, fmt, stream, color=False, width=120)
            return stream.getvalue()

        if o.fmt != "json" and translation is not None:
            files.append((f"{item.stem}.{translation.target_lang}.{ext}", render(translation, o.fmt)))
        if summary is not None:
            if o.fmt != "json":
                files.append((f"{item.stem}.summary.{summary.target_lang}.{ext}", render(summary, o.fmt)))
            files.append((f"{item.stem}.summary.{summary.target_lang}.json", render(summary, "json")))
        if translation is not None:
            files.append((f"{item.stem}.json", render(translation, "json")))  # the record last: it completes the article
        for name, text in files:
            atomic_write(self.inside(name), text, durable=o.durable)
        return [name for name, _ in files]

    def inside(self, name: str) -> Path:
        """OUT_DIR/name, refusing anything that would land outside OUT_DIR (even through a link)."""
        rel = PurePosixPath(name)
        if rel.is_absolute() or any(part in ("", ".", "..") for part in rel.parts):
            raise InputError(f"unsafe output name {name!r}")
        path = self.out_dir.joinpath(*rel.parts)
        make_folder(path.parent)
        if not path.parent.resolve().is_relative_to(self.out_real) or (path.is_symlink() or path.is_dir()):
            raise InputError(f"output {name!r} would leave the output folder (a link?) or is a folder")
        return path

    def write_manifest(self) -> None:
        """Compact the manifest, once at the end of a run: one line per input, in order (this
        run's inputs, then the others'), read back and written one record at a time."""
        current = {i.key for i in self.items}
        keys = [i.key for i in self.items if i.key in self.index] + [k for k in self.index if k not in current]
        records = (record for key in keys if (record := self.previous(key)) is not None)
        try:
            self.index = self.log.compact(records)
        finally:
            self.changed = {}
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def checkpoint(self, interval: float) -> None:
        """fsync the appended records when the last fsync is ``interval`` seconds old (each
        record is written as it is made: a killed process loses none; a power cut, at most
        those seconds)."""
        self.log.sync(interval)

    def result_records(self) -> RunRecords:
        """This run's inputs in order, at their latest state (pending ones get a stand-in),
        read from the compacted manifest as they are used."""
        return RunRecords(self.out_dir / MANIFEST, self.items, self.index)

    def write_report(self, input_path: str | Path, result: BatchResult) -> Path:
        """The HTML report: every article (``FULL_REPORT_MAX`` inputs at most), else a summary
        that lists the failed and flagged ones and points to the manifest."""
        from vnsum.report import FULL_REPORT_MAX, ReportEntry, render_report, render_summary

        def records() -> Iterator[dict]:
            for item, record in zip(self.items, result.records, strict=True):
                yield {**record, "status": "pending"} if record.get("status") == "pending" or item.key not in self.fresh else record

        path = self.out_dir / REPORT
        title_source = "standard input" if str(input_path) == "-" else str(input_path)
        if len(self.items) > FULL_REPORT_MAX:
            text = render_summary(records(), result, source=title_source, manifest=MANIFEST)
        else:
            text = render_report([ReportEntry(r, *self._load_outputs(r)) for r in records()], result, source=title_source)
        atomic_write(path, text, durable=self.options.durable)
        return path

    def _load_outputs(self, record: dict) -> tuple[dict | None, dict | None]:
        if record.get("status") not in ("ok", "skipped"):
            return None, None
        loaded = []
        for key in ("record", "summary_record"):
            try:
                loaded.append(json.loads((self.out_dir / record[key]).read_text(encoding="utf-8")) if record.get(key) else None)
            except (OSError, ValueError):
                loaded.append(None)
        return loaded[0], loaded[1]


class RunRecords(Sequence[dict]):
    """A run's records in input order, read from the compacted manifest when used (a
    large batch does not hold them all); an input without a record is ``pending``."""

    def __init__(self, manifest: Path, items: list[Item], index: dict[str, int]) -> None:
        self.manifest, self.items, self.offsets = manifest, items, index

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, i: int) -> dict: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict]: ...

    def __getitem__(self, i: int | slice) -> dict | list[dict]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        with self.manifest.open("rb") as stream:
            return self._record(self.items[i], stream)

    def __iter__(self) -> Iterator[dict]:
        with self.manifest.open("rb") as stream:
            for item in self.items:
                yield self._record(item, stream)

    def _record(self, item: Item, stream: BinaryIO) -> dict:
        offset = self.offsets.get(item.key)
        return record_at(stream, offset) if offset is not None else {"path": item.key, "stem": item.stem, "status": "pending"}
