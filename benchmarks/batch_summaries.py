"""Abstractive summaries of a folder: batched across articles vs one article at a time.

    python benchmarks/batch_summaries.py [--articles 50] [--threads N] [--repeat 3] [--json]

No download: the tiny random-weight mT5 of the tests (``tests/tiny_mt5.py``) and, for the
``vnsum batch`` figures, the tiny Marian models (``tests/tiny_models.py``) with their
end-of-sentence logit pushed up so that every translation ends at once (``startup.py``), on
CTranslate2 int8 (the CPU default), converted once before timing. Articles are the two samples with
their numbers changed (article *i* adds *i* to every number), alternately.

- ``summaries``: ``SummaryPipeline.summarize`` article by article, then
  ``summarize_many`` on chunks of 32 articles (``vnsum batch``'s default chunk);
- ``batch``: ``vnsum.batch.Batch`` with ``summarize=True`` (translation + summary), once
  with each chunk's summaries batched (today) and once with them made one at a time (as
  before). Timed runs follow an untimed one that loads the models; translations end at once
  (and are remembered): the figure is the summaries and the batch's own work.

Each pair must give the same summaries (checked); the figure is articles/s, the best of
``--repeat`` timed runs of each, run alternately (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SAMPLES = [ROOT / "samples" / "vi-lao-party-delegation.txt", ROOT / "samples" / "en-lao-vice-president-visit.txt"]
CHUNK = 32


def articles(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    return [re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), texts[i % 2]) for i in range(n)]


def one_at_a_time(pipeline):
    """``summarize_many`` as it was: each article's summary on its own."""

    many = type(pipeline).summarize_many

    def summarize_many(requests):
        return [many(pipeline, [r])[0] for r in requests]

    return summarize_many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--threads", type=int, default=None, help="CTranslate2 threads [the machine's cores]")
    parser.add_argument("--repeat", type=int, default=3, help="time each system this many times, alternately; keep the best [3]")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    from startup import build_model
    from tiny_mt5 import build_tiny_mt5

    from vnsum.batch import Batch, BatchOptions
    from vnsum.summarize import SummaryOptions, SummaryPipeline, SummaryRequest
    from vnsum.translator import TranslateOptions, Translator

    texts = articles(args.articles)
    out: dict = {"articles": args.articles, "threads": args.threads, "chunk": CHUNK}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.update(VNSUM_CT2_CACHE=str(root / "ct2"), VNSUM_MEMORY=str(root / "memory.sqlite"), HF_HUB_OFFLINE="1")
        mt5 = build_tiny_mt5(root / "mt5")
        # Translation models whose every output ends at once (startup.py's): the batch figure
        # is then the summaries and the batch's own work, not random-weight translation.
        os.environ["VNSUM_MODEL_VI_EN"] = str(build_model(root / "vi-en", "vi", "en"))
        os.environ["VNSUM_MODEL_EN_VI"] = str(build_model(root / "en-vi", "en", "vi", (">>vie<<",)))
        translate = TranslateOptions(threads=args.threads)
        summary = SummaryOptions(method="abstractive", model=str(mt5), threads=args.threads)
        pipeline = SummaryPipeline(summary, Translator(options=translate))
        pipeline.summarize(texts[0])  # converts and loads, untimed

        alone_s = together_s = math.inf
        for _ in range(args.repeat):  # alternately, the best of each: the machine may be shared
            start = time.perf_counter()
            alone = [pipeline.summarize(t) for t in texts]
            alone_s = min(alone_s, time.perf_counter() - start)
            start = time.perf_counter()
            together = []
            for i in range(0, len(texts), CHUNK):
                together += pipeline.summarize_many([SummaryRequest(t) for t in texts[i : i + CHUNK]])
            together_s = min(together_s, time.perf_counter() - start)
        same = [[s.text for s in a.sentences] for a in alone] == [[s.text for s in b.sentences] for b in together]  # type: ignore[union-attr]
        out["summaries"] = _pair(alone_s, together_s, args.articles, same)

        folder = root / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"article-{i:03d}.txt").write_text(text, encoding="utf-8")
        pipelines = {}
        for name in ("one_at_a_time", "batched"):
            pipelines[name] = pipeline = SummaryPipeline(summary, Translator(options=translate))
            if name == "one_at_a_time":
                pipeline.summarize_many = one_at_a_time(pipeline)  # type: ignore[method-assign]
            options = BatchOptions(summarize=True)
            Batch(folder, root / f"warm-{name}", options, summary_pipeline=pipeline, translator=pipeline.translator).run()  # untimed: loads
        runs = dict.fromkeys(pipelines, math.inf)
        for r in range(args.repeat):
            for name, pipeline in pipelines.items():
                start = time.perf_counter()
                out_dir = root / f"{name}-{r}"
                result = Batch(folder, out_dir, options, summary_pipeline=pipeline, translator=pipeline.translator).run()
                runs[name] = min(runs[name], time.perf_counter() - start)
                if result.ok != len(texts):
                    raise SystemExit(f"{name}: {result.failed} articles failed")
        summaries = {
            name: {p.name: json.loads(p.read_text(encoding="utf-8"))["summary"] for p in (root / f"{name}-0").glob("*.summary.*.json")}
            for name in runs
        }
        same = bool(summaries["batched"]) and summaries["batched"] == summaries["one_at_a_time"]
        out["batch"] = _pair(runs["one_at_a_time"], runs["batched"], args.articles, same)
    if args.json:
        print(json.dumps(out))
        return
    print(f"{args.articles} articles, tiny mT5 (CTranslate2 int8), threads {args.threads or 'all cores'}")
    print(f"{'':<12} {'one at a time':>22} {'batched':>22} {'speed-up':>9} {'same':>5}")
    for name in ("summaries", "batch"):
        r = out[name]
        print(
            f"{name:<12} {r['one_at_a_time_s']:>7.1f} s {r['one_at_a_time_articles_per_s']:>6.2f} art/s"
            f" {r['batched_s']:>7.1f} s {r['batched_articles_per_s']:>6.2f} art/s {r['speedup']:>8.2f}x {str(r['same_outputs']):>5}"
        )


def _pair(alone_s: float, together_s: float, n: int, same: bool) -> dict:
    return {
        "one_at_a_time_s": round(alone_s, 2),
        "batched_s": round(together_s, 2),
        "one_at_a_time_articles_per_s": round(n / alone_s, 2),
        "batched_articles_per_s": round(n / together_s, 2),
        "speedup": round(alone_s / together_s, 2),
        "same_outputs": same,
    }


if __name__ == "__main__":
    main()
