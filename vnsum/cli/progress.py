"""How ``vnsum batch`` shows its progress: plain log lines (a pipe, a log file, CI) or a rich bar."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import click

from vnsum.batch.options import BatchProgress

if TYPE_CHECKING:
    from vnsum.batch.options import BatchResult


def _line(text: str) -> None:
    click.echo(f"vnsum batch: {text}", err=True)


class LogProgress(BatchProgress):
    """Plain log lines on stderr (a pipe, a log file, CI): one per chunk and per failure."""

    def __init__(self, verb: str = "translating") -> None:
        self.verb = verb  # what a chunk does: translating, or summarizing (a summary-only batch)
        self.todo = self.done = 0
        self.sentences_done = 0.0
        self.start_time = time.perf_counter()
        self.chunks = 0

    def start(self, total: int, todo: int, skipped: int) -> None:
        self.todo, self.start_time = todo, time.perf_counter()
        _line(f"{total} inputs: {todo} to do, {skipped} done before (skipped)")

    def chunk(self, articles: int, sentences: int) -> None:
        self.chunks += 1
        _line(f"chunk {self.chunks}: {self.verb} {articles} article{'s' if articles != 1 else ''}, {sentences} sentences together")

    def sentences(self, n: float) -> None:
        self.sentences_done += n

    def article(self, record: dict) -> None:
        self.done += 1
        if record["status"] == "failed":
            _line(f"failed: {record['path']}: {record.get('error')}")
        if self.chunks and (self.done == self.todo or (record["status"] == "ok" and self.done % 32 == 0)):
            elapsed = max(1e-9, time.perf_counter() - self.start_time)
            rate = self.done / elapsed
            eta = (self.todo - self.done) / rate if rate else 0
            _line(
                f"[{self.done}/{self.todo}] {self.sentences_done:.0f} sentences, "
                f"{rate:.2f} articles/s, {self.sentences_done / elapsed:.1f} sentences/s, ETA {_duration(eta)}"
            )

    def message(self, text: str) -> None:
        _line(text)

    def finish(self, result: BatchResult) -> None:
        _line(result.summary_line())
        if result.report:
            _line(f"report: {result.report}")

    def close(self) -> None:
        pass


class RichProgress(LogProgress):
    """A rich progress bar on the terminal: articles and sentences done, rate, ETA."""

    def __init__(self, verb: str = "translating") -> None:
        super().__init__(verb)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.articles: Any = None  # rich task ids, set by start()
        self.sentence_task: Any = None

    def start(self, total: int, todo: int, skipped: int) -> None:
        self.todo, self.start_time = todo, time.perf_counter()
        self.console.print(f"[bold]vnsum batch[/]: {total} inputs: {todo} to do, {skipped} done before (skipped)")
        self.articles = self.bar.add_task("articles", total=todo, rate="")
        self.sentence_task = self.bar.add_task("sentences", total=None, rate="")
        self.bar.start()

    def chunk(self, articles: int, sentences: int) -> None:
        self.chunks += 1
        task = self.bar.tasks[self.sentence_task]
        self.bar.update(self.sentence_task, total=(task.total or 0) + sentences)

    def sentences(self, n: float) -> None:
        self.sentences_done += n
        elapsed = max(1e-9, time.perf_counter() - self.start_time)
        self.bar.update(self.sentence_task, advance=n, rate=f"{self.sentences_done / elapsed:.1f}/s")

    def article(self, record: dict) -> None:
        self.done += 1
        elapsed = max(1e-9, time.perf_counter() - self.start_time)
        self.bar.update(self.articles, advance=1, rate=f"{self.done / elapsed:.2f}/s")
        if record["status"] == "failed":
            from rich.markup import escape

            self.bar.console.print(f"[red]failed[/] {escape(record['path'])}: {escape(str(record.get('error')))}", highlight=False)

    def message(self, text: str) -> None:
        from rich.markup import escape

        self.bar.console.print(f"[yellow]{escape(text)}[/]")

    def finish(self, result: BatchResult) -> None:
        self.close()
        self.console.print(f"[bold]vnsum batch[/]: {result.summary_line()}", highlight=False)
        if result.report:
            self.console.print(f"report: {result.report}", highlight=False)

    def close(self) -> None:
        self.bar.stop()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"
