"""Peak RSS of ``vnsum batch`` on a JSON Lines file of N short articles: does memory stay flat?

    python benchmarks/batch_memory.py [--sizes 5000 50000] [--engine local] [--keep DIR]

Each article is one or two Vietnamese news sentences from ``samples/`` with their numbers
changed (article i adds i to every number), so articles differ. The tiny random-weight
test models (``tests/tiny_models.py``) are built once into a temp folder; each run is
``vnsum batch FILE OUT --to en --format json --threads 1`` in a subprocess (no summaries),
and its peak RSS is ``ru_maxrss`` of that child (``resource.getrusage(RUSAGE_CHILDREN)``,
one child per measurement: a fresh ``python`` runs this script's ``--child`` for each size).
A warm-up run of 20 articles converts the models to CTranslate2 first (conversion loads
torch; every measured run then finds them converted, as any run after the first does).
Target (issue #17): peak at the largest size ≤ 1.3 × peak at the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def sentences() -> list[str]:
    """The Vietnamese sample's sentences (split on sentence ends)."""
    text = (ROOT / "samples" / "vi-lao-party-delegation.txt").read_text(encoding="utf-8")
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [p for p in parts if 20 <= len(p) <= 400]


def write_jsonl(path: Path, n: int) -> None:
    pool = sentences()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            picked = [pool[i % len(pool)]] + ([pool[(i * 7 + 3) % len(pool)]] if i % 2 else [])
            text = re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), " ".join(picked))
            out.write(json.dumps({"id": f"bai-{i:06d}", "text": text}, ensure_ascii=False) + "\n")


def build_models(root: Path) -> dict[str, str]:
    import torch
    from tiny_models import build_tiny_marian

    torch.set_num_threads(1)
    return {
        "VNSUM_MODEL_VI_EN": str(build_tiny_marian(root / "vi-en", "vi", "en")),
        "VNSUM_MODEL_EN_VI": str(build_tiny_marian(root / "en-vi", "en", "vi", language_tokens=(">>vie<<", ">>vie_Hani<<"))),
    }


def measure(jsonl: Path, out: Path, env: dict[str, str], engine: str) -> tuple[float, float, int, str]:
    """Run the batch in a child that runs it in a grandchild: the child's RUSAGE_CHILDREN
    is the batch's own peak. Returns (peak MiB, seconds, exit code, last line)."""
    cmd = [sys.executable, __file__, "--child", str(jsonl), str(out), engine]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    peak = float(lines[-1]) if lines and re.fullmatch(r"[\d.]+", lines[-1]) else float("nan")
    stderr = proc.stderr.strip().splitlines()
    return peak, seconds, proc.returncode, stderr[-1] if stderr else ""


def child(jsonl: str, out: str, engine: str) -> None:
    vnsum = str(Path(sys.executable).with_name("vnsum"))
    cmd = [vnsum, "batch", jsonl, "-o", out, "--to", "en", "--format", "json", "--threads", "1", "--engine", engine]
    if engine == "ray":
        cmd += ["--workers", "1"]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr[-2000:])
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)  # kB → MiB (Linux)
    sys.exit(proc.returncode)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    ap.add_argument("--engine", choices=("local", "ray"), default="local")
    ap.add_argument("--keep", type=Path, default=None, help="work here (and keep it) instead of a temp folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="vnsum-batch-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "VNSUM_MEMORY": str(work / "memory.sqlite")}
    env["VNSUM_CT2_CACHE"] = str(work / "ct2-cache")
    env.update(build_models(work / "models"))
    warm = work / "warm-up.jsonl"  # converts the models to CTranslate2 once (that loads torch): not measured
    write_jsonl(warm, 20)
    measure(warm, work / "out-warm-up", env, args.engine)
    rows = []
    for n in args.sizes:
        jsonl = work / f"articles-{n}.jsonl"
        write_jsonl(jsonl, n)
        peak, seconds, rc, last = measure(jsonl, work / f"out-{n}", env, args.engine)
        rows.append((n, peak, seconds, rc))
        print(f"{n:>7} articles: peak RSS {peak:7.1f} MiB, {seconds:7.1f} s, exit {rc} ({last})", flush=True)
    print("\n| articles | peak RSS (MiB) | seconds | exit |\n|---:|---:|---:|---:|")
    for n, peak, seconds, rc in rows:
        print(f"| {n:,} | {peak:.1f} | {seconds:.1f} | {rc} |")
    if len(rows) > 1:
        print(f"\nratio (largest / smallest): {rows[-1][1] / rows[0][1]:.3f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
