"""The translation memory's size cap: the file never exceeds it (counted in whole SQLite pages),
the least recently used entries go first, and a file made before the cap is brought under it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from vnsum.errors import InputError
from vnsum.memory import TranslationMemory, namespace_for
from vnsum.memory_size import DEFAULT_MAX_MB, MAX_MB_ENV, MIB, max_bytes_from_env

NS = namespace_for("tiny", "r1", beams=1)
CAP = 256 * 1024  # 64 pages of 4 KiB


def text(i: int) -> str:
    return f"Câu số {i}: giá vàng hôm nay tăng {i} nghìn đồng mỗi lượng, theo các doanh nghiệp kim hoàn. " * 2


def sizes(path: Path) -> tuple[int, int]:
    """(database file, its write-ahead log) in bytes."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size, wal.stat().st_size if wal.exists() else 0


def test_the_file_never_exceeds_the_cap_and_recently_used_entries_survive(tmp_path):
    path = tmp_path / "memory.sqlite"
    mem = TranslationMemory(path, max_bytes=CAP, touch_after=0)
    hot = "Thủ tướng chủ trì cuộc họp."
    assert mem.put_many(NS, {text(-1): "never used again"})
    mem.put_many(NS, {hot: "The prime minister chaired the meeting."})
    largest = 0
    for round_ in range(60):  # about 1 MB of entries in all: four times the cap
        batch = {text(i): text(i).upper() for i in range(round_ * 40, round_ * 40 + 40)}
        assert mem.put_many(NS, batch) == 40
        assert mem.get_many(NS, [hot]) == {hot: "The prime minister chaired the meeting."}  # used: it stays
        db, wal = sizes(path)
        largest = max(largest, db)
        assert db <= CAP, f"round {round_}: the database file is {db} bytes, over the cap of {CAP}"
        assert wal <= CAP  # the log holds at most the pages one write changed (random keys: many)
        assert mem.get_many(NS, list(batch)) == batch  # the latest entries are all there
    assert largest > CAP // 2 and mem.evicted > 1000  # it did fill up, and evicted
    assert mem.get_many(NS, [text(-1), text(0), text(1)]) == {}  # the first, never used again, went first
    stats = mem.stats()
    assert stats.max_bytes == CAP and 0 < stats.entries < 60 * 40
    mem.close()
    assert path.stat().st_size <= CAP


def test_the_cap_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(MAX_MB_ENV, raising=False)
    assert max_bytes_from_env() == DEFAULT_MAX_MB * MIB == 1024**3
    monkeypatch.setenv(MAX_MB_ENV, "0.25")
    assert max_bytes_from_env() == CAP and TranslationMemory(Path("unused.sqlite")).max_bytes == CAP
    monkeypatch.setenv(MAX_MB_ENV, "0")
    assert max_bytes_from_env() == 0  # no cap
    for bad in ("lots", "-1", "nan"):
        monkeypatch.setenv(MAX_MB_ENV, bad)
        with pytest.raises(InputError, match=MAX_MB_ENV):
            max_bytes_from_env()


def test_a_file_made_before_the_cap_is_migrated_and_shrunk(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE memory (key TEXT PRIMARY KEY, translation TEXT NOT NULL, created REAL NOT NULL) WITHOUT ROWID")
    old = TranslationMemory(path, max_bytes=0)
    from vnsum.memory import _key

    conn.executemany("INSERT INTO memory VALUES (?, ?, ?)", [(_key(NS, text(i)), "x" * 300, float(i)) for i in range(3000)])
    conn.commit()
    conn.close()
    assert path.stat().st_size > 4 * CAP
    mem = TranslationMemory(path, max_bytes=CAP, touch_after=0)
    assert mem.get_many(NS, [text(2999)]) == {text(2999): "x" * 300}  # read as before
    mem.put_many(NS, {"Câu mới.": "A new sentence."})
    assert mem.get_many(NS, ["Câu mới.", text(2999)]) == {"Câu mới.": "A new sentence.", text(2999): "x" * 300}  # used lately
    assert mem.get_many(NS, [text(0)]) == {}  # the oldest went first
    mem.close()
    old.close()
    assert path.stat().st_size <= CAP and not os.path.exists(f"{path}-wal")


def test_an_answered_entry_is_marked_used_at_most_every_touch_after_seconds(tmp_path):
    path = tmp_path / "memory.sqlite"
    mem = TranslationMemory(path, max_bytes=CAP)  # the default: 600 s

    def used() -> float:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT used FROM memory").fetchone()[0]

    mem.put_many(NS, {"Một.": "One."})
    first = used()
    assert mem.get_many(NS, ["Một."]) == {"Một.": "One."} and used() == first  # marked moments ago: no write
    mem.touch_after = 0
    assert mem.get_many(NS, ["Một."]) == {"Một.": "One."} and used() > first
    mem.close()
