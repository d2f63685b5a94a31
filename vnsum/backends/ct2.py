"""The CTranslate2 backend: the same Marian models, converted once, run by CTranslate2.

It keeps the torch backend's contract exactly: the same tokens (``pieces``: the model's
SentencePiece and vocabulary files read directly, token for token what transformers'
tokenizer gives), the same length-sorted batches under the same token budget, the same
target-language token and the same output bound; only generation runs in CTranslate2
(int8 on CPU by default: several times faster than torch). Once a model is converted,
this path imports neither torch nor transformers: they cost more start-up than a short
article's whole translation.

The converted model is cached next to the Hugging Face cache (``VNSUM_CT2_CACHE``
overrides it)::

    <HF_HOME>/vnsum-ct2/<model id>-<revision>-<compute type>/{model.bin,config.json,...}

``<revision>`` is the hub snapshot's commit hash, or for a local folder ``local-`` and a
hash of its files' names, sizes and modification times: a changed model is converted
again. Weights are quantized at conversion time to the requested compute type, so the
files differ per compute type and the type is part of the key (the copy is smaller and
loads without re-quantizing). A conversion goes to a temporary folder renamed into place
when complete, so concurrent processes never see or leave a half-written copy.

ctranslate2 is imported inside functions, and transformers only to convert (first use):
``vnsum --help`` must not pay for them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnsum.backends.pieces import PieceTokenizer, TokenizersPieces, from_transformers, light_tokenizer
from vnsum.backends.seq2seq import Seq2SeqBackend
from vnsum.errors import InputError, ModelUnavailableError, setting
from vnsum.loading import from_pretrained, quiet_transformers, resolve_device
from vnsum.models import cached_snapshot, ensure_available, error_reason, is_local, model_revision, pull, tokenizer_files

BACKENDS = ("auto", "torch", "ct2")
COMPUTE_TYPES = ("int8", "int8_float32", "float16", "float32")
DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "float16"}
CACHE_ENV = "VNSUM_CT2_CACHE"
INSTALL_HINT = f"install it with `pip install 'ctranslate2>=4.5'`, or use {setting('backend')} torch"
_WEIGHTS = ("*.safetensors", "pytorch_model*.bin")


def ct2_installed() -> bool:
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(backend: str, device: str, compute_type: str | None = None) -> str:
    """``"ct2"`` or ``"torch"`` for ``--backend``/``--device``/``--compute-type``.

    auto: CTranslate2 when it is installed and the device resolves to the CPU (or a
    compute type, which only CTranslate2 has, was asked for); torch otherwise.
    """
    if backend not in BACKENDS:
        raise InputError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if compute_type is not None and compute_type not in COMPUTE_TYPES:
        raise InputError(f"unknown compute type {compute_type!r}; use one of {', '.join(COMPUTE_TYPES)}")
    if backend == "torch":
        if compute_type:
            raise InputError(f"{setting('compute_type')} applies to the CTranslate2 backend only (use {setting('backend')} ct2 or auto)")
        return "torch"
    if backend == "ct2" or compute_type:
        if not ct2_installed():
            what = f"{setting('backend')} ct2" if backend == "ct2" else setting("compute_type")
            raise InputError(f"{what} needs CTranslate2, which is not installed: {INSTALL_HINT}")
        return "ct2"
    if device == "cuda" or not ct2_installed():
        return "torch"
    return "ct2" if resolve_device(device, engine="ct2") == "cpu" else "torch"


def target_vocabulary(model_dir: Path) -> set[str] | None:
    """The tokens a converted model can generate (None if its vocabulary file is not found)."""
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        path = Path(model_dir) / name
        if path.is_file():
            return set(json.loads(path.read_text(encoding="utf-8")))
    for name in ("target_vocabulary.txt", "shared_vocabulary.txt"):
        path = Path(model_dir) / name
        if path.is_file():
            return set(path.read_text(encoding="utf-8").splitlines())
    return None


def supported_compute_type(compute_type: str, device: str) -> str:
    """``compute_type`` if CTranslate2 runs it on ``device``; else an InputError listing those it does."""
    import ctranslate2

    if compute_type not in COMPUTE_TYPES:
        raise InputError(f"unknown compute type {compute_type!r}; use one of {', '.join(COMPUTE_TYPES)}")
    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type not in supported:
        usable = ", ".join(t for t in COMPUTE_TYPES if t in supported)
        raise InputError(f"{setting('compute_type')} {compute_type} is not supported on this {device}; use one of {usable}")
    return compute_type


def cpu_cores() -> int:
    """Cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# -- conversion cache ----------------------------------------------------------


