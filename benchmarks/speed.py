"""Translation speed on an opus-mt-sized model: naive transformers vs raw CTranslate2 vs vnsum.

    python benchmarks/speed.py            # default run (under ten minutes on 2 cores)
    python benchmarks/speed.py --quick    # shorter workloads (under two minutes once the model is built)
    python benchmarks/speed.py --json     # the figures as one JSON object on stdout
    python benchmarks/speed.py --workload bound   # every output runs to vnsum's generation bound

No download: the first run builds two random-weight Marian models with opus-mt's real
architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048, swish, tied embeddings, a
53,685-entry vocabulary) and sentencepiece tokenizers trained on ``samples/`` that cut
text into about as many pieces as opus-mt's do; it also converts them to CTranslate2
int8. Everything is cached in ``~/.cache/vnsum-bench/`` (``--cache``) and reused.

A random model never emits </s>, and the EOS row of its output bias is -1e4 so it never
can: every system generates exactly the tokens it is allowed. Each sentence is allowed the
same number of tokens in every system, from ``n``, the input length of the longest sentence
of its length-sorted batch (vnsum's own batching rule and defaults):

- ``--workload realistic`` (default): ``ceil(1.2*n)`` tokens, the length a real model
  writes (opus-mt stops at about 1.1–1.3 × its input); vnsum's engine is wrapped to lower
  its own bound to that;
- ``--workload bound``: the bound vnsum puts on it, ``min(512, ceil(n*2.5)+10)`` (the last
  of those tokens is the forced </s>, which is not counted): the worst case, a model that
  never stops.

The naive loop gets it as ``max_new_tokens`` (plus the forced </s>), raw CTranslate2 as
``max_decoding_length``; the generated tokens are counted in every system.

Systems, each in a fresh subprocess (its peak RSS is the system's peak memory), all on
``--threads`` threads (the machine's cores), one at a time:

- naive: transformers ``generate``, one sentence per call, beam 4, fp32 (what most scripts do);
- ct2: raw CTranslate2 int8, beam 4, the same length-sorted batches, SentencePiece directly;
- vnsum: ``Translator().translate(article)`` with default options, both directions loaded;
- vnsum_folder: ``vnsum.batch.Batch`` on a folder of 50 sample-sized articles (the samples
  with their numbers changed), then again on the same folder with the translation memory
  warm, when vnsum has one (else "n/a").

Only translation is timed (after one untimed warm-up call per direction); model loading is
reported apart.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILES = {"vi": ROOT / "samples" / "vi-lao-party-delegation.txt", "en": ROOT / "samples" / "en-lao-vice-president-visit.txt"}
DIRECTIONS = {"vi": "en", "en": "vi"}
BUILD_VERSION = "speed-2"
VOCAB_SIZE = 53_685  # opus-mt-vi-en / opus-mt-en-vi
# BPE sizes that give, on the samples, about opus-mt's pieces per word (vi ≈1.4, en ≈1.3).
SPM_SIZE = {"vi": 380, "en": 700}
EOS_BIAS = -1e4
NAIVE_BEAMS = 4
CT2_BEAMS = 4
SYSTEMS = ("naive", "ct2", "vnsum", "vnsum_folder")
WORKLOADS = ("realistic", "bound")
#: A real translation model writes about 1.1–1.3 tokens per input token.
REAL_RATIO = 1.2
WARMUP = {"vi": "Hà Nội hôm nay trời đẹp.", "en": "The weather in Hanoi is fine today."}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


# ============================================================================= model build


def model_dirs(cache: Path) -> dict[str, dict[str, Path]]:
    return {
        f"{s}-{t}": {"hf": cache / f"opus-mt-sized-{s}-{t}", "ct2": cache / f"opus-mt-sized-{s}-{t}-ct2-int8"}
        for s, t in DIRECTIONS.items()
    }


def _train_spm(lang: str) -> bytes:
    import io

    import sentencepiece as spm

    lines = [line for line in SAMPLE_FILES[lang].read_text(encoding="utf-8").splitlines() if line.strip()]
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=out,
        vocab_size=SPM_SIZE[lang],
        character_coverage=1.0,
        model_type="bpe",
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return out.getvalue()


def build_models(cache: Path) -> None:
    """Build both directions (HF folder + CTranslate2 int8 copy) unless already cached."""
    stamp = cache / "BUILD"
    if stamp.is_file() and stamp.read_text().strip() == BUILD_VERSION:
        return
    import sentencepiece as spm
    import torch
    import transformers
    from ctranslate2.converters import TransformersConverter
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    cache.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    models = {lang: _train_spm(lang) for lang in DIRECTIONS}
    pieces: list[str] = []
    for lang in DIRECTIONS:
        sp = spm.SentencePieceProcessor(model_proto=models[lang])
        pieces += [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    # opus-mt's layout: </s> 0, <unk> 1, the pieces, <pad> last. Filler entries pad the
    # vocabulary to opus-mt's size (embedding and output layer), though the tokenizer never
    # produces them.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        if piece not in ("<unk>", "<s>", "</s>", "<pad>"):
            vocab.setdefault(piece, len(vocab))
    filler = 0
    while len(vocab) < VOCAB_SIZE - 1:
        vocab.setdefault(f"▁zz{filler}", len(vocab))
        filler += 1
    pad = vocab["<pad>"] = len(vocab)
    for i, (source, target) in enumerate(DIRECTIONS.items()):
        dirs = model_dirs(cache)[f"{source}-{target}"]
        out = dirs["hf"]
        out.mkdir(parents=True, exist_ok=True)
        (out / "source.spm").write_bytes(models[source])
        (out / "target.spm").write_bytes(models[target])
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = MarianTokenizer(
            source_spm=str(out / "source.spm"),
            target_spm=str(out / "target.spm"),
            vocab=str(out / "vocab.json"),
            source_lang=source,
            target_lang=target,
            model_max_length=512,
        )
        tokenizer.save_pretrained(out)
        config = MarianConfig(
            vocab_size=VOCAB_SIZE,
            d_model=512,
            encoder_layers=6,
            decoder_layers=6,
            encoder_attention_heads=8,
            decoder_attention_heads=8,
            encoder_ffn_dim=2048,
            decoder_ffn_dim=2048,
            activation_function="swish",
            max_position_embeddings=512,
            scale_embedding=True,
            share_encoder_decoder_embeddings=True,
            tie_word_embeddings=True,
            pad_token_id=pad,
            eos_token_id=0,
            decoder_start_token_id=pad,
            forced_eos_token_id=0,
        )
        torch.manual_seed(i)
        model = MarianMTModel(config).eval()
        with torch.no_grad():
            model.final_logits_bias[0, 0] = EOS_BIAS  # </s> never wins: every output runs to its bound
        # opus-mt's generation config (beam 4, at most 512), less its bad_words_ids [[<pad>]]:
        # vnsum's CTranslate2 backend passes that on as suppress_sequences, and CTranslate2's
        # converted vocabulary has no <pad> (ValueError). The converted model cannot produce
        # <pad> anyway; the torch systems might, which changes no lengths.
        model.generation_config = GenerationConfig(
            num_beams=4,
            max_length=512,
            decoder_start_token_id=pad,
            eos_token_id=0,
            forced_eos_token_id=0,
            pad_token_id=pad,
        )
        model.save_pretrained(out)
        TransformersConverter(str(out)).convert(str(dirs["ct2"]), quantization="int8", force=True)
    stamp.write_text(BUILD_VERSION + "\n")
    log(f"built the opus-mt-sized models in {time.perf_counter() - start:.0f} s (cached in {cache})")


# ============================================================================= workloads


def make_articles(n: int, quick: bool) -> list[str]:
    """``n`` sample-sized articles: the samples alternately, article i adding i to every number."""
    samples = [article_text(lang, quick) for lang in ("vi", "en")]
    return [re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + i), samples[i % 2]) for i in range(n)]


def article_text(lang: str, quick: bool) -> str:
    """A whole sample article, or for ``--quick`` its first paragraphs (about a third)."""
    text = SAMPLE_FILES[lang].read_text(encoding="utf-8")
    if not quick:
        return text
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[: max(2, len(paragraphs) // 3)])


def workload(text: str) -> tuple[str, list[str]]:
    """(source language, sentences) exactly as vnsum cuts them (no model involved)."""
    from vnsum.translator import Translator

    doc = Translator().prepare(text)
    return doc.source_lang, [s for group in doc.sentences for s in group]


def realistic_tokens(longest: int) -> int:
    """The tokens a real model would write for a batch whose longest input has ``longest``."""
    return math.ceil(REAL_RATIO * longest)


def bounds(sentences: list[str], lengths: list[int], kind: str = "realistic") -> dict[str, int]:
    """Per sentence, its new-token limit (the last of them the forced </s>, not counted),
    from its length-sorted batch as vnsum forms it: vnsum's own bound (``bound``), or the
    length a real model gives, 1.2 × the batch's longest input (``realistic``)."""
    from types import SimpleNamespace

    from vnsum.backends.marian import MarianBackend
    from vnsum.translator import TranslateOptions

    o = TranslateOptions()
    unique = list(dict.fromkeys(sentences))
    size = dict(zip(sentences, lengths, strict=True))
    if any(size[s] > o.max_input_tokens for s in unique):
        raise SystemExit("a sentence is over vnsum's input budget: the bounds would not be vnsum's")
    rule = SimpleNamespace(batch_tokens=o.batch_tokens, max_batch=64)
    out: dict[str, int] = {}
    for batch in MarianBackend.batches(rule, [size[s] for s in unique]):
        longest = max(size[unique[i]] for i in batch)
        limit = min(512, math.ceil(longest * 2.5) + 10)
        if kind == "realistic":
            limit = min(limit, realistic_tokens(longest) + 1)
        out.update({unique[i]: limit for i in batch})
    return out


