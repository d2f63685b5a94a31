"""Folder throughput: the local engine vs Ray with 1 and 2 workers, in one run (tiny models).

    pip install -e '.[ray]' && python benchmarks/ray_throughput.py [--articles 192]

One local Ray instance with 2 CPUs; every engine gets the same folder (variants of the two
samples, article i adds i to every number), chunks of 4 articles and 1 thread per worker.
Start-up and model loading are excluded from articles/s. The translations of the three runs
are compared byte for byte. Tiny models make Ray's per-chunk overhead dominate: the ratio
with real models (far more work per chunk) will favour the workers more.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=192)
    args = parser.parse_args()
    os.environ.update(OMP_NUM_THREADS="1", HF_HUB_OFFLINE="1")

    import ray
    from tiny_models import SAMPLE_FILES, build_tiny_marian

    from vnsum.batch import Batch, BatchOptions
    from vnsum.batch.ray_engine import RayBatch
    from vnsum.translator import TranslateOptions

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["VNSUM_CT2_CACHE"] = str(root / "ct2")
        os.environ["VNSUM_MODEL_VI_EN"] = str(build_tiny_marian(root / "vi-en", "vi", "en"))
        os.environ["VNSUM_MODEL_EN_VI"] = str(build_tiny_marian(root / "en-vi", "en", "vi", language_tokens=(">>vie<<",)))
        texts = {lang: path.read_text(encoding="utf-8") for lang, path in SAMPLE_FILES.items()}
        folder = root / "in"
        folder.mkdir()
        for i in range(args.articles):
            text = texts["vi" if i % 2 else "en"]
            (folder / f"{i:03d}.txt").write_text(re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), text), encoding="utf-8")
        options, translate_options = BatchOptions(chunk_articles=4), TranslateOptions(threads=1)

        def show(name: str, result, wall: float) -> None:
            print(
                f"{name:<18} {result.ok} ok, {wall:5.1f} s wall: {result.articles_per_second:6.2f} articles/s, "
                f"{result.sentences_per_second:7.1f} sentences/s (start-up excluded)",
                flush=True,
            )

        start = time.perf_counter()
        local = Batch(folder, root / "local", options, translate_options=translate_options).run()
        show("local, 1 thread", local, time.perf_counter() - start)
        ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
        try:
            for workers in (1, 2):
                start = time.perf_counter()
                result = RayBatch(folder, root / f"ray{workers}", options, translate_options=translate_options, workers=workers).run()
                show(f"ray, {workers} worker{'s' if workers > 1 else ''}", result, time.perf_counter() - start)
        finally:
            ray.shutdown()
        same = all(
            (root / "local" / f.name).read_bytes() == (root / run / f.name).read_bytes()
            for run in ("ray1", "ray2")
            for f in (root / "local").glob("*.txt")
        )
        print("translations byte-identical across engines:", same)


if __name__ == "__main__":
    main()
