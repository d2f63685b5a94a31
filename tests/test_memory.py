"""The translation memory and its Backend wrapper (no torch).

Micro-benchmark (``test_warm_lookup_speed`` asserts < 1 s; measured on the dev box,
10,000 distinct Vietnamese sentences: ``put_many`` 0.03 s, ``get_many`` 0.03 s on a
fresh instance (connect included), ``MemoryBackend.translate`` 0.03 s with zero model
calls; the file holds them in 1.4 MB):

    mem = TranslationMemory(tmp / "m.sqlite")
    mem.put_many(ns, {s: s.upper() for s in sentences})      # 10,000 sentences
    t = time.perf_counter(); mem.get_many(ns, sentences); time.perf_counter() - t
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnsum.backends import Backend, IdentityBackend
from vnsum.memory import MemoryBackend, TranslationMemory, default_path, namespace_for
from vnsum.models import model_revision

NS = namespace_for("Helsinki-NLP/opus-mt-vi-en", "abc123", beams=4, compute_type="float32", backend="marian", language_token=None)

VI = [
    "Hà Nội là thủ đô của Việt Nam.",
    "Người dân đổ xô đi mua vàng trước ngày vía Thần Tài.",
    "Giá xăng dầu tăng mạnh từ 15 giờ chiều nay.",
    "Thủ tướng Phạm Minh Chính chủ trì cuộc họp.",
]


class Reverser(Backend):
    """A counting fake: reverses each text; can mark outputs as length-limited."""

    name = "reverser"

    def __init__(self, limited: Sequence[str] = ()) -> None:
        super().__init__()
        self.calls: list[list[str]] = []
        self.limited = set(limited)

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        self.model_calls += 1
        self.calls.append(list(texts))
        self.length_limited |= self.limited & set(texts)
        if progress:
            progress(len(texts))
        return [f"«{t[::-1]}» " for t in texts]  # a trailing space: values must be kept exact


@pytest.fixture
def mem(tmp_path: Path) -> TranslationMemory:
    m = TranslationMemory(tmp_path / "memory.sqlite")
    yield m
    m.close()


def test_misses_go_to_backend_once_then_everything_hits(mem):
    inner = Reverser()
    wrapped = MemoryBackend(inner, mem, NS)
    first = wrapped.translate(VI)
    assert inner.calls == [VI]
    assert (wrapped.hits, wrapped.misses, wrapped.model_calls) == (0, 4, 1)
    second = wrapped.translate(VI)
    assert second == first
    assert inner.calls == [VI]  # zero inner calls
    assert (wrapped.hits, wrapped.misses, wrapped.model_calls) == (4, 4, 1)


def test_mixed_hits_and_misses_keep_order_and_send_misses_in_one_call(mem):
    inner = Reverser()
    wrapped = MemoryBackend(inner, mem, NS)
    wrapped.translate([VI[1], VI[3]])
    texts = [VI[0], VI[1], VI[2], VI[0], VI[3], "new"]
    ticks: list[int] = []
    out = wrapped.translate(texts, progress=ticks.append)
    assert inner.calls[1:] == [[VI[0], VI[2], "new"]]
    assert out == Reverser().translate(texts)
    assert sum(ticks) == len(texts)
    assert ticks[0] == 2  # the hits, reported before the model runs


def test_delegates_backend_attributes(mem):
    inner = IdentityBackend(max_input_tokens=77)
    inner.language_token = ">>vie<<"
    wrapped = MemoryBackend(inner, mem, NS)
    assert (wrapped.name, wrapped.max_input_tokens, wrapped.language_token) == ("identity", 77, ">>vie<<")
    assert wrapped.count_tokens(["a b c"]) == inner.count_tokens(["a b c"])
    assert wrapped.calls is inner.calls  # anything else is the inner backend's
    assert wrapped.translate([]) == [] and inner.model_calls == 0


def test_namespaces_do_not_mix(mem):
    a = namespace_for("m", "r1", beams=4)
    assert a == namespace_for("m", "r1", beams=4)
    others = [
        namespace_for("m", "r2", beams=4),
        namespace_for("m2", "r1", beams=4),
        namespace_for("m", "r1", beams=5),
        namespace_for("m", "r1", beams=4, compute_type="float16"),
        namespace_for("m", None, beams=4),
    ]
    assert len({a, *others}) == 6
    mem.put_many(a, {"xin chào": "hello"})
    assert mem.get_many(a, ["xin chào"]) == {"xin chào": "hello"}
    assert all(mem.get_many(ns, ["xin chào"]) == {} for ns in others)
    inner = Reverser()
    assert MemoryBackend(inner, mem, others[0]).translate(["xin chào"]) == ["«oàhc nix» "]
    assert inner.model_calls == 1


def test_persists_across_instances(tmp_path):
    path = tmp_path / "m.sqlite"
    with TranslationMemory(path) as m:
        MemoryBackend(Reverser(), m, NS).translate(VI)
    inner = Reverser()
    with TranslationMemory(path) as m:
        out = MemoryBackend(inner, m, NS).translate(VI)
        assert m.stats().entries == 4
    assert inner.model_calls == 0 and out == Reverser().translate(VI)


def test_vietnamese_and_odd_values_round_trip_exactly(mem):
    pairs = {
        "Đà Nẵng": "  Da Nang\n",
        "e\u0301": "decomposed é is kept as given",  # NFD key is not the NFC one
        "é": "",
        "tab\tand\u00a0nbsp": "x\u200by",
        "emoji 🇻🇳": "🇻🇳",
    }
    mem.put_many(NS, pairs)
    assert mem.get_many(NS, list(pairs)) == pairs
    assert mem.get_many(NS, ["Da Nang", " Đà Nẵng"]) == {}


def test_length_limited_outputs_are_not_stored(mem):
    inner = Reverser(limited=[VI[2]])
    wrapped = MemoryBackend(inner, mem, NS)
    out = wrapped.translate(VI)
    assert out == Reverser().translate(VI)
    assert VI[2] in wrapped.length_limited
    assert set(mem.get_many(NS, VI)) == {VI[0], VI[1], VI[3]}
    wrapped.translate(VI)
    assert inner.calls[-1] == [VI[2]]


def test_stats_and_clear(mem):
    assert mem.stats().entries == 0
    mem.put_many(NS, [(f"câu {i}", f"sentence {i}") for i in range(1200)])
    s = mem.stats()
    assert s.entries == 1200 and s.size_bytes > 0 and s.available
    assert len(mem.get_many(NS, [f"câu {i}" for i in range(1200)])) == 1200  # three chunks
    assert mem.clear() == 1200
    assert mem.stats().entries == 0


def test_wal_mode(mem):
    mem.put_many(NS, {"a": "b"})
    with sqlite3.connect(mem.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("VNSUM_MEMORY", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("VNSUM_MEMORY")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    assert default_path() == tmp_path / "hf" / "vnsum" / "memory.sqlite"
    monkeypatch.delenv("HF_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "vnsum" / "memory.sqlite"
    assert TranslationMemory().path == default_path()
    assert not default_path().exists()  # nothing is created until first use


def test_model_revision_of_a_local_folder(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    first = model_revision(str(tmp_path))
    assert first.startswith("local-") and model_revision(str(tmp_path)) == first
    (tmp_path / "model.bin").write_bytes(b"weights")
    assert model_revision(str(tmp_path)) != first


# ----------------------------------------------------------------------------- failures


def _check_fallback(memory: TranslationMemory, capsys) -> None:
    inner = Reverser()
    wrapped = MemoryBackend(inner, memory, NS)
    assert wrapped.translate(VI) == Reverser().translate(VI)
    assert wrapped.translate(VI) == Reverser().translate(VI)  # still works, memory off
    assert inner.model_calls == 2
    assert not memory.available
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "translation memory" in err and "continuing without it" in err


def test_corrupt_file_warns_once_and_falls_back(tmp_path, capsys):
    path = tmp_path / "m.sqlite"
    path.write_bytes(b"this is not a database" * 500)
    _check_fallback(TranslationMemory(path), capsys)
    assert path.read_bytes() == b"this is not a database" * 500  # left as it was


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_warns_once_and_falls_back(tmp_path, capsys):
    path = tmp_path / "m.sqlite"
    with TranslationMemory(path) as m:
        m.put_many(NS, {"x": "y"})
    for p in tmp_path.iterdir():
        p.chmod(stat.S_IRUSR)
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        _check_fallback(TranslationMemory(path), capsys)
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_read_only_open_warns_once_and_falls_back(tmp_path, capsys, monkeypatch):
    """The same as above where file permissions cannot be used (root): open it mode=ro."""
    path = tmp_path / "m.sqlite"
    with TranslationMemory(path) as m:
        m.put_many(NS, {"x": "y"})
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda name, **kw: connect(f"{Path(name).as_uri()}?mode=ro", uri=True, **kw))
    _check_fallback(TranslationMemory(path), capsys)


def test_unwritable_location_warns_and_falls_back(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    _check_fallback(TranslationMemory(blocker / "sub" / "m.sqlite"), capsys)  # parent is a file


def test_locked_database_warns_and_falls_back(tmp_path, capsys, monkeypatch):
    import vnsum.memory as memory_module

    monkeypatch.setattr(memory_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "m.sqlite"
    with TranslationMemory(path) as m:
        m.put_many(NS, {"x": "y"})
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        memory = TranslationMemory(path)
        inner = Reverser()
        assert MemoryBackend(inner, memory, NS).translate(VI) == Reverser().translate(VI)
        assert not memory.available
        assert capsys.readouterr().err.count("continuing without it") == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# ----------------------------------------------------------------------------- two processes


def _writer(path: str, worker: int, rounds: int) -> None:
    memory = TranslationMemory(Path(path))
    for r in range(rounds):
        texts = [f"câu {worker}-{r}-{i}" for i in range(50)] + [f"chung {i}" for i in range(50)]
        memory.put_many(NS, {t: t.upper() for t in texts})
        got = memory.get_many(NS, texts)
        assert got == {t: t.upper() for t in texts}
    assert memory.available, memory.warning
    memory.close()


def test_two_processes_writing_concurrently(tmp_path):
    path = tmp_path / "m.sqlite"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), w, 40)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with TranslationMemory(path) as m:
        assert m.stats().entries == 2 * 40 * 50 + 50
        assert m.get_many(NS, ["câu 1-39-49"]) == {"câu 1-39-49": "CÂU 1-39-49"}


# ----------------------------------------------------------------------------- properties

_words = st.sampled_from(["Hà Nội", "giá vàng", "tăng", "the", "price", "of", "gold", "rose", ".", "Đồng", "ngày", "  ", "ơi"])
_sentences = st.lists(_words, min_size=0, max_size=6).map(" ".join) | st.text(max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(_sentences, max_size=15), min_size=1, max_size=4))
def test_outputs_equal_the_inner_backend(tmp_path_factory, batches):
    memory = TranslationMemory(tmp_path_factory.mktemp("prop") / "m.sqlite")
    inner = Reverser()
    wrapped = MemoryBackend(inner, memory, NS)
    seen: set[str] = set()
    for texts in batches:
        ticks: list[int] = []
        assert wrapped.translate(texts, progress=ticks.append) == Reverser().translate(texts)
        assert sum(ticks) == len(texts)
        new = [t for t in dict.fromkeys(texts) if t not in seen]
        assert (inner.calls[-1] if new else []) == (new if new else [])  # only unseen texts, once each
        seen |= set(texts)
    assert sum(len(c) for c in inner.calls) == len(seen)
    memory.close()


# ----------------------------------------------------------------------------- speed


def test_warm_lookup_speed(mem):
    sentences = [f"Câu số {i}: giá vàng hôm nay tăng {i % 97} nghìn đồng mỗi lượng." for i in range(10_000)]
    mem.put_many(NS, {s: s.upper() for s in sentences})
    inner = Reverser()
    wrapped = MemoryBackend(inner, mem, NS)
    start = time.perf_counter()
    out = wrapped.translate(sentences)
    seconds = time.perf_counter() - start
    assert inner.model_calls == 0 and out[123] == sentences[123].upper()
    assert seconds < 1.0, f"warm lookup of 10,000 sentences took {seconds:.3f} s"
