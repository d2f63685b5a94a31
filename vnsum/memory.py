"""A persistent translation memory: source sentence → translation, in one SQLite file.

Reruns and repeated sentences cost nothing: ``MemoryBackend`` wraps any ``Backend``,
answers what the memory already holds and sends only the rest to the model (in one
call, so the model's batching stays shared). Entries are keyed by a *namespace* — a
hash of the model name, its revision and every option that changes outputs (see
``namespace_for``) — and the exact source text; translations are stored exactly as
the model returned them (no stripping, no normalisation).

The memory is an optimisation and never a point of failure: a locked, read-only or
corrupt database logs one warning line on stderr and the translation goes on without it.
Two processes may share one file (WAL mode, a busy timeout, one transaction per write).

The file is ``$VNSUM_MEMORY`` if set, else ``vnsum/memory.sqlite`` under ``$HF_HOME``
(when set) or the XDG cache (``$XDG_CACHE_HOME`` or ``~/.cache``). It has a size cap
(``$VNSUM_MEMORY_MAX_MB``, default 1 GiB) with least-recently-used eviction: see
``vnsum.memory_size``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnsum.backends import Backend, ModelFacts
from vnsum.memory_size import TOUCH_AFTER_S, add_used_column, after_eviction, evict, limit_wal, max_bytes_from_env, touch

#: Bump when the meaning of stored entries changes (invalidates every namespace).
FORMAT_VERSION = 1
#: Keys per SELECT (well under SQLite's bound-variable limit of 999 in old builds).
CHUNK = 500
#: Milliseconds a writer waits for another process's lock before giving up.
BUSY_TIMEOUT_MS = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT PRIMARY KEY,
    translation TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL DEFAULT 0
) WITHOUT ROWID
"""


def default_path() -> Path:
    """Where the memory lives unless told otherwise (no heavy imports)."""
    env = os.environ.get("VNSUM_MEMORY")
    if env:
        return Path(env).expanduser()
    hf_home = os.environ.get("HF_HOME")
    if hf_home:
        root = Path(hf_home).expanduser()
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    return root / "vnsum" / "memory.sqlite"


