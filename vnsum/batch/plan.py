"""The plan of a batch, before any model loads: discover the inputs, name their outputs
(stems that collide with no other input's), and decide per input whether it is done
before (skipped) or to do, by the settings hash — everything that changes the outputs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from vnsum.batch.inputs import Item, discover, safe_name
from vnsum.batch.options import LAYOUT_VERSION, MANIFEST, REPORT, BatchOptions
from vnsum.batch.store import OutputStore
from vnsum.formats import FORMAT_EXTENSIONS
from vnsum.models import LANGUAGES


@dataclass
class BatchPlan:
    """This run's inputs in order, those to do, and how many were done before."""

    items: list[Item]
    todo: list[Item] = field(default_factory=list)
    skipped: int = 0


def batch_settings(options: BatchOptions, translation: dict[str, Any], summary: dict[str, Any] | None) -> dict[str, Any]:
    """Everything that changes the outputs: the translator's and summary pipeline's
    ``output_settings()`` and the batch's own (not the device, threads or batch size)."""
    o = options
    settings: dict[str, Any] = {
        "layout": LAYOUT_VERSION,
        **translation,
        "source_lang": o.source_lang,
        "target_lang": o.target_lang,
        "format": o.fmt,
        "check": o.check or o.roundtrip,
        "roundtrip": o.roundtrip,
        "summarize": None,
    }
    if o.summarize and summary is not None:
        settings["summarize"] = {"lang": o.summary_lang, **summary}
    return settings


def settings_hash(settings: dict) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def output_names(stem: str, fmt: str, summarize: bool, langs: Iterable[str] = LANGUAGES) -> list[str]:
    """Every file an article with this stem may write (any target language)."""
    ext = FORMAT_EXTENSIONS[fmt]
    names = [f"{stem}.json"]
    for lang in langs:
        if fmt != "json":
            names.append(f"{stem}.{lang}.{ext}")
        if summarize:
            names.append(f"{stem}.summary.{lang}.json")
            if fmt != "json":
                names.append(f"{stem}.summary.{lang}.{ext}")
    return names


def assign_stems(items: Sequence[Item], wanted: Sequence[str], fmt: str, summarize: bool) -> None:
    """Give each item a stem whose outputs collide with no other item's (case-insensitively,
    files against folders too), deterministically in input order: ``x``, ``x-2``, ``x-3``…"""
    used_files = {MANIFEST, REPORT}
    used_dirs: set[str] = set()
    for item, stem in zip(items, wanted, strict=True):
        candidate, k = stem, 1
        while True:
            files = {n.lower() for n in output_names(candidate, fmt, summarize)}
            dirs = {p.as_posix().lower() for p in PurePosixPath(candidate).parents if p.as_posix() != "."}
            if dirs & used_files:  # a folder would be needed where a file is: flatten
                stem = candidate = stem.replace("/", "_")
                continue
            if not (files & (used_files | used_dirs)):
                break
            k += 1
            candidate = f"{stem}-{k}"
        used_files |= files
        used_dirs |= dirs
        item.stem = candidate
        if item.id is not None:
            item.key = candidate


def wanted_stem(item: Item) -> str:
    """The stem an item asks for: its safe JSON Lines id, or its path without the suffix."""
    if item.id is not None:
        return safe_name(item.id)
    p = PurePosixPath(item.key)
    return p.with_suffix("").as_posix() if p.suffix else item.key


def plan_batch(input_path: str | Path, out_dir: Path, options: BatchOptions, store: OutputStore) -> BatchPlan:
    """Discover and name the inputs, open them in ``store``, and sort them into done
    before (recorded as skipped) and to do (all of them with ``force``)."""
    items = discover(input_path, out_dir, options.patterns)
    assign_stems(items, [wanted_stem(i) for i in items], options.fmt, options.summarize)
    store.open(items)
    plan = BatchPlan(items)
    for item in items:
        if not options.force and item.error is None and store.done_before(item):
            store.skipped(item)
            plan.skipped += 1
        else:
            plan.todo.append(item)
    return plan
