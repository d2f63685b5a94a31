"""Time and peak memory of `vnsum summarize --method extractive` from 1,000 words to 20 MB.

Each size runs the installed console script in a fresh process (start-up included; peak
memory is the process's ru_maxrss). Articles are concatenated news articles (VNDS, when the
project's shared data is there; otherwise the samples with their numbers changed), so the
vocabulary grows as a long text's does. Also: one 50,000-word "sentence" without any
punctuation, and 20 MB at the default input limit (exit 2) and with the limit raised.

    python benchmarks/extractive_scaling.py              # prints a markdown table
    python benchmarks/extractive_scaling.py --quick      # up to 1 MB only
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = [ROOT.parent / "shared" / "summarization", Path("/work/shared/summarization")]
MB = 1 << 20


def articles() -> list[str]:
    for folder in DATA:
        dev, train = folder / "vnds_dev.jsonl", folder / "vnds_train.jsonl.gz"
        if dev.exists():
            texts = [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]
            if train.exists():
                texts += [json.loads(line)["text"] for line in gzip.open(train, "rt", encoding="utf-8")]
            return texts
    sample = (ROOT / "samples" / "vi-lao-party-delegation.txt").read_text(encoding="utf-8")
    return [re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), sample) for i in range(5000)]


def build(texts: list[str], *, words: int | None = None, size: int | None = None) -> str:
    out, n_words, n_bytes, i = [], 0, 0, 0
    while (words is None or n_words < words) and (size is None or n_bytes < size):
        text = texts[i % len(texts)]
        out.append(text)
        n_words += len(text.split())
        n_bytes += len(text.encode()) + 2
        i += 1
    return "\n\n".join(out)


# The child reports its own VmHWM at exit: ru_maxrss of a forked child also counts the
# parent's pages it started with (this script holds 20 MB of text).
CHILD = r"""
import atexit, re, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1]))
from vnsum.cli import main
main(prog_name="vnsum")
"""


def run(path: Path, *extra: str) -> tuple[float, float, int, str]:
    """Seconds, peak MB, exit code and the first stderr line of one summarize run."""
    peak_file = path.with_suffix(".peak")
    cmd = [sys.executable, "-c", CHILD, str(peak_file), "summarize", "--method", "extractive", "-f", "json", str(path), *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "OMP_NUM_THREADS": "1"})
    seconds = time.perf_counter() - start
    err = proc.stderr.decode().strip()
    return seconds, int(peak_file.read_text()) / 1024, proc.returncode, err.splitlines()[0] if err else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="up to 1 MB only")
    args = parser.parse_args()
    texts = articles()
    cases: list[tuple[str, str, tuple[str, ...]]] = []
    for words in (1_000, 4_000, 16_000, 64_000):
        cases.append((f"{words:,} words", build(texts, words=words), ()))
    cases.append(("1 MB", build(texts, size=MB), ()))
    tokens = re.findall(r"[^\W\d_]+", build(texts, words=60_000))[:50_000]
    cases.append(("one 50,000-word sentence, no punctuation", " ".join(tokens) + "\n", ()))
    if not args.quick:
        cases.append(("4 MB", build(texts, size=4 * MB), ()))
        big = build(texts, size=20 * MB)
        cases.append(("20 MB (default limit)", big, ()))
        cases.append(("20 MB, --max-chars 30000000", big, ("--max-chars", "30000000")))
    print("| input | words | characters | seconds | work s | peak MB | exit | work s per 100k words |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text("Một câu ngắn về Hà Nội.\n", encoding="utf-8")
        start_up = min(run(path)[0] for _ in range(3))
        for label, text, extra in cases:
            path.write_text(text, encoding="utf-8")
            seconds, peak, code, err = run(path, *extra)
            words, work = len(text.split()), max(0.0, seconds - start_up)
            note = f" ({err[:90]}…)" if code else ""
            rate = work / words * 1e5
            cells = [f"{label}{note}", f"{words:,}", f"{len(text):,}", f"{seconds:.2f}", f"{work:.2f}"]
            cells += [f"{peak:.0f}", str(code), f"{rate:.2f}"]
            print("| " + " | ".join(cells) + " |", flush=True)
    print(f"\nwork s = seconds less the start-up of a one-sentence run ({start_up:.2f} s).")
    evidence_table(texts, args.quick)


def evidence_table(texts: list[str], quick: bool) -> None:
    """The unsupported-facts look-up of a model-written summary (not copied from the article,
    so the article's numbers and names are indexed), in process."""
    from vnsum.evidence import FactIndex, unsupported

    summary = [
        "Ông Nguyễn Văn Nam, Chủ tịch UBND tỉnh Quảng Ninh, cho biết ngày 17/7/2024 tỉnh chi 1.500 tỷ đồng.",
        "Theo Bộ Y tế, 3,5% trong số 12.000 ca mắc mới ở Hà Nội và TP HCM là trẻ em.",
        "Đoàn đại biểu Lào do đồng chí Valaxay Lengsavad dẫn đầu thăm Việt Nam từ ngày 15 đến 17/7.",
    ]
    print("\n| article | characters | index + 3 look-ups, s |")
    print("|---|---:|---:|")
    for label, size in [("64,000 words", None), ("1 MB", MB)] + ([] if quick else [("4 MB", 4 * MB)]):
        text = build(texts, words=64_000) if size is None else build(texts, size=size)
        start = time.perf_counter()
        index = FactIndex([text])
        for sentence in summary:
            unsupported(sentence, index)
        print(f"| {label} | {len(text):,} | {time.perf_counter() - start:.2f} |", flush=True)


if __name__ == "__main__":
    main()
