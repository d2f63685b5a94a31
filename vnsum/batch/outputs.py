"""What lands in OUT_DIR for an article (its readable files, summary and JSON records, each
written atomically and checked to stay inside OUT_DIR) and the HTML report of the run."""

from __future__ import annotations

import io
import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from vnsum.batch.inputs import FORMAT_EXTENSIONS, Item
from vnsum.batch.manifest import REPORT
from vnsum.errors import InputError
from vnsum.textio import atomic_write

if TYPE_CHECKING:
    from vnsum.batch.options import BatchOptions, BatchResult


def write_outputs(out_dir: Path, out_real: Path, item: Item, translation, summary, options: BatchOptions) -> list[str]:
    from vnsum.views import write

    o = options
    ext = FORMAT_EXTENSIONS[o.fmt]
    files: list[tuple[str, str]] = []

    def render(result, fmt: str) -> str:
        stream = io.StringIO()
        write(result, fmt, stream, color=False, width=120)
        return stream.getvalue()

    if o.fmt != "json":
        files.append((f"{item.stem}.{translation.target_lang}.{ext}", render(translation, o.fmt)))
    if summary is not None:
        if o.fmt != "json":
            files.append((f"{item.stem}.summary.{summary.target_lang}.{ext}", render(summary, o.fmt)))
        files.append((f"{item.stem}.summary.{summary.target_lang}.json", render(summary, "json")))
    files.append((f"{item.stem}.json", render(translation, "json")))  # the record last: it completes the article
    for name, text in files:
        atomic_write(inside(out_dir, out_real, name), text, durable=o.durable)
    return [name for name, _ in files]


def inside(out_dir: Path, out_real: Path, name: str) -> Path:
    """OUT_DIR/name, refusing anything that would land outside OUT_DIR (even through a link)."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or any(part in ("", ".", "..") for part in rel.parts):
        raise InputError(f"unsafe output name {name!r}")
    path = out_dir.joinpath(*rel.parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.resolve().is_relative_to(out_real) or (path.is_symlink() or path.is_dir()):
        raise InputError(f"output {name!r} would leave the output folder (a link?) or is a folder")
    return path


def write_report(out_dir: Path, input_path: str | Path, items: list[Item], result: BatchResult, fresh: set[str], *, durable: bool) -> Path:
    from vnsum.report import ReportEntry, render_report

    entries = []
    for item, record in zip(items, result.records, strict=True):
        if record.get("status") == "pending" or item.key not in fresh:
            record = {**record, "status": "pending"}
        entries.append(ReportEntry(record, *_load_outputs(out_dir, record)))
    path = out_dir / REPORT
    title_source = "standard input" if str(input_path) == "-" else str(input_path)
    atomic_write(path, render_report(entries, result, source=title_source), durable=durable)
    return path


def _load_outputs(out_dir: Path, record: dict) -> tuple[dict | None, dict | None]:
    if record.get("status") not in ("ok", "skipped"):
        return None, None
    loaded = []
    for key in ("record", "summary_record"):
        try:
            loaded.append(json.loads((out_dir / record[key]).read_text(encoding="utf-8")) if record.get(key) else None)
        except (OSError, ValueError):
            loaded.append(None)
    return loaded[0], loaded[1]
