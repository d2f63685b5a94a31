"""What is done and with which settings: the manifest (``OUT_DIR/manifest.jsonl``, one
record per input), the settings hash that decides whether a record still counts on resume,
and the atomic write every file of OUT_DIR goes through (so nothing is ever half written)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnsum.errors import VnsumError

if TYPE_CHECKING:
    from vnsum.batch.options import BatchOptions

MANIFEST = "manifest.jsonl"
REPORT = "report.html"
#: Bumped when the output layout changes: old records then no longer count as done.
LAYOUT_VERSION = 1


def load_manifest(path: Path) -> dict[str, dict]:
    """The records of a previous run by ``path`` (unreadable lines are ignored)."""
    records: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return records
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            records[record["path"]] = record
    return records


def one_line(error: object, limit: int = 400) -> str:
    """An error (or any text) on one line of at most ``limit`` characters."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_line(error: BaseException, describe: Callable[[BaseException], str] = str) -> str:
    """The one-line error a failed article is recorded with: a domain error's message
    (worded by ``describe``), else the exception's type and message."""
    if isinstance(error, VnsumError):
        return one_line(describe(error))
    return f"{type(error).__name__}: {one_line(error)}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def batch_settings(options: BatchOptions, translator: Any, summary_pipeline: Any) -> dict:
    """Everything that changes the outputs: model names and options (not device, threads, batch size)."""
    from vnsum.models import translation_model

    o, t = options, translator
    settings: dict[str, Any] = {
        "layout": LAYOUT_VERSION,
        "models": {f"{a}-{b}": translation_model(a, b, t.model) for a, b in (("vi", "en"), ("en", "vi"))},
        "source_lang": o.source_lang,
        "target_lang": o.target_lang,
        "format": o.fmt,
        "beams": t.options.beams,
        "max_input_tokens": t.options.max_input_tokens,
        "backend": t.options.backend,
        "compute_type": t.options.compute_type,
        "check": o.check or o.roundtrip,
        "roundtrip": o.roundtrip,
        "summarize": None,
    }
    if o.summarize:
        from vnsum.summarize import summarizer_model

        s = summary_pipeline.options
        prompt = None
        if s.prompt_file is not None:
            with contextlib.suppress(OSError):
                prompt = hashlib.sha256(Path(s.prompt_file).read_bytes()).hexdigest()
        settings["summarize"] = {
            "lang": o.summary_lang,
            "method": s.method,
            "strategy": s.strategy,
            "sentences": s.sentences,
            "model": summarizer_model(s.method, s.strategy, s.model),
            "beams": s.beams,
            "prompt_sha256": prompt,
        }
    return settings


def settings_hash(settings: dict) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
