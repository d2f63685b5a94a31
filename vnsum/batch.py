"""Translate (and summarize) a folder of articles, or a JSON Lines file, resumably.

    from vnsum.batch import translate_folder
    result = translate_folder("articles/", "out/", target_lang="en", summarize=True)
    print(result.ok, result.failed, result.sentences_per_second)

Design:

- **Throughput.** One ``Translator`` (and one ``SummaryPipeline`` sharing it) for the whole
  run: models load once. Articles are read and prepared lazily and gathered into chunks
  (``chunk_articles`` articles or ``chunk_sentences`` sentences); each chunk goes to the
  model in one ``Translator.translate_prepared`` call, so the sentences of many short
  articles share length-sorted batches and a repeated sentence is translated once.
- **Nothing lost.** Every file is written atomically (temp file in the same folder,
  fsync, ``os.replace``). The manifest (``OUT_DIR/manifest.jsonl``, one line per input,
  its latest state) is rewritten atomically after every chunk; an article gets its record
  only after all its files are in place. SIGINT/SIGTERM set a flag: the run stops at the
  next safe point (between articles, or after the model call in progress, abandoning that
  chunk), writes the manifest and the report and returns ``interrupted=True``. A second
  signal raises ``KeyboardInterrupt`` at once; temp files are still removed and the
  manifest still written on the way out.
- **Resume.** An input is skipped when its sha256 and the settings hash (model names and
  every option that changes the output) match an ``ok``/``skipped`` record whose outputs
  still exist. ``force=True`` redoes everything.
- **Safety.** OUT_DIR must not be INPUT_DIR nor contain it (outputs could overwrite
  inputs); an OUT_DIR inside INPUT_DIR is excluded from the scan. Inputs are only read.
  Links are not followed out of INPUT_DIR (a file link pointing outside is recorded as
  failed; linked folders are not entered). Hidden files and folders are ignored. JSON Lines
  ids become safe relative names (``safe_name``) and every write is checked to land inside
  OUT_DIR.
- **One bad input never stops the batch:** it is recorded as ``failed`` with a one-line
  error. Only a model that cannot be loaded stops the run (it would fail every article).
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import io
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from vnsum.errors import InputError, ModelUnavailableError, VnsumError

MANIFEST = "manifest.jsonl"
REPORT = "report.html"
DEFAULT_GLOBS = ("*.txt", "*.md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FORMAT_EXTENSIONS = {"text": "txt", "view": "txt", "markdown": "md", "json": "json"}
#: Bumped when the output layout changes: old records then no longer count as done.
LAYOUT_VERSION = 1
_LANGS = ("vi", "en")


class Interrupted(VnsumError):
    """The batch stopped early on SIGINT/SIGTERM; everything written is complete (exit 130)."""

    exit_code = 130


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class BatchOptions:
    """What a batch does. Model and device settings live in the translator/pipeline."""

    source_lang: str = "auto"
    target_lang: str | None = None  # None: the other language, per article
    fmt: str = "text"  # per-article readable files: text | markdown | view | json (json: the records only)
    summarize: bool = False
    summary_lang: str | None = None  # None: the article's language
    check: bool = False
    roundtrip: bool = False
    patterns: tuple[str, ...] = DEFAULT_GLOBS
    force: bool = False
    chunk_articles: int = 32
    chunk_sentences: int = 1500
    report: bool = True
    durable: bool = True  # fsync every file before it is renamed into place


# ----------------------------------------------------------------------------- progress


class BatchProgress:
    """Progress callbacks (all optional); the CLI shows a rich bar or plain log lines."""

    def start(self, total: int, todo: int, skipped: int) -> None: ...

    def chunk(self, articles: int, sentences: int) -> None: ...

    def sentences(self, n: float) -> None: ...

    def article(self, record: dict) -> None: ...

    def message(self, text: str) -> None: ...

    def finish(self, result: BatchResult) -> None: ...


# ----------------------------------------------------------------------------- inputs


@dataclass
class Item:
    """One input: a file of the folder, or one line of a JSON Lines file."""

    key: str  # the manifest's ``path``: relative to INPUT_DIR, or the safe name of a JSON Lines id
    stem: str = ""  # output path without suffixes, relative to OUT_DIR (posix)
    path: Path | None = None  # the file (folder input)
    text: str | None = None  # the text (JSON Lines input)
    id: str | None = None  # the JSON Lines id as given
    line: int | None = None
    error: str | None = None  # known to fail before reading (bad JSON line, link out of INPUT_DIR)
    sha256: str | None = None

    def load(self) -> bytes:
        if self.text is not None:
            return self.text.encode("utf-8", "surrogatepass")
        if self.path is None:
            return b""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{self.key}: no such file (removed during the run?)") from None
        except PermissionError:
            raise InputError(f"{self.key}: permission denied") from None
        except OSError as e:
            raise InputError(f"{self.key}: cannot read ({e.strerror or e})") from None

    def decode(self, data: bytes) -> str:
        from vnsum.textio import decode_bytes

        if self.text is not None:
            return self.text
        return decode_bytes(data, self.key)

    @property
    def display(self) -> str:
        return self.key if self.id is None else f"{self.key} (id {self.id!r}, line {self.line})"


_UNSAFE = re.compile(r"[^\w\-. ]+")  # \w is Unicode-aware: Vietnamese letters stay
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_MAX_PART_BYTES = 150  # leaves room for ".summary.vi.json" and a "-123" within 255 bytes
_MAX_PARTS = 8


def safe_name(ident: object) -> str:
    """A relative posix path made from a JSON Lines id that cannot leave OUT_DIR.

    Slashes (and backslashes) keep making folders, but ``..``, ``.``, empty parts and
    absolute prefixes go; characters other than letters (Vietnamese included), digits,
    ``-_. `` and spaces become ``_``; no part starts with a dot (no hidden files) or ends
    with a dot or space; parts are capped in bytes; Windows device names get a ``_``.
    """
    text = unicodedata.normalize("NFC", str(ident)).replace("\\", "/")
    parts = []
    for raw in text.split("/"):
        part = " ".join(_UNSAFE.sub("_", raw).split()).strip(" .")
        while len(part.encode("utf-8")) > _MAX_PART_BYTES:
            part = part[:-1]
        part = part.rstrip(" .")
        if not part:
            continue
        if part.split(".")[0].upper() in _WINDOWS_RESERVED:
            part = "_" + part
        parts.append(part)
    return "/".join(parts[-_MAX_PARTS:]) or "item"


def output_names(stem: str, fmt: str, summarize: bool, langs: Iterable[str] = _LANGS) -> list[str]:
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


def check_paths(input_path: str | Path, out_dir: str | Path) -> None:
    """Refuse what could modify inputs: OUT_DIR equal to INPUT_DIR or containing it."""
    if str(input_path) == "-":
        if Path(out_dir).exists() and not Path(out_dir).is_dir():
            raise InputError(f"{out_dir} exists and is not a folder")
        return
    src, out = Path(input_path), Path(out_dir)
    if not src.exists():
        raise InputError(f"{src}: no such folder or file")
    if src.is_file() and src.suffix.lower() not in JSONL_SUFFIXES:
        raise InputError(f"{src} is a file: give a folder, or a JSON Lines file (.jsonl) with one {{id, text}} per line")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder")
    src_real, out_real = src.resolve(), out.resolve()
    if src.is_dir():
        if out_real == src_real:
            raise InputError("the output folder must not be the input folder (inputs are never modified)")
        if src_real.is_relative_to(out_real):
            raise InputError(f"the output folder {out} contains the input folder: outputs could overwrite inputs")
    elif src_real == out_real / MANIFEST:
        raise InputError(f"{src} is the manifest of the output folder: it would be overwritten")


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    rel_l = rel.lower()
    name = rel_l.rsplit("/", 1)[-1]
    for pattern in patterns:
        p = pattern.lower()
        if "/" in p:
            if fnmatch.fnmatchcase(rel_l, p) or (p.startswith("**/") and fnmatch.fnmatchcase(rel_l, p[3:])):
                return True
        elif fnmatch.fnmatchcase(name, p):
            return True
    return False


def discover(input_path: str | Path, out_dir: str | Path, patterns: Sequence[str] = DEFAULT_GLOBS) -> list[Item]:
    """The inputs, in a stable order: a folder's matching files (recursive), or JSON Lines items."""
    if str(input_path) == "-":
        if sys.stdin is None:
            raise InputError("no standard input to read")
        return _jsonl_items(sys.stdin.buffer.read())
    src = Path(input_path)
    if src.is_file():
        try:
            return _jsonl_items(src.read_bytes())
        except OSError as e:
            raise InputError(f"{src}: cannot read ({e.strerror or e})") from None
    return _folder_items(src, Path(out_dir), patterns)


