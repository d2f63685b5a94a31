"""Time and peak memory of `vnsum check SOURCE TRANSLATION` from 1,000 words to 1 MB.

Each size runs the installed console script in a fresh process (start-up included; peak
memory is the process's VmHWM). The documents are parallel: the faithful Vietnamese → English
sentence pairs of the checks' labelled set (`vnsum/checks/evalset/`), article by article, over
and over with their numbers changed per copy, so both sides have the same sentences in the same
order. Also: one 50,000-word "sentence" pair without any punctuation, and the default input
limit (exit 2).

    python benchmarks/check_scaling.py                 # prints a markdown table
    python benchmarks/check_scaling.py --timeout 120   # a run killed after 120 s is "> 120"
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1 << 20

# The child reports its own VmHWM at exit (see extractive_scaling.py).
CHILD = r"""
import atexit, re, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1]))
from vnsum.cli import main
main(prog_name="vnsum")
"""


def pairs() -> list[tuple[str, str]]:
    """The faithful vi → en pairs of the labelled set, as (paragraph of Vietnamese, English)."""
    rows = []
    for split in ("tune", "heldout"):
        path = ROOT / "vnsum" / "checks" / "evalset" / f"{split}.jsonl"
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    faithful = [r for r in rows if r["corruption"] is None and r["source_lang"] == "vi"]
    return [(r["source"], r["target"]) for r in faithful]


def build(parallel: list[tuple[str, str]], *, words: int | None = None, size: int | None = None) -> tuple[str, str]:
    """Source and translation: the pairs in order, five sentences a paragraph, each copy's
    numbers shifted (so copies are not exact repeats) until the source has ``words`` words or
    ``size`` bytes."""
    src: list[str] = []
    tgt: list[str] = []
    n_words = n_bytes = i = 0
    while (words is None or n_words < words) and (size is None or n_bytes < size):
        copy = i // len(parallel)
        s, t = (re.sub(r"\d+", lambda m, c=copy: str(int(m[0]) + c), x) for x in parallel[i % len(parallel)])
        src.append(s)
        tgt.append(t)
        n_words += len(s.split())
        n_bytes += len(s.encode()) + 1
        i += 1

    def text(sentences: list[str]) -> str:
        return "\n\n".join(" ".join(sentences[k : k + 5]) for k in range(0, len(sentences), 5)) + "\n"

    return text(src), text(tgt)


def one_sentence(parallel: list[tuple[str, str]], words: int = 50_000) -> tuple[str, str]:
    """A 50,000-word source "sentence" without punctuation, and its translation likewise, cut
    to the source's length (so that the alignment pairs them rather than skip both)."""
    src, tgt = (" ".join(re.findall(r"[^\W_]+", x)[:words]) for x in build(parallel, words=words + 5000))
    return src + "\n", tgt[: len(src)].rsplit(" ", 1)[0] + "\n"


def run(source: Path, translation: Path, timeout: float, *extra: str) -> tuple[float, float | None, int | None, str]:
    """Seconds, peak MB, exit code (None: killed at the timeout) and the first stderr line."""
    peak_file = source.with_suffix(".peak")
    peak_file.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", CHILD, str(peak_file), "check", "-f", "json", str(source), str(translation), *extra]
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, env={**os.environ, "OMP_NUM_THREADS": "1"}
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None, None, ""
    seconds = time.perf_counter() - start
    err = proc.stderr.decode().strip()
    peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else None
    return seconds, peak, proc.returncode, err.splitlines()[0] if err else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is killed")
    parser.add_argument("--quick", action="store_true", help="up to 64,000 words")
    args = parser.parse_args()
    parallel = pairs()
    cases: list[tuple[str, tuple[str, str], tuple[str, ...]]] = []
    for words in (1_000, 4_000, 16_000, 64_000):
        cases.append((f"{words:,} words", build(parallel, words=words), ()))
    if not args.quick:
        cases.append(("1 MB", build(parallel, size=MB), ()))
    cases.append(("one 50,000-word sentence, no punctuation", one_sentence(parallel), ()))
    if not args.quick:
        cases.append(("8 MB, default limit", build(parallel, size=8 * MB), ()))
    print("| input | source words | source characters | sentences | seconds | peak MB | exit |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        source, translation = Path(tmp) / "source.txt", Path(tmp) / "translation.txt"
        for label, (src, tgt), extra in cases:
            source.write_text(src, encoding="utf-8")
            translation.write_text(tgt, encoding="utf-8")
            seconds, peak, code, err = run(source, translation, args.timeout, *extra)
            note = f" ({err[:100]}…)" if code not in (0, None) else ""
            sentences = src.count(". ") + src.count(".\n") + (1 if "one 50,000" in label else 0)
            cells = [f"{label}{note}", f"{len(src.split()):,}", f"{len(src):,}", f"~{sentences:,}"]
            cells += [f"> {args.timeout:.0f} (killed)" if code is None else f"{seconds:.2f}"]
            cells += ["" if peak is None else f"{peak:.0f}", "" if code is None else str(code)]
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