# ============================================================================= systems (children)


def best_of(spec: dict, work) -> tuple[float, int]:
    """(seconds, tokens) of the fastest of ``spec["repeat"]`` runs of ``work`` (it returns its tokens)."""
    best = (math.inf, 0)
    for _ in range(spec.get("repeat", 1)):
        start = time.perf_counter()
        tokens = work()
        best = min(best, (time.perf_counter() - start, tokens))
    return best


def run_naive(spec: dict) -> dict:
    import torch
    import transformers
    from transformers import MarianMTModel, MarianTokenizer

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    torch.set_num_threads(spec["threads"])
    start = time.perf_counter()
    loaded = {}
    for name, dirs in spec["models"].items():
        loaded[name] = (MarianTokenizer.from_pretrained(dirs["hf"]), MarianMTModel.from_pretrained(dirs["hf"]).eval())
    load = time.perf_counter() - start

    def generate(tokenizer, model, sentence: str, limit: int | None = None) -> int:
        enc = tokenizer([sentence], return_tensors="pt")
        limit = limit or min(512, math.ceil(enc["input_ids"].shape[1] * 2.5) + 10)
        with torch.inference_mode():
            out = model.generate(**enc, num_beams=NAIVE_BEAMS, max_new_tokens=limit)
        return int((out[0, 1:] != 0).sum())  # generated tokens, not counting </s> (and the start token)

    jobs = []
    for text in spec["articles"]:
        lang, sentences = workload(text)
        tokenizer, model = loaded[f"{lang}-{DIRECTIONS[lang]}"]
        generate(tokenizer, model, WARMUP[lang])
        limits = bounds(sentences, [len(x) for x in tokenizer(sentences)["input_ids"]], spec["workload"])
        # The naive loop is two orders slower: it runs an evenly spread subset of each
        # article's sentences (same bounds); its sentences/s is scaled to the full workload.
        k = min(spec["naive_per_article"], len(sentences))
        jobs += [(tokenizer, model, sentences[int((j + 0.5) * len(sentences) / k)], None) for j in range(k)]
        jobs = [(t, m, s, limits[s] if lim is None and t is tokenizer else lim) for t, m, s, lim in jobs]
    seconds, tokens = best_of(spec, lambda: sum(generate(*job) for job in jobs))
    return {"sentences": len(jobs), "tokens": tokens, "seconds": seconds, "load_s": load}


