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

from vnsum.batch.inputs import Item, discover, safe_name, url_stem
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
    notes: list[str] = field(default_factory=list)  # what the user should know before the run (renamed outputs)


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
    if not o.translate:  # only then: the settings (and so the done-before records) of translating batches stay as they were
        settings["translate"] = False
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


def assign_stems(items: Sequence[Item], wanted: Sequence[str], fmt: str, summarize: bool) -> list[tuple[Item, str]]:
    """Give each item a stem whose outputs collide with no other item's (case-insensitively,
    files against folders too), deterministically in input order: ``x``, ``x-2``, ``x-3``…
    Returns the items that did not get the stem they asked for, with that stem."""
    renamed: list[tuple[Item, str]] = []
    used_files = {MANIFEST, REPORT}
    used_dirs: set[str] = set()
    for item, stem in zip(items, wanted, strict=True):
        candidate, k, wanted_here = stem, 1, stem
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
        if candidate != wanted_here:
            renamed.append((item, wanted_here))
        item.stem = candidate
        if item.id is not None:
            item.key = candidate
    return renamed


def wanted_stem(item: Item) -> str:
    """The stem an item asks for: its safe JSON Lines id, or its path without the suffix."""
    if item.id is not None:
        return safe_name(item.id)
    if item.url is not None:
        return safe_name(url_stem(item.url))
    p = PurePosixPath(item.key)
    return p.with_suffix("").as_posix() if p.suffix else item.key


def _renamed_note(item: Item, wanted: str) -> str:
    if item.id is not None:
        return f"{item.display}: another line has this id (or one with the same safe file name); its outputs are named {item.stem}.*"
    return f"{item.key}: another input's outputs would be named {wanted}.*; its outputs are named {item.stem}.*"


def plan_batch(input_path: str | Path, out_dir: Path, options: BatchOptions, store: OutputStore) -> BatchPlan:
    """Discover and name the inputs, open them in ``store``, and sort them into done
    before (recorded as skipped) and to do (all of them with ``force``)."""
    items = discover(input_path, out_dir, options.patterns)
    renamed = assign_stems(items, [wanted_stem(i) for i in items], options.fmt, options.summarize)
    store.open(items)
    plan = BatchPlan(items, notes=[_renamed_note(item, wanted) for item, wanted in renamed])
    jsonl = str(input_path) == "-" or Path(input_path).is_file()
    store.mark_removed(lambda key: jsonl or not (Path(input_path) / key).exists())  # inputs of earlier runs that are gone now
    for item in items:
        if not options.force and item.error is None and store.done_before(item):
            store.skipped(item)
            plan.skipped += 1
        else:
            plan.todo.append(item)
    return plan
