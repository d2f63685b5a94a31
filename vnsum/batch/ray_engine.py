"""``vnsum batch --engine ray``: the same batch, with the model work spread over Ray workers.

    from vnsum.batch.ray_engine import RayBatch
    result = RayBatch("articles/", "out/", options, workers=4).run()   # or address="auto"

Everything but the model work stays in the driver and is the same code as with the local
engine (``RayBatch`` is a ``Batch`` with a ``RayEngine``): discovery, hashing, skip
decisions on resume, output names, preparing articles (normalise, detect the language,
split sentences: no model) and packing them into chunks, atomic writes of every file, the
manifest, the report, SIGINT/SIGTERM safe points. Only the model work runs on the workers:
each chunk is one row of a Ray dataset, and ``map_batches`` sends it to ``TranslateWorker``,
a stateful class that builds one ``ChunkWorker`` (a ``Translator`` and ``SummaryPipeline``)
per worker, loads the models once and runs the very code the local engine runs
(``ChunkWorker.run``: translate the chunk, complete each article). The outcomes
(``Completed``/``Failed``, with their ``Translation``/``Summary`` objects) come back to the
driver as they are ready and are written exactly as the local engine writes them.

Why chunks are made in the driver: the model's output for a sentence may depend on which
other sentences share its batch (padding changes the shape of the matrix products, and
with it the order of floating-point sums, in int8 and float32 alike). Sending every worker
the chunks the local engine would form makes the outputs byte-identical to ``--engine
local`` with the same options, whatever the number of workers.

Fault tolerance is Ray's: the worker actors are restarted when their process dies
(``max_restarts=-1``) and the chunk they held is retried (``max_task_retries=-1``); a chunk's
results are written once, when they arrive, so nothing is lost or written twice. (These
are Ray Data's defaults for actor pools; setting them again is deprecated in recent Ray.)

Ray is an optional extra (``pip install 'vnsum[ray]'``) imported only here, on use.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnsum.batch.engine import Sink
from vnsum.batch.options import BatchOptions
from vnsum.batch.runner import Batch
from vnsum.batch.worker import ChunkResult, ChunkWorker, Completed, PreparedArticle
from vnsum.errors import InputError, ModelUnavailableError, VnsumError, one_line, setting

if TYPE_CHECKING:
    from vnsum.summarize import SummaryOptions
    from vnsum.translator import TranslateOptions

INSTALL_HINT = f"{setting('engine')} ray needs Ray, an optional extra: pip install 'vnsum[ray]'"

#: Seconds between fsyncs of the manifest's appended records while chunks come back (compacted at the end).
MANIFEST_EVERY_S = 5.0

#: Environment variables passed on to the workers (model folders, caches, offline mode).
_ENV_PREFIXES = ("VNSUM_", "HF_", "TRANSFORMERS_", "CT2_")


def require_ray() -> Any:
    """The ``ray`` module, or an InputError (exit 2) with the install hint."""
    try:
        import ray
        import ray.data  # noqa: F401  (ray[data]: pyarrow, pandas)
    except ImportError as e:
        raise InputError(f"{INSTALL_HINT} ({one_line(e)})") from None
    return ray


@dataclass(frozen=True)
class WorkerSpec:
    """What each Ray worker builds its ``ChunkWorker`` from."""

    options: BatchOptions
    model: str | None
    translate_options: TranslateOptions
    summary_options: SummaryOptions | None
    cache: bool
    describe: Callable[[BaseException], str]


# ----------------------------------------------------------------------------- worker


class TranslateWorker:
    """One per Ray worker: loads the models once (on first use), then runs chunks.

    Each input row is a chunk (``chunk``: its number, ``payload``: the pickled list of
    prepared articles); each output row carries the pickled ``ChunkResult`` (or the
    unavailable model that stops the run), with the worker's pid and load time.
    """

    def __init__(self, spec: WorkerSpec) -> None:
        from vnsum.translator import Translator

        memory = None
        if spec.cache:
            from vnsum.memory import TranslationMemory

            memory = TranslationMemory()
        translator = Translator(spec.model, spec.translate_options, memory=memory)
        pipeline = None
        if spec.options.summarize:
            from vnsum.summarize import SummaryOptions, SummaryPipeline

            pipeline = SummaryPipeline(spec.summary_options or SummaryOptions(), translator=translator)
        self.worker = ChunkWorker(spec.options, translator, pipeline, spec.describe)

    def __call__(self, batch: dict) -> dict:
        chunks, results = list(batch["chunk"]), []
        for payload in batch["payload"]:
            results.append(pickle.dumps(self.translate(pickle.loads(payload)), protocol=pickle.HIGHEST_PROTOCOL))
        return {"chunk": chunks, "result": results}

    def translate(self, chunk: list[PreparedArticle]) -> dict:
        try:
            result = self.worker.run(chunk)
        except ModelUnavailableError as e:  # stops the run, as in the local engine
            return {"unavailable": (e.model, e.reason), "pid": os.getpid()}
        return {"result": result, "pid": os.getpid(), "load_seconds": self.worker.load_seconds}


def _bound_worker(spec: WorkerSpec) -> type:
    """``TranslateWorker`` with its settings bound in (pickled with the class, not as actor
    constructor arguments kept in the object store, which Ray warns about for restartable actors)."""

    class BoundTranslateWorker(TranslateWorker):
        def __init__(self) -> None:
            super().__init__(spec)

    return BoundTranslateWorker


# ----------------------------------------------------------------------------- driver


class RayEngine:
    """The model work on Ray workers (see the module's documentation).

    ``address``: an existing cluster (``auto``, ``ray://host:10001``…); without it, a Ray
    instance already started in this process is used, else a local one is started (and
    shut down at the end). ``workers``: worker actors [default: as many as fit the
    cluster's CPUs, or GPUs with ``gpus_per_worker``]. Each worker uses ``spec``'s threads.
    """

    def __init__(self, spec: WorkerSpec, *, address: str | None = None, workers: int | None = None, gpus_per_worker: float = 0.0) -> None:
        self.ray = require_ray()
        if workers is not None and workers < 1:
            raise InputError(f"{setting('workers')} must be at least 1")
        if gpus_per_worker < 0:
            raise InputError(f"{setting('gpus_per_worker')} must not be negative")
        self.spec = spec
        self.threads = spec.translate_options.threads or 1
        self.address = address
        self.workers = workers
        self.gpus_per_worker = gpus_per_worker
        self.worker_pids: set[int] = set()
        self._start_seconds = 0.0
        self._worker_loads: dict[int, float] = {}

    def load_seconds(self) -> float:
        """Starting Ray, and the slowest worker's model loading (workers load in parallel)."""
        return self._start_seconds + max(self._worker_loads.values(), default=0.0)

    def process(self, chunks: Iterable[list[PreparedArticle]], sink: Sink) -> bool:
        """Pack every chunk here (as the local engine does), translate them on the workers,
        finish each article here as its chunk comes back; True if interrupted."""
        prepared: dict[int, list[PreparedArticle]] = {}
        rows = []
        for chunk in chunks:
            rows.append({"chunk": len(prepared), "payload": pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)})
            prepared[len(prepared)] = chunk
        if sink.stopping():
            return True
        if not rows:
            return False
        started = self._start_ray()
        try:
            return self._run_on_ray(rows, prepared, sink)
        finally:
            if started:
                self.ray.shutdown()

    def _start_ray(self) -> bool:
        """Reuse this process's Ray, or connect to ``address``, or start a local instance; True if started here."""
        ray = self.ray
        if ray.is_initialized():
            return False
        start = time.perf_counter()
        main = threading.current_thread() is threading.main_thread()
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)} if main else {}
        kwargs: dict[str, Any] = {"logging_level": logging.WARNING}
        if self.address:
            kwargs["address"] = self.address
        else:
            kwargs["include_dashboard"] = False
        try:
            ray.init(**kwargs)
        except Exception as e:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray instance"
            raise InputError(f"cannot start or reach {where}: {one_line(e)}") from None
        finally:
            for sig, handler in handlers.items():  # ray.init sets its own SIGTERM handler: the batch's safe points stay
                if handler is not None:
                    signal.signal(sig, handler)
        self._start_seconds += time.perf_counter() - start  # start-up, like model loading, is not work
        return True

    def _worker_count(self) -> int:
        if self.workers:
            return self.workers
        resources = self.ray.cluster_resources()
        if self.gpus_per_worker:
            return max(1, int(resources.get("GPU", 0) // self.gpus_per_worker))
        return max(1, int(resources.get("CPU", 1) // self.threads))

    def _worker_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k.startswith(_ENV_PREFIXES)}
        env.pop("VNSUM_THREADS", None)  # threads per worker are set explicitly
        threads = str(self.threads)
        env.update(OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads, TOKENIZERS_PARALLELISM="false")
        return env

    def _run_on_ray(self, rows: list[dict], chunks: dict[int, list[PreparedArticle]], sink: Sink) -> bool:
        ray = self.ray
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        workers = min(self._worker_count(), len(rows))
        resources: dict[str, Any] = {"num_cpus": self.threads}
        if self.gpus_per_worker:
            resources["num_gpus"] = self.gpus_per_worker
        sink.progress.message(
            f"ray: {len(rows)} chunk{'s' if len(rows) != 1 else ''} on {workers} worker{'s' if workers != 1 else ''} "
            f"({self.threads} CPU thread{'s' if self.threads != 1 else ''}"
            + (f", {self.gpus_per_worker:g} GPU" if self.gpus_per_worker else "")
            + " each; models load once per worker)"
        )
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-dataset INFO lines on stderr
        ds = ray.data.from_items(rows, override_num_blocks=len(rows))
        ds = ds.map_batches(
            _bound_worker(self.spec),
            batch_size=1,  # one chunk per call: the local engine's batches, exactly
            compute=ray.data.ActorPoolStrategy(size=workers),
            # Fault tolerance is Ray Data's default for actor pools: max_restarts=-1 (a dead
            # worker process is replaced) and max_task_retries=-1 (its chunk is retried).
            runtime_env={"env_vars": self._worker_env()},
            **resources,
        )
        done: set[int] = set()
        for row in ds.iter_rows():
            index = int(row["chunk"])
            if index in done:  # never happens with Ray Data; a chunk is written once anyway
                continue
            done.add(index)
            answer = pickle.loads(row["result"])
            if "unavailable" in answer:
                raise ModelUnavailableError(*answer["unavailable"])
            self._worker_loads[answer["pid"]] = answer["load_seconds"]
            self.worker_pids.add(answer["pid"])
            _write_chunk(chunks.pop(index), answer["result"], sink)
            if sink.stopping():
                return True
        if chunks and not sink.stop_requested:  # Ray Data returns every row or raises; never finish silently short
            raise VnsumError(f"Ray returned {len(done)} of {len(rows)} chunks; rerun to finish the rest")
        return sink.stopping()


def _write_chunk(chunk: list[PreparedArticle], result: ChunkResult, sink: Sink) -> None:
    """Record a chunk's outcomes, as the local engine does."""
    total = sum(p.document.sentence_count for p in chunk)
    sink.progress.chunk(len(chunk), total)
    sink.progress.sentences(total)
    for article, outcome in zip(chunk, result.outcomes, strict=True):
        if isinstance(outcome, Completed):
            share = result.seconds * article.document.sentence_count / max(1, total)
            sink.completed(outcome, share, result.seconds)
        else:
            sink.failed(outcome)
    sink.checkpoint(MANIFEST_EVERY_S)  # what is done so far, should the driver die


class RayBatch(Batch):
    """``Batch`` with the model work on Ray workers (``RayEngine``); same inputs, outputs,
    manifest and report. ``batch`` are ``Batch``'s keyword arguments (``model``,
    ``translate_options``, ``summary_options``, ``progress``, ``describe``). Each worker uses
    ``threads`` CPU threads (``TranslateOptions.threads``, default 1) and reserves as many Ray
    CPUs. ``cache``: each worker uses the translation memory of its machine (``$VNSUM_MEMORY``…).
    """

    def __init__(
        self,
        input_path: str | Path,
        out_dir: str | Path,
        options: BatchOptions | None = None,
        *,
        address: str | None = None,
        workers: int | None = None,
        gpus_per_worker: float = 0.0,
        cache: bool = False,
        **batch: Any,
    ) -> None:
        from vnsum.translator import TranslateOptions

        options = options or BatchOptions()
        translate_options: TranslateOptions = batch.pop("translate_options", None) or TranslateOptions()
        summary_options: SummaryOptions | None = batch.get("summary_options")
        threads = translate_options.threads or 1
        spec = WorkerSpec(
            options=options,
            model=batch.get("model"),
            translate_options=replace(translate_options, threads=threads),
            summary_options=replace(summary_options, threads=threads) if summary_options is not None and options.summarize else None,
            cache=cache,
            describe=batch.get("describe", str),
        )
        self.ray_engine = RayEngine(spec, address=address, workers=workers, gpus_per_worker=gpus_per_worker)
        # The driver's translator and pipeline never load a model: they give the settings
        # hash (model names and options) and prepare articles (no model needed).
        super().__init__(input_path, out_dir, options, translate_options=translate_options, engine=self.ray_engine, **batch)

    @property
    def worker_pids(self) -> set[int]:
        return self.ray_engine.worker_pids