def _folder_items(src: Path, out_dir: Path, patterns: Sequence[str]) -> list[Item]:
    root, out_real = src.resolve(), out_dir.resolve()
    items: list[Item] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        # Not entered: hidden folders, linked folders (never followed), and OUT_DIR itself.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink() and (here / d).resolve() != out_real
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if not _matches(rel, patterns):
                continue
            item = Item(key=rel, path=path)
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    item.error = f"{rel} is a link to outside the input folder; not followed"
                elif target.is_relative_to(out_real):
                    continue
            if not item.error and not path.is_file():
                item.error = f"{rel} is not a regular file"
            items.append(item)
    items.sort(key=lambda i: i.key)
    return items


def _jsonl_items(data: bytes) -> list[Item]:
    items: list[Item] = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        item = Item(key=f"line-{n}", id=f"line-{n}", line=n)
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            item.error = f"line {n}: not valid JSON ({_one_line(e)})"
            items.append(item)
            continue
        if not isinstance(obj, dict):
            item.error = f'line {n}: expected an object like {{"id": …, "text": …}}'
        else:
            if obj.get("id") not in (None, ""):
                item.id = obj["id"] if isinstance(obj["id"], str) else json.dumps(obj["id"], ensure_ascii=False)
            if not isinstance(obj.get("text"), str):
                item.error = f'line {n}: no "text" string'
            else:
                item.text = obj["text"]
        items.append(item)
    return items


