"""Start-up: the whole ``vnsum translate`` process on one article vs a bare ``import torch``.

    python benchmarks/startup.py [--repeat 5] [--json]

Measures what a user waits for on one article once the model is converted, not decoding:
the tiny local vi→en test model (``tests/tiny_models.py``, no download) is copied with the
end-of-sentence row of its ``final_logits_bias`` pushed to +10⁴, so every translation
stops at once. It is converted once (untimed), then each round times, as separate
processes, in turn: ``vnsum translate samples/vi-lao-party-delegation.txt -m <copy>``
(CTranslate2 int8, the CPU default), ``python -c "import torch"`` and ``vnsum --help``.
Figures are the median of the rounds (min in brackets); the target is translate < 1.0×
the torch import, ``--help`` < 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SAMPLE = ROOT / "samples" / "vi-lao-party-delegation.txt"


def build_model(folder: Path, source: str = "vi", target: str = "en", language_tokens: tuple[str, ...] = ()) -> Path:
    """A tiny Marian model (the tests'), its EOS logit pushed up: every output ends at once."""
    import torch
    from tiny_models import build_tiny_marian
    from transformers import MarianMTModel

    build_tiny_marian(folder, source, target, language_tokens=language_tokens)
    model = MarianMTModel.from_pretrained(folder)
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 1e4
    model.save_pretrained(folder)
    return folder


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object on stdout")
    args = parser.parse_args()

    vnsum = str(Path(sys.executable).parent / "vnsum")
    with tempfile.TemporaryDirectory() as tmp:
        model = build_model(Path(tmp) / "vi-en-eos")
        env = {**os.environ, "VNSUM_CT2_CACHE": str(Path(tmp) / "ct2"), "HF_HUB_OFFLINE": "1"}
        env.pop("VNSUM_MEMORY", None)
        translate = [vnsum, "translate", str(SAMPLE), "-m", str(model)]
        timed(translate, env)  # converts, once
        runs: dict[str, list[float]] = {"translate": [], "import_torch": [], "help": []}
        for _ in range(args.repeat):
            runs["translate"].append(timed(translate, env))
            runs["import_torch"].append(timed([sys.executable, "-c", "import torch"], env))
            runs["help"].append(timed([vnsum, "--help"], env))
    figures = {k: {"median_s": round(statistics.median(v), 3), "min_s": round(min(v), 3)} for k, v in runs.items()}
    ratio = figures["translate"]["median_s"] / figures["import_torch"]["median_s"]
    result = {**figures, "translate_x_import_torch": round(ratio, 2), "repeat": args.repeat}
    if args.json:
        print(json.dumps(result))
        return
    labels = {"translate": "vnsum translate (whole process)", "import_torch": 'python -c "import torch"', "help": "vnsum --help"}
    for name, label in labels.items():
        print(f"{label:<34} {figures[name]['median_s']:>6.2f} s  (min {figures[name]['min_s']:.2f})")
    print(f"translate / import torch: {ratio:.2f}x  (target < 1.0); --help target < 0.2 s")


if __name__ == "__main__":
    main()