def run_ct2(spec: dict) -> dict:
    import ctranslate2
    import sentencepiece as spm

    start = time.perf_counter()
    loaded = {}
    for name, dirs in spec["models"].items():
        sp = spm.SentencePieceProcessor(model_file=str(Path(dirs["hf"]) / "source.spm"))
        engine = ctranslate2.Translator(dirs["ct2"], device="cpu", compute_type="int8", intra_threads=spec["threads"], inter_threads=1)
        loaded[name] = (sp, engine)
    load = time.perf_counter() - start

    def run(engine, batch: list[list[str]], limit: int) -> int:
        # ``limit - 1``: vnsum's bound counts the forced </s>, CTranslate2's does not.
        results = engine.translate_batch(batch, max_batch_size=len(batch), beam_size=CT2_BEAMS, max_decoding_length=limit - 1)
        return sum(len(r.hypotheses[0]) for r in results)

    jobs = []
    for text in spec["articles"]:
        lang, sentences = workload(text)
        sp, engine = loaded[f"{lang}-{DIRECTIONS[lang]}"]
        run(engine, [[*sp.encode(WARMUP[lang], out_type=str), "</s>"]], 20)
        tokens = {s: [*sp.encode(s, out_type=str), "</s>"] for s in sentences}
        limits = bounds(sentences, [len(tokens[s]) for s in sentences], spec["workload"])
        # Length-sorted batches of equal bound: with vnsum's batching rule, the same batches.
        order = sorted(sentences, key=lambda s: (-limits[s], -len(tokens[s])))
        for limit in dict.fromkeys(limits[s] for s in order):
            jobs.append((engine, [tokens[s] for s in order if limits[s] == limit], limit))
    seconds, generated = best_of(spec, lambda: sum(run(*job) for job in jobs))
    return {"sentences": sum(len(j[1]) for j in jobs), "tokens": generated, "seconds": seconds, "load_s": load}