def namespace_for(model_name: str, revision: str | None, **options: object) -> str:
    """A stable short hash of the model, its revision and the options that change outputs.

    Pass every option that changes a translation (beams, compute type, backend name,
    language token, …) and pass the same set every time: ``beams=None`` and no ``beams``
    are different namespaces. Values are compared by their JSON (or ``str``) form.
    """
    payload = json.dumps(
        {"format": FORMAT_VERSION, "model": model_name, "revision": revision, "options": options},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def _key(namespace: str, text: str) -> str:
    return hashlib.blake2b(f"{namespace}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class MemoryStats:
    path: Path
    entries: int
    size_bytes: int  # the database file plus its WAL
    available: bool  # False once a failure turned the memory off
    max_bytes: int = 0  # the cap on the database file (0: none)


class TranslationMemory:
    """Source text → translation per namespace, in a SQLite file opened on first use.

    ``max_bytes``: the cap on the file (default ``$VNSUM_MEMORY_MAX_MB`` or 1 GiB; 0: none);
    the least recently used entries are evicted to stay under it (``touch_after``: how old an
    answered entry's last-used mark must be to be renewed).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        warn: Callable[[str], None] | None = None,
        max_bytes: int | None = None,
        touch_after: float = TOUCH_AFTER_S,
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.max_bytes = max_bytes_from_env() if max_bytes is None else max(0, max_bytes)
        self.touch_after = touch_after  # seconds: an answered entry's last-used mark is renewed when older
        self.evicted = 0  # entries evicted by this instance
        self.available = True
        self.warning: str | None = None  # the one warning given, if any
        self._warn = warn or _stderr_warning
        self._conn: sqlite3.Connection | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    # -- connection --------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        self._conn = None  # a connection inherited over fork is never reused
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Switching to WAL and creating the table can report SQLITE_BUSY without waiting
            # on the busy handler when two processes open a new file at once: retry briefly.
            deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
            while True:
                try:
                    if conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # a new file: freed pages are given back
                        conn.execute("PRAGMA auto_vacuum = FULL")
                    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                        conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute(_SCHEMA)
                    add_used_column(conn)
                    break
                except sqlite3.OperationalError as e:
                    if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)
            conn.execute("PRAGMA synchronous = NORMAL")
            limit_wal(conn, self.max_bytes)
        except BaseException:
            conn.close()
            raise
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _fail(self, error: BaseException) -> None:
        """Turn the memory off for this process, with one warning line."""
        if self.available:
            self.available = False
            self.warning = f"vnsum: translation memory {self.path} is unavailable ({type(error).__name__}: {error}); continuing without it"
            self._warn(self.warning)
        self.close()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and self._pid == os.getpid():
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads and writes --------------------------------------------------------------

    def get_many(self, namespace: str, texts: Iterable[str]) -> dict[str, str]:
        """The stored translations of those ``texts`` the memory has (one query per 500)."""
        keys = {_key(namespace, t): t for t in dict.fromkeys(texts)}
        if not keys or not self.available:
            return {}
        found: dict[str, str] = {}
        with self._lock:
            try:
                conn = self._connect()
                items = list(keys)
                for i in range(0, len(items), CHUNK):
                    chunk = items[i : i + CHUNK]
                    sql = f"SELECT key, translation FROM memory WHERE key IN ({','.join('?' * len(chunk))})"
                    for key, translation in conn.execute(sql, chunk):
                        found[keys[key]] = translation
                touch(conn, [k for k, t in keys.items() if t in found], CHUNK, self.touch_after)
            except (sqlite3.Error, OSError) as e:
                self._fail(e)
                return {}
        return found

    def put_many(self, namespace: str, pairs: Iterable[tuple[str, str]] | dict[str, str]) -> int:
        """Store (source, translation) pairs in one transaction; the number stored."""
        items = pairs.items() if isinstance(pairs, dict) else pairs
        now = time.time()
        rows = [(_key(namespace, s), t, now, now) for s, t in items]
        if not rows or not self.available:
            return 0
        with self._lock:
            try:
                conn = self._connect()
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany("INSERT OR REPLACE INTO memory (key, translation, created, used) VALUES (?, ?, ?, ?)", rows)
                    evicted = evict(conn, self.max_bytes)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                if evicted:
                    self.evicted += evicted
                    after_eviction(conn, self.max_bytes)
            except (sqlite3.Error, OSError) as e:
                self._fail(e)
                return 0
        return len(rows)

    def stats(self) -> MemoryStats:
        entries = 0
        if self.available and self.path.exists():
            with self._lock:
                try:
                    entries = self._connect().execute("SELECT COUNT(*) FROM memory").fetchone()[0]
                except (sqlite3.Error, OSError) as e:
                    self._fail(e)
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return MemoryStats(self.path, entries, size, self.available, self.max_bytes)

    def clear(self) -> int:
        """Delete every entry (all namespaces) and shrink the file; the number deleted."""
        if not self.available:
            return 0
        with self._lock:
            try:
                conn = self._connect()
                n = conn.execute("DELETE FROM memory").rowcount
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except (sqlite3.Error, OSError) as e:
                self._fail(e)
                return 0
        return n


@dataclass(frozen=True)
class RememberedSentence:
    """A sentence the memory has whole: its pieces, their translations, and its size in
    tokens (0 for an unsplit sentence, stored as its own piece)."""

    pieces: tuple[str, ...]
    translations: tuple[str, ...]
    tokens: int


#: The entry (not a sentence: it starts with NUL) holding a direction's model facts.
_MODEL_FACTS = "\x00model-info"
#: Prefix of the entries of whole split sentences (their pieces and translations, as JSON).
_SPLIT = "\x01"


class SentenceMemory:
    """One direction's sentence-level view of a ``TranslationMemory`` (one namespace).

    The format is owned here: a piece is an entry of its own (``MemoryBackend`` writes
    those); a sentence the pipeline split is one more entry, ``\\x01`` + the sentence → JSON
    ``{"pieces", "translations", "tokens"}``, so a rerun needs no tokenizer to split it
    again; the model's facts are the entry ``\\x00model-info`` → JSON ``{"name",
    "language_token", "max_input_tokens"}``, so a rerun that the memory answers whole
    loads no model at all.
    """

    def __init__(self, memory: TranslationMemory, namespace: str) -> None:
        self.memory = memory
        self.namespace = namespace

    def remember_model(self, facts: ModelFacts) -> None:
        info = {"name": facts.name, "language_token": facts.language_token, "max_input_tokens": facts.max_input_tokens}
        self.memory.put_many(self.namespace, {_MODEL_FACTS: json.dumps(info)})

    def look_up(self, sentences: Sequence[str]) -> tuple[dict[str, RememberedSentence], ModelFacts | None]:
        """The sentences the memory has (with their pieces), and the model's facts."""
        if not sentences:
            return {}, None
        keys = [*sentences, *(_SPLIT + s for s in sentences), _MODEL_FACTS]
        found = self.memory.get_many(self.namespace, keys)
        remembered = {s: RememberedSentence((s,), (found[s],), 0) for s in sentences if s in found}
        for s in sentences:
            if _SPLIT + s in found:
                record = json.loads(found[_SPLIT + s])
                remembered[s] = RememberedSentence(tuple(record["pieces"]), tuple(record["translations"]), record["tokens"])
        raw = found.get(_MODEL_FACTS)
        if raw is None:
            return remembered, None
        facts = json.loads(raw)
        return remembered, ModelFacts(facts["name"], facts["language_token"], facts["max_input_tokens"])

    def remember_splits(self, splits: Mapping[str, RememberedSentence]) -> None:
        """Store whole split sentences (their pieces and translations)."""
        records = {
            _SPLIT + s: json.dumps({"pieces": list(r.pieces), "translations": list(r.translations), "tokens": r.tokens})
            for s, r in splits.items()
        }
        if records:
            self.memory.put_many(self.namespace, records)


def _stderr_warning(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class MemoryBackend(Backend):
    """A ``Backend`` that answers from a ``TranslationMemory`` and sends only misses on.

    ``hits`` and ``misses`` count distinct input texts. Outputs the inner backend marks
    as length-limited are returned but not stored (they are likely loops).
    """

    def __init__(self, backend: Backend, memory: TranslationMemory, namespace: str) -> None:
        # No super().__init__(): model_calls and length_limited are the inner backend's.
        self.backend = backend
        self.memory = memory
        self.namespace = namespace
        self.hits = 0
        self.misses = 0

    # -- delegated attributes ------------------------------------------------------------

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.backend.name

    @property
    def max_input_tokens(self) -> int:  # type: ignore[override]
        return self.backend.max_input_tokens

    @property
    def language_token(self) -> str | None:  # type: ignore[override]
        return self.backend.language_token

    @property
    def model_calls(self) -> int:  # type: ignore[override]
        return self.backend.model_calls

    @property
    def length_limited(self) -> set[str]:  # type: ignore[override]
        return self.backend.length_limited

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.backend.count_tokens(texts)

    def __getattr__(self, attr: str) -> Any:
        # Anything else (device, beams, tokenizer…) is the inner backend's.
        if attr in ("backend", "memory", "namespace") or attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.backend, attr)

    # -- translation ----------------------------------------------------------------------

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        texts = list(texts)
        if not texts:
            return []
        found = self.memory.get_many(self.namespace, texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        self.hits += len(found)
        self.misses += len(missing)
        hit_positions = sum(1 for t in texts if t in found)
        if progress and hit_positions:
            progress(hit_positions)
        if missing:
            out = self.backend.translate(missing, progress=progress)
            if len(out) != len(missing):
                raise RuntimeError(f"backend {self.backend.name} returned {len(out)} translations for {len(missing)} inputs")
            new = dict(zip(missing, out, strict=True))
            limited = self.backend.length_limited
            self.memory.put_many(self.namespace, [(s, t) for s, t in new.items() if s not in limited])
            found.update(new)
            repeats = len(texts) - hit_positions - len(missing)
            if progress and repeats:
                progress(repeats)  # duplicates among the misses: the total reported is len(texts)
        return [found[t] for t in texts]
