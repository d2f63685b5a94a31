"""Translate (and summarize) a folder of articles, or a JSON Lines file, resumably.

    from vnsum.batch import translate_folder
    result = translate_folder("articles/", "out/", target_lang="en", summarize=True)
    print(result.ok, result.failed, result.sentences_per_second)

The package: ``options`` (what a batch is given and gives back), ``inputs`` (what to
translate), ``plan`` (discover, name the outputs, decide skip or redo by the settings
hash), ``worker`` (``ChunkWorker``: the model work on a chunk — translate it, complete each
article — the same in every engine), ``engine`` (the ``Engine`` protocol and the local
engine; ``ray_engine`` the Ray one), ``manifest`` (read in one pass, appended,
compacted), ``store`` (``OutputStore``: the output folder — files, records, manifest,
report), ``runner`` (``Batch``: one run, signals, progress).

Design:

- **Throughput.** One ``Translator`` (and one ``SummaryPipeline`` sharing it) for the whole
  run: models load once. Articles are read and prepared lazily and gathered into chunks
  (``chunk_articles`` articles or ``chunk_sentences`` sentences); each chunk goes to the
  model in one ``Translator.translate_prepared`` call, so the sentences of many short
  articles share length-sorted batches and a repeated sentence is translated once.
- **Nothing lost.** Every file is written atomically (temp file in the same folder,
  fsync, ``os.replace``). The manifest (``OUT_DIR/manifest.jsonl``) gets one line
  appended per finished input (written at once, fsynced every few seconds; a line cut by
  a crash is ignored on resume) and is compacted at the end to one line per input, its
  latest state (``manifest``); an article gets its record only after all its files are
  in place. SIGINT/SIGTERM set a flag: the run stops at the next safe point (between
  articles, or after the model call in progress, abandoning that chunk), compacts the
  manifest, writes the report and returns ``interrupted=True``. A second signal raises
  ``KeyboardInterrupt`` at once; temp files are still removed and the manifest still
  compacted on the way out.
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

from vnsum.batch.engine import Engine, LocalEngine
from vnsum.batch.inputs import JSONL_SUFFIXES, Item, check_paths, discover, safe_name
from vnsum.batch.manifest import load_manifest
from vnsum.batch.options import DEFAULT_GLOBS, LAYOUT_VERSION, MANIFEST, REPORT, BatchOptions, BatchProgress, BatchResult
from vnsum.batch.plan import BatchPlan, assign_stems, output_names, plan_batch
from vnsum.batch.runner import Batch, translate_folder
from vnsum.batch.store import OutputStore
from vnsum.batch.worker import ChunkWorker, Completed, Failed, PreparedArticle
from vnsum.errors import Interrupted
from vnsum.formats import FORMAT_EXTENSIONS
from vnsum.textio import atomic_write

__all__ = [
    "DEFAULT_GLOBS",
    "FORMAT_EXTENSIONS",
    "JSONL_SUFFIXES",
    "LAYOUT_VERSION",
    "MANIFEST",
    "REPORT",
    "Batch",
    "BatchOptions",
    "BatchPlan",
    "BatchProgress",
    "BatchResult",
    "ChunkWorker",
    "Completed",
    "Engine",
    "Failed",
    "Interrupted",
    "Item",
    "LocalEngine",
    "OutputStore",
    "PreparedArticle",
    "assign_stems",
    "atomic_write",
    "check_paths",
    "discover",
    "load_manifest",
    "output_names",
    "plan_batch",
    "safe_name",
    "translate_folder",
]