class _Count:
    tokens = 0


class _CountingEngine:
    """Wraps a ctranslate2.Translator (a C++ object) to count the tokens it generates."""

    def __init__(self, engine, count: _Count, realistic: bool) -> None:
        self._engine, self._count, self._realistic = engine, count, realistic

    def translate_batch(self, source, *args, **kwargs):
        if self._realistic:  # vnsum's own bound, lowered to what a real model writes
            kwargs["max_decoding_length"] = min(kwargs["max_decoding_length"], realistic_tokens(max(len(x) for x in source)))
        results = self._engine.translate_batch(source, *args, **kwargs)
        self._count.tokens += sum(len(r.hypotheses[0]) for r in results)
        return results

    def __getattr__(self, name):
        return getattr(self._engine, name)


def _instrument(backend, count: _Count, remember_all: bool, realistic: bool) -> str:
    """Count the tokens a vnsum backend generates (capped at a real model's length for the
    realistic workload); return what runs it ("ct2 int8", "torch")."""
    inner = getattr(backend, "backend", backend)  # a translation-memory wrapper, if any
    if hasattr(inner, "translator") and type(inner.translator).__module__.startswith("ctranslate2"):
        inner.translator = _CountingEngine(inner.translator, count, realistic)
        kind = f"ct2 {getattr(inner, 'compute_type', '')}".strip()
    elif hasattr(inner, "model") and hasattr(inner.model, "generate"):
        generate = inner.model.generate

        def counted(*args, **kwargs):
            if realistic:  # the forced </s> is the last new token: one more than the words
                longest = int(kwargs["input_ids"].shape[1])
                kwargs["max_new_tokens"] = min(kwargs["max_new_tokens"], realistic_tokens(longest) + 1)
            out = generate(*args, **kwargs)
            count.tokens += int((out[:, 1:] != 0).sum())  # </s> not counted; it never wins before the bound
            return out

        inner.model.generate = counted
        kind = "torch"
    else:
        kind = type(inner).__name__
    if remember_all and inner is not backend:
        # Every output of a random model reaches its bound, and vnsum rightly keeps such
        # (likely looping) outputs out of the memory. Real translations end with </s>; to
        # measure a warm memory, forget the flag so the outputs are stored as real ones are.
        translate = inner.translate

        def unflagged(*args, **kwargs):
            out = translate(*args, **kwargs)
            inner.length_limited.clear()
            return out

        inner.translate = unflagged
    return kind


