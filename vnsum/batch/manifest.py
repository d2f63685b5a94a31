"""The batch manifest (``OUT_DIR/manifest.jsonl``): read in one pass, appended during a run,
compacted once at the end.

A long run must not rewrite the whole file every few seconds (quadratic over the run), and
a crash must never corrupt the records already written. So during a run each finished
article's record is one JSON line appended with a single ``write`` (unbuffered: a killed
process loses nothing it returned from), fsynced at most every ``FSYNC_EVERY_S`` seconds and
at the end (a power cut loses at most those seconds). An input's record may appear several
times; the reader keeps the last one. A line cut short by a crash is not valid JSON
and is ignored (its article is simply redone). At the end the file is rewritten atomically,
one line per input (``compact``).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from vnsum.errors import OutputError
from vnsum.textio import atomic_write

#: Seconds between fsyncs of the appended records (each line is written at once regardless).
FSYNC_EVERY_S = 2.0


def read_manifest(path: Path) -> tuple[dict[str, dict], bool]:
    """The latest record of each input by ``path``, in one pass over the file, and whether the
    file ends in the middle of a line (a crash while appending). Lines that are not a JSON
    object with a ``path`` (a cut line, damaged bytes) are ignored."""
    records: dict[str, dict] = {}
    cut = False
    try:
        with path.open("rb") as stream:
            for raw in stream:
                cut = not raw.endswith(b"\n")
                try:
                    record = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    continue
                if isinstance(record, dict) and isinstance(record.get("path"), str):
                    records[record["path"]] = record
    except (FileNotFoundError, IsADirectoryError):
        pass
    return records, cut


def index_manifest(path: Path) -> tuple[dict[str, int], bool]:
    """Like ``read_manifest``, but only where each input's latest record starts (a byte
    offset): a resumed run of a large batch holds offsets, not every record."""
    index: dict[str, int] = {}
    cut = False
    offset = 0
    try:
        with path.open("rb") as stream:
            for raw in stream:
                cut = not raw.endswith(b"\n")
                record = _parse(raw)
                if record is not None:
                    index[record["path"]] = offset
                offset += len(raw)
    except (FileNotFoundError, IsADirectoryError):
        pass
    return index, cut


def _parse(raw: bytes) -> dict | None:
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("path"), str) else None


def record_at(stream: BinaryIO, offset: int) -> dict:
    """The record whose line starts at ``offset`` (found by ``index_manifest`` or ``append``)."""
    stream.seek(offset)
    record = _parse(stream.readline())
    if record is None:  # never for an offset the index gave; the file was changed under the run
        raise OutputError(f"the manifest changed during the run (no record at byte {offset})")
    return record


def load_manifest(path: Path) -> dict[str, dict]:
    """The records of previous runs by ``path`` (unreadable lines are ignored)."""
    return read_manifest(path)[0]


class ManifestLog:
    """The manifest of a run in progress: ``append`` one record per finished input, then
    ``compact`` the whole state once at the end. ``durable=False`` never fsyncs."""

    def __init__(self, path: Path, *, durable: bool = True, fsync_every: float = FSYNC_EVERY_S) -> None:
        self.path = path
        self.durable = durable
        self.fsync_every = fsync_every
        self._fd: int | None = None
        self._synced = time.monotonic()
        self._dirty = False
        self.appended = 0

    def open(self, cut: bool) -> None:
        """Open for appending; after a cut last line (``read_manifest`` says), start a new
        line so that the next record is not glued to it."""
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # the umask applies, as to a plain write
            if cut:
                os.write(self._fd, b"\n")
        except OSError as e:
            self.close()
            raise OutputError(f"cannot write {self.path}: {e.strerror or e}") from e

    def append(self, record: dict) -> int:
        """One line, written straight to the file (no buffer to lose); where it starts."""
        if self._fd is None:
            return -1
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            offset = os.lseek(self._fd, 0, os.SEEK_END)
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as e:
            raise OutputError(f"cannot write {self.path}: {e.strerror or e}") from e
        self._dirty = True
        self.appended += 1
        return offset

    def sync(self, every: float | None = None) -> None:
        """fsync the appended lines if the last fsync is ``every`` seconds old (default: the
        log's own interval; 0: now)."""
        every = self.fsync_every if every is None else every
        if self._fd is None or not self._dirty or not self.durable or time.monotonic() - self._synced < every:
            return
        try:
            os.fsync(self._fd)
        except OSError:
            return  # the atomic rewrite at the end reports a manifest that cannot be written
        self._synced = time.monotonic()
        self._dirty = False

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            if self._dirty and self.durable:
                try:
                    os.fsync(fd)
                except OSError:
                    pass
            os.close(fd)

    def compact(self, records: Iterable[dict]) -> dict[str, int]:
        """Stop appending and replace the file, atomically, by one line per record, written
        as ``records`` come (never the whole file in memory); where each record now starts."""
        self.close()
        offsets: dict[str, int] = {}
        position = [0]

        def lines() -> Iterator[str]:
            for record in records:
                line = json.dumps(record, ensure_ascii=False) + "\n"
                offsets[record["path"]] = position[0]
                position[0] += len(line.encode("utf-8"))
                yield line

        atomic_write(self.path, lines(), durable=self.durable)
        return offsets
