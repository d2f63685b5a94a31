"""Translation speed on a GPU: transformers fp16 batched vs raw CTranslate2 fp16 vs vnsum.

    python benchmarks/gpu.py            # on CUDA; the opus-mt-sized models of speed.py
    python benchmarks/gpu.py --json     # the figures as one JSON object (speed.py's shape)
    python benchmarks/gpu.py --device cpu --quick   # a smoke run of the code, no GPU needed

Same models, articles and workloads as ``speed.py`` (built locally, cached in
``~/.cache/vnsum-bench``; ``--workload realistic`` by default: each batch's outputs are
1.2 × its longest input), every system in a fresh subprocess, one at a time, beam 4:

- ``hf_fp16``: transformers ``generate`` in fp16, vnsum's length-sorted batches (the
  baseline: ``x_naive`` in the JSON is × this system);
- ``ct2``: raw CTranslate2 float16, the same batches, SentencePiece directly;
- ``vnsum``: ``Translator`` with its defaults on CUDA (torch fp16);
- ``vnsum_ct2``: ``Translator`` with ``backend="ct2"`` (CTranslate2 float16).

``peak_mb`` is the process's RSS; ``gpu_peak_mb`` the CUDA memory torch saw allocated (torch
systems) — CTranslate2 allocates its own and is not counted there. Only translation is
timed, after a warm-up call per direction. Never run in CI: it needs an NVIDIA GPU.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  — the models, articles, workloads and counting of speed.py

SYSTEMS = ("hf_fp16", "ct2", "vnsum", "vnsum_ct2")
DTYPE = {"cuda": ("float16", "float16"), "cpu": ("float32", "int8")}  # (torch dtype, CTranslate2 compute type)


def _ct2_copy(spec: dict, name: str) -> str:
    """A CTranslate2 copy of a model at the device's compute type (converted once)."""
    from ctranslate2.converters import TransformersConverter

    compute = DTYPE[spec["device"]][1]
    hf = spec["models"][name]["hf"]
    target = Path(spec["cache"]) / f"{Path(hf).name}-ct2-{compute}"
    if not (target / "model.bin").is_file():
        TransformersConverter(hf).convert(str(target), quantization=compute, force=True)
    return str(target)


def _batches(sentences: list[str], lengths: dict[str, int], limits: dict[str, int]) -> list[tuple[list[str], int]]:
    """vnsum's length-sorted batches (sentences of one limit), longest first."""
    order = sorted(dict.fromkeys(sentences), key=lambda s: (-limits[s], -lengths[s]))
    return [([s for s in order if limits[s] == limit], limit) for limit in dict.fromkeys(limits[s] for s in order)]


def run_hf(spec: dict) -> dict:
    import torch
    import transformers
    from transformers import MarianMTModel, MarianTokenizer

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    device = spec["device"]
    dtype = getattr(torch, DTYPE[device][0])
    start = time.perf_counter()
    loaded = {}
    for name, dirs in spec["models"].items():
        model = MarianMTModel.from_pretrained(dirs["hf"], dtype=dtype).to(device).eval()
        loaded[name] = (MarianTokenizer.from_pretrained(dirs["hf"]), model)
    load = time.perf_counter() - start

    def generate(tokenizer, model, batch: list[str], limit: int) -> int:
        enc = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            out = model.generate(**enc, num_beams=speed.NAIVE_BEAMS, max_new_tokens=limit)
        pad = tokenizer.pad_token_id
        return int(((out[:, 1:] != 0) & (out[:, 1:] != pad)).sum())

    jobs = []
    for text in spec["articles"]:
        lang, sentences = speed.workload(text)
        tokenizer, model = loaded[f"{lang}-{speed.DIRECTIONS[lang]}"]
        generate(tokenizer, model, [speed.WARMUP[lang]], 20)
        lengths = dict(zip(sentences, [len(x) for x in tokenizer(sentences)["input_ids"]], strict=True))
        limits = speed.bounds(sentences, [lengths[s] for s in sentences], spec["workload"])
        jobs += [(tokenizer, model, batch, limit) for batch, limit in _batches(sentences, lengths, limits)]
    _sync(device)
    start = time.perf_counter()
    tokens = sum(generate(*job) for job in jobs)
    _sync(device)
    return {"sentences": sum(len(j[2]) for j in jobs), "tokens": tokens, "seconds": time.perf_counter() - start, "load_s": load}