def _translator(spec: dict, memory: bool = False):
    from vnsum.memory import TranslationMemory
    from vnsum.translator import TranslateOptions, Translator

    os.environ["VNSUM_MODEL_VI_EN"] = spec["models"]["vi-en"]["hf"]
    os.environ["VNSUM_MODEL_EN_VI"] = spec["models"]["en-vi"]["hf"]
    # Otherwise the defaults; `vnsum batch` uses the translation memory by default (a fresh file here).
    translator = Translator(options=TranslateOptions(threads=spec["threads"]), memory=TranslationMemory() if memory else None)
    start = time.perf_counter()
    backends = [translator.backend(s, t) for s, t in DIRECTIONS.items()]  # both directions loaded
    return translator, backends, time.perf_counter() - start


def _memory_of(backends) -> bool:
    return any(type(b).__name__ == "MemoryBackend" or hasattr(b, "memory") for b in backends)


def run_vnsum(spec: dict) -> dict:
    translator, backends, load = _translator(spec)
    count = _Count()
    kinds = {_instrument(b, count, remember_all=False, realistic=spec["workload"] == "realistic") for b in backends}
    for lang, sentence in WARMUP.items():
        translator.translate(sentence, source_lang=lang)
    sentences = 0

    def translate_all() -> int:
        nonlocal sentences
        count.tokens = sentences = 0
        for text in spec["articles"]:
            sentences += translator.translate(text).stats.sentences
        return count.tokens

    seconds, tokens = best_of(spec, translate_all)
    return {"sentences": sentences, "tokens": tokens, "seconds": seconds, "load_s": load, "engine": " / ".join(sorted(kinds))}


def run_vnsum_folder(spec: dict) -> dict:
    from vnsum.batch import Batch, BatchOptions

    translator, backends, load = _translator(spec, memory=True)
    memory = _memory_of(backends)
    count = _Count()
    kinds = {_instrument(b, count, remember_all=memory, realistic=spec["workload"] == "realistic") for b in backends}
    for lang, sentence in WARMUP.items():
        translator.translate(sentence, source_lang=lang)
    count.tokens = 0
    work = Path(spec["workdir"])
    start = time.perf_counter()
    cold = Batch(spec["folder"], work / "out-cold", BatchOptions(), translator=translator).run()
    seconds = time.perf_counter() - start
    result = {
        "sentences": cold.sentences,
        "tokens": count.tokens,
        "seconds": seconds,
        "load_s": load,
        "engine": " / ".join(sorted(kinds)),
        "ok": cold.ok,
        "memory": memory,
    }
    if memory:
        count.tokens = 0
        start = time.perf_counter()
        warm = Batch(spec["folder"], work / "out-warm", BatchOptions(), translator=translator).run()
        result["warm"] = {"sentences": warm.sentences, "tokens": count.tokens, "seconds": time.perf_counter() - start}
    return result


