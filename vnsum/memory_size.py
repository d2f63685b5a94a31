"""The translation memory's size cap: least-recently-used entries go first.

A memory that only grows fills the disk over a long archive run, so the SQLite file has a
cap (``$VNSUM_MEMORY_MAX_MB``, default 1024 MiB; 0: none). Every entry carries the time it
was last used (stored, or answered: marked again at most every ``TOUCH_AFTER_S``); a write that takes the pages in use over the cap deletes
the oldest entries, in the same transaction, until they are under ``LOW_WATER`` of it (so
that eviction runs once per tenth of the cap, not on every write). The file is created with
``auto_vacuum = FULL``: freed pages are given back at each commit, so the file itself, not
only its content, stays under the cap. The cap is counted in whole database pages (4 KiB by
default). The write-ahead log beside it (``-wal``) is transient; it is folded back into the
file every ``1/8`` of the cap (at most every 1,000 pages) and truncated to that size.
"""

from __future__ import annotations

import os
import sqlite3
import time

from vnsum.errors import InputError

#: The environment variable that sets the cap, in MiB (0: no cap).
MAX_MB_ENV = "VNSUM_MEMORY_MAX_MB"
#: The default cap: 1 GiB.
DEFAULT_MAX_MB = 1024
MIB = 1024 * 1024
#: Eviction brings the pages in use down to this share of the cap.
LOW_WATER = 0.9
#: An entry answered again is marked used when its mark is older than this (seconds).
TOUCH_AFTER_S = 600.0


def max_bytes_from_env() -> int:
    """The cap in bytes from ``$VNSUM_MEMORY_MAX_MB`` (default 1 GiB); 0 means no cap."""
    raw = os.environ.get(MAX_MB_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_MB * MIB
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not mb >= 0:  # also NaN
        raise InputError(f"{MAX_MB_ENV}={raw!r}: give the translation memory's cap in MiB (a number; 0: no cap)")
    return int(mb * MIB)


def add_used_column(conn: sqlite3.Connection) -> None:
    """The last-used time (a file made before the cap gets it, its entries then counting as
    least recently used, oldest first). No index: it would grow the file by half for short
    sentences and make every touch rewrite it; eviction, once per tenth of the cap, scans."""
    if "used" not in {row[1] for row in conn.execute("PRAGMA table_info(memory)")}:
        conn.execute("ALTER TABLE memory ADD COLUMN used REAL NOT NULL DEFAULT 0")


def touch(conn: sqlite3.Connection, keys: list[str], chunk: int, after: float) -> None:
    """Mark entries as just used (what eviction goes by), in one transaction, those last
    marked over ``after`` seconds ago (a rerun of the same articles then writes nothing).
    Best effort: a read-only or busy file still answers, it only ages its entries less exactly."""
    if not keys:
        return
    now = time.time()
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for i in range(0, len(keys), chunk):
                part = keys[i : i + chunk]
                sql = f"UPDATE memory SET used = ? WHERE key IN ({','.join('?' * len(part))}) AND used < ?"
                conn.execute(sql, [now, *part, now - after])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError:
        pass


def pages(conn: sqlite3.Connection) -> tuple[int, int]:
    """(pages in use, page size) of the open database, as the current transaction sees it."""
    count = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return count - free, size


def limit_wal(conn: sqlite3.Connection, max_bytes: int) -> None:
    """Fold the write-ahead log back into the file every eighth of the cap and truncate it."""
    if max_bytes <= 0:
        return
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    wal_bytes = max(size, max_bytes // 8)
    conn.execute(f"PRAGMA wal_autocheckpoint = {min(1000, max(1, wal_bytes // size))}")
    conn.execute(f"PRAGMA journal_size_limit = {wal_bytes}")


def evict(conn: sqlite3.Connection, max_bytes: int) -> int:
    """Inside the caller's write transaction: if the pages in use are over ``max_bytes``,
    delete least-recently-used entries until they are under ``LOW_WATER`` of it. The number
    deleted."""
    used, size = pages(conn)
    if max_bytes <= 0 or used * size <= max_bytes:
        return 0
    target = max(1, int(max_bytes * LOW_WATER) // size)
    deleted = 0
    while used > target:
        rows = conn.execute("SELECT COUNT(*) FROM memory").fetchone()[0]
        if not rows:
            break
        # the share of entries to drop, from the share of pages over the target (at least one)
        n = max(1, min(rows, -(-rows * (used - target) // used)))
        deleted += conn.execute("DELETE FROM memory WHERE key IN (SELECT key FROM memory ORDER BY used, created LIMIT ?)", (n,)).rowcount
        used, size = pages(conn)
    return deleted


def after_eviction(conn: sqlite3.Connection, max_bytes: int) -> None:
    """After a write that evicted (outside its transaction): fold the log, which the moved
    pages made large, back into the file and truncate it; a file made before the cap has no
    ``auto_vacuum`` and is rebuilt once with it, so that it can shrink. Best effort: another
    process may be reading."""
    try:
        if max_bytes > 0 and conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0:
            conn.execute("PRAGMA auto_vacuum = FULL")
            conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.OperationalError:
        pass
