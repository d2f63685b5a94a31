"""What vnsum keeps between runs, and clearing it: the translation memory (``vnsum.memory``)
and the CTranslate2 copies of models (``vnsum.backends.ct2``, one folder per model, revision
and compute type, never pruned on their own). The Hugging Face downloads are the hub's
cache (``huggingface-cli delete-cache``), not vnsum's, and are left alone.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

#: The caches by name, in the order they are shown.
KINDS = ("memory", "models")


@dataclass(frozen=True)
class CacheItem:
    """One converted model: its folder and size."""

    name: str
    path: Path
    size_bytes: int


@dataclass(frozen=True)
class CacheInfo:
    """One cache: where it is, how many entries (sentences; converted models) and bytes."""

    kind: str  # "memory" or "models"
    path: Path
    exists: bool
    entries: int
    size_bytes: int
    max_bytes: int = 0  # the memory's cap (0: none, or not a memory)
    items: tuple[CacheItem, ...] = field(default=())  # the converted models
    note: str | None = None  # why the numbers are missing (an unreadable memory)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "path": str(self.path),
            "exists": self.exists,
            "entries": self.entries,
            "size_bytes": self.size_bytes,
            "max_bytes": self.max_bytes or None,
            "items": [{"name": i.name, "path": str(i.path), "size_bytes": i.size_bytes} for i in self.items],
            "note": self.note,
        }


def _tree_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:
                pass
    return total


def memory_info() -> CacheInfo:
    """The translation memory at its usual place (``$VNSUM_MEMORY``…); never creates it."""
    from vnsum.memory import TranslationMemory

    notes: list[str] = []
    memory = TranslationMemory(warn=notes.append)
    if not memory.path.exists():
        return CacheInfo("memory", memory.path, False, 0, 0, memory.max_bytes)
    with memory:
        stats = memory.stats()
    note = notes[0].removeprefix("vnsum: ") if notes else None
    return CacheInfo("memory", memory.path, True, stats.entries, stats.size_bytes, memory.max_bytes, note=note)


def _converted(root: Path) -> list[Path]:
    """The folders under ``root`` that vnsum made: converted models and a conversion's
    leftovers (``.<name>.<random>``, from a process that was killed while converting)."""
    from vnsum.backends.ct2 import is_converted

    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and (is_converted(p) or p.name.startswith(".")))


def models_info() -> CacheInfo:
    """The CTranslate2 copies of models (``$VNSUM_CT2_CACHE``…)."""
    from vnsum.backends.ct2 import cache_root

    root = cache_root()
    items = tuple(CacheItem(p.name, p, _tree_size(p)) for p in _converted(root))
    return CacheInfo("models", root, root.is_dir(), len(items), sum(i.size_bytes for i in items), items=items)


def cache_info(kinds: tuple[str, ...] = KINDS) -> list[CacheInfo]:
    return [memory_info() if kind == "memory" else models_info() for kind in kinds]


def clear_cache(kind: str) -> CacheInfo:
    """Empty one cache; what it held before (entries and bytes). The memory is emptied in
    place (another process may have it open); each converted model folder is removed."""
    before = memory_info() if kind == "memory" else models_info()
    if not before.exists:
        return before
    if kind == "memory":
        from vnsum.errors import OutputError
        from vnsum.memory import TranslationMemory

        notes: list[str] = []
        with TranslationMemory(before.path, warn=notes.append) as memory:
            memory.clear()
        if notes:
            raise OutputError(f"cannot clear the {notes[0].removeprefix('vnsum: ').removesuffix('; continuing without it')}")
    else:
        for item in before.items:
            shutil.rmtree(item.path, ignore_errors=True)
    return before