def run_ct2(spec: dict) -> dict:
    import ctranslate2
    import sentencepiece as spm

    device, compute = spec["device"], DTYPE[spec["device"]][1]
    start = time.perf_counter()
    loaded = {}
    for name, dirs in spec["models"].items():
        sp = spm.SentencePieceProcessor(model_file=str(Path(dirs["hf"]) / "source.spm"))
        loaded[name] = (sp, ctranslate2.Translator(spec["ct2"][name], device=device, compute_type=compute, intra_threads=spec["threads"]))
    load = time.perf_counter() - start

    def run(engine, batch: list[list[str]], limit: int) -> int:
        results = engine.translate_batch(batch, max_batch_size=len(batch), beam_size=speed.CT2_BEAMS, max_decoding_length=limit - 1)
        return sum(len(r.hypotheses[0]) for r in results)

    jobs = []
    for text in spec["articles"]:
        lang, sentences = speed.workload(text)
        sp, engine = loaded[f"{lang}-{speed.DIRECTIONS[lang]}"]
        run(engine, [[*sp.encode(speed.WARMUP[lang], out_type=str), "</s>"]], 20)
        tokens = {s: [*sp.encode(s, out_type=str), "</s>"] for s in sentences}
        limits = speed.bounds(sentences, [len(tokens[s]) for s in sentences], spec["workload"])
        lengths = {s: len(t) for s, t in tokens.items()}
        jobs += [(engine, [tokens[s] for s in batch], limit) for batch, limit in _batches(sentences, lengths, limits)]
    start = time.perf_counter()
    generated = sum(run(*job) for job in jobs)
    return {"sentences": sum(len(j[1]) for j in jobs), "tokens": generated, "seconds": time.perf_counter() - start, "load_s": load}


def _run_vnsum(spec: dict, backend: str) -> dict:
    from vnsum.translator import TranslateOptions, Translator

    os.environ["VNSUM_MODEL_VI_EN"] = spec["models"]["vi-en"]["hf"]
    os.environ["VNSUM_MODEL_EN_VI"] = spec["models"]["en-vi"]["hf"]
    device = spec["device"]
    translator = Translator(options=TranslateOptions(device=device, backend=backend, threads=spec["threads"]))
    start = time.perf_counter()
    backends = [translator.backend(s, t) for s, t in speed.DIRECTIONS.items()]
    load = time.perf_counter() - start
    count = speed._Count()
    kinds = {speed._instrument(b, count, remember_all=False, realistic=spec["workload"] == "realistic") for b in backends}
    for lang, sentence in speed.WARMUP.items():
        translator.translate(sentence, source_lang=lang)
    count.tokens = 0
    sentences = 0
    _sync(device)
    start = time.perf_counter()
    for text in spec["articles"]:
        sentences += translator.translate(text).stats.sentences
    _sync(device)
    seconds = time.perf_counter() - start
    return {"sentences": sentences, "tokens": count.tokens, "seconds": seconds, "load_s": load, "engine": " / ".join(sorted(kinds))}


def _sync(device: str) -> None:
    if device == "cuda" and "torch" in sys.modules:
        import torch

        torch.cuda.synchronize()


CHILDREN = {
    "hf_fp16": run_hf,
    "ct2": run_ct2,
    "vnsum": lambda spec: _run_vnsum(spec, "auto"),
    "vnsum_ct2": lambda spec: _run_vnsum(spec, "ct2"),
}


