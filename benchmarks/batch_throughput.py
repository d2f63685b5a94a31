"""Articles/s and sentences/s for a folder of 50 sample-sized articles: one at a time vs packed.

    python benchmarks/batch_throughput.py [--articles 50] [--chunk 32]

Everything runs in this process on the tiny local test models, one thread, so the
comparison is fair; absolute numbers say little about real opus-mt. The articles are the
two samples with their numbers changed (article i adds i to every number), so sentences
with numbers differ between articles while the others repeat, as in a news feed where
boilerplate repeats. ``--unique`` makes every sentence unique (a tag word per article) to
measure the packing alone, without the de-duplication.

- one at a time: ``Translator.translate`` per article (models loaded once, warm);
- packed: ``Translator.translate_prepared`` over chunks of ``--chunk`` articles;
- batch: the whole ``vnsum.batch.Batch`` (reading, packing, atomic writes, manifest, report).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def make_articles(n: int, unique: bool) -> list[str]:
    from tiny_models import SAMPLE_FILES

    samples = [SAMPLE_FILES["vi"].read_text(encoding="utf-8"), SAMPLE_FILES["en"].read_text(encoding="utf-8")]
    out = []
    for i in range(n):
        text = re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), samples[i % 2])
        if unique:  # a distinct word at each sentence end: nothing repeats across articles
            text = re.sub(r"([.!?])(\s)", lambda m, i=i: f" ({'Kim' if i % 2 else 'Lan'} {i}){m[1]}{m[2]}", text)
        out.append(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--chunk", type=int, default=32)
    parser.add_argument("--unique", action="store_true", help="make every sentence unique (no de-duplication gain)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    from tiny_models import build_tiny_marian

    from vnsum.batch import Batch, BatchOptions
    from vnsum.translator import TranslateOptions, Translator

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vi_en = build_tiny_marian(root / "vi-en", "vi", "en")
        en_vi = build_tiny_marian(root / "en-vi", "en", "vi", language_tokens=(">>vie<<",))
        import os

        os.environ["VNSUM_MODEL_VI_EN"], os.environ["VNSUM_MODEL_EN_VI"] = str(vi_en), str(en_vi)
        articles = make_articles(args.articles, args.unique)
        translator = Translator(options=TranslateOptions(threads=1))
        docs = [translator.prepare(a) for a in articles]
        sentences = sum(d.sentence_count for d in docs)
        unique = len({(d.source_lang, s) for d in docs for g in d.sentences for s in g})
        translator.translate_prepared(docs[:2])  # load both models, warm up
        print(f"{len(articles)} articles, {sentences} sentences ({unique} unique), chunks of {args.chunk}, 1 thread, tiny models")

        start = time.perf_counter()
        for a in articles:
            translator.translate(a)
        single = time.perf_counter() - start

        start = time.perf_counter()
        for i in range(0, len(docs), args.chunk):
            translator.translate_prepared(docs[i : i + args.chunk])
        packed = time.perf_counter() - start

        src = root / "in"
        src.mkdir()
        for i, a in enumerate(articles):
            (src / f"article-{i:03d}.txt").write_text(a, encoding="utf-8")
        runner = Batch(src, root / "out", BatchOptions(chunk_articles=args.chunk), translator=translator)
        result = runner.run()
        whole = result.work_seconds

        print(f"{'mode':<34} {'seconds':>8} {'articles/s':>11} {'sentences/s':>12} {'vs one-at-a-time':>17}")
        for name, seconds in [
            ("one at a time (translate)", single),
            (f"packed (translate_prepared x{args.chunk})", packed),
            ("vnsum batch (files, manifest)", whole),
        ]:
            print(f"{name:<34} {seconds:>8.2f} {len(articles) / seconds:>11.2f} {sentences / seconds:>12.1f} {single / seconds:>16.1f}x")


if __name__ == "__main__":
    main()
