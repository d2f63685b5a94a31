"""Time per article through vnsum vs. the naive loop, with the tiny local test models.

    python benchmarks/tiny_article_time.py [--repeat 3]

Both systems run in this process on the same model and thread count (1), so the ratio is
fair; absolute times say little about real opus-mt (see the speed issue's benchmark for an
opus-mt-sized model). The naive loop is what most scripts do: one transformers `generate`
call per sentence; vnsum runs with its defaults (CTranslate2 int8 on CPU) and batches unique
sentences by length under a token budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    from tiny_models import SAMPLE_FILES, build_tiny_marian

    from vnsum import Translator
    from vnsum.translator import TranslateOptions

    with tempfile.TemporaryDirectory() as tmp:
        models = {
            "vi": build_tiny_marian(Path(tmp) / "vi-en", "vi", "en"),
            "en": build_tiny_marian(Path(tmp) / "en-vi", "en", "vi", language_tokens=(">>vie<<",)),
        }
        print(f"{'article':<34} {'sentences':>9} {'naive s':>8} {'vnsum s':>8} {'speed-up':>8}")
        for lang, path in SAMPLE_FILES.items():
            text = path.read_text(encoding="utf-8")
            translator = Translator(str(models[lang]), TranslateOptions(threads=1))
            result = translator.translate(text)  # warm-up and model load
            # The naive loop runs the same model on torch (vnsum's default on CPU is CTranslate2).
            torch_translator = Translator(str(models[lang]), TranslateOptions(threads=1, backend="torch"))
            backend = torch_translator.backend(result.source_lang, result.target_lang)
            sentences = [s.source for s in result.segments if s.pieces]

            def naive(sentences=sentences, backend=backend) -> None:
                for sentence in sentences:
                    enc = backend.tokenizer(backend._prefixed([sentence]), return_tensors="pt")
                    limit = min(512, int(enc["input_ids"].shape[1] * 2.5) + 10)
                    with torch.inference_mode():
                        backend.model.generate(**enc, max_new_tokens=limit)

            naive_s = _best(naive, args.repeat)
            vnsum_s = _best(lambda t=translator, x=text: t.translate(x), args.repeat)
            print(f"{path.name:<34} {len(sentences):>9} {naive_s:>8.2f} {vnsum_s:>8.2f} {naive_s / vnsum_s:>7.1f}x")


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) if times else statistics.nan


if __name__ == "__main__":
    main()
