"""In-process speed of the extractive summarizer: articles/s, one core, 2 sentences.

    taskset -c 0 env OMP_NUM_THREADS=1 python benchmarks/extractive_speed.py [FILE.jsonl[.gz]] [--limit N]

Default file: the shared VNDS dev articles (texts only: no ROUGE is computed here). Reports the
best of three passes, with the language given and with detection (``evaluate.py``'s call), and
with the bigram model off (the ranker and MMR alone) for comparison. Model files are loaded
before timing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vnsum.summarizers.content import load_content_model  # noqa: E402
from vnsum.summarizers.extractive import article_units, select_sentences, summarize  # noqa: E402
from vnsum.summarizers.features import load_ranker  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "summarization" / "vnds_dev.jsonl"


def best_rate(texts: list[str], call) -> float:  # type: ignore[no-untyped-def]
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        for text in texts:
            call(text)
        best = max(best, len(texts) / (time.perf_counter() - t))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    opener = gzip.open if a.file.suffix == ".gz" else open
    with opener(a.file, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    texts = texts[: a.limit] if a.limit else texts
    ranker = load_ranker()
    load_content_model()
    summarize(texts[0], 2)
    print(f"{len(texts)} articles from {a.file.name}")
    print(f"language given:    {best_rate(texts, lambda t: summarize(t, 2, 'vi')):6.0f} articles/s")
    print(f"language detected: {best_rate(texts, lambda t: summarize(t, 2)):6.0f} articles/s")
    plain = best_rate(texts, lambda t: select_sentences(article_units(t, "vi"), "vi", 2, ranker))
    print(f"without the bigram model (ranker + MMR): {plain:6.0f} articles/s")


if __name__ == "__main__":
    main()
