"""What a batch is given and what it gives back: ``BatchOptions``, the ``BatchProgress``
callbacks, the ``BatchResult`` and the output folder's fixed names. Kept apart so that the
CLI, the report and the runner share these without importing the machinery."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: The files a folder input gives by default (web pages give their article).
DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")
#: The fixed names in OUT_DIR.
MANIFEST = "manifest.jsonl"
REPORT = "report.html"
#: Bumped when the output layout changes: old records then no longer count as done.
LAYOUT_VERSION = 1

# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class BatchOptions:
    """What a batch does. Model and device settings live in the translator/pipeline."""

    source_lang: str = "auto"
    target_lang: str | None = None  # None: the other language, per article
    fmt: str = "text"  # per-article readable files: text | markdown | view | json (json: the records only)
    summarize: bool = False
    translate: bool = True  # False: summaries only (with summarize), no article is translated
    summary_lang: str | None = None  # None: the article's language
    check: bool = False
    roundtrip: bool = False
    patterns: tuple[str, ...] = DEFAULT_GLOBS
    force: bool = False
    chunk_articles: int = 32
    chunk_sentences: int = 1500
    report: bool = True
    durable: bool = True  # fsync every file before it is renamed into place
    max_failures: int | None = None  # stop early once this many articles failed in this run (a broken model)
    article_timeout: float | None = None  # seconds: an article whose work takes longer fails (checked between model batches)


# ----------------------------------------------------------------------------- progress


class BatchProgress:
    """Progress callbacks (all optional); the CLI shows a rich bar or plain log lines."""

    def start(self, total: int, todo: int, skipped: int) -> None: ...

    def chunk(self, articles: int, sentences: int) -> None: ...

    def sentences(self, n: float) -> None: ...

    def article(self, record: dict) -> None: ...

    def message(self, text: str) -> None: ...

    def finish(self, result: BatchResult) -> None: ...


# ----------------------------------------------------------------------------- result


@dataclass
class BatchResult:
    out_dir: Path
    records: Sequence[dict]  # this run's inputs, in order (latest state; pending ones have none), read from the manifest when used
    total: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0  # not reached (interrupted, or stopped early)
    sentences: int = 0  # translated in this run (ok articles)
    seconds: float = 0.0  # wall time of the run
    load_seconds: float = 0.0  # of which loading models
    interrupted: bool = False  # by a signal
    stopped: str | None = None  # why it stopped early (``max_failures``), if it did
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
            parts.append(f"{self.pending} not done ({'stopped early' if self.stopped else 'interrupted'})")
        line = f"{', '.join(parts)} of {self.total} in {self.seconds:.1f} s"
        if self.stopped:
            tried = self.ok + self.failed
            rate = f"{self.failed / max(1, tried):.0%} of the {tried} tried failed, {tried / self.work_seconds:.2f} articles/s"
            line += f" ({self.stopped}; {rate})"
        if self.ok:
            line += f": {self.articles_per_second:.2f} articles/s"
            if self.sentences:  # translated ones (none in a summary-only batch)
                line += f", {self.sentences_per_second:.1f} sentences/s"
            if self.load_seconds >= 0.05:
                line += f" (models loaded in {self.load_seconds:.1f} s, not counted)"
        return line