# ----------------------------------------------------------------------------- files


def atomic_write(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to a temp file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def _one_line(error: object, limit: int = 400) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ----------------------------------------------------------------------------- result


@dataclass
class BatchResult:
    out_dir: Path
    records: list[dict]  # this run's inputs, in order (latest state; pending ones have none)
    total: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0  # not reached (interrupted)
    sentences: int = 0  # translated in this run (ok articles)
    seconds: float = 0.0  # wall time of the run
    load_seconds: float = 0.0  # of which loading models
    interrupted: bool = False
    flags: int = 0
    manifest: Path | None = None
    report: Path | None = None
    settings: dict = field(default_factory=dict)

    @property
    def work_seconds(self) -> float:
        return max(1e-9, self.seconds - self.load_seconds)

    @property
    def articles_per_second(self) -> float:
        return self.ok / self.work_seconds

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.work_seconds

    def summary_line(self) -> str:
        parts = [f"{self.ok} ok", f"{self.failed} failed", f"{self.skipped} skipped"]
        if self.pending:
            parts.append(f"{self.pending} not done (interrupted)")
        line = f"{', '.join(parts)} of {self.total} in {self.seconds:.1f} s"
        if self.ok:
            line += f": {self.articles_per_second:.2f} articles/s, {self.sentences_per_second:.1f} sentences/s"
            if self.load_seconds >= 0.05:
                line += f" (models loaded in {self.load_seconds:.1f} s, not counted)"
        return line


class _Stop(Exception):
    """Raised from the progress callback to abandon the chunk in the model on a signal."""


@dataclass
class _Prepared:
    item: Item
    sha256: str
    text: str
    document: Any  # PreparedDocument


# ----------------------------------------------------------------------------- the batch


class Batch:
    """Translate (and summarize) every input of INPUT (a folder or a JSON Lines file) into OUT_DIR.

    ``translator`` / ``summary_pipeline`` are built from ``model`` and ``translate_options``
    (and ``summary_options``) when not given; pass your own to share loaded models.
    """

    def __init__(
        self,
        input_path: str | Path,
        out_dir: str | Path,
        options: BatchOptions | None = None,
        *,
        model: str | None = None,
        translate_options: Any = None,
        summary_options: Any = None,
        translator: Any = None,
        summary_pipeline: Any = None,
        progress: BatchProgress | None = None,
    ) -> None:
        from vnsum.translator import TranslateOptions, Translator

        self.input_path = input_path if str(input_path) == "-" else Path(input_path)
        self.out_dir = Path(out_dir)
        self.options = options or BatchOptions()
        o = self.options
        if o.fmt not in FORMAT_EXTENSIONS:
            raise InputError(f"unknown format {o.fmt!r}; use one of {', '.join(FORMAT_EXTENSIONS)}")
        if o.chunk_articles < 1 or o.chunk_sentences < 1:
            raise InputError("chunk sizes must be at least 1")
        self.translator = translator or Translator(model, translate_options or TranslateOptions())
        self.summary_pipeline = summary_pipeline
        if o.summarize and summary_pipeline is None:
            from vnsum.summarize import SummaryOptions, SummaryPipeline

            self.summary_pipeline = SummaryPipeline(summary_options or SummaryOptions(), translator=self.translator)
        self.progress = progress or BatchProgress()
        self._stop = False
        self._stop_message: str | None = None

    # -- settings ------------------------------------------------------------------

    def settings(self) -> dict:
        """Everything that changes the outputs: model names and options (not device, threads, batch size)."""
        from vnsum.models import translation_model

        o, t = self.options, self.translator
        settings: dict[str, Any] = {
            "layout": LAYOUT_VERSION,
            "models": {f"{a}-{b}": translation_model(a, b, t.model) for a, b in (("vi", "en"), ("en", "vi"))},
            "source_lang": o.source_lang,
            "target_lang": o.target_lang,
            "format": o.fmt,
            "beams": t.options.beams,
            "max_input_tokens": t.options.max_input_tokens,
            "check": o.check or o.roundtrip,
            "roundtrip": o.roundtrip,
            "summarize": None,
        }
        if o.summarize:
            from vnsum.summarize import summarizer_model

            s = self.summary_pipeline.options
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

    @staticmethod
    def settings_hash(settings: dict) -> str:
        return hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    # -- the run -------------------------------------------------------------------

    def run(self) -> BatchResult:
        start = time.perf_counter()
        load_before = self.translator.load_seconds
        o = self.options
        check_paths(self.input_path, self.out_dir)
        items = discover(self.input_path, self.out_dir, o.patterns)
        wanted = [safe_name(i.id) if i.id is not None else _strip_suffix(i.key) for i in items]
        assign_stems(items, wanted, o.fmt, o.summarize)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._out_real = self.out_dir.resolve()
        settings = self.settings()
        self._settings_hash = self.settings_hash(settings)
        old = load_manifest(self.out_dir / MANIFEST)
        current = {i.key for i in items}
        self._kept = {k: r for k, r in old.items() if k not in current}  # other inputs' records stay
        self._records: dict[str, dict] = {i.key: old[i.key] for i in items if i.key in old}
        self._fresh: set[str] = set()  # keys recorded by this run

        todo: list[Item] = []
        skipped = 0
        for item in items:
            if not o.force and item.error is None and self._done_before(item, old.get(item.key)):
                self._records[item.key] = {**old[item.key], "status": "skipped", "error": None}
                self._fresh.add(item.key)
                skipped += 1
            else:
                todo.append(item)
        self.progress.start(len(items), len(todo), skipped)
        self._sentences_done = 0
        interrupted = False
        try:
            with self._signals():
                interrupted = self._process(todo)
        finally:
            self._stopping()  # say why it stopped, if it did
            self._write_manifest(items)
            result = self._result(items, settings, start, load_before, interrupted)
            if o.report:
                result.report = self._write_report(items, result)
        self.progress.finish(result)
        return result

    def _done_before(self, item: Item, record: dict | None) -> bool:
        if not record or record.get("status") not in ("ok", "skipped"):
            return False
        if record.get("settings") != self._settings_hash or record.get("stem") != item.stem:
            return False
        try:
            item.sha256 = hashlib.sha256(item.load()).hexdigest()
        except InputError:
            return False
        if record.get("sha256") != item.sha256:
            return False
        return all((self.out_dir / name).is_file() for name in record.get("outputs", ()))

    def _process(self, todo: list[Item]) -> bool:
        """Prepare articles lazily into chunks and translate each chunk at once; True if interrupted."""
        o = self.options
        chunk: list[_Prepared] = []
        sentences = 0
        for item in todo:
            if self._stopping():
                return True
            prepared = self._prepare(item)
            if prepared is None:
                continue
            chunk.append(prepared)
            sentences += prepared.document.sentence_count
            if len(chunk) >= o.chunk_articles or sentences >= o.chunk_sentences:
                if self._run_chunk(chunk):
                    return True
                chunk, sentences = [], 0
        if chunk and self._run_chunk(chunk):
            return True
        return self._stopping()

    def _stopping(self) -> bool:
        if self._stop_message:
            self.progress.message(self._stop_message)
            self._stop_message = None
        return self._stop

    def _prepare(self, item: Item) -> _Prepared | None:
        sha = ""
        try:
            if item.error:
                raise InputError(item.error)
            data = item.load()
            sha = hashlib.sha256(data).hexdigest()
            text = item.decode(data)
            document = self.translator.prepare(
                text, source_lang=self.options.source_lang, target_lang=self.options.target_lang, source_name=item.key
            )
            if not document.sentence_count:
                raise InputError("nothing to translate: no prose sentences (only page noise)")
            return _Prepared(item, sha, text, document)
        except (ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            self._fail(item, sha, e)
            return None

    def _fail(self, item: Item, sha: str, error: BaseException, **extra) -> None:
        message = _one_line(error) if isinstance(error, VnsumError) else f"{type(error).__name__}: {_one_line(error)}"
        record = self._record(item, sha, "failed", error=message, **extra)
        self._records[item.key] = record
        self._fresh.add(item.key)
        self.progress.article(record)

    def _record(self, item: Item, sha: str, status: str, **fields) -> dict:
        record = {"path": item.key}
        if item.id is not None:
            record.update(id=item.id, line=item.line)
        record.update(stem=item.stem, sha256=sha, settings=self._settings_hash, status=status, error=None)
        record.update(fields)
        record["finished"] = _now()
        return record

    def _run_chunk(self, chunk: list[_Prepared]) -> bool:
        total = sum(p.document.sentence_count for p in chunk)
        self.progress.chunk(len(chunk), total)
        unique = max(1, len({(p.document.source_lang, s) for p in chunk for g in p.document.sentences for s in g}))
        done = [0]

        def tick(n: int) -> None:
            step = min(n, max(0, unique - done[0]))
            done[0] += step
            self.progress.sentences(step * total / unique)
            if self._stop:
                raise _Stop

        start = time.perf_counter()
        load_before = self.translator.load_seconds
        try:
            translations = self.translator.translate_prepared([p.document for p in chunk], progress=tick)
        except _Stop:
            return True
        except (ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            if len(chunk) == 1:
                self._fail(chunk[0].item, chunk[0].sha256, e)
                return False
            translations = self._one_by_one(chunk)  # find the article that breaks the model call
        self.progress.sentences(max(0.0, total - done[0] * total / unique))
        seconds = time.perf_counter() - start - (self.translator.load_seconds - load_before)
        for prepared, translation in zip(chunk, translations, strict=True):
            if translation is None:
                continue
            if self._stopping():
                return True
            share = seconds * prepared.document.sentence_count / max(1, total)
            self._finish_article(prepared, translation, share, seconds)
        return False

    def _one_by_one(self, chunk: list[_Prepared]) -> list:
        out = []
        for p in chunk:
            try:
                out.append(self.translator.translate_prepared([p.document])[0])
            except (ModelUnavailableError, KeyboardInterrupt):
                raise
            except Exception as e:
                self._fail(p.item, p.sha256, e)
                out.append(None)
        return out

    def _finish_article(self, prepared: _Prepared, translation, translate_seconds: float, chunk_seconds: float) -> None:
        o, item = self.options, prepared.item
        start = time.perf_counter()
        summary = None
        try:
            if o.check or o.roundtrip:
                from vnsum.checking import check_translation_result

                translation = check_translation_result(translation, self.translator if o.roundtrip else None)
            if o.summarize:
                summary = self.summary_pipeline.summarize(
                    prepared.text, source_lang=translation.source_lang, target_lang=o.summary_lang, source_name=item.key
                )
                if o.check or o.roundtrip:
                    from vnsum.checking import check_summary_result

                    summary = check_summary_result(summary, self.translator if o.roundtrip else None)
            outputs = self._write_outputs(item, translation, summary)
        except (ModelUnavailableError, KeyboardInterrupt):
            raise
        except Exception as e:
            self._fail(item, prepared.sha256, e, source_lang=translation.source_lang, target_lang=translation.target_lang)
            return
        flags = sum(len(s.flags) for s in translation.segments) + (sum(len(s.flags) for s in summary.sentences) if summary else 0)
        record = self._record(
            item,
            prepared.sha256,
            "ok",
            source_lang=translation.source_lang,
            target_lang=translation.target_lang,
            sentences=translation.stats.sentences,
            flags=flags,
            warnings=len(translation.warnings) + (len(summary.warnings) if summary else 0),
            outputs=outputs,
            record=f"{item.stem}.json",
            summary_record=f"{item.stem}.summary.{summary.target_lang}.json" if summary else None,
            models={
                "translation": translation.model,
                "summarizer": summary.model if summary else None,
                "summary_translation": summary.translation_model if summary else None,
            },
            seconds={
                "translate": round(translate_seconds, 3),
                "translate_chunk": round(chunk_seconds, 3),
                "summary_and_write": round(time.perf_counter() - start, 3),
            },
        )
        self._records[item.key] = record
        self._fresh.add(item.key)
        self._sentences_done += translation.stats.sentences
        self.progress.article(record)

    def _write_outputs(self, item: Item, translation, summary) -> list[str]:
        from vnsum.views import write

        o = self.options
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
            atomic_write(self._inside(name), text, durable=o.durable)
        return [name for name, _ in files]

    def _inside(self, name: str) -> Path:
        """OUT_DIR/name, refusing anything that would land outside OUT_DIR (even through a link)."""
        rel = PurePosixPath(name)
        if rel.is_absolute() or any(part in ("", ".", "..") for part in rel.parts):
            raise InputError(f"unsafe output name {name!r}")
        path = self.out_dir.joinpath(*rel.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.parent.resolve().is_relative_to(self._out_real) or (path.is_symlink() or path.is_dir()):
            raise InputError(f"output {name!r} would leave the output folder (a link?) or is a folder")
        return path

    def _write_manifest(self, items: list[Item]) -> None:
        records = [self._records[i.key] for i in items if i.key in self._records] + list(self._kept.values())
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        atomic_write(self.out_dir / MANIFEST, text, durable=self.options.durable)

    def _result(self, items: list[Item], settings: dict, start: float, load_before: float, interrupted: bool) -> BatchResult:
        records = [self._records[i.key] for i in items if i.key in self._fresh]
        counts = {s: sum(1 for r in records if r["status"] == s) for s in ("ok", "failed", "skipped")}
        load = self.translator.load_seconds - load_before
        if self.summary_pipeline is not None:
            load += getattr(self.summary_pipeline, "_load_seconds", 0.0)
        return BatchResult(
            out_dir=self.out_dir,
            records=[self._records.get(i.key) or {"path": i.key, "stem": i.stem, "status": "pending"} for i in items],
            total=len(items),
            ok=counts["ok"],
            failed=counts["failed"],
            skipped=counts["skipped"],
            pending=len(items) - len(records),
            sentences=self._sentences_done,
            seconds=time.perf_counter() - start,
            load_seconds=load,
            interrupted=interrupted,
            flags=sum(r.get("flags", 0) for r in records if r["status"] in ("ok", "skipped")),
            manifest=self.out_dir / MANIFEST,
            settings=settings,
        )

    def _write_report(self, items: list[Item], result: BatchResult) -> Path:
        from vnsum.report import ReportEntry, render_report

        entries = []
        for item, record in zip(items, result.records, strict=True):
            if record.get("status") == "pending" or item.key not in self._fresh:
                record = {**record, "status": "pending"}
            entries.append(ReportEntry(record, *self._load_outputs(record)))
        path = self.out_dir / REPORT
        title_source = "standard input" if str(self.input_path) == "-" else str(self.input_path)
        atomic_write(path, render_report(entries, result, source=title_source), durable=self.options.durable)
        return path

    def _load_outputs(self, record: dict) -> tuple[dict | None, dict | None]:
        if record.get("status") not in ("ok", "skipped"):
            return None, None
        loaded = []
        for key in ("record", "summary_record"):
            try:
                loaded.append(json.loads((self.out_dir / record[key]).read_text(encoding="utf-8")) if record.get(key) else None)
            except (OSError, ValueError):
                loaded.append(None)
        return loaded[0], loaded[1]

    @contextlib.contextmanager
    def _signals(self):
        """SIGINT/SIGTERM: stop at the next safe point; a second one stops at once."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum, _frame):
            if self._stop:
                raise KeyboardInterrupt
            self._stop = True
            self._stop_message = (
                f"{signal.Signals(signum).name}: stopping at the next safe point; everything done so far is kept (again to stop now)"
            )

        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)


def _strip_suffix(rel: str) -> str:
    p = PurePosixPath(rel)
    return p.with_suffix("").as_posix() if p.suffix else rel


def translate_folder(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    target_lang: str | None = None,
    source_lang: str = "auto",
    summarize: bool = False,
    summary_lang: str | None = None,
    fmt: str = "text",
    patterns: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    model: str | None = None,
    translate_options: Any = None,
    summary_options: Any = None,
    progress: BatchProgress | None = None,
    **options: Any,
) -> BatchResult:
    """Translate (and summarize) every article of a folder or JSON Lines file into ``out_dir``."""
    batch_options = BatchOptions(
        source_lang=source_lang,
        target_lang=target_lang,
        fmt=fmt,
        summarize=summarize,
        summary_lang=summary_lang,
        patterns=tuple(patterns),
        force=force,
        **options,
    )
    return Batch(
        input_path,
        out_dir,
        batch_options,
        model=model,
        translate_options=translate_options,
        summary_options=summary_options,
        progress=progress,
    ).run()