CHILDREN = {"naive": run_naive, "ct2": run_ct2, "vnsum": run_vnsum, "vnsum_folder": run_vnsum_folder}


def child(system: str, spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    if system == "build":
        build_models(Path(spec["cache"]))
        return
    result = CHILDREN[system](spec)
    result["peak_mb"] = peak_mb()
    print("RESULT " + json.dumps(result), flush=True)


# ============================================================================= parent


def spawn(system: str, spec_path: Path, env: dict) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", system, "--spec", str(spec_path)], env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode != 0 or (system != "build" and not lines):
        raise SystemExit(f"the {system} run failed (exit {proc.returncode}); see its error above")
    log(f"  {system}: done in {time.perf_counter() - start:.0f} s (process included)")
    return json.loads(lines[-1][7:]) if lines else {}


def figures(r: dict) -> dict:
    seconds = max(r["seconds"], 1e-9)
    return {
        "sentences": r["sentences"],
        "tokens": r["tokens"],
        "seconds": round(seconds, 2),
        "sent_per_s": round(r["sentences"] / seconds, 3),
        "tok_per_s": round(r["tokens"] / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a third of each article and a folder of 4 (under two minutes)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--workload",
        choices=WORKLOADS,
        default="realistic",
        help="outputs of 1.2x the batch's longest input (realistic), or of vnsum's generation bound (bound) [realistic]",
    )
    parser.add_argument("--repeat", type=int, default=1, help="time naive, ct2 and vnsum this many times, keep the best [1]")
    parser.add_argument("--articles", type=int, default=None, help="articles in the folder workload [8; --quick 4]")
    parser.add_argument("--naive-sentences", type=int, default=None, help="sentences per article for the naive loop [2; --quick 1]")
    parser.add_argument("--threads", type=int, default=None, help="threads for every system [the machine's cores]")
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/vnsum-bench").expanduser(), help="where the built models are kept")
    parser.add_argument("--child", choices=["build", *SYSTEMS], help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.spec)
        return

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    threads = args.threads or cores
    n_articles = args.articles or (4 if args.quick else 8)
    cache = args.cache.expanduser()
    with tempfile.TemporaryDirectory(prefix="vnsum-speed-") as tmp:
        work = Path(tmp)
        folder = work / "in"
        folder.mkdir()
        for i, text in enumerate(make_articles(n_articles, args.quick)):
            (folder / f"article-{i:03d}.txt").write_text(text, encoding="utf-8")
        spec = {
            "cache": str(cache),
            "threads": threads,
            "models": {k: {x: str(p) for x, p in v.items()} for k, v in model_dirs(cache).items()},
            "articles": [article_text(lang, args.quick) for lang in ("vi", "en")],
            "naive_per_article": args.naive_sentences or (1 if args.quick else 2),
            "workload": args.workload,
            "repeat": max(1, args.repeat),
            "folder": str(folder),
            "workdir": str(work),
        }
        spec_path = work / "spec.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ)
        env.update(
            OMP_NUM_THREADS=str(threads),
            VNSUM_CT2_CACHE=str(cache / "vnsum-ct2"),  # vnsum's own conversion, kept with the models
            VNSUM_MEMORY=str(work / "memory.sqlite"),  # a fresh (cold) memory for this run
            HF_HUB_OFFLINE="1",
            TOKENIZERS_PARALLELISM="false",
        )
        log(f"vnsum speed benchmark: {threads} threads, {'quick' if args.quick else 'default'} workloads, models in {cache}")
        spawn("build", spec_path, env)
        # vnsum converts the model for CTranslate2 on first load: do that once, untimed, so
        # that no measured process pays it (and its peak memory is not the converter's).
        spec_prime = dict(spec, articles=[WARMUP["vi"]])
        prime_path = work / "prime.json"
        prime_path.write_text(json.dumps(spec_prime, ensure_ascii=False), encoding="utf-8")
        spawn("vnsum", prime_path, env)
        raw = {}
        for system in SYSTEMS:
            if system == "vnsum_folder":
                env["VNSUM_MEMORY"] = str(work / "memory-folder.sqlite")
            else:
                env["VNSUM_MEMORY"] = str(work / f"memory-{system}.sqlite")
            raw[system] = spawn(system, spec_path, env)
    report(raw, threads, n_articles, args)


def report(raw: dict, threads: int, n_articles: int, args) -> None:
    out = {name: {**figures(r), "peak_mb": r["peak_mb"], "load_s": round(r["load_s"], 2)} for name, r in raw.items()}
    for name in ("vnsum", "vnsum_folder"):
        out[name]["engine"] = raw[name].get("engine")
    naive = out["naive"]
    naive["measured_sentences"] = naive["sentences"]
    # Equal work per sentence in every system: scale the subset's rate to the full workload.
    naive["sent_per_s"] = round(naive["tok_per_s"] * out["ct2"]["sentences"] / out["ct2"]["tokens"], 3)
    for r in out.values():
        r["x_naive"] = round(r["sent_per_s"] / out["naive"]["sent_per_s"], 2)
        r["x_ct2"] = round(r["sent_per_s"] / out["ct2"]["sent_per_s"], 2)
    folder = raw["vnsum_folder"]
    if folder.get("warm"):
        warm = figures(folder["warm"])
        warm["x_cold"] = round(out["vnsum_folder"]["seconds"] / max(warm["seconds"], 1e-9), 1)
        out["vnsum_folder"]["warm"] = warm
    else:
        out["vnsum_folder"]["warm"] = "n/a"
    out["vnsum_folder"]["articles"] = n_articles
    out["vnsum_folder"]["x_one_document"] = round(out["vnsum_folder"]["sent_per_s"] / out["vnsum"]["sent_per_s"], 2)
    out["settings"] = {
        "threads": threads,
        "quick": args.quick,
        "workload": args.workload,
        "repeat": args.repeat,
        "beams": NAIVE_BEAMS,
        "cpu": _cpu_name(),
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"\n{threads} threads, beam 4, {args.workload} workload, {'quick' if args.quick else 'default'} size; CPU: {_cpu_name()}")
    head = f"{'system':<14} {'sentences':>9} {'tokens':>7} {'seconds':>8} {'sent/s':>7} {'tok/s':>7} {'peak MB':>8} {'load s':>7}"
    head += f" {'x naive':>8} {'x ct2':>6}"
    print(head)
    print("-" * len(head))
    for name, r in out.items():
        if name == "settings":
            continue
        print(
            f"{name:<14} {r['sentences']:>9} {r['tokens']:>7} {r['seconds']:>8.1f} {r['sent_per_s']:>7.2f} {r['tok_per_s']:>7.0f}"
            f" {r['peak_mb']:>8.0f} {r['load_s']:>7.1f} {r['x_naive']:>7.1f}x {r['x_ct2']:>5.2f}x"
        )
    warm = out["vnsum_folder"]["warm"]
    if isinstance(warm, dict):
        print(
            f"{'  folder, warm':<14} {warm['sentences']:>9} {warm['tokens']:>7} {warm['seconds']:>8.1f} {warm['sent_per_s']:>7.2f}"
            f" {warm['tok_per_s']:>7.0f}   ({warm['x_cold']}x faster than cold)"
        )
    else:
        print("  folder, warm: n/a (this vnsum has no translation memory)")
    print(
        f"\nvnsum engine: {out['vnsum']['engine']}. Tokens: generated, </s> not counted (naive and ct2 translate a repeated"
        " sentence again; vnsum once). Folder: "
        f"{n_articles} articles, {out['vnsum_folder']['x_one_document']}x the sentences/s of one document."
    )


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


if __name__ == "__main__":
    main()
