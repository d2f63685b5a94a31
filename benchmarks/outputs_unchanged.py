"""Outputs unchanged: the ``--format json`` (and batch folder) outputs of vnsum on the samples,
with timings stripped, written to a folder; ``--compare`` diffs two such folders.

    python benchmarks/outputs_unchanged.py /tmp/outputs_before          # record
    python benchmarks/outputs_unchanged.py /tmp/outputs_after --compare /tmp/outputs_before

It uses the tiny local models the tests build (tests/tiny_models.py, tests/tiny_mt5.py),
built once into ``$VNSUM_OUTPUTS_MODELS`` (default /tmp/vnsum-outputs-models) so that every
run sees the very same model files. Commands run in-process through click's runner:

- translate (vi→en, en→vi; plain, and with --check), summarize extractive (vi, en, and
  en→vi), summarize abstractive on the tiny mT5 (vi, and vi→en summarize-first),
- check (the tests' human translation pair),
- batch of the samples folder (text files + JSON records, --summarize abstractive,
  --check), every file of the output folder (manifest, report, records).

Timings (``seconds``, ``load_seconds``, ``finished``, rates, the report's date) are
removed; everything else must be byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMING_KEYS = {"seconds", "load_seconds", "finished"}


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _normal_json(text: str) -> str:
    return json.dumps(_strip(json.loads(text)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _normal_text(text: str) -> str:
    text = re.sub(r"\d+\.\d+ s\b", "<t> s", text)  # format_seconds
    text = re.sub(r"<b>[\d.]+</b>(articles/s|sentences/s)", r"<b>?</b>\1", text)
    return re.sub(r"generated \d{4}-\d\d-\d\d \d\d:\d\d [^<]*<", "generated <date><", text)


def _models(root: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_models import build_tiny_marian
    from tiny_mt5 import build_tiny_mt5

    paths = {"vi-en": root / "vi-en", "en-vi": root / "en-vi", "mt5": root / "mt5"}
    if not (root / "DONE").is_file():
        shutil.rmtree(root, ignore_errors=True)
        build_tiny_marian(paths["vi-en"], "vi", "en")
        build_tiny_marian(paths["en-vi"], "en", "vi", language_tokens=(">>vie<<", ">>vie_Hani<<"))
        build_tiny_mt5(paths["mt5"])
        (root / "DONE").write_text("ok\n")
    return paths


def record(out: Path) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ["VNSUM_THREADS"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch

    torch.set_num_threads(1)
    models = _models(Path(os.environ.get("VNSUM_OUTPUTS_MODELS", "/tmp/vnsum-outputs-models")))
    os.environ["VNSUM_MODEL_VI_EN"] = str(models["vi-en"])
    os.environ["VNSUM_MODEL_EN_VI"] = str(models["en-vi"])
    os.environ["VNSUM_MODEL_SUMMARIZER"] = str(models["mt5"])
    os.environ["VNSUM_CT2_CACHE"] = os.environ.get("VNSUM_OUTPUTS_CT2", "/tmp/vnsum-outputs-ct2")
    work = Path(tempfile.mkdtemp(prefix="vnsum-outputs-"))
    os.environ["VNSUM_MEMORY"] = str(work / "memory.sqlite")

    from click.testing import CliRunner

    from vnsum.cli import main

    vi, en = str(ROOT / "samples" / "vi-lao-party-delegation.txt"), str(ROOT / "samples" / "en-lao-vice-president-visit.txt")
    data = ROOT / "tests" / "data"
    runs = {
        "translate-vi": ["translate", vi],
        "translate-en": ["translate", en],
        "translate-vi-check": ["translate", vi, "--check"],
        "translate-vi-torch": ["translate", vi, "--backend", "torch"],
        "summarize-extractive-vi": ["summarize", vi, "--method", "extractive"],
        "summarize-extractive-en": ["summarize", en, "--method", "extractive", "-n", "2"],
        "summarize-extractive-en-vi": ["summarize", en, "--method", "extractive", "--lang", "vi"],
        "summarize-abstractive-vi": ["summarize", vi],
        "summarize-abstractive-vi-en": ["summarize", vi, "--lang", "en", "--check"],
        "check": ["check", str(data / "lao-visit.vi.txt"), str(data / "lao-visit.en.txt")],
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, args in runs.items():
        result = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"{name}: exit {result.exit_code}: {result.output}")
        (out / f"{name}.json").write_text(_normal_json(result.stdout), encoding="utf-8")

    src = work / "in"
    (src / "nested").mkdir(parents=True)
    shutil.copy(vi, src / "vi.txt")
    shutil.copy(en, src / "nested" / "en.md")
    (src / "empty.txt").write_bytes(b"")  # a failed input
    batch_out = work / "out"
    for name, extra in {"batch": ["--summarize", "--check"], "batch-json": ["-f", "json", "--summarize", "--method", "extractive"]}.items():
        result = CliRunner().invoke(main, ["batch", str(src), "-o", str(batch_out / name), *extra], catch_exceptions=False)
        if result.exit_code not in (0, 4):
            raise SystemExit(f"{name}: exit {result.exit_code}: {result.output}")
        (out / f"{name}.exit").write_text(f"{result.exit_code}\n", encoding="utf-8")
        for path in sorted((batch_out / name).rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(batch_out / name).as_posix()
            text = path.read_text(encoding="utf-8").replace(str(work), "<work>")
            if rel.endswith(".jsonl"):
                text = "".join(_normal_json(line) for line in text.splitlines())
            elif rel.endswith(".json"):
                text = _normal_json(text)
            else:
                text = _normal_text(text)
            target = out / name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


def compare(a: Path, b: Path) -> int:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    bad = 0
    for rel in sorted(files_a ^ files_b):
        print(f"only in {'first' if rel in files_a else 'second'}: {rel}")
        bad += 1
    for rel in sorted(files_a & files_b):
        x, y = (a / rel).read_text(encoding="utf-8"), (b / rel).read_text(encoding="utf-8")
        if x != y:
            bad += 1
            print(f"differs: {rel}")
            sys.stdout.writelines(list(difflib.unified_diff(y.splitlines(True), x.splitlines(True), str(b / rel), str(a / rel)))[:40])
    print(f"{len(files_a & files_b)} files compared, {bad} differences")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, default=None, help="a folder recorded before: exit 1 on any difference")
    args = parser.parse_args()
    record(args.out)
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    raise SystemExit(main())