def cache_root() -> Path:
    """``$VNSUM_CT2_CACHE``, else ``vnsum-ct2`` beside the Hugging Face hub cache."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE).expanduser().parent / "vnsum-ct2"


def _has_weights(folder: Path) -> bool:
    return any(next(folder.glob(pattern), None) for pattern in _WEIGHTS)


def model_source(model: str) -> tuple[Path, str, str]:
    """(folder to convert from, name part of the key, revision part of the key)."""
    if is_local(model):
        folder = Path(model).expanduser().resolve()
        return folder, folder.name, str(model_revision(str(folder)))
    snapshot = cached_snapshot(model)
    if snapshot is None or not _has_weights(snapshot):
        pull(model)  # downloads what is missing, with the hub client's progress bars
        snapshot = cached_snapshot(model)
        if snapshot is None:
            raise ModelUnavailableError(model, "its config.json is not in the local cache after download")
    return snapshot, model.replace("/", "--"), str(model_revision(model))


def converted_dir(model: str, compute_type: str) -> tuple[Path, Path]:
    """(source folder, cache folder of the converted model) for ``model`` at ``compute_type``."""
    source, name, revision = model_source(model)
    safe = re.sub(r"[^\w.-]+", "_", name).strip("._") or "model"
    return source, cache_root() / f"{safe}-{revision}-{compute_type}"


def is_converted(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / "config.json").is_file()


def convert(model: str, source: Path, target: Path, compute_type: str) -> Path:
    """Convert ``source`` into ``target`` (once: an existing complete copy is kept)."""
    if is_converted(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"vnsum: converting {model} for CTranslate2 ({compute_type}; one time, cached in {target})…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        from ctranslate2.converters import TransformersConverter

        quiet_transformers()
        try:
            TransformersConverter(str(source)).convert(str(tmp / "model"), quantization=compute_type, force=True)
        except Exception as e:  # unsupported architecture, broken or missing weights...
            raise ModelUnavailableError(model, f"it cannot be converted for CTranslate2 ({error_reason(e)})") from None
        try:
            os.rename(tmp / "model", target)
        except OSError:
            if not is_converted(target):  # not another process finishing first: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"vnsum: converted {model} in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return target


def require_ctranslate2() -> Any:
    """The ``ctranslate2`` module, or an InputError with the install hint."""
    try:
        import ctranslate2
    except ImportError:
        raise InputError(f"the CTranslate2 backend needs ctranslate2, which is not installed: {INSTALL_HINT}") from None
    return ctranslate2


@dataclass(frozen=True)
class LoadedCT2:
    """A model converted for CTranslate2 and loaded: the translator, its tokenizer, where it came from."""

    translator: Any  # ctranslate2.Translator
    tokenizer: PieceTokenizer
    source: Path  # the Hugging Face folder it was converted from
    model_dir: Path  # the converted copy
    threads: int
    generation: dict[str, Any]  # the source's generation config
    config: dict[str, Any]  # the source's config.json


def load_converted(
    model: str,
    device: str,
    compute_type: str,
    threads: int | None,
    check: Callable[[Path, PieceTokenizer], None] | None = None,
) -> LoadedCT2:
    """Convert ``model`` for CTranslate2 at ``compute_type`` (once: cached) and load it on
    ``device`` with its tokenizer; ``check`` may refuse the converted copy before it loads.

    Once converted, nothing here imports torch or transformers (see ``pieces``)."""
    ctranslate2 = require_ctranslate2()
    source, model_dir = converted_dir(model, compute_type)
    tokenizer = _light_tokenizer(model, source, model_dir)  # a broken tokenizer fails before converting
    convert(model, source, model_dir, compute_type)
    if tokenizer is None:
        tokenizer = _light_tokenizer(model, source, model_dir) or _transformers_tokenizer(model, source, model_dir)
    if check is not None:
        check(model_dir, tokenizer)
    threads = threads or cpu_cores()
    try:
        translator = ctranslate2.Translator(
            str(model_dir), device=device, compute_type=compute_type, intra_threads=threads, inter_threads=1
        )
    except (RuntimeError, ValueError, OSError) as e:
        reason = f"its CTranslate2 copy in {model_dir} cannot be loaded ({error_reason(e)}); delete that folder to convert again"
        raise ModelUnavailableError(model, reason) from None
    config = _read_json(source, "config.json")
    return LoadedCT2(translator, tokenizer, source, model_dir, threads, _read_json(source, "generation_config.json", "config.json"), config)


def _light_tokenizer(model: str, source: Path, model_dir: Path) -> PieceTokenizer | None:
    try:
        return light_tokenizer(source, model_dir)
    except Exception as e:  # noqa: BLE001 — whatever a damaged file makes SentencePiece or tokenizers raise
        found = ", ".join(tokenizer_files(source)) or "none"
        reason = f"its tokenizer cannot be loaded ({error_reason(e)}): a tokenizer file is missing or damaged (the folder has: {found})"
        raise ModelUnavailableError(model, reason) from None


def _transformers_tokenizer(model: str, source: Path, model_dir: Path) -> PieceTokenizer:
    """transformers' tokenizer (imported once); a ``tokenizers`` one is saved beside the
    converted model so that later runs load it without transformers."""
    from transformers import AutoTokenizer

    quiet_transformers()
    tokenizer = from_transformers(from_pretrained(AutoTokenizer, model), source)
    if isinstance(tokenizer, TokenizersPieces) and is_converted(model_dir):
        try:
            tokenizer.save(model_dir)
        except OSError:  # a read-only cache: slower next time, not wrong
            pass
    return tokenizer


def _read_json(source: Path, *names: str) -> dict[str, Any]:
    """The first of ``names`` in ``source`` that is a JSON object ({} if none)."""
    for name in names:
        try:
            value = json.loads((source / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(value, dict):
            return value
    return {}


# -- the backend ----------------------------------------------------------------


class CT2Backend(Seq2SeqBackend):
    """A Hugging Face Marian model converted for CTranslate2; the torch backend's batching and bounds."""

    def __init__(
        self,
        model: str,
        target_lang: str,
        *,
        device: str = "auto",
        compute_type: str | None = None,
        beams: int | None = None,
        batch_tokens: int = 4096,
        max_batch: int = 64,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        ensure_available(model)
        require_ctranslate2()
        self.device = resolve_device(device, engine="ct2")
        self.compute_type = supported_compute_type(compute_type or DEFAULT_COMPUTE_TYPE[self.device], self.device)

        loaded = load_converted(model, self.device, self.compute_type, threads)
        self.translator, self.model_dir, self.threads = loaded.translator, loaded.model_dir, loaded.threads
        self.tokenizer = loaded.tokenizer
        limit = loaded.config.get("max_position_embeddings")
        self._set_model_facts(self.tokenizer.vocab, self.tokenizer.model_max_length, model, target_lang, limit)
        generation = loaded.generation
        self.beams = beams or generation.get("num_beams") or 1
        self.length_penalty = float(generation.get("length_penalty") or 1.0)
        # Token sequences the model must never produce (opus-mt: the pad token). The converter
        # leaves <pad> out of CTranslate2's vocabulary (it can never be generated there), and
        # CTranslate2 rejects unknown tokens: keep only sequences it knows.
        vocabulary = target_vocabulary(self.model_dir)
        tokens = {i: t for t, i in self.tokenizer.vocab.items()}
        suppress = [[tokens.get(i, "<unk>") for i in ids] for ids in generation.get("bad_words_ids") or []]
        self.suppress = [seq for seq in suppress if vocabulary is None or all(t in vocabulary for t in seq)]
        self.batch_tokens = batch_tokens
        self.max_batch = max_batch

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(tokens) for tokens in self.tokenizer.encode(self._prefixed(texts))]

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        if not texts:
            return []
        tokens = self.tokenizer.encode(self._prefixed(texts))  # with </s>, as CTranslate2 expects
        lengths = [len(x) for x in tokens]
        self.check_lengths(lengths)
        out: list[str] = [""] * len(texts)
        for batch in self.batches(lengths):
            # The torch backend's bound on new tokens, from the longest input of the batch.
            # There the last of them is a forced </s>; CTranslate2 does not count </s>, so
            # ``limit - 1`` words here are exactly the torch backend's outputs.
            limit = self.output_bound(max(lengths[i] for i in batch))
            bound = max(1, limit - 1)
            results = self.translator.translate_batch(
                [tokens[i] for i in batch],
                max_batch_size=len(batch),
                beam_size=self.beams,
                length_penalty=self.length_penalty,
                max_decoding_length=bound,
                suppress_sequences=self.suppress or None,
                return_scores=False,
            )
            self.model_calls += 1
            hypotheses = [r.hypotheses[0] for r in results]
            for i, hypothesis in zip(batch, hypotheses, strict=True):
                out[i] = self.tokenizer.decode(hypothesis).strip()
                if len(hypothesis) >= bound:
                    self.length_limited.add(texts[i])
            if progress:
                progress(len(batch))
        return out