def child(system: str, spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    if system == "build":
        speed.build_models(Path(spec["cache"]))
        print("RESULT " + json.dumps({name: _ct2_copy(spec, name) for name in spec["models"]}), flush=True)
        return
    result = CHILDREN[system](spec)
    result["peak_mb"] = speed.peak_mb()
    if "torch" in sys.modules and spec["device"] == "cuda":
        import torch

        result["gpu_peak_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    print("RESULT " + json.dumps(result), flush=True)


def spawn(system: str, spec_path: Path, env: dict) -> dict:
    start = time.perf_counter()
    command = [sys.executable, __file__, "--child", system, "--spec", str(spec_path)]
    proc = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"the {system} run failed (exit {proc.returncode}); see its error above")
    speed.log(f"  {system}: done in {time.perf_counter() - start:.0f} s (process included)")
    return json.loads(lines[-1][7:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cuda", "cpu"], default="cuda", help="cpu: a smoke run of the code (fp32 / int8)")
    parser.add_argument("--workload", choices=speed.WORKLOADS, default="realistic")
    parser.add_argument("--quick", action="store_true", help="a third of each article")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads of each system [1]")
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/vnsum-bench").expanduser())
    parser.add_argument("--child", choices=["build", *SYSTEMS], help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.spec)
        return
    if args.device == "cuda":
        import ctranslate2

        if not ctranslate2.get_cuda_device_count():
            raise SystemExit("no CUDA device here: this benchmark needs an NVIDIA GPU (or --device cpu for a smoke run)")
    cache = args.cache.expanduser()
    with tempfile.TemporaryDirectory(prefix="vnsum-gpu-") as tmp:
        work = Path(tmp)
        spec = {
            "cache": str(cache),
            "device": args.device,
            "threads": args.threads,
            "workload": args.workload,
            "models": {k: {x: str(p) for x, p in v.items()} for k, v in speed.model_dirs(cache).items()},
            "articles": [speed.article_text(lang, args.quick) for lang in ("vi", "en")],
        }
        spec_path = work / "spec.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "VNSUM_CT2_CACHE": str(cache / "vnsum-ct2"), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        env["OMP_NUM_THREADS"] = str(args.threads)
        speed.log(f"vnsum GPU benchmark on {args.device}, {args.workload} workload, models in {cache}")
        spec["ct2"] = spawn("build", spec_path, env)
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        _prime = dict(spec, articles=[speed.WARMUP["vi"]])  # vnsum converts once, untimed
        (work / "prime.json").write_text(json.dumps(_prime, ensure_ascii=False), encoding="utf-8")
        spawn("vnsum_ct2", work / "prime.json", env)
        raw = {system: spawn(system, spec_path, env) for system in SYSTEMS}
    out = {name: {**speed.figures(r), "peak_mb": r["peak_mb"], "load_s": round(r["load_s"], 2)} for name, r in raw.items()}
    for name, r in raw.items():
        for key in ("engine", "gpu_peak_mb"):
            if key in r:
                out[name][key] = r[key]
    for r in out.values():
        r["x_naive"] = round(r["sent_per_s"] / out["hf_fp16"]["sent_per_s"], 2)
        r["x_ct2"] = round(r["sent_per_s"] / out["ct2"]["sent_per_s"], 2)
    gpu = _gpu_name()
    out["settings"] = {"device": args.device, "workload": args.workload, "quick": args.quick, "beams": speed.NAIVE_BEAMS, "gpu": gpu}
    if args.json:
        print(json.dumps(out))
        return
    print(f"\n{args.device} ({gpu}), {args.workload} workload, beam 4")
    head = f"{'system':<10} {'sentences':>9} {'tokens':>7} {'seconds':>8} {'sent/s':>8} {'tok/s':>8} {'peak MB':>8}"
    print(f"{head} {'x hf':>6} {'x ct2':>6}")
    for name in SYSTEMS:
        r = out[name]
        print(
            f"{name:<10} {r['sentences']:>9} {r['tokens']:>7} {r['seconds']:>8.2f} {r['sent_per_s']:>8.2f} {r['tok_per_s']:>8.0f}"
            f" {r['peak_mb']:>8.0f} {r['x_naive']:>5.2f}x {r['x_ct2']:>5.2f}x"
        )


def _gpu_name() -> str:
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout.strip() else "none"
    except (OSError, subprocess.SubprocessError):
        return "none"


if __name__ == "__main__":
    main()
